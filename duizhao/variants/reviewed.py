"""OpenCC's regional dictionaries as we reviewed them for news: data/variants/opencc-*.tsv.

OpenCC's Taiwan phrase table carries software vocabulary that changes meaning in news (支持
→ 支援, 聲明 → 宣告, 文件 → 檔案), its reverse turns Taiwan words that are ordinary mainland
words into others (支援 → 支持, 執行 → 運行), and its Hong Kong character table writes a
school glyph standard Hong Kong's press does not print (説, 温, 脱). Each such dictionary
was reviewed entry by entry; the review is data, one row per entry OpenCC ships (keep, drop
or change, with a reason) plus rows we add. The kept, changed and added rows are compiled
into a dictionary that every converter we build loads in place of OpenCC's; OpenCC's raw
configs (`catalogue.stock`, the benchmark's reference) stay as shipped.

A test dumps each dictionary from the installed wheel and fails when it and the review
disagree, so an OpenCC upgrade cannot slip unreviewed entries in.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import opencc

from duizhao.datafiles import DataFileError, numbered_lines
from duizhao.variants.catalogue import DATA_DIR
from duizhao.variants.opencc_files import compile_dictionary, load, stock_config

# OpenCC dictionary (stock file name without .ocd2) -> our review, in data/variants/.
REVIEWS = {
    "TWPhrases": "opencc-TWPhrases.tsv",
    "TWPhrasesRev": "opencc-TWPhrasesRev.tsv",
    "TWVariants": "opencc-TWVariants.tsv",
    "HKVariants": "opencc-HKVariants.tsv",
    "HKVariantsPhrases": "opencc-HKVariantsPhrases.tsv",
}
HEADER = ["key", "opencc_value", "decision", "replacement", "reason"]
DECISIONS = ("keep", "drop", "change", "add")
_SPACES = re.compile(r"\s")


@dataclass(frozen=True)
class Decision:
    """One row of a review: what we do with one entry of an OpenCC dictionary."""

    key: str
    opencc_value: str  # as shipped; alternatives separated by spaces ("" for an added row)
    decision: str  # keep, drop, change or add
    replacement: str  # the value we load instead (change, add)
    reason: str
    line: int

    @property
    def value(self) -> str | None:
        """What the dictionary we load maps the key to (None: not loaded)."""
        if self.decision == "drop":
            return None
        return self.opencc_value if self.decision == "keep" else self.replacement


def review_path(dictionary: str) -> Path:
    return DATA_DIR / REVIEWS[dictionary]


@cache
def review(dictionary: str) -> tuple[Decision, ...]:
    """The review of one OpenCC dictionary, read strictly: a bad row is a DataFileError
    naming the file and the line."""
    path = review_path(dictionary)
    rows: list[Decision] = []
    seen: dict[str, int] = {}
    header_seen = False
    for number, line in numbered_lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if cells != HEADER:
                raise DataFileError(path, f"the header must be {' '.join(HEADER)}", number)
            header_seen = True
            continue
        decision = _decision(path, number, cells)
        if decision.key in seen:
            reason = f"{decision.key} is reviewed twice (first on line {seen[decision.key]})"
            raise DataFileError(path, reason, number)
        seen[decision.key] = number
        rows.append(decision)
    if not header_seen:
        raise DataFileError(path, f"no header line ({' '.join(HEADER)})")
    return tuple(rows)


def _decision(path: Path, number: int, cells: list[str]) -> Decision:
    if len(cells) != len(HEADER):
        reason = (
            f"expected {len(HEADER)} tab-separated columns ({', '.join(HEADER)}), got {len(cells)}"
        )
        raise DataFileError(path, reason, number)
    key, opencc_value, decision, replacement, reason = cells
    if decision not in DECISIONS:
        raise DataFileError(
            path, f"unknown decision {decision!r}; valid: {', '.join(DECISIONS)}", number
        )
    if not key or _SPACES.search(key):
        raise DataFileError(path, "the key is empty or holds white space", number)
    if (decision == "add") == bool(opencc_value):
        problem = "an added row has no opencc_value" if decision == "add" else "no opencc_value"
        raise DataFileError(path, problem, number)
    if (decision in ("change", "add")) != bool(replacement):
        problem = f"a {decision} row {'needs' if not replacement else 'has no'} replacement"
        raise DataFileError(path, problem, number)
    if decision != "keep" and not reason.strip():
        raise DataFileError(path, f"a {decision} row needs its reason", number)
    return Decision(key, opencc_value, decision, replacement, reason, number)


@cache
def reviewed_rows(dictionary: str) -> dict[str, str]:
    """key → value of the dictionary we load in place of OpenCC's."""
    return {d.key: d.value for d in review(dictionary) if d.value is not None}


def use_reviewed(node: Any, folder: Path) -> None:
    """Point every reference to a reviewed OpenCC dictionary in a config at our compiled
    copy in `folder` (compiled once per folder, so converters loaded from one folder share
    the very same file, as they share OpenCC's own)."""
    if isinstance(node, dict):
        name = Path(str(node.get("file", ""))).name.removesuffix(".ocd2")
        if node.get("type") == "ocd2" and name in REVIEWS:
            node.clear()
            node.update(compile_dictionary(reviewed_rows(name), folder, f"reviewed-{name}"))
            return
        for value in node.values():
            use_reviewed(value, folder)
    elif isinstance(node, list):
        for value in node:
            use_reviewed(value, folder)


@cache
def reviewed_stock(name: str) -> opencc.OpenCC:
    """One of OpenCC's stock configs (s2twp, t2hk, ...) with our reviewed dictionaries."""
    config = stock_config(name)
    with tempfile.TemporaryDirectory(prefix="duizhao-opencc-") as folder:
        use_reviewed(config, Path(folder))
        return load(config, Path(folder))


def reload() -> None:
    for cached in (review, reviewed_rows, reviewed_stock):
        cached.cache_clear()
