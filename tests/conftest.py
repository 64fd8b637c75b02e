"""Shared fixtures: a throwaway copy of the project, a real strict build, a local server and
real headless Chromium.

Browser tests never skip: `scripts/dev test` installs Chromium, and a missing browser is a
failure to report, not a test to pass over.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
MKDOCS = [sys.executable, "-m", "mkdocs"]

# Parts of the project a build needs, linked (code, data) or copied (docs, which it writes).
_LINKED = ("duizhao", "data", "hooks", "overrides")
_STATIC_DOCS = ("assets",)


def make_project(where: Path) -> Path:
    """A copy of the project whose docs/ starts with only the hand-written files."""
    where.mkdir(parents=True, exist_ok=True)
    for name in _LINKED:
        (where / name).symlink_to(ROOT / name)
    (where / "docs").mkdir()
    for name in _STATIC_DOCS:
        source = ROOT / "docs" / name
        if source.is_dir():
            shutil.copytree(source, where / "docs" / name)
        else:
            shutil.copy2(source, where / "docs" / name)
    shutil.copy2(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    return where


def make_own_project(where: Path) -> Path:
    """A copy of the project with its own code and data (make_project links them): the core
    finds data/ beside itself, so a test that edits a curated file or the memory must copy."""
    where.mkdir(parents=True, exist_ok=True)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in (*_LINKED, "scripts"):
        shutil.copytree(ROOT / name, where / name, ignore=skip)
    for name in _STATIC_DOCS:
        shutil.copytree(ROOT / "docs" / name, where / "docs" / name)
    shutil.copy2(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    # Its own code finds Pagefind in its own node_modules, as an installed project does.
    (where / "node_modules").symlink_to(ROOT / "node_modules")
    return where


def build_env(seeds: Path) -> dict[str, str]:
    return {**os.environ, "DUIZHAO_SEEDS": str(seeds), "NO_MKDOCS_2_WARNING": "1"}


def strict_build(project: Path, seeds: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml")],
        cwd=project,
        env=build_env(seeds),
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real seeds, converted and built with `mkdocs build --strict`; returns the project.

    Its search comes in bundles of two pages (three a variant), so the search tests run on
    the path of a large site, which merges bundles in the browser; one bundle is that path
    with nothing to merge, and the other builds of the suite take it."""
    project = make_project(tmp_path_factory.mktemp("built") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    ours = "  duizhao:\n"
    assert text.count(ours) == 1
    config.write_text(text.replace(ours, f"{ours}    search_pages_per_bundle: 2\n"), "utf-8")
    result = strict_build(project, SEEDS)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A static server on loopback for a built site; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    with serve_folder(built_site / "site") as url:
        yield url


def chromium(profile: Path, logs: bool = False) -> object:
    """Real headless Chromium (Debian's chromium + chromium-driver), no network but loopback;
    with `logs`, its console and network logs are kept for the test to read."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    assert binary and driver_path, (
        "Chromium and chromedriver are required for the browser tests: run `bash scripts/dev "
        "test`, which installs Debian's chromium, chromium-driver and fonts-noto-cjk"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
        f"--user-data-dir={profile}",
        # Nothing but loopback resolves: a test never fetches a remote image or anything else.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(flag)
    if logs:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    return driver


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    driver = chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield driver
    finally:
        driver.quit()
