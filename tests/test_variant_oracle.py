"""Our variants against an independent converter: zhconv-rs (MediaWiki's tables, as Chinese
Wikipedia uses them), over the news corpus written for it, every disagreement a recorded
decision (data/variants/zhconv-decisions.tsv), and the curator's command that prints them.

zhconv-rs is GPL-2.0-or-later: it is in the `test` extra only, and duizhao/ never imports it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import variant_disagreements as tool  # noqa: E402

from duizhao.datafiles import DataFileError  # noqa: E402

SCRIPT = ROOT / "scripts" / "variant_disagreements.py"


@pytest.fixture(scope="module")
def corpus_disagreements() -> list[tool.Disagreement]:
    return list(tool.disagreements(tool.corpus_lines()))


def test_the_corpus_is_big_and_varied() -> None:
    """At least 500 original news sentences, from Simplified, Taiwan and Hong Kong sources,
    over the categories the issue names (politics ... Hong Kong and Taiwan affairs)."""
    rows = [line.split("\t") for line in tool.CORPUS.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == ["id", "source", "category", "sentence"]
    body = rows[1:]
    assert len(body) >= 500
    sources = Counter(row[1] for row in body)
    assert sources["hans"] >= 300 and sources["tw"] >= 140 and sources["hk"] >= 120
    categories = Counter(row[2] for row in body)
    wanted = {"politics", "diplomacy", "economy", "technology", "sport", "society"}
    assert wanted | {"hk_affairs", "tw_affairs"} <= set(categories)
    assert min(categories.values()) >= 20
    assert len({row[0] for row in body}) == len(body)


def test_every_disagreement_has_a_recorded_decision(
    corpus_disagreements: list[tool.Disagreement],
) -> None:
    decisions = tool.load_decisions()
    undecided = [
        f"{d.where} {d.target}: ours {d.ours!r} theirs {d.theirs!r} …{d.context}…"
        for d in corpus_disagreements
        if d.key not in decisions
    ]
    assert not undecided, "\n".join(undecided[:40])


def test_fixed_disagreements_stay_fixed_and_every_other_decision_still_occurs(
    corpus_disagreements: list[tool.Disagreement],
) -> None:
    """A `theirs` row records a fix: it must not come back. Every other row must still
    describe a disagreement of the corpus (else it is stale: remove it)."""
    found = {d.key for d in corpus_disagreements}
    decisions = tool.load_decisions()
    back = [key for key, d in decisions.items() if d.verdict == "theirs" and key in found]
    stale = [key for key, d in decisions.items() if d.verdict != "theirs" and key not in found]
    assert not back
    assert not stale


def test_the_decisions_cover_every_category(corpus_disagreements: list[tool.Disagreement]) -> None:
    decisions = tool.load_decisions()
    verdicts = Counter(decisions[d.key].verdict for d in corpus_disagreements)
    assert verdicts["theirs"] == 0  # all fixed
    assert verdicts["open"] <= 10  # the few we know we get wrong, each with its reason
    fixed = {d.category for d in decisions.values() if d.verdict == "theirs"}
    assert fixed == {"punctuation", "glyph", "segmentation", "vocabulary", "name"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("zh-TW\t支援\t支持\tmaybe\tvocabulary\tx\n", "verdict must be one of"),
        ("zh-TW\t支援\t支持\tours\tmeaning\tx\n", "category must be one of"),
        ("zh-XX\t支援\t支持\tours\tvocabulary\tx\n", "targets"),
        ("zh-TW\t支援\t支持\tours\tvocabulary\t\n", "needs its reason"),
        (
            "zh-TW\t支援\t支持\tours\tvocabulary\tx\n*\t支援\t支持\tboth\tvocabulary\ty\n",
            "decided twice",
        ),
        ("\ufeffzh-TW\t支援\t支持\tours\tvocabulary\tx\n", "byte-order mark"),
    ],
)
def test_a_decisions_slip_is_one_line_naming_file_and_line(
    tmp_path: Path, content: str, reason: str
) -> None:
    path = tmp_path / "zhconv-decisions.tsv"
    path.write_text("# decisions\n" + "\t".join(tool.HEADER) + "\n" + content, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        tool.load_decisions(path)
    message = str(error.value)
    assert "\n" not in message and message.startswith(f"{path}:")
    assert reason in message


def run(*args: str, text: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        input=text,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=600,
        check=False,
    )


def test_the_curator_command_prints_new_disagreements_and_fails() -> None:
    """Justin Trudeau is 杜魯道 in Taiwan: read back, duizhao writes 特鲁多, zhconv-rs keeps
    杜鲁道; the corpus never met him, so no decision exists: NEW, and exit status 1."""
    result = run("--source", "tw", text="加拿大總理杜魯道表示。\n")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines() if line[:1] != "#"]
    assert lines[0][:4] == ["1", "zh-Hans", "ours 特鲁多", "theirs 杜鲁道"]
    assert all(line[-1] == "NEW: not decided yet" for line in lines)
    assert "# 3 disagreements, 3 without a decision" in result.stdout


def test_the_curator_command_shows_recorded_decisions() -> None:
    result = run("--source", "tw", text="美國總統川普表示。\n")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines() if line[:1] != "#"]
    assert {line[1] for line in lines} == {"zh-Hans", "zh-Hant", "zh-HK"}  # not zh-TW: its own
    assert all(line[-1].startswith("ours: the name as the mainland writes it") for line in lines)


def test_the_curator_command_decides_the_source_as_a_seed_would() -> None:
    result = run(text="港鐵東鐵綫今早有的士司機說。\n")
    assert result.stdout.startswith("# source: hk (Traditional; Hong Kong by its words")


def test_the_curator_command_over_the_corpus_summarises() -> None:
    result = run("--corpus", "--summary", text="")
    assert result.returncode == 0, result.stdout + result.stderr
    assert ", 0 without a decision" in result.stdout


def test_duizhao_never_imports_zhconv() -> None:
    """GPL: the oracle is a test and curator tool only."""
    for path in (ROOT / "duizhao").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(name.startswith("zhconv") for name in names), path
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    runtime = pyproject.split("[project.optional-dependencies]")[0]
    assert "zhconv" not in runtime.split("dependencies = [")[1]
