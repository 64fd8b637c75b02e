"""The learner's layer in a real strict build of the seeds: data files, levels on pages, the
word-list pages, feeds (parsed by feedparser, checked against the W3C validator's rules that
can be checked offline), and the store that keeps the data between builds."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import pytest
from conftest import SEEDS
from test_build import SLUGS, VARIANT_FOLDERS

from duizhao.glossary import Glossary, Term
from duizhao.learner import store
from duizhao.pipeline import convert_all

FEED_LINK = re.compile(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"')


def test_every_article_has_its_word_data_in_every_variant(built_site: Path) -> None:
    site = built_site / "site"
    for folder, tag in VARIANT_FOLDERS.items():
        for slug in SLUGS:
            data = json.loads((site / folder / "learner" / f"{slug}.json").read_text("utf-8"))
            assert data["tags"] == list(VARIANT_FOLDERS.values()) and data["b"]["title"]
            page = (site / folder / "articles" / slug / "index.html").read_text("utf-8")
            meta = re.search(r'<meta name="dz-learner" content="([^"]+)"', page)
            assert meta and meta.group(1) == f"../../learner/{slug}.json"
            assert f'data-variant="{tag}"' in page


def test_articles_show_their_level_and_lists_carry_badges(built_site: Path) -> None:
    site = built_site / "site"
    page = (site / "zh-tw" / "articles" / SLUGS[2] / "index.html").read_text("utf-8")
    box = re.search(r'<div class="dz-levels".*?</div>', page, re.S)
    assert box and "詞彙難度" in box.group(0)
    shares = [int(n) for n in re.findall(r"(\d+)%</li>", box.group(0))]
    assert sum(shares) == 100
    home = (site / "zh-tw" / "index.html").read_text("utf-8")
    assert len(re.findall(r'class="dz-card-meta">.*?data-dz-level="\d"', home)) == len(SLUGS)
    assert 'class="dz-level-controls-slot"' in home  # the browser script fills it
    tags = (site / "zh-tw" / "tags" / "index.html").read_text("utf-8")
    assert "data-dz-level=" in tags and "dz-level-slot" not in tags


def test_word_list_page_in_every_variant_and_in_its_navigation(built_site: Path) -> None:
    site = built_site / "site"
    for folder in VARIANT_FOLDERS:
        page = (site / folder / "words" / "index.html").read_text("utf-8")
        assert 'class="dz-mywords"' in page
        home = (site / folder / "index.html").read_text("utf-8")
        assert 'href="words/"' in home  # in the variant's navigation
    assert "我的生詞" in (site / "zh-tw" / "words" / "index.html").read_text("utf-8")


def test_every_page_links_its_feed_and_every_feed_parses_and_validates(built_site: Path) -> None:
    site = built_site / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) == 2 + 4 * (len(SLUGS) + 4)  # root, 404; per variant: articles, 4 lists
    for page in pages:
        links = FEED_LINK.findall(page.read_text("utf-8"))
        assert links, f"{page}: no feed link"
        if page.parent != site:  # the root and 404 list every variant's feed
            target = (page.parent / links[0]).resolve()
            assert target.is_file() and target.name == "feed.xml", page
    for folder, tag in VARIANT_FOLDERS.items():
        raw = (site / folder / "feed.xml").read_bytes()
        feed = feedparser.parse(raw)
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.version == "atom10"
        check_atom_rules(feed, raw, folder, tag, site)


def check_atom_rules(feed, raw: bytes, folder: str, tag: str, site: Path) -> None:
    """The W3C feed validator's rules that need no network: required elements, absolute and
    unique ids, RFC 3339 dates, links, language; entries newest first, links that resolve."""
    text = raw.decode("utf-8")
    assert text.startswith("<?xml") and f'xml:lang="{tag}"' in text
    head = feed.feed
    assert head.title and head.id.startswith("http") and head.updated
    assert head.author
    rels = {link.rel: link.href for link in head.links}
    assert rels["self"].endswith(f"/{folder}/feed.xml") and rels["alternate"].endswith(
        f"/{folder}/"
    )
    assert re.search(r"<updated>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)</updated>", text)
    entries = feed.entries
    manifest = json.loads((site.parent / "docs/.duizhao/manifest.json").read_text("utf-8"))
    dated = [e for e in manifest["seeds"].values() if e["summaries"][tag]["date"]]
    assert 0 < len(dated) < len(SLUGS) and len(entries) == len(dated)  # undated: left out
    ids = [entry.id for entry in entries]
    assert len(set(ids)) == len(ids) and all(urlparse(i).scheme == "http" for i in ids)
    dates = [datetime(*entry.updated_parsed[:6]) for entry in entries]
    assert dates == sorted(dates, reverse=True)
    assert head.updated_parsed == entries[0].updated_parsed
    for entry in entries:
        assert entry.title and entry.summary and entry.author
        link = next(link for link in entry.links if link.rel == "alternate")
        path = urlparse(link.href).path.lstrip("/")
        assert (site / path / "index.html").is_file(), link.href
        assert entry.id == link.href
    english = [e for e in entries if any(c.type == "text/html" for c in e.get("content", []))]
    assert english, "the memory has English for the seeds: entries carry it"
    assert 'lang="en"' in english[0].content[0].value


def test_site_has_no_material_tooltips(built_site: Path) -> None:
    config = (built_site / "mkdocs.yml").read_text("utf-8")
    assert "- content.tooltips" not in config
    page = (built_site / "site" / "zh-hans" / "articles" / SLUGS[2] / "index.html").read_text()
    assert '"content.tooltips"' not in page


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    docs = tmp_path_factory.mktemp("learner-docs")
    convert_all(SEEDS, docs)
    return docs


def test_the_store_makes_only_what_changed(converted: Path) -> None:
    tags = tuple(VARIANT_FOLDERS.values())
    first = store.build(converted, None, tags)
    assert first.made == len(SLUGS)
    again = store.build(converted, None, tags)
    assert again.made == 0 and again.levels == first.levels
    record = converted / ".duizhao" / "records" / f"{SLUGS[0]}.json"
    data = json.loads(record.read_text("utf-8"))
    data["title"] += "，再加一句"
    record.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    changed = store.build(converted, None, tags)
    assert changed.made == 1
    text = changed.data_file(SLUGS[0], "zh-Hans").read_text("utf-8")
    assert "再加" in text or "加" in text
    record.unlink()
    gone = store.build(converted, None, tags)
    assert SLUGS[0] not in gone.levels and not (gone.folder / SLUGS[0]).exists()


def term(simplified: str) -> Term:
    return Term(
        id=simplified, simplified=simplified, traditional=simplified, forms={},
        aliases=(), pinyin="", english="a test term", english_source="curated", kind="term",
        note="", occurrences=(),
    )  # fmt: skip


def test_a_new_glossary_term_remakes_only_the_articles_that_use_it(converted: Path) -> None:
    tags = tuple(VARIANT_FOLDERS.values())
    records = {p.stem: p.read_text("utf-8") for p in (converted / ".duizhao/records").glob("*")}
    store.build(converted, Glossary([]), tags)
    assert store.build(converted, Glossary([term("不在任何文章里")]), tags).made == 0
    slug, text = sorted(records.items())[0]
    title = json.loads(text)["title"]
    word = next(
        title[i : i + 4]
        for i in range(len(title) - 3)
        if all(title[i : i + 4] not in other for s, other in records.items() if s != slug)
    )
    index = store.build(converted, Glossary([term(word)]), tags)
    assert index.made == 1
    data = json.loads(index.data_file(slug, "zh-Hans").read_text("utf-8"))
    assert next(row for row in data["w"] if row[0] == word)[4] == "a test term"
