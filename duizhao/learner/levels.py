"""An article's difficulty: the share of its words at each HSK 3.0 level, and a label.

The method (also in the README):
- Words are the article's running words (every occurrence counts) from the segmentation,
  title and text, only those holding a Han character: numbers, Latin and punctuation are not
  words a reader learns.
- Each word is graded by the HSK 3.0 list (GF0025-2021): its own level; else, a compound the
  list lacks (外交部, 双边关系), the highest level of the listed words it is made of; else
  "beyond HSK". Names (the glossary's people, places and organisations, the names table, and
  words CC-CEDICT knows only as proper nouns) are a class of their own: a reader meets them
  glossed and need not know them, so they do not make an article harder.
- Shares are whole percentages of all words, names included, rounded so that they add up to
  exactly 100 (largest remainder).
- The label is the lowest level at which a reader knows COVERAGE (85%) of the words that
  are not names: "HSK 5" means the words of levels 1–5 are 85% of them. If 7–9 does not,
  the label is "beyond HSK 7–9".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from duizhao.learner.hsk import BAND, LEVELS

COVERAGE = 0.85
BEYOND = 0  # not in the list, nor made of listed words
NAMES = -1
CLASSES: tuple[int, ...] = (*LEVELS, BEYOND, NAMES)
LABEL_BEYOND = 8  # the label's level when 7–9 does not reach COVERAGE


@dataclass(frozen=True)
class Levels:
    words: int  # running words graded
    shares: dict[int, int]  # class -> whole percent, adding up to 100 (empty when no words)
    level: int  # the label's level: 1..7, LABEL_BEYOND, or 0 for an article without words

    def to_json(self) -> dict[str, object]:
        return {"words": self.words, "shares": {str(k): v for k, v in self.shares.items()},
                "level": self.level}  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Levels:
        shares = data["shares"]
        assert isinstance(shares, dict)
        return cls(int(str(data["words"])), {int(k): int(v) for k, v in shares.items()},
                   int(str(data["level"])))  # fmt: skip


def grade(classes: Iterable[int]) -> Levels:
    """Levels from the class of every running word (a level, BEYOND or NAMES)."""
    counts = Counter(classes)
    total = sum(counts.values())
    if not total:
        return Levels(0, {}, 0)
    shares = whole_percentages({c: counts.get(c, 0) for c in CLASSES})
    learnable = total - counts.get(NAMES, 0)
    level = LABEL_BEYOND
    known = 0
    for each in LEVELS:
        known += counts.get(each, 0)
        if learnable == 0 or known >= COVERAGE * learnable:
            level = each
            break
    return Levels(total, shares, level)


def whole_percentages(counts: dict[int, int]) -> dict[int, int]:
    """Counts as whole percentages adding up to exactly 100: floors, then one more point
    each to the largest remainders (ties: the order given)."""
    total = sum(counts.values())
    exact = {key: 100 * count / total for key, count in counts.items()}
    shares = {key: int(value) for key, value in exact.items()}
    missing = 100 - sum(shares.values())
    by_remainder = sorted(exact, key=lambda key: -(exact[key] - shares[key]))
    for key in by_remainder[:missing]:
        shares[key] += 1
    return shares


def level_name(level: int) -> str:
    """The label of a level: "HSK 4", "HSK 7–9", "beyond HSK 7–9" (English; see render.py
    for the reader's script)."""
    if level == LABEL_BEYOND:
        return "beyond HSK 7–9"
    if level >= BAND:
        return "HSK 7–9"
    return f"HSK {level}" if level else ""
