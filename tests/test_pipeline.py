"""scripts/convert.py and the pipeline behind it: incremental, atomic, failures isolated."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from duizhao import files, pipeline
from duizhao.files import write_if_changed
from duizhao.pipeline import convert_all, load_records

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
ARTICLES = "zh-hans/articles"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    return folder


def pages(docs: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((docs / ARTICLES).glob("*.md"))}


def test_first_run_converts_everything(seeds: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    report = convert_all(seeds, docs)
    assert sorted(report.converted) == sorted(p.name for p in SEEDS.iterdir())
    assert report.failed == [] and report.removed == []
    assert len(pages(docs)) == 5
    assert (docs / "zh-hans/index.md").is_file() and (docs / "zh-hans/tags.md").is_file()
    records = load_records(docs)
    assert len(records) == 5
    # Asked for some slugs, it reads those (an unknown one is none); the feeds want a few.
    some = [records[3].slug, records[1].slug, "no-such-article", records[3].slug]
    assert load_records(docs, some) == [records[1], records[3]]
    assert load_records(docs, []) == []
    page = (docs / ARTICLES / "002-432d27decd9e6001.md").read_text(encoding="utf-8")
    front = page.split("---\n")[1]
    assert "source: BBC 中文" in front and "url: https://www.bbc.com/zhongwen/simp/" in front
    assert '<div class="dz-pair" id="p-' in page  # paragraphs carry their stable ids


def test_mixed_in_traditional_is_normalised_to_simplified(seeds: Path, tmp_path: Path) -> None:
    """The Initium seed has 看著 and 衝突 in Simplified text: zh-Hans shows 看着 and 冲突."""
    docs = tmp_path / "docs"
    convert_all(seeds, docs)
    page = (docs / ARTICLES / "001-da52852a1bd2a4ae.md").read_text(encoding="utf-8")
    assert "看著" not in page and "衝突" not in page
    assert "互相看着对方" in page and "中美冲突背景下" in page
    assert "北京“策应”莫斯科" in page  # zh-Hans prints “”, whatever quotes the seed used


def test_second_run_writes_nothing(seeds: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    convert_all(seeds, docs)
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}
    report = convert_all(seeds, docs)
    assert (len(report.unchanged), report.converted, report.written) == (5, [], 0)
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()} == before


def test_edited_new_and_deleted_seeds(seeds: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    convert_all(seeds, docs)
    essay = seeds / "000_eeb5d0b4dd56e50b.txt"
    essay.write_text(essay.read_text(encoding="utf-8") + "\n新加的一段。\n", encoding="utf-8")
    (seeds / "003_7ced30145b9de00e.txt").unlink()
    (seeds / "new one.txt").write_text("新文章\n\n作者 | 某人\n\n正文第一段。\n", encoding="utf-8")
    report = convert_all(seeds, docs)
    assert sorted(report.converted) == ["000_eeb5d0b4dd56e50b.txt", "new one.txt"]
    assert report.removed == ["003_7ced30145b9de00e.txt"]
    assert len(report.unchanged) == 3
    names = pages(docs)
    assert "003-7ced30145b9de00e.md" not in names and "new-one.md" in names
    assert "新加的一段。" in names["000-eeb5d0b4dd56e50b.md"].decode()
    assert not (docs / ".duizhao/records/003-7ced30145b9de00e.json").exists()
    assert "新文章" in (docs / "zh-hans/index.md").read_text(encoding="utf-8")


def test_a_bad_seed_fails_alone_and_keeps_its_previous_page(seeds: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    convert_all(seeds, docs)
    good_page = (docs / ARTICLES / "004-2cee1c3ee14bd78d.md").read_bytes()
    (seeds / "004_2cee1c3ee14bd78d.txt").write_bytes(b"")  # the scraper wrote an empty file
    (seeds / "broken.txt").write_bytes(b"<!--1-->\nno link here\n------\n")
    report = convert_all(seeds, docs)
    failed = sorted(str(error) for error in report.failed)
    assert failed[0].endswith("004_2cee1c3ee14bd78d.txt: empty file")
    assert "broken.txt: line 2 is not a [title](url) link" in failed[1]
    assert report.kept_previous == ["004_2cee1c3ee14bd78d.txt"]
    assert (docs / ARTICLES / "004-2cee1c3ee14bd78d.md").read_bytes() == good_page
    assert len(report.unchanged) == 4


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "page.md"
    write_if_changed(target, "new")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600
    target.chmod(0o640)
    write_if_changed(target, "newer")
    assert target.stat().st_mode & 0o777 == 0o640  # a replaced file keeps its permissions


def test_seeds_whose_names_make_one_slug_get_two_pages(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("a b.txt", "a-b.txt"):
        (seeds / name).write_text("同一个标题\n\n正文。\n", encoding="utf-8")
    convert_all(seeds, tmp_path / "docs")
    assert len(pages(tmp_path / "docs")) == 2


def test_write_is_atomic_when_the_rename_fails(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "page.md"
    target.write_text("old", encoding="utf-8")

    def crash(*args: object) -> None:
        raise OSError("disk gone")

    monkeypatch.setattr(files.os, "replace", crash)
    with pytest.raises(OSError):
        write_if_changed(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]  # no temporary file left


def test_a_new_fingerprint_reconverts_every_seed(seeds: Path, tmp_path: Path, monkeypatch) -> None:
    """How convert_all reacts to a new fingerprint; what goes into one is the next test's."""
    docs = tmp_path / "docs"
    convert_all(seeds, docs)
    monkeypatch.setattr(pipeline, "_fingerprint", lambda variants, **_: "something-else")
    assert len(convert_all(seeds, docs).converted) == 5


def test_only_what_conversion_reads_is_in_the_fingerprint(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    before = pipeline._fingerprint(("zh-Hans",), data)

    def edited(name: str) -> str:
        with (data / name).open("a", encoding="utf-8") as handle:
            handle.write("\n# a curator's comment\n")
        return pipeline._fingerprint(("zh-Hans",), data)

    # The glossary and the translation memory are read by the site build, not conversion.
    assert edited("glossary.yaml") == before
    assert edited("memory/en.jsonl") == before
    assert pipeline._fingerprint(("zh-Hans", "zh-TW"), data) != before
    for name in ("cleaning.yaml", "publishers.yaml", "variants/tw.tsv", "variants/variants.yaml"):
        changed = edited(name)
        assert changed != before, name
        before = changed
    inputs = pipeline.conversion_inputs(data)
    code = {path.relative_to(ROOT).as_posix() for path in inputs if path.suffix == ".py"}
    assert {"duizhao/ingest/parse_html.py", "duizhao/variants/chains.py"} <= code
    assert "duizhao/site/pages.py" in code and "duizhao/pipeline.py" in code
    assert not any(path.startswith(("duizhao/glossary/", "hooks/")) for path in code)


def test_remembered_imports_give_the_files_a_fresh_reading_gives(
    seeds: Path, tmp_path: Path
) -> None:
    """The manifest remembers what each source file imports, by the digest of its text,
    so a no-op run does not parse every module. Remembered or read afresh, the files are
    the same; a remembered list under a digest no file has any more is never used."""
    fresh = pipeline.conversion_inputs()
    known: dict[str, list[str]] = {}
    assert pipeline.conversion_inputs(known=known) == fresh
    texts = {path.read_bytes() for path in fresh if path.suffix == ".py"}
    rule = pipeline._IMPORTS_RULE
    assert set(known) == {hashlib.sha256(rule + text).hexdigest()[:32] for text in texts}
    lying = {digest: ["duizhao.glossary.page"] for digest in known}  # not what they import
    stale = {"0" * 32: ["duizhao.glossary.page"], **known}
    assert pipeline.conversion_inputs(known=stale) == fresh
    assert "0" * 32 not in stale  # only the files read are kept
    with_lies = pipeline.conversion_inputs(known=lying)
    assert ROOT / "duizhao/glossary/page.py" in with_lies  # the lists are what is followed

    docs = tmp_path / "docs"
    convert_all(seeds, docs)
    manifest = json.loads((docs / ".duizhao/manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["imports"]) == set(known)


def test_manifest_is_readable_json(seeds: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    convert_all(seeds, docs)
    manifest = json.loads((docs / ".duizhao/manifest.json").read_text(encoding="utf-8"))
    entry = manifest["seeds"]["002_432d27decd9e6001.txt"]
    assert entry["slug"] == "002-432d27decd9e6001"
    assert entry["summaries"]["zh-Hans"]["source"] == "BBC 中文"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts/convert.py"), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_summary_and_exit_codes(seeds: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    first = run_cli("--seeds", str(seeds), "--docs", str(docs))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "converted 5, unchanged 0, failed 0, removed 0"
    (seeds / "zero.txt").write_bytes(b"")
    second = run_cli("--seeds", str(seeds), "--docs", str(docs))
    assert second.returncode == 1
    assert f"failed: {seeds / 'zero.txt'}: empty file" in second.stderr
    assert second.stdout.strip() == "converted 0, unchanged 5, failed 1, removed 0"


def test_cli_missing_seeds_folder(tmp_path: Path) -> None:
    result = run_cli("--seeds", str(tmp_path / "nope"), "--docs", str(tmp_path / "docs"))
    assert result.returncode == 2 and "no such folder of seeds" in result.stderr


def test_cli_shows_a_progress_bar_on_a_terminal(seeds: Path, tmp_path: Path) -> None:
    """On a terminal (a pseudo-terminal here) tqdm draws its bar on stderr; pipes get none."""
    import fcntl
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()
    # A terminal 100 columns wide: tqdm draws nothing on a terminal of width 0.
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts/convert.py"), "--seeds", str(seeds),
         "--docs", str(tmp_path / "docs")],
        stdin=terminal, stdout=terminal, stderr=terminal, close_fds=True,
    )  # fmt: skip
    os.close(terminal)
    output = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        output += chunk
    assert process.wait(timeout=120) == 0
    text = output.decode("utf-8", "replace")
    assert "0/5" in text and "seed/s" in text  # tqdm's counter and unit
    assert "converted 5, unchanged 0, failed 0, removed 0" in text


def test_a_traditional_taiwan_seed_reads_right_in_every_variant(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "tw.txt").write_text(
        "普丁與川普視訊會晤\n\n作者 | 記者\n\n"
        "俄羅斯總統普丁與美國總統川普週二舉行視訊會晤，雙方討論了烏克蘭問題。\n",
        encoding="utf-8",
    )
    docs = tmp_path / "docs"
    convert_all(seeds, docs)
    (record,) = load_records(docs)
    assert record.script == "tw"

    def page(folder: str) -> str:
        return (docs / folder / "articles/tw.md").read_text(encoding="utf-8")

    assert "普京与特朗普视频会晤" in page("zh-hans")  # tw2sp plus our name table, reversed
    assert "俄罗斯总统普京与美国总统特朗普" in page("zh-hans")
    assert "普丁與川普視訊會晤" in page("zh-tw")
    assert "普京與特朗普" in page("zh-hk")
    assert "lang: zh-HK" in page("zh-hk")


def test_parallel_and_serial_runs_write_the_same_site(tmp_path: Path, monkeypatch) -> None:
    """Many seeds convert in worker processes: the same pages, manifest and report order as
    one process, and a bad seed among them fails alone."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from synthetic import write_corpus

    from duizhao import pipeline

    seeds = tmp_path / "seeds"
    write_corpus(seeds, pipeline.PARALLEL_MIN + 6, seed=2)
    (seeds / "00005.txt").write_bytes(b"")  # one bad seed in the middle
    used = []
    real_pool = pipeline.ProcessPoolExecutor

    def counting_pool(*args, **kwargs):
        used.append(args)
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", counting_pool)
    parallel = convert_all(seeds, tmp_path / "parallel")
    assert used, "the run did not use worker processes"
    monkeypatch.setattr(pipeline, "PARALLEL_MIN", 10_000)
    serial = convert_all(seeds, tmp_path / "serial")
    assert parallel.converted == serial.converted and len(parallel.converted) == 29
    assert [str(e) for e in parallel.failed] == [str(e) for e in serial.failed]
    assert str(parallel.failed[0]).endswith("00005.txt: empty file")

    def tree(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    assert tree(tmp_path / "parallel") == tree(tmp_path / "serial")
