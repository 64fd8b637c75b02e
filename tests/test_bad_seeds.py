"""The corpus of broken, oddly encoded and hostile seeds: each case with its outcome.

Either a clear one-line error naming the file and the reason, or a correct page whose text
is the seed's text and nothing else. Binary and huge seeds are made here, at test time.
HTML and script in seeds meet a real browser in tests/test_security.py.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import markdown
import pytest

from duizhao.pipeline import convert_all, load_records
from duizhao.render import article_page
from duizhao.seeds import SeedError, parse_seed_bytes

TEXT = (
    "普京访华\n\n作者 | 李明\n\n俄罗斯总统普京今天抵达北京，开始为期两天的访问。\n\n"
    "双方将讨论能源合作。\n"
)
PARAGRAPHS = ["俄罗斯总统普京今天抵达北京，开始为期两天的访问。", "双方将讨论能源合作。"]
TRADITIONAL = (
    "普丁訪華\n\n俄羅斯總統普丁今天抵達北京，開始為期兩天的訪問。\n\n雙方將討論能源合作。\n"
)


def html_seed(title_line: str = "[标题](https://www.bbc.com/zhongwen/simp/a)", body: str = "",
              epoch: str = "1700000000000") -> bytes:  # fmt: skip
    return f"<!--{epoch}-->\n{title_line}\n------\n\n{body or '<p>正文一段。</p>'}".encode()


def junk(size: int) -> bytes:
    return random.Random(7).randbytes(size)


def page_html(name: str, data: bytes) -> str:
    article = parse_seed_bytes(name, data)
    body = article_page(article, "zh-hans").split("---\n", 2)[2]
    return markdown.markdown(body, extensions=["attr_list", "md_in_html"])


# --- clear errors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\r\n ", "only white space"),
        ("junk.bin", junk(4096), "binary data"),
        ("nul.txt", TEXT.encode()[:20] + b"\x00" + TEXT.encode()[20:], "NUL bytes"),
        ("title-only.txt", "只有标题\n".encode(), "no article text"),
        ("no-title.txt", html_seed("[](https://www.bbc.com/zhongwen/a)"), "empty title"),
        ("no-link.txt", html_seed("标题而已"), "line 2 is not a [title](url) link"),
        ("no-rule.txt", b"<!--1-->\n[t](https://x.org)\n<p>x</p>\n", "line 3 is not a ------"),
        ("mostly junk.txt", "标题\n".encode() + junk(300), "binary data"),
        ("gbk junk.txt", "标题\n".encode() + bytes(range(0x81, 0xFF)) * 3, "not text in any"),
    ],
)
def test_unusable_seeds_fail_with_one_line_naming_the_file(name, data, reason) -> None:
    with pytest.raises(SeedError) as caught:
        parse_seed_bytes(name, data, shown_as=f"seeds/{name}")
    message = str(caught.value)
    assert message.startswith(f"seeds/{name}: ") and reason in message
    assert "\n" not in message


# --- encodings and line ends ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding", "note"),
    [
        (TEXT.encode(), "utf-8", ""),
        (b"\xef\xbb\xbf" + TEXT.encode(), "utf-8-sig", ""),
        (TEXT.encode("utf-16"), "utf-16", ""),
        (TEXT.encode("gb18030"), "gb18030", "read as gb18030 (not UTF-8)"),
        (TEXT.replace("\n", "\r\n").encode(), "utf-8", ""),
        (TEXT.replace("\n", "\r").encode(), "utf-8", ""),
    ],
)
def test_encodings_and_line_ends_give_the_same_article(data, encoding, note) -> None:
    article = parse_seed_bytes("seed.txt", data)
    assert article.title == "普京访华" and article.author == "李明"
    assert [b.plain for b in article.blocks] == PARAGRAPHS
    assert article.encoding == encoding
    assert (note in article.warnings) if note else not article.warnings


def test_big5_seed_is_read_and_known_as_traditional() -> None:
    article = parse_seed_bytes("big5.txt", TRADITIONAL.encode("big5"))
    assert article.title == "普丁訪華" and article.encoding == "big5"
    assert article.script in ("tw", "hant")
    assert "read as big5 (not UTF-8)" in article.warnings


def test_a_paragraph_in_another_encoding_is_kept_and_flagged() -> None:
    good = "".join(
        f"第{n}段：俄罗斯总统普京今天抵达北京，开始为期两天的访问。\n\n" for n in range(8)
    )
    data = f"混合编码\n\n{good}".encode() + "这段是另一种编码。".encode("gbk") + b"\n"
    article = parse_seed_bytes("mixed.txt", data)
    assert len(article.blocks) == 9 and article.blocks[0].plain.startswith("第0段")
    assert "\ufffd" in article.blocks[-1].plain
    assert any("not UTF-8" in warning for warning in article.warnings)


# --- odd shapes that still make a page ----------------------------------------------------


def test_front_matter_lookalike_is_article_text() -> None:
    article = parse_seed_bytes(
        "yaml.txt", "---\ntitle: 伪造\nlayout: x\n---\n正文一段。\n".encode()
    )
    assert article.title == "title: 伪造"
    assert [b.plain for b in article.blocks] == ["layout: x", "正文一段。"]


def test_epoch_that_is_not_a_number_or_far_future_leaves_the_article_undated() -> None:
    for epoch, said in (("abc", "not a number"), ("99999999999999", "not a plausible date")):
        article = parse_seed_bytes("epoch.txt", html_seed(epoch=epoch))
        assert article.date == "" and any(said in w for w in article.warnings)
        assert article.title == "标题"


def test_javascript_url_in_the_header_is_dropped_not_the_article() -> None:
    article = parse_seed_bytes("js.txt", html_seed("[标题](javascript:alert(1))"))
    assert article.title == "标题" and article.url == ""
    assert any("not http(s)" in w for w in article.warnings)
    assert "javascript" not in page_html("js.txt", html_seed("[标题](javascript:alert(1))"))


def test_syntax_of_markdown_jinja_material_and_admonitions_stays_text() -> None:
    lines = [
        "{{ config.site_name }} 和 {% include 'x.html' %}",
        '<!-- md:option x --> 与 !!! danger "警告"',
        "[点我](javascript:alert(1)) 和 <img src=x onerror=alert(1)>",
        "# 不是标题 *不是强调* `不是代码`",
        "!!! danger",
    ]
    data = ("标题\n\n" + "\n\n".join(lines) + "\n").encode()
    html = page_html("syntax.txt", data)
    assert "{{ config.site_name }}" in html and "{% include" in html  # shown, not run
    assert "&lt;!-- md:option x --&gt;" in html and "!!! danger" in html
    assert "<img" not in html and 'href="javascript' not in html and "onerror=alert" in html
    assert "<h1>不是标题" not in html and "<em>" not in html and "<code>" not in html
    assert "admonition" not in html


def test_invisible_and_bidi_controls_go_emoji_and_rare_characters_stay() -> None:
    data = "标\u202e题\u200b\n\n正\u2066文\u2069一段 😀 𠀀 👨\u200d👩\u200d👧。\n".encode()
    article = parse_seed_bytes("bidi.txt", data)
    assert article.title == "标题"
    assert article.blocks[0].plain == "正文一段 😀 𠀀 👨\u200d👩\u200d👧。"


def test_very_long_paragraph_and_line_without_punctuation_stay_whole() -> None:
    long = "很长的段落" * 4_000  # 20,000 characters, no punctuation
    article = parse_seed_bytes("long.txt", f"标题\n\n{long}\n\n第二段。\n".encode())
    assert [len(b.plain) for b in article.blocks] == [20_000, 4]


def test_traditional_seed_is_detected_and_kept() -> None:
    article = parse_seed_bytes("tw.txt", TRADITIONAL.encode())
    assert article.script in ("tw", "hant") and article.title == "普丁訪華"


# --- through the pipeline ---------------------------------------------------------------


def test_five_megabyte_article_converts(tmp_path: Path) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    paragraph = "俄罗斯总统普京今天抵达北京，开始为期两天的访问，双方将讨论能源合作。" * 10
    count = 5_000_000 // len(paragraph.encode())
    (seeds / "huge.txt").write_text("很大的文章\n\n" + f"{paragraph}\n\n" * count, "utf-8")
    report = convert_all(seeds, docs, variants=["zh-Hans"])
    assert report.converted == ["huge.txt"] and not report.failed
    (record,) = load_records(docs)
    assert len(record.blocks) == count


def test_odd_file_names_and_duplicate_titles_give_separate_pages(tmp_path: Path) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    names = ["with spaces.txt", "普京 访华.txt", "a;rm -rf $(x)&.txt", "copy of a;rm -rf $(x)&.txt"]
    for name in names:
        (seeds / name).write_bytes(TEXT.encode())  # the same title four times
    report = convert_all(seeds, docs, variants=["zh-Hans"])
    assert sorted(report.converted) == sorted(names)
    pages = sorted(p.name for p in (docs / "zh-hans" / "articles").iterdir())
    assert len(pages) == 4 and all(p.endswith(".md") for p in pages)
    assert all(set(p[:-3]) <= set("abcdefghijklmnopqrstuvwxyz0123456789-") for p in pages)


@pytest.mark.parametrize(
    ("case", "body", "kept_text"),
    [
        ("script", "<p>甲<script>alert(1)</script>乙</p>", "甲乙"),
        ("iframe", "<p>甲</p><iframe src='https://evil.example/'></iframe>", "甲"),
        ("object", "<p>甲</p><object data='x.swf'><embed src='y'></object>", "甲"),
        ("style", "<style>body{display:none}</style><p>甲</p>", "甲"),
        ("svg onload", "<svg onload='alert(1)'><text>字</text></svg><p>甲</p>", "甲"),
        ("img onerror", "<p>甲<img src='https://x.org/a.png' onerror='alert(1)'></p>", "甲"),
        ("javascript link", "<p><a href='javascript:alert(1)'>甲</a></p>", "甲"),
        ("data url", "<p><a href='data:text/html,<script>alert(1)</script>'>甲</a></p>", "甲"),
        ("data image", "<p>甲<img src='data:image/png;base64,AAAA'></p>", "甲"),
        ("form", "<p>甲</p><form action='https://evil.example/'><input name=q>表单</form>", "甲"),
        ("meta refresh", "<meta http-equiv='refresh' content='0;url=https://x'><p>甲</p>", "甲"),
        ("unclosed", "<p><b><i>甲</b>乙<div>丙<p>丁", "甲"),
        ("comment", "<p>甲<!-- <script>alert(1)</script> --></p>", "甲"),
        (
            "entities",
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;甲</p>",
            "<script>alert(1)</script>甲",
        ),
        ("style attribute", "<p style='background:url(https://x.org/t.png)'>甲</p>", "甲"),
        ("base", "<base href='https://evil.example/'><p>甲</p>", "甲"),
    ],
)
def test_hostile_html_becomes_a_safe_page(case: str, body: str, kept_text: str) -> None:
    seed = html_seed(body=body)
    article = parse_seed_bytes(f"{case}.txt", seed)
    assert kept_text in " ".join(b.plain for b in article.blocks), case
    page = page_html(f"{case}.txt", seed)
    tags = " ".join(re.findall(r"<[a-zA-Z][^>]*>", page))
    for bad in ("<script", "<iframe", "<object", "<embed", "<style", "<svg", "<form", "<input",
                "<meta", "<base", "javascript:", "data:", " on", "style="):  # fmt: skip
        assert bad not in tags, (case, bad, tags)
