"""Which candidates are ordinary vocabulary rather than terms, and the gazetteer that tells.

units.py asks `ordinary` and `compositional` of every candidate; a reason comes back when
the candidate is not a term, "" when it may be one:
- a language's name (中文, 英语): ordinary vocabulary;
- a common word: CC-CEDICT knows it only as a common word and it is frequent in jieba's
  corpus (表示, 记者, 今年), or its senses name no place (巴士 "bus", 滑雪 "to ski") — but
  a common word whose senses name a place is a polity's vocabulary and may be a term (两岸
  "Taiwan and mainland", 特首 "… (Hong Kong or Macao)", 一国两制);
- a title or office (总统, 国务卿, 保安局局长);
- a word that means different events in different articles (AMBIGUOUS: 冬奥, 奥运会, 峰会);
- the people of a place (港人, 维吾尔人), or a verb or preposition before a one-character
  place name (对华, 来台);
- a word jieba tags as a name whose parts are a surname-like character and a common word
  (高水平);
- a place and a word for its government or leader (美国政府, 英国首相): the place is the term.

The gazetteer is CC-CEDICT's own: the English names of its place entries (China, Taiwan,
Hong Kong, Alaska …), about five thousand. It says which senses name a place, and which
names are places though jieba tags them as people (阿拉斯加).

Sections: public API, then the gazetteer.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from functools import cache
from typing import Any

from duizhao.glossary import cedict
from duizhao.glossary.candidates import TITLES

COMMON = "a common word"  # every common-word reason starts so (units.py may overrule it)
AMBIGUOUS_REASON = "means different events"  # units.py: such a word keeps its parts inside it
COMMON_FREQUENCY = 1000  # jieba's count (of 60 million words) that makes a word ordinary


# Event names that mean different events in different articles: the Games of which year?
# Not terms on their own; a curated entry can make them a context alias (curated.py).
AMBIGUOUS = frozenset(
    "奥运会 奥林匹克 奥林匹克运动会 冬奥 冬奥会 冬季奥运会 夏季奥运会 峰会 两会 世界杯 大选".split()
)
# One-character names of countries and regions, as in 中美, 对华, 来台.
COUNTRY_SHORT = frozenset("中华美俄欧乌英法德日韩朝印台港澳越泰巴以伊叙")
_LANGUAGE = ("language", "Chinese (language)", "English (language)")
# What a language's name is put before to say "the … edition" (中文网 "Chinese website",
# 英文版 "English edition"): ordinary vocabulary; the outlet's name is the term (FT中文网).
LANGUAGE_EDITIONS = frozenset("网 版 网站 频道 台".split())
# What a country's government or leader is called; "place + one of these" is no term.
GOVERNMENT_WORDS = frozenset(
    "政府 当局 总统 总理 首相 外长 国防部长 元首 领导人 人民 代表团 体育代表团 官员 官方 军方 "
    "大使馆 使馆 驻华大使 队 国家队 民众 媒体 外交部 企业 公司 市场 经济 股市".split()
)
ADMIN_SUFFIXES = ("省", "市", "县", "区", "州")


def ordinary(
    spelling: str,
    decision: Any,
    frequency: Mapping[str, int],
    tags: Mapping[str, str],
    decisions_kept: Collection[str] = (),
) -> str:
    """Why a candidate is ordinary vocabulary, or ""."""
    found = cedict.entries(spelling)
    proper = [entry for entry in found if cedict.proper(entry) and not minor_place(entry)]
    polity = any(names_something(entry) for entry in found if not cedict.proper(entry))
    if proper and all(any(w in entry[2] for w in _LANGUAGE) for entry in proper):
        return "a language's name: ordinary vocabulary"
    if spelling[2:] in LANGUAGE_EDITIONS and _language(spelling[:2]):
        return f"{spelling[:2]} + {spelling[2:]}: a language's edition, ordinary vocabulary"
    if found and not proper and not polity and frequency.get(spelling, 0) >= COMMON_FREQUENCY:
        return f"a common word (CC-CEDICT; {frequency[spelling]:,} in jieba's corpus)"
    for title in TITLES:  # an office and its holder's title: 保安局局长, 国家主席
        if spelling.endswith(title) and (len(spelling) > len(title) or not polity):
            return "a title or office held by many (总统, 局长): ordinary vocabulary"
    found_only = decision.reasons.keys() <= {"name", "quoted", "head", "dictionary"}
    if found and not proper and not polity and found_only:
        return "a common word: CC-CEDICT's senses name no place or institution"
    if spelling in AMBIGUOUS:
        return f"{AMBIGUOUS_REASON} in different articles: curate it with years or words"
    if spelling.endswith("人") and (
        spelling[:-1] in decisions_kept or spelling[-2] in COUNTRY_SHORT
    ):
        return f"the people of {spelling[:-1]}: ordinary vocabulary (the place is the term)"
    short = len(spelling) == 2 and spelling[1] in COUNTRY_SHORT
    if short and spelling[0] not in COUNTRY_SHORT and not proper:
        return f"a verb or preposition before {spelling[1]} (对华, 来台): not a name"
    if not found and len(spelling) == 3 and decision.reasons.keys() <= {"name", "surname"}:
        # jieba tags 高水平 as a name: 高 is a surname, 水平 a common word
        if frequency.get(spelling[1:], 0) >= COMMON_FREQUENCY:
            return f"a surname-like character before the common word {spelling[1:]}"
        if (frequency.get(spelling, 0) >= 50 and not str(tags.get(spelling, "")).startswith("nr")
                and decision.reasons.keys() <= {"name"}):  # fmt: skip
            return "a dictionary word jieba tags as a name"
    return ""


def _language(word: str) -> bool:
    """CC-CEDICT knows the word as a language's name (中文, 英文, 英语)."""
    return any(w in entry[2] for entry in cedict.entries(word) for w in _LANGUAGE)


_MINOR_PLACE = re.compile(r"^[^/]*\b(?:[Dd]istrict|[Cc]ounty|[Tt]ownship|town|village|surname)\b")


def minor_place(entry: cedict.Entry) -> bool:
    """A proper noun that is only a small place's name (和平 is a district of Shenyang): the
    word's name use is a rare homonym of the common word."""
    return bool(_MINOR_PLACE.match(entry[2]))


_REFERENCE = re.compile(
    r"(?<![^\x00-\x7f])[^\x00-\x7f]++(?:\|[^\x00-\x7f]+)?\[[^\]]*\]|\bCL:.*|\babbr\."
)


_NOT_NAMING = re.compile(
    r"(?:^|/)(?:Taiwan |old |Japanese )?variant of[^/]*|\(but in Taiwan[^)]*\)|\(Buddhism\)"
)


def names_something(entry: cedict.Entry) -> bool:
    """CC-CEDICT's senses of a common word name a place (两岸 "Taiwan and mainland", 特首
    "… (Hong Kong or Macao)", 立法会 "… (Hong Kong)"): news vocabulary of a polity rather
    than an ordinary word (巴士 "bus", 滑雪 "to ski"). The places are the English names of
    CC-CEDICT's own place entries (a gazetteer of about five thousand names)."""
    senses = _REFERENCE.sub(" ", _NOT_NAMING.sub(" ", entry[2]))
    return any(place in senses for place in _mentioned_places(senses))


def _mentioned_places(senses: str) -> list[str]:
    words = re.findall(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?", senses)
    return [word for word in words if word in place_names() or word.split(" ")[0] in place_names()]


def is_place(word: str, decisions: Mapping[str, Any], tags: Mapping[str, str]) -> bool:
    """CC-CEDICT, its English (the gazetteer) or jieba call it a place, or most of its
    candidates' hints do."""
    if cedict.kind_of(word) == "place" or str(tags.get(word, "")) == "ns" or gazetteer_place(word):
        return True
    decision = decisions.get(word)
    if decision is None or not decision.kinds:
        return False
    return bool(decision.kinds.most_common(1)[0][0] == "place")


def gazetteer_place(word: str) -> bool:
    """CC-CEDICT names the word, in its first proper sense, with a place's English name
    (阿拉斯加 "Alaska", though jieba tags it a person)."""
    for entry in cedict.entries(word):
        if cedict.proper(entry):
            name = re.split(r"[,;(/]", entry[2])[0].strip()
            return name in place_names()
    return False


@cache
def place_names() -> frozenset[str]:
    """English names of places: the first sense of CC-CEDICT's proper nouns that jieba tags
    as places or whose sense says country, province, city …: China, Taiwan, Hong Kong."""
    from duizhao.glossary.names import base_tag

    names = set()
    for word, entries in cedict.index().items():
        for entry in entries:
            if cedict.proper(entry) and (base_tag(word) == "ns" or cedict.kind_of(word) == "place"):
                first = entry[2].split("/")[0]
                name = re.split(r"[,;(]", first)[0].strip()
                if re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", name):
                    names.add(name)
    return frozenset(names)


def compositional(spelling: str, decisions: Mapping[str, Any], tags: Mapping[str, str]) -> str:
    """Why a candidate is a place and a word for its government or leader, or ""."""
    for cut in range(2, len(spelling) - 1):
        place, rest = spelling[:cut], spelling[cut:]
        if rest in GOVERNMENT_WORDS and is_place(place, decisions, tags):
            return f"{place} + {rest}: the place is the term"
    return ""
