"""Real-world article structure in the built site (issue 19): one real `mkdocs build
--strict` of the structure fixtures, and in every script variant the page keeps the table's
rows and cells, the lists' items, numbering and nesting, the definition list, line breaks,
the order of the blocks, and a card that links to each video or audio; the English column
has the same structure. One story saved three times is one page.

The oracle for block order is the parsed record; for the script of a table cell, OpenCC.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import make_project, strict_build

from duizhao.pipeline import load_records

FIXTURES = Path(__file__).parent / "fixtures" / "structures"
VARIANTS = ("zh-hans", "zh-hant", "zh-tw", "zh-hk")
# Fixtures that fail on purpose are left out: a strict build stops on a failed seed.
# Twelve columns of figures: wider than a phone, so the table scrolls and the page does not.
WIDE_TABLE = (
    "<!--1741400000000-->\n[各地一季度经济数据一览](https://www.news.cn/fortune/wide.html)\n"
    "------\n<p>国家统计局公布了各地一季度主要经济数据，详见下表。</p><table><thead><tr>"
    + "".join(f"<th>第{n}项指标名称</th>" for n in range(1, 13))
    + "</tr></thead><tbody>"
    + "".join(
        "<tr><td>国内生产总值（GDP）</td>"
        + "".join(f"<td>{row * 100 + col}.25亿元</td>" for col in range(11))
        + "</tr>"
        for row in range(1, 5)
    )
    + "</tbody></table><p>统计局表示，一季度经济运行总体平稳。</p>"
)
# The OpenCC configuration each Traditional variant starts from (data/variants/variants.yaml).
FAILING = ("x2-missing-title.json", "x5-array.json", "x6-bad-line.jsonl")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("structures")
    seeds = root / "seeds"
    seeds.mkdir()
    for path in FIXTURES.iterdir():
        if path.name != "expected.yaml" and path.name not in FAILING:
            shutil.copy2(path, seeds / path.name)
    (seeds / "wide-table.txt").write_text(WIDE_TABLE, encoding="utf-8")
    project = make_project(root / "project")
    result = strict_build(project, seeds)
    assert result.returncode == 0, result.stdout + result.stderr
    (project / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")
    return project


def article(site: Path, variant: str, slug: str) -> Tag:
    html = (site / "site" / variant / "articles" / slug / "index.html").read_text("utf-8")
    found = BeautifulSoup(html, "html.parser").find("article")
    assert isinstance(found, Tag)
    return found


def record(site: Path, seed: str) -> dict[str, object]:
    for found in load_records(site / "docs"):
        if found.seed_name == seed:
            return {"slug": found.slug, "blocks": found.blocks}
    raise AssertionError(f"no record for {seed}")


def own_text(tag: Tag) -> str:
    """The Chinese of an element, without the English the reading modes add."""
    for english in tag.select(".dz-en"):
        english.decompose()
    return "".join(tag.get_text().split())


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_table_keeps_its_header_rows_and_cells(site: Path, variant: str) -> None:
    page = article(site, variant, "s01-table-xinhua-page")
    tables = page.select(".dz-table .dz-zh table")
    assert len(tables) == 1
    table = tables[0]
    header = [own_text(th) for th in table.select("thead th")]
    rows = [[own_text(td) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert len(header) == 3 and len(rows) == 4 and {len(row) for row in rows} == {3}
    # 项目 heads a column of items: 項目 in every Traditional variant (OpenCC's s2twp makes
    # it 專案, "project", which issue 18's review of the Taiwan table left out).
    assert header[0] == ("项目" if variant == "zh-hans" else "項目")
    assert rows[0][1:] == ["6.54", "2.4%"]  # numbers stay as written
    english = page.select(".dz-table .dz-en table")  # the English column: the same grid
    assert len(english) == 1 and len(english[0].select("tbody tr")) == 4


@pytest.mark.parametrize("variant", VARIANTS)
def test_lists_keep_numbering_from_start_and_nesting(site: Path, variant: str) -> None:
    page = article(site, variant, "s02-lists-rthk-body")
    lists = page.select(".dz-list .dz-zh > ul, .dz-list .dz-zh > ol")
    assert [tag.name for tag in lists] == ["ul", "ol", "ol"]
    assert [len(tag.find_all("li", recursive=False)) for tag in lists] == [3, 2, 3]
    assert lists[1].get("start") is None and lists[2].get("start") == "3"
    second = lists[2].find_all("li", recursive=False)[1]
    nested = second.find("ul")
    assert isinstance(nested, Tag) and len(nested.find_all("li")) == 2
    assert not any(li.get_text(strip=True).startswith(("*", "•", "-")) for li in page("li"))
    english = page.select(".dz-list .dz-en > ol")  # the English column numbers alike
    assert [tag.get("start") for tag in english] == [None, "3"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_definitions_lines_and_media_cards(site: Path, variant: str) -> None:
    dl = article(site, variant, "s04-glossary-dw-page").select(".dz-definitions .dz-zh dl")
    assert len(dl) == 1 and len(dl[0]("dt")) == 3 and len(dl[0]("dd")) == 3

    poem = article(site, variant, "s03-quote-udn-body")
    broken = [p for p in poem.select("p") if len(p("br")) == 3]
    assert len(broken) == 1  # four lines of one poem: one paragraph, three line breaks

    media = article(site, variant, "s07-media-rfa-body")
    cards = media.select("a.dz-media-card")
    assert [card["href"] for card in cards] == [
        "https://www.youtube.com/watch?v=Xk3vQ9pLm2A",
        "https://www.rfa.org/cantonese/news/hk-solar-boat-03262025101500/clip.mp4",
        "https://www.rfa.org/cantonese/audio/2025/03/26/hk-solar-boat.mp3",
    ]
    assert "youtube.com" in cards[0].get_text() and cards[0].get_text().startswith("▶")
    assert not media.find(["iframe", "video", "audio", "embed", "object"])


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize(
    "seed", ["s01-table-cna.body.txt", "s06-images-mingpao.page.html", "s07-media-pts.json"]
)
def test_blocks_keep_the_source_order(site: Path, variant: str, seed: str) -> None:
    found = record(site, seed)
    page = article(site, variant, str(found["slug"]))
    ids = [block.id for block in found["blocks"]]  # type: ignore[attr-defined]
    anchored = [tag["id"] for tag in page.find_all(id=True) if tag["id"] in set(ids)]
    assert anchored == ids


def test_one_story_saved_three_times_is_one_page(site: Path) -> None:
    records = [r for r in load_records(site / "docs") if r.title.startswith("七星潭海岸步道")]
    assert len(records) == 1
    log = (site / "build.log").read_text(encoding="utf-8")
    kept = records[0].seed_name
    others = {"s10-dup-udn.page.html", "s10-dup-udn-share.body.txt", "s10-dup-udn-line.json"}
    for copy in others - {kept}:
        assert f"{copy}: same story as {kept}" in log
    home = (site / "site" / "zh-hans" / "index.html").read_text(encoding="utf-8")
    assert home.count("七星潭海岸步道整修完工") == 1
    assert f"{len(load_records(site / 'docs'))} 篇文章" in home
    glossary = json.loads((site / "docs" / ".duizhao" / "glossary.json").read_text("utf-8"))
    assert records[0].slug in json.dumps(glossary, ensure_ascii=False)
    for copy in others - {kept}:
        assert copy not in json.dumps(glossary, ensure_ascii=False)


@pytest.mark.browser
def test_a_wide_table_scrolls_sideways_on_a_phone_and_cards_are_links(
    site: Path, tmp_path: Path
) -> None:
    from conftest import chromium, serve_folder
    from selenium.webdriver.common.by import By

    driver = chromium(tmp_path / "profile")
    try:
        driver.set_window_size(390, 844)  # a phone
        with serve_folder(site / "site") as base:
            for variant in VARIANTS:
                driver.get(f"{base}{variant}/articles/wide-table/")
                sizes = driver.execute_script(
                    "const t = document.querySelector('.dz-table table');"
                    "const s = t.closest('.md-typeset__scrollwrap');"
                    "const past = [...document.querySelectorAll('article *')].filter(e =>"
                    " !e.closest('.md-typeset__scrollwrap') &&"
                    " e.getBoundingClientRect().right > window.innerWidth + 1).length;"
                    "return [past, s ? s.scrollWidth : -1, s ? s.clientWidth : -1,"
                    " getComputedStyle(s || t).overflowX];"
                )
                past, table_width, box_width, overflow = sizes
                assert past == 0, sizes  # nothing in the article runs off the screen
                assert table_width > box_width > 0 and overflow == "auto", sizes
            driver.get(f"{base}zh-tw/articles/s07-media-rfi-page/")
            cards = driver.find_elements(By.CSS_SELECTOR, "a.dz-media-card")
            assert cards and cards[0].get_attribute("href") == (
                "https://www.youtube.com/watch?v=Pq7Rt2sVw4Y"
            )
            assert all(c.is_displayed() for c in cards)
            assert not driver.find_elements(By.CSS_SELECTOR, "iframe, video, audio")
    finally:
        driver.quit()


@pytest.mark.browser
def test_english_mode_on_an_article_without_english(site: Path, tmp_path: Path) -> None:
    """No English in the memory yet: in English mode the header keeps the Chinese title,
    marked with the page's language, its tooltip that title; no other name is Chinese."""
    from conftest import chromium, serve_folder

    html = (site / "site/zh-tw/articles/wide-table/index.html").read_text("utf-8")
    assert "dz-en-title dz-missing" in html  # the case this test is for
    driver = chromium(tmp_path / "profile")
    try:
        with serve_folder(site / "site") as base:
            driver.get(f"{base}zh-tw/")
            driver.execute_script("localStorage.setItem('duizhao.mode', 'en')")
            driver.get(f"{base}zh-tw/articles/wide-table/")
            topic, names = driver.execute_script(
                "const t = document.querySelectorAll('.md-header__topic .md-ellipsis')[1];"
                "const han = /[\\u3400-\\u9fff]/; const names = [];"
                "for (const n of document.querySelectorAll('body *')) {"
                "  if (n === t || n.closest('.dz-variants__link, .dz-modes__button')) continue;"
                "  for (const a of ['title', 'aria-label', 'placeholder', 'alt'])"
                "    if (han.test(n.getAttribute(a) || ''))"
                "      names.push(a + '=' + n.getAttribute(a));"
                "}"
                "return [[document.documentElement.lang, t.lang, t.textContent.trim()], names];"
            )
            assert (
                topic[0] == "en" and topic[1] == "zh-TW" and re.search("[\u3400-\u9fff]", topic[2])
            )
            assert names == []
            driver.find_element("css selector", '[data-dz-mode="zh"]').click()
            assert (
                driver.execute_script(
                    "return document.querySelectorAll('.md-header__topic .md-ellipsis')[1]"
                    ".hasAttribute('lang')"
                )
                is False
            )
            driver.execute_script("localStorage.clear()")
    finally:
        driver.quit()


@pytest.mark.parametrize("variant", VARIANTS)
def test_cells_and_terms_are_glossary_marked(site: Path, variant: str) -> None:
    """A term in a table cell or a definition list is marked like one in a paragraph."""
    cells = article(site, variant, "wide-table").select(".dz-table .dz-zh td a.dz-term")
    assert len(cells) >= 4 and all(a["href"].startswith("../../glossary/") for a in cells)
    terms = article(site, variant, "s04-glossary-dw-page").select(".dz-zh dt a.dz-term")
    assert terms, "环境奖金（Umweltbonus） names a term"
