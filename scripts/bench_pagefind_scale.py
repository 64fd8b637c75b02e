"""Pagefind alone on synthetic pages of one variant: peak memory per run, and the bytes of a
first and a second query with one bundle or several merged in the browser (issue 13).

    python scripts/bench_pagefind_scale.py [--sizes 1000,2500,5000,10000] [--bundle 1000]

The pages are made like scripts/synthetic.py's seeds (6 to 20 of the five seeds' paragraphs,
a number in the first, an id on each), marked as our templates mark them for Pagefind (body,
source, date, a tag filter), without MkDocs around them: smaller than our real pages. Each
size is indexed in one run; the largest also in runs of `--bundle` pages, which Chromium then
searches as one index with Pagefind's `mergeIndex`. Bytes are counted at the server, cache
off. Prints Markdown; BENCHMARKS.md's section "Pagefind alone at 10,000 pages" is one such
run. Not part of the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import html
import http.server
import random
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from conftest import chromium  # type: ignore[import-not-found]  # noqa: E402
from synthetic import TAGS, paragraph_pool  # noqa: E402

from duizhao.site.search import bundle_glob, pagefind_binary, split_bundles  # noqa: E402

QUERIES = ("普京", "乌克兰")
# Loads the bundles named in ?b= (the first, then the others merged), runs two queries and
# loads the first ten results of each, as the search box does.
HARNESS = """<!doctype html><html lang="zh-Hans"><body><script type="module">
const ask = new URLSearchParams(location.search);
const bundles = ask.get('b').split(',');
const pagefind = await import('/' + bundles[0] + '/pagefind.js');
await pagefind.options({});
for (const other of bundles.slice(1)) await pagefind.mergeIndex('/' + other + '/');
const started = performance.now();
const first = await pagefind.search(ask.get('q1'));
await Promise.all(first.results.slice(0, 10).map(r => r.data()));
window.dzFirst = {results: first.results.length, ms: performance.now() - started};
const second = await pagefind.search(ask.get('q2'));
await Promise.all(second.results.slice(0, 10).map(r => r.data()));
window.dzSecond = {results: second.results.length};
</script></body></html>"""


def write_pages(site: Path, count: int, seed: int = 1) -> None:
    pool = paragraph_pool()
    rng = random.Random(seed)
    for number in range(count):
        paragraphs = rng.sample(pool, rng.randint(6, 20))
        paragraphs[0] = f"（第{number}号）" + paragraphs[0]
        title = html.escape(paragraphs[1][:24])
        body = "".join(  # an id on each paragraph, as ours have: Pagefind keeps them
            f"<p id='p-{number}-{k}'>{html.escape(text)}</p>" for k, text in enumerate(paragraphs)
        )
        page = site / "zh-hans" / "articles" / f"{number:05d}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            "<!doctype html><html lang='zh-Hans'><head><meta charset='utf-8'>"
            f"<title>{title}</title></head><body><header>对照</header>"
            f"<main data-pagefind-body><h1>{title}</h1>"
            "<p data-pagefind-meta='source'>BBC</p>"
            f"<p data-pagefind-meta='date'>2024-05-{1 + number % 28:02d}</p>"
            f"<span data-pagefind-filter='tag'>{rng.choice(TAGS)}</span>{body}</main>"
            "</body></html>",
            encoding="utf-8",
        )


def index(binary: Path, site: Path, glob: str, out: Path) -> dict[str, float]:
    """One Pagefind run: peak memory (MB) and seconds, as GNU time reports them."""
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M %e", str(binary), "--site", str(site), "--glob", glob,
         "--output-path", str(out)],
        capture_output=True, text=True, check=True, timeout=3600,
    )  # fmt: skip
    rss_kb, seconds = done.stderr.strip().splitlines()[-1].split()
    return {"mb": int(rss_kb) / 1024, "s": float(seconds), "disk_mb": _size(out) / 1e6}


def query_bytes(site: Path, bundles: list[str]) -> dict[str, Any]:
    (site / "q.html").write_text(HARNESS, encoding="utf-8")
    with _counting_server(site) as (base, served):
        driver: Any = chromium(site / "chromium-profile")  # the tests' Chromium: loopback only
        try:
            driver.get(f"{base}q.html?b={','.join(bundles)}&q1={QUERIES[0]}&q2={QUERIES[1]}")
            first = _wait(driver, "dzFirst")
            first_files = list(served)
            _wait(driver, "dzSecond")
            second_files = served[len(first_files) :]
        finally:
            driver.quit()
    return {
        "first_kb": sum(size for _, size in first_files) / 1000,
        "first_files": len(first_files),
        "first_ms": first["ms"],
        "results": first["results"],
        "second_kb": sum(size for _, size in second_files) / 1000,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,2500,5000,10000")
    parser.add_argument("--bundle", type=int, default=1000, help="pages per bundle")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    binary = pagefind_binary(ROOT)
    print("| pages in one run | peak memory | time | index on disk |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="duizhao-pagefind-") as work:
        for size in sizes:
            site = Path(work) / str(size)
            write_pages(site, size)
            run = index(binary, site, "zh-hans/articles/**/*.html", site / "one")
            print(
                f"| {size:,} | {run['mb']:,.0f} MB | {run['s']:.1f} s | {run['disk_mb']:.1f} MB |"
            )
        largest, site = max(sizes), Path(work) / str(max(sizes))
        articles = site / "zh-hans" / "articles"
        pages = sorted(path.relative_to(articles).as_posix() for path in articles.rglob("*.html"))
        bundles: list[str] = []
        for part in split_bundles(pages, args.bundle):  # cut and named as the build does
            bundle = f"b{len(bundles)}"
            run = index(binary, site, bundle_glob("zh-hans", part), site / bundle)
            bundles.append(bundle)
            print(f"| {largest:,}: bundle {bundle}, {len(part):,} pages | {run['mb']:,.0f} MB "
                  f"| {run['s']:.1f} s | {run['disk_mb']:.1f} MB |")  # fmt: skip
        print("\n| index | first query | second query | first results |\n|---|---|---|---|")
        for label, names_of in ((f"one bundle of {largest:,}", ["one"]), (
            f"{len(bundles)} bundles merged", bundles)):  # fmt: skip
            q = query_bytes(site, names_of)
            print(f"| {label} | {q['first_kb']:,.0f} kB, {q['first_files']} files "
                  f"| {q['second_kb']:,.0f} kB | {q['first_ms'] / 1000:.1f} s "
                  f"({q['results']:,} results) |")  # fmt: skip
    return 0


# --- helpers -------------------------------------------------------------------------------


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _wait(driver: Any, name: str) -> dict[str, Any]:
    for _ in range(1200):
        found = driver.execute_script(f"return window.{name} || null")
        if found:
            return dict(found)
        time.sleep(0.1)
    raise SystemExit(f"the search page never set {name}")


@contextlib.contextmanager
def _counting_server(folder: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    served: list[tuple[str, int]] = []

    class Counting(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.is_file() and path.name != "q.html":
                served.append((self.path, path.stat().st_size))
            super().do_GET()

    handler = functools.partial(Counting, directory=str(folder))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/", served
        finally:
            server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
