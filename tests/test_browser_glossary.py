"""Real headless Chromium: a reader taps a marked term (its word card names its glossary
entry), follows it to the glossary, and comes back to the paragraph through an occurrence
link."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser

BBC = "002-432d27decd9e6001"


def in_viewport(browser, element) -> bool:
    return browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.top < window.innerHeight && r.height > 0;",
        element,
    )


def visible_card(browser) -> str:
    """Pinyin · English of the word card that is showing, or "" (duizhao-learner.js)."""
    return browser.execute_script(
        "const card = document.querySelector('.dz-pop');"
        "if (!card || card.hidden) return '';"
        "return card.querySelector('.dz-pop__pinyin').textContent + ' · ' +"
        "  card.querySelector('.dz-pop__en').textContent;"
    )


def open_entry(browser) -> None:
    browser.find_element(By.CSS_SELECTOR, ".dz-pop .dz-pop__glossary").click()


def test_tap_term_then_glossary_entry_then_back_to_the_paragraph(browser, site_url) -> None:
    browser.get(f"{site_url}zh-tw/articles/{BBC}/")
    term = WebDriverWait(browser, 20).until(
        ready.presence_of_element_located(
            (By.CSS_SELECTOR, ".md-content p a.dz-term[href$='#pu-jing']")
        )
    )
    assert term.text == "普丁"
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", term)
    ActionChains(browser).move_to_element(term).click().perform()
    WebDriverWait(browser, 10).until(lambda b: visible_card(b))
    assert visible_card(browser) == "Pǔdīng · Vladimir Putin"  # 普丁 reads as written
    assert not term.get_attribute("title")  # no native tooltip over the card

    open_entry(browser)
    WebDriverWait(browser, 20).until(ready.url_contains("/zh-tw/glossary/#pu-jing"))
    entry = browser.find_element(By.ID, "pu-jing")
    assert in_viewport(browser, entry)
    assert entry.find_element(By.CSS_SELECTOR, ".dz-entry-word").text == "普丁"
    assert "Vladimir Putin" in entry.text

    occurrence = entry.find_element(By.CSS_SELECTOR, f".dz-occurrences a[href*='{BBC}/#']")
    anchor = occurrence.get_attribute("href").split("#", 1)[1]
    occurrence.click()
    WebDriverWait(browser, 20).until(ready.url_contains(f"/zh-tw/articles/{BBC}/#{anchor}"))
    paragraph = browser.find_element(By.ID, anchor)
    WebDriverWait(browser, 10).until(lambda b: in_viewport(b, paragraph))
    assert "普丁" in paragraph.text
    # And the paragraph is not hidden under the fixed header.
    header_bottom = browser.execute_script(
        "return document.querySelector('.md-header').getBoundingClientRect().bottom"
    )
    assert paragraph.rect["y"] - browser.execute_script("return scrollY") >= header_bottom - 1


def test_key_terms_and_related_articles_lead_on(browser, site_url) -> None:
    browser.get(f"{site_url}zh-hans/articles/{BBC}/#key-terms")
    key_terms = browser.find_elements(By.CSS_SELECTOR, ".dz-key-terms a")
    assert len(key_terms) >= 10
    assert key_terms[0].get_attribute("href").startswith(f"{site_url}zh-hans/glossary/#")
    related = browser.find_elements(By.CSS_SELECTOR, ".dz-related-articles a")
    assert related, "the BBC article shares terms with the others"
    title = related[0].text
    related[0].click()
    heading = WebDriverWait(browser, 20).until(
        ready.visibility_of_element_located((By.CSS_SELECTOR, "h1#title"))
    )
    assert heading.text == title


def test_switching_variant_on_the_glossary_keeps_the_entry(browser, site_url) -> None:
    browser.get(f"{site_url}zh-hans/glossary/#xi-jin-ping")
    WebDriverWait(browser, 10).until(lambda b: in_viewport(b, b.find_element(By.ID, "xi-jin-ping")))
    browser.find_element(By.CSS_SELECTOR, "a[data-dz-variant='zh-tw']").click()
    WebDriverWait(browser, 20).until(ready.url_contains("/zh-tw/glossary/"))
    entry = browser.find_element(By.ID, "xi-jin-ping")
    WebDriverWait(browser, 10).until(lambda b: in_viewport(b, entry))
    assert entry.find_element(By.CSS_SELECTOR, ".dz-entry-word").text == "習近平"


def tap(browser, element) -> None:
    """A finger's tap, as Chromium's input layer makes it (touch events, then a click)."""
    x, y = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return [r.left + r.width / 2, r.top + r.height / 2];",
        element,
    )
    browser.execute_cdp_cmd(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]}
    )
    browser.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def test_on_a_touch_screen_a_tap_explains_and_the_card_opens_the_entry(browser, site_url) -> None:
    browser.execute_cdp_cmd(
        "Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 1}
    )
    try:
        browser.get(f"{site_url}zh-hans/articles/{BBC}/")
        term = browser.find_element(By.CSS_SELECTOR, ".md-content p a.dz-term[href$='#pu-jing']")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", term)
        tap(browser, term)
        WebDriverWait(browser, 10).until(lambda b: visible_card(b))
        assert visible_card(browser) == "Pǔjīng · Vladimir Putin"
        assert browser.current_url == f"{site_url}zh-hans/articles/{BBC}/"
        tap(browser, browser.find_element(By.CSS_SELECTOR, ".dz-pop .dz-pop__glossary"))
        WebDriverWait(browser, 20).until(ready.url_contains("/zh-hans/glossary/#pu-jing"))
    finally:
        browser.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})


def test_the_glossary_renders_only_what_is_near_the_screen(browser, site_url) -> None:
    """Entries far below are skipped (content-visibility), yet an entry's link lands on it, under
    the header, and every entry is still in the page's text for find-in-page and screen
    readers."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        browser.get(f"{site_url}zh-hans/glossary/")
        skipped = browser.execute_script(
            "return [...document.querySelectorAll('.dz-entry')].map(e =>"
            "  !e.querySelector('.dz-entry-word').checkVisibility({contentVisibilityAuto: true}))"
        )
        assert len(skipped) > 20
        assert not skipped[0], "the first entry is on screen and rendered"
        assert sum(skipped) > len(skipped) // 2, "most entries are far below and not rendered"
        last = browser.execute_script(
            "const e = [...document.querySelectorAll('.dz-entry')].pop();"
            "return [e.id, e.querySelector('.dz-entry-word').textContent]"
        )
        assert last[1] in browser.find_element(By.TAG_NAME, "article").get_attribute("textContent")

        browser.get(f"{site_url}zh-hans/glossary/#{last[0]}")
        entry = browser.find_element(By.ID, last[0])
        WebDriverWait(browser, 10).until(lambda b: in_viewport(b, entry))
        assert entry.find_element(By.CSS_SELECTOR, ".dz-entry-word").is_displayed()
        header_bottom = browser.execute_script(
            "return document.querySelector('.md-header').getBoundingClientRect().bottom"
        )
        assert entry.rect["y"] - browser.execute_script("return scrollY") >= header_bottom - 1
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
