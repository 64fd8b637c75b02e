"""When each variant is indexed (duizhao/site/indexing.py, hooks/search.py): as soon as its
last article page is written, in the background, one Pagefind run at a time; the build
waits for the rest at its end, and a failed build stops them.

What it saves is measured in the benchmark (BENCHMARKS.md), not here.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, make_project, strict_build
from test_search import bundle_urls

from duizhao.site import search
from duizhao.site.indexing import VariantIndexing

HANS = [f"zh-hans/articles/{name}/index.html" for name in ("a", "b")]
TW = ["zh-tw/articles/c/index.html"]


def write_pages(site: Path, pages: list[str]) -> None:
    for page in pages:
        lang = "zh-TW" if page.startswith("zh-tw") else "zh-Hans"
        path = site / page
        path.parent.mkdir(parents=True)
        path.write_text(
            f"<html lang={lang}><body><main data-pagefind-body><p>普京 {path.parent.name} 会谈</p>"
            "</main></body></html>",
            encoding="utf-8",
        )


def fake_pagefind(folder: Path, script: str) -> Path:
    fake = folder / "pagefind_extended"
    fake.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    fake.chmod(0o755)
    return fake


def test_a_variant_starts_once_its_last_article_page_is_written(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_pages(site, HANS + TW)
    binary = search.pagefind_binary(ROOT)
    indexing = VariantIndexing(site, binary, 1, {"zh-hans": HANS, "zh-tw": TW})
    indexing.date(HANS[0], "2020-01-01")
    indexing.date(HANS[1], "2024-05-01")
    indexing.written("zh-hans/index.html")  # not an article page: nothing to wait for
    indexing.written(HANS[0])
    assert indexing.started == ()
    indexing.written(HANS[1])
    assert indexing.started == ("zh-hans",)
    # zh-tw's page is never said to be written: `finish` starts it all the same.
    report = indexing.finish()
    assert indexing.started == ("zh-hans", "zh-tw")
    assert (report.pages, report.bundles) == (3, 3)
    assert set(report.languages) == {"zh-hans", "zh-tw"}
    first = site / "zh-hans" / search.BUNDLE_DIR
    merged = json.loads((first / search.BUNDLES_FILE).read_text(encoding="utf-8"))
    assert merged == {"merge": ["bundle-2/"], "pages": [1, 1]}
    # The dates given before the start put the newest page in the first bundle.
    assert bundle_urls(first) == ["/zh-hans/articles/b/"]
    assert bundle_urls(first / "bundle-2") == ["/zh-hans/articles/a/"]
    assert bundle_urls(site / "zh-tw" / search.BUNDLE_DIR) == ["/zh-tw/articles/c/"]


def test_runs_never_overlap_and_a_failure_is_raised_by_finish(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_pages(site, HANS + TW)
    log = tmp_path / "runs.log"
    # Each run says when it starts and ends; the zh-tw run fails.
    fake = fake_pagefind(tmp_path, (
        f'echo "start $4" >> {log}\nsleep 0.3\necho "end $4" >> {log}\n'
        'case "$4" in zh-tw*) echo "Error: disk full" >&2; exit 2;; esac\n'
        'mkdir -p "$6" && echo \'{"languages": {"zh-hans": {"page_count": 2}}}\' '
        '> "$6/pagefind-entry.json"'
    ))  # fmt: skip
    indexing = VariantIndexing(site, fake, 10, {"zh-hans": HANS, "zh-tw": TW})
    for page in HANS + TW:
        indexing.written(page)
    assert indexing.started == ("zh-hans", "zh-tw")
    with pytest.raises(search.SearchError, match=r"^Pagefind failed \(exit 2\): Error: disk full$"):
        indexing.finish()
    said = [line.split(" ")[0] for line in log.read_text(encoding="utf-8").splitlines()]
    assert said == ["start", "end", "start", "end"]  # one run at a time


def test_a_failed_build_kills_the_running_pagefind(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_pages(site, HANS)
    pids = tmp_path / "pids"
    # A run that would take five minutes, with a child of its own that holds its output
    # open: killing the run must not wait for the child.
    fake = fake_pagefind(tmp_path, f"sleep 300 &\necho $$ $! > {pids}\nwait")
    indexing = VariantIndexing(site, fake, 10, {"zh-hans": HANS})
    for page in HANS:
        indexing.written(page)
    while len(pids.read_text().split() if pids.exists() else []) < 2:
        time.sleep(0.05)  # until the run has started
    stopping = threading.Thread(target=indexing.stop)
    stopping.start()
    stopping.join(timeout=60)  # a bound for a loaded machine, far below the run's 300 s
    run, child = pids.read_text().split()
    os.kill(int(child), signal.SIGKILL)  # ours to clean up: the run's child outlives it
    assert not stopping.is_alive(), "stop() waited for the run instead of ending it"
    assert not running(run)
    assert indexing.started == ("zh-hans",)


def running(pid: str) -> bool:
    """Whether process `pid` still runs (a killed child not yet reaped by its new parent
    stays a zombie, state Z, for a moment)."""
    for _ in range(100):
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return False
        if state in "ZX":
            return False
        time.sleep(0.1)  # SIGKILL is delivered asynchronously
    return True


# A hook listed after ours: at each page written, which variants' indexes had started.
PROBE = """
import json
from pathlib import Path

import site_build

seen = []

def on_post_page(output, page, config):
    seen.append([page.file.dest_uri, list(site_build.current().search_index.started)])
    return output

def on_post_build(config):
    Path(config.config_file_path).with_name("indexing.json").write_text(json.dumps(seen))
"""


def test_the_build_indexes_each_variant_while_it_writes_the_next(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("  - hooks/parked.py\n") == 1
    probe = project / "probe.py"
    probe.write_text(PROBE, encoding="utf-8")
    config.write_text(text.replace("  - hooks/parked.py\n", f"  - hooks/parked.py\n  - {probe}\n"))
    result = strict_build(project, SEEDS)
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads((project / "indexing.json").read_text(encoding="utf-8"))
    folders = ["zh-hans", "zh-hant", "zh-hk", "zh-tw"]
    articles = {
        folder: [i for i, (page, _) in enumerate(seen) if page.startswith(f"{folder}/articles/")]
        for folder in folders
    }
    assert all(len(found) == 5 for found in articles.values()), articles
    for number, folder in enumerate(folders):
        # Its pages come together; while they are written, the variants before it have
        # started (their pages are all on disk) and it has not (its last is being written).
        assert articles[folder] == list(range(articles[folder][0], articles[folder][-1] + 1))
        for i in articles[folder]:
            assert seen[i][1] == folders[:number], (seen[i], folder)
    log = [line for line in result.stderr.splitlines() if "search:" in line]
    assert len(log) == 1 and "20 pages indexed" in log[0], result.stderr[-2000:]
    assert all(
        (project / "site" / f / search.BUNDLE_DIR / "pagefind.js").is_file() for f in folders
    )
