"""Convert standard input into one script variant, line by line, exactly as the site does.

    .venv/bin/python scripts/variants.py zh-TW < article.md
    .venv/bin/python scripts/variants.py zh-hans --source hant

VARIANT is a tag or URL folder (zh-Hans, zh-Hant, zh-TW, zh-HK; any case). The regional
tables and corrections in data/variants/ are applied, URLs and code are left alone.
Each line is written and flushed as soon as it is read, so it works interactively.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

try:
    import duizhao  # noqa: F401  (only to see whether the package is importable)
except ImportError:  # run from a checkout without installing: the package is beside us
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from duizhao.variants import all_variants, convert_lines, sources, variant


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        target = variant(args.variant)
    except ValueError as error:
        print(f"variants.py: {error}", file=sys.stderr)
        return 2
    # The site reads and writes UTF-8 whatever the locale says.
    for stream in (sys.stdin, sys.stdout):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8")
    for line in convert_lines(sys.stdin, target.tag, args.source):
        sys.stdout.write(line)
        sys.stdout.flush()
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="variants.py",
        description="Convert standard input into one script variant, line by line.",
    )
    tags = ", ".join(v.tag for v in all_variants())
    parser.add_argument("variant", help=f"target variant: {tags}")
    parser.add_argument(
        "--source",
        choices=(*sources(), "auto"),
        default="hans",
        help="script of the input (default: hans); auto detects it line by line",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
