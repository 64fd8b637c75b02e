"""Machine-translate what the translation memory lacks: python scripts/translate.py [options].

Sends only the units (titles, paragraphs, captions, …) whose translation data/memory/<lang>.jsonl
does not hold yet, through deep-translator, and stores each as a machine entry; manual entries
are never replaced. Each finished batch is saved at once, so after Ctrl-C, a crash or a lost
network the next run continues where this one stopped.

Keys come from the environment under deep-translator's names (DEEPL_API_KEY, LIBRE_API_KEY,
MICROSOFT_API_KEY, YANDEX_API_KEY, BAIDU_APPID + BAIDU_APPKEY, OPEN_API_KEY; Papago:
PAPAGO_CLIENT_ID + PAPAGO_SECRET_KEY) and are never written or printed. DUIZHAO_PROVIDER
sets the default provider; DUIZHAO_LIBRE_URL a self-hosted LibreTranslate;
DUIZHAO_MICROSOFT_REGION the Azure region.

Two runs may translate at once: each save re-reads the memory under its lock and adds what
this run made, so neither loses the other's work; a save waits up to --wait seconds for
another one (it takes a moment), then gives up naming the process that holds the lock.

Exit status: 0 all done, 1 some units failed, a seed was bad or the run stopped after repeated
failure, 2 usage error, a curated file or the memory has a slip (one line: file:line: reason)
or the memory file cannot be written, 130 interrupted (after saving).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from duizhao import locks, settings  # noqa: E402
from duizhao.english.memory import Memory, MemoryFileError  # noqa: E402
from duizhao.english.translate import (  # noqa: E402
    PROVIDER_NAMES,
    Summary,
    keys_in_use,
    missing_keys,
    provider_factory,
    translate_articles,
)
from duizhao.errors import USER_ERRORS, one_line  # noqa: E402
from duizhao.ingest.seeds import SeedError, parse_seed  # noqa: E402
from duizhao.inline import printable  # noqa: E402
from duizhao.pipeline import scan_seeds  # noqa: E402
from duizhao.record import Article  # noqa: E402

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    args.seeds = args.seeds or settings.current().seeds_dir  # mkdocs.yml, or $DUIZHAO_SEEDS
    if args.verbose:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        return _run(args)
    except KeyboardInterrupt:  # outside the translation loop, nothing unsaved is lost
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except USER_ERRORS as error:  # the memory cannot be saved (a full disk, a read-only
        # folder, another run holding it), or a curated file the seeds need has a slip
        print(f"error: {one_line(error, args.memory or '')}", file=sys.stderr)
        return EXIT_USAGE


def _run(args: argparse.Namespace) -> int:
    if args.provider not in PROVIDER_NAMES:  # a default from DUIZHAO_PROVIDER is not checked
        return _usage(f"unknown provider {args.provider!r} (known: {', '.join(PROVIDER_NAMES)})")
    if not args.seeds.is_dir():
        return _usage(f"{args.seeds}: no such folder of seeds")
    try:
        memory = Memory.load(args.memory, language=args.target)
    except MemoryFileError as error:
        return _usage(str(error))
    memory.lock_wait, memory.say = args.wait, _say

    articles, bad = _parse_seeds(args.seeds)
    chosen = _select(articles, args.article)
    if chosen is None:
        return _usage(f"no seed matches --article {' '.join(args.article)}")
    _report_unused(memory, articles, prune=args.prune, dry_run=args.dry_run, bad_seeds=bad)

    if not args.dry_run and (missing := missing_keys(args.provider)):
        return _usage(f"--provider {args.provider} needs {' and '.join(missing)} set")
    bar = None if args.dry_run else _progress_bar()
    try:
        summary = translate_articles(
            chosen,
            memory,
            provider_factory(args.provider, args.target),
            batch_size=args.batch_size,
            timeout=args.timeout,
            retries=args.retries,
            backoff=args.backoff,
            max_failures=args.max_failures,
            progress=bar.update if bar else None,
            dry_run=args.dry_run,
        )
    finally:
        if bar:
            bar.close()
    return _report(summary, bad)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    default_provider = os.environ.get("DUIZHAO_PROVIDER") or "google"
    add("--provider", choices=PROVIDER_NAMES, default=default_provider, help="default google")
    add("--target", default="en", help="target language, names the memory file (default en)")
    add("--article", action="append", default=[], help="only this slug or seed file name")
    add("--dry-run", action="store_true", help="send nothing; count units and characters")
    add("--prune", action="store_true", help="remove memory entries no seed uses any more")
    add(
        "--seeds",
        type=Path,
        default=None,
        help="folder of seeds (default: mkdocs.yml's extra.duizhao.seeds)",
    )
    add("--memory", type=Path, default=None, help="memory file (default data/memory/<target>)")
    add("--batch-size", type=_positive(int), default=20, help="units per save (default 20)")
    add("--timeout", type=_positive(float), default=30.0, help="seconds per call (default 30)")
    add("--retries", type=_at_least_zero(int), default=3, help="retries per call (default 3)")
    add("--backoff", type=_at_least_zero(float), default=2.0, help="first retry delay, s")
    add("--max-failures", type=_positive(int), default=5, help="failed units in a row to stop")
    add(
        "--wait",
        type=_at_least_zero(float),
        default=None,
        help="seconds a save waits while another run saves the memory "
        f"(default ${locks.WAIT_VARIABLE}, else {locks.DEFAULT_WAIT:g})",
    )
    add("-v", "--verbose", action="store_true", help="log each retry")
    return parser


def _parse_seeds(folder: Path) -> tuple[list[Article], list[str]]:
    """Every seed that parses; a bad one is reported in one line naming the file, and skipped."""
    articles, bad = [], []
    for unit in scan_seeds(folder)[0]:  # a JSON Lines file is one seed per line
        try:
            articles.append(parse_seed(unit.path, unit.line))
        except SeedError as error:
            print(f"skipped: {error}", file=sys.stderr)
            bad.append(unit.name)
    return articles, bad


def _select(articles: list[Article], wanted: list[str]) -> list[Article] | None:
    if not wanted:
        return articles
    chosen = [a for a in articles if a.slug in wanted or a.seed_name in wanted]
    return chosen or None


def _report_unused(
    memory: Memory, articles: list[Article], *, prune: bool, dry_run: bool, bad_seeds: list[str]
) -> None:
    """Entries whose source no seed has: counted, or removed with --prune."""
    unused = memory.unused(keys_in_use(articles))
    if not unused:
        return
    count = f"{len(unused)} memory entr{'y' if len(unused) == 1 else 'ies'} no seed uses"
    if not prune:
        print(f"{count} (--prune removes them)")
    elif bad_seeds:  # a seed we could not read may well use them
        print(f"{count}; not pruned because a seed could not be read", file=sys.stderr)
    elif dry_run:
        print(f"{count} would be pruned")
    else:
        memory.prune(keys_in_use(articles))
        memory.save()
        print(f"pruned {count}")


def _report(summary: Summary, bad_seeds: list[str]) -> int:
    for failure in summary.failures:
        print(f"failed: {failure}", file=sys.stderr)
    if summary.stopped:
        print(summary.stopped, file=sys.stderr)
    if summary.interrupted:
        print("interrupted; everything translated so far is saved", file=sys.stderr)
    print(summary.line())
    if summary.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_FAILED if bad_seeds or not summary.ok else EXIT_OK


def _say(message: str) -> None:
    print(printable(message), file=sys.stderr, flush=True)


def _usage(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0: {text}")
        return value

    parse.__name__ = getattr(
        kind, "__name__", "number"
    )  # argparse names the type in its error message
    return parse


def _at_least_zero(kind: Callable[[str], float]) -> Callable[[str], float]:
    def parse(text: str) -> float:
        value = kind(text)
        if value < 0:
            raise argparse.ArgumentTypeError(f"must not be negative: {text}")
        return value

    parse.__name__ = getattr(kind, "__name__", "number")
    return parse


class _Bar:
    def __init__(self) -> None:
        from tqdm import tqdm

        self._bar = tqdm(unit="text", leave=False, file=sys.stderr)

    def update(self, summary: Summary) -> None:
        self._bar.total = summary.pending
        self._bar.n = summary.translated + summary.failed
        self._bar.set_postfix(
            ok=summary.translated, failed=summary.failed, chars=summary.chars_sent
        )

    def close(self) -> None:
        self._bar.close()


def _progress_bar() -> _Bar | None:
    """A bar only on a terminal: logs and pipes get the summary line alone."""
    return _Bar() if sys.stderr.isatty() else None


if __name__ == "__main__":
    sys.exit(main())
