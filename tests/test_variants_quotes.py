"""Quotation marks in each variant's style: 「」『』 in zh-Hant, zh-TW and zh-HK, “”‘’ in
zh-Hans; both ways, by nesting depth, English quotes and code untouched."""

from __future__ import annotations

import random

import pytest

from duizhao.variants import all_variants, convert, convert_lines, quotes

TRADITIONAL = ("zh-Hant", "zh-TW", "zh-HK")


def test_each_variant_names_its_style() -> None:
    assert {v.tag: v.quotes for v in all_variants()} == {
        "zh-Hans": "“”‘’",
        "zh-Hant": "「」『』",  # decided: every Traditional readership prints corner brackets
        "zh-TW": "「」『』",
        "zh-HK": "「」『』",
    }


CASES = [
    # (Simplified source, Traditional variants, zh-Hans)
    ("他说：“我们会支持。”", "他說：「我們會支持。」", "他说：“我们会支持。”"),
    (
        "他说：“我们坚持‘一个中国’原则。”",
        "他說：「我們堅持『一個中國』原則。」",
        "他说：“我们坚持‘一个中国’原则。”",
    ),
    ("“高质量发展”一词", "「高質量發展」一詞", "“高质量发展”一词"),  # at the line's start
    ("“Made in China 2025”计划", "「Made in China 2025」計劃", "“Made in China 2025”计划"),
    ("印着“MAKE AMERICA GREAT AGAIN!”字样", "印着「MAKE AMERICA GREAT AGAIN!」字樣", None),
]


@pytest.mark.parametrize(("text", "traditional", "simplified"), CASES)
def test_chinese_quotes_take_the_variants_style(
    text: str, traditional: str, simplified: str | None
) -> None:
    for tag in TRADITIONAL:
        got = convert(text, tag)
        assert got.count("「") == traditional.count("「") and "“" not in got
    assert convert(text, "zh-Hant").replace("着", "著") == traditional.replace("着", "著")
    assert convert(text, "zh-Hans") == (simplified or text)


def test_corner_brackets_become_curly_quotes_in_simplified() -> None:
    taiwan = "他說：「我們堅持『九二共識』。」"
    assert convert(taiwan, "zh-Hans", "tw") == "他说：“我们坚持‘九二共识’。”"
    assert convert(taiwan, "zh-TW", "tw") == taiwan  # its own region: as written
    assert convert(taiwan, "zh-HK", "tw") == taiwan  # already in zh-HK's style
    # A Simplified source that uses corner brackets (as 端传媒 does) reads “” in zh-Hans.
    assert convert("他称之为「策应」", "zh-Hans") == "他称之为“策应”"


def test_nesting_follows_depth_not_the_mark() -> None:
    """A source that nests “ inside “ still comes out 「『』」, and a third level is 「」."""
    assert convert("他说“他说“好”。”", "zh-TW") == "他說「他說『好』。」"
    assert convert("甲说“乙说‘丙说“好”’”", "zh-TW") == "甲說「乙說『丙說「好」』」"
    assert convert("他說「他說「好」。」", "zh-Hans", "tw") == "他说“他说‘好’。”"


@pytest.mark.parametrize(
    "text",
    [
        "He said “yes”, and she said ‘no’.",
        "“Yes,” he said.",
        "Don’t worry, it’s Xi’an.",
        "The slogan “中国制造” was everywhere.",  # English text quoting Chinese
        "ASCII quotes \"stay\" and 'stay'",
    ],
)
def test_quotes_in_english_text_are_left_alone(text: str) -> None:
    for tag in TRADITIONAL:
        assert "「" not in convert(text, tag) and "『" not in convert(text, tag)
    assert convert(text, "zh-Hans") == text


def test_english_inside_a_chinese_paragraph() -> None:
    text = "他引用了“Think Different”这句口号，并说：“It’s time.”"
    assert convert(text, "zh-TW") == "他引用了「Think Different」這句口號，並說：「It’s time.」"


def test_a_quotation_over_several_paragraphs() -> None:
    """Chinese opens each paragraph of a long quotation and closes only the last: each line
    is done alone (as every conversion is), an open quotation keeping its depth."""
    text = "他说：“第一段。\n“第二段。”"
    assert convert(text, "zh-TW") == "他說：「第一段。\n「第二段。」"
    lines = text.splitlines(keepends=True)
    assert "".join(convert_lines(lines, "zh-TW")) == convert(text, "zh-TW")


def test_marks_in_code_and_links_are_kept() -> None:
    text = "代码 `print(“好”)` 和“好” 见 https://example.org/“好”"
    got = convert(text, "zh-TW")
    assert "`print(“好”)`" in got and "https://example.org/“好”" in got
    assert "和「好」" in got


def test_every_offset_survives_so_spans_stay_valid() -> None:
    text = "甲“乙”丙‘丁’"
    assert len(quotes.requote(text, "「」『』", [])) == len(text)


def test_text_already_in_the_style_is_left_as_written() -> None:
    assert not quotes.needs_requote("他说“好”", "“”‘’")
    assert quotes.needs_requote("他说“好”", "「」『』")
    assert convert("他说“他说“好””", "zh-Hans") == "他说“他说“好””"  # the writer's nesting


@pytest.mark.parametrize("style", ["「」『』", "“”‘’"])
def test_the_shortcut_for_simple_pairs_agrees_with_the_mark_by_mark_rules(style: str) -> None:
    """`requote` takes a shortcut (one regular expression) when every mark is the other
    style's outer pair with a Chinese character right outside it. On random text made of
    the characters that matter (Chinese, Latin, CJK punctuation, spaces, digits, line breaks,
    every mark, protected spans), whenever the shortcut answers it answers what the
    mark-by-mark rules answer; and it answers often enough to matter."""
    rng = random.Random(11)
    other = "“”" if style[0] == "「" else "「」"
    words = ["说", "好", "，", "：", "。", "a", "Yes", " ", "1", "\n", "(", "<b>", *other]

    def filler(most: int) -> str:
        return "".join(rng.choice(words) for _ in range(rng.randint(0, most)))

    answered = 0
    for _ in range(4000):
        # Mostly quotations between words, as news has them; marks anywhere besides.
        text = "".join(
            filler(3) + (other[0] + filler(4) + other[1] if rng.random() < 0.7 else "")
            for _ in range(rng.randint(1, 4))
        )
        if rng.random() < 0.1:
            text += rng.choice(["‘", "’", "「", "」", "『", "』", "“", "”"])
        kept = [(0, 2)] if rng.random() < 0.1 and len(text) > 2 else []
        shortcut = quotes._simple_pairs(text, style, kept)
        if shortcut is not None:
            answered += 1
            assert shortcut == quotes._requote(text, style, kept), (text, kept)
        rules = quotes._requote(text, style, kept) if quotes.needs_requote(text, style) else text
        assert quotes.requote(text, style, kept) == rules
    assert answered > 400
