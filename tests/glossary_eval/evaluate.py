"""Measure the automatic glossary against the labelled set (README.md beside this file).

    .venv/bin/python tests/glossary_eval/evaluate.py          # the figures, and what missed
    .venv/bin/python tests/glossary_eval/evaluate.py --json   # the figures only, as JSON
    .venv/bin/python tests/glossary_eval/evaluate.py --only 01-23   # a split: those articles

The glossary is built from the 47 articles without the curated file (data/glossary.yaml)
and without a translation memory: what the rules find on their own. The figures:

- precision: of the glossary's terms, the share whose main (Simplified) spelling is a
  labelled term (`hans` of any label);
- recall: of the labelled terms that occur in two or more articles (204), the share that
  is a spelling (main or alias) of some term of the glossary; and, stricter, of their
  labelled occurrences (term, article), the share the glossary lists for that article;
- English: the share of terms with English at all, and of the correct terms, the share
  whose English agrees with the label (case, articles, brackets and punctuation aside;
  or one contains the other);
- pinyin: of the correct terms, the share whose reading has the label's syllables and tones
  (word breaks, capitals and apostrophes aside).

Targets (issue 20): precision ≥ 95%, recall ≥ 90%, English on ≥ 95% of terms;
tests/test_glossary_eval.py fails under any of them.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from duizhao.glossary import Glossary, build_glossary  # noqa: E402
from duizhao.ingest.seeds import parse_seed, slug_for  # noqa: E402
from duizhao.record import Article  # noqa: E402

ARTICLES = HERE / "articles"
LABELS = HERE / "labels.yaml"
TARGETS = {"precision": 0.95, "recall": 0.90, "english": 0.95}


@dataclass
class Figures:
    terms: int = 0
    precision: float = 0.0
    recall: float = 0.0
    occurrence_recall: float = 0.0
    english: float = 0.0
    english_correct: float = 0.0
    pinyin_correct: float = 0.0
    wrong: list[str] = field(default_factory=list)  # terms that are not labelled
    missed: list[str] = field(default_factory=list)  # labelled in 2+ articles, not found
    missed_occurrences: list[str] = field(default_factory=list)
    english_disagreements: list[str] = field(default_factory=list)
    pinyin_disagreements: list[str] = field(default_factory=list)
    without_english: list[str] = field(default_factory=list)


ONLY: tuple[int, int] | None = None  # --only 01-23: the articles numbered so, alone


def _chosen(name: str) -> bool:
    return ONLY is None or ONLY[0] <= int(name[:2]) <= ONLY[1]


@cache
def _all_articles() -> tuple[Article, ...]:
    return tuple(parse_seed(path) for path in sorted(ARTICLES.glob("*.txt")))


def articles() -> tuple[Article, ...]:
    return tuple(a for a in _all_articles() if _chosen(a.seed_name))


@cache
def _all_labels() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["articles"]
    return data


def labels() -> dict[str, Any]:
    return {name: label for name, label in _all_labels().items() if _chosen(name)}


def automatic_glossary() -> Glossary:
    return build_glossary(list(articles()), curated=None, memory=None)


def measure(glossary: Glossary) -> Figures:
    by_hans: dict[str, dict[str, Any]] = {}
    where: dict[str, set[str]] = defaultdict(set)  # hans -> slugs of the articles
    for name, article in labels().items():
        for label in article["terms"]:
            hans = _key(label["hans"])
            by_hans.setdefault(hans, label)
            where[hans].add(slug_of(name))
    figures = Figures(terms=len(glossary))
    spelled: dict[str, Any] = {}
    correct = []
    for term in glossary:
        for spelling in (term.simplified, *term.aliases):
            spelled.setdefault(_key(spelling), term)
        if _key(term.simplified) in by_hans:
            correct.append(term)
        else:
            figures.wrong.append(f"{term.simplified} ({term.kind}, {len(term.slugs)} articles)")
        if not term.english:
            figures.without_english.append(term.simplified)
    figures.precision = len(correct) / max(1, len(glossary))
    shared = [hans for hans, slugs in where.items() if len(slugs) >= 2]
    found = [hans for hans in shared if hans in spelled]
    figures.missed = sorted(set(shared) - set(found))
    figures.recall = len(found) / max(1, len(shared))
    expected = [(hans, slug) for hans in shared for slug in sorted(where[hans])]
    hit = [(h, s) for h, s in expected if h in spelled and s in spelled[h].slugs]
    figures.missed_occurrences = [f"{h} in {s}" for h, s in expected if (h, s) not in set(hit)]
    figures.occurrence_recall = len(hit) / max(1, len(expected))
    figures.english = 1 - len(figures.without_english) / max(1, len(glossary))
    english_ok = pinyin_ok = 0
    for term in correct:
        label = by_hans[_key(term.simplified)]
        if _same_english(term.english, label["en"]):
            english_ok += 1
        else:
            figures.english_disagreements.append(
                f"{term.simplified}: {term.english!r} ≠ {label['en']!r}"
            )
        if _syllables(term.pinyin) == _syllables(_label_pinyin(term.simplified)):
            pinyin_ok += 1
        else:
            figures.pinyin_disagreements.append(
                f"{term.simplified}: {term.pinyin} ≠ {label['pinyin']}"
            )
    figures.english_correct = english_ok / max(1, len(correct))
    figures.pinyin_correct = pinyin_ok / max(1, len(correct))
    return figures


def slug_of(name: str) -> str:
    """The article's slug, as the pipeline makes it from the file name."""
    return slug_for(name)


# --- comparisons ------------------------------------------------------------------------


def _key(spelling: str) -> str:
    """Spellings compared as one: the dots and dashes names are joined with, unified."""
    return re.sub("[·・‧•]", "·", re.sub("[-‐‑–—]", "-", unicodedata.normalize("NFC", spelling)))


def _label_pinyin(hans: str) -> str:
    """The reading labelled for the Simplified spelling itself (labels read the spelling as
    written, so a Taiwan spelling's reading is not the mainland one's)."""
    for article in labels().values():
        for label in article["terms"]:
            if _key(label["zh"]) == _key(hans):
                return str(label["pinyin"])
    for article in labels().values():
        for label in article["terms"]:
            if _key(label["hans"]) == _key(hans):
                return str(label["pinyin"])
    return ""


def _syllables(pinyin: str) -> str:
    return re.sub(r"[\s'’\-·]", "", unicodedata.normalize("NFC", pinyin).lower())


_NOISE = re.compile(r"\([^)]*\)|\b(?:the|a|an)\b|[^a-z0-9 ]")


def _same_english(ours: str, label: str) -> bool:
    a, b = (" ".join(_NOISE.sub(" ", text.lower()).split()) for text in (ours, label))
    if not a or not b:
        return False
    if a == b or a in b or b in a:
        return True
    label_abbreviations = set(re.findall(r"\(([A-Z][A-Za-z]{1,6})\)", label))
    return ours.strip() in label_abbreviations


def main(argv: list[str]) -> int:
    global ONLY
    if "--only" in argv:
        first, last = argv[argv.index("--only") + 1].split("-")
        ONLY = (int(first), int(last))
    figures = measure(automatic_glossary())
    if "--json" in argv:
        shown = {k: v for k, v in asdict(figures).items() if not isinstance(v, list)}
        print(json.dumps(shown, indent=1))
        return 0
    for name in ("terms", "precision", "recall", "occurrence_recall", "english",
                 "english_correct", "pinyin_correct"):  # fmt: skip
        value = getattr(figures, name)
        print(f"{name:18} {value:.1%}" if isinstance(value, float) else f"{name:18} {value}")
    for name in ("wrong", "missed", "without_english", "missed_occurrences",
                 "english_disagreements", "pinyin_disagreements"):  # fmt: skip
        items = getattr(figures, name)
        print(f"\n{name} ({len(items)}):", "; ".join(items))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
