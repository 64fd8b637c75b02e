"""Convert the seeds into Markdown pages: python scripts/convert.py [--seeds DIR] [--docs DIR].

Incremental (unchanged seeds are skipped, deleted seeds' pages removed) and atomic. Exits 1
if any seed failed, after converting all the others; each failure is one line naming the file.
Exits 2, with one line, when it cannot run: a curated file or the translation memory has a
slip (file:line: reason), the docs folder cannot be written, or another conversion or build
kept the docs folder longer than --wait seconds (the line names its pid and command).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from duizhao import locks, settings  # noqa: E402
from duizhao.errors import USER_ERRORS, one_line  # noqa: E402
from duizhao.inline import printable  # noqa: E402
from duizhao.pipeline import convert_all, scan_seeds  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seeds",
        type=Path,
        default=None,
        help="folder of seeds (default: mkdocs.yml's extra.duizhao.seeds)",
    )
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="MkDocs docs folder")
    parser.add_argument("--quiet", action="store_true", help="print only failures")
    parser.add_argument(
        "--wait",
        type=_seconds,
        default=None,
        help="seconds to wait while another conversion or build writes the docs folder "
        f"(default ${locks.WAIT_VARIABLE}, else {locks.DEFAULT_WAIT:g})",
    )
    args = parser.parse_args(argv)
    args.seeds = args.seeds or settings.current().seeds_dir  # mkdocs.yml, or $DUIZHAO_SEEDS

    if not args.seeds.is_dir():
        print(f"error: {args.seeds}: no such folder of seeds", file=sys.stderr)
        return 2
    bar = _progress_bar(len(scan_seeds(args.seeds)[0]), enabled=not args.quiet)
    try:
        report = convert_all(
            args.seeds, args.docs, progress=bar.step if bar else None, wait=args.wait, say=_say
        )
    except USER_ERRORS as error:  # a curated file's slip, a busy or unwritable docs folder
        print(f"error: {one_line(error, args.docs)}", file=sys.stderr)
        return 2
    finally:
        if bar:
            bar.close()

    for story in report.merged:
        print(f"merged: {printable(story)}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {printable(warning)}", file=sys.stderr)  # a name may hold a line break
    for failure in report.failed:
        kept = (
            " (its previous page is kept)"
            if Path(failure.seed).name in report.kept_previous
            else ""
        )
        print(f"failed: {failure}{kept}", file=sys.stderr)
    if not args.quiet:
        print(report.summary())
    return 1 if report.failed else 0


def _say(message: str) -> None:
    print(printable(message), file=sys.stderr, flush=True)


def _seconds(text: str) -> float:
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more seconds: {text}")
    return value


class _Bar:
    def __init__(self, total: int) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=total, unit="seed", leave=False, file=sys.stderr)

    def step(self, name: str) -> None:
        self._bar.set_postfix_str(name[:30], refresh=False)
        self._bar.update(1)

    def close(self) -> None:
        self._bar.close()


def _progress_bar(total: int, enabled: bool) -> _Bar | None:
    """A bar only on a terminal: logs and pipes get the summary line alone."""
    return _Bar(total) if enabled and sys.stderr.isatty() else None


if __name__ == "__main__":
    sys.exit(main())
