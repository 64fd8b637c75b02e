"""Conversion, build and translation side by side, twenty times, and nothing lost (issue 16):
each round changes the seeds, then starts scripts/convert.py, `mkdocs build` and
scripts/translate.py (against a LibreTranslate look-alike on 127.0.0.1) at once on one project.
Every run must succeed without a traceback; afterwards docs/ has every article's page and
record and no temporary file, site/ has every article, and the memory has every translation
it had plus one for every text of every seed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MKDOCS, build_env, make_own_project
from fake_provider import fake_libre, translate_command

from duizhao.english.aligned import MISSING
from duizhao.english.memory import Memory, key_for, units
from duizhao.ingest.seeds import parse_seed

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic import write_corpus  # noqa: E402

ROUNDS = 20
PERSON = ("一段人工翻译的文字", "A passage a person translated")


def change_seeds(seeds: Path, round_: int, scratch: Path) -> None:
    """A new seed, an edited one, and now and then one deleted."""
    (fresh,) = write_corpus(scratch / str(round_), 1, seed=500 + round_)
    shutil.move(fresh, seeds / f"round-{round_:02d}.txt")
    edited = sorted(seeds.iterdir())[round_ % 4]
    text = edited.read_text(encoding="utf-8").rstrip("\n")
    if "<!--" not in text[:10]:  # the plain-text shapes: a new paragraph at the end
        edited.write_text(f"{text}\n\n第{round_}轮新增的一段内容。\n", encoding="utf-8")
    if round_ % 5 == 4:
        sorted(seeds.glob("round-*.txt"))[0].unlink()


def start(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_conversion_build_and_translation_side_by_side_lose_nothing(tmp_path: Path) -> None:
    project = make_own_project(tmp_path / "project")
    docs, site = project / "docs", project / "site"
    memory_file = project / "data" / "memory" / "en.jsonl"
    text, english = PERSON
    memory_file.write_text(
        json.dumps({"key": key_for(text), "zh": text, "en": english, "origin": "manual",
                    "provider": "", "date": "2026-01-01"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    seeds = tmp_path / "seeds"
    write_corpus(seeds, 6, seed=31)
    env = {**build_env(seeds), "DUIZHAO_VARIANTS": "zh-Hans"}

    with fake_libre(delay=0.01) as server:
        env = server.env(env)
        for round_ in range(ROUNDS):
            change_seeds(seeds, round_, tmp_path / "scratch")
            runs = {
                "convert": start([sys.executable, str(project / "scripts" / "convert.py"),
                                  "--quiet", "--docs", str(docs)], env, project),
                "build": start([*MKDOCS, "build", "--strict", "-f",
                                str(project / "mkdocs.yml")], env, project),
                "translate": start(translate_command("--memory", str(memory_file),
                                                     "--batch-size", "3"), env, project),
            }  # fmt: skip
            for name, run in runs.items():
                out, err = run.communicate(timeout=900)
                assert run.returncode == 0, f"round {round_}, {name}:\n{out}\n{err[-3000:]}"
                assert "Traceback" not in err

            memory = Memory.load(memory_file)
            assert memory.get(text) is not None and memory.get(text).target == english
            articles = [parse_seed(seed) for seed in sorted(seeds.iterdir())]
            for article in articles:
                for unit in units(article):
                    assert memory.get(unit.text) is not None, f"round {round_}: {unit.text}"
            manifest = json.loads((docs / ".duizhao/manifest.json").read_text("utf-8"))
            assert sorted(manifest["seeds"]) == sorted(p.name for p in seeds.iterdir())
            for entry in manifest["seeds"].values():
                assert all((docs / page).is_file() for page in entry["pages"])
                assert (site / "zh-hans" / "articles" / entry["slug"] / "index.html").is_file()
            published = {p.stem for p in (docs / "zh-hans" / "articles").glob("*.md")}
            assert published == {entry["slug"] for entry in manifest["seeds"].values()}
            assert not list(docs.rglob("*.tmp")) and not list(memory_file.parent.glob("*.tmp"))

    # Pages converted before their English was saved get it from the next conversion.
    subprocess.run([sys.executable, str(project / "scripts" / "convert.py"), "--quiet",
                    "--docs", str(docs)], env=env, check=True)  # fmt: skip
    for page in (docs / "zh-hans" / "articles").glob("*.md"):
        assert MISSING not in page.read_text(encoding="utf-8"), page.name
