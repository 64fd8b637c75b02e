"""The corpus of broken, oddly encoded and hostile seeds (tests/hostile/corpus.py), each case
with its decided outcome: one line naming the file and the reason, or a page whose article
shows the seed's text as text, and nothing else.

Three levels, each with real assertions: the parsed record of every seed alone; the Markdown
the conversion writes; the HTML of one real `mkdocs build --strict` of the whole corpus.
A real browser opens such pages in tests/test_security.py.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import make_project, strict_build
from hostile.corpus import CASES, ERRORS, PAGES, Case, huge_article, write_corpus

from duizhao.ingest.seeds import SeedError, parse_seed
from duizhao.inline import printable
from duizhao.pipeline import convert_all, load_records

BUILT_PAGES = tuple(case for case in PAGES if "huge" not in case.tags)
VARIANTS = ("zh-hans", "zh-hant", "zh-tw", "zh-hk")
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# What our renderer and the theme put inside an article; anything else came from a seed.
ARTICLE_TAGS = set(
    "a b blockquote br button cite code div em figcaption figure footer h1 h2 h3 h4 i img li ol p "
    "small span strong sub sup time ul table caption thead tbody tr th td dl dt dd".split()
)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
BAD_URL = re.compile(
    r"""(?:href|src|action|srcset)\s*=\s*["']?\s*(?:javascript|vbscript|data):""", re.I
)

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href"}
BAD_SCHEME = re.compile(r"\s*(?:javascript|vbscript|data):", re.I)


def ids(cases: tuple[Case, ...]) -> list[str]:
    return [printable(case.name) for case in cases]


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile") / "seeds"
    write_corpus(folder)
    return folder


# --- each seed alone ----------------------------------------------------------------------


@pytest.mark.parametrize("case", ERRORS, ids=ids(ERRORS))
def test_a_bad_seed_fails_with_one_line_naming_the_file(case: Case, corpus: Path) -> None:
    with pytest.raises(SeedError) as caught:
        parse_seed(corpus / case.name)
    message = str(caught.value)
    assert message.startswith(f"{printable(str(corpus / case.name))}: "), message
    assert case.fails in message
    assert message.isprintable(), message  # one line; no control or bidi character


@pytest.mark.parametrize("case", BUILT_PAGES, ids=ids(BUILT_PAGES))
def test_a_seed_that_makes_a_page_parses_to_its_outcome(case: Case, corpus: Path) -> None:
    article = parse_seed(corpus / case.name)
    assert article.script == case.script
    assert article.encoding == case.encoding
    if case.warns:
        assert any(case.warns in warning for warning in article.warnings), article.warnings
    else:
        assert article.warnings == ()
    if case.script == "hans":  # Traditional seeds keep their script in the record
        assert article.title == case.title
        # Compared without spaces: the plain text puts one where an inline tag ended.
        texts = [article.title, *(block.plain for block in article.blocks)]
        plain = "".join("".join(texts).split())
        for text in case.shows:
            assert "".join(text.split()) in plain


def test_the_corpus_covers_every_case_the_issue_names() -> None:
    names = {case.name for case in CASES}
    for (
        wanted
    ) in (  # fmt: skip"empty.txt", "whitespace.txt", "junk.bin", "nul.txt", "utf8-bom.txt",
        "utf16-le-bom.txt",
        "gb18030.txt",
        "gbk.txt",
        "big5.txt",
        "crlf.txt",
        "cr.txt",
        "mixed-encodings.txt",
        "title-only.txt",
        "no-title.txt",
        "huge.txt",
        "long-paragraph.txt",
        "duplicate-title-a.txt",
        "with spaces in name.txt",
        "普京 访华（评论）.txt",
        "epoch-not-a-number.txt",
        "epoch-far-future.txt",
        "header-javascript.txt",
        "html-script.txt",
        "html-iframe.txt",
        "html-object.txt",
        "html-style.txt",
        "html-svg-onload.txt",
        "html-img-onerror.txt",
        "html-javascript-links.txt",
        "html-data-urls.txt",
        "html-form.txt",
        "html-meta-refresh.txt",
        "html-misnested.txt",
        "html-comments.txt",
        "html-entities.txt",
        "front-matter.txt",
        "markdown-html.txt",
        "jinja-material.txt",
        "admonitions.txt",
        "long-line-latin.txt",
        "invisible.txt",
        "emoji.txt",
        "traditional.txt",
    ):
        assert wanted in names, wanted
    assert all(case.outcome for case in CASES)


def test_huge_article_converts_whole_in_reasonable_time(tmp_path: Path) -> None:
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    data = huge_article()
    assert len(data) >= 4_900_000
    (seeds / "huge.txt").write_bytes(data)
    started = time.monotonic()
    report = convert_all(seeds, docs, variants=["zh-Hans"])
    assert report.converted == ["huge.txt"] and not report.failed
    assert time.monotonic() - started < 120  # about 10 s here: no quadratic step
    (record,) = load_records(docs)
    assert len(record.blocks) == data.decode().count("\n\n") - 1
    page = (docs / "zh-hans/articles/huge.md").read_text(encoding="utf-8")
    assert page.count('class="dz-pair"') == len(record.blocks)


# --- one real strict build of the whole corpus ----------------------------------------------


@pytest.fixture(scope="module")
def hostile_build(corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    project = make_project(tmp_path_factory.mktemp("hostile-build") / "project")
    result = strict_build(project, corpus)
    return project, result


@pytest.fixture(scope="module")
def slugs(hostile_build) -> dict[str, str]:
    project, _ = hostile_build
    return {record.seed_name: record.slug for record in load_records(project / "docs")}


def built(project: Path, slug: str, variant: str = "zh-hans") -> str:
    return (project / "site" / variant / "articles" / slug / "index.html").read_text("utf-8")


def article_of(html: str) -> str:
    found = ARTICLE.search(html)
    assert found, "no article element"
    return found.group(1)


def test_strict_build_fails_only_for_the_bad_seeds_each_named_in_one_line(
    hostile_build, corpus: Path
) -> None:
    """--strict turns each failed seed into a failed build (CI notices); every other page
    is still built, and no other warning appears: the hostile pages are clean."""
    project, result = hostile_build
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"Aborted with {len(ERRORS)} warnings in strict mode!" in output
    warnings = [line for line in output.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == len(ERRORS), "\n".join(warnings)
    for case in ERRORS:
        line = f"seed failed: {printable(str(corpus / case.name))}: "
        (found,) = [w for w in warnings if line in w]
        assert case.fails in found
    for variant in VARIANTS:
        pages = list((project / "site" / variant / "articles").glob("*/index.html"))
        assert len(pages) == len(BUILT_PAGES), variant


@pytest.mark.parametrize("case", BUILT_PAGES, ids=ids(BUILT_PAGES))
def test_the_markdown_of_a_page_holds_only_our_markup(case: Case, hostile_build, slugs) -> None:
    project, _ = hostile_build
    page = (project / "docs/zh-hans/articles" / f"{slugs[case.name]}.md").read_text("utf-8")
    _, front, body = page.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta["title"] == case.title and meta["seed"] == case.name
    tags = re.findall(r"<[a-zA-Z][a-zA-Z0-9]*[\s/>][^>]*>", body)  # not a link's <url>
    assert {re.match(r"<([a-zA-Z0-9]+)", tag).group(1) for tag in tags} <= ARTICLE_TAGS, tags
    assert not [tag for tag in tags if HANDLER.search(tag) or BAD_URL.search(tag)]
    assert "{{" not in body.replace("\\{\\{", "") or case.name == "title-markup.txt"


@pytest.mark.parametrize("case", BUILT_PAGES, ids=ids(BUILT_PAGES))
def test_the_built_page_shows_the_text_and_nothing_from_the_markup(
    case: Case, hostile_build, slugs
) -> None:
    project, _ = hostile_build
    html = built(project, slugs[case.name])
    article = article_of(html)
    soup = BeautifulSoup(article, "html.parser")
    assert one_line(soup.find("h1").get_text()).removesuffix("¶") == case.title
    head = BeautifulSoup(html.split("</head>", 1)[0], "html.parser")
    assert head.title.get_text().startswith(case.title + " - ")
    # What the theme prints from the page's own text: its title and description.
    shown_in_head = str(head.title) + str(head.find("meta", attrs={"name": "description"}))
    for zh in soup.select(".dz-en"):
        zh.decompose()  # "not yet translated" notes
    text = one_line(soup.get_text(" "))
    compact = "".join(soup.get_text().split())
    for shown in case.shows:
        assert one_line(shown) in text or "".join(shown.split()) in compact, shown
    for hidden in case.hides:
        assert hidden not in article and hidden not in shown_in_head, hidden


def test_every_built_page_is_free_of_seed_markup(hostile_build, slugs) -> None:
    """Every page of every variant: no handler attribute, no script: or data: URL, inside an
    article only our own tags, and the same scripts as a harmless article's (Material's)."""
    project, _ = hostile_build
    site = project / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 4 * len(BUILT_PAGES)
    reference = {v: scripts(built(project, slugs["utf8.txt"], v)) for v in VARIANTS}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not unsafe_attributes(html), page
        for article in ARTICLE.findall(html):
            names = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9-]*)", article))
            assert names <= ARTICLE_TAGS, (page, names - ARTICLE_TAGS)
        inline = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
        assert not [s for s in inline if "alert(" in s or "evil.example" in s], page
        parts = page.relative_to(site).parts
        if len(parts) == 4 and parts[1] == "articles":
            assert scripts(html) == reference[parts[0]], page


def unsafe_attributes(html: str) -> list[str]:
    """Event handlers anywhere, and URLs that would run or embed something."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") or (name in URL_ATTRIBUTES and BAD_SCHEME.match(text)):
                found.append(f"{tag.name} {name}={text[:60]!r}")
    return found


def scripts(html: str) -> list[str]:
    """The page's script elements, whole (tag and inline code)."""
    return re.findall(r"<script[^>]*>.*?</script>", html, re.S)


def test_entities_that_decode_to_tags_show_as_text(hostile_build, slugs) -> None:
    project, _ = hostile_build
    article = article_of(built(project, slugs["html-entities.txt"]))
    assert "&lt;script&gt;alert('entity')&lt;/script&gt;应当显示为文字。" in article
    assert "&amp;lt;b&amp;gt;双重转义" in article


def test_syntax_from_text_seeds_is_shown_literally(hostile_build, slugs) -> None:
    project, _ = hostile_build
    jinja = article_of(built(project, slugs["jinja-material.txt"]))
    assert "{{ config.site_name }}" in jinja and "{% include 'x.html' %}" in jinja
    assert "&lt;!-- md:option x --&gt;" in jinja
    admonitions = article_of(built(project, slugs["admonitions.txt"]))
    assert '<p class="dz-zh">!!! danger "危险"</p>' in admonitions
    assert 'class="admonition' not in admonitions
    markdown = article_of(built(project, slugs["markdown-html.txt"]))
    assert '!<a href="https://evil.example/md.png">图</a>' in markdown  # a link, no image
    assert '与 <a href="https://news.example/ok">正常链接</a>' in markdown
    assert "<img" not in markdown and "<strong>" not in markdown


def test_urls_that_are_not_http_are_gone_and_their_text_stays(hostile_build, slugs) -> None:
    project, _ = hostile_build
    for name in ("html-javascript-links.txt", "html-data-urls.txt", "header-javascript.txt",
                 "header-data-url.txt"):  # fmt: skip
        html = built(project, slugs[name])
        hrefs = re.findall(r'(?:href|src)="([^"]*)"', article_of(html))
        assert all(h.startswith(("https://", "http://", "#", "../")) for h in hrefs), hrefs
    links = article_of(built(project, slugs["html-javascript-links.txt"]))
    assert '<p class="dz-zh">坏链接一、坏链接二、坏链接三、坏链接四。</p>' in links
    header = article_of(built(project, slugs["header-javascript.txt"]))
    assert "阅读原文" not in header  # no original link rather than a bad one


def test_duplicate_titles_give_two_pages(hostile_build, slugs) -> None:
    project, _ = hostile_build
    a, b = slugs["duplicate-title-a.txt"], slugs["duplicate-title-b.txt"]
    assert a != b
    assert "第一篇的正文。" in built(project, a) and "第二篇的正文。" in built(project, b)
    home = (project / "site/zh-hans/index.html").read_text(encoding="utf-8")
    assert home.count(">同名文章<") == 2


def test_odd_file_names_get_safe_slugs(slugs) -> None:
    for name, slug in slugs.items():
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), (name, slug)
    assert slugs["普京 访华（评论）.txt"] == "pu-jing-fang-hua-ping-lun"
    assert slugs["a;rm -rf ~ $(reboot)&`id`|x.txt"] == "a-rm-rf-reboot-id-x"


def test_traditional_seed_is_detected_and_each_variant_reads_right(hostile_build, slugs) -> None:
    project, _ = hostile_build
    slug = slugs["traditional.txt"]
    # Taiwan says 普丁; standard Traditional and Hong Kong say 普京.
    expected = {
        "zh-hans": "普京访华",
        "zh-hant": "普京訪華",
        "zh-tw": "普丁訪華",
        "zh-hk": "普京訪華",
    }
    for variant, title in expected.items():
        assert f"<title>{title} - " in built(project, slug, variant), variant
    record = {r.seed_name: r for r in load_records(project / "docs")}["traditional.txt"]
    assert record.script == "tw" and record.title == "普丁訪華"


def test_undated_articles_are_listed_as_undated(hostile_build, slugs) -> None:
    project, _ = hostile_build
    for name in ("epoch-not-a-number.txt", "epoch-far-future.txt", "epoch-overflow.txt",
                 "epoch-in-seconds.txt", "impossible-date.txt"):  # fmt: skip
        assert "<time" not in article_of(built(project, slugs[name])), name
    home = (project / "site/zh-hans/index.html").read_text(encoding="utf-8")
    assert home.count("日期不详") >= 5
