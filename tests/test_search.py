"""Search without a browser: the query dictionary, running Pagefind, what the build indexes.

The browser side (queries in each variant, under the policy, filters, highlighting) is in
test_search_browser.py; recall against the glossary's occurrence lists in
test_search_recall.py.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml
from conftest import ROOT, SEEDS, make_project, strict_build
from test_build import SLUGS, VARIANT_FOLDERS

from duizhao import settings
from duizhao.glossary import Glossary, Occurrence, Term
from duizhao.site import search, search_terms
from duizhao.site.search_terms import key, shard_of


def term(simplified: str, forms: dict[str, str], **fields: object) -> Term:
    values: dict[str, object] = {
        "id": simplified,
        "simplified": simplified,
        "traditional": forms.get("zh-Hant", simplified),
        "forms": forms,
        "aliases": (),
        "pinyin": "",
        "english": "",
        "english_source": "",
        "kind": "term",
        "note": "",
        "occurrences": (Occurrence("a", 1, "p-1", ""),),
    }
    values.update(fields)
    return Term(**values)  # type: ignore[arg-type]


PUTIN = term(
    "普京",
    {"zh-Hans": "普京", "zh-Hant": "普京", "zh-TW": "普丁", "zh-HK": "普京"},
    id="pu-jing",
    aliases=("弗拉基米尔·普京", "普亭"),
    pinyin="Pǔjīng",
    english="Vladimir Putin",
    kind="person",
)
XI = term(
    "习近平",
    {"zh-Hans": "习近平", "zh-Hant": "習近平", "zh-TW": "習近平", "zh-HK": "習近平"},
    pinyin="Xí Jìnpíng",
    english="Xi Jinping",
    kind="person",
)


def meanings(tag: str, typed: str, glossary: Glossary | None = None) -> list[search_terms.Entry]:
    return search_terms.dictionary(glossary or Glossary([PUTIN, XI]), tag).get(key(typed), [])


# --- the query dictionary --------------------------------------------------------------------


def test_keys_ignore_case_tones_tone_numbers_spaces_and_name_dots() -> None:
    assert key("Pǔjīng") == key("pujing") == key("PU3 JING1") == key("pu jing") == "pujing"
    assert key("Xí Jìnpíng") == key("xi jinping") == key("XiJinping") == "xijinping"
    assert key("弗拉基米尔·普京") == key("弗拉基米尔 普京") == "弗拉基米尔普京"
    assert key("Lǚ") == "lu"
    assert key("G7峰会") == "g7峰会"  # digits stay where there are characters


SPELLINGS = ["普京", "普丁", "普亭", "弗拉基米尔·普京", "弗拉基米爾·普丁", "pujing", "Pǔjīng",
             "Putin", "vladimir putin"]  # fmt: skip


@pytest.mark.parametrize("tag", ["zh-Hans", "zh-Hant", "zh-TW", "zh-HK"])
@pytest.mark.parametrize("typed", SPELLINGS)
def test_every_spelling_of_a_term_means_the_variants_form(tag: str, typed: str) -> None:
    found = [entry for entry in meanings(tag, typed) if entry.term == "pu-jing"]
    assert found, (tag, typed)
    assert found[0].label == PUTIN.forms[tag]
    assert found[0].forms[0] == PUTIN.forms[tag]
    assert (found[0].pinyin, found[0].english) == ("Pǔjīng", "Vladimir Putin")


def test_regional_table_terms_and_characters_follow_the_page() -> None:
    # 视频峰会 is a row of hk.tsv; Hong Kong writes 視像峰會 (issue 18's review kept 峰,
    # as Hong Kong's papers write it today, over OpenCC's 峯).
    assert "視像峰會" in {form for e in meanings("zh-HK", "视频峰会") for form in e.forms}
    assert "視訊峰會" in {form for e in meanings("zh-TW", "视频峰会") for form in e.forms}
    assert "视频峰会" in {form for e in meanings("zh-Hans", "視像峰會") for form in e.forms}
    assert search_terms.character_map("zh-Hant")["发"] == "發"
    assert search_terms.character_map("zh-Hans")["發"] == "发"
    assert "中" not in search_terms.character_map("zh-TW")  # the same in every script


def test_shards_hold_every_key_where_the_browser_looks_for_it() -> None:
    glossary = Glossary([PUTIN, XI])
    shards, files = search_terms.shard_files(glossary, "zh-TW")
    assert shards & (shards - 1) == 0 and len(files) == shards  # a power of two
    parts = {
        int(re.search(r"terms-(\d+)", name).group(1)): json.loads(gzip.decompress(data))
        for name, data in files.items()
    }
    entries = search_terms.dictionary(glossary, "zh-TW")
    for text_key, expected in entries.items():
        part = parts[shard_of(text_key, shards)]
        assert [tuple(part["e"][i][4]) for i in part["k"][text_key]] == [e.forms for e in expected]
    assert max(len(data) for data in files.values()) < 3 * search_terms.SHARD_TARGET


WORDS = (
    "north south new old great central national people party council bank army "
    "river mountain sea island city province state union league front west east "
    "republic federal trade energy oil gas market court law police school university "
    "health science ocean airport railway bridge summit treaty alliance ministry"
).split()


def test_a_large_glossary_is_cut_into_small_shards() -> None:
    """A reader's query fetches only the shards its characters lead to: they stay small
    however large the glossary grows. 8,000 made-up terms of two to four characters drawn
    from common ones, with their real pinyin and an English name each."""
    import random

    from pypinyin import Style, lazy_pinyin

    common = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    chance = random.Random(13)
    many = []
    for n in range(8000):
        text = "".join(chance.choice(common) for _ in range(chance.randint(2, 4)))
        many.append(term(text, {}, id=f"t{n}", pinyin=" ".join(lazy_pinyin(text, Style.TONE)),
                         english=" ".join(chance.sample(WORDS, 2))))  # fmt: skip
    shards, files = search_terms.shard_files(Glossary(many), "zh-Hant")
    assert shards >= 64
    sizes = sorted(len(data) for data in files.values())
    # The largest shard (a common prefix) is still a small part of the whole dictionary.
    assert sizes[-1] < sum(sizes) / 10, (sizes[-5:], sum(sizes))


# --- Pagefind ----------------------------------------------------------------------------


def test_pagefind_is_the_pinned_version_from_npm() -> None:
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert pinned["dependencies"] == {"pagefind": search.PAGEFIND_VERSION}
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/pagefind"]["version"] == search.PAGEFIND_VERSION
    binary = search.pagefind_binary(ROOT, env={})
    assert binary.name.startswith("pagefind_extended")  # Chinese segmentation built in


def test_a_missing_pagefind_is_one_line_saying_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(search.SearchError, match=r"bash scripts/dev setup") as error:
        search.pagefind_binary(tmp_path, env={})
    assert "\n" not in str(error.value)
    with pytest.raises(search.SearchError, match="not a program"):
        search.pagefind_binary(ROOT, env={search.BINARY_VAR: str(tmp_path / "nothing")})


def test_a_build_without_pagefind_stops_with_that_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    os.environ[search.BINARY_VAR] = str(tmp_path / "no-pagefind")
    try:
        result = strict_build(project, SEEDS)
    finally:
        del os.environ[search.BINARY_VAR]
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    line = [ln for ln in result.stderr.splitlines() if "search:" in ln]
    assert len(line) == 1 and "is not a program" in line[0], result.stderr[-2000:]


def test_a_failing_pagefind_says_so_in_one_line(tmp_path: Path) -> None:
    fake = tmp_path / "pagefind_extended"
    fake.write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    page = tmp_path / "zh-hans" / "articles" / "a" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<html lang=zh-Hans><body><p>文章</p></body></html>", encoding="utf-8")
    with pytest.raises(search.SearchError, match=r"^Pagefind failed \(exit 3\): Error: something"):
        search.index_site(tmp_path, ["zh-hans"], fake)


def test_a_variant_is_cut_into_bundles_short_enough_for_one_argument() -> None:
    pages = [f"{n:03d}/index.html" for n in range(7)]
    assert search.split_bundles(pages, 3) == [pages[:3], pages[3:6], pages[6:]]
    assert search.split_bundles(pages, 1500) == [pages]
    assert search.split_bundles([], 3) == []
    # Long names end a bundle before its glob passes GLOB_BYTES, whatever the page count.
    long = [f"{'x' * 990}{n:05d}/index.html" for n in range(300)]
    parts = search.split_bundles(long, 1500)
    assert [len(part) for part in parts] == [99, 99, 99, 3]
    assert all(len(search.bundle_glob("zh-hans", part)) < search.GLOB_BYTES + 100 for part in parts)
    assert [page for part in parts for page in part] == long


def test_bundles_hold_every_page_once_whatever_its_name(tmp_path: Path) -> None:
    """Several Pagefind runs (the real binary) over one variant: each page in exactly one
    bundle, names with the glob's metacharacters included, the newest pages first, and the
    first bundle naming the others with their sizes."""
    names = ["a", "b", "c", "d", "x{y,z}[1]", "q?*"]
    for name in names:
        page = tmp_path / "zh-hans" / "articles" / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f"<html lang=zh-Hans><body><main data-pagefind-body><p>普京 {name} 会谈</p>"
            "</main></body></html>",
            encoding="utf-8",
        )
    stale = tmp_path / "zh-hans" / search.BUNDLE_DIR / "bundle-9" / "pagefind.js"
    stale.parent.mkdir(parents=True)
    stale.write_text("// from an earlier, larger build", encoding="utf-8")
    dated = {"a": "2020-01-01", "b": "2024-05-01", "c": "2022-03-01", "d": "2024-05-01",
             "x{y,z}[1]": "2021-07-01"}  # fmt: skip
    dates = {f"zh-hans/articles/{name}/index.html": date for name, date in dated.items()}
    binary = search.pagefind_binary(ROOT)
    report = search.index_site(tmp_path, ["zh-hans"], binary, 2, dates)
    assert (report.pages, report.bundles, report.languages) == (6, 3, ("zh-hans",))
    first = tmp_path / "zh-hans" / search.BUNDLE_DIR
    merged = json.loads((first / search.BUNDLES_FILE).read_text(encoding="utf-8"))
    assert merged == {"merge": ["bundle-2/", "bundle-3/"], "pages": [2, 2, 2]}
    assert not stale.exists()
    urls = [unquote(str(page["url"])) for page in _fragment_list(tmp_path)]  # %3F is ?
    assert sorted(urls) == sorted(f"/zh-hans/articles/{name}/" for name in names)
    # Newest first; a tie by name; the undated last.
    held = [{unquote(url).split("/")[3] for url in bundle_urls(first / path)} for path in
            ["", *merged["merge"]]]  # fmt: skip
    assert held == [{"b", "d"}, {"c", "x{y,z}[1]"}, {"a", "q?*"}]


def bundle_urls(bundle: Path) -> list[str]:
    """The URLs of the pages one bundle holds (not those of the bundles inside it)."""
    return [
        str(json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])["url"])
        for path in sorted((bundle / "fragment").glob("*"))
    ]


def test_newest_first_puts_the_undated_last_and_breaks_ties_by_path() -> None:
    dated = {"b/index.html": "2021-01-02", "a/index.html": "", "c/index.html": "2021-01-02",
             "d/index.html": "2025-12-31"}  # fmt: skip
    assert search.newest_first(dated) == ["d/index.html", "b/index.html", "c/index.html",
                                          "a/index.html"]  # fmt: skip
    assert search.newest_first({}) == []


def test_the_bundle_size_is_a_setting_the_environment_overrides() -> None:
    def chosen(extra: dict[str, object], env: dict[str, str] | None = None) -> int:
        return settings.from_extra({"duizhao": extra}, ROOT, env or {}).pages_per_bundle

    assert chosen({}) == settings.PAGES_PER_BUNDLE
    assert chosen({"search_pages_per_bundle": 800}) == 800
    assert chosen({"search_pages_per_bundle": 800}, {settings.BUNDLE_VAR: " 40 "}) == 40
    for bad in (0, -3, "many", 2.5, True, "1,500"):
        with pytest.raises(settings.SettingsError, match="search_pages_per_bundle: a whole"):
            chosen({"search_pages_per_bundle": bad})
    with pytest.raises(settings.SettingsError, match=r"^\$DUIZHAO_SEARCH_PAGES_PER_BUNDLE: "):
        chosen({}, {settings.BUNDLE_VAR: "0"})


# --- what the built site indexes ------------------------------------------------------------


def fragments(site: Path) -> dict[str, dict[str, object]]:
    """Pagefind's stored pages (its fragments: gzip of a signature and JSON), by URL."""
    found = {str(fragment["url"]): fragment for fragment in _fragment_list(site)}
    assert len(found) == len(_fragment_list(site))  # no page in two bundles
    return found


def _fragment_list(site: Path) -> list[dict[str, object]]:
    found = []
    for path in sorted(site.glob(f"*/{search.BUNDLE_DIR}/**/fragment/*")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        found.append(json.loads(data[len(b"pagefind_dcd") :]))
    return found


def test_one_index_per_variant_holding_its_articles_only(built_site: Path) -> None:
    site = built_site / "site"
    for folder in VARIANT_FOLDERS:
        first = site / folder / search.BUNDLE_DIR
        # built_site cuts a variant into bundles of two pages: 2 + 2 + 1, the first naming
        # the others; the newest articles first (by the dates their pages give)
        bundles = json.loads((first / search.BUNDLES_FILE).read_text(encoding="utf-8"))
        assert bundles == {"merge": ["bundle-2/", "bundle-3/"], "pages": [2, 2, 1]}
        dates = {
            slug: str(yaml.safe_load(
                (built_site / "docs" / folder / "articles" / f"{slug}.md").read_text("utf-8")
                .split("---")[1]).get("date") or "")
            for slug in SLUGS
        }  # fmt: skip
        newest = sorted(SLUGS, key=lambda slug: dates[slug], reverse=True)[:2]
        assert {url.split("/")[3] for url in bundle_urls(first)} == set(newest), dates
        counts = []
        for path in ["", *bundles["merge"]]:
            entry = json.loads((first / path / "pagefind-entry.json").read_text("utf-8"))
            assert list(entry["languages"]) == [folder]  # its <html lang>, lower-cased
            counts.append(entry["languages"][folder]["page_count"])
        assert counts == [2, 2, 1]
        assert list((site / folder / search.TERMS_DIR).glob("terms-*.dzterms"))
    assert set(fragments(site)) == {
        f"/{folder}/articles/{slug}/" for folder in VARIANT_FOLDERS for slug in SLUGS
    }
    assert not (site / "pagefind").exists()  # nothing for the root and 404 pages
    assert not list(site.rglob("search_index.json"))  # Material's search is gone


def test_an_article_is_indexed_with_its_text_details_and_filters_only(built_site: Path) -> None:
    stored = fragments(built_site / "site")
    tw = stored["/zh-tw/articles/001-da52852a1bd2a4ae/"]
    content = str(tw["content"]).replace("\u200b", "")
    assert "普丁抵達北京" in content and "Putin" in content  # Chinese and English text
    # Not the permalinks, nor the glossary's lists (they name other articles' titles).
    for absent in ("¶", "本文關鍵詞", "相關文章", "個共同詞條"):
        assert absent not in content, absent
    meta = tw["meta"]
    # Taiwan's quotation marks (issue 18): 「」 where the seed has “”.
    assert isinstance(meta, dict) and meta["title"] == "普丁訪問中國，中俄「背靠背」姿態鞏固"
    assert meta["source"] == "端傳媒"
    filters = tw["filters"]
    assert isinstance(filters, dict) and filters["source"] == ["端傳媒"]
    assert "中俄關係" in filters["tag"]
    bbc = stored["/zh-hans/articles/002-432d27decd9e6001/"]["meta"]
    assert isinstance(bbc, dict) and bbc["date"] == "2021-12-15"


def test_only_article_pages_are_marked_for_the_index(built_site: Path) -> None:
    site = built_site / "site"
    for folder in VARIANT_FOLDERS:
        for page in ("index.html", "glossary/index.html", "tags/index.html"):
            assert "data-pagefind-body" not in (site / folder / page).read_text(encoding="utf-8")
        article = (site / folder / "articles" / SLUGS[0] / "index.html").read_text(encoding="utf-8")
        assert article.count("data-pagefind-body") == 1


def test_the_search_box_says_every_word_in_the_variant(built_site: Path) -> None:
    """Each label of the box is its word (搜索, 清除 …), never the repr of a Python object:
    `say.clear` in Jinja was the dict's clear method, printed as the clear button's name."""
    for folder, clear in (("zh-hans", "清除"), ("zh-tw", "清除"), ("zh-hk", "清除")):
        page = (built_site / "site" / folder / "index.html").read_text(encoding="utf-8")
        assert f'title="{clear}" aria-label="{clear}"' in page
        assert "built-in method" not in page and "object at 0x" not in page


def test_the_policy_allows_webassembly_and_nothing_more_for_search(built_site: Path) -> None:
    html = (built_site / "site/zh-hk/articles" / SLUGS[0] / "index.html").read_text("utf-8")
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', html).group(1)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert "'wasm-unsafe-eval'" in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"].replace("'wasm-unsafe-eval'", "")
    assert directives["worker-src"] == "'self'" and directives["connect-src"] == "'self'"


def test_the_english_strings_say_everything_the_chinese_ones_do() -> None:
    """The English reading mode's search box: the same words, the same slots to fill, and no
    Chinese in them."""
    assert search.UI_STRINGS_EN.keys() == search.UI_STRINGS.keys()
    slots = re.compile(r"\{(\w+)\}")
    for name, chinese in search.UI_STRINGS.items():
        english = search.UI_STRINGS_EN[name]
        assert not re.search(r"[\u3400-\u9fff]", english), name
        wanted = set(slots.findall(chinese))
        if name == "date":  # the month by its name
            wanted = wanted - {"m"} | {"month"}
        assert set(slots.findall(english)) == wanted, name
