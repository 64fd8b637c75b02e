"""English from the translation memory on the pages: every part, its provenance, no network."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
import yaml

from duizhao.english.aligned import MISSING, english_for
from duizhao.english.memory import Entry, Memory, display_form, key_for, units
from duizhao.ingest.seeds import parse_seed, parse_seed_bytes
from duizhao.pipeline import convert_all
from duizhao.site.pages import article_page, home_page, summary_of, tags_page
from duizhao.variants import localize

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def render(page: str) -> str:
    body = page.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc"])


def test_the_committed_memory_covers_every_part_of_the_five_articles() -> None:
    memory = Memory.load()
    for seed in sorted(SEEDS.iterdir()):
        article = parse_seed(seed)
        english = english_for(article, memory)
        assert len(english.by_place) == english.wanted, seed.name
        assert english.provenance() == "English: translated by hand."
        for unit in units(article):
            entry = memory.get(unit.text)
            assert entry is not None and entry.origin == "manual" and entry.target.strip()
            assert entry.source == display_form(unit.text)


def test_names_follow_the_english_the_articles_give() -> None:
    memory = Memory.load()
    voa = parse_seed(SEEDS / "003_7ced30145b9de00e.txt")
    lead = next(b for b in voa.blocks if b.kind == "paragraph")
    english = memory.get(lead.plain).target
    assert "Vladimir Putin" in english and "Xi Jinping" in english


def test_a_page_pairs_each_block_with_its_english() -> None:
    article = parse_seed(SEEDS / "002_432d27decd9e6001.txt")
    html = render(article_page(article, "zh-hans", english=english_for(article, Memory.load())))
    first = next(b for b in article.blocks if b.kind == "paragraph")
    # The wrapper carries the block's id; the Chinese and the English are inside it.
    assert f'<div class="dz-pair" id="{first.id}">' in html
    assert '<p class="dz-en" lang="en">' in html
    title = Memory.load().get(article.title).target
    assert f'<p class="dz-en dz-en-title" lang="en">{title}</p>' in html
    assert '<p class="dz-en dz-en-heading" lang="en">' in html
    assert '<figcaption><span class="dz-zh">' in html and '<span class="dz-en" lang="en">' in html
    assert "English: translated by hand." in html
    assert MISSING not in html


def test_tags_have_english_on_the_article_the_home_and_the_tags_page() -> None:
    """Tags are translated like every other part; the English mode shows "#Putin" where the
    Chinese mode shows #普丁 (zh-TW), and a tag without English shows its Chinese in both."""
    article = parse_seed(SEEDS / "001_da52852a1bd2a4ae.txt")
    english = english_for(article, Memory.load())
    assert english.get(f"tag:{article.tags.index('普京')}").target == "Putin"
    taiwan = localize.localize(article, "zh-TW")
    putin = '<span class="dz-ui-zh">#普丁</span><span class="dz-ui-en" lang="en">#Putin</span>'
    assert putin in render(article_page(taiwan, "zh-tw", english=english))
    summary = summary_of(taiwan, english)
    assert summary.english_tags[taiwan.tags.index("普丁")] == "Putin"
    assert putin in render(home_page([summary], "zh-TW"))
    listing = render(tags_page([summary], "zh-TW"))
    assert '<h2 class="dz-zh-heading" id="tag-' in listing and ">#普丁" in listing
    assert '<p class="dz-en dz-en-heading" lang="en">#Putin</p>' in listing
    assert '<span class="dz-ui-en" lang="en">Putin visits China' in listing  # English titles
    untranslated = summary_of(taiwan)  # no English at all: the Chinese, plainly
    plain = render(tags_page([untranslated], "zh-TW"))
    assert "dz-en-heading" not in plain and "Putin" not in plain
    assert '<h2 id="tag-' in plain and ">#普丁</h2>" in plain


def test_a_page_gives_search_its_english_title_publisher_and_tags(tmp_path: Path) -> None:
    """The English mode's search shows an article's English title and publisher and filters
    by English tags (overrides/main.html reads them from the front matter); a part without
    English keeps its Chinese name, and a site without English gives none."""

    def front(page: str) -> dict[str, object]:
        return yaml.safe_load(page.split("---")[1])

    article = parse_seed(SEEDS / "001_da52852a1bd2a4ae.txt")
    english = english_for(article, Memory.load())
    taiwan = localize.localize(article, "zh-TW")
    given = front(article_page(taiwan, "zh-tw", english=english))
    assert given["title_en"] == Memory.load().get(article.title).target
    assert given["source_en"] == "Initium Media"  # data/publishers.yaml
    assert given["tags_en"] == [
        english.get(f"tag:{n}").target for n in range(len(article.tags))
    ] and "Putin" in given["tags_en"]  # fmt: skip
    untranslated = front(
        article_page(taiwan, "zh-tw", english=english_for(article, Memory(tmp_path / "en.jsonl")))
    )
    assert "title_en" not in untranslated and untranslated["tags_en"] == list(taiwan.tags)
    assert not {"title_en", "source_en", "tags_en"} & set(front(article_page(taiwan, "zh-tw")))


def test_missing_english_is_a_quiet_marker_not_an_error(tmp_path: Path) -> None:
    article = parse_seed_bytes("x.txt", "标题\n\n第一段。\n\n第二段。\n".encode())
    memory = Memory(tmp_path / "en.jsonl")
    memory.put(Entry(key_for("第一段。"), "第一段。", "The first paragraph.", "machine", "google"))
    html = render(article_page(article, "zh-hans", english=english_for(article, memory)))
    assert "The first paragraph." in html
    assert html.count(f'dz-missing" lang="en">{MISSING}') == 2  # the title, the 2nd paragraph
    assert "English: machine translation (google); 2 parts not yet translated." in html


def test_manual_and_machine_provenance_is_stated(tmp_path: Path) -> None:
    article = parse_seed_bytes("x.txt", "标题\n\n第一段。\n".encode())
    memory = Memory(tmp_path / "en.jsonl")
    memory.put(Entry(key_for("标题"), "标题", "Title", "manual"))
    memory.put(Entry(key_for("第一段。"), "第一段。", "One.", "machine", "deepl"))
    assert english_for(article, memory).provenance() == (
        "English: 1 part by hand, 1 by machine translation (deepl)."
    )
    memory.put(Entry(key_for("第二段。"), "第二段。", "Two.", "manual"))
    article = parse_seed_bytes("x.txt", "标题\n\n第一段。\n\n第二段。\n\n第三段。\n".encode())
    assert english_for(article, memory).provenance() == (
        "English: 2 parts by hand, 1 by machine translation (deepl); 1 part not yet translated."
    )


def test_memory_file_round_trip_is_sorted_and_stable(tmp_path: Path) -> None:
    path = tmp_path / "en.jsonl"
    memory = Memory(path)
    for text in ("乙", "甲", "丙"):
        memory.put(Entry(key_for(text), text, f"<{text}>", "machine", "google", "2026-01-01"))
    memory.save()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == 3
    assert lines[0].startswith('{"key": ')
    again = Memory.load(path)
    assert list(again) == list(memory)
    again.save()
    assert path.read_text(encoding="utf-8").splitlines() == lines  # no churn


def test_a_machine_never_overwrites_a_person(tmp_path: Path) -> None:
    memory = Memory(tmp_path / "en.jsonl")
    assert memory.put(Entry(key_for("甲"), "甲", "by hand", "manual"))
    assert not memory.put(Entry(key_for("甲"), "甲", "by machine", "machine", "google"))
    assert memory.get("甲").target == "by hand"


def test_a_damaged_memory_file_names_the_line(tmp_path: Path) -> None:
    from duizhao.english.memory import MemoryFileError

    path = tmp_path / "en.jsonl"
    good = f'{{"key": "{key_for("甲")}", "zh": "甲", "en": "A", "origin": "manual"}}'
    path.write_text(f"{good}\nnot json\n", encoding="utf-8")
    with pytest.raises(MemoryFileError, match=r"en\.jsonl:2: not a memory entry"):
        Memory.load(path)


def test_new_english_rewrites_only_that_articles_pages(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "new.txt").write_text("新标题\n\n新的一段。\n", encoding="utf-8")
    memory_file = tmp_path / "en.jsonl"
    shutil.copy(ROOT / "data/memory/en.jsonl", memory_file)
    docs = tmp_path / "docs"
    convert_all(seeds, docs, memory=Memory.load(memory_file))
    page = docs / "zh-hans/articles/new.md"
    assert MISSING in page.read_text(encoding="utf-8")

    memory = Memory.load(memory_file)
    memory.put(Entry(key_for("新的一段。"), "新的一段。", "A new paragraph.", "manual"))
    memory.save()
    report = convert_all(seeds, docs, memory=Memory.load(memory_file))
    assert report.converted == ["new.txt"] and len(report.unchanged) == 5
    assert "A new paragraph." in page.read_text(encoding="utf-8")
