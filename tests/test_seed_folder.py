"""What counts as a seed, the stated limits, and one story per article, through the real
conversion command (scripts/convert.py) on real files.

Issue 16 rows 4 and 11: seeds are regular files inside seeds/; a link out of the folder, a
loop, a FIFO or a device is refused with one line, a folder is reported. Row 10: a seed over
the size limit is refused with its size and the limit. Issue 19: copies of one story are one
article whose URL stays when the copy kept changes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from duizhao.ingest.seeds import SEED_MAX_BYTES
from duizhao.pipeline import load_records

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "structures"
CONVERT = [sys.executable, str(ROOT / "scripts" / "convert.py")]
TEXT = "普京访华\n\n作者 | 李明\n\n俄罗斯总统普京今天抵达北京，开始为期两天的访问。\n"


def convert(seeds: Path, docs: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "convert.py"),
            "--seeds",
            str(seeds),
            "--docs",
            str(docs),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DUIZHAO_VARIANTS": "zh-Hans,zh-TW"},
    )


def failed_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("failed: ")]


def test_only_regular_files_inside_the_folder_are_seeds(tmp_path: Path) -> None:
    seeds, outside = tmp_path / "seeds", tmp_path / "outside.txt"
    seeds.mkdir()
    outside.write_text("外面的文件\n\n不该发布的内容。\n", encoding="utf-8")
    (seeds / "real.txt").write_text(TEXT, encoding="utf-8")
    (seeds / "inside-link.txt").symlink_to(seeds / "real.txt")  # inside: followed
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "outside-link.txt").symlink_to(outside)
    (seeds / "up.txt").symlink_to("../outside.txt")
    (seeds / "loop-a.txt").symlink_to(seeds / "loop-b.txt")
    (seeds / "loop-b.txt").symlink_to(seeds / "loop-a.txt")
    (seeds / "dangling.txt").symlink_to(seeds / "gone.txt")
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "a-folder").mkdir()
    if os.geteuid() == 0:  # making a device node needs root (CI runs as root)
        os.mknod(seeds / "device.txt", 0o600 | 0o020000, os.makedev(1, 3))
    else:
        (seeds / "device.txt").symlink_to("/dev/null")  # a device, and outside

    result = convert(seeds, tmp_path / "docs")  # a FIFO would block a reader for ever
    assert result.returncode == 1
    failed = "\n".join(failed_lines(result))
    for name, reason in [
        ("passwd.txt", "leads out of the seeds folder"),
        ("outside-link.txt", "leads out of the seeds folder"),
        ("up.txt", "leads out of the seeds folder"),
        ("loop-a.txt", "loops"),
        ("loop-b.txt", "loops"),
        ("dangling.txt", "to nothing"),
        ("pipe.txt", "FIFO"),
    ]:
        assert f"{seeds / name}: a" in failed and reason in failed, name
    assert f"{seeds / 'device.txt'}: a" in failed
    assert len(failed_lines(result)) == 8
    assert f"{seeds / 'a-folder'}: skipped: a folder" in result.stderr
    published = {r.seed_name for r in load_records(tmp_path / "docs")}
    assert published == {"real.txt", "inside-link.txt"} or published == {"real.txt"}
    everything = "".join(p.read_text("utf-8") for p in (tmp_path / "docs").rglob("*.md"))
    assert "root:" not in everything and "不该发布" not in everything


def test_a_seed_over_the_size_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ok.txt").write_text(TEXT, encoding="utf-8")
    with (seeds / "huge.txt").open("wb") as handle:  # sparse: nothing is read to refuse it
        handle.truncate(SEED_MAX_BYTES + 1)
    result = convert(seeds, tmp_path / "docs")
    assert failed_lines(result) == [
        f"failed: {seeds / 'huge.txt'}: {SEED_MAX_BYTES + 1:,} bytes is larger than the "
        f"limit of {SEED_MAX_BYTES:,} bytes"
    ]
    assert [r.seed_name for r in load_records(tmp_path / "docs")] == ["ok.txt"]


def test_a_bad_line_of_a_jsonl_export_fails_alone(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy2(FIXTURES / "x6-bad-line.jsonl", seeds)
    result = convert(seeds, tmp_path / "docs")
    assert failed_lines(result) == [
        f"failed: {seeds / 'x6-bad-line.jsonl'}: line 2 is not JSON (Unterminated string "
        "starting at)"
    ]
    assert [r.seed_name for r in load_records(tmp_path / "docs")] == ["x6-bad-line.jsonl#1"]


def test_one_story_keeps_one_page_and_its_url_whichever_copy_wins(tmp_path: Path) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    copies = ["s10-dup-udn.page.html", "s10-dup-udn-share.body.txt", "s10-dup-udn-line.json"]
    for name in copies:
        shutil.copy2(FIXTURES / name, seeds)
    first = convert(seeds, docs)
    assert first.returncode == 0, first.stderr
    (story,) = load_records(docs)
    merged = [line for line in first.stderr.splitlines() if line.startswith("merged: ")]
    assert merged == [
        f"merged: {story.seed_name}: one story with "
        f"{', '.join(sorted(set(copies) - {story.seed_name}))}; kept {story.seed_name} "
        "(the first by name)"  # same day, same text: the name decides
    ]
    page = docs / "zh-hans" / "articles" / f"{story.slug}.md"
    assert page.is_file()
    assert len(list((docs / "zh-hans" / "articles").iterdir())) == 1

    # A newer copy arrives: it is kept, under the same address.
    newer = json.loads((FIXTURES / "s10-dup-udn-line.json").read_text("utf-8"))
    newer["published"] = "2025-03-15T09:00:00+08:00"
    newer["url"] = "https://udn.com/news/story/7314/8500000?utm_source=app"
    (seeds / "z-newer.json").write_text(json.dumps(newer, ensure_ascii=False), "utf-8")
    second = convert(seeds, docs)
    (kept,) = load_records(docs)
    assert (kept.seed_name, kept.slug, kept.date) == ("z-newer.json", story.slug, "2025-03-15")
    assert "kept z-newer.json (the newer copy)" in second.stderr
    assert len(list((docs / "zh-hans" / "articles").iterdir())) == 1

    # The kept copy goes: another copy takes its place, the address stays.
    (seeds / "z-newer.json").unlink()
    (seeds / story.seed_name).unlink()
    convert(seeds, docs)
    (last,) = load_records(docs)
    assert last.slug == story.slug and last.seed_name != story.seed_name
    assert page.is_file()
    home = (docs / "zh-hans" / "index.md").read_text("utf-8")
    assert "1 篇文章" in home

    again = convert(seeds, docs)  # nothing changed: nothing is converted
    assert again.returncode == 0
    summary = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "convert.py"),
            "--seeds",
            str(seeds),
            "--docs",
            str(docs),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DUIZHAO_VARIANTS": "zh-Hans,zh-TW"},
    ).stdout
    assert "converted 0, unchanged 2" in summary


@pytest.mark.parametrize("count", [3])
def test_seed_files_lists_each_file_once(tmp_path: Path, count: int) -> None:
    from duizhao.pipeline import scan_seeds, seed_files

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy2(FIXTURES / "x1-three.jsonl", seeds)
    units, refused = scan_seeds(seeds)
    assert [u.name for u in units] == [f"x1-three.jsonl#{n}" for n in range(1, count + 1)]
    assert refused == [] and seed_files(seeds) == [seeds / "x1-three.jsonl"]
