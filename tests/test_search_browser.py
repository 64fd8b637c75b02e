"""Search in real Chromium, as a reader uses it: the box in the header, each kind of query in
each variant, filters, the shortcuts, the matched words marked on the opened page, under the
Content-Security-Policy sent as an HTTP header (a <meta> policy does not reach Pagefind's
worker; a header does), with no request leaving the site; and under `mkdocs serve`, where a
seed added while serving becomes findable.

Expected articles come from the glossary's occurrence lists (an independent record of which
article says which term), not from the search itself.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import MKDOCS, SEEDS, build_env, chromium, free_port, make_project
from selenium.common.exceptions import ElementClickInterceptedException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from test_browser import visible_han
from test_build import SLUGS, VARIANT_FOLDERS

from duizhao.glossary import store
from duizhao.site import search
from duizhao.site.search import UI_STRINGS, UI_STRINGS_EN, ui_strings
from duizhao.variants import localize

pytestmark = pytest.mark.browser

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
TAGS = {folder: tag for folder, tag in VARIANT_FOLDERS.items()}


class _PolicyHeaderHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site with each page's own policy as a Content-Security-Policy
    header, the strict form: it also governs the worker Pagefind starts."""

    def end_headers(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            found = POLICY.search(path.read_text(encoding="utf-8"))
            if found:
                self.send_header("Content-Security-Policy", found.group(1).replace("&#x27;", "'"))
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        SERVED.append(urlsplit(self.path).path)
        super().do_GET()


SERVED: list[str] = []  # the paths the test servers were asked for, in order


@contextlib.contextmanager
def serve_with_policy(
    folder: Path, handler_class: type[_PolicyHeaderHandler] = _PolicyHeaderHandler
) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 with its pages' policy as a header (handler_class may add
    more, as the Lighthouse bench's gzip does)."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Chromium with its console and network logs kept, and a record of CSP violations."""
    driver: Any = chromium(tmp_path_factory.mktemp("chromium-search"), logs=True)
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument",
        {"source": "window.__violations = []; document.addEventListener("
         "'securitypolicyviolation', e => window.__violations.push("
         "e.violatedDirective + ' ' + e.blockedURI));"},
    )  # fmt: skip
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def strict_url(built_site: Path) -> Iterator[str]:
    with serve_with_policy(built_site / "site") as url:
        yield url


@pytest.fixture(scope="module")
def slugs_of(built_site: Path) -> dict[str, set[str]]:
    """Glossary term id -> the articles its occurrence lists name."""
    corpus = store.load(built_site / "docs")
    return {term.id: set(term.slugs) for term in corpus.glossary}


# --- helpers ------------------------------------------------------------------------------


def open_search(driver: Any, key: str = "/") -> Any:
    """Press a shortcut on the page; the search box has the focus."""
    driver.find_element(By.TAG_NAME, "body").send_keys(key)
    box = driver.switch_to.active_element
    assert "md-search__input" in box.get_attribute("class").split()
    return box


def ask(driver: Any, query: str) -> list[dict[str, str]]:
    """Type a query into the open box and read the results shown."""
    box = driver.find_element(By.CSS_SELECTOR, ".md-search__input")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.BACKSPACE)
    box.send_keys(query)
    WebDriverWait(driver, 30).until(
        lambda d: (
            d.execute_script("return document.querySelector('[data-dz-search]').dataset.dzSearched")
            == query
        )
    )
    return driver.execute_script(
        """return [...document.querySelectorAll('.md-search-result__item')].map(item => ({
             href: item.querySelector('a').href,
             title: item.querySelector('h1').textContent,
             details: item.querySelector('.dz-search__details').textContent,
             excerpt: item.querySelector('.dz-search__excerpt').innerHTML,
             matched: (item.querySelector('.dz-search__matched') || {}).textContent || '',
           }))"""
    )


def slugs(results: list[dict[str, str]], folder: str) -> set[str]:
    found = set()
    for result in results:
        path = urlsplit(result["href"]).path
        assert path.startswith(f"/{folder}/articles/"), path  # the reader's variant only
        found.add(path.split("/")[3])
    return found


def articles_tagged(built_site: Path, tag: str) -> set[str]:
    """The zh-TW articles whose pages list `tag` (as zh-TW writes it) in their front matter."""
    return {
        slug for slug in SLUGS
        if f"- {tag}\n" in (built_site / "docs/zh-tw/articles" / f"{slug}.md").read_text("utf-8")
    }  # fmt: skip


def assert_clean(driver: Any) -> None:
    """No CSP violation, no console error, no request off the site but an article's own
    photos (the article page shows them; search shows none)."""
    assert driver.execute_script("return window.__violations") == []
    errors = [
        e["message"] for e in driver.get_log("browser")
        if e["level"] == "SEVERE" and "ERR_NAME_NOT_RESOLVED" not in e["message"]
    ]  # fmt: skip
    assert errors == []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent" and params.get(
            "documentURL", ""
        ).startswith("http://127.0.0.1:"):  # our pages' requests, not Chromium's own
            url = params["request"]["url"]
            off_site = not url.startswith(("http://127.0.0.1:", "data:"))
            assert not off_site or params.get("type") == "Image", url


# --- each kind of query, in each variant ----------------------------------------------------

# (what the reader types, the glossary term it means)
QUERIES = [
    ("普京", "pu-jing"),  # Simplified, mainland usage
    ("普丁", "pu-jing"),  # Taiwan usage
    ("普亭", "pu-jing"),  # another regional spelling
    ("川普", "te-lang-pu"),  # Taiwan usage, in Traditional characters
    ("習近平", "xi-jin-ping"),  # Traditional characters
    ("pujing", "pu-jing"),  # pinyin without tones
    ("Pǔjīng", "pu-jing"),  # with tone marks
    ("xi jinping", "xi-jin-ping"),  # with a space
    ("Putin", "pu-jing"),  # English
    ("Kremlin", "ke-li-mu-lin-gong"),
    ("视频峰会", "shi-pin-hui-wu"),  # zh-HK writes 視像峰會, zh-TW 視訊峰會
]


@pytest.mark.parametrize("folder", list(VARIANT_FOLDERS))
def test_each_kind_of_query_finds_the_terms_articles(
    reader: Any, strict_url: str, slugs_of: dict[str, set[str]], folder: str
) -> None:
    tag = TAGS[folder]
    reader.get(f"{strict_url}{folder}/articles/{SLUGS[0]}/")
    open_search(reader)
    corpus_forms = {"pu-jing": {"zh-TW": "普丁"}.get(tag, "普京")}
    for query, term_id in QUERIES:
        results = ask(reader, query)
        found = slugs(results, folder)
        assert slugs_of[term_id] <= found, (folder, query, found)
        assert all(r["matched"] for r in results), (folder, query)  # says which term
        if term_id == "pu-jing":
            # The result says which term matched, as this variant writes it.
            assert all(corpus_forms["pu-jing"] in r["matched"] for r in results), results
            assert all("<mark>" in r["excerpt"] for r in results)
    assert_clean(reader)


def test_a_regional_phrase_finds_the_regions_spelling(reader: Any, strict_url: str) -> None:
    reader.get(f"{strict_url}zh-hk/")
    open_search(reader, "s")
    results = ask(reader, "视频峰会")
    bbc = [r for r in results if "002-432d27decd9e6001" in r["href"]]
    assert bbc and "視像峰會" in bbc[0]["title"]  # 視像峰會 on the Hong Kong page
    assert "視像峰會" in parse_qs(urlsplit(bbc[0]["href"]).query)["dz-hl"]


def test_a_result_shows_title_source_date_and_excerpt(reader: Any, strict_url: str) -> None:
    reader.get(f"{strict_url}zh-tw/")
    open_search(reader)
    results = ask(reader, "普京")
    bbc = next(r for r in results if "002-432d27decd9e6001" in r["href"])
    assert bbc["title"] == "習近平普丁視訊峰會三大看點：中俄相互「打氣」聯手應對西方"
    assert bbc["details"] == "BBC 中文 · 2021年12月15日"
    assert "<mark>普丁</mark>" in bbc["excerpt"].replace("\u200b", "")
    assert bbc["matched"].startswith("匹配詞條：普丁（Pǔdīng · Vladimir Putin）")  # as written


def test_two_words_narrow_and_a_miss_says_so(reader: Any, strict_url: str,
                                             slugs_of: dict[str, set[str]]) -> None:  # fmt: skip
    reader.get(f"{strict_url}zh-hk/")
    open_search(reader)
    both = slugs(ask(reader, "普京 克里姆林宫"), "zh-hk")
    assert both == slugs_of["pu-jing"] & slugs_of["ke-li-mu-lin-gong"]
    assert ask(reader, "没有这个词语啊") == []
    status = reader.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
    assert status == localize.labeller("zh-HK")(UI_STRINGS["none"]) == "沒有找到文章"


def test_filters_by_source_and_tag(reader: Any, strict_url: str, built_site: Path) -> None:
    reader.get(f"{strict_url}zh-tw/")
    open_search(reader)
    ask(reader, "普京")
    reader.find_element(By.CSS_SELECTOR, ".dz-search__filters summary").click()
    source = reader.find_element(By.CSS_SELECTOR, "select[data-dz-filter=source]")
    WebDriverWait(reader, 20).until(lambda d: len(source.find_elements(By.TAG_NAME, "option")) > 1)
    options = [o.get_attribute("value") for o in source.find_elements(By.TAG_NAME, "option")]
    assert "端傳媒" in options and "BBC 中文" in options
    source.find_element(By.CSS_SELECTOR, "option[value='端傳媒']").click()
    WebDriverWait(reader, 20).until(lambda d: len(d.find_elements(
        By.CSS_SELECTOR, ".md-search-result__item")) == 1)  # fmt: skip
    results = ask(reader, "普京")
    assert [r["details"] for r in results] == ["端傳媒"]
    source.find_element(By.CSS_SELECTOR, "option[value='']").click()
    tag = reader.find_element(By.CSS_SELECTOR, "select[data-dz-filter=tag]")
    tag.find_element(By.CSS_SELECTOR, "option[value='中俄關係']").click()
    tagged = articles_tagged(built_site, "中俄關係")
    assert tagged and slugs(ask(reader, "普丁"), "zh-tw") == tagged
    # A filter alone lists its articles.
    assert slugs(ask(reader, ""), "zh-tw") == tagged
    assert_clean(reader)


def requested_bundles() -> set[str]:
    """The bundles ("first", "bundle-2", ...) whose index files the server was asked for
    since the last call (the page's and Pagefind's worker's requests alike)."""
    found = set()
    for path in SERVED:
        if "/pagefind/" in path and not path.endswith(search.BUNDLES_FILE):
            after = path.split("/pagefind/", 1)[1]
            found.add(after.split("/")[0] if after.startswith("bundle-") else "first")
    SERVED.clear()
    return found


def test_a_query_searches_the_newest_bundle_first_and_all_on_request(
    reader: Any, strict_url: str, slugs_of: dict[str, set[str]]
) -> None:
    """built_site's variants come in three bundles (2 + 2 + 1 articles, newest first). With a
    list one result long, a word the newest bundle holds costs no other bundle's files;
    "more" goes on into the older bundles; "search all" searches every article."""
    reader.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    reader.get(f"{strict_url}zh-hans/")
    reader.execute_script("document.querySelector('[data-dz-search]').dataset.dzPageSize = '1'")
    requested_bundles()  # what loading the page fetched: nothing of the index
    open_search(reader)
    first = ask(reader, "普京")
    newest = slugs(first, "zh-hans")
    assert len(first) == 1 and len(newest) == 1  # one shown; the first bundle searched alone
    assert requested_bundles() == {"first"}
    status = reader.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
    found_first = int(re.search(r"找到 (\d+) 篇", status).group(1))
    assert status == UI_STRINGS["partial"].format(m=2, n=found_first), status
    everywhere = reader.find_element(By.CSS_SELECTOR, ".dz-search__everywhere")
    assert everywhere.text == UI_STRINGS["everywhere"].format(total=len(SLUGS))
    more = reader.find_element(By.CSS_SELECTOR, ".dz-search__more")
    shown: set[str] = set(newest)
    for _ in range(len(SLUGS)):  # "more", one result at a time, into the older bundles
        if not more.is_displayed():
            break
        count = len(reader.find_elements(By.CSS_SELECTOR, ".md-search-result__item"))
        more.click()
        WebDriverWait(reader, 20).until(
            lambda d, count=count: (
                len(d.find_elements(By.CSS_SELECTOR, ".md-search-result__item")) > count
            )
        )
    items = reader.find_elements(By.CSS_SELECTOR, ".md-search-result__item a")
    shown = {urlsplit(a.get_attribute("href")).path.split("/")[3] for a in items}
    assert shown == slugs_of["pu-jing"] and len(items) == len(shown)  # each once
    assert "bundle-2" in requested_bundles()
    # A fresh page: "search all" counts every article at once.
    reader.get(f"{strict_url}zh-hans/")
    reader.execute_script("document.querySelector('[data-dz-search]').dataset.dzPageSize = '1'")
    open_search(reader)
    ask(reader, "普京")
    reader.find_element(By.CSS_SELECTOR, ".dz-search__everywhere").click()
    WebDriverWait(reader, 20).until(
        lambda d: not d.find_element(By.CSS_SELECTOR, ".dz-search__everywhere").is_displayed()
    )
    status = reader.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
    assert status == UI_STRINGS["many"].format(n=len(slugs_of["pu-jing"]))
    assert requested_bundles() == {"first", "bundle-2", "bundle-3"}
    reader.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": False})
    assert_clean(reader)


def test_shortcuts_open_and_escape_closes(reader: Any, strict_url: str) -> None:
    for key in ("/", "s"):
        reader.get(f"{strict_url}zh-hans/articles/{SLUGS[1]}/")
        box = open_search(reader, key)
        assert reader.execute_script("return document.getElementById('__search').checked")
        box.send_keys(Keys.ESCAPE)
        assert not reader.execute_script("return document.getElementById('__search').checked")
    # Typing an s into the box is a letter, not a shortcut.
    box = open_search(reader)
    box.send_keys("s")
    assert box.get_attribute("value") == "s"


def test_opening_a_result_marks_the_matched_words(reader: Any, strict_url: str) -> None:
    reader.get(f"{strict_url}zh-tw/")
    open_search(reader)
    ask(reader, "pujing")
    reader.find_element(By.CSS_SELECTOR, ".md-search-result__item a").click()
    WebDriverWait(reader, 20).until(lambda d: "/articles/" in d.current_url)
    assert parse_qs(urlsplit(reader.current_url).query)["dz-hl"][0] == "普丁"
    marks = reader.find_elements(By.CSS_SELECTOR, "article mark.dz-search-hit")
    # The term in every spelling the page uses, the longest whole (弗拉基米爾·普丁).
    assert marks and {m.text for m in marks} <= {"普丁", "弗拉基米爾·普丁"}
    assert "普丁" in {m.text for m in marks}
    assert_clean(reader)


def test_the_english_mode_searches_chinese_words_as_chinese(reader: Any, strict_url: str) -> None:
    """English mode sets <html lang="en">, from which Pagefind would take its language and
    cut a Chinese query as English: the excerpts lost their highlighted words."""
    found = {}
    for mode in ("zh", "en"):
        reader.get(f"{strict_url}zh-hk/")
        reader.execute_script("localStorage.setItem('duizhao.mode', arguments[0])", mode)
        reader.get(f"{strict_url}zh-hk/")
        assert reader.execute_script("return document.documentElement.lang") == (
            "en" if mode == "en" else "zh-HK"
        )
        open_search(reader)
        found[mode] = ask(reader, "視像峰會")
        assert reader.execute_script("return document.documentElement.lang") == (
            "en" if mode == "en" else "zh-HK"
        )  # the page's language is left as the mode set it
    assert found["en"] and {r["href"] for r in found["en"]} == {r["href"] for r in found["zh"]}
    assert all("<mark>" in r["excerpt"] for r in found["en"]), found["en"]
    reader.execute_script("localStorage.removeItem('duizhao.mode')")


def test_the_english_mode_search_speaks_english(
    reader: Any, strict_url: str, built_site: Path
) -> None:
    """English mode: the box's words, the results' titles, sources and dates, and the
    filters' lists in English; the Chinese it quotes (excerpts, matched terms) marked as
    the page's language. The oracle is each article's own page, in its English mode."""
    reader.get(f"{strict_url}zh-tw/")
    reader.execute_script("localStorage.setItem('duizhao.mode', 'en')")
    reader.get(f"{strict_url}zh-tw/articles/{SLUGS[1]}/")
    box = open_search(reader)
    assert box.get_attribute("placeholder") == UI_STRINGS_EN["placeholder"]
    results = ask(reader, "普京")
    found = {r["href"] for r in results}
    status = reader.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
    assert status == UI_STRINGS_EN["many"].format(n=len(results)) and len(results) > 1
    for result in results:
        slug = urlsplit(result["href"]).path.split("/")[3]
        page = BeautifulSoup(
            (built_site / "site/zh-tw/articles" / slug / "index.html").read_text("utf-8"),
            "html.parser",
        )
        assert result["title"] == page.select_one(".dz-en-title").get_text(strip=True)
        meta = [
            page.select_one(f".dz-meta {kind} .dz-ui-en") for kind in (".dz-source", ".dz-date")
        ]
        assert result["details"] == " · ".join(m.get_text() for m in meta if m), slug
        assert result["matched"].startswith("Matched: 普丁 (Pǔdīng · Vladimir Putin)")
    quoted = reader.execute_script(
        "return [...document.querySelectorAll('.dz-search__excerpt, .dz-search__matched span')]"
        ".map(e => e.lang)"
    )
    assert quoted and set(quoted) == {"zh-TW"}
    assert visible_han(reader, ".md-search") == []  # outside what is quoted on purpose
    # The filters list the English names, and filter as the Chinese ones do.
    reader.find_element(By.CSS_SELECTOR, ".dz-search__filters summary").click()
    tag = reader.find_element(By.CSS_SELECTOR, "select[data-dz-filter=tag]")
    WebDriverWait(reader, 20).until(lambda d: len(tag.find_elements(By.TAG_NAME, "option")) > 1)
    names = [o.text for o in tag.find_elements(By.TAG_NAME, "option")]
    assert names[0] == UI_STRINGS_EN["all"] and "Putin (1)" in names, names
    assert visible_han(reader, ".dz-search__filters") == []
    tag.find_element(By.CSS_SELECTOR, "option[value='China-Russia relations']").click()
    tagged = articles_tagged(built_site, "中俄關係")
    assert tagged and slugs(ask(reader, "普丁"), "zh-tw") == tagged
    # Back to Chinese: the box and its results follow, and the English filter is let go.
    reader.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    # The header gives the mode buttons back once the box has closed (Material's transition).
    WebDriverWait(reader, 10, ignored_exceptions=[ElementClickInterceptedException]).until(
        lambda d: d.find_element(By.CSS_SELECTOR, '[data-dz-mode="zh"]').click() or True
    )
    open_search(reader)
    say = localize.labeller("zh-TW")
    assert box.get_attribute("placeholder") == say(UI_STRINGS["placeholder"])
    assert tag.get_attribute("value") == ""
    assert tag.find_elements(By.TAG_NAME, "option")[0].text == say(UI_STRINGS["all"])
    results = ask(reader, "普京")
    assert {r["href"] for r in results} == found
    assert all(r["matched"].startswith("匹配詞條：普丁") for r in results)
    assert reader.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text == say(
        UI_STRINGS["many"]
    ).format(n=len(results))
    assert_clean(reader)
    reader.execute_script("localStorage.removeItem('duizhao.mode')")


def test_each_variant_speaks_its_own_script(reader: Any, strict_url: str) -> None:
    """Pagefind ships Simplified strings for zh-Hant and zh-HK: ours are converted per
    variant by our own labeller."""
    for folder, tag in TAGS.items():
        reader.get(f"{strict_url}{folder}/")
        box = reader.find_element(By.CSS_SELECTOR, ".md-search__input")
        say = localize.labeller(tag)
        assert box.get_attribute("placeholder") == say(UI_STRINGS["placeholder"])
        shown = reader.find_element(By.CSS_SELECTOR, "[data-dz-search]")
        assert json.loads(shown.get_attribute("data-dz-strings")) == ui_strings(say)
        loading = json.loads(shown.get_attribute("data-dz-strings"))["loading"]
        assert ("載" in loading) == (tag != "zh-Hans"), (tag, loading)  # 加载 · 加載


def test_on_a_phone_the_search_button_opens_the_dialog(reader: Any, strict_url: str) -> None:
    reader.set_window_size(390, 844)
    try:
        reader.get(f"{strict_url}zh-hk/")
        box = reader.find_element(By.CSS_SELECTOR, ".md-search__input")
        assert not box.is_displayed()
        reader.find_element(By.CSS_SELECTOR, "label.md-header__button[for=__search]").click()
        WebDriverWait(reader, 10).until(lambda d: box.is_displayed())
        box.click()
        assert slugs(ask(reader, "Putin"), "zh-hk")
    finally:
        reader.set_window_size(1280, 1000)


# --- under `mkdocs serve` -------------------------------------------------------------------


# How long `mkdocs serve` may take to build, or to answer while it rebuilds. The waits are
# for the machine, not the code: on two loaded cores a first build of the seeds took 116 s,
# and a page asked for during a rebuild took over Chromium's 60 s (both seen in a full run
# beside a 10,000-article benchmark). The test asserts what comes, not how fast.
BUILD_WAIT = 600


def test_a_seed_added_while_serving_becomes_findable(browser: Any, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    project = make_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    base = f"http://127.0.0.1:{port}/"
    with log.open("w") as out:
        server = subprocess.Popen(
            [*MKDOCS, "serve", "--livereload", "-a", f"127.0.0.1:{port}",
             "-f", str(project / "mkdocs.yml")],
            cwd=project, env=build_env(seeds), stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        assert pages_indexed(base, server, log) == 4 * len(SLUGS)
        (seeds / "new.txt").write_text(
            "斑马线新闻\n\n作者 | 测试\n\n普京在斑马线旁发表讲话。\n", encoding="utf-8"
        )
        deadline = time.monotonic() + BUILD_WAIT
        while pages_indexed(base, server, log) != 4 * (len(SLUGS) + 1):
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(1)
        for folder, query in (("zh-hans", "斑马线"), ("zh-tw", "斑馬線"), ("zh-hk", "斑马线")):
            # `serve` may still be swapping in the rebuilt site: ask until a page comes.
            WebDriverWait(
                browser, BUILD_WAIT, poll_frequency=1, ignored_exceptions=[TimeoutException]
            ).until(
                lambda b, url=f"{base}{folder}/": (
                    b.get(url) or b.find_elements(By.CSS_SELECTOR, "body .md-search__input")
                )
            )
            open_search(browser)
            titles = [r["title"] for r in ask(browser, query)]
            assert titles == [localize.labeller(TAGS[folder])("斑马线新闻")], (folder, titles)
    finally:
        server.terminate()
        server.wait(timeout=30)


def pages_indexed(base: str, server: subprocess.Popen[bytes], log: Path) -> int:
    """Pages in the served site's Pagefind bundles, all variants together."""
    deadline = time.monotonic() + BUILD_WAIT
    while True:
        assert server.poll() is None, f"mkdocs serve exited:\n{log.read_text()}"
        try:
            total = 0
            for folder in VARIANT_FOLDERS:
                url = f"{base}{folder}/pagefind/pagefind-entry.json"
                with urllib.request.urlopen(url, timeout=2) as got:
                    entry = json.loads(got.read())
                total += sum(language["page_count"] for language in entry["languages"].values())
            return total
        except (OSError, ValueError):
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.5)
