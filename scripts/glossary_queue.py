"""The curator's queue: glossary terms no one has decided on, with their evidence.

    scripts/glossary_queue.py                      list the queue (terms without English first)
    scripts/glossary_queue.py list --dropped       and the candidates the rules dropped
    scripts/glossary_queue.py review               go through it: accept, fix or suppress each
    scripts/glossary_queue.py accept 李家超 --en "John Lee (Lee Ka-chiu)" --kind person
    scripts/glossary_queue.py suppress 高水平

Reads the converted articles under --docs (default docs/, as `scripts/convert.py` leaves
them) or the seeds in --seeds, and data/glossary.yaml (--curated). Decisions are written
into the curated file, which is checked before it is replaced; a decided term does not come
back. Exit status: 0, or 1 with one line naming the file and the reason.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from duizhao.datafiles import DataFileError  # noqa: E402
from duizhao.english.memory import Memory  # noqa: E402
from duizhao.glossary import CURATED, build_glossary, queue  # noqa: E402
from duizhao.glossary.assemble import simplified_texts  # noqa: E402
from duizhao.ingest.seeds import SeedError, parse_seed  # noqa: E402
from duizhao.pipeline import load_records, seed_files  # noqa: E402
from duizhao.record import Article  # noqa: E402

KINDS = ("person", "place", "organisation", "term")


def main(argv: list[str] | None = None, ask: Callable[[str], str] = input) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "accept":
            queue.accept(args.curated, args.term, args.en, args.kind, args.note, args.pinyin)
            print(f"accepted {args.term} into {args.curated}")
            return 0
        if args.command == "suppress":
            queue.suppress(args.curated, args.term)
            print(f"suppressed {args.term} in {args.curated}")
            return 0
        articles = _articles(args)
        if not articles:
            print("no articles: convert the seeds first (scripts/convert.py) or give --seeds")
            return 1
        glossary = build_glossary(articles, args.curated, Memory.load())
        items = queue.items(glossary, simplified_texts(articles), args.curated, args.dropped)
        if args.command == "review":
            return _review(items, args.curated, ask)
        for item in items[: args.limit or None]:
            print(item.as_json() if args.json else _show(item))
        print(f"{len(items)} in the queue" if not args.json else "", end="\n" * (not args.json))
        return 0
    except DataFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--curated", type=Path, default=CURATED, help="the curated glossary")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="converted articles")
    parser.add_argument("--seeds", type=Path, help="read these seeds instead of --docs")
    commands = parser.add_subparsers(dest="command")
    listing = commands.add_parser("list", help="list the queue (the default)")
    review = commands.add_parser("review", help="decide on each item in turn")
    for sub in (parser, listing, review):
        sub.add_argument("--dropped", action="store_true", help="dropped candidates too")
    for sub in (parser, listing):
        sub.add_argument("--limit", type=int, default=0, help="show at most this many")
        sub.add_argument("--json", action="store_true", help="one JSON object per line")
    accept = commands.add_parser("accept", help="add a term to the curated file")
    accept.add_argument("term")
    accept.add_argument("--en", default="", help="its English")
    accept.add_argument("--kind", choices=KINDS, default="")
    accept.add_argument("--note", default="")
    accept.add_argument("--pinyin", default="", help="only when the automatic one is wrong")
    suppress = commands.add_parser("suppress", help="never make this word a term")
    suppress.add_argument("term")
    return parser


def _articles(args: argparse.Namespace) -> list[Article]:
    if args.seeds is None:
        return load_records(args.docs)
    articles = []
    for path in seed_files(args.seeds):
        try:
            articles.append(parse_seed(path))
        except SeedError as error:
            print(f"skipped: {error}", file=sys.stderr)
    return articles


def _show(item: queue.Item) -> str:
    state = "kept" if item.kept else "dropped"
    english = f"{item.english} ({item.english_source})" if item.english else "— none yet"
    lines = [
        f"{item.spelling}  {item.pinyin}  [{item.kind}]  "
        f"{len(item.articles)} articles, {item.count} uses",
        f"  {state}: {item.reason}",
        f"  English: {english}",
    ]
    if item.aliases:
        lines.append(f"  also written: {'、'.join(item.aliases)}")
    lines += [f"  {slug}: {text}" for slug, text in item.contexts]
    return "\n".join(lines) + "\n"


def _review(items: list[queue.Item], curated: Path, ask: Callable[[str], str]) -> int:
    """Each item in turn: a accept as proposed, e give the English (and kind), s suppress,
    n next, q quit. Each decision is written at once."""
    decided = 0
    for number, item in enumerate(items, 1):
        print(f"[{number}/{len(items)}] " + _show(item))
        try:
            answer = ask("a accept · e English · s suppress · n next · q quit > ").strip().lower()
            if answer == "q":
                break
            if answer == "a":
                queue.accept(curated, item.spelling, item.english, item.kind)
            elif answer == "e":
                english = ask("English: ").strip()
                kind = ask(f"kind [{item.kind}]: ").strip() or item.kind
                queue.accept(curated, item.spelling, english, kind if kind in KINDS else "")
            elif answer == "s":
                queue.suppress(curated, item.spelling)
            else:
                continue
        except EOFError:
            break
        decided += 1
    print(f"{decided} decided; written to {curated}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
