"""Accessibility and valid HTML, checked by outside tools on every kind of page.

- axe-core (npm, pinned in package.json), injected into real Chromium through the DevTools
  protocol (not subject to the page's Content-Security-Policy), on the home, article,
  glossary, tags and 404 pages of every variant; articles in every reading mode; light and
  dark; wide (1440 px) and phone (390 px). No serious or critical violation may remain.
- The Nu HTML checker (npm vnu-jar, run with Java) over the whole built site: no error from
  our markup; the errors Material's own templates make are listed below with their cause.
- No page scrolls sideways from 320 px up.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from duizhao.variants import all_variants

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTICLE = "articles/002-432d27decd9e6001/"
PAGE_KINDS = {"home": "", "article": ARTICLE, "glossary": "glossary/", "tags": "tags/"}
WIDTHS = {"wide": (1440, 1000, False), "phone": (390, 844, True)}
SCHEMES = {"light": "default", "dark": "slate"}
MODES = ("zh", "pair", "en")
SERIOUS = ("serious", "critical")

# Errors the Nu checker finds in Material 9.8's own templates, each with its cause. Anything
# else fails the test.
MATERIAL_ERRORS = {
    # base.html writes <input type="checkbox" autocomplete="off"> for its drawer and search
    # toggles (autocomplete is for text-like inputs); fixing it means copying base.html.
    "Attribute “autocomplete” is only allowed when the input type is": "base.html toggles",
}


# A colour scheme as a reader's switch shows it (duizhao-palette.js: the body's scheme and the
# page's color-scheme meta, which decides the browser's own colours), or where a page has no
# toggle, the body's scheme alone.
SHOW_SCHEME = """
const scheme = arguments[0];
const options = [...document.querySelectorAll('[data-dz-palette] input')];
const index = options.findIndex(o => o.getAttribute('data-md-color-scheme') === scheme);
if (window.dzPalette && index >= 0) window.dzPalette(index);
else document.body.setAttribute('data-md-color-scheme', scheme);
const meta = document.querySelector('meta[name=color-scheme]');
return [document.body.getAttribute('data-md-color-scheme'), meta && meta.content];
"""
FORGET_SCHEME = """
if (window.__md_scope) localStorage.removeItem(__md_scope.pathname + '.__palette');
"""


def _viewport(driver: object, size: tuple[int, int, bool]) -> None:
    width, height, mobile = size
    driver.execute_cdp_cmd(  # type: ignore[attr-defined]
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def _axe(driver: object) -> list[dict]:
    """Serious and critical WCAG 2 A/AA violations of the page as it is now."""
    if not driver.execute_script("return typeof axe !== 'undefined'"):  # type: ignore[attr-defined]
        driver.execute_script(AXE.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    result = driver.execute_async_script(  # type: ignore[attr-defined]
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',"
        " 'wcag21aa']}, resultTypes: ['violations']}).then(r => done(r.violations),"
        " e => done([{id: 'axe-error', impact: 'critical', nodes: [], help: String(e)}]));"
    )
    return [v for v in result if v.get("impact") in SERIOUS]


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        summary = violation["nodes"][0].get("failureSummary", "") if violation["nodes"] else ""
        lines.append(f"{violation['id']} ×{len(violation['nodes'])}: {targets} {summary[:160]}")
    return "\n".join(lines)


def _pages() -> Iterator[tuple[str, str]]:
    for variant in all_variants():
        for kind, below in PAGE_KINDS.items():
            yield f"{variant.path}-{kind}", f"{variant.path}/{below}"
    yield "404", "404.html"
    yield "site-root", ""


@pytest.mark.parametrize(("name", "path"), list(_pages()), ids=[n for n, _ in _pages()])
def test_axe_finds_nothing_serious(browser: object, site_url: str, name: str, path: str) -> None:
    found = []
    for width_name, size in WIDTHS.items():
        _viewport(browser, size)
        browser.get(site_url + path)  # type: ignore[attr-defined]
        modes = MODES if path.endswith(ARTICLE) else ("pair",)
        for scheme_name, scheme in SCHEMES.items():
            shown = browser.execute_script(SHOW_SCHEME, scheme)  # type: ignore[attr-defined]
            assert shown == [scheme, "dark" if scheme == "slate" else "light"] or (
                path == "" and shown[0] == scheme  # the site root: a redirect, no toggle
            ), (path, shown)
            time.sleep(0.4)  # Material fades colours between schemes: read them after
            for mode in modes:
                browser.execute_script(  # type: ignore[attr-defined]
                    "if (window.dzShowMode) dzShowMode(arguments[0]);", mode
                )
                if violations := _axe(browser):
                    found.append(f"[{width_name} {scheme_name} {mode}]\n{_describe(violations)}")
    browser.execute_script(FORGET_SCHEME)  # type: ignore[attr-defined]
    _viewport(browser, (1280, 1000, False))
    assert not found, "\n".join(found)


def _on_a_phone(
    browser: object, site_url: str, width: int, article_modes: tuple[str, ...]
) -> Iterator[tuple[str, str]]:
    """Every page kind at `width` px on a phone, articles in each of `article_modes` (the
    other pages in 对照): yields (page, mode) with the page showing that mode."""
    _viewport(browser, (width, 700, True))
    try:
        for name, path in _pages():
            browser.get(site_url + path)  # type: ignore[attr-defined]
            for mode in article_modes if path.endswith(ARTICLE) else ("pair",):
                browser.execute_script(  # type: ignore[attr-defined]
                    "if (window.dzShowMode) dzShowMode(arguments[0]);", mode
                )
                yield name, mode
    finally:
        _viewport(browser, (1280, 1000, False))


@pytest.mark.parametrize("width", [320, 390])
def test_no_page_scrolls_sideways_on_a_phone(browser: object, site_url: str, width: int) -> None:
    wide = []
    for name, mode in _on_a_phone(browser, site_url, width, MODES):
        scroll = browser.execute_script(  # type: ignore[attr-defined]
            "return document.documentElement.scrollWidth"
        )
        if scroll > width:
            wide.append(f"{name} ({mode}): {scroll} px")
    assert not wide, f"wider than {width} px: " + "; ".join(wide)


# Justified text spreads a line's leftover space over its characters (Chromium widens each
# character's box). A word that cannot break (a file path, a long Latin name) leaves the rest
# of its line to a few characters: a hole. Any character box wider than 2.5 em is one.
JUSTIFIED_HOLES = """
const holes = [];
for (const p of document.querySelectorAll('.md-content p')) {
  const style = getComputedStyle(p);
  if (style.textAlign !== 'justify' || !p.offsetParent) continue;
  const limit = 2.5 * parseFloat(style.fontSize);
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const width = range.getBoundingClientRect().width;
      if (width > limit) holes.push(Math.round(width) + ' px at ' +
        JSON.stringify(node.data.slice(Math.max(0, i - 6), i + 6)));
    }
  }
}
return holes;
"""


@pytest.mark.parametrize("width", [320, 390])
def test_no_justified_line_leaves_a_hole_on_a_phone(
    browser: object, site_url: str, width: int
) -> None:
    holes = []
    for name, mode in _on_a_phone(browser, site_url, width, ("zh", "pair")):
        found = browser.execute_script(JUSTIFIED_HOLES)  # type: ignore[attr-defined]
        holes += [f"{name} ({mode}): {hole}" for hole in found]
    assert not holes, "\n".join(holes)


def test_the_nu_checker_finds_no_error_of_ours(built_site: Path) -> None:
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML checker: run `bash scripts/dev test`"
    assert VNU.is_file(), "vnu-jar is missing: run `bash scripts/dev test` (npm ci)"
    done = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", "--skip-non-html",
         str(built_site / "site")],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    messages = json.loads(done.stderr or done.stdout)["messages"]
    errors = [m for m in messages if m.get("type") == "error"]
    assert errors or done.returncode == 0
    ours = [
        f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in errors
        if not any(known in m["message"] for known in MATERIAL_ERRORS)
    ]
    assert not ours, "\n".join(ours[:40])
