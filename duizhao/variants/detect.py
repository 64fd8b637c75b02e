"""Which script, and which region, a text is written in.

Scripts are told apart by characters only one of them uses, regions by the characters and
words each writes its own way; all of it is derived from OpenCC's tables and ours, not
listed by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from duizhao.variants.catalogue import neutral_traditional, regions, stock, tag_of_region
from duizhao.variants.tables import concepts


def detect_script(text: str) -> str:
    """Which script the text is written in: "hans" or "hant".

    Counts characters that only one script uses (derived from OpenCC's own character
    tables), so a Simplified text with a few Traditional characters (看著, 衝突) stays
    "hans". Text with no such characters counts as "hans", the default.
    """
    classes = _char_classes()
    simplified = len(classes.simplified_only.findall(text))
    traditional = len(classes.traditional_only.findall(text))
    return "hant" if traditional > simplified else "hans"


def detect_region(text: str) -> str | None:
    """For Traditional text: "tw" or "hk" when the evidence leans one way, else None.

    Evidence: characters the other region writes differently (OpenCC's t2tw and t2hk
    tables: 說/説, 裡/裏, 着/著), regional terms from our tables (普丁, 視像) and a few
    Cantonese characters (嘅, 咗, 喺). Simplified text gives None.
    """
    if detect_script(text) != "hant":
        return None
    classes = _char_classes()
    vocab = region_vocabulary()
    taiwan = len(classes.not_hongkong.findall(text)) + _WORD_WEIGHT * _count(vocab["tw"], text)
    hongkong = (
        len(classes.not_taiwan.findall(text))
        + _WORD_WEIGHT * _count(vocab["hk"], text)
        + _WORD_WEIGHT * len(_CANTONESE.findall(text))
    )
    if taiwan == hongkong:
        return None
    return "tw" if taiwan > hongkong else "hk"


def detect_source(text: str) -> str:
    """One of the sources: the script, refined to a region for Traditional text."""
    if detect_script(text) == "hans":
        return "hans"
    return detect_region(text) or "hant"


_WORD_WEIGHT = 3  # a regional word is stronger evidence than a single variant character
_CANTONESE = re.compile("[嘅咗喺哋啲冇嚟佢]")  # written Cantonese: Hong Kong, never Taiwan
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000))  # Extension A and the basic block


@dataclass(frozen=True)
class _CharClasses:
    simplified_only: re.Pattern[str]  # s2t changes it; t2s does not
    traditional_only: re.Pattern[str]  # t2s changes it; s2t does not
    not_taiwan: re.Pattern[str]  # t2tw changes it: Taiwan writes it differently
    not_hongkong: re.Pattern[str]  # t2hk changes it: Hong Kong writes it differently


@cache
def _char_classes() -> _CharClasses:
    """Character sets derived from OpenCC's own tables, one character at a time."""
    chars = [chr(c) for start, stop in _CJK_RANGES for c in range(start, stop)]
    joined = "\n".join(chars)

    def changed(config: str) -> set[str]:
        outputs = stock(config).convert(joined).split("\n")
        return {c for c, out in zip(chars, outputs, strict=True) if out != c}

    simplified, traditional = changed("s2t"), changed("t2s")
    both = simplified & traditional  # a handful (麽, 苧) that both directions change
    return _CharClasses(
        simplified_only=_char_class(simplified - both),
        traditional_only=_char_class(traditional - both),
        not_taiwan=_char_class(changed("t2tw")),
        not_hongkong=_char_class(changed("t2hk")),
    )


def _char_class(chars: set[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")


def has_script_evidence(text: str) -> bool:
    classes = _char_classes()
    return bool(classes.simplified_only.search(text) or classes.traditional_only.search(text))


@cache
def region_vocabulary() -> dict[str, re.Pattern[str] | None]:
    """Terms from our tables that only one region writes that way."""
    forms: dict[str, set[str]] = {"tw": set(), "hk": set()}
    for concept in concepts():
        neutral = concept.form(neutral_traditional())
        for region, tag in ((r, tag_of_region(r)) for r in regions()):
            forms[region] |= concept.accepted(tag) - {neutral}
    exclusive = {"tw": forms["tw"] - forms["hk"], "hk": forms["hk"] - forms["tw"]}
    return {region: _alternation(words) for region, words in exclusive.items()}


def _alternation(words: set[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def _count(pattern: re.Pattern[str] | None, text: str) -> int:
    return 0 if pattern is None else len(pattern.findall(text))
