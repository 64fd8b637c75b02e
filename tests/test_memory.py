"""The translation memory keeps every translation (issue 16, rows 1, 2, 7 and 10): strict,
one-line errors for a damaged file, repeated keys resolved the same whatever the order of the
lines, saves that merge, two translators at once, and replies over the limit refused.

The command-line tests run scripts/translate.py for real against a LibreTranslate look-alike
on 127.0.0.1 (tests/fake_provider.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_own_project
from fake_provider import english, fake_libre, translate_command

from duizhao.english.memory import (
    Entry,
    Memory,
    MemoryFileError,
    key_for,
    longest_target,
    units,
)
from duizhao.ingest.seeds import parse_seed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic import write_corpus  # noqa: E402


def line(text: str = "甲", **fields: object) -> str:
    data: dict[str, object] = {
        "key": key_for(text), "zh": text, "en": "A", "origin": "manual", "provider": "",
        "date": "2026-01-01",
    }  # fmt: skip
    data.update(fields)
    return json.dumps(data, ensure_ascii=False)


def write(path: Path, *lines: str) -> Path:
    path.write_text("".join(f"{text}\n" for text in lines), encoding="utf-8")
    return path


# --- a damaged file: one line naming the file and the line --------------------------------

GOOD = line("乙", en="B")
DAMAGED = {
    "a list for en": (line(en=["Putin", "x"]), "en: Input should be a valid string"),
    "null zh": (line(zh=None), "zh: Input should be a valid string"),
    "unknown origin": (line(origin="robot"), "origin: Input should be 'manual' or 'machine'"),
    "a typo'd field": (line(orign="manual"), "orign: unknown key (a typo?)"),
    "a field twice in one line": (line()[:-1] + ', "en": "B"}', "`en` is given twice in one entry"),
    "not JSON": ('{"key": "1b85', "not a memory entry: not valid JSON (unterminated string"),
    "not an object": ("[1, 2]", "not a memory entry: a JSON object with key, zh, en, origin"),
    "a merge-conflict marker": ("<<<<<<< HEAD", "a git merge-conflict marker"),
    "an empty translation": (line(en=" "), "`en` is empty"),
    "a key that is not its text's": (
        line(key=key_for("丙")),
        f"key {key_for('丙')} is not the key of its zh text ({key_for('甲')})",
    ),
    "a runaway translation": (
        line(en="x" * 211),
        "`en` has 211 characters, more than the 210 allowed for a 1-character text",
    ),
    "not a date": (line(date="2026-13-01"), "date '2026-13-01' is not a date"),
    "a byte-order mark": ("\ufeff" + line(), "a byte-order mark (U+FEFF)"),
}


@pytest.mark.parametrize("case", DAMAGED)
def test_a_damaged_line_is_one_error_naming_file_and_line(tmp_path: Path, case: str) -> None:
    text, reason = DAMAGED[case]
    path = write(tmp_path / "en.jsonl", GOOD, text)
    with pytest.raises(MemoryFileError) as caught:
        Memory.load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:2: {reason}"), message
    assert "\n" not in message


def test_the_committed_memory_is_valid_and_within_the_limits() -> None:
    memory = Memory.load()
    in_use = {u.key for seed in sorted((ROOT / "seeds").iterdir()) for u in units(parse_seed(seed))}
    assert {entry.key for entry in memory} == in_use  # every unit translated, none left over
    assert all(len(e.target) <= longest_target(len(e.source)) for e in memory)


# --- a key on two lines ---------------------------------------------------------------------


def test_a_manual_entry_wins_over_machine_ones_in_any_order(tmp_path: Path) -> None:
    manual = line(en="by hand")
    machine = line(en="by machine", origin="machine", provider="google", date="2026-06-01")
    for lines in ((manual, machine), (machine, manual), (machine, manual, machine)):
        path = write(tmp_path / "en.jsonl", *lines)
        memory = Memory.load(path)
        assert memory.get("甲").target == "by hand"
        memory.put(Entry(key_for("丁"), "丁", "D", "machine", "google"))
        memory.save()  # the next save writes the key once, the manual entry
        assert path.read_text(encoding="utf-8").count(key_for("甲")) == 1
        assert Memory.load(path).get("甲").target == "by hand"


def test_of_machine_entries_the_newest_wins_in_any_order(tmp_path: Path) -> None:
    old = line(en="old", origin="machine", provider="google", date="2025-01-01")
    new = line(en="new", origin="machine", provider="deepl", date="2026-01-01")
    for lines in ((old, new), (new, old)):
        assert Memory.load(write(tmp_path / "en.jsonl", *lines)).get("甲").target == "new"


def test_two_different_manual_translations_are_an_error_naming_both_lines(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "en.jsonl", line(en="A"), GOOD, line(en="Another A"))
    with pytest.raises(MemoryFileError) as caught:
        Memory.load(path)
    assert str(caught.value) == (
        f"{path}:3: key {key_for('甲')} has two different manual translations (the other on "
        "line 1): keep the right one and delete the other line"
    )
    write(path, line(en="A"), GOOD, line(en="A", date="2026-02-02"))  # the same: no conflict
    assert Memory.load(path).get("甲").target == "A"


# --- saving merges --------------------------------------------------------------------------


def test_saves_merge_what_each_run_made(tmp_path: Path) -> None:
    path = write(tmp_path / "en.jsonl", line("甲"), line("乙", en="B"))
    first, second = Memory.load(path), Memory.load(path)
    first.put(Entry(key_for("丙"), "丙", "C", "machine", "google", "2026-01-01"))
    second.put(Entry(key_for("丁"), "丁", "D", "machine", "deepl", "2026-01-01"))
    second.put(Entry(key_for("甲"), "甲", "machine A", "machine", "deepl"))  # refused
    first.save()
    second.save()
    saved = {entry.source: entry.target for entry in Memory.load(path)}
    assert saved == {"甲": "A", "乙": "B", "丙": "C", "丁": "D"}
    assert {e.source for e in second} == set(saved)  # the live object sees the merge too

    first.prune({key_for("甲"), key_for("丙")})  # drops 乙; 丁 came after it last saved
    first.save()
    assert {entry.source for entry in Memory.load(path)} == {"甲", "丙", "丁"}


def test_a_manual_entry_saved_meanwhile_is_never_replaced_by_a_machine(tmp_path: Path) -> None:
    path = tmp_path / "en.jsonl"
    translator, person = Memory.load(path), Memory.load(path)
    translator.put(Entry(key_for("甲"), "甲", "machine A", "machine", "google"))
    person.put(Entry(key_for("甲"), "甲", "A by hand", "manual"))
    person.save()
    translator.save()
    assert Memory.load(path).get("甲").target == "A by hand"


def test_a_save_never_writes_over_a_file_damaged_meanwhile(tmp_path: Path) -> None:
    path = write(tmp_path / "en.jsonl", line())
    memory = Memory.load(path)
    memory.put(Entry(key_for("乙"), "乙", "B", "machine", "google"))
    write(path, line(), line(en=["x"]))  # someone's bad edit
    with pytest.raises(MemoryFileError, match=r"en\.jsonl:2: en: Input should be"):
        memory.save()
    assert path.read_text(encoding="utf-8").count("\n") == 2  # left for its author to fix


# --- the command line -----------------------------------------------------------------------


def all_texts(seeds: Path) -> set[str]:
    return {unit.text for seed in seeds.iterdir() for unit in units(parse_seed(seed))}


def test_two_translators_at_once_keep_each_others_work(tmp_path: Path) -> None:
    """Before the lock and the merge: both said "translated 13", the file grew by 13."""
    first_seeds, second_seeds = tmp_path / "a", tmp_path / "b"
    write_corpus(first_seeds, 4, seed=21)
    write_corpus(second_seeds, 4, seed=22)
    memory = write(tmp_path / "en.jsonl", line("一个人的翻译"))
    wanted = all_texts(first_seeds) | all_texts(second_seeds)
    with fake_libre(delay=0.01) as server:
        runs = [
            subprocess.Popen(
                translate_command("--seeds", seeds, "--memory", memory, "--batch-size", "2"),
                env=server.env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for seeds in (first_seeds, second_seeds)
        ]
        outputs = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "failed 0" in out
    saved = Memory.load(memory)
    assert all(saved.get(text) is not None for text in wanted)
    assert saved.get("一个人的翻译").target == "A"
    assert len(saved) == len({key_for(text) for text in wanted}) + 1


def test_a_reply_over_the_limit_is_refused_and_not_stored(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    runaway = "这一段会得到一个巨大的回答\ufffd\ufffd。"
    (seeds / "a.txt").write_text(f"标题\n\n第一段。\n\n{runaway}\n", encoding="utf-8")
    memory = tmp_path / "en.jsonl"
    with fake_libre(huge_size=20 * 1024 * 1024) as server:  # 20 MB for one paragraph
        done = subprocess.run(
            translate_command("--seeds", seeds, "--memory", memory),
            env=server.env(),
            capture_output=True,
            text=True,
            timeout=300,
        )
        sent = list(server.texts)
    assert done.returncode == 1
    limit = longest_target(len(runaway))
    assert done.stderr.splitlines()[0] == (
        f"failed: a.txt paragraph: {runaway}: a reply of 20,971,520 characters "
        f"refused: at most {limit} are accepted for {len(runaway)} characters sent"
    )
    assert "translated 2, from memory 0, failed 1" in done.stdout
    assert sent.count(runaway) == 1  # refused at once, not asked again
    saved = Memory.load(memory)
    assert saved.get(runaway) is None and saved.get("第一段。").target == english("第一段。")
    assert memory.stat().st_size < 1000


def test_a_damaged_memory_stops_the_commands_in_one_line(tmp_path: Path) -> None:
    project = make_own_project(tmp_path / "project")
    memory = project / "data" / "memory" / "en.jsonl"
    lines = memory.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace('"origin": "manual"', '"origin": "robot"')
    memory.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seeds, docs = project / "seeds", project / "docs"
    write_corpus(seeds, 2, seed=23)
    expected = f"error: {memory}:3: origin: Input should be 'manual' or 'machine'"
    for script in ("convert.py", "translate.py"):
        command = [sys.executable, str(project / "scripts" / script), "--seeds", str(seeds)]
        if script == "convert.py":
            command += ["--docs", str(docs)]
        done = subprocess.run(command + ["--dry-run"] * (script == "translate.py"),
                              capture_output=True, text=True, timeout=300)  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert done.stderr.strip() == expected, script
    assert not (docs / "zh-hans").exists()
