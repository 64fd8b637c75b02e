"""Parked pages (hooks/parked.py, duizhao/site/parked.py): between MkDocs' two passes a
page's HTML waits compressed and its Markdown is gone, and the site comes out the same.

What it saves is measured in the benchmark (BENCHMARKS.md), not here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS, make_project, strict_build

from duizhao.site.parked import ParkedPages

# A hook listed after ours: at on_env every page has been rendered and none written yet,
# the moment a build holds the most. It records what each page holds then.
PROBE = """
import json
from pathlib import Path

def on_env(env, config, files):
    held = {
        file.src_uri: [len(file.page.content or ""), len(file.page.markdown or "")]
        for file in files.documentation_pages()
    }
    Path(config.config_file_path).with_name("held.json").write_text(json.dumps(held))
    return env
"""


def test_html_comes_back_as_it_went_in_once(tmp_path: Path) -> None:
    parked = ParkedPages(str(tmp_path))
    assert parked.take("never parked") is None and parked.file_bytes == 0
    html = "<p>普丁抵達北京 🇨🇳 \ud800 " + "對照" * 5000 + "</p>"
    parked.park("zh-tw/articles/a.md", html)
    assert len(parked) == 1
    assert parked.nbytes < len(html.encode("utf-8", "surrogatepass")) / 20  # repetitive
    assert parked.take("zh-tw/articles/a.md") == html
    assert parked.take("zh-tw/articles/a.md") is None  # taken: forgotten
    assert parked.take("never parked") is None
    assert len(parked) == 0
    parked.close()


def test_pages_wait_in_a_file_that_has_no_name_and_empties(tmp_path: Path) -> None:
    """The compressed pages are in the temporary file, not in the process; the file has no
    name to leave behind, and its space goes back once every page is taken."""
    parked = ParkedPages(str(tmp_path))
    pages = {f"zh-hk/articles/{n}.md": f"<p>第 {n} 篇 {'視像峰會' * n}</p>" for n in range(50)}
    for key, html in pages.items():
        parked.park(key, html)
    assert parked.file_bytes == parked.nbytes > 0  # every byte parked is in the file
    assert list(tmp_path.iterdir()) == []  # nameless: nothing to clean up after a crash
    whole = parked.file_bytes
    for key in reversed(list(pages)):  # taken in another order than parked
        assert parked.take(key) == pages[key]
        assert parked.file_bytes == (whole if len(parked) else 0)  # emptied at the last
    parked.park("again.md", "<p>again</p>")  # usable once emptied
    assert parked.take("again.md") == "<p>again</p>"
    parked.close()
    assert parked.take("again.md") is None and parked.file_bytes == 0


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seeds built with the hook (as mkdocs.yml lists it) and without it."""
    built = []
    for name, keep in (("parked", True), ("unparked", False)):
        project = make_project(tmp_path_factory.mktemp(name) / "project")
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert text.count("  - hooks/parked.py\n") == 1
        probe = project / "probe.py"
        probe.write_text(PROBE, encoding="utf-8")
        ours = "  - hooks/parked.py\n" if keep else ""
        text = text.replace("  - hooks/parked.py\n", f"{ours}  - {probe}\n")
        config.write_text(text, encoding="utf-8")
        result = strict_build(project, SEEDS)
        assert result.returncode == 0, result.stderr[-3000:]
        built.append(project)
    return built[0], built[1]


def test_every_page_waits_parked_while_the_others_render(two_builds: tuple[Path, Path]) -> None:
    parked, unparked = (json.loads((p / "held.json").read_text("utf-8")) for p in two_builds)
    assert len(parked) > 30  # four variants of five articles, their home, tags, glossary...
    assert set(parked) == set(unparked)
    assert all(held == [0, 0] for held in parked.values()), parked
    # Without the hook every page holds its HTML and its Markdown at that moment.
    assert all(html > 0 and markdown > 0 for html, markdown in unparked.values())


def test_the_site_is_the_same_byte_for_byte(two_builds: tuple[Path, Path]) -> None:
    sites = [project / "site" for project in two_builds]
    files = [sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file()) for site in sites]
    assert files[0] == files[1]
    different = [
        str(path)
        for path in files[0]
        if (sites[0] / path).read_bytes() != (sites[1] / path).read_bytes()
    ]
    assert different == []
