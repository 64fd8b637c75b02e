"""The glossary in the site: marking terms in HTML, the glossary page, key terms and related
articles, the build cache, and the built site end to end."""

from __future__ import annotations

import csv
import html
import io
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import markdown
import pytest
from conftest import SEEDS
from test_build import SLUGS, VARIANT_FOLDERS

from duizhao.english.memory import Memory
from duizhao.glossary import Glossary, Occurrence, Term, build_glossary, nametable
from duizhao.glossary import page as glossary_page
from duizhao.glossary import store as glossary_store
from duizhao.glossary.marking import mark_terms
from duizhao.glossary.store import ArticleInfo, Corpus
from duizhao.ingest.seeds import parse_seed
from duizhao.pipeline import convert_all

BBC = "002-432d27decd9e6001"


def term(term_id: str, simplified: str, *aliases: str, occurrences=()) -> Term:
    return Term(
        id=term_id,
        simplified=simplified,
        traditional=simplified,
        forms={tag: simplified for tag in VARIANT_FOLDERS.values()},
        aliases=aliases,
        pinyin="Pǔjīng",
        english="Vladimir Putin",
        english_source="curated",
        kind="person",
        note="",
        occurrences=tuple(occurrences),
    )


@pytest.fixture(scope="module")
def small() -> Glossary:
    return Glossary(
        [
            term("pu-jing", "普京", "弗拉基米尔·普京"),
            term("zhong-e", "中俄"),
            term("zhong-e-guan-xi", "中俄关系"),
            term("g7", "七国集团", "G7"),
        ]
    )


def wrap(term_id: str, text: str) -> str:
    return f'<a class="dz-term" href="#{term_id}">{text}</a>'


def marks(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="dz-term" href="#([^"]+)">(.*?)</a>', html)


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


# --- marking ----------------------------------------------------------------------------


def test_longest_term_wins_and_each_hit_is_marked_once(small: Glossary) -> None:
    html = "<p>弗拉基米尔·普京说，普京重视中俄关系与中俄合作。</p>"
    marked, count = mark_terms(html, small.matcher("zh-Hans").find, wrap)
    assert marks(marked) == [
        ("pu-jing", "弗拉基米尔·普京"),
        ("pu-jing", "普京"),
        ("zhong-e-guan-xi", "中俄关系"),
        ("zhong-e", "中俄"),
    ]
    assert count == 4
    assert visible_text(marked) == visible_text(html)


@pytest.mark.parametrize(
    "html",
    [
        "<h1>普京</h1>",
        '<h2 id="h-1">中俄关系 <a class="headerlink" href="#h-1">¶</a></h2>',
        '<p><a href="https://example.com/">普京访华</a></p>',
        "<p><code>普京</code></p>",
        "<pre><code>中俄关系</code></pre>",
        '<p class="dz-en" lang="en">Putin 普京 G7</p>',
        '<div lang="en"><p>普京 <b>中俄</b></p></div>',
        '<footer class="dz-credits"><p>普京</p></footer>',
        '<p class="dz-meta"><span>普京</span></p>',
        '<p><a class="dz-term" href="#pu-jing">普京</a></p>',
        "<p><abbr title='x'>G7</abbr></p>",
    ],
)
def test_nothing_is_marked_in_headings_links_code_english_or_another_term(
    small: Glossary, html: str
) -> None:
    marked, count = mark_terms(html, small.matcher("zh-Hans").find, wrap)
    assert (marked, count) == (html, 0)


def test_marking_resumes_after_the_element_that_blocked_it(small: Glossary) -> None:
    html = '<p>普京 <a href="x">普京 <b>普京</b></a> 普京</p><h2>中俄</h2><p>中俄</p>'
    marked, count = mark_terms(html, small.matcher("zh-Hans").find, wrap)
    assert count == 3
    assert marked.count('href="x"') == 1
    assert marked.endswith('<h2>中俄</h2><p><a class="dz-term" href="#zhong-e">中俄</a></p>')


def test_escaped_text_stays_escaped_and_attributes_are_not_text(small: Glossary) -> None:
    html = (
        '<p title="普京 > 中俄">&lt;script&gt;普京&amp;中俄&lt;/script&gt;</p>'
        "<!-- 普京 --><img alt=\"普京\" src='a>b.png'><p>G7和PRIO、G77</p>"
    )
    marked, count = mark_terms(html, small.matcher("zh-Hans").find, wrap)
    assert "<script" not in marked
    assert marked.startswith('<p title="普京 > 中俄">&lt;script&gt;<a class="dz-term"')
    assert "<!-- 普京 -->" in marked and 'alt="普京"' in marked
    # Latin aliases only as whole words: G7, not the start of G77.
    assert [found for found in marks(marked)] == [
        ("pu-jing", "普京"),
        ("zhong-e", "中俄"),
        ("g7", "G7"),
    ]
    assert count == 3


def test_stray_and_unclosed_tags_keep_links_unmarked(small: Glossary) -> None:
    html = "<p></a>普京</p><p><a href='y'>普京</p><p>普京"
    marked, _ = mark_terms(html, small.matcher("zh-Hans").find, wrap)
    # A stray end tag unblocks nothing and blocks nothing; an unclosed link is closed by
    # its paragraph, as a browser does.
    assert marks(marked) == [("pu-jing", "普京"), ("pu-jing", "普京")]


def test_variant_spellings_are_found_in_their_variant() -> None:
    glossary = build_glossary([parse_seed(path) for path in sorted(SEEDS.iterdir())])
    marked, _ = mark_terms("<p>普丁與川普</p>", glossary.matcher("zh-TW").find, wrap)
    assert marks(marked) == [("pu-jing", "普丁"), ("te-lang-pu", "川普")]
    # every variant finds every regional spelling: a Simplified page may quote Taiwan
    marked, _ = mark_terms("<p>普丁与川普</p>", glossary.matcher("zh-Hans").find, wrap)
    assert marks(marked) == [("pu-jing", "普丁"), ("te-lang-pu", "川普")]


# --- glossary page and article sections -------------------------------------------------


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    articles = [parse_seed(path) for path in sorted(SEEDS.iterdir())]
    glossary = build_glossary(articles, memory=Memory.load())
    infos = {a.slug: ArticleInfo(a.slug, a.title, a.script) for a in articles}
    return Corpus(glossary, infos, "test")


def render(text: str) -> str:
    body = text.split("---\n", 2)[-1]
    return markdown.markdown(body, extensions=["attr_list", "md_in_html"])


def test_glossary_page_groups_entries_by_pinyin_initial(corpus: Corpus) -> None:
    page = glossary_page.glossary_page(corpus, "zh-Hans")
    letters = re.findall(r"^## (\S+) \{ #initial-(\S+) \}$", page, flags=re.M)
    assert [letter for letter, _ in letters] == sorted(letter for letter, _ in letters)
    assert len(letters) == len({letter for letter, _ in letters})  # one heading per letter
    order = [m.group(1) for m in re.finditer(r'<div class="dz-entry" id="([^"]+)"', page)]
    assert order == [t.id for t in corpus.glossary]  # every term, once, in pinyin order
    current = ""
    for line in page.splitlines():
        if heading := re.match(r"## (\S+) ", line):
            current = heading.group(1)
        elif entry := re.match(r'<div class="dz-entry" id="([^"]+)"', line):
            assert glossary_page.initial(corpus.glossary.by_id(entry.group(1))) == current
    assert glossary_page.initial(corpus.glossary.by_id("e-luo-si")) == "E"  # É → E


def test_entry_shows_forms_pinyin_english_and_every_article(corpus: Corpus) -> None:
    page = glossary_page.glossary_page(corpus, "zh-TW")
    entry = page.split('id="pu-jing"', 1)[1].split('<div class="dz-entry"', 1)[0]
    assert '<span class="dz-entry-word">普丁</span>' in entry
    assert '简 <span lang="zh-Hans">普京 <span class="dz-pinyin"' in entry and "臺 <span" in entry
    assert '<span class="dz-pinyin" lang="zh-Latn-pinyin">Pǔdīng</span>' in entry  # 普丁's own
    assert "Pǔjīng" in entry and "Vladimir Putin" in entry  # beside 简 普京
    assert "又作" in entry and "弗拉基米爾·普丁" in entry
    putin = corpus.glossary.by_id("pu-jing")
    lines = re.findall(
        r'^<li><a href="\.\./articles/([^/]+)/#([^"]+)">(.+?)</a> (.*)</li>$', entry, re.M
    )
    assert sorted(slug for slug, _, _, _ in lines) == sorted(putin.slugs)
    for slug, anchor, _title, rest in lines:
        count = sum(o.count for o in putin.occurrences if o.slug == slug)
        assert f"{count} 次" in rest
        first_body = next(o for o in putin.occurrences if o.slug == slug and o.block_id)
        assert anchor == first_body.block_id  # the paragraph, not the title
        assert "<b>普丁</b>" in rest or "<b>弗拉基米爾·普丁</b>" in rest
    counts = [int(re.search(r"(\d+) 次", rest).group(1)) for *_, rest in lines]
    assert counts == sorted(counts, reverse=True)


def test_english_says_where_it_comes_from_and_cedict_is_credited(corpus: Corpus) -> None:
    page = glossary_page.glossary_page(corpus, "zh-Hans")
    entry = r'<div class="dz-entry" id="([^"]+)"'
    # The source in Chinese, and in English for the English reading mode.
    tag_or_end = (
        r'(?:<span class="dz-source-tag" lang="zh-Hans"><span class="dz-ui-zh">([^<]+)</span>'
        r'<span class="dz-ui-en" lang="en">([^<]+)</span></span>|</div>)'
    )
    sources = re.findall(entry + ".*?" + tag_or_end, page, re.S)
    said = {slug: (html.unescape(zh), html.unescape(en)) for slug, zh, en in sources}
    for term in corpus.glossary:
        source = term.english_source if term.english else ""
        expected = (
            (glossary_page.ENGLISH_SOURCES[source], glossary_page.ENGLISH_SOURCES_EN[source])
            if source
            else ("", "")
        )
        assert said[term.id] == expected, term.id
    assert {t.english_source for t in corpus.glossary} >= {"article", "curated"}
    uses_cedict = any(t.english_source == "cedict" for t in corpus.glossary)
    assert ("CC BY-SA 4.0" in page) == uses_cedict
    for slug in corpus.articles:
        section = glossary_page.article_terms(corpus, slug, "zh-Hans")
        cedict_here = any(t.english_source == "cedict" for t in corpus.glossary.for_article(slug))
        assert ("CC BY-SA 4.0" in section) == cedict_here


def test_key_terms_most_frequent_first_and_related_by_shared_terms(corpus: Corpus) -> None:
    section = glossary_page.article_terms(corpus, BBC, "zh-Hans")
    key = re.findall(
        r'<li><a href="\.\./\.\./glossary/#([^"]+)">([^<]+)</a>.*?×(\d+)</span></li>', section
    )
    assert {term_id for term_id, _, _ in key} == {t.id for t in corpus.glossary.for_article(BBC)}
    assert [int(n) for *_, n in key] == sorted((int(n) for *_, n in key), reverse=True)
    related = re.findall(r'<li><a href="\.\./([^/"]+)/">[^<]+</a> .*?(\d+) 个共同词条', section)
    assert BBC not in [slug for slug, _ in related]
    assert 0 < len(related) <= glossary_page.RELATED_LIMIT
    expected = corpus.glossary.related(BBC)[: glossary_page.RELATED_LIMIT]
    assert [(slug, int(n)) for slug, n in related] == expected


def test_article_without_terms_gets_no_section(corpus: Corpus) -> None:
    assert glossary_page.article_terms(corpus, "no-such-article", "zh-Hans") == ""


def test_hostile_titles_notes_and_snippets_stay_text() -> None:
    evil = "<script>alert(1)</script>[x](javascript:alert(1)){: onclick=x }"
    hostile = Term(
        id="pu-jing",
        simplified="普京",
        traditional="普京",
        forms={tag: "普京" for tag in VARIANT_FOLDERS.values()},
        aliases=(),
        pinyin="Pǔjīng",
        english=evil,
        english_source="article",
        kind="person",
        note=evil,
        occurrences=(Occurrence("a", "p-00000000", 1, evil + "普京"),),
    )
    corpus = Corpus(Glossary([hostile]), {"a": ArticleInfo("a", evil, "hans")}, "x")
    for text in (
        glossary_page.glossary_page(corpus, "zh-Hans"),
        glossary_page.article_terms(corpus, "a", "zh-Hans"),
    ):
        html = render(text)
        assert "<script" not in html and "javascript:" not in html.replace("javascript:alert", "")
        assert 'href="javascript' not in html and "onclick" not in re.sub(r">[^<]*<", "><", html)
        assert "&lt;script&gt;" in html


def test_downloads_have_one_row_per_term(corpus: Corpus) -> None:
    files = glossary_page.downloads(corpus.glossary)
    rows = list(csv.reader(io.StringIO(files["duizhao-glossary.tsv"]), delimiter="\t"))
    assert len(rows) == len(corpus.glossary)
    assert ["普京", "普京", "Pǔjīng", "Vladimir Putin", "普丁", "Pǔdīng", "", ""] in rows
    spreadsheet = files["duizhao-glossary.csv"]
    assert spreadsheet.startswith("\ufeffSimplified,Traditional,Pinyin,English,Taiwan,")
    assert len(spreadsheet.splitlines()) == len(corpus.glossary) + 1
    assert "俄罗斯[俄羅斯]\tÉluósī\tRussia\n" in files["duizhao-glossary-pleco.txt"]


# --- the build cache --------------------------------------------------------------------


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    convert_all(SEEDS, docs)
    glossary_store._last.clear()
    return docs


def test_cache_is_reused_until_an_input_changes(
    docs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    curated = tmp_path / "glossary.yaml"
    curated.write_text("terms:\n  - zh: 中南海\n    en: Zhongnanhai\n", encoding="utf-8")
    first = glossary_store.load(docs, curated)
    assert glossary_store.load(docs, curated) is first  # same process: no work at all

    calls = []
    real_build = glossary_store.build_glossary

    def counting_build(*args, **kwargs):
        calls.append(1)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(glossary_store, "build_glossary", counting_build)
    glossary_store._last.clear()  # a new process: the cache file serves
    again = glossary_store.load(docs, curated)
    assert calls == []
    assert [t for t in again.glossary] == [t for t in first.glossary]
    assert again.articles == first.articles

    curated.write_text("terms:\n  - zh: 中南海\n    en: Zhongnanhai compound\n", "utf-8")
    changed = glossary_store.load(docs, curated)
    assert calls == [1]
    assert changed.glossary.by_id("zhong-nan-hai").english == "Zhongnanhai compound"


def test_damaged_cache_is_rebuilt(docs: Path) -> None:
    first = glossary_store.load(docs)
    cache = docs / ".duizhao" / glossary_store.CACHE_FILE
    cache.write_text('{"format": 1, "digest": "' + first.digest + '", "terms": [{}]}')
    glossary_store._last.clear()
    again = glossary_store.load(docs)
    assert len(again.glossary) == len(first.glossary) > 0


def test_cache_key_covers_every_module_of_the_glossary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = tmp_path / "glossary"
    code.mkdir()
    for module in glossary_store.GLOSSARY_DIR.glob("*.py"):
        (code / module.name).write_bytes(module.read_bytes())
    monkeypatch.setattr(glossary_store, "GLOSSARY_DIR", code)
    docs, memory = tmp_path / "docs", tmp_path / "memory.jsonl"
    key = glossary_store._digest(docs, None, memory)
    for name in ("__init__.py", "assemble.py", "pairs.py", "readings.py", "cedict.py"):
        module = code / name
        original = module.read_bytes()
        module.write_bytes(original + b"\n# a changed rule\n")
        assert glossary_store._digest(docs, None, memory) != key, name
        module.write_bytes(original)
    assert glossary_store._digest(docs, None, memory) == key


def test_cache_key_covers_the_glossarys_names_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor's new row in data/glossary/names.tsv reaches the next build's glossary."""
    table = tmp_path / "names.tsv"
    table.write_bytes(nametable.GLOSSARY_NAMES_FILE.read_bytes())
    monkeypatch.setattr(nametable, "GLOSSARY_NAMES_FILE", table)
    docs, memory = tmp_path / "docs", tmp_path / "memory.jsonl"
    key = glossary_store._digest(docs, None, memory)
    with table.open("a", encoding="utf-8") as out:
        out.write("卓永兴\tCheuk Wing-hing (Chief Secretary)\tperson\tofficial\t\n")
    assert glossary_store._digest(docs, None, memory) != key


# --- the built site ---------------------------------------------------------------------


class _Links(HTMLParser):
    """Ids, hrefs, and where glossary marks stand, of one page."""

    HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.terms: list[str] = []
        self.bad_marks: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])
            if "dz-term" in (values.get("class") or "").split():
                self.terms.append(values["href"])
                if set(self.open) & (self.HEADINGS | {"a", "code"}):
                    self.bad_marks.append(values["href"])
        if tag not in {"img", "br", "hr", "input", "meta", "link", "source", "wbr"}:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass


def parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def internal_targets(site: Path, page: Path, hrefs: list[str]) -> list[tuple[Path, str]]:
    """(file, fragment) of each link that stays in the site."""
    base = "http://site/" + page.relative_to(site).as_posix()
    found = []
    for href in hrefs:
        url = urlsplit(urljoin(base, href))
        if url.netloc != "site":
            continue
        path = unquote(url.path).lstrip("/")
        target = site / path
        if path == "" or path.endswith("/"):
            target = target / "index.html"
        found.append((target, url.fragment))
    return found


def test_every_glossary_link_resolves_to_an_existing_anchor(built_site: Path) -> None:
    site = built_site / "site"
    cache: dict[Path, _Links] = {}
    checked = 0
    for folder in VARIANT_FOLDERS:
        pages = [site / folder / "glossary" / "index.html"]
        pages += [site / folder / "articles" / slug / "index.html" for slug in SLUGS]
        for page in pages:
            links = parsed(page)
            # Every link of the page that stays in the site: marks, key terms, related
            # articles, entries' occurrences, and the theme's own.
            for target, fragment in internal_targets(site, page, links.hrefs):
                assert target.is_file(), f"{page}: {target} missing"
                if fragment:
                    if target not in cache:  # setdefault would parse it every time
                        cache[target] = parsed(target)
                    ids = cache[target].ids
                    assert fragment in ids, f"{page}: #{fragment} not in {target}"
                    checked += 1
    assert checked > 1000  # marks, key terms, entries and occurrences of four variants


def test_terms_are_marked_in_articles_but_never_in_headings_or_links(built_site: Path) -> None:
    site = built_site / "site"
    for folder in VARIANT_FOLDERS:
        for slug in SLUGS:
            links = parsed(site / folder / "articles" / slug / "index.html")
            assert len(links.terms) >= 10, (folder, slug)
            assert links.bad_marks == []
    bbc = (site / "zh-tw" / "articles" / BBC / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="dz-term" href="../../glossary/#pu-jing" title="Pǔdīng · '
                     r'Vladimir Putin">普丁</a>', bbc)  # 普丁's own reading  # fmt: skip
    title = re.search(r"<h1[^>]*>(.*?)</h1>", bbc, re.S).group(1)
    assert "dz-term" not in title and "普丁" in title
    assert 'id="key-terms"' in bbc and 'id="related-articles"' in bbc
    toc = re.search(r'data-md-component="toc"(.*?)</nav>', bbc, re.S).group(1)
    assert 'href="#key-terms"' in toc and 'href="#related-articles"' in toc


def test_glossary_page_in_every_variant_nav_and_downloads(built_site: Path) -> None:
    site = built_site / "site"
    terms = set()
    for folder, tag in VARIANT_FOLDERS.items():
        page = (site / folder / "glossary" / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{tag}"' in page
        terms.add(len(re.findall(r'<div class="dz-entry" id="', page)))
        home = (site / folder / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<a href="glossary/" class="md-nav__link', home)
    assert len(terms) == 1 and terms.pop() >= 40
    tsv = (site / "downloads" / "duizhao-glossary.tsv").read_text(encoding="utf-8")
    assert len(tsv.splitlines()) >= 40


def test_a_term_in_very_many_articles_keeps_the_page_small() -> None:
    slugs = [f"a{n:03d}" for n in range(250)]
    occurrences = [
        Occurrence(slug, "p-00000000", 250 - n, "普京说") for n, slug in enumerate(slugs)
    ]
    many = term("pu-jing", "普京", occurrences=occurrences)
    corpus = Corpus(Glossary([many]), {s: ArticleInfo(s, f"标题{s}", "hans") for s in slugs}, "x")
    page = glossary_page.glossary_page(corpus, "zh-Hans")
    assert page.count('<span class="dz-snippet">') == glossary_page.SNIPPET_LIMIT
    linked = re.findall(r'href="\.\./articles/(a\d+)/#p-00000000"', page)
    assert linked == slugs[: glossary_page.LINK_LIMIT]  # most occurrences first, each once
    assert "以及另外 50 篇文章。" in page


def test_related_articles_ignore_terms_that_are_everywhere() -> None:
    from duizhao import glossary as glossary_module

    spread = glossary_module.RELATED_SPREAD
    everywhere = [f"a{n}" for n in range(spread + 1)]
    common = term(
        "zhong-guo", "中国", occurrences=[Occurrence(s, "p-1", 1, "") for s in everywhere]
    )
    rare = term("pu-jing", "普京", occurrences=[Occurrence(s, "p-1", 1, "") for s in ("a0", "a7")])
    glossary = Glossary([common, rare])
    assert glossary.related("a0") == [("a7", 1)]  # 中国 alone relates nothing
    assert glossary.related("a3") == []
