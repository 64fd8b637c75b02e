"""Which English a term gets, and where it came from (`Term.english_source`).

In order:
1. the curated entry's ("curated");
2. the articles' own pairs ("article"), the English they give most often, a full name over
   a bare abbreviation (Peace Research Institute Oslo over PRIO);
3. the names tables ("names", nametable.py): data/variants/names.tsv and the glossary's own
   data/glossary/names.tsv, today's names CC-CEDICT lacks or gets wrong (John Lee, not
   pinyin; the Ministry of Commerce, not of Trade);
4. CC-CEDICT's first fitting sense of any spelling ("cedict", see cedict.py). A ministry is
   a ministry: CC-CEDICT's "Department of Commerce" for 商务部 reads "Ministry of Commerce",
   unless a foreign country's name comes first (美国商务部, the US Department of Commerce);
5. the translation memory, when a spelling is a whole text the memory has ("memory");
6. a place and a word CC-CEDICT knows, put together ("composed"): 香港 + 国际机场 is "Hong
   Kong International Airport", 香港 + 高等法院 "Hong Kong High Court" (not a generic
   word: 远东 + 地区 is no "Far East Local");
7. a Chinese person's name romanised as the region writing about them does ("romanised"):
   pinyin when only mainland articles name the person (Chen Binhua). Taiwan's Wade–Giles
   (Huang Kuo-chang) is written but switched off (TAIWAN_ROMANISATION) until Hong Kong
   articles stop being taken for Taiwan ones; Hong Kong names have Cantonese romanisations
   (John Lee, Lee Ka-chiu) no offline source gives reliably: they get none;
8. else "": the entry says English is missing, and the term goes to the curator's queue.
People wrote the curated English and the pairs, so they win over the dictionaries.

Sections: public API, then helpers.
"""

from __future__ import annotations

import re
from collections import Counter

from duizhao.english.memory import Memory
from duizhao.glossary import cedict, nametable, readings
from duizhao.glossary.curated import CuratedTerm
from duizhao.glossary.pairs import Pair


def choose_english(
    primary: str,
    aliases: tuple[str, ...],
    kind: str,
    curated: CuratedTerm | None,
    pairs: list[Pair],
    memory: Memory | None,
    scripts: Counter[str] | None = None,
) -> tuple[str, str]:
    """(English, source) for a term whose main spelling is `primary`; `scripts` counts the
    scripts of the articles it occurs in (hans, tw, hk …), for romanising names."""
    if curated and curated.en:
        return curated.en, "curated"
    if pairs:
        named = Counter(pair.english for pair in pairs if pair.english != pair.abbreviation)
        if named:
            return named.most_common(1)[0][0], "article"
        return pairs[0].english, "article"
    spellings = (primary, *aliases)
    table = nametable.by_simplified()
    for spelling in spellings:
        if (row := table.get(spelling)) and row.english:
            return row.english, "names"
    for spelling in spellings:
        if english := cedict.english_for(spelling, kind):
            return _ministry(spelling, english), "cedict"
    if memory is not None:
        for spelling in spellings:
            entry = memory.get(spelling)
            if entry is not None and entry.target.strip():
                return entry.target.strip(), "memory"
    if english := _composed(primary, kind):
        return english, "composed"
    if kind == "person" and (english := _romanised(primary, scripts or Counter())):
        return english, "romanised"
    return "", ""


# Off while the variants stage takes most Hong Kong articles for Taiwan ones (issue 18): a
# Hong Kong official would be romanised "Chen Mao-po" instead of "Chan Mo-po".
TAIWAN_ROMANISATION = False


# --- helpers ----------------------------------------------------------------------------


def _ministry(word: str, english: str) -> str:
    """部 is a ministry, unless a foreign country's name comes first (美国商务部)."""
    if not word.endswith("部") or "Department" not in english:
        return english
    for entry in cedict.entries(word):
        for sense in entry[2].split("/"):
            if sense.startswith("Ministry of"):
                return sense.strip()
    if english.startswith("Department of"):
        return "Ministry of" + english.removeprefix("Department of")
    return english


def _composed(word: str, kind: str) -> str:
    """A place and a word CC-CEDICT knows: 香港国际机场 → Hong Kong International Airport."""
    if kind not in ("organisation", "place", "term"):
        return ""
    for cut in range(len(word) - 2, 1, -1):
        place, rest = word[:cut], word[cut:]
        if rest in _GENERIC_PARTS:
            continue
        if cedict.kind_of(place) != "place" and not _gazetteer(place):
            continue
        place_english = cedict.english_for(place, "place")
        rest_english = cedict.english_for(rest, kind)
        if place_english and rest_english and len(rest) >= 2:
            rest_english = re.sub(r"^(?:the|a|an) ", "", rest_english)
            return f"{place_english} {_title(rest_english)}"
    return ""


# Words that qualify a place rather than name something of it.
_GENERIC_PARTS = frozenset(
    "地区 地方 方面 当局 政府 一带 周边 境内 境外 全境 本土 人民 民众".split()
)


def _gazetteer(word: str) -> bool:
    from duizhao.glossary.vocabulary import gazetteer_place

    return gazetteer_place(word)


def _title(text: str) -> str:
    small = {"of", "and", "the", "for", "in", "on", "to", "a", "an"}
    words = text.split()
    return " ".join(
        w if (i and w in small) or not w[:1].isalpha() else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _romanised(word: str, scripts: Counter[str]) -> str:
    """A Chinese name as the region writing about the person romanises it; "" for names
    written about mostly from Hong Kong, and for names that are not Chinese."""
    if not readings.is_chinese_name(word, "") or len(scripts) != 1:
        return ""  # written about from several regions: whose romanisation?
    (region,) = scripts
    if region == "hans":
        return readings.pinyin_name(word)
    if region == "tw" and TAIWAN_ROMANISATION:
        return readings.wade_giles_name(word)
    return ""  # Hong Kong's Cantonese (Lee Ka-chiu, not Li Jiachao): no offline source
