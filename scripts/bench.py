"""Benchmarks, written down in BENCHMARKS.md: python scripts/bench.py [--sizes 5,100,1000] [--large]

For each corpus size N (a synthetic corpus from scripts/synthetic.py; N=5 is the real seeds):
  1. conversion of all variants (scripts/convert.py), characters per second, beside raw
     OpenCC converting the same texts with the same stock configs;
  2. a no-op re-run: seconds (CLI, as a user runs it), files rewritten, translation calls;
  3. `mkdocs build` with all our hooks, beside the same pages built with no hooks and with
     every hook but the glossary; seconds per article page;
  4. the glossary hook's time: once per build, and per article page;
  5. peak memory (RSS) of conversion and of the build;
  6. sizes: the built site, one article page (HTML + our CSS/JS), each variant's search files;
  7. every regular expression duizhao runs (scripts/patterns.py), over 100,000 and 200,000
     Chinese characters without punctuation, against a budget of BUDGET times the time of
     `.` over the same text: a pattern whose time grows with the square of the text is far
     over it. `--patterns-only` measures this alone and rewrites only its table.
  8. parsing by seed shape (text, Markdown-ish, HTML body, whole page, JSON, JSON Lines):
     milliseconds per seed, in this process, beside the HTML-body shape.
  9. the learner's layer (hooks/learner.py): the build without it, its data made cold and from
     its store, bytes of word data per article and the first tap's transfer.
`--learner-only` measures 9 alone, without building sites (minutes, not an hour, at 10,000).
`--search` measures only search, against Material's (scripts/bench_search.py).
Every figure of a size comes from one run on one machine: compare ratios, not seconds (the
machine is shared and noisy). `--large` adds N=10,000.

    python scripts/bench.py --worker build CONFIG HOOKS OUT.json   (internal: one timed build)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# One benchmark size's figures, as written to BENCHMARKS.md's raw JSON.
Row = dict[str, Any]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

RESULTS = ROOT / "BENCHMARKS.md"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
HOOK_SETS = {  # name -> hooks kept in mkdocs.yml
    "all": None,
    # Without the glossary the learner's user words change and its store would remake every
    # article in turn with "all": the learner goes too (its share is all minus no-learner).
    "no-glossary": ("hooks/pipeline.py", "hooks/variants.py", "hooks/security.py"),
    "no-learner": (
        "hooks/pipeline.py",
        "hooks/variants.py",
        "hooks/glossary.py",
        "hooks/security.py",
    ),
    "none": (),
}
LINKED = ("duizhao", "data", "hooks", "overrides")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,100,1000")
    parser.add_argument("--large", action="store_true", help="add N=10,000")
    parser.add_argument("--worker", nargs=4, metavar=("KIND", "CONFIG", "HOOKS", "OUT"))
    parser.add_argument("--no-write", action="store_true", help="print, do not write the file")
    parser.add_argument(
        "--search", action="store_true", help="only the search figures (scripts/bench_search.py)"
    )
    parser.add_argument(
        "--learner-only", action="store_true", help="only the learner's data and sizes"
    )
    parser.add_argument(
        "--patterns-only", action="store_true", help="only the regular expressions' table"
    )
    parser.add_argument(
        "--no-build", action="store_true", help="conversion and parsing only (no site builds)"
    )
    parser.add_argument(
        "--conversion-only",
        action="store_true",
        help="only raw OpenCC against our variant step (printed, never written)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="builds per hook set; the best counts (default 3)"
    )
    parser.add_argument(
        "--glossary-text",
        action="store_true",
        help="only the glossary on pathological text against news text (issue 16)",
    )
    args = parser.parse_args(argv)
    if args.glossary_text:
        return 0 if glossary_text() else 1
    if args.worker:
        return _build_worker(Path(args.worker[1]), args.worker[2], Path(args.worker[3]))
    if args.search:
        sizes = [int(n) for n in args.sizes.split(",")] + ([10_000] if args.large else [])
        return _search_only(sizes, args.no_write)
    if args.conversion_only:
        sizes = [int(n) for n in args.sizes.split(",")] + ([10_000] if args.large else [])
        return _conversion_only(sizes, args.repeat)
    patterns = _patterns_section()
    print(patterns, flush=True)
    if args.patterns_only:
        if not args.no_write:
            RESULTS.write_text(_with_patterns(RESULTS.read_text("utf-8"), patterns), "utf-8")
        return 0
    sizes = [int(n) for n in args.sizes.split(",")] + ([10_000] if args.large else [])
    if args.learner_only:
        return _learner_only(sizes, write=not args.no_write)
    rows = []
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix=f"duizhao-bench-{count}-") as work:
            # 10,000 articles: one build per hook set (each takes ten minutes here).
            repeat = args.repeat if count < 10_000 else 1
            rows.append(measure(count, Path(work), repeat, build=not args.no_build))
        print(json.dumps(rows[-1], ensure_ascii=False), flush=True)
    report = render(rows)
    print(report)
    if not args.no_write:
        RESULTS.write_text(report + patterns + _hand_written(), encoding="utf-8")
    return 0


def _conversion_only(sizes: list[int], repeat: int) -> int:
    """The Conversion table's raw OpenCC and variant step columns alone, measured as
    `measure` measures them (no regular expressions, parsing, no-op re-run or builds)."""
    from synthetic import write_corpus

    print("| articles | chars | raw OpenCC chars/s | our variant step chars/s | ratio |")
    print("|---|---|---|---|---|")
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix=f"duizhao-bench-{count}-") as name:
            work = Path(name)
            seeds = work / "seeds"
            if count == 5:
                shutil.copytree(ROOT / "seeds", seeds)
            else:
                write_corpus(seeds, count, seed=1)
            docs = _project(work / "project") / "docs"
            _timed(_convert_command(seeds, docs))
            chars, raw_best, ours_best = _variant_step(docs, repeat)
        rate, step = chars / raw_best, chars / ours_best
        row = f"| {count} | {chars:,} | {rate:,.0f} | {step:,.0f} | {step / rate:.0%} |"
        print(row, flush=True)
    return 0


def _search_only(sizes: list[int], dry: bool) -> int:
    from bench_search import measure_search, render_search, write_search

    found = []
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix=f"duizhao-bench-search-{count}-") as work:
            found.append(measure_search(count, Path(work)))
        print(json.dumps(found[-1], ensure_ascii=False), flush=True)
    report = render_search(found)
    print(report)
    if not dry:
        write_search(report, RESULTS, HAND_WRITTEN)
    return 0


# --- the glossary on pathological text ---------------------------------------------------

# Budget (issue 16 row 3): the glossary (making it, then marking the page) on 200,000
# characters of a pathological text takes at most this many times as long as on 200,000
# characters of the bundled news text, measured in the same run (both are mostly jieba's
# cutting; before the fix one such run took hours); and never over PATHOLOGY_CAP seconds.
PATHOLOGY_RATIO = 2.0
PATHOLOGY_CAP = 300.0
PATHOLOGY_SIZE = 200_000


def glossary_text() -> bool:
    """Time the glossary on news text and on pathological runs of the same length; print a
    Markdown table and whether each is within budget."""
    sys.path.insert(0, str(ROOT))
    from duizhao.glossary import build_glossary
    from duizhao.glossary.marking import mark_terms
    from duizhao.ingest.seeds import parse_seed, parse_seed_bytes

    news = "".join(
        block.plain for path in sorted((ROOT / "seeds").iterdir())
        for block in parse_seed(path).blocks
    )  # fmt: skip
    news = (news * (PATHOLOGY_SIZE // max(1, len(news)) + 1))[:PATHOLOGY_SIZE]
    texts = {
        "news (the bundled seeds, repeated)": news,
        "one Han character, unpunctuated": "中" * PATHOLOGY_SIZE,
        "a pair in the middle of a run": "中" * (PATHOLOGY_SIZE // 2)
        + "（NATO）"
        + "国" * (PATHOLOGY_SIZE // 2),
        "a byline word repeated": "记者" * (PATHOLOGY_SIZE // 2),
        "an unclosed title mark": "《" + "法" * PATHOLOGY_SIZE,
        "dotted name parts": "伊力哈木·" * (PATHOLOGY_SIZE // 5),
    }

    def timed(text: str) -> float:
        seed = "长文\n\n" + "\n".join(text[i : i + 20_000] for i in range(0, len(text), 20_000))
        article = parse_seed_bytes("bench.txt", seed.encode("utf-8"))
        started = time.perf_counter()
        glossary = build_glossary([article], curated=None)
        mark_terms(f"<p>{text}</p>", glossary.matcher("zh-Hans").find, lambda i, t: t)
        return time.perf_counter() - started

    build_glossary([parse_seed_bytes("warm.txt", "热身\n\n普京说。\n".encode())], curated=None)
    base = timed(news)
    ok = True
    print("| text (200,000 characters) | seconds | × news |\n|---|---:|---:|")
    for name, text in texts.items():
        seconds = base if text is news else timed(text)
        ratio = seconds / base
        within = seconds <= PATHOLOGY_CAP and ratio <= PATHOLOGY_RATIO
        ok = ok and within
        print(f"| {name} | {seconds:.2f} | {ratio:.2f}{'' if within else ' (over budget)'} |")
    return ok


# --- one corpus size --------------------------------------------------------------------


def measure(count: int, work: Path, repeat: int = 3, build: bool = True) -> Row:
    from synthetic import write_corpus

    seeds = work / "seeds"
    if count == 5:
        shutil.copytree(ROOT / "seeds", seeds)
    else:
        write_corpus(seeds, count, seed=1)
    project = _project(work / "project")
    docs = project / "docs"
    row: Row = {"articles": count}

    if count != 5:
        row["shapes"] = _parse_by_shape(seeds, repeat)
    seconds, rss = _timed(_convert_command(seeds, docs))
    chars, raw_best, ours_best = _variant_step(docs, repeat)
    row.update(convert_s=seconds, convert_rss_mb=rss, chars=chars, opencc_s=raw_best)
    row["variants_s"] = ours_best

    before = _mtimes(docs)
    row["noop_s"], _ = _timed(_convert_command(seeds, docs))
    row["noop_rewritten"] = sum(1 for p, t in _mtimes(docs).items() if before.get(p) != t)
    row["noop_translation_calls"] = _translation_calls_in_noop(seeds, docs)
    if not build:
        return row

    # The first build makes the glossary cache ("all", cold). Then each hook set is built
    # `repeat` times, in turn, so a burst of load on the machine hits them all alike; the
    # best time of each counts.
    for name in ["all", *["all-again", "no-glossary", "no-learner", "none"] * max(1, repeat)]:
        hooks = HOOK_SETS[name.removesuffix("-again")]
        config = _config(project, name, hooks)
        out = work / f"{name}.json"
        cmd = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            "build",
            str(config),
            name,
            str(out),
        ]
        seconds, rss = _timed(cmd, env={**ENV, "DUIZHAO_SEEDS": str(seeds)})
        result = json.loads(out.read_text(encoding="utf-8"))
        best = row.get(f"build_{name}_s")
        if best is not None and best <= result["seconds"]:
            continue
        row[f"build_{name}_s"] = result["seconds"]
        row[f"build_{name}_rss_mb"] = rss
        if name.startswith("all"):
            row[f"glossary_{name}"] = result["glossary"]
        if name == "all-again" and "site_mb" not in row:
            row.update(_sizes(Path(result["site"]), count))
            row["article_pages"] = result["article_pages"]
    return row


def _parse_by_shape(seeds: Path, repeat: int) -> dict[str, list[float]]:
    """Milliseconds per seed to parse each shape (the best of `repeat` passes), and seeds."""
    from duizhao.ingest.seeds import parse_seed
    from duizhao.pipeline import scan_seeds

    def shape(name: str, data: bytes) -> str:
        if name.endswith((".json", ".jsonl")) or "#" in name:
            return "jsonl" if "#" in name else "json"
        if name.endswith(".html"):
            return "page"
        if data.startswith(b"<!--"):
            return "html-body"
        return "markdown" if b"](" in data else "text"

    by_shape: dict[str, list[Any]] = {}
    for unit in scan_seeds(seeds)[0]:
        kind = shape(unit.name, unit.path.read_bytes()[:4096])
        by_shape.setdefault(kind, []).append(unit)
    timings: dict[str, list[float]] = {}
    for kind, units in sorted(by_shape.items()):
        best = float("inf")
        for _ in range(max(1, repeat)):
            started = time.perf_counter()
            for unit in units:
                parse_seed(unit.path, unit.line)
            best = min(best, time.perf_counter() - started)
        timings[kind] = [best * 1000 / len(units), len(units)]
    return timings


def _convert_command(seeds: Path, docs: Path) -> list[str]:
    return [sys.executable, "scripts/convert.py", "--seeds", str(seeds), "--docs", str(docs),
            "--quiet"]  # fmt: skip


def _project(where: Path) -> Path:
    where.mkdir(parents=True)
    for name in LINKED:
        (where / name).symlink_to(ROOT / name)
    (where / "docs").mkdir()
    shutil.copytree(ROOT / "docs" / "assets", where / "docs" / "assets")
    return where


def _config(project: Path, name: str, hooks: tuple[str, ...] | None) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if hooks is not None:
        listed = "".join(f"  - {hook}\n" for hook in hooks)
        text = re.sub(
            r"^hooks:\n(?:  - .*\n)+", f"hooks:\n{listed}" if hooks else "", text, flags=re.M
        )
    path = project / f"mkdocs-{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=ROOT, env=env or ENV, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{' '.join(cmd)} failed ({child.returncode})")
    return seconds, usage.ru_maxrss / 1024


def _variant_step(docs: Path, repeat: int) -> tuple[int, float, float]:
    """Characters, and the best seconds of raw OpenCC and of our variant step over `repeat`
    rounds (raw, then ours), after one round that is not counted.

    So each run follows a run of the other's tables, as the two take turns in a real
    conversion. The first round is left out because raw OpenCC's first run came straight
    after its tables were built, still in the processor's cache: at 100 articles it took
    94 ms, every later one 112-132 ms. (Two runs of one side in a row favour raw OpenCC
    too: its tables are smaller than ours.)"""
    _raw_opencc(docs)
    _our_variants(docs)
    raw, ours = [], []
    for _ in range(max(1, repeat)):
        chars, raw_seconds = _raw_opencc(docs)
        raw.append(raw_seconds)
        ours.append(_our_variants(docs))
    return chars, min(raw), min(ours)


def _raw_opencc(docs: Path) -> tuple[int, float]:
    """Characters of the articles' text, and seconds for stock OpenCC (the same chains our
    tables are merged into) to convert all of it into every variant.

    CPU seconds of this process, here and in `_our_variants`: both are single-threaded,
    and on a shared machine wall time also counts the time the process waits for a core,
    which moved the ratio by ten points between runs a minute apart."""
    from duizhao import settings
    from duizhao.pipeline import load_records
    from duizhao.variants import chains

    texts = []
    for article in load_records(docs):
        parts = [article.title, article.dek, *(b.plain for b in article.blocks)]
        texts.append((article.script, "\n".join(p for p in parts if p)))
    converters = {
        (script, tag): chains.stock_chain(script, tag)  # the raw configs, no tables
        for script in {s for s, _ in texts}
        for tag in settings.published()
    }
    started = time.process_time()
    for script, text in texts:
        for tag in settings.published():
            converters[script, tag].convert(text)
    return sum(len(t) for _, t in texts), time.process_time() - started


def _our_variants(docs: Path) -> float:
    """Seconds for our variant step alone (OpenCC plus our tables, every field of the
    record, `localize.localize`) on the same articles, for the same variants."""
    from duizhao import settings
    from duizhao.pipeline import load_records
    from duizhao.variants import localize

    articles = load_records(docs)
    # Build the converters (one per source script and variant) outside the timing, as the
    # raw figure builds OpenCC's.
    one_per_script = {article.script: article for article in articles}.values()
    for article in one_per_script:
        for tag in settings.published():
            localize.localize(article, tag)
    started = time.process_time()
    for article in articles:
        for tag in settings.published():
            localize.localize(article, tag)
    return time.process_time() - started


def _translation_calls_in_noop(seeds: Path, docs: Path) -> int:
    """Run the no-op conversion in this process with every translation entry point counted
    and the network switched off: conversion must never translate."""
    import socket

    from duizhao.english import translate
    from duizhao.pipeline import convert_all

    calls = []
    originals = {}
    for name in ("make_provider", "translate_articles", "translate_units"):
        originals[name] = getattr(translate, name)
        setattr(translate, name, lambda *a, _n=name, **k: calls.append(_n))
    real_connect = socket.socket.connect
    socket.socket.connect = lambda *a, **k: calls.append("network")  # type: ignore[method-assign]
    try:
        report = convert_all(seeds, docs)
    finally:
        for name, function in originals.items():
            setattr(translate, name, function)
        socket.socket.connect = real_connect  # type: ignore[method-assign]
    assert report.written == 0, f"the no-op run rewrote {report.written} files"
    return len(calls)


def _mtimes(folder: Path) -> dict[str, int]:
    """Modification times of the files under a docs folder, but its lock: every run takes
    the lock (it is how runs take turns, not output), so it is always newer."""
    from duizhao import locks

    lock = locks.docs_lock_file(folder)
    return {str(p): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file() and p != lock}


def _sizes(site: Path, count: int) -> Row:
    from duizhao import settings
    from duizhao.variants import localize

    def size(path: Path) -> int:
        return (
            sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
            if path.is_dir()
            else path.stat().st_size
        )

    articles = sorted((site / "zh-hans" / "articles").iterdir())
    page = articles[len(articles) // 2] / "index.html"
    own = sum(size(p) for p in (site / "assets").rglob("duizhao*") if p.is_file())
    return {
        "site_mb": size(site) / 1e6,
        "page_kb": size(page) / 1e3,
        "own_assets_kb": own / 1e3,
        # Each variant's search files: its Pagefind bundle and its query dictionary.
        "search_kb": {
            tag: sum(size(site / localize.folder(tag) / name) for name in ("pagefind", "search"))
            / 1e3
            for tag in settings.published()
        },
    }


# --- the learner's layer ---------------------------------------------------------------

LEARNER_START = "<!-- learner figures: written by scripts/bench.py --learner-only -->"
LEARNER_END = "<!-- end of learner figures -->"


def _learner_only(sizes: list[int], write: bool) -> int:
    rows = []
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix=f"duizhao-learner-{count}-") as work:
            rows.append(_measure_learner(count, Path(work)))
        print(json.dumps(rows[-1]), flush=True)
    table = _learner_table(rows)
    print(table)
    if write:
        text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
        if LEARNER_START in text:
            before, rest = text.split(LEARNER_START, 1)
            text = before + table + rest.split(LEARNER_END, 1)[1]
        elif HAND_WRITTEN in text:
            text = text.replace(HAND_WRITTEN, table + "\n" + HAND_WRITTEN)
        else:
            text += "\n" + table
        RESULTS.write_text(text, encoding="utf-8")
    return 0


def _measure_learner(count: int, work: Path) -> Row:
    """Convert a corpus, make its glossary, then the learner's data cold and again (from its
    store), each in a child process; then the sizes of the data."""
    from synthetic import write_corpus

    seeds = work / "seeds"
    if count == 5:
        shutil.copytree(ROOT / "seeds", seeds)
    else:
        write_corpus(seeds, count, seed=1)
    docs = work / "docs"
    _timed(_convert_command(seeds, docs))
    script = (
        f"import sys, time, json; sys.path.insert(0, {str(ROOT)!r})\n"
        "from pathlib import Path\n"
        "from duizhao import settings\n"
        "from duizhao.glossary import store as g\n"
        "from duizhao.learner import store as l\n"
        f"docs = Path({str(docs)!r})\n"
        "corpus = g.load(docs)\n"
        "started = time.perf_counter()\n"
        "index = l.build(docs, corpus.glossary, settings.published())\n"
        "print(json.dumps({'seconds': time.perf_counter() - started, 'made': index.made}))\n"
    )
    row: Row = {"articles": count}
    for name in ("cold", "cached"):
        out = work / f"learner-{name}.json"
        command = [sys.executable, "-c", script]
        with out.open("w") as sink:
            started = time.perf_counter()
            subprocess.run(command, cwd=ROOT, env=ENV, stdout=sink, check=True)
            wall = time.perf_counter() - started
        result = json.loads(out.read_text().strip().splitlines()[-1])
        row[f"learner_{name}_s"] = result["seconds"]
        row[f"learner_{name}_process_s"] = wall
        row[f"learner_{name}_made"] = result["made"]
    row.update(_learner_sizes(docs))
    return row


def _learner_sizes(docs: Path) -> Row:
    """Bytes of word data per article and variant (raw and gzip -6, as a web server sends
    it), and the first tap's transfer: the article's data, plus our learner script and
    stylesheet, which every page loads anyway (cached after the first page)."""
    import gzip
    import statistics

    files = sorted((docs / ".duizhao" / "learner").glob("*/*.json"))
    raw = [p.stat().st_size for p in files]
    packed = [len(gzip.compress(p.read_bytes(), 6)) for p in files]
    assets = ROOT / "docs" / "assets"
    script = [
        assets / "javascripts" / "duizhao-learner.js",
        assets / "stylesheets" / "duizhao-learner.css",
    ]
    assets_gzip = sum(len(gzip.compress(p.read_bytes(), 6)) for p in script)

    def quantile(values: list[int], q: float) -> float:
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] / 1e3

    return {
        "data_files": len(files),
        "data_kb_median": statistics.median(raw) / 1e3,
        "data_kb_p95": quantile(raw, 0.95),
        "data_kb_max": max(raw) / 1e3,
        "data_gzip_kb_median": statistics.median(packed) / 1e3,
        "data_gzip_kb_p95": quantile(packed, 0.95),
        "data_gzip_kb_max": max(packed) / 1e3,
        "data_total_mb": sum(raw) / 1e6,
        "learner_assets_gzip_kb": assets_gzip / 1e3,
    }


def _learner_table(rows: list[Row]) -> str:
    lines = [
        LEARNER_START,
        "## The learner's layer (`scripts/bench.py --learner-only`)",
        "",
        "Word data is one JSON file per article and variant, fetched on the first tap. "
        "The first tap's transfer is that file; with gzip (as static hosts send JSON) it is "
        "the gzip figure. The learner script and stylesheet are loaded with every page "
        f"({rows[0]['learner_assets_gzip_kb']:.1f} kB gzip, cached after the first page).",
        "",
        "| articles | data made, cold (s) | from the store (s) | per article, cold (ms) "
        "| data per article: median / p95 / max (kB) | gzip: median / p95 / max (kB) "
        "| all data (MB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['learner_cold_s']:.1f} | {r['learner_cached_s']:.1f} "
            f"| {1000 * r['learner_cold_s'] / r['articles']:.0f} "
            f"| {r['data_kb_median']:.1f} / {r['data_kb_p95']:.1f} / {r['data_kb_max']:.1f} "
            f"| {r['data_gzip_kb_median']:.1f} / {r['data_gzip_kb_p95']:.1f} "
            f"/ {r['data_gzip_kb_max']:.1f} | {r['data_total_mb']:.0f} |"
        )
    lines += ["", "```json", json.dumps(rows, indent=1), "```", LEARNER_END, ""]
    return "\n".join(lines)


# --- the build worker -------------------------------------------------------------------


def _build_worker(config_file: Path, name: str, out: Path) -> int:
    """One `mkdocs build` in this process, timing the glossary hook's events."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = out.parent / f"site-{name}"
    config = load_config(str(config_file), site_dir=str(site))
    timings: dict[str, float] = {}
    calls: dict[str, int] = {}
    for event, methods in config.plugins.events.items():
        for index, method in enumerate(methods):
            code = getattr(method, "__code__", None)
            if code and code.co_filename.endswith(os.path.join("hooks", "glossary.py")):
                methods[index] = _timing(method, event, timings, calls)
    started = time.perf_counter()
    build(config)
    seconds = time.perf_counter() - started
    pages = len(list(site.glob("*/articles/*/index.html")))
    per_page = sum(timings.get(e, 0.0) for e in ("page_markdown", "page_content", "post_page"))
    once = sum(timings.get(e, 0.0) for e in ("pre_build", "files"))
    glossary = {
        "once_s": once,
        "per_page_ms": 1000 * per_page / pages if pages and timings else None,
        "calls": calls,
    }
    out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "article_pages": pages,
                "site": str(site),
                "glossary": glossary if timings else None,
            }
        ),
        encoding="utf-8",
    )
    return 0


def _timing(
    method: Callable[..., Any], event: str, timings: dict[str, float], calls: dict[str, int]
) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            timings[event] = timings.get(event, 0.0) + time.perf_counter() - started
            calls[event] = calls.get(event, 0) + 1

    return timed


# --- the report -------------------------------------------------------------------------


def render(rows: list[Row]) -> str:
    import mkdocs
    import opencc

    machine = (
        f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, "
        f"MkDocs {mkdocs.__version__}, Material {_version('mkdocs-material')}, "
        f"OpenCC {_version('opencc') or getattr(opencc, '__version__', '?')}, "
        f"peak RSS from wait4; {time.strftime('%Y-%m-%d')}"
    )
    lines = [
        "# Benchmarks",
        "",
        "Written by `python scripts/bench.py` (see its docstring; `--large` adds 10,000",
        "articles). Every figure of a row comes from one run: read the ratios; this machine",
        "is shared and its absolute seconds are noisy. Builds: the best of `--repeat` (3)",
        "per hook set, taken in turn (one each at 10,000); the glossary's per-page time",
        "includes marking the page.",
        "",
        f"Machine: {machine}.",
        "",
        "## Conversion (seeds → Markdown pages of all four variants)",
        "",
        "| articles | chars | raw OpenCC chars/s | our variant step chars/s | ratio "
        "| whole conversion (s) | its chars/s | ratio | RSS (MB) | no-op re-run (s) "
        "| files rewritten | translation calls |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        raw, step = r["chars"] / r["opencc_s"], r["chars"] / r["variants_s"]
        whole = r["chars"] / r["convert_s"]
        lines.append(
            f"| {r['articles']} | {r['chars']:,} | {raw:,.0f} | {step:,.0f} | {step / raw:.0%} "
            f"| {r['convert_s']:.2f} | {whole:,.0f} | {whole / raw:.0%} "
            f"| {r['convert_rss_mb']:.0f} | {r['noop_s']:.2f} | {r['noop_rewritten']} "
            f"| {r['noop_translation_calls']} |"
        )
    lines += [
        "",
        "## Parsing by seed shape (ms per seed, best of `--repeat`; ratio to the HTML body)",
        "",
        "| articles | text | Markdown-ish | HTML body | whole page | JSON | JSON Lines |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        shapes = r.get("shapes")
        if not shapes:
            continue
        base = shapes["html-body"][0]
        cells = [
            f"{shapes[k][0]:.1f} ({shapes[k][0] / base:.1f}×, {int(shapes[k][1])})"
            if k in shapes
            else "–"
            for k in ("text", "markdown", "html-body", "page", "json", "jsonl")
        ]
        lines.append(f"| {r['articles']} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Build (`mkdocs build` of the converted pages)",
        "",
        "| articles | article pages | no hooks (s) | all hooks, glossary cold (s) | all hooks "
        "(s) | ratio to no hooks | without glossary (s) | glossary share | without learner (s) "
        "| learner share | s per article page | RSS (MB) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        if "build_none_s" not in r:  # a conversion-only row (--no-build)
            continue
        none, warm = r["build_none_s"], r["build_all-again_s"]
        no_learner = r.get("build_no-learner_s")
        learner = (
            f"| {no_learner:.2f} | {(warm - no_learner) / warm:+.0%} "
            if no_learner
            else "| n/a | n/a "
        )
        lines.append(
            f"| {r['articles']} | {r['article_pages']} | {none:.2f} | {r['build_all_s']:.2f} "
            f"| {warm:.2f} | {warm / none:.2f}× | {r['build_no-glossary_s']:.2f} "
            f"| {(warm - r['build_no-glossary_s']) / warm:+.0%} {learner}"
            f"| {warm / r['article_pages']:.4f} | {r['build_all-again_rss_mb']:.0f} |"
        )
    lines += [
        "",
        "## Glossary hook",
        "",
        "| articles | once per build, cold (s) | once per build, cached (s) "
        "| per article page (ms) |",
        "|---|---|---|---|",
    ]
    for r in rows:
        cold, warm = r.get("glossary_all"), r.get("glossary_all-again")
        if "build_none_s" not in r:
            continue
        if not cold or not warm:
            lines.append(f"| {r['articles']} | n/a | n/a | n/a |")
            continue
        lines.append(
            f"| {r['articles']} | {cold['once_s']:.2f} | {warm['once_s']:.2f} "
            f"| {warm['per_page_ms']:.2f} |"
        )
    lines += [
        "",
        "## Sizes",
        "",
        "| articles | site (MB) | one article page (kB) | our CSS + JS (kB) "
        "| search files per variant (kB) |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        if "search_kb" not in r:
            continue
        search = ", ".join(f"{tag} {kb:,.0f}" for tag, kb in r["search_kb"].items())
        lines.append(
            f"| {r['articles']} | {r['site_mb']:.1f} | {r['page_kb']:.0f} "
            f"| {r['own_assets_kb']:.0f} | {search} |"
        )
    lines.append("")
    lines.append(
        f"<details><summary>Raw figures</summary>\n\n```json\n"
        f"{json.dumps(rows, ensure_ascii=False, indent=1)}\n```\n</details>\n"
    )
    return "\n".join(lines) + "\n"


PATTERNS_START = "<!-- Regular expressions: written by scripts/bench.py. -->"
PATTERNS_END = "<!-- End of the regular expressions. -->"


def _patterns_section() -> str:
    """Every pattern duizhao runs, timed on pathological text (scripts/patterns.py)."""
    import patterns

    result = patterns.audit()
    raw = {**result, "rows": [{k: v for k, v in row.items() if k != "pattern"}
                              for row in result["rows"]]}  # fmt: skip
    missed = "".join(f"- never ran while recording: `{site}`\n" for site in result["unrecorded"])
    return "\n".join(
        [
            PATTERNS_START,
            "## Regular expressions on text without punctuation",
            "",
            "Every pattern compiled by duizhao/ or hooks/ during a real build, each run with "
            "`finditer` (from every position) over Chinese from the bundled seeds with all "
            "punctuation taken out (`run`), and the same ending in an unclosed `（Vladimir "
            f"Putin` (`unclosed`). Budget: {patterns.BUDGET:g} × the time of `.` over the same "
            f'text in the same run; "killed" = still running after {result["limit_s"]:g} s.',
            "",
            patterns.render(result),
            "",
            missed,
            f"<details><summary>Raw figures</summary>\n\n```json\n"
            f"{json.dumps(raw, ensure_ascii=False, indent=1)}\n```\n</details>\n",
            PATTERNS_END,
            "",
        ]
    )


def _with_patterns(text: str, section: str) -> str:
    """The file with its patterns section replaced (or put before the hand-written part)."""
    start, end = text.find(PATTERNS_START), text.find(PATTERNS_END)
    if start >= 0 and end > start:
        return text[:start] + section.rstrip("\n") + text[end + len(PATTERNS_END) :]
    at = text.find(HAND_WRITTEN)
    return text + section if at < 0 else text[:at] + section + "\n" + text[at:]


HAND_WRITTEN = "<!-- Below: written by people, kept by scripts/bench.py. -->"


def _hand_written() -> str:
    """The analysis below the tables, which a rerun keeps."""
    try:
        text = RESULTS.read_text(encoding="utf-8")
    except OSError:
        return ""
    at = text.find(HAND_WRITTEN)
    return "" if at < 0 else "\n" + text[at:]


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return ""


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
