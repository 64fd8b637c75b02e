"""Which English a term gets, and where it came from (`Term.english_source`).

In order: the curated entry's ("curated"); else the articles' own pairs ("article"), the
English they give most often, a full name over a bare abbreviation (Peace Research Institute
Oslo over PRIO); else CC-CEDICT's first fitting sense of any spelling ("cedict", see
cedict.py); else the translation memory, when a spelling is a whole text the memory has
("memory"); else "". People wrote the curated English and the pairs, so they win over the
dictionaries.

Sections: public API.
"""

from __future__ import annotations

from collections import Counter

from duizhao.english.memory import Memory
from duizhao.glossary import cedict
from duizhao.glossary.curated import CuratedTerm
from duizhao.glossary.pairs import Pair


def choose_english(
    primary: str,
    aliases: tuple[str, ...],
    kind: str,
    curated: CuratedTerm | None,
    pairs: list[Pair],
    memory: Memory | None,
) -> tuple[str, str]:
    """(English, source) for a term whose main spelling is `primary`."""
    if curated and curated.en:
        return curated.en, "curated"
    if pairs:
        named = Counter(pair.english for pair in pairs if pair.english != pair.abbreviation)
        if named:
            return named.most_common(1)[0][0], "article"
        return pairs[0].english, "article"
    for spelling in (primary, *aliases):
        if english := cedict.english_for(spelling, kind):
            return english, "cedict"
    if memory is not None:
        for spelling in (primary, *aliases):
            entry = memory.get(spelling)
            if entry is not None and entry.target.strip():
                return entry.target.strip(), "memory"
    return "", ""
