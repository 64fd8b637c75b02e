"""Real headless Chromium on the built site: a reader taps words, reads pinyin over the text,
keeps a word list across variants and exports it, and filters articles by level."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser

BBC = "002-432d27decd9e6001"
# 总统 in every variant, in the BBC article's second paragraph ("…与俄国总统之间的第37次会晤…").
PRESIDENT = {"zh-hans": "总统", "zh-hant": "總統", "zh-tw": "總統", "zh-hk": "總統"}
PARAGRAPH = "p-f782704b"


def point_of(browser, block_id: str, text: str, nth: int = 0) -> tuple[float, float]:
    """The middle of the first character of `text` in a block's Chinese, scrolled into view."""
    return browser.execute_script(
        """
        const [id, wanted, nth] = arguments;
        const block = document.getElementById(id);
        const root = block.querySelector('.dz-zh') || block;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let seen = 0;
        while (walker.nextNode()) {
          const node = walker.currentNode;
          let at = node.data.indexOf(wanted);
          while (at >= 0) {
            if (seen++ === nth) {
              const range = document.createRange();
              range.setStart(node, at); range.setEnd(node, at + 1);
              node.parentElement.scrollIntoView({block: 'center'});
              const r = range.getBoundingClientRect();
              return [r.left + r.width / 2, r.top + r.height / 2];
            }
            at = node.data.indexOf(wanted, at + 1);
          }
        }
        throw new Error('not found: ' + wanted);
        """,
        block_id,
        text,
        nth,
    )


def click_at(browser, x: float, y: float) -> None:
    """A real mouse click at a point, through Chromium's input layer."""
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        browser.execute_cdp_cmd(
            "Input.dispatchMouseEvent",
            {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
        )


def card(browser) -> dict[str, str]:
    return browser.execute_script(
        """
        const card = document.querySelector('.dz-pop');
        if (!card || card.hidden) return null;
        const text = (s) => { const e = card.querySelector(s); return e ? e.textContent : ''; };
        const link = card.querySelector('.dz-pop__glossary');
        return {word: text('.dz-pop__word'), pinyin: text('.dz-pop__pinyin'),
                english: text('.dz-pop__en'), forms: text('.dz-pop__forms'),
                level: text('.dz-level'), glossary: link ? link.getAttribute('href') : ''};
        """
    )


def wait_card(browser, word: str) -> dict[str, str]:
    WebDriverWait(browser, 10).until(lambda b: (card(b) or {}).get("word") == word)
    return card(browser)


def open_article(browser, site_url: str, folder: str, slug: str = BBC) -> None:
    browser.get(f"{site_url}{folder}/articles/{slug}/")
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )


@pytest.mark.parametrize("folder", list(PRESIDENT))
def test_tapping_a_word_shows_its_card_in_every_variant(
    browser, site_url: str, folder: str
) -> None:
    open_article(browser, site_url, folder)
    data_requests_before = browser.execute_script(
        "return performance.getEntriesByType('resource')"
        ".filter(e => e.name.includes('/learner/')).length"
    )
    assert data_requests_before == 0, "the word data loads on the first tap, not before"
    click_at(browser, *point_of(browser, PARAGRAPH, PRESIDENT[folder]))
    shown = wait_card(browser, PRESIDENT[folder])
    assert shown["pinyin"] == "zǒngtǒng"
    assert "president" in shown["english"]
    assert shown["level"] == "HSK 4"
    if folder != "zh-hans":
        assert "总统" in shown["forms"]  # the other script
    # Escape closes it.
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
    WebDriverWait(browser, 5).until(lambda b: card(b) is None)


def test_a_polyphone_and_a_glossary_term_in_context(browser, site_url: str) -> None:
    open_article(browser, site_url, "zh-tw")
    # 普丁 (a glossary term, the Taiwan form of 普京): the term's card, with its entry.
    click_at(browser, *point_of(browser, PARAGRAPH.replace("f782704b", "31a042d9"), "普丁"))
    shown = wait_card(browser, "普丁")
    assert shown["pinyin"] == "Pǔdīng"  # 普丁 read as written, not as 普京
    assert "Putin" in shown["english"]
    assert shown["glossary"].endswith("glossary/#pu-jing")
    assert "普京" in shown["forms"]
    assert browser.current_url.endswith(f"/zh-tw/articles/{BBC}/")  # the card, not the entry
    browser.find_element(By.CSS_SELECTOR, ".dz-pop__glossary").click()
    WebDriverWait(browser, 20).until(lambda b: "/zh-tw/glossary/" in b.current_url)
    assert browser.current_url.endswith("#pu-jing")


def test_the_card_never_covers_the_tapped_line(browser, site_url: str) -> None:
    open_article(browser, site_url, "zh-hans")
    x, y = point_of(browser, PARAGRAPH, "总统")
    click_at(browser, x, y)
    wait_card(browser, "总统")
    box = browser.execute_script(
        "const r = document.querySelector('.dz-pop').getBoundingClientRect();"
        "const english = document.querySelector('.dz-pop__en');"
        "return [r.top, r.bottom, parseFloat(getComputedStyle(english).fontSize)];"
    )
    assert box[0] > y + 8 or box[1] < y - 8
    assert box[2] >= 14


def rt_texts(browser) -> list[str]:
    return browser.execute_script(
        f"return [...document.querySelectorAll('#{PARAGRAPH} .dz-zh rt')]"
        ".filter(rt => getComputedStyle(rt).display !== 'none').map(rt => rt.textContent)"
    )


def test_pinyin_over_the_text_on_and_off_and_remembered(browser, site_url: str) -> None:
    open_article(browser, site_url, "zh-hans")
    browser.execute_script("localStorage.removeItem('duizhao.ruby')")
    open_article(browser, site_url, "zh-hans")
    assert rt_texts(browser) == []  # off by default
    browser.find_element(By.CSS_SELECTOR, "[data-dz-ruby]").click()
    WebDriverWait(browser, 10).until(lambda b: rt_texts(b))
    texts = rt_texts(browser)
    assert "zǒng" in texts and "tǒng" in texts and "zhè" in texts
    # Remembered, in another variant and in 对照 mode too.
    open_article(browser, site_url, "zh-tw")
    browser.find_element(By.CSS_SELECTOR, "[data-dz-mode='pair']").click()
    WebDriverWait(browser, 10).until(lambda b: "zǒng" in rt_texts(b))
    assert (
        browser.find_element(By.CSS_SELECTOR, "[data-dz-ruby]").get_attribute("aria-pressed")
        == "true"
    )
    # Tone numbers.
    browser.find_element(By.CSS_SELECTOR, "[data-dz-ruby-numbers]").click()
    WebDriverWait(browser, 10).until(lambda b: "zong3" in rt_texts(b))
    # Off, and remembered off.
    browser.find_element(By.CSS_SELECTOR, "[data-dz-ruby]").click()
    WebDriverWait(browser, 10).until(lambda b: rt_texts(b) == [])
    open_article(browser, site_url, "zh-hk")
    time.sleep(1)
    assert rt_texts(browser) == []


def test_keyboard_words_mode_reaches_every_word(browser, site_url: str) -> None:
    open_article(browser, site_url, "zh-hans")
    button = browser.find_element(By.CSS_SELECTOR, ".dz-words-mode")
    browser.execute_script("arguments[0].focus()", button)
    button.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(
        lambda b: b.execute_script("return document.activeElement.matches('.dz-w[tabindex]')")
    )
    first = browser.switch_to.active_element
    assert first.get_attribute("role") == "button"
    word = first.text.strip()
    first.send_keys(Keys.TAB)
    second = browser.switch_to.active_element
    assert "dz-w" in second.get_attribute("class").split() and second != first
    second.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda b: card(b) is not None)
    assert browser.execute_script("return document.activeElement.classList.contains('dz-pop')")
    assert card(browser)["pinyin"]
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    WebDriverWait(browser, 5).until(lambda b: card(b) is None)
    assert browser.switch_to.active_element == second
    assert word


def save(browser, text: str, nth: int = 0) -> None:
    click_at(browser, *point_of(browser, PARAGRAPH, text, nth))
    WebDriverWait(browser, 10).until(lambda b: (card(b) or {}).get("word", "").startswith(text[0]))
    browser.find_element(By.CSS_SELECTOR, ".dz-pop__star").click()
    WebDriverWait(browser, 5).until(
        lambda b: (
            b.find_element(By.CSS_SELECTOR, ".dz-pop__star").get_attribute("aria-pressed") == "true"
        )
    )
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)


def test_three_saved_words_in_another_variant_and_exported(tmp_path: Path, site_url: str) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser = chromium(tmp_path / "profile")
    try:
        browser.execute_cdp_cmd(
            "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
        )
        open_article(browser, site_url, "zh-hans")
        for word in ("总统", "会晤", "显示"):
            save(browser, word)
        browser.get(f"{site_url}zh-tw/words/")
        items = WebDriverWait(browser, 10).until(
            lambda b: b.find_elements(By.CSS_SELECTOR, ".dz-mywords__item")
        )
        assert len(items) == 3
        heads = [i.find_element(By.CSS_SELECTOR, ".dz-mywords__word").text for i in items]
        assert "總統" in heads and "會晤" in heads and "顯示" in heads  # in this variant's script
        president = items[heads.index("總統")]
        assert "俄國總統" in president.find_element(By.CSS_SELECTOR, ".dz-mywords__sentence").text
        source = president.find_element(By.CSS_SELECTOR, ".dz-mywords__source")
        assert source.get_attribute("href").endswith(f"/zh-tw/articles/{BBC}/#{PARAGRAPH}")
        browser.find_element(By.CSS_SELECTOR, "[data-dz-export='tsv']").click()
        exported = downloads / "duizhao-words.tsv"
        WebDriverWait(browser, 10).until(lambda b: exported.is_file() and exported.stat().st_size)
        rows = [line.split("\t") for line in exported.read_text(encoding="utf-8").splitlines()]
        assert sorted(row[0] for row in rows) == sorted(["总统", "会晤", "显示"])
        by_word = {row[0]: row for row in rows}
        assert by_word["总统"][1:4] == ["總統", "zǒngtǒng", by_word["总统"][3]]
        assert "president" in by_word["总统"][3]
        assert all(len(row) == 5 for row in rows)
        assert "俄國總統" in by_word["总统"][4]  # the sentence, in the list's script
        browser.find_element(By.CSS_SELECTOR, "[data-dz-export='pleco']").click()
        pleco = downloads / "duizhao-words-pleco.txt"
        WebDriverWait(browser, 10).until(lambda b: pleco.is_file() and pleco.stat().st_size)
        cards = dict(
            (line.split("\t")[0], line.split("\t")[1:])
            for line in pleco.read_text(encoding="utf-8").splitlines()
        )
        assert cards["总统[總統]"][0] == "zǒngtǒng" and "president" in cards["总统[總統]"][1]
        # Removing one takes it off the list.
        items[0].find_element(By.CSS_SELECTOR, ".dz-mywords__remove").click()
        WebDriverWait(browser, 5).until(
            lambda b: len(b.find_elements(By.CSS_SELECTOR, ".dz-mywords__item")) == 2
        )
    finally:
        browser.quit()


def test_home_page_filters_and_sorts_by_level(browser, site_url: str) -> None:
    browser.get(f"{site_url}zh-hans/")
    form = WebDriverWait(browser, 10).until(
        lambda b: b.find_element(By.CSS_SELECTOR, ".dz-level-controls:not([hidden])")
    )
    levels = [
        int(card_.find_element(By.CSS_SELECTOR, "[data-dz-level]").get_attribute("data-dz-level"))
        for card_ in browser.find_elements(By.CSS_SELECTOR, ".dz-card")
    ]
    assert len(levels) == 5 and len(set(levels)) > 1  # the seeds differ in level
    cutoff = min(levels)
    form.find_element(
        By.CSS_SELECTOR, f"select[name=dz-level-filter] option[value='{cutoff}']"
    ).click()
    visible = [c for c in browser.find_elements(By.CSS_SELECTOR, ".dz-card") if c.is_displayed()]
    assert len(visible) == levels.count(cutoff)
    form.find_element(By.CSS_SELECTOR, "select[name=dz-level-filter] option[value='']").click()
    form.find_element(By.CSS_SELECTOR, "select[name=dz-level-sort] option[value='hardest']").click()
    ordered = [
        int(c.find_element(By.CSS_SELECTOR, "[data-dz-level]").get_attribute("data-dz-level"))
        for c in browser.find_elements(By.CSS_SELECTOR, ".dz-card")
    ]
    assert ordered == sorted(levels, reverse=True)
