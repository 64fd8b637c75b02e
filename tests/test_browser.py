"""Real headless Chromium on the built site: what a reader clicks."""

from __future__ import annotations

import re

import pytest
from conftest import SEEDS
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait
from test_build import SLUGS

from duizhao.ingest.seeds import parse_seed

pytestmark = pytest.mark.browser


def titles_by_slug() -> dict[str, str]:
    return {(a := parse_seed(path)).slug: a.title for path in sorted(SEEDS.iterdir())}


def test_home_links_to_every_article_and_each_shows_its_title(browser, site_url: str) -> None:
    expected = titles_by_slug()
    assert sorted(expected) == SLUGS
    for slug, title in expected.items():
        browser.get(site_url + "zh-hans/")
        link = WebDriverWait(browser, 20).until(
            ready.element_to_be_clickable((By.CSS_SELECTOR, f'a[href="articles/{slug}/"]'))
        )
        assert link.text == title
        link.click()
        heading = WebDriverWait(browser, 20).until(
            ready.visibility_of_element_located((By.CSS_SELECTOR, "h1#title"))
        )
        assert browser.current_url == f"{site_url}zh-hans/articles/{slug}/"
        assert heading.text == title
        assert browser.title.startswith(title)


def test_site_root_opens_the_default_variant(browser, site_url: str) -> None:
    browser.get(site_url + "zh-hans/")
    browser.execute_script("localStorage.clear()")  # a first visit: nothing remembered
    browser.get(site_url)
    WebDriverWait(browser, 20).until(ready.url_to_be(site_url + "zh-hans/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "对照 · 中文新闻阅读"


PALETTE_STATE = """
const inputs = [...document.querySelectorAll('[data-dz-palette] input')];
return {
  scheme: document.body.getAttribute('data-md-color-scheme'),
  shown: inputs.map(i => !i.nextElementSibling.hidden),
  checked: inputs.map(i => i.checked),
  metas: [...document.querySelectorAll('meta[name=color-scheme], meta[name=theme-color]')]
    .map(m => [m.name, m.content]),
  stored: __md_get('__palette'),
};
"""


def palette_state(browser) -> dict:
    return browser.execute_script(PALETTE_STATE)


def forget_palette(browser) -> None:
    browser.execute_script("localStorage.removeItem(__md_scope.pathname + '.__palette')")


def system_scheme(browser, scheme: str | None) -> None:
    features = [{"name": "prefers-color-scheme", "value": scheme or ""}]
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})


def test_dark_mode_toggle_switches_and_is_remembered(browser, site_url: str) -> None:
    """Material's toggle, run by duizhao-palette.js: a click switches scheme, the other
    button shows, the browser's own colours follow (metas), and the choice is kept across
    pages in Material's storage format."""
    article = f"{site_url}zh-hans/articles/{SLUGS[0]}/"
    browser.get(article)
    forget_palette(browser)
    try:
        browser.get(article)
        light = palette_state(browser)
        assert light["scheme"] == "default" and light["stored"] is None
        assert light["shown"] == [True, False] and light["checked"] == [True, False]
        assert dict(light["metas"])["color-scheme"] == "light"
        assert len(light["metas"]) == 2, "one color-scheme and one theme-color meta"
        assert dict(light["metas"])["theme-color"].startswith("#")

        browser.find_element(By.CSS_SELECTOR, "[data-dz-palette] label:not([hidden])").click()
        WebDriverWait(browser, 10).until(lambda b: palette_state(b)["scheme"] == "slate")
        dark = palette_state(browser)
        assert dark["shown"] == [False, True] and dark["checked"] == [False, True]
        assert dict(dark["metas"])["color-scheme"] == "dark"
        assert dark["stored"] == {
            "index": 1,
            "color": {
                "media": "(prefers-color-scheme: dark)",
                "scheme": "slate",
                "primary": "red",
                "accent": "red",
            },
        }
        assert "dz-switching" not in browser.find_element(By.TAG_NAME, "html").get_attribute(
            "class"
        )

        # Another page, another variant: dark from the start.
        browser.get(site_url + "zh-tw/glossary/")
        assert palette_state(browser)["scheme"] == "slate"
        assert palette_state(browser)["shown"] == [False, True]

        # Enter on the focused option moves to the next, as in Material; no form is sent.
        browser.execute_script("document.querySelector('[data-dz-palette] input:checked').focus()")
        browser.switch_to.active_element.send_keys("\n")
        WebDriverWait(browser, 10).until(lambda b: palette_state(b)["scheme"] == "default")
        assert browser.current_url == site_url + "zh-tw/glossary/"
        assert palette_state(browser)["stored"]["index"] == 0
    finally:
        forget_palette(browser)


def test_with_no_choice_the_page_follows_the_system_scheme(browser, site_url: str) -> None:
    """A dark system with nothing chosen: dark from the first paint, not switched after it
    (Material's own script switched after); and a live change of the system's scheme
    follows, until the reader chooses."""
    page = f"{site_url}zh-hans/articles/{SLUGS[1]}/"
    browser.get(page)
    forget_palette(browser)
    watch = browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": FIRST_SCHEME}
    )
    try:
        system_scheme(browser, "dark")
        browser.get(page)
        assert browser.execute_script("return window.dzFirstScheme") == "slate"
        state = palette_state(browser)
        assert state["scheme"] == "slate" and state["stored"] is None
        assert state["shown"] == [False, True]
        system_scheme(browser, "light")
        WebDriverWait(browser, 10).until(lambda b: palette_state(b)["scheme"] == "default")
        assert palette_state(browser)["stored"] is None
        # Chosen: the system no longer decides.
        browser.find_element(By.CSS_SELECTOR, "[data-dz-palette] label:not([hidden])").click()
        WebDriverWait(browser, 10).until(lambda b: palette_state(b)["scheme"] == "slate")
        system_scheme(browser, "dark")
        system_scheme(browser, "light")
        assert palette_state(browser)["scheme"] == "slate"
    finally:
        browser.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": watch["identifier"]}
        )
        system_scheme(browser, None)
        forget_palette(browser)


# The body's colour scheme when the first element after the header is parsed, that is,
# before the page can be drawn with its content.
FIRST_SCHEME = """
new MutationObserver(function (records, observer) {
  if (!document.querySelector('.md-container')) return;
  window.dzFirstScheme = document.body.getAttribute('data-md-color-scheme');
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});
"""


# Installed before the page exists (so it watches the document: <html> is not parsed yet);
# records every change to <html>'s attributes made once the body exists, that is, after the
# page has begun to be styled.
LATE_ROOT_CHANGES = """
window.dzLateRootChanges = [];
new MutationObserver(function (records) {
  if (!document.body) return;
  records.forEach(function (record) {
    if (record.target !== document.documentElement) return;
    var now = record.target.getAttribute(record.attributeName);
    window.dzLateRootChanges.push([record.attributeName, record.oldValue, now]);
  });
}).observe(document, {attributes: true, attributeOldValue: true, subtree: true});

// The page's colour scheme: a <meta name=color-scheme> added or changed, or the body's
// Material colour attributes changed, once the content after the header is parsed. Chromium
// restyles every element for the first (what Material's own palette script did on load).
window.dzLateSchemeChanges = [];
new MutationObserver(function (records) {
  if (!document.querySelector('.md-container')) return;
  records.forEach(function (record) {
    var target = record.target;
    if (record.type === 'childList') {
      record.addedNodes.forEach(function (node) {
        if (node.nodeName === 'META' && node.name === 'color-scheme') {
          window.dzLateSchemeChanges.push(['added', node.content]);
        }
      });
    } else if (target.nodeName === 'META' && target.name === 'color-scheme') {
      window.dzLateSchemeChanges.push([record.attributeName, target.content]);
    } else if (target === document.body && /^data-md-color-/.test(record.attributeName)) {
      var now = target.getAttribute(record.attributeName);
      if (now !== record.oldValue) window.dzLateSchemeChanges.push([record.attributeName, now]);
    }
  });
}).observe(document, {attributes: true, attributeOldValue: true, childList: true, subtree: true});
"""


def test_nothing_restyles_the_whole_page_after_it_is_drawn(browser, site_url: str) -> None:
    """<html>'s classes are final before the body is parsed: the early script sets what
    Material's bundle would set later (`js`, its focus-visible marks) and ours (`dz-js`, the
    reading mode). A change there once the page is styled restyles every element of it; so
    does any change to the page's colour-scheme meta, which duizhao-palette.js sets in the
    header, before the content."""
    watch = browser.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": LATE_ROOT_CHANGES}
    )
    try:
        for page in ("zh-hans/", f"zh-tw/articles/{SLUGS[0]}/", "zh-hk/glossary/"):
            browser.get(site_url + page)
            WebDriverWait(browser, 10).until(
                lambda b: b.execute_script("return document.readyState") == "complete"
            )
            classes = browser.find_element(By.TAG_NAME, "html").get_attribute("class").split()
            assert {"js", "js-focus-visible", "dz-js", "dz-mode-pair"} <= set(classes), page
            assert "no-js" not in classes, page
            changes = browser.execute_script("return window.dzLateRootChanges")
            assert [c for c in changes if c[1] != c[2]] == [], page
            assert browser.execute_script("return window.dzLateSchemeChanges") == [], page
            metas = browser.find_elements(By.CSS_SELECTOR, "meta[name=color-scheme]")
            assert [m.get_attribute("content") for m in metas] == ["light"], page
        # The watch is live: a change made now is recorded.
        browser.execute_script("document.documentElement.classList.add('dz-probe')")
        WebDriverWait(browser, 5).until(
            lambda b: b.execute_script("return window.dzLateRootChanges.length") > len(changes)
        )
        browser.execute_script("document.querySelector('meta[name=color-scheme]').content='dark'")
        WebDriverWait(browser, 5).until(
            lambda b: b.execute_script("return window.dzLateSchemeChanges.length") == 1
        )
    finally:
        browser.execute_cdp_cmd(
            "Page.removeScriptToEvaluateOnNewDocument", {"identifier": watch["identifier"]}
        )


def test_chinese_text_renders_with_a_cjk_font(browser, site_url: str) -> None:
    """Without fonts-noto-cjk every Han character is the same empty box: draw two and compare."""
    browser.get(site_url + "zh-hans/articles/000-eeb5d0b4dd56e50b/")
    glyphs_differ = browser.execute_script(
        """
        const family = getComputedStyle(document.querySelector('.md-typeset')).fontFamily;
        function draw(character) {
          const canvas = document.createElement('canvas');
          canvas.width = canvas.height = 64;
          const context = canvas.getContext('2d');
          context.font = '48px ' + family;
          context.fillText(character, 4, 52);
          return canvas.toDataURL();
        }
        return draw('普') !== draw('京') && draw('普') !== draw('\u0378');
        """
    )
    assert glyphs_differ, "Han characters render as boxes: is fonts-noto-cjk installed?"


BBC = "002-432d27decd9e6001"


def header_bottom(browser) -> float:
    return browser.execute_script(
        "return document.querySelector('.md-header').getBoundingClientRect().bottom"
    )


def top_of(browser, element_id: str) -> float:
    return browser.execute_script(
        "return document.getElementById(arguments[0]).getBoundingClientRect().top", element_id
    )


def test_switching_variant_keeps_the_place_and_is_remembered(browser, site_url: str) -> None:
    browser.get(f"{site_url}zh-hans/articles/{BBC}/")
    paragraphs = browser.find_elements(By.CSS_SELECTOR, ".md-content .dz-pair[id^='p-']")
    target = paragraphs[-4]  # a paragraph near the end
    target_id = target.get_attribute("id")
    target_text = target.find_element(By.CLASS_NAME, "dz-zh").text
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", target)
    assert header_bottom(browser) <= top_of(browser, target_id) < header_bottom(browser) + 80

    browser.find_element(By.CSS_SELECTOR, "a.dz-variants__link[hreflang='zh-TW']").click()
    WebDriverWait(browser, 20).until(ready.url_contains("/zh-tw/"))
    assert browser.current_url == f"{site_url}zh-tw/articles/{BBC}/#{target_id}"
    WebDriverWait(browser, 10).until(
        lambda driver: (
            header_bottom(driver) <= top_of(driver, target_id) < header_bottom(driver) + 80
        )
    )
    shown = browser.find_element(By.ID, target_id).find_element(By.CLASS_NAME, "dz-zh")
    assert shown.text != target_text  # the same paragraph, now in Taiwan's script
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-TW"
    assert "普丁" in browser.find_element(By.TAG_NAME, "article").text

    # The choice is remembered: the site root now opens the Taiwan pages.
    browser.get(site_url)
    WebDriverWait(browser, 20).until(ready.url_to_be(site_url + "zh-tw/"))
    browser.execute_script("localStorage.clear()")


def test_toggle_is_plain_links_with_names_for_screen_readers(browser, site_url: str) -> None:
    browser.get(f"{site_url}zh-hk/articles/{BBC}/")
    toggle = browser.find_element(By.CSS_SELECTOR, "nav.dz-variants")
    assert toggle.get_attribute("aria-label") == "文字版本"
    # In the order the reader sees them (the current one comes first in the markup, for the
    # phone's menu).
    links = sorted(toggle.find_elements(By.TAG_NAME, "a"), key=lambda link: link.location["x"])
    shown = [link.find_element(By.CSS_SELECTOR, "[aria-hidden=true]") for link in links]
    assert [label.text for label in shown] == ["简", "繁", "臺", "港"]
    names = [link.find_element(By.CLASS_NAME, "dz-sr-only").get_attribute("textContent")
             for link in links]  # fmt: skip
    assert names == ["简体中文", "繁體中文", "臺灣正體", "香港繁體"]
    assert [link.get_attribute("aria-current") for link in links] == [None, None, None, "page"]
    # Reachable from the keyboard: focus the first link and follow it with Enter.
    browser.execute_script("arguments[0].focus()", links[0])
    assert browser.switch_to.active_element == links[0]
    from selenium.webdriver.common.keys import Keys

    links[0].send_keys(Keys.ENTER)
    WebDriverWait(browser, 20).until(ready.url_to_be(f"{site_url}zh-hans/articles/{BBC}/"))
    browser.execute_script("localStorage.clear()")


def search(browser, site_url: str, variant: str, query: str) -> list[str]:
    browser.get(f"{site_url}{variant}/")
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    if not box.is_displayed():  # narrow screens show a search button instead of the box
        browser.find_element(By.CSS_SELECTOR, "label[for=__search]").click()
    box.click()
    box.send_keys(query)
    WebDriverWait(browser, 20).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")
    )
    items = browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")
    return [item.get_attribute("href").split("?")[0] for item in items]


def test_search_stays_in_the_readers_variant(browser, site_url: str) -> None:
    hans = search(browser, site_url, "zh-hans", "普京")
    assert f"{site_url}zh-hans/articles/{BBC}/" in hans
    assert all(url.startswith(f"{site_url}zh-hans/") for url in hans)
    # Each of the five articles (all mention 普京) once, not once per variant.
    assert len({url for url in hans if "/articles/" in url}) == 5

    taiwan = search(browser, site_url, "zh-tw", "普丁")
    assert f"{site_url}zh-tw/articles/{BBC}/" in taiwan
    assert all(url.startswith(f"{site_url}zh-tw/") for url in taiwan)


def visible(browser, css: str) -> bool:
    return browser.find_element(By.CSS_SELECTOR, css).is_displayed()


def choose_mode(browser, mode: str) -> None:
    browser.find_element(By.CSS_SELECTOR, f"button[data-dz-mode='{mode}']").click()
    WebDriverWait(browser, 10).until(
        lambda driver: (
            driver.find_element(By.CSS_SELECTOR, f"button[data-dz-mode='{mode}']").get_attribute(
                "aria-pressed"
            )
            == "true"
        )
    )


def test_reading_modes_switch_instantly_and_are_remembered(browser, site_url: str) -> None:
    browser.get(f"{site_url}zh-hans/articles/{BBC}/")
    browser.execute_script("localStorage.clear()")
    browser.get(f"{site_url}zh-hans/articles/{BBC}/")
    first_pair = ".dz-pair[id^='p-']"
    zh, en = f"{first_pair} > .dz-zh", f"{first_pair} > .dz-en"

    # 对照 by default: both, side by side on this wide window, top edges aligned.
    assert visible(browser, zh) and visible(browser, en)
    zh_box = browser.find_element(By.CSS_SELECTOR, zh).rect
    en_box = browser.find_element(By.CSS_SELECTOR, en).rect
    assert en_box["x"] >= zh_box["x"] + zh_box["width"] and en_box["y"] == zh_box["y"]
    assert browser.find_element(By.CSS_SELECTOR, en).get_attribute("lang") == "en"

    choose_mode(browser, "zh")
    assert visible(browser, zh) and not visible(browser, en)
    assert not visible(browser, ".dz-en-title")

    url_before = browser.current_url
    choose_mode(browser, "en")
    assert browser.current_url == url_before  # no reload, no navigation
    assert not visible(browser, zh) and visible(browser, en)
    assert visible(browser, ".dz-en-title")
    assert browser.find_element(By.CSS_SELECTOR, "h1#title").size["height"] == 0

    # Remembered on another article, in another variant, and after a reload.
    browser.get(f"{site_url}zh-tw/articles/004-2cee1c3ee14bd78d/")
    assert not visible(browser, zh) and visible(browser, en)
    pressed = browser.find_element(By.CSS_SELECTOR, "button[aria-pressed='true']")
    assert pressed.get_attribute("data-dz-mode") == "en"
    browser.execute_script("localStorage.clear()")


def test_switching_mode_keeps_the_place(browser, site_url: str) -> None:
    browser.get(f"{site_url}zh-hans/articles/{BBC}/")
    browser.execute_script("localStorage.clear()")
    browser.get(f"{site_url}zh-hans/articles/{BBC}/")
    pairs = browser.find_elements(By.CSS_SELECTOR, ".dz-pair[id^='p-']")
    target = pairs[len(pairs) // 2]
    target_id = target.get_attribute("id")
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'})", target)
    for mode in ("zh", "en", "pair"):
        choose_mode(browser, mode)
        assert header_bottom(browser) <= top_of(browser, target_id) < header_bottom(browser) + 80
    browser.execute_script("localStorage.clear()")


def test_photos_load_only_when_asked_and_always_when_told(browser, site_url: str) -> None:
    page = site_url + "zh-hans/articles/002-432d27decd9e6001/"
    browser.get(page)
    browser.execute_script("localStorage.clear()")
    browser.get(page)

    def third_party() -> list[str]:
        return browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
            ".filter(u => !u.startsWith(location.origin))"
        )

    box = browser.find_element(By.CSS_SELECTOR, ".dz-photo")
    assert not browser.find_elements(By.CSS_SELECTOR, ".dz-photo img")
    assert third_party() == []
    link = box.find_element(By.CSS_SELECTOR, ".dz-photo__load")
    assert "ichef.bbci.co.uk" in link.text  # the reader sees whose server it is
    height = box.size["height"]
    link.click()
    img = browser.find_element(By.CSS_SELECTOR, ".dz-photo img")
    assert img.get_attribute("src") == box.get_attribute("data-dz-src")
    assert browser.execute_script("return arguments[0].referrerPolicy", img) == "no-referrer"
    assert box.size["height"] == height  # nothing moved
    browser.get(page)  # one tap is for one photo, this once
    assert not browser.find_elements(By.CSS_SELECTOR, ".dz-photo img")
    browser.find_element(By.CSS_SELECTOR, ".dz-photo__always").click()
    browser.get(site_url + "zh-hk/articles/004-2cee1c3ee14bd78d/")  # remembered everywhere
    WebDriverWait(browser, 10).until(
        lambda driver: len(driver.find_elements(By.CSS_SELECTOR, ".dz-photo img")) == 2
    )
    browser.execute_script("localStorage.clear()")


# Every name a screen reader speaks or a tooltip shows, as [tag, class, attribute, value].
NAMES = """
const found = [];
for (const node of document.querySelectorAll('body *')) {
  for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
    const value = node.getAttribute(name);
    if (value) found.push([node.tagName, node.className.toString(), name, value]);
  }
}
return found;
"""


@pytest.mark.parametrize(
    "page",
    [
        f"zh-hans/articles/{BBC}/",
        f"zh-tw/articles/{BBC}/",
        "zh-hk/",
        "zh-hant/tags/",
        "zh-tw/glossary/",
        "zh-hans/words/",
    ],
)
def test_english_mode_names_things_in_english(browser, site_url: str, page: str) -> None:
    """Names and tooltips (aria-label, title, placeholder, alt) follow the reading mode too:
    in English none is Chinese, apart from the 简·繁·臺·港 and 中文 · 对照 controls' own;
    back in Chinese, every one is as the page was written."""
    browser.get(site_url + page)
    browser.execute_script("localStorage.setItem('duizhao.mode', 'zh')")
    browser.get(site_url + page)
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )
    chinese = browser.execute_script(NAMES)
    assert [each for each in chinese if re.search(HAN, each[3])], "a page with Chinese names"
    browser.execute_script("localStorage.setItem('duizhao.mode', 'en')")
    try:
        browser.get(site_url + page)
        WebDriverWait(browser, 10).until(
            lambda b: b.execute_script("return document.readyState") == "complete"
        )
        assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
        english = browser.execute_script(NAMES)
        controls = ("dz-variants__link", "dz-modes__button")
        left = [
            each
            for each in english
            if re.search(HAN, each[3]) and not any(c in each[1] for c in controls)
        ]
        assert left == [], page
        if "articles" in page:  # and back, in place, by the 中文 button
            browser.find_element(By.CSS_SELECTOR, '[data-dz-mode="zh"]').click()
            assert browser.execute_script(NAMES) == chinese
    finally:
        browser.execute_script("localStorage.clear()")


HAN = "[\\u3400-\\u9fff]"


def visible_han(browser, selector: str) -> list[str]:
    """Visible text with Chinese characters inside `selector`, outside the places where
    Chinese is on purpose: the 简·繁·臺·港 and 中文 controls, glossary terms (words), and
    what a search result quotes, marked as Chinese (excerpts, matched terms)."""
    return browser.execute_script(
        """
        const han = new RegExp(arguments[1]);
        const allowed = '.dz-variants, .dz-modes, .dz-key-terms a, .md-search-result [lang^="zh"]';
        const found = [];
        for (const root of document.querySelectorAll(arguments[0])) {
          const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walk.nextNode(); node; node = walk.nextNode()) {
            const parent = node.parentElement;
            if (!han.test(node.textContent) || parent.closest(allowed)) continue;
            if (!parent.checkVisibility()) continue;
            found.push(node.textContent.trim());
          }
        }
        return found;
        """,
        selector,
        HAN,
    )


@pytest.mark.parametrize("variant", ["zh-hans", "zh-tw", "zh-hk"])
def test_english_mode_speaks_english_all_round(browser, site_url: str, variant: str) -> None:
    page = f"{site_url}{variant}/articles/002-432d27decd9e6001/"
    browser.get(page)
    browser.find_element(By.CSS_SELECTOR, '[data-dz-mode="en"]').click()
    root = browser.find_element(By.TAG_NAME, "html")
    assert root.get_attribute("lang") == "en"
    # The publisher's name in English (data/publishers.yaml), the levels, related articles.
    assert visible_han(browser, ".md-header, .md-sidebar, .dz-meta, .dz-levels") == []
    assert visible_han(browser, ".dz-related-articles, .md-content h2:not(.dz-zh-heading)") == []
    assert browser.find_element(By.CSS_SELECTOR, ".md-nav--secondary .md-nav__title").text in (
        "Table of contents",
        "",  # the table of contents is folded away on a phone
    )
    browser.find_element(By.CSS_SELECTOR, '[data-dz-mode="zh"]').click()  # and back
    assert root.get_attribute("lang") == variant.replace("zh-hans", "zh-Hans").replace(
        "zh-tw", "zh-TW"
    ).replace("zh-hk", "zh-HK")
    assert visible_han(browser, ".md-sidebar--secondary .md-nav__title")
    browser.get(f"{site_url}{variant}/")  # the home page follows the remembered mode
    browser.execute_script("localStorage.setItem('duizhao.mode', 'en')")
    browser.get(f"{site_url}{variant}/")
    # Titles, sources and the articles' tags (#China-Russia relations) in English.
    assert visible_han(browser, ".dz-card-title, .md-header, .dz-card-meta") == []
    assert "#China-Russia relations" in browser.find_element(By.CSS_SELECTOR, ".md-content").text
    assert visible_han(browser, ".dz-level-controls") == []  # made by the learner's script
    browser.get(f"{site_url}{variant}/tags/")  # headings are the tags, items the titles
    tags_page = ".md-content h1, .md-content h2:not(.dz-zh-heading), .md-content li, .md-nav"
    assert visible_han(browser, tags_page + ", .dz-en-heading") == []
    assert browser.find_element(By.CSS_SELECTOR, ".md-content h1").text == "Tags"
    assert "#China-Russia relations" in browser.find_element(By.CSS_SELECTOR, ".md-content").text
    browser.get(f"{site_url}{variant}/articles/001-da52852a1bd2a4ae/")  # the tagged article
    assert visible_han(browser, ".dz-tags") == []
    assert "#Putin" in browser.find_element(By.CSS_SELECTOR, ".dz-tags").text
    browser.get(f"{site_url}{variant}/glossary/")
    interface = ".md-content h1, .dz-downloads, .dz-kind, .dz-source-tag, .dz-count, "
    assert visible_han(browser, interface + ".dz-credit-line, .dz-occurrences li > a") == []
    assert browser.find_element(By.CSS_SELECTOR, ".md-content h1").text == "Glossary"
    browser.execute_script("localStorage.clear()")
