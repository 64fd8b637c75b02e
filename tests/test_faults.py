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
from pathlib import Path

import pytest

from duizhao import files, pipeline
from duizhao.memory import Memory
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


TRANSLATOR = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from duizhao.memory import Memory
    from duizhao.pipeline import load_records
    from duizhao.translate import translate_articles

    class Slow:
        name, max_chars = "fake", 4999
        def translate(self, text):
            time.sleep(0.01)
            return "EN<" + text + ">"

    memory = Memory.load(Path({memory!r}))
    summary = translate_articles(load_records(Path({docs!r})), memory, lambda script: Slow(),
                                 batch_size=10, today="2026-11-24")
    print("done", summary)
    """
)


def test_killed_translator_keeps_its_memory_and_the_rerun_finishes(tmp_path: Path) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    write_corpus(seeds, 15, seed=4)
    convert_all(seeds, docs, variants=["zh-Hans"])
    memory_file = tmp_path / "en.jsonl"
    script = TRANSLATOR.format(root=str(ROOT), memory=str(memory_file), docs=str(docs))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.PIPE)

    def some_saved() -> bool:
        return memory_file.exists() and len(Memory.load(memory_file)) >= 30

    kill_when(run, some_saved)
    saved = Memory.load(memory_file)  # a whole file, every line valid
    assert len(saved) >= 30
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    final = Memory.load(memory_file)
    assert {e.key for e in saved} <= {e.key for e in final}
    assert all(final.get_by_key(e.key) == e for e in saved)  # nothing redone or lost
    from duizhao.memory import units
    from duizhao.pipeline import load_records

    wanted = {u.text for a in load_records(docs) for u in units(a)}
    assert all(final.get(text) is not None for text in wanted)


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
