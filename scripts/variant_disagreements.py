"""Where our variants disagree with zhconv-rs (MediaWiki's tables), and what was decided.

    .venv/bin/python scripts/variant_disagreements.py article.md          # any text
    echo "一个中国原则" | .venv/bin/python scripts/variant_disagreements.py
    .venv/bin/python scripts/variant_disagreements.py --corpus --summary  # the news corpus

Each line of the text is converted into every variant (but the source's own region's, which
is the text as written) by duizhao and by zhconv-rs, Chinese Wikipedia's converter, an
independent oracle. Every place the two differ is printed with the decision recorded in
data/variants/zhconv-decisions.tsv (ours, theirs, both fine, or open), or NEW: review it,
fix our tables if zhconv-rs is right, and record the decision. Exits 1 when a disagreement
has no recorded decision, so the tables stay current as the news changes.

zhconv-rs is GPL-2.0-or-later: it is a test and curator tool here (the `test` extra), never
imported by duizhao/.
"""

from __future__ import annotations

import argparse
import difflib
import io
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from duizhao.datafiles import DataFileError, numbered_lines  # noqa: E402
from duizhao.variants import all_variants, convert, decide_source, recipe, sources  # noqa: E402

DECISIONS = ROOT / "data" / "variants" / "zhconv-decisions.tsv"
CORPUS = ROOT / "tests" / "data" / "news-corpus" / "news_sentences.tsv"
# Our variant tags and zhconv-rs's targets: zh-cn is mainland usage (zh-hans would keep a
# Taiwan text's 川普), zh-hant Traditional without regional vocabulary.
ZHCONV_TARGETS = {"zh-Hans": "zh-cn", "zh-Hant": "zh-hant", "zh-TW": "zh-tw", "zh-HK": "zh-hk"}
HEADER = ["targets", "ours", "theirs", "verdict", "category", "reason"]
VERDICTS = ("ours", "theirs", "both", "open")
CATEGORIES = ("punctuation", "glyph", "segmentation", "vocabulary", "name")
NOTHING = "∅"  # how the file and the report show an empty side
_GAP = 2  # differences closer than this are one disagreement (首席執行官 / 行政總裁)


@dataclass(frozen=True)
class Disagreement:
    target: str
    ours: str  # the differing part of our output ("" when we have nothing there)
    theirs: str  # zhconv-rs's
    context: str  # our output around it
    where: str  # the line's id (corpus) or number

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.target, self.ours, self.theirs)


@dataclass(frozen=True)
class Decision:
    targets: tuple[str, ...]
    ours: str
    theirs: str
    verdict: str  # ours, theirs (fixed since), both, open (theirs is right, not fixed yet)
    category: str
    reason: str
    line: int


def load_decisions(path: Path = DECISIONS) -> dict[tuple[str, str, str], Decision]:
    """(target, ours, theirs) → the decision; strict, a slip names the file and line."""
    tags = [v.tag for v in all_variants()]
    found: dict[tuple[str, str, str], Decision] = {}
    header = False
    for number, line in numbered_lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header:
            if cells != HEADER:
                raise DataFileError(path, f"the header must be {' '.join(HEADER)}", number)
            header = True
            continue
        if len(cells) != len(HEADER):
            raise DataFileError(path, f"expected {len(HEADER)} columns, got {len(cells)}", number)
        targets_text, ours, theirs, verdict, category, reason = cells
        ours, theirs = ours.replace(NOTHING, ""), theirs.replace(NOTHING, "")
        targets = tuple(tags) if targets_text == "*" else tuple(targets_text.split())
        problems = [
            (
                not targets or not set(targets) <= set(tags),
                f"targets: tags of {', '.join(tags)} or *",
            ),
            (verdict not in VERDICTS, f"verdict must be one of {', '.join(VERDICTS)}"),
            (category not in CATEGORIES, f"category must be one of {', '.join(CATEGORIES)}"),
            (not reason.strip(), "every decision needs its reason"),
            (ours == theirs, "ours and theirs are the same"),
        ]
        for failed, message in problems:
            if failed:
                raise DataFileError(path, message, number)
        decision = Decision(targets, ours, theirs, verdict, category, reason, number)
        for target in targets:
            key = (target, ours, theirs)
            if key in found:
                message = f"{target} {ours}/{theirs} is decided twice (line {found[key].line})"
                raise DataFileError(path, message, number)
            found[key] = decision
    return found


def disagreements(
    lines: list[tuple[str, str, str]], targets: Iterable[str] | None = None
) -> Iterator[Disagreement]:
    """Each place our output and zhconv-rs's differ. `lines`: (id, source, text); the
    source's own region is skipped (its page is the text as written)."""
    from zhconv_rs import zhconv  # GPL: a tool's dependency, imported only when used

    wanted = tuple(targets or ZHCONV_TARGETS)
    by_source: dict[str, list[tuple[str, str]]] = {}
    for where, source, text in lines:
        by_source.setdefault(source, []).append((where, text))
    for source, rows in by_source.items():
        joined = "\n".join(text for _, text in rows)
        for target in wanted:
            if not recipe(source, target):
                continue
            ours = convert(joined, target, source).split("\n")
            theirs = zhconv(joined, ZHCONV_TARGETS[target]).split("\n")  # type: ignore[arg-type]
            for (where, _), mine, other in zip(rows, ours, theirs, strict=True):
                yield from _differences(target, mine, other, where)


def _differences(target: str, ours: str, theirs: str, where: str) -> Iterator[Disagreement]:
    if ours == theirs:
        return
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    spans: list[list[int]] = []
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if spans and a1 - spans[-1][1] < _GAP and b1 - spans[-1][3] < _GAP:
            spans[-1][1], spans[-1][3] = a2, b2
        else:
            spans.append([a1, a2, b1, b2])
    for a1, a2, b1, b2 in spans:
        context = ours[max(0, a1 - 6) : a2 + 6]
        yield Disagreement(target, ours[a1:a2], theirs[b1:b2], context, where)


def guess_category(item: Disagreement) -> str:
    """A category for a disagreement nobody has decided yet (the report's "before")."""
    if any(mark in item.ours + item.theirs for mark in "“”‘’「」『』"):
        return "punctuation"
    back = convert(item.ours, "zh-Hans", "hant"), convert(item.theirs, "zh-Hans", "hant")
    if back[0] == back[1]:
        return "glyph" if len(item.ours) == len(item.theirs) == 1 else "segmentation"
    return "vocabulary"


def corpus_lines(path: Path = CORPUS) -> list[tuple[str, str, str]]:
    rows = []
    for number, line in numbered_lines(path):
        if number == 1:
            continue
        rid, source, _category, sentence = line.split("\t")
        rows.append((rid, source, sentence))
    return rows


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    for stream in (sys.stdin, sys.stdout):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")
    try:
        decisions = load_decisions()
    except DataFileError as error:
        print(f"variant_disagreements.py: {error}", file=sys.stderr)
        return 2
    if args.corpus:
        lines = corpus_lines()
    else:
        text = (
            "".join(Path(f).read_text(encoding="utf-8") for f in args.files)
            if args.files
            else sys.stdin.read()
        )
        source = args.source
        if source == "auto":
            decided = decide_source(text)
            source = decided.source
            print(f"# source: {source} ({decided.reason})")
        lines = [
            (str(n), source, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()
        ]
    targets = args.variants.split(",") if args.variants else None
    found = list(disagreements(lines, targets))
    undecided = 0
    counts: Counter[tuple[str, str]] = Counter()
    for item in found:
        decision = decisions.get(item.key)
        verdict = decision.verdict if decision else "NEW"
        category = decision.category if decision else guess_category(item)
        counts[category, verdict] += 1
        undecided += decision is None
        if args.summary or (args.new_only and decision):
            continue
        note = f"{decision.verdict}: {decision.reason}" if decision else "NEW: not decided yet"
        ours, theirs = item.ours or NOTHING, item.theirs or NOTHING
        print(
            f"{item.where}\t{item.target}\tours {ours}\ttheirs {theirs}\t…{item.context}…\t{note}"
        )
    print(f"# {len(found)} disagreements, {undecided} without a decision")
    for (category, verdict), count in sorted(counts.items()):
        print(f"#   {category:13} {verdict:7} {count}")
    return 1 if undecided else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="variant_disagreements.py",
        description="Print where duizhao's variants and zhconv-rs disagree, with the decisions.",
    )
    parser.add_argument("files", nargs="*", help="text files (default: standard input)")
    parser.add_argument(
        "--source",
        choices=(*sources(), "auto"),
        default="auto",
        help="script of the text (default: decided as for a seed)",
    )
    parser.add_argument("--variants", help="comma-separated variant tags (default: all)")
    parser.add_argument("--corpus", action="store_true", help="the news corpus instead of text")
    parser.add_argument("--summary", action="store_true", help="only the counts")
    parser.add_argument("--new-only", action="store_true", help="only undecided disagreements")
    return parser


if __name__ == "__main__":
    sys.exit(main())
