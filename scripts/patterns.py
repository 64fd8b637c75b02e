"""Every regular expression duizhao runs, timed on pathological text:
python scripts/patterns.py [--chars 200000] [--limit 30]

A regular expression with nested or neighbouring unbounded quantifiers can take time growing
with the square of the text (or worse) on a long run of Chinese without punctuation, and one
such seed stops every build. This finds the expressions without reading the code by eye:

1. `record`: in a fresh interpreter, `re`'s compiler is wrapped before duizhao is imported,
   then a real `mkdocs build` (conversion, variants, glossary, marking, security) of the
   bundled and synthetic seeds runs in-process, with machine translation's splitting; every
   pattern compiled from duizhao/ or hooks/ is kept with the places that compiled it.
   `unrecorded_sites` lists `re.` calls in the source that this never reached.
2. `time_pattern`: one pattern's `finditer` over a text, in a child process that is killed
   after `limit` seconds (so a runaway pattern is a result, not a hang).

The test (tests/test_linear_time.py) runs every pattern over 200,000 characters with only a
hang guard; scripts/bench.py holds each to a time budget and writes BENCHMARKS.md's table.

    python scripts/patterns.py --record OUT.json    (internal: the recording interpreter)
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("duizhao", "hooks")  # code whose patterns count
Pattern = tuple[str, int]  # (pattern, flags)

# Modules whose patterns never see article text, and what they read instead.
NOT_ARTICLE_TEXT = {
    "duizhao/glossary/cedict.py": "CC-CEDICT's own dictionary lines and English senses",
    "duizhao/glossary/queue.py": "the curator's command: lines of data/glossary.yaml",
    "duizhao/learner/readings.py": "CC-CEDICT's senses of one word, the glossary's readings",
}
# `re.` calls a build never reaches, on purpose, and why they need no timing.
NOT_IN_A_BUILD = {
    "duizhao/glossary/queue.py": "the curator's command (scripts/glossary_queue.py), not a build",
    "duizhao/ingest/seeds.py:48": "a bytes pattern bounded by {0,200}, over a seed's first bytes",
}
# The time budget: `finditer` of "." (one match per character, the most matches any pattern
# can make) over the same text, in the same run, times this. A linear pattern stays well
# under it; a quadratic one is thousands of times over at 200,000 characters.
BASELINE: Pattern = (".", re.DOTALL)
BUDGET = 10.0


@dataclass(frozen=True)
class Recorded:
    pattern: str
    flags: int
    sites: tuple[str, ...]  # "duizhao/glossary/pairs.py:80", where it was compiled

    @property
    def name(self) -> str:
        return self.sites[0]

    @property
    def on_article_text(self) -> bool:
        return not any(site.startswith(tuple(NOT_ARTICLE_TEXT)) for site in self.sites)


def record(work: Path | None = None) -> list[Recorded]:
    """The patterns duizhao compiles during a real build (see the module docstring)."""
    with tempfile.TemporaryDirectory(prefix="duizhao-patterns-") as scratch:
        out = Path(scratch) / "patterns.json"
        subprocess.run(
            [sys.executable, __file__, "--record", str(out)],
            check=True,
            cwd=ROOT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL,
        )
        found = json.loads(out.read_text(encoding="utf-8"))
    return [Recorded(item["pattern"], item["flags"], tuple(item["sites"])) for item in found]


def unrecorded_sites(recorded: list[Recorded]) -> list[str]:
    """`re.<function>(…)` calls in the source (file:line) that compiled nothing while
    recording: a pattern the workload missed, which the timing would then miss too."""
    seen = {site for item in recorded for site in item.sites}
    return [
        site
        for site in source_sites()
        if site not in seen and not site.startswith(tuple(NOT_IN_A_BUILD))
    ]


def source_sites() -> list[str]:
    functions = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub",
                 "subn", "split"}  # fmt: skip
    sites = []
    for folder in SOURCES:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "re"
                    and node.func.attr in functions
                ):
                    sites.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return sites


def pathological_texts(chars: int) -> dict[str, str]:
    """Texts of `chars` characters: Chinese from the bundled seeds with every character that
    is not Han taken out (one paragraph without a stop), and the same ending in a bracket
    that never closes, as a pair 中文（English) cut short would."""
    sys.path.insert(0, str(ROOT))
    from duizhao.ingest.seeds import parse_seed

    han = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
    pool = "".join(
        han_char
        for seed in sorted((ROOT / "seeds").iterdir())
        for block in parse_seed(seed).blocks
        for han_char in han.findall(block.plain)
    )
    run = (pool * (chars // len(pool) + 1))[:chars]
    tail = "（Vladimir Putin"
    return {"run": run, "unclosed": run[: chars - len(tail)] + tail}


def time_pattern(pattern: str, flags: int, text: str, limit: float) -> float | None:
    """Seconds `finditer` takes over `text` (every match, from every position), or None if
    it had not finished after `limit` seconds (the child is killed)."""
    program = (
        "import json, re, sys, time\n"
        "pattern, flags, text = json.load(sys.stdin)\n"
        "compiled = re.compile(pattern, flags)\n"
        "started = time.perf_counter()\n"
        "for _ in compiled.finditer(text): pass\n"
        "print(time.perf_counter() - started)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", program],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    try:
        out, _ = child.communicate(json.dumps([pattern, flags, text]), timeout=limit)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        return None
    if child.returncode != 0:
        raise RuntimeError(f"pattern {pattern!r} failed to run")
    return float(out)


def audit(sizes: tuple[int, ...] = (100_000, 200_000), limit: float = 20.0) -> dict[str, Any]:
    """Every recorded pattern timed over each pathological text at each size, beside the
    baseline: what scripts/bench.py writes down. A pattern killed once is not run again."""
    recorded = record()
    texts = {size: pathological_texts(size) for size in sizes}
    baseline = {
        f"{name}@{size}": time_pattern(*BASELINE, text, limit)
        for size, by_name in texts.items()
        for name, text in by_name.items()
    }
    rows = []
    for item in recorded:
        times: dict[str, float | None] = {}
        for size, by_name in texts.items():
            for name, text in by_name.items():
                killed = any(value is None for value in times.values())
                times[f"{name}@{size}"] = None if killed else time_pattern(
                    item.pattern, item.flags, text, limit
                )  # fmt: skip
        rows.append({"site": ", ".join(item.sites), "pattern": item.pattern, "times": times,
                     "on_article_text": item.on_article_text})  # fmt: skip
    return {"limit_s": limit, "budget_x_baseline": BUDGET, "baseline": baseline, "rows": rows,
            "unrecorded": unrecorded_sites(recorded)}  # fmt: skip


def render(result: dict[str, Any]) -> str:
    """The audit as a Markdown table (milliseconds; "killed" = still running at the limit)."""
    columns = list(result["baseline"])
    largest = max(int(column.split("@")[1]) for column in columns)
    head = " | ".join(_column_title(column) for column in columns)
    lines = [
        f"| pattern, where compiled | {head} | × baseline at {largest:,} | within budget |",
        "|---|" + "---|" * (len(columns) + 2),
        "| baseline `.` (one match per character) | "
        + " | ".join(_ms(result["baseline"][column]) for column in columns)
        + " | 1 | – |",
    ]
    for row in result["rows"]:
        times = row["times"]
        ratios: list[float] = []
        for column in columns:
            if column.endswith(f"@{largest}") and times[column] is not None:
                ratios.append(times[column] / max(result["baseline"][column] or 0.0, 1e-6))
        killed = any(value is None for value in times.values())
        worst = None if killed or not ratios else max(ratios)
        budget = result["budget_x_baseline"]
        if not row["on_article_text"]:
            verdict = "not article text"
        else:
            verdict = "yes" if worst is not None and worst <= budget else "**no**"
        shown = "–" if worst is None else f"{worst:.2f}"
        cells = " | ".join(_ms(times[column]) for column in columns)
        lines.append(f"| `{row['site']}` | {cells} | {shown} | {verdict} |")
    return "\n".join(lines)


def _column_title(column: str) -> str:
    name, size = column.split("@")
    return f"{name} {int(size):,} (ms)"


def _ms(seconds: float | None) -> str:
    return "killed" if seconds is None else f"{seconds * 1000:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--limit", type=float, default=20.0, help="seconds before a kill")
    parser.add_argument("--record", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.record:
        _record_into(args.record)
        return 0
    result = audit((args.chars,), args.limit)
    print(render(result))
    for site in result["unrecorded"]:
        print(f"never ran while recording: {site}")
    return 0


# --- recording (runs in its own interpreter) ---------------------------------------------


def _record_into(out: Path) -> None:
    found: dict[Pattern, set[str]] = {}
    original = re._compile  # type: ignore[attr-defined]

    def compile_and_note(pattern: Any, flags: Any) -> Any:
        if isinstance(pattern, str):
            site = _caller()
            if site:
                found.setdefault((pattern, int(flags)), set()).add(site)
        return original(pattern, flags)

    re._compile = compile_and_note  # type: ignore[attr-defined]
    re.purge()  # patterns compiled before now would come from the cache, unseen
    _workload()
    items = [
        {"pattern": pattern, "flags": flags, "sites": sorted(sites)}
        for (pattern, flags), sites in sorted(found.items(), key=lambda kv: sorted(kv[1])[0])
    ]
    out.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")


def _caller() -> str:
    """file:line of the first frame outside `re` (and this module's wrapper), if it is ours."""
    frame = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename in _SKIPPED_FILES:
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return ""
    path = Path(frame.f_code.co_filename).resolve()
    for folder in SOURCES:
        if path.is_relative_to(ROOT / folder):
            return f"{path.relative_to(ROOT)}:{frame.f_lineno}"
    return ""


_SKIPPED_FILES = {re.__file__, __file__, getattr(sys.modules.get("functools"), "__file__", "")}


def _workload() -> None:
    """A real build of varied seeds (every shape and script), in this process."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "scripts"))
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from synthetic import write_corpus

    from duizhao import variants
    from duizhao.english.memory import units
    from duizhao.english.translate import _unusable, split_for_limit
    from duizhao.ingest.seeds import SeedError, parse_seed

    with tempfile.TemporaryDirectory(prefix="duizhao-patterns-build-") as scratch:
        work = Path(scratch)
        seeds = work / "seeds"
        write_corpus(seeds, 12, seed=7)
        # The bundled seeds, the structure fixtures (every shape: whole pages, JSON) and
        # the glossary's labelled articles (names of every region).
        for folder in ("seeds", "tests/fixtures/structures", "tests/glossary_eval/articles"):
            for seed in sorted((ROOT / folder).iterdir()):
                if seed.is_file() and seed.suffix in (".txt", ".html", ".json", ".jsonl"):
                    (seeds / f"{Path(folder).name}-{seed.name}").write_bytes(seed.read_bytes())
        # A whole page dated in words, not ISO 8601: the publication day is read another way.
        (seeds / "page-dated-in-words.html").write_text(WORDS_DATED_PAGE, "utf-8")
        _import_every_module()
        project = _project(work / "project")
        os.environ["DUIZHAO_SEEDS"] = str(seeds)
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(work / "site"))
        build(config)
        for seed in sorted(seeds.iterdir()):
            try:
                article, text = parse_seed(seed), seed.read_text("utf-8")
            except (SeedError, UnicodeDecodeError):
                continue  # the fixtures that fail on purpose, and one in GBK
            for unit in units(article):
                split_for_limit(unit.text, 40)  # sentence, then clause, then hard cuts
                _unusable(unit.text, unit.text)
            list(variants.convert_lines(text.splitlines(True), "zh-TW"))
        variants.convert("说明：\n```\n代码\n```\n正文", "zh-TW")  # fenced code is kept
        from duizhao.learner import readings

        readings.fitted("习近平", "Xí Jìnpíng")  # a glossary reading cut into syllables


WORDS_DATED_PAGE = """<!doctype html><html lang="zh-Hant"><head><title>颱風過後 | 明報</title>
<meta property="article:published_time" content="2026年3月5日 08:00">
<link rel="canonical" href="https://news.mingpao.com/pns/article/20260305/s00001/typhoon">
</head><body><article><h1>颱風過後</h1><p>颱風過後，香港街道滿是斷枝，清潔工人一早開工。</p>
<p>天文台表示，今日天氣轉晴，氣溫回升。</p></article></body></html>
"""


def _import_every_module() -> None:
    """Patterns compiled when a module loads, in modules a build does not load."""
    import importlib
    import pkgutil

    import duizhao

    for module in pkgutil.walk_packages(duizhao.__path__, "duizhao."):
        importlib.import_module(module.name)


def _project(where: Path) -> Path:
    where.mkdir(parents=True)
    for name in ("duizhao", "data", "hooks", "overrides"):
        (where / name).symlink_to(ROOT / name)
    (where / "docs").mkdir()
    (where / "docs" / "assets").symlink_to(ROOT / "docs" / "assets")
    (where / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    return where


if __name__ == "__main__":
    sys.exit(main())
