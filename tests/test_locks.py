"""One writer at a time (issue 16, rows 1 and 5): the lock itself, then two conversions and a
build beside a conversion, each through the real command lines and real processes."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MKDOCS, build_env, make_project

from duizhao import locks

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic import write_corpus  # noqa: E402

CONVERT = [sys.executable, str(ROOT / "scripts" / "convert.py"), "--quiet"]

# Another process that takes a lock, says so, and keeps it until killed.
HOLDER = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {root!r})
    from duizhao import locks
    with locks.hold(sys.argv[1], "test", wait=0):
        print("held", flush=True)
        time.sleep(600)
    """
).format(root=str(ROOT))


def holding(lock_file: Path) -> subprocess.Popen[str]:
    """A process holding `lock_file` (it has taken it when this returns)."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(lock_file), "--marker-argument"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None and process.stdout.readline() == "held\n"
    return process


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    lock_file = tmp_path / "docs" / ".duizhao" / "lock"
    process = holding(lock_file)
    try:
        yield lock_file, process
    finally:
        process.kill()
        process.wait(timeout=30)


# --- the lock -----------------------------------------------------------------------------


def test_a_second_process_gives_up_naming_the_holder(
    holder: tuple[Path, subprocess.Popen[str]],
) -> None:
    lock_file, process = holder
    said: list[str] = []
    started = time.monotonic()
    with pytest.raises(locks.LockBusy) as caught:
        locks.acquire(lock_file, "the docs folder", wait=0.5, say=said.append)
    assert 0.5 <= time.monotonic() - started < 10
    message = str(caught.value)
    assert message.startswith(f"the docs folder is in use by pid {process.pid} (")
    assert "--marker-argument" in message and "\n" not in message  # its command, one line
    assert said == [f"waiting for the docs folder: in use by {caught.value.owner} (up to 0.5 s)"]


def test_a_waiting_process_gets_the_lock_when_the_holder_ends(tmp_path: Path) -> None:
    lock_file = tmp_path / "lock"
    process = holding(lock_file)
    threading.Timer(0.5, process.terminate).start()
    said: list[str] = []
    with locks.hold(lock_file, "x", wait=60, say=said.append):
        assert process.wait(timeout=30) != 0  # it really was holding it until then
        assert locks.owner_of(lock_file) == locks.owner_of(lock_file).strip()
        assert f"pid {os.getpid()} " in locks.owner_of(lock_file)  # now it names us
    assert len(said) == 1 and said[0].startswith("waiting for x: in use by pid ")


def test_a_killed_holder_releases_the_lock_at_once(
    holder: tuple[Path, subprocess.Popen[str]],
) -> None:
    lock_file, process = holder
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    with locks.hold(lock_file, "x", wait=0):  # no stale lock, whatever the file says
        pass


def test_re_entrant_in_one_thread_exclusive_between_threads(tmp_path: Path) -> None:
    lock_file = tmp_path / "lock"
    outer = locks.acquire(lock_file, "x", wait=0)
    inner = locks.acquire(lock_file, "x", wait=0)  # the build holds it around convert_all
    assert inner is outer
    inner.release()
    errors: list[BaseException] = []

    def other_thread() -> None:
        try:
            locks.acquire(lock_file, "x", wait=0.2).release()
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert len(errors) == 1 and isinstance(errors[0], locks.LockBusy)  # still held once
    outer.release()
    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join()
    assert len(errors) == 1  # released: the other thread got it


def test_the_wait_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(locks.WAIT_VARIABLE, "2.5")
    assert locks.default_wait() == 2.5
    monkeypatch.delenv(locks.WAIT_VARIABLE)
    assert locks.default_wait() == locks.DEFAULT_WAIT
    for bad in ("soon", "-1", "nan"):
        monkeypatch.setenv(locks.WAIT_VARIABLE, bad)
        with pytest.raises(locks.LockError, match=locks.WAIT_VARIABLE):
            locks.default_wait()


# --- two conversions, a build beside a conversion ----------------------------------------


def pages(docs: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(docs)): p.read_bytes()
        for p in docs.rglob("*")
        if p.is_file() and p.suffix in (".md", ".json")
    }


def wait_for_holder(docs: Path, process: subprocess.Popen[str], seconds: float = 60) -> None:
    """Until `process` holds the docs lock (its pid is in the lock file)."""
    deadline = time.monotonic() + seconds
    while f"pid {process.pid} " not in locks.owner_of(locks.docs_lock_file(docs)):
        assert process.poll() is None, "it ended before taking the lock"
        assert time.monotonic() < deadline, "it never took the lock"
        time.sleep(0.01)


@contextlib.contextmanager
def paused(process: subprocess.Popen[str]) -> Iterator[None]:
    """The process stopped (SIGSTOP) for the block: whatever starts meanwhile meets it
    mid-run, however fast this machine is."""
    process.send_signal(signal.SIGSTOP)
    try:
        yield
    finally:
        process.send_signal(signal.SIGCONT)


def wait_for_text(path: Path, text: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while text not in path.read_text(encoding="utf-8", errors="replace"):
        assert process.poll() is None, path.read_text(encoding="utf-8", errors="replace")
        assert time.monotonic() < deadline, f"never said {text!r}"
        time.sleep(0.05)


def test_two_conversions_at_once_both_finish_and_lose_nothing(tmp_path: Path) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    write_corpus(seeds, 150, seed=11)
    expected = tmp_path / "expected"
    subprocess.run([*CONVERT, "--seeds", seeds, "--docs", expected], check=True)

    for _ in range(3):  # before the lock, the first died in 3 of 4 tries
        shutil.rmtree(docs, ignore_errors=True)
        log = tmp_path / "second.log"
        first = subprocess.Popen(
            [*CONVERT, "--seeds", seeds, "--docs", docs], stderr=subprocess.PIPE, text=True
        )
        wait_for_holder(docs, first)
        with paused(first), log.open("w") as out:
            second = subprocess.Popen(
                [*CONVERT, "--seeds", seeds, "--docs", docs, "--wait", "300"],
                stderr=out,
                text=True,
            )
            wait_for_text(log, f"waiting for {docs} (the docs folder): in use by pid", second)
        _, first_errors = first.communicate(timeout=600)
        assert second.wait(timeout=600) == 0, log.read_text()
        assert first.returncode == 0, first_errors  # before: its temporary file was gone
        assert pages(docs) == pages(expected)
        assert not list(docs.rglob("*.tmp"))


def test_a_conversion_that_cannot_wait_says_who_holds_the_folder(
    tmp_path: Path, holder: tuple[Path, subprocess.Popen[str]]
) -> None:
    lock_file, process = holder
    docs = lock_file.parent.parent
    seeds = tmp_path / "seeds"
    write_corpus(seeds, 2, seed=12)
    (docs / "zh-hans").mkdir(parents=True)
    leftover = docs / "zh-hans" / ".index.md.x1y2.tmp"  # another writer's, in use
    leftover.write_text("half a page")
    done = subprocess.run(
        [*CONVERT, "--seeds", seeds, "--docs", docs, "--wait", "0.5"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith(f"error: {docs} (the docs folder) is in use by pid {process.pid}")
    assert "gave up after waiting 0.5 s" in lines[-1] and "Traceback" not in done.stderr
    assert leftover.exists()  # only the lock's holder clears temporary files
    assert not (docs / "zh-hans" / "index.md").exists()


def test_a_build_beside_a_conversion_waits_for_it_and_builds_everything(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    write_corpus(seeds, 150, seed=13)
    project = make_project(tmp_path / "project")
    docs = project / "docs"
    env = {**build_env(seeds), "DUIZHAO_VARIANTS": "zh-Hans"}
    conversion = subprocess.Popen(
        [*CONVERT, "--seeds", seeds, "--docs", docs], env=env, stderr=subprocess.PIPE, text=True
    )
    wait_for_holder(docs, conversion)
    log = tmp_path / "build.log"
    with paused(conversion), log.open("w") as out:
        build = subprocess.Popen(
            [*MKDOCS, "build", "--strict", "-f", str(project / "mkdocs.yml")],
            cwd=project,
            env=env,
            stderr=out,
            text=True,
        )
        wait_for_text(log, f"waiting for {docs} (the docs folder): in use by pid", build)
    _, conversion_errors = conversion.communicate(timeout=600)
    assert conversion.returncode == 0, conversion_errors
    assert build.wait(timeout=900) == 0, log.read_text()[-3000:]
    assert "Traceback" not in log.read_text()
    built = list((project / "site" / "zh-hans" / "articles").glob("*/index.html"))
    assert len(built) == 150


def test_a_build_that_cannot_wait_fails_in_one_line_and_keeps_the_site(
    tmp_path: Path,
) -> None:
    seeds = tmp_path / "seeds"
    write_corpus(seeds, 3, seed=14)
    project = make_project(tmp_path / "project")
    env = {**build_env(seeds), "DUIZHAO_VARIANTS": "zh-Hans"}
    command = [*MKDOCS, "build", "-f", str(project / "mkdocs.yml")]
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
    site = {p: p.read_bytes() for p in (project / "site").rglob("*.html")}

    process = holding(locks.docs_lock_file(project / "docs"))
    try:
        env[locks.WAIT_VARIABLE] = "0.5"
        failed = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert failed.returncode == 1
    errors = [line for line in failed.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and f"is in use by pid {process.pid}" in errors[0], failed.stderr
    assert "Traceback" not in failed.stderr
    assert {p: p.read_bytes() for p in (project / "site").rglob("*.html")} == site  # not emptied
