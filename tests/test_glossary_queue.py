"""The curator's queue through its real command line (scripts/glossary_queue.py): the
evidence it lists, and decisions written into the curated file and remembered."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from duizhao.glossary.curated import load_curated

ROOT = Path(__file__).resolve().parents[1]
QUEUE = ROOT / "scripts" / "glossary_queue.py"

SEEDS = {
    "hk-a.txt": "李家超出席典礼\n\n2025年5月1日\n\n行政长官李家超今日表示，政府会支持公立医院。\n\n"
    "李家超又说，公立医院需要更多人手。\n",
    "hk-b.txt": "李家超视察医院\n\n2025年5月2日\n\n李家超视察公立医院，感谢医护人员。\n\n"
    "李家超呼吁市民接种疫苗，公立医院会延长服务时间。\n",
}
CURATED = """\
# 人工编辑 · edited by people
suppress:
  - 和平      # a common noun

terms:
  - zh: 普京
    en: Vladimir Putin
    kind: person
"""


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, text in SEEDS.items():
        (seeds / name).write_text(text, encoding="utf-8")
    curated = tmp_path / "glossary.yaml"
    curated.write_text(CURATED, encoding="utf-8")
    return seeds, curated


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(QUEUE), *args], capture_output=True, text=True, timeout=600
    )


def listed(seeds: Path, curated: Path) -> dict[str, dict[str, object]]:
    result = run("--curated", str(curated), "--seeds", str(seeds), "list", "--json")
    assert result.returncode == 0, result.stderr
    items = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return {item["spelling"]: item for item in items}


def test_the_queue_shows_the_evidence(project: tuple[Path, Path]) -> None:
    seeds, curated = project
    items = listed(seeds, curated)
    lee = items["李家超"]
    assert lee["kept"] and lee["kind"] == "person" and lee["pinyin"] == "Lǐ Jiāchāo"
    assert lee["count"] == 6 and sorted(lee["articles"]) == ["hk-a", "hk-b"]
    assert lee["contexts"] and all("李家超" in text for _, text in lee["contexts"])
    assert "2 articles" in lee["reason"]
    # the names table (data/glossary/names.tsv) gives his own English, not pinyin
    assert (lee["english"], lee["english_source"]) == ("John Lee (Lee Ka-chiu)", "names")
    first = next(iter(items.values()))
    assert first["english"] == ""  # terms without English head the queue
    shown = run("--curated", str(curated), "--seeds", str(seeds)).stdout
    assert "李家超  Lǐ Jiāchāo  [person]  2 articles, 6 uses" in shown
    assert "English: John Lee (Lee Ka-chiu) (names)" in shown
    assert "English: — none yet" in shown


def test_decisions_go_into_the_file_and_are_remembered(project: tuple[Path, Path]) -> None:
    seeds, curated = project
    accepted = run("--curated", str(curated), "accept", "李家超", "--en",
                   "John Lee (Lee Ka-chiu)", "--kind", "person")  # fmt: skip
    assert accepted.returncode == 0, accepted.stderr
    assert run("--curated", str(curated), "suppress", "公立医院").returncode == 0
    text = curated.read_text(encoding="utf-8")
    assert text.startswith("# 人工编辑 · edited by people\n")  # comments kept
    assert "  - 和平      # a common noun\n  - 公立医院\n" in text  # under suppress
    read = load_curated(curated)
    lee = next(term for term in read.terms if term.zh == "李家超")
    assert (lee.en, lee.kind) == ("John Lee (Lee Ka-chiu)", "person")
    assert "公立医院" in read.suppress
    items = listed(seeds, curated)
    assert "李家超" not in items and "公立医院" not in items  # decided: not asked again


def test_a_decision_the_file_would_refuse_is_not_written(project: tuple[Path, Path]) -> None:
    _, curated = project
    before = curated.read_text(encoding="utf-8")
    result = run("--curated", str(curated), "accept", "的")
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {curated}:")
    assert "single character" in result.stderr and result.stderr.count("\n") == 1
    assert curated.read_text(encoding="utf-8") == before


def test_review_accepts_fixes_and_suppresses_in_turn(project: tuple[Path, Path]) -> None:
    seeds, curated = project
    sys.path.insert(0, str(ROOT / "scripts"))
    import glossary_queue

    answers = iter(["e", "John Lee (Lee Ka-chiu)", "person", "s", "q"])
    code = glossary_queue.main(
        ["--curated", str(curated), "--seeds", str(seeds), "review"], ask=lambda _: next(answers)
    )
    assert code == 0
    read = load_curated(curated)
    decided = {term.zh for term in read.terms} | set(read.suppress)
    assert "李家超" in decided and len(decided) == 4  # 普京, 和平, and the two decided
