"""Search figures for BENCHMARKS.md, run by `python scripts/bench.py --search [--sizes 1000]`.

For one synthetic corpus, in one run:
  - the build as it was before Pagefind (Material's search plugin, no Pagefind) and as it
    is (Pagefind at the end): whole build seconds and peak RSS (wait4: the build and every
    process it waited for, Pagefind included);
  - Pagefind alone over the built site, one run per bundle as the build runs it (a variant
    of more than 1,500 article pages comes in several): seconds and the peak RSS of the
    largest run;
  - in real Chromium on an article page of zh-Hans, served from loopback: the bytes the
    page fetches for a first query and for a second one (counted by the server, worker
    fetches included), and the time from the query to its results shown (the box's own
    measure, without the 120 ms typing pause);
  - Material's search, for comparison: what its first query needs is the variant's whole
    index (the site's index split per variant, as hooks/variants.py used to) and its search
    worker; counted from the files, not in a browser.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import re
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

FIRST, SECOND = "普京", "乌克兰"
TEXT = (".js", ".json", ".css", ".html")
START, END = "<!-- search:start -->", "<!-- search:end -->"


def measure_search(count: int, work: Path) -> dict[str, Any]:
    import bench
    from synthetic import write_corpus

    from duizhao.site import search

    seeds = work / "seeds"
    if count == 5:
        shutil.copytree(ROOT / "seeds", seeds)
    else:
        write_corpus(seeds, count, seed=1)
    project = bench._project(work / "project")
    bench._timed(bench._convert_command(seeds, project / "docs"))
    env = {**bench.ENV, "DUIZHAO_SEEDS": str(seeds)}
    row: dict[str, Any] = {"articles": count}
    # The glossary cache is made once, by a first build not timed here.
    for name in ("warm", "material", "pagefind"):
        config = _config(project, name)
        site = work / f"site-{name}"
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                   "-d", str(site)]  # fmt: skip
        seconds, rss = bench._timed(command, env=env)
        if name != "warm":
            row[f"{name}_build_s"], row[f"{name}_build_rss_mb"] = seconds, rss
    material = work / "site-material"
    index = json.loads((material / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = [d for d in index["docs"] if d["location"].startswith("zh-hans/")]
    variant_index = len(json.dumps({**index, "docs": docs}, ensure_ascii=False).encode())
    worker = sum(p.stat().st_size for p in (material / "assets/javascripts/workers").glob("*.js"))
    row["material_first_query_kb"] = (variant_index + worker) / 1e3
    row["material_index_kb"] = variant_index / 1e3

    site = work / "site-pagefind"
    row["pagefind_kb"] = sum(_size(p / search.BUNDLE_DIR) for p in site.glob("zh-*")) / 1e3
    row["bundles"] = len(list((site / "zh-hans" / search.BUNDLE_DIR).rglob("pagefind-entry.json")))
    again = work / "site-again"  # Pagefind alone, as the build runs it (one run per variant)
    shutil.copytree(site, again)
    folders = ",".join(p.name for p in sorted(site.glob("zh-*")))
    command = [sys.executable, "-c", "import sys; from pathlib import Path; "
               "from duizhao.site import search; "
               "search.index_site(Path(sys.argv[1]), sys.argv[2].split(','), "
               "search.pagefind_binary(Path(sys.argv[3])))",
               str(again), folders, str(ROOT)]  # fmt: skip
    row["index_s"], row["index_rss_mb"] = bench._timed(command)
    shutil.rmtree(again)
    row.update(_in_browser(site, work / "chromium"))
    return row


def _config(project: Path, name: str) -> Path:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if name == "material":  # as before Pagefind: Material's search plugin, no search hook
        text = re.sub(r"^plugins: \[\]$", "plugins:\n  - search", text, flags=re.M)
        text = text.replace("  - hooks/search.py\n", "")
    path = project / f"mkdocs-{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# --- in Chromium --------------------------------------------------------------------------


class _Counting(http.server.SimpleHTTPRequestHandler):
    served: ClassVar[list[tuple[str, int]]] = []
    packed: ClassVar[list[tuple[str, int]]] = []
    lock = threading.Lock()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        outputfile.write(data)
        # Bytes as sent, and as a host that compresses text (JavaScript, JSON) would send
        # them; Pagefind's own index files and our dictionary shards come compressed.
        packed = len(gzip.compress(data)) if self.path.split("?")[0].endswith(TEXT) else len(data)
        with self.lock:
            self.served.append((self.path, len(data)))
            self.packed.append((self.path, packed))

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_Counting, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _in_browser(site: Path, profile: Path) -> dict[str, Any]:
    from conftest import chromium  # type: ignore[import-not-found]
    from selenium.webdriver.support.ui import WebDriverWait

    article = sorted((site / "zh-hans" / "articles").iterdir())[0].name
    found: dict[str, Any] = {}
    with _serve(site) as base:
        driver: Any = chromium(profile)
        try:
            driver.get(f"{base}zh-hans/articles/{article}/")
            for step, query in (("first", FIRST), ("second", SECOND)):
                time.sleep(0.5)
                _Counting.served.clear()
                _Counting.packed.clear()
                _type(driver, query)
                WebDriverWait(driver, 120, poll_frequency=0.02).until(_searched(query))
                time.sleep(0.5)  # fetches still under way (none expected) are counted too
                box = "document.querySelector('[data-dz-search]').dataset"
                found[f"{step}_query_ms"] = float(driver.execute_script(f"return {box}.dzSearchMs"))
                found[f"{step}_query_kb"] = sum(n for _, n in _Counting.served) / 1e3
                found[f"{step}_query_files"] = len(_Counting.served)
                found[f"{step}_query_gzip_kb"] = sum(n for _, n in _Counting.packed) / 1e3
                found[f"{step}_query_by_bundle_kb"] = _by_bundle(_Counting.served)
                found[f"{step}_results"] = len(
                    driver.find_elements("css selector", ".md-search-result__item")
                )
        finally:
            driver.quit()
        # The first query again in a fresh browser (nothing cached, the worker's fetches
        # included), every bundle searched ("search all"): what a first query cost when the
        # box merged every bundle at once.
        driver = chromium(profile.with_name(profile.name + "-all"))
        try:
            driver.get(f"{base}zh-hans/articles/{article}/")
            time.sleep(0.5)
            _Counting.served.clear()
            _type(driver, FIRST)
            WebDriverWait(driver, 120, poll_frequency=0.02).until(_searched(FIRST))
            everywhere = driver.find_element("css selector", ".dz-search__everywhere")
            found["first_query_searched_all"] = not everywhere.is_displayed()
            if everywhere.is_displayed():
                everywhere.click()
                WebDriverWait(driver, 120).until(lambda d: not everywhere.is_displayed())
            time.sleep(0.5)
            found["all_bundles_query_kb"] = sum(n for _, n in _Counting.served) / 1e3
            found["all_bundles_query_files"] = len(_Counting.served)
            found["all_bundles_query_by_bundle_kb"] = _by_bundle(_Counting.served)
        finally:
            driver.quit()
    return found


def _type(driver: Any, query: str) -> None:
    driver.execute_script(
        "const box = document.querySelector('.md-search__input');"
        "box.focus(); box.value = arguments[0];"
        "box.dispatchEvent(new Event('input'));",
        query,
    )


def _by_bundle(served: list[tuple[str, int]]) -> dict[str, float]:
    """Bytes served by where they lie: each bundle ("pagefind", "bundle-2", ...), the query
    dictionary ("search"), anything else ("other")."""
    totals: dict[str, float] = {}
    for path, size in served:
        parts = path.split("?")[0].split("/")
        if "pagefind" in parts:
            after = parts[parts.index("pagefind") + 1 :]
            where = after[0] if after and after[0].startswith("bundle-") else "pagefind"
        else:
            where = "search" if "search" in parts else "other"
        totals[where] = round(totals.get(where, 0) + size / 1e3, 1)
    return totals


# --- the report -----------------------------------------------------------------------------


def _searched(query: str) -> Any:
    def done(driver: Any) -> bool:
        box = "return document.querySelector('[data-dz-search]').dataset.dzSearched"
        return bool(driver.execute_script(box) == query)

    return done


def render_search(rows: list[dict[str, Any]]) -> str:
    lines = [
        START,
        "## Search: Pagefind against Material's search (`scripts/bench.py --search`)",
        "",
        f"Queries on a zh-Hans article page in Chromium: first {FIRST}, then {SECOND} (the "
        "first ten results' excerpts loaded; a query searches the newest bundle, and older "
        "ones while the list is not full), and the first again on a fresh page with every "
        'bundle searched ("search all"). Bytes as a plain server sends them, and as a '
        "host that gzips JavaScript and JSON would (Pagefind's index files and our "
        "dictionary come compressed). Material's first query is its variant's index plus its "
        "worker, counted from the files (it loads them whole before any result). The machine "
        "was shared and loaded (load average 8 to 12 on 2 cores): compare within a row.",
        "",
        "| articles | build with Material search (s) | build with Pagefind (s) | ratio | peak RSS "
        "before → now (MB) | Pagefind alone (s, MB) | bundles per variant | Material first "
        "query (kB) | Pagefind "
        "first query (kB, files; with gzip) | first query, every bundle searched (kB, files) "
        "| second query (kB; with gzip) | first results (ms) | second (ms) |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['material_build_s']:.1f} | {r['pagefind_build_s']:.1f} "
            f"| {r['pagefind_build_s'] / r['material_build_s']:.0%} "
            f"| {r['material_build_rss_mb']:,.0f} → {r['pagefind_build_rss_mb']:,.0f} "
            f"| {r['index_s']:.1f}, {r['index_rss_mb']:,.0f} | {r.get('bundles', 1)} "
            f"| {r['material_first_query_kb']:,.0f} "
            f"| {r['first_query_kb']:,.0f} ({r['first_query_files']}; "
            f"{r.get('first_query_gzip_kb', 0):,.0f}) "
            f"| {r.get('all_bundles_query_kb', 0):,.0f} ({r.get('all_bundles_query_files', 0)}) "
            f"| {r['second_query_kb']:,.0f}; {r.get('second_query_gzip_kb', 0):,.0f} "
            f"| {r['first_query_ms']:,.0f} "
            f"| {r['second_query_ms']:,.0f} |"
        )
    lines += ["", "```json", json.dumps(rows, indent=1, ensure_ascii=False), "```", END, ""]
    return "\n".join(lines)


def write_search(report: str, results: Path, marker: str) -> None:
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    if START in text and END in text:
        text = text[: text.index(START)] + report.rstrip("\n") + text[text.index(END) + len(END) :]
    elif marker in text:
        text = text.replace(marker, report + "\n" + marker)
    else:
        text += "\n" + report
    results.write_text(text, encoding="utf-8")


# --- the road not taken: every form of every term as hidden text in the page ----------------


def hidden_terms_cost(site: Path, docs: Path, folder: str = "zh-tw") -> dict[str, float]:
    """Bundle bytes of one variant as built, and with each article carrying every form of its
    glossary terms (each variant's, aliases, pinyin with and without tones and spaces,
    English) as hidden text, the other way to make them findable. Run on a built site."""
    import html
    import subprocess
    import tempfile

    from duizhao.glossary import store
    from duizhao.site import search
    from duizhao.site.search_terms import english_keys, key
    from duizhao.variants import all_variants, convert

    corpus = store.load(docs)
    binary = search.pagefind_binary(ROOT)
    sizes: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "site"
        shutil.copytree(site / folder, copy / folder)
        for page in (copy / folder / "articles").glob("*/index.html"):
            words: set[str] = set()
            for term in corpus.glossary.for_article(page.parent.name):
                words |= set(term.forms.values()) | {term.simplified, term.traditional}
                for alias in term.aliases:
                    words |= {convert(alias, v.tag, "hans") for v in all_variants()}
                words |= {term.pinyin, key(term.pinyin), *english_keys(term)}
            text = page.read_text(encoding="utf-8")
            hidden = f"<p hidden>{html.escape(' '.join(sorted(words)))}</p>"
            at = text.index("<div hidden data-pagefind-ignore>")
            page.write_text(text[:at] + hidden + text[at:], encoding="utf-8")
        for name, where in (("as built", site), ("hidden terms", copy)):
            out = Path(work) / name.replace(" ", "-")
            subprocess.run(
                [str(binary), "--site", str(where), "--glob", f"{folder}/articles/**/*.html",
                 "--output-path", str(out), "--exclude-selectors", ", ".join(search.EXCLUDED),
                 "--quiet"], check=True,
            )  # fmt: skip
            sizes[f"{name} index kB"] = _size(out / "index") / 1e3
            sizes[f"{name} fragments kB"] = _size(out / "fragment") / 1e3
    return sizes


if __name__ == "__main__":  # python scripts/bench_search.py SITE DOCS: the hidden-terms cost
    print(json.dumps(hidden_terms_cost(Path(sys.argv[1]), Path(sys.argv[2])), indent=1))
