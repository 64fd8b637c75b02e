"""Benchmarks, written down in BENCHMARKS.md: python scripts/bench.py [--runs N].

Measured so far: the cost of publishing four script variants instead of one, for a full
build from seeds (conversion included) and for a rebuild where nothing changed. Figures are
medians of N runs made in one session, and the ratio is the figure to read: this machine is
shared and noisy, absolute seconds are not.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from duizhao import localize  # noqa: E402

RESULTS = ROOT / "BENCHMARKS.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median kept)")
    args = parser.parse_args(argv)

    rows = []
    for label, chosen in (("1 (zh-Hans)", "zh-Hans"), ("4 (all)", ",".join(localize.all_tags()))):
        cold = [_build(chosen, fresh=True) for _ in range(args.runs)]
        warm = [_build(chosen, fresh=False) for _ in range(args.runs)]
        rows.append((label, statistics.median(cold), statistics.median(warm)))
    table = _table(rows)
    print(table)
    _write(table, args.runs)
    return 0


def _build(variants: str, fresh: bool) -> float:
    """Seconds for `mkdocs build` of the bundled seeds; fresh: converted from scratch."""
    if fresh:
        shutil.rmtree(ROOT / "docs" / ".duizhao", ignore_errors=True)
    env = {**os.environ, "DUIZHAO_VARIANTS": variants, "NO_MKDOCS_2_WARNING": "1"}
    with tempfile.TemporaryDirectory() as site:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", site],
            cwd=ROOT,
            env=env,
            check=True,
        )
        return time.perf_counter() - started


def _table(rows: list[tuple[str, float, float]]) -> str:
    base_cold, base_warm = rows[0][1], rows[0][2]
    lines = [
        "| variants | full build from seeds (s) | ratio | rebuild, nothing changed (s) | ratio |",
        "|---|---|---|---|---|",
    ]
    for label, cold, warm in rows:
        lines.append(
            f"| {label} | {cold:.2f} | {cold / base_cold:.2f}× | {warm:.2f} | "
            f"{warm / base_warm:.2f}× |"
        )
    return "\n".join(lines)


def _write(table: str, runs: int) -> None:
    import mkdocs
    import opencc

    machine = (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, MkDocs {mkdocs.__version__}, "
        f"OpenCC {getattr(opencc, '__version__', '1.4.2')}, five bundled seeds, median of {runs}"
    )
    RESULTS.write_text(
        "# Benchmarks\n\nWritten by `python scripts/bench.py`; run it again to refresh.\n\n"
        f"## Script variants: build time for 1 and 4 variants\n\n{machine}.\n\n{table}\n\n"
        "With five articles the fixed cost of a build (starting Python and MkDocs, loading\n"
        "jieba's dictionary for search, copying Material's assets) is most of the time, so four\n"
        "variants cost far less than four times one. All variants are made in one MkDocs\n"
        "build (one folder each), not one build per language as mkdocs-static-i18n does.\n"
        "How the cost grows with the number of articles is for the scaling benchmark.\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    sys.exit(main())
