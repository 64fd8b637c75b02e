"""`mkdocs serve` from seeds/: a new or edited seed shows up in the open tab, no restart."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import MKDOCS, SEEDS, build_env, free_port, make_project
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

# Live reload replaces the page while a wait reads it: an element read then is stale.
RELOADING = (StaleElementReferenceException,)

pytestmark = pytest.mark.browser


def wait_for_server(url: str, server: subprocess.Popen, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, f"mkdocs serve exited:\n{log.read_text()}"
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"mkdocs serve did not answer:\n{log.read_text()}")


def test_serve_shows_new_and_edited_seeds_live(browser, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    project = make_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                *MKDOCS,
                "serve",
                "--livereload",
                "-a",
                f"127.0.0.1:{port}",
                "-f",
                str(project / "mkdocs.yml"),
            ],
            cwd=project,
            env=build_env(seeds),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        home = f"http://127.0.0.1:{port}/zh-hans/"
        wait_for_server(home, server, log)
        browser.get(home)
        assert "新加的文章" not in browser.find_element(By.TAG_NAME, "body").text

        (seeds / "new.txt").write_text("新加的文章\n\n作者 | 测试\n\n正文。\n", encoding="utf-8")
        WebDriverWait(browser, 60, ignored_exceptions=RELOADING).until(
            lambda driver: "新加的文章" in driver.find_element(By.TAG_NAME, "body").text
        )
        (seeds / "new.txt").write_text("改过的标题\n\n普京再次发言。\n", encoding="utf-8")
        WebDriverWait(browser, 60, ignored_exceptions=RELOADING).until(
            lambda driver: "改过的标题" in driver.find_element(By.TAG_NAME, "body").text
        )
        # A broken seed joins: the error is in the log, the site keeps serving the rest.
        (seeds / "broken.txt").write_bytes(b"")
        deadline = time.monotonic() + 60
        while "broken.txt: empty file" not in log.read_text():
            assert time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.5)
        assert "seed failed:" in log.read_text()
        browser.refresh()
        WebDriverWait(browser, 60, ignored_exceptions=RELOADING).until(
            lambda driver: "改过的标题" in driver.find_element(By.TAG_NAME, "body").text
        )
        # The hook's own writes settle: no endless rebuild loop. A build started by the
        # last edit may still run on a loaded machine, so wait for 5 quiet seconds in a row;
        # a loop never gives them.
        quiet_since, builds = time.monotonic(), log.read_text().count("Building documentation")
        deadline = time.monotonic() + 90
        while time.monotonic() - quiet_since < 5:
            assert time.monotonic() < deadline, "rebuilds never stop:\n" + log.read_text()[-2000:]
            time.sleep(0.5)
            now = log.read_text().count("Building documentation")
            if now != builds:
                quiet_since, builds = time.monotonic(), now
        assert log.read_text().count("Building documentation") == builds
        assert server.poll() is None
        # The glossary followed: the edited article is one of 普京's occurrences.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/zh-hans/glossary/") as response:
            glossary = response.read().decode("utf-8")
        putin = glossary.split('id="pu-jing"', 1)[1].split('class="dz-entry"', 1)[0]
        assert "改过的标题" in putin and "新加的文章" not in glossary
    finally:
        server.terminate()
        server.wait(timeout=30)
