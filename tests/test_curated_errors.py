"""A slip in a file people edit stops a build in one line and never takes `mkdocs serve`
down (issue 16, row 6): `mkdocs build` prints one error naming the file and the line, with no
traceback, and leaves the last site/ as it was; `mkdocs serve` logs the same line and keeps
answering every request with the last good build until the file is fixed.

The project is a copy with its own data/ (the core reads data/ beside itself)."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from pathlib import Path

from conftest import MKDOCS, build_env, free_port, make_own_project

from duizhao.english.memory import key_for

SEED = "一篇文章\n\n第一段的内容。\n"


def manual(text: str, english: str) -> str:
    return (
        f'{{"key": "{key_for(text)}", "zh": "{text}", "en": "{english}", '
        '"origin": "manual", "provider": "", "date": "2026-01-01"}\n'
    )


def project_with_one_article(where: Path) -> tuple[Path, Path, Path]:
    """(project, seeds, memory file): one article whose title has a manual translation."""
    project = make_own_project(where / "project")
    seeds = where / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(SEED, encoding="utf-8")
    memory = project / "data" / "memory" / "en.jsonl"
    memory.write_text(manual("一篇文章", "An article"), encoding="utf-8")
    return project, seeds, memory


def build(project: Path, seeds: Path) -> subprocess.CompletedProcess[str]:
    env = {**build_env(seeds), "DUIZHAO_VARIANTS": "zh-Hans"}
    return subprocess.run(
        [*MKDOCS, "build", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def site_pages(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (project / "site").rglob("*.html")}


def errors_of(result: subprocess.CompletedProcess[str]) -> list[str]:
    """MkDocs' error lines, without its `ERROR    -  ` prefix."""
    lines = result.stderr.splitlines()
    return [line.split("-  ", 1)[1] for line in lines if line.startswith("ERROR")]


def test_a_damaged_memory_line_fails_the_build_in_one_line_and_keeps_the_site(
    tmp_path: Path,
) -> None:
    project, seeds, memory = project_with_one_article(tmp_path)
    assert build(project, seeds).returncode == 0
    before = site_pages(project)
    assert any(b"An article" in page for page in before.values())

    memory.write_text(
        manual("一篇文章", "An article") + '{"key": "x", "zh": null}\n', encoding="utf-8"
    )
    failed = build(project, seeds)
    assert failed.returncode == 1
    assert errors_of(failed) == [f"{memory}:2: key: String should match pattern '^[0-9a-f]{{16}}$'"]
    assert "Traceback" not in failed.stderr
    assert site_pages(project) == before  # site/ is not emptied


def test_a_bad_glossary_file_fails_the_build_in_one_line(tmp_path: Path) -> None:
    project, seeds, _ = project_with_one_article(tmp_path)
    glossary = project / "data" / "glossary.yaml"
    glossary.write_text("tems:\n  - zh: 普京\n", encoding="utf-8")  # a typo for `terms`
    failed = build(project, seeds)
    assert failed.returncode == 1
    (error,) = errors_of(failed)
    assert f"{glossary}" in error and "Traceback" not in failed.stderr


def fetch(url: str) -> str:
    # A request that waits more than 20 s is a hang: serve answers from the last build.
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.read().decode("utf-8")


def wait_until(condition, what: str, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return
        except OSError:
            pass  # the server is not up yet
        assert time.monotonic() < deadline, f"{what}:\n{log.read_text()[-3000:]}"
        time.sleep(0.3)


def test_serve_keeps_serving_the_last_good_build_while_the_memory_is_damaged(
    tmp_path: Path,
) -> None:
    project, seeds, memory = project_with_one_article(tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**build_env(seeds), "DUIZHAO_VARIANTS": "zh-Hans"}
    command = [*MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{port}",
               "-f", str(project / "mkdocs.yml")]  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(
            command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    page = f"http://127.0.0.1:{port}/zh-hans/articles/a/"
    try:
        wait_until(lambda: "An article" in fetch(page), "serve never came up", log)

        memory.write_text(manual("一篇文章", "An article") + "not json\n", encoding="utf-8")
        said = f"{memory}:2: not a memory entry: not valid JSON"
        wait_until(lambda: said in log.read_text(), "the damaged memory was not reported", log)
        time.sleep(1)  # the failed rebuild has ended
        for _ in range(3):  # answered at once, from the last good build, not left hanging
            started = time.monotonic()
            assert "An article" in fetch(page)
            assert time.monotonic() - started < 10

        memory.write_text(manual("一篇文章", "A fixed article"), encoding="utf-8")
        wait_until(lambda: "A fixed article" in fetch(page), "the fix never showed", log)
        text = log.read_text()
        assert "Traceback" not in text and text.count(said) == 1, text[-3000:]
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
