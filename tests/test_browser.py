"""Real headless Chromium on the built site: what a reader clicks."""

from __future__ import annotations

import pytest
from conftest import SEEDS
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ready
from selenium.webdriver.support.ui import WebDriverWait
from test_build import SLUGS

from duizhao.seeds import parse_seed

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
    browser.get(site_url)
    WebDriverWait(browser, 20).until(ready.url_to_be(site_url + "zh-hans/"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "对照 · 中文新闻阅读"


def test_dark_mode_toggle(browser, site_url: str) -> None:
    browser.get(site_url + "zh-hans/")
    body = browser.find_element(By.TAG_NAME, "body")
    before = body.get_attribute("data-md-color-scheme")
    browser.find_element(
        By.CSS_SELECTOR, "form[data-md-component=palette] label:not([hidden])"
    ).click()
    WebDriverWait(browser, 10).until(
        lambda driver: body.get_attribute("data-md-color-scheme") != before
    )
    assert {before, body.get_attribute("data-md-color-scheme")} == {"default", "slate"}


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
