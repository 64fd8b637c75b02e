"""The five real seeds parse into the records a reader should see.

Expected values were read off the seed files by hand; paragraph counts are cross-checked
against the raw files in comments (e.g. 34 non-empty lines less title and author).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from duizhao.ingest.seeds import SeedError, parse_seed, parse_seed_bytes, slug_for
from duizhao.record import Article, from_dict, to_dict

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ESSAY = "000_eeb5d0b4dd56e50b.txt"
INITIUM = "001_da52852a1bd2a4ae.txt"
BBC = "002_432d27decd9e6001.txt"
VOA = "003_7ced30145b9de00e.txt"
RFA = "004_2cee1c3ee14bd78d.txt"

# Site furniture that must not survive into any article.
BOILERPLATE = [
    "你的器材不支持播放多媒体材料",
    "获取更多RSS",
    "feedx",
    "图像来源",
    "30 分钟前",
    "icon-zoom",
    "广告",
    "](#)",
    "本刊载内容版权",  # the copyright line belongs in the footer, not the body
    "责编",
    "延伸阅读",
    "<",
    "Mon, 24 Feb 2025",
]


@cache
def article(name: str) -> Article:
    return parse_seed(SEEDS / name)


def kinds(a: Article, kind: str) -> list:
    return [b for b in a.blocks if b.kind == kind]


def body_text(a: Article) -> str:
    parts = []
    for b in a.blocks:
        parts += [b.text, b.plain, *b.items, b.alt, b.credit]
    return "\n".join(parts)


def test_essay_plain_text() -> None:
    a = article(ESSAY)
    assert a.title == "普京给北京打电话，想解释什么？"
    assert a.author == "燕赤侠"
    # No URL, no copyright line, no stated date: unknown stays empty.
    assert (a.source, a.url, a.date, a.dek, a.tags) == ("", "", "", "", ())
    assert len(kinds(a, "paragraph")) == 32  # 34 non-empty lines less title and author
    assert not kinds(a, "heading") and not kinds(a, "figure")
    assert a.blocks[0].plain.startswith("自从美俄正式破冰")
    assert a.blocks[-1].plain == "与中国背靠背，才是俄罗斯现在最大的安全感。"


def test_initium_markdownish_text() -> None:
    a = article(INITIUM)
    assert a.title == "普京访问中国，中俄“背靠背”姿态巩固"  # without "| Whatsnews"
    assert a.section == "Whatsnews"
    assert a.dek == "中国认定美国的主要目标就是中国，因而不会放开和俄罗斯的关系。"
    assert a.source == "端传媒"  # from the copyright line
    assert a.author == "" and a.url == "" and a.date == ""
    assert a.tags == ("中俄关系", "今日俄罗斯", "中俄合作", "普京", "中国外交")
    assert a.credits == (
        "本刊载内容版权为端传媒或相关单位所有，未经端传媒编辑部授权，请勿转载或复制，否则即为侵权。",
    )
    figures = kinds(a, "figure")
    assert [f.credit for f in figures] == [
        "Sputnik/Mikhail Metzel/Pool via Reuters/达志影像",
        "Sergei Bobylev, Sputnik, Kremlin Pool Photo via AP/达志影像",
    ]
    assert (
        figures[0].plain
        == "2024年5月16日，俄罗斯总统普京和国家主席习近平在北京中南海公园出席茶会。"
    )
    # 22 non-empty lines less title, dek, 2 captions, hashtags and copyright.
    assert len(kinds(a, "paragraph")) == 16
    # Placeholder links became plain text; "延伸阅读" pointers moved to related (no URL known).
    assert "在行前，普京接受媒体访问时表示支持中国" in body_text(a)
    assert a.related[0].text == "《中俄宣扬关系“无上限”，但边境贸易是另外一番景象》"
    assert len(a.related) == 4 and all(link.url == "" for link in a.related)


def test_bbc_html() -> None:
    a = article(BBC)
    assert a.title == "习近平普京视频峰会三大看点：中俄相互“打气”联手应对西方"
    assert a.url == "https://www.bbc.com/zhongwen/simp/world-59666831"
    assert a.source == "BBC 中文"
    assert (a.date, a.date_origin) == ("2021-12-15", "page")  # <time dateTime>, not epoch
    assert [h.plain for h in kinds(a, "heading")] == [
        "“协调与配合”",
        "共同面对西方压力",
        "经贸与能源合作",
        "西方国家看法",
    ]
    assert len(kinds(a, "paragraph")) == 31  # 33 <p> less the image and video captions
    photo, video = kinds(a, "figure")
    assert photo.credit == "EPA" and photo.alt == "2021年12月15日，普京与习近平举行视频会谈"
    assert photo.plain.startswith("中俄两国领导人在2021年年底举行视频会谈")
    # The scraper's image proxy is unwrapped to the publisher's own image URL.
    assert photo.src.startswith("https://ichef.bbci.co.uk/news/640/")
    assert (video.media, video.plain) == ("video", "习近平主席同美国总统拜登首次视频会晤")
    # Both in-body related-link lists moved to the related section, with real URLs.
    assert len(a.related) == 9
    assert a.related[0].text == "中俄关系70年沧桑：从兄弟、仇敌到好朋友背后的美国因素"
    assert a.related[0].url == "https://www.bbc.com/zhongwen/simp/chinese-news-48540647"
    assert kinds(a, "paragraph")[0].text.startswith("**在中国、俄罗斯")  # bold lead kept


def test_voa_html() -> None:
    a = article(VOA)
    assert a.title == "俄侵乌三周年，习近平与普京通话 重申“上不封顶”的双边合作关系"
    assert a.source == "美国之音"
    assert (a.date, a.date_origin) == ("2025-02-24", "page")  # the feed's date line
    (figure,) = kinds(a, "figure")
    assert figure.plain.startswith("资料照：中国领导人习近平与俄罗斯总统普京在俄罗斯喀山")
    assert figure.src == (
        "https://gdb.voanews.com/b86c1cf2-209f-419d-d6bb-08dd481b2f46_cx2_cy1_cw90_r1_s_w900.jpg"
    )
    paragraphs = kinds(a, "paragraph")
    assert len(paragraphs) == 15  # 2 <p> split at 13 <br><br>
    assert paragraphs[0].plain.startswith("华盛顿 — 中国国家主席习近平星期一")  # dateline kept
    assert a.related == () and a.credits == ()


def test_rfa_html() -> None:
    a = article(RFA)
    assert a.title == "西方围堵下中俄“抱团取暖” 两国结盟可行吗？"
    assert a.source == "自由亚洲电台"
    assert a.author == "吕熙"  # "记者吕熙伦敦报道": the dateline is not part of the name
    assert (a.date, a.date_origin) == ("2021-12-15", "epoch")  # no date stated in the page
    assert a.credits == ("自由亚洲电台记者吕熙伦敦报道 责编：嘉远 网编：郭度",)
    assert [h.plain for h in kinds(a, "heading")] == [
        "习近平不点名批美国干涉中俄内政",
        "中方称普京将赴华出席冬奥开幕式",
        "普京获习近平支持寻求西方“安全保障”",
        "暂时“抱团取暖”还是“革命友谊”？",
        "“不是盟友，胜似盟友”的中俄关系",
    ]
    # 29 <p>: less 2 empty, 5 bold sub-headings, 2 wrapping figures, the credit line.
    assert len(kinds(a, "paragraph")) == 19
    figures = kinds(a, "figure")
    assert len(figures) == 2 and len({f.id for f in figures}) == 2
    # The credit in brackets is the figure's credit, not part of its caption.
    assert all(f.plain.endswith("举行了视频会晤。") and f.credit == "美联社" for f in figures)
    assert [link.url.rsplit("/", 1)[1] for link in a.related] == [
        "1-12152021104744.html",
        "wul1215c-12152021065708.html",
        "rc-12142021133138.html",
    ]


@pytest.mark.parametrize("name", [ESSAY, INITIUM, BBC, VOA, RFA])
def test_no_boilerplate_survives(name: str) -> None:
    text = body_text(article(name))
    for phrase in BOILERPLATE:
        assert phrase not in text, f"{phrase!r} left in {name}"


@pytest.mark.parametrize("name", [ESSAY, INITIUM, BBC, VOA, RFA])
def test_ids_are_unique_stable_and_content_derived(name: str) -> None:
    a = article(name)
    ids = [b.id for b in a.blocks]
    assert len(ids) == len(set(ids))
    again = parse_seed(SEEDS / name)
    assert [b.id for b in again.blocks] == ids
    assert a.seed_name == name and len(a.seed_hash) == 64


def test_inserting_a_paragraph_keeps_the_other_ids() -> None:
    original = (SEEDS / ESSAY).read_text(encoding="utf-8")
    lines = original.split("\n")
    where = lines.index("第一、中俄关系牢不可破。")
    edited = "\n".join([*lines[:where], "新插入的一段。", "", *lines[where:]])
    before = parse_seed_bytes(ESSAY, original.encode())
    after = parse_seed_bytes(ESSAY, edited.encode())
    assert {b.id for b in before.blocks} < {b.id for b in after.blocks}


def test_record_round_trips_through_json() -> None:
    for name in (INITIUM, BBC, RFA):
        a = article(name)
        assert from_dict(to_dict(a)) == a


def test_slugs() -> None:
    assert slug_for(ESSAY) == "000-eeb5d0b4dd56e50b"
    assert slug_for("普京 访华.txt") == "pu-jing-fang-hua"
    assert slug_for("a b;rm -rf.html") == "a-b-rm-rf"
    assert slug_for("！！.txt").startswith("article-")


def test_an_ascii_name_slugs_as_pypinyin_would_slug_it() -> None:
    """slug_for skips pypinyin (and loading its dictionaries) for ASCII names: what it
    makes must be what pypinyin gives, on names made of every printable ASCII character."""
    import random
    import re
    import string

    from pypinyin import lazy_pinyin

    rng = random.Random(5)
    alphabet = string.printable[:-5].replace("#", "")  # "#" names a line of an export
    for _ in range(2000):
        name = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        expected = re.sub(r"[^a-z0-9]+", "-", "-".join(lazy_pinyin(name)).lower()).strip("-")
        if expected:
            assert slug_for(name + ".txt") == expected[:80].rstrip("-"), name
        else:
            assert slug_for(name + ".txt").startswith("article-"), name


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "only white space"),
        (b"\x00\x01\x02binary", "binary"),
        ("<!--123-->\n不是链接\n------\n<p>x</p>".encode(), "line 2 is not a [title](url)"),
        ("<!--123-->\n[标题](https://x.org/a)\n<p>x</p>\n".encode(), "line 3 is not a ------"),
        ("只有标题\n".encode(), "no article text"),
    ],
)
def test_bad_seeds_fail_with_the_file_and_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(SeedError) as caught:
        parse_seed_bytes("bad seed.txt", data)
    assert str(caught.value).startswith("bad seed.txt: ")
    assert reason in str(caught.value)
