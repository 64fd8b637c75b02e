"""When and from what each variant is indexed (duizhao/site/indexing.py, hooks/search.py): as
soon as its last article page is rendered, from what Pagefind reads of each page, in the
background, one Pagefind run at a time; the build waits for the rest at its end, and a failed
build stops them. The index is the one Pagefind makes from the written pages, file for file.

What it saves is measured in the benchmark (BENCHMARKS.md), not here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import tempfile
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


def document(page: str) -> str:
    lang = "zh-TW" if page.startswith("zh-tw") else "zh-Hans"
    name = page.split("/")[2]
    return search.search_document(lang, f"<p>普京 {name} 会谈</p>")


def write_pages(site: Path, pages: list[str]) -> None:
    for page in pages:
        path = site / page
        path.parent.mkdir(parents=True)
        path.write_text(document(page), encoding="utf-8")


def fake_pagefind(folder: Path, script: str) -> Path:
    fake = folder / "pagefind_extended"
    fake.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    fake.chmod(0o755)
    return fake


def test_a_variant_starts_once_its_last_article_page_has_come(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_pages(site, TW)  # written by MkDocs, never given: as in a `--dirty` rebuild
    binary = search.pagefind_binary(ROOT)
    indexing = VariantIndexing(site, binary, 1, {"zh-hans": HANS, "zh-tw": TW})
    indexing.add("zh-hans/index.html", "", "<p>x</p>")  # not an article page: nothing to wait for
    indexing.add(HANS[0], "2020-01-01", document(HANS[0]))
    assert indexing.started == ()
    indexing.add(HANS[1], "2024-05-01", document(HANS[1]))
    assert indexing.started == ("zh-hans",)
    assert not (site / HANS[0]).exists()  # the documents are not the site's pages
    # zh-tw's page never comes: `finish` indexes it from the written site all the same.
    report = indexing.finish()
    assert indexing.started == ("zh-hans", "zh-tw")
    assert (report.pages, report.bundles) == (3, 3)
    assert set(report.languages) == {"zh-hans", "zh-tw"}
    first = site / "zh-hans" / search.BUNDLE_DIR
    merged = json.loads((first / search.BUNDLES_FILE).read_text(encoding="utf-8"))
    assert merged == {"merge": ["bundle-2/"], "pages": [1, 1]}
    # The dates given put the newest page in the first bundle.
    assert bundle_urls(first) == ["/zh-hans/articles/b/"]
    assert bundle_urls(first / "bundle-2") == ["/zh-hans/articles/a/"]
    assert bundle_urls(site / "zh-tw" / search.BUNDLE_DIR) == ["/zh-tw/articles/c/"]


def test_the_documents_are_removed_however_the_indexing_ends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temporary"))
    (tmp_path / "temporary").mkdir()
    binary = search.pagefind_binary(ROOT)
    finished = VariantIndexing(tmp_path / "a", binary, 10, {"zh-hans": HANS})
    for page in HANS:
        finished.add(page, "", document(page))
    assert finished.finish().pages == 2
    stopped = VariantIndexing(tmp_path / "b", binary, 10, {"zh-hans": HANS, "zh-tw": TW})
    stopped.add(TW[0], "", document(TW[0]))  # zh-tw starts; zh-hans waits for its pages
    stopped.add(HANS[0], "", document(HANS[0]))
    stopped.stop()
    assert list((tmp_path / "temporary").iterdir()) == []


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
        indexing.add(page, "", document(page))
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
        indexing.add(page, "", document(page))
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


# A hook listed after ours: at each page's Markdown, and at each page written, which
# variants' indexes had started.
PROBE = """
import json
from pathlib import Path

import site_build

seen = []

def on_page_markdown(markdown, page, config, files):
    seen.append(["rendering", page.file.dest_uri, list(site_build.current().search_index.started)])
    return markdown

def on_post_page(output, page, config):
    seen.append(["written", page.file.dest_uri, list(site_build.current().search_index.started)])
    return output

def on_post_build(config):
    Path(config.config_file_path).with_name("indexing.json").write_text(json.dumps(seen))
"""


def test_the_build_indexes_each_variant_while_it_renders_the_next(tmp_path: Path) -> None:
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
    rendering = [(page, started) for step, page, started in seen if step == "rendering"]
    articles = {
        folder: [
            i for i, (page, _) in enumerate(rendering) if page.startswith(f"{folder}/articles/")
        ]
        for folder in folders
    }
    assert all(len(found) == 5 for found in articles.values()), articles
    for number, folder in enumerate(folders):
        # Its pages come together; while they are rendered, the variants before it have
        # started (their pages have all come) and it has not (its last is still to come).
        assert articles[folder] == list(range(articles[folder][0], articles[folder][-1] + 1))
        for i in articles[folder]:
            assert rendering[i][1] == folders[:number], (rendering[i], folder)
    # Every variant has started before MkDocs writes its first page.
    written = [started for step, _, started in seen if step == "written"]
    assert written and all(started == folders for started in written)
    log = [line for line in result.stderr.splitlines() if "search:" in line]
    assert len(log) == 1 and "20 pages indexed" in log[0], result.stderr[-2000:]
    assert all(
        (project / "site" / f / search.BUNDLE_DIR / "pagefind.js").is_file() for f in folders
    )


DATE = re.compile(r'data-pagefind-meta="date">([^<]*)<')


def test_the_index_is_pagefinds_over_the_written_pages_file_for_file(
    built_site: Path, tmp_path: Path
) -> None:
    """The oracle: Pagefind run afterwards over the pages as written, in bundles of two
    (as `built_site` is built), with the dates the pages show."""
    built = built_site / "site"
    folders = ["zh-hans", "zh-hant", "zh-hk", "zh-tw"]
    written = tmp_path / "site"
    dates = {}
    for folder in folders:
        for page in (built / folder / "articles").rglob("index.html"):
            path = page.relative_to(built).as_posix()
            (written / path).parent.mkdir(parents=True)
            shutil.copyfile(page, written / path)
            found = DATE.search(page.read_text(encoding="utf-8"))
            dates[path] = found.group(1) if found else ""
    # Several dates and the undated: which page goes to which bundle is at stake too.
    assert len(dates) == 20 and len(set(dates.values())) >= 3 and "" in dates.values()
    report = search.index_site(written, folders, search.pagefind_binary(ROOT), 2, dates)
    assert report.pages == 20 and report.bundles == 12
    for folder in folders:
        ours, oracle = (contents(site / folder / search.BUNDLE_DIR) for site in (built, written))
        assert len(oracle) > 20 and ours.keys() == oracle.keys(), folder
        differing = [name for name in oracle if ours[name] != oracle[name]]
        assert differing == [], (folder, differing)


def contents(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }
