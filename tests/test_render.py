"""Seed text stays text: whatever a seed says, the page shows it and never runs it."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml

from duizhao.english.aligned import English
from duizhao.english.memory import Entry
from duizhao.ingest.seeds import parse_seed_bytes
from duizhao.inline import escape, markdown_links_to_inline, safe_url
from duizhao.site.pages import article_page

EXTENSIONS = ["attr_list", "md_in_html", "toc"]


def render(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<img src=x onerror=alert(1)>",
        "1. 不是列表",
        "# 不是标题",
        "- 不是列表项",
        "> 不是引用",
        "!!! danger 不是提示框",
        "[不是链接](javascript:alert(1))",
        "![不是图片](https://example.org/x.png)",
        "**不是粗体** _也不是斜体_ `不是代码`",
        "{: #injected .class onclick=alert(1) }",
        "{{ config.site_name }} {% include 'x' %} <!-- md:flag -->",
        "*[HTML]: 不是缩写",
        "[^1]: 不是脚注",
    ],
)
def test_escaped_text_renders_as_the_same_text(text: str) -> None:
    html = render(escape(text))
    # One paragraph, and its visible text is exactly the seed's text.
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    assert "<" not in inner.replace("&lt;", "")
    unescaped = inner.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    assert unescaped.replace("&amp;", "&") == text


def test_links_keep_only_http_targets() -> None:
    md, plain = markdown_links_to_inline("看[这里](https://a.org/x)和[那里](#)与[坏](javascript:x)")
    assert plain == "看这里和那里与坏"
    assert md == "看[这里](<https://a.org/x>)和那里与坏"
    assert safe_url("data:text/html;base64,xx") == ""
    assert safe_url("/a/1.html", "https://www.voachinese.com/a/2.html") == (
        "https://www.voachinese.com/a/1.html"
    )


def test_hostile_html_seed_becomes_a_safe_page() -> None:
    seed = (
        "<!--1700000000000-->\n[标题<script>](https://example.org/a)\n------\n"
        "<p>正文<script>alert(1)</script>一段。</p>"
        '<p><a href="javascript:alert(2)">坏链接</a><img src=x onerror=alert(3)></p>'
        "<iframe src=https://evil.example></iframe><style>body{}</style>"
        "<p>&lt;script&gt;看得见的文字&lt;/script&gt;</p>"
        '<svg onload="alert(4)"><p>svg 里的文字</p></svg>'
    ).encode()
    article = parse_seed_bytes("hostile.txt", seed)
    page = article_page(article, "zh-hans")
    front, body = page.split("---\n")[1], page.split("---\n", 2)[2]
    assert yaml.safe_load(front)["title"] == "标题<script>"
    html = render(body)
    for bad in ("<script", "onerror", "onload", "javascript:", "<iframe", "<style", "<svg"):
        assert bad not in html, bad
    assert "&lt;script&gt;看得见的文字&lt;/script&gt;" in html
    assert "坏链接" in html  # the text of a dangerous link stays, the link goes


def test_hostile_english_stays_text_in_every_place() -> None:
    """A machine translation keeps the source's syntax: `[x](javascript:…)` in English must
    not become a link anywhere English is shown (paragraphs, captions, related links)."""
    seed = ("标题\n第一段。\n[相关文章](https://example.org/r)\n照片说明。摄：Reuters\n").encode()
    article = parse_seed_bytes("english.txt", seed)
    evil = "<script>alert(1)</script> [x](javascript:alert(2)) {: onclick=alert(3) }"
    places = ["title", *(b.id for b in article.blocks), "related:0"]
    english = English({place: Entry(place, "源", evil, "machine", "fake") for place in places})
    html = render(article_page(article, "zh-hans", english=english).split("---\n", 2)[2])
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3
    assert html.count("[x](javascript:alert(2))") >= 3  # shown as the text it is
    tags = " ".join(re.findall(r"<[^>]*>", html))
    for bad in ("<script", "javascript:", "onclick"):
        assert bad not in tags, bad


def test_article_page_parts() -> None:
    seed = (
        "标题\n\n作者 | 某人\n\n第一段。\n\n2024年1月2日，某地。摄：某社\n\n"
        "本刊载内容版权为端传媒所有，未经授权请勿转载。\n"
    )
    page = article_page(parse_seed_bytes("x.txt", seed.encode()), "zh-hans")
    html = render(page.split("---\n", 2)[2])
    assert '<h1 class="dz-zh-title" id="title">标题</h1>' in html
    assert (
        '<span class="dz-author"><span class="dz-ui-zh">作者</span>'
        '<span class="dz-ui-en" lang="en">By</span> 某人</span>'
    ) in html
    assert '<figure class="dz-figure"' in html and "某社" in html
    assert '<footer class="dz-credits"' in html and "端传媒" in html
