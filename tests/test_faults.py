"""Faults mid-run: a killed converter or translator, a full disk, an unwritable docs folder.
Nothing already converted or translated is lost, and a rerun finishes the job."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import MKDOCS, build_env, free_port, make_project

from duizhao import files, pipeline
from duizhao.english.memory import Memory
from duizhao.pipeline import convert_all

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic import write_corpus  # noqa: E402

CONVERT = [sys.executable, str(ROOT / "scripts" / "convert.py"), "--quiet"]


def pages(docs: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(docs)): p.read_bytes()
        for p in docs.rglob("*")
        if p.is_file() and p.suffix in (".md", ".json")
    }


def kill_when(process: subprocess.Popen, ready, seconds: float = 60) -> None:
    """SIGKILL the process as soon as `ready()` is true (it must still be running)."""
    deadline = time.monotonic() + seconds
    while not ready():
        assert process.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "the run never got far enough"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def processes_naming(text: str) -> list[int]:
    """Live processes (not zombies) whose command line holds `text`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in command and state != "Z":
            found.append(int(entry.name))
    return found


def test_killed_converter_leaves_old_or_new_pages_and_the_rerun_finishes(
    tmp_path: Path,
) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    write_corpus(seeds, 120, seed=3)
    subprocess.run([*CONVERT, "--seeds", seeds, "--docs", docs], check=True)
    old = pages(docs)

    for seed in seeds.iterdir():  # every article changes
        seed.write_text(seed.read_text(encoding="utf-8").replace("。", "。新增一句。", 1), "utf-8")
    expected_docs = tmp_path / "expected"
    subprocess.run([*CONVERT, "--seeds", seeds, "--docs", expected_docs], check=True)
    new = pages(expected_docs)

    run = subprocess.Popen([*CONVERT, "--seeds", seeds, "--docs", docs])
    started = {p: old[p] for p in old if p.endswith(".md")}

    def halfway() -> bool:
        changed = sum(1 for p in started if (docs / p).read_bytes() != started[p])
        return changed >= len(started) // 4

    kill_when(run, halfway)
    # Its worker processes end with it, not wait for ever (forked, they show its command line).
    deadline = time.monotonic() + 15
    while processes_naming(str(docs)):
        assert time.monotonic() < deadline, f"orphaned workers: {processes_naming(str(docs))}"
        time.sleep(0.2)
    now = pages(docs)
    mixed = {"old": 0, "new": 0}
    for path, content in now.items():
        if path.endswith("manifest.json"):
            continue
        assert content in (old.get(path), new.get(path)), f"{path} is neither old nor new"
        mixed["new" if content == new.get(path) else "old"] += 1
    assert mixed["old"] and mixed["new"], mixed  # it really was killed midway

    subprocess.run([*CONVERT, "--seeds", seeds, "--docs", docs], check=True)
    assert pages(docs) == new
    assert not list(docs.rglob(".*.tmp"))  # a temporary file the kill left is cleared


# scripts/translate.py itself, with deep-translator's Google class replaced by a slow fake:
# the real command line, its batching and its saving, and no network.
TRANSLATE_CLI = textwrap.dedent(
    """
    import runpy, sys, time
    import deep_translator

    class Slow:
        def __init__(self, source, target, **options):
            pass
        def translate(self, text):
            time.sleep(0.01)
            return "EN<" + text + ">"

    deep_translator.GoogleTranslator = Slow
    sys.argv = ["translate.py", *sys.argv[1:]]
    runpy.run_path({script!r}, run_name="__main__")
    """
).format(script=str(ROOT / "scripts" / "translate.py"))


def test_killed_translator_keeps_its_memory_and_the_rerun_finishes(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    write_corpus(seeds, 15, seed=4)
    memory_file = tmp_path / "en.jsonl"
    command = [sys.executable, "-c", TRANSLATE_CLI, "--seeds", str(seeds),
               "--memory", str(memory_file), "--batch-size", "10", "--backoff", "0"]  # fmt: skip
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def some_saved() -> bool:
        try:
            return len(Memory.load(memory_file)) >= 30
        except OSError:
            return False

    kill_when(run, some_saved)
    saved = Memory.load(memory_file)  # a whole file, every line valid
    assert len(saved) >= 30
    (tmp_path / ".en.jsonl.x1y2z3.tmp").write_text('{"half": ')  # as a kill in a save leaves
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "translated " in done.stdout
    final = Memory.load(memory_file)
    assert all(final.get_by_key(e.key) == e for e in saved)  # nothing redone or lost
    from duizhao.english.memory import units
    from duizhao.ingest.seeds import parse_seed

    wanted = {u.text for seed in seeds.iterdir() for u in units(parse_seed(seed))}
    assert all(final.get(text) is not None for text in wanted)
    assert not list(tmp_path.glob(".en.jsonl.*.tmp"))  # never committed by mistake


def test_translator_that_cannot_save_gives_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    import deep_translator

    from duizhao.english import memory as memory_module

    seeds = tmp_path / "seeds"
    write_corpus(seeds, 2, seed=7)
    memory_file = tmp_path / "en.jsonl"
    memory_file.write_text("", encoding="utf-8")

    class Fake:
        def __init__(self, source: str, target: str, **options: object) -> None:
            pass

        def translate(self, text: str) -> str:
            return "EN<" + text + ">"

    def full(path: Path, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(deep_translator, "GoogleTranslator", Fake)
    monkeypatch.setattr(memory_module, "write_if_changed", full)
    import translate

    code = translate.main(["--seeds", str(seeds), "--memory", str(memory_file)])
    assert code == 2
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error == f"error: {memory_file}: No space left on device"
    assert memory_file.read_text(encoding="utf-8") == ""  # the old file, untouched


def test_full_disk_gives_one_clear_error_and_keeps_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    write_corpus(seeds, 4, seed=5)
    convert_all(seeds, docs, variants=["zh-Hans"])
    before = pages(docs)
    for seed in seeds.iterdir():
        seed.write_text(seed.read_text(encoding="utf-8") + "\n新的一段。\n", "utf-8")

    def full(path: Path, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(pipeline, "write_if_changed", full)
    import convert

    assert convert.main(["--seeds", str(seeds), "--docs", str(docs), "--quiet"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {docs}") and "No space left on device" in error
    assert "\n" not in error and "Traceback" not in error
    assert pages(docs) == before


def test_docs_folder_that_cannot_be_written_gives_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    seeds = tmp_path / "seeds"
    write_corpus(seeds, 2, seed=6)
    blocked = tmp_path / "docs"
    blocked.write_text("a file where the docs folder should be")  # root ignores chmod; not this
    import convert

    assert convert.main(["--seeds", str(seeds), "--docs", str(blocked), "--quiet"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: {blocked}") and "\n" not in error
    assert blocked.read_text() == "a file where the docs folder should be"


def test_atomic_write_never_leaves_a_partial_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "page.md"
    target.write_text("old page", encoding="utf-8")

    def disk_full(fd: int) -> None:  # the data does not fit when it is flushed to disk
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        files.write_if_changed(target, "new page " * 1000)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_disk_full_while_writing_a_page_names_the_page_not_a_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    write_corpus(seeds, 2, seed=8)

    def disk_full(fd: int) -> None:  # the real write path, failing where a full disk does
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    import convert

    assert convert.main(["--seeds", str(seeds), "--docs", str(docs), "--quiet"]) == 2
    (error,) = capsys.readouterr().err.strip().splitlines()
    assert error.startswith(f"error: {docs / 'zh-hans' / 'articles'}/") and error.endswith(
        ".md: No space left on device"
    )
    assert not list(docs.rglob("*.tmp")) and not list(docs.rglob("*.md"))


def test_read_only_docs_folder_gives_one_clear_error_and_keeps_the_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    """A real read-only folder when the tests run as a user; as root, whom permissions do
    not stop, the same failure (EROFS) at the point the folder is written to."""
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    write_corpus(seeds, 2, seed=9)
    convert_all(seeds, docs)
    before = pages(docs)
    for seed in seeds.iterdir():
        seed.write_text(seed.read_text(encoding="utf-8") + "\n新的一段。\n", "utf-8")
    folders = [docs, *(p for p in docs.rglob("*") if p.is_dir())]
    if os.geteuid() != 0:
        for folder in folders:
            folder.chmod(0o555)
        expected = "Permission denied"
    else:
        real_mkstemp = files.tempfile.mkstemp

        def read_only(*args: object, dir: str, **kwargs: object) -> tuple[int, str]:
            if Path(dir).resolve().is_relative_to(docs.resolve()):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.path.join(dir, ".x.tmp"))
            return real_mkstemp(*args, dir=dir, **kwargs)

        monkeypatch.setattr(files.tempfile, "mkstemp", read_only)
        expected = "Read-only file system"
    import convert

    try:
        code = convert.main(["--seeds", str(seeds), "--docs", str(docs), "--quiet"])
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert code == 2
    (error,) = capsys.readouterr().err.strip().splitlines()
    assert error.startswith(f"error: {docs}") and error.endswith(f": {expected}"), error
    assert ".tmp" not in error  # the folder it could not write in, not a temporary name
    assert pages(docs) == before


def test_a_seed_that_now_fails_keeps_its_page_until_fixed_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    (seeds / "a.txt").write_text("第一篇\n\n第一篇的正文。\n", encoding="utf-8")
    (seeds / "b.txt").write_text("第二篇\n\n第二篇的正文。\n", encoding="utf-8")
    import convert

    argv = ["--seeds", str(seeds), "--docs", str(docs)]
    assert convert.main(argv) == 0
    page = docs / "zh-hans/articles/b.md"
    good = page.read_bytes()
    capsys.readouterr()

    (seeds / "b.txt").write_bytes("第二篇\n".encode() + b"\x00" * 64)  # cut short by a crash
    for _ in range(2):  # and it keeps saying so until the seed is fixed
        assert convert.main(argv) == 1
        out, err = capsys.readouterr()
        assert err.strip() == (
            f"failed: {seeds / 'b.txt'}: a NUL byte at byte 10: binary data or a damaged "
            "file, not a text seed (its previous page is kept)"
        )
        assert page.read_bytes() == good
        assert "第二篇" in (docs / "zh-hans/index.md").read_text(encoding="utf-8")
        assert "failed 1" in out

    (seeds / "b.txt").write_text("第二篇\n\n改好的正文。\n", encoding="utf-8")
    assert convert.main(argv) == 0
    assert "改好的正文。" in page.read_text(encoding="utf-8")
    assert "converted 1, unchanged 1, failed 0" in capsys.readouterr().out


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_until(condition, what: str, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if condition():
                return
        except OSError:
            pass  # the server is between builds
        assert time.monotonic() < deadline, f"{what}:\n{log.read_text()[-3000:]}"
        time.sleep(0.3)


def test_serve_keeps_serving_the_other_articles_and_a_broken_ones_last_page(
    tmp_path: Path,
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("第一篇\n\n第一篇的正文。\n", encoding="utf-8")
    (seeds / "b.txt").write_text("第二篇\n\n第二篇的正文。\n", encoding="utf-8")
    project = make_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**build_env(seeds), "DUIZHAO_VARIANTS": "zh-Hans"}  # one variant: quicker builds
    command = [*MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{port}",
               "-f", str(project / "mkdocs.yml")]  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(
            command, cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}/zh-hans/articles/"
    try:
        wait_until(lambda: "第二篇的正文。" in fetch(base + "b/"), "serve never came up", log)

        (seeds / "junk.txt").write_bytes(b"\x00\x01binary")  # a bad seed joins
        wait_until(lambda: "junk.txt: a NUL byte at byte 0" in log.read_text(), "no error", log)
        assert "第一篇的正文。" in fetch(base + "a/") and "第二篇的正文。" in fetch(base + "b/")

        (seeds / "b.txt").write_bytes(b"")  # a working seed breaks
        said = "b.txt: empty file (its previous page is still served)"
        wait_until(lambda: said in log.read_text(), "the broken seed was not reported", log)
        assert "第二篇的正文。" in fetch(base + "b/")

        (seeds / "b.txt").write_text("第二篇\n\n改好的正文。\n", encoding="utf-8")
        wait_until(lambda: "改好的正文。" in fetch(base + "b/"), "the fix never showed", log)
        assert server.poll() is None, log.read_text()[-3000:]
        assert "Traceback" not in log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=30)
