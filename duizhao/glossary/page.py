"""The glossary page of a variant, and an article's key terms and related articles.
Plain Python; the hook (hooks/glossary.py) decides where each goes and gives the URLs.

The page is Markdown for its headings (they make the table of contents: one per pinyin
initial), and raw HTML for the entries; the article sections are HTML. Python-Markdown took
10 ms per article to render its key-terms list (inline links in `md_in_html`), which was most
of what the glossary added to a build; raw HTML is passed through. Lists of links
(occurrences, key terms, related articles) are kept out of the search index
(`data-search-exclude`): they repeat titles and text the index already has.

Every string from an article or the curated file is escaped with `html.escape`; nothing of
it is Markdown. The links are checked by the end-to-end tests (every one resolves to an
existing page and anchor). Interface words are Simplified and go through `say`.

Sections: public API, then glossary entries, then helpers.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from duizhao import variants
from duizhao.glossary import Glossary, Occurrence, Term, to_csv
from duizhao.glossary.store import Corpus
from duizhao.site.pages import in_each_mode

Say = Callable[[str], str]
Href = Callable[[str], str]  # article slug -> its URL, relative to the page being written

LABELS = {
    "title": "术语表",
    "intro": (
        "{n} 个词条，来自全部 {a} 篇文章，按拼音排列。"
        "每个词条列出出现它的文章、次数和第一次出现的段落。"
    ),
    "download": "下载词表",
    "anki": "Anki（TSV）",
    "pleco": "Pleco",
    "spreadsheet": "电子表格（CSV）",
    "aliases": "又作",
    "articles": "出现于",
    "times": "{n} 次",
    "more": "还出现于：",
    "rest": "以及另外 {n} 篇文章。",
    "key_terms": "本文关键词",
    "related_articles": "相关文章",
    "shared": "{n} 个共同词条",
    "glossary_link": "全部词条见术语表",
    "sources": (
        "英文释义的来源标在旁边：文中对照（文章自己给出的英文）、人工编辑（data/glossary.yaml）、"
        "名称表（data/variants/names.tsv、data/glossary/names.tsv）、"
        "CC-CEDICT 词典（或由其中的词组合）、翻译记忆，或人名的拼音转写。"
    ),
    "cedict": "标有 CC-CEDICT 的英文释义来自 CC-CEDICT 词典（MDBG 发布，CC BY-SA 4.0 许可）。",
    "empty": "还没有词条。",
    "no_english": "英文待补：还没有可靠的英文，已列入编辑待办（scripts/glossary_queue.py）。",
}
# Where an entry's English comes from, said beside it (Simplified, converted per variant).
ENGLISH_SOURCES = {
    "article": "文中对照",
    "curated": "人工编辑",
    "names": "名称表",
    "cedict": "CC-CEDICT",
    "composed": "据 CC-CEDICT 组合",
    "memory": "翻译记忆",
    "romanised": "拼音转写",
}
KIND_LABELS = {"person": "人物", "place": "地点", "organisation": "机构", "term": "术语"}
# The same words in English, for the English reading mode.
LABELS_EN = {
    "title": "Glossary",
    "intro": (
        "{n} terms from all {a} articles, in pinyin order. Each entry lists the articles it "
        "occurs in, how often, and the first paragraph it is in."
    ),
    "download": "Download the list",
    "anki": "Anki (TSV)",
    "pleco": "Pleco",
    "spreadsheet": "Spreadsheet (CSV)",
    "aliases": "also",
    "times": "{n}×",
    "more": "Also in: ",
    "rest": "and {n} more articles.",
    "key_terms": "Key terms",
    "related_articles": "Related articles",
    "shared": "{n} terms in common",
    "glossary_link": "All terms are in the glossary",
    "sources": (
        "Where each English comes from is said beside it: the article's own English, edited "
        "by hand (data/glossary.yaml), the names tables (data/variants/names.tsv, "
        "data/glossary/names.tsv), the CC-CEDICT dictionary (or words of it put together), "
        "the translation memory, or a name in pinyin."
    ),
    "cedict": "English marked CC-CEDICT is from the CC-CEDICT dictionary (MDBG, CC BY-SA 4.0).",
    "empty": "No terms yet.",
    "no_english": "No reliable English yet: listed for the editors (scripts/glossary_queue.py).",
}
ENGLISH_SOURCES_EN = {
    "article": "the article's English",
    "curated": "edited",
    "names": "names table",
    "cedict": "CC-CEDICT",
    "composed": "composed from CC-CEDICT",
    "memory": "translation memory",
    "romanised": "pinyin",
}
KIND_LABELS_EN = {"person": "person", "place": "place", "organisation": "organisation",
                  "term": "term"}  # fmt: skip

DOWNLOADS = {  # file name -> (label key, to_csv dialect, header row)
    "duizhao-glossary.tsv": ("anki", "tsv", False),
    "duizhao-glossary-pleco.txt": ("pleco", "pleco", False),
    "duizhao-glossary.csv": ("spreadsheet", "csv", True),
}
DOWNLOAD_DIR = "downloads"
RELATED_LIMIT = 5
# A term in thousands of articles would make a glossary page of megabytes: the articles that
# use it most get a snippet, the next ones a plain link, the rest a count.
SNIPPET_LIMIT = 20
LINK_LIMIT = 200
CEDICT_URL = "https://cc-cedict.org/wiki/"


def _same(text: str) -> str:
    return text


def glossary_page(
    corpus: Corpus, tag: str, say: Say = _same, article_href: Href | None = None
) -> str:
    """The glossary page of variant `tag`, at <variant>/glossary.md; `article_href` gives an
    article's URL from there (default: the directory URL, ../articles/<slug>/)."""
    markdown, blocks = glossary_page_parts(corpus, tag, say, article_href)
    return fill_blocks(fill_blocks(markdown, blocks), blocks)


def fill_blocks(text: str, blocks: dict[str, str]) -> str:
    """Put HTML in place of the placeholders `text` holds (in Markdown or in HTML).

    One level at a time: the entries (`dz-glossary-block`) hold their occurrence lists'
    placeholders (`dz-glossary-occurrences`), filled by a second call. The hook fills the
    entries before Material's search indexes the page and the occurrence lists after, so
    the index's HTML parser never reads the lists, which it would skip anyway
    (data-search-exclude) and which are most of the page."""
    return _PLACEHOLDER.sub(lambda match: blocks.get(match.group(0), match.group(0)), text)


_PLACEHOLDER = re.compile(r"<!-- dz-glossary-(?:block|occurrences) \d+ -->")


def glossary_page_parts(
    corpus: Corpus, tag: str, say: Say = _same, article_href: Href | None = None
) -> tuple[str, dict[str, str]]:
    """The glossary page as Markdown with a placeholder comment per group of entries, and
    the groups' HTML by placeholder. Python-Markdown renders the headings (they make the
    table of contents) and passes the comments through; the hook puts the entries in the
    rendered page, so the Markdown parser never walks thousands of HTML tags."""
    article_href = article_href or (lambda slug: f"../articles/{slug}/")
    blocks: dict[str, str] = {}
    group: list[str] = []

    def close_group() -> None:
        if group:
            placeholder = f"<!-- dz-glossary-block {len(blocks)} -->"
            blocks[placeholder] = "\n".join(group)
            parts.append(placeholder)
            group.clear()

    glossary = corpus.glossary
    front = (
        "---\n"
        f"title: {say(LABELS['title'])}\n"
        f"lang: {variants.variant(tag).tag}\n"
        "hide: [navigation]\n"
        "---\n\n"
    )
    parts = [f"# {_ui('title', say)} {{ #glossary }}"]
    if not len(glossary):
        parts.append(_ui("empty", say))
        return front + "\n\n".join(parts) + "\n", blocks
    parts.append(_ui("intro", say, n=len(glossary), a=len(corpus.articles)))
    downloads = " · ".join(
        f"[{_ui(label, say)}](../{DOWNLOAD_DIR}/{name})"
        for name, (label, _, _) in DOWNLOADS.items()
    )
    download = _both(say(LABELS["download"]) + "：", LABELS_EN["download"] + ": ")
    parts.append(f"{download}{downloads}\n{{: .dz-downloads }}")
    current = ""
    for term in glossary:
        letter = initial(term)
        if letter != current:
            close_group()
            current = letter
            anchor = "other" if letter == "#" else letter.lower()
            parts.append(f"## {letter} {{ #initial-{anchor} }}")
        group.append(_entry(term, corpus, tag, say, article_href, blocks))
    close_group()
    parts.append(f'<p class="dz-credit-line">{_ui("sources", say)}</p>')
    if any(term.english_source in ("cedict", "composed") for term in glossary):
        parts.append(_cedict_credit(say))
    return front + "\n\n".join(parts) + "\n", blocks


@dataclass(frozen=True)
class ArticleSections:
    """An article's glossary sections: their HTML, and their headings for the page's table of
    contents, as (anchor, title) pairs."""

    html: str = ""
    headings: tuple[tuple[str, str], ...] = ()


def article_sections(
    corpus: Corpus,
    slug: str,
    tag: str,
    say: Say = _same,
    glossary_href: str = "../../glossary/",
    article_href: Href | None = None,
) -> ArticleSections:
    """An article's "key terms" and "related articles" sections (empty without terms).

    Key terms: most frequent in this article first. Related: articles sharing the most terms
    first, at most RELATED_LIMIT. `glossary_href` is the glossary page's URL and
    `article_href` another article's, both relative to this article's page.
    """
    article_href = article_href or (lambda other: f"../{other}/")
    glossary = corpus.glossary
    terms = sorted(glossary.for_article(slug), key=lambda t: (-_count_in(t, slug), t.pinyin))
    if not terms:
        return ArticleSections()
    items = []
    for term in terms:
        english = f' <span lang="en">{html.escape(term.english)}</span>' if term.english else ""
        items.append(
            f'<li><a href="{html.escape(glossary_href)}#{term.id}">'
            f"{html.escape(term.forms[tag])}</a> "
            f'<span class="dz-pinyin" lang="zh-Latn-pinyin">'
            f"{html.escape(term.reading(term.forms[tag]))}</span>"
            f'{english} <span class="dz-count">×{_count_in(term, slug)}</span></li>'
        )
    headings = [("key-terms", say(LABELS["key_terms"]))]
    parts = [
        _heading(headings[0][1], "key-terms", LABELS_EN["key_terms"]),
        f'<div class="dz-key-terms" data-search-exclude><ul>{"".join(items)}</ul></div>',
    ]
    if any(term.english_source in ("cedict", "composed") for term in terms):
        parts.append(_cedict_credit(say))
    parts.append(
        f'<p class="dz-glossary-link"><a href="{html.escape(glossary_href)}">'
        f"{_ui('glossary_link', say)}</a></p>"
    )
    related = [(other, n) for other, n in glossary.related(slug) if other in corpus.articles]
    if related:
        links = "".join(
            f'<li><a href="{html.escape(article_href(other))}">'
            f"{_title_html(corpus, other, tag)}</a> "
            f'<span class="dz-count">{_ui("shared", say, n=n)}</span></li>'
            for other, n in related[:RELATED_LIMIT]
        )
        headings.append(("related-articles", say(LABELS["related_articles"])))
        parts.append(_heading(headings[-1][1], "related-articles", LABELS_EN["related_articles"]))
        parts.append(f'<div class="dz-related-articles" data-search-exclude><ul>{links}</ul></div>')
    return ArticleSections("\n".join(parts) + "\n", tuple(headings))


def _title_html(corpus: Corpus, slug: str, tag: str) -> str:
    """An article's title in the variant, and in English for the English reading mode."""
    chinese = html.escape(corpus.title(slug, tag))
    english = corpus.articles[slug].english_title
    if not english:
        return chinese
    return in_each_mode(chinese, html.escape(english))


def article_terms(
    corpus: Corpus,
    slug: str,
    tag: str,
    say: Say = _same,
    glossary_href: str = "../../glossary/",
    article_href: Href | None = None,
) -> str:
    """The HTML of `article_sections`."""
    return article_sections(corpus, slug, tag, say, glossary_href, article_href).html


def _heading(text: str, anchor: str, english: str = "") -> str:
    """An h2 like the ones Markdown makes here (toc's permalink included); with `english`,
    followed by its English, as the article's own headings are."""
    classes = ' class="dz-zh-heading"' if english else ""
    heading = (
        f'<h2 id="{anchor}"{classes}>{html.escape(text)}'
        f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h2>'
    )
    if english:
        heading += f'<p class="dz-en dz-en-heading" lang="en">{html.escape(english)}</p>'
    return heading


def _ui(key: str, say: Say, **values: object) -> str:
    """An interface word in the variant's script and in English; the reading mode shows one."""
    return _both(say(LABELS[key]).format(**values), LABELS_EN[key].format(**values))


def _both(chinese: str, english: str) -> str:
    """Escaped HTML: Chinese and English, one shown per reading mode (.dz-ui-zh, .dz-ui-en)."""
    return in_each_mode(html.escape(chinese), html.escape(english))


def initial(term: Term) -> str:
    """The letter a term is filed under: its pinyin's first letter without tone, else "#"."""
    first = unicodedata.normalize("NFD", term.pinyin[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def tooltip(term: Term, spelling: str = "") -> str:
    """What hovering a marked term shows: the reading of the spelling the page writes (普丁
    Pǔdīng, 川普 Chuānpǔ), then the English, or that it has none yet."""
    english = term.english or "英文待补"
    return " · ".join(part for part in (term.reading(spelling), english) if part)


def tooltips(term: Term) -> dict[str, str]:
    """Escaped tooltips by spelling ("" for the default): what marking needs per hit."""
    found = {"": html.escape(tooltip(term))}
    for spelling in term.readings:
        found[spelling] = html.escape(tooltip(term, spelling))
    return found


# --- glossary entries -------------------------------------------------------------------


def _entry(
    term: Term, corpus: Corpus, tag: str, say: Say, article_href: Href, blocks: dict[str, str]
) -> str:
    """One entry, as a raw HTML block (no blank line inside, so Markdown passes it through);
    its occurrence list goes into `blocks`, behind a placeholder."""
    kind = _both(say(KIND_LABELS[term.kind]), KIND_LABELS_EN[term.kind])
    lines = [
        f'<div class="dz-entry" id="{term.id}">',
        f'<p class="dz-entry-head"><span class="dz-entry-word">{html.escape(term.forms[tag])}'
        f'</span> <span class="dz-pinyin" lang="zh-Latn-pinyin">'
        f"{html.escape(term.reading(term.forms[tag]))}"
        f'</span> <span class="dz-kind">{kind}</span></p>',
    ]
    if term.english:
        said = ENGLISH_SOURCES.get(term.english_source, "")
        source = _both(say(said), ENGLISH_SOURCES_EN[term.english_source]) if said else ""
        tag_html = f' <span class="dz-source-tag" lang="{tag}">{source}</span>' if source else ""
        lines.append(f'<p class="dz-entry-en" lang="en">{html.escape(term.english)}{tag_html}</p>')
    else:
        lines.append(f'<p class="dz-entry-en dz-missing">{_ui("no_english", say)}</p>')
    head = term.reading(term.forms[tag])
    forms = _forms(term, head)
    aliases = [*term.aliases, *term.context_aliases]
    if aliases:
        shown = "、".join(_with_reading(term, _in_variant(a, tag), head) for a in aliases)
        forms += f' · {_ui("aliases", say)} <span lang="{tag}">{shown}</span>'
    lines.append(f'<p class="dz-entry-forms">{forms}</p>')
    if term.note:
        lines.append(f'<p class="dz-entry-note">{html.escape(say(term.note))}</p>')
    placeholder = f"<!-- dz-glossary-occurrences {len(blocks)} -->"
    occurrences = _occurrences(term, corpus, tag, say, article_href)
    blocks[placeholder] = "\n".join(
        ['<div class="dz-occurrences" data-search-exclude><ul>', *occurrences, "</ul></div>"]
    )
    lines += [placeholder, "</div>"]
    return "\n".join(lines)


def _occurrences(term: Term, corpus: Corpus, tag: str, say: Say, article_href: Href) -> list[str]:
    """One item per article: its title linking to the first paragraph the term is in, how
    often it occurs there, and that paragraph's snippet. Most occurrences first (see
    SNIPPET_LIMIT and LINK_LIMIT for a term in very many articles). The title (block "")
    counts but is linked only when the body never has the term: a snippet that repeats the
    title beside the title would tell the reader nothing."""
    first: dict[str, Occurrence] = {}
    counts: dict[str, int] = {}
    for occurrence in term.occurrences:
        if occurrence.slug not in corpus.articles:
            continue
        if occurrence.slug not in first or not first[occurrence.slug].block_id:
            first[occurrence.slug] = occurrence
        counts[occurrence.slug] = counts.get(occurrence.slug, 0) + occurrence.count

    def link(slug: str) -> str:
        href = f"{article_href(slug)}#{first[slug].block_id or 'title'}"
        return f'<a href="{html.escape(href)}">{_title_html(corpus, slug, tag)}</a>'

    ranked = sorted(counts, key=lambda s: (-counts[s], s))
    lines = []
    for slug in ranked[:SNIPPET_LIMIT]:
        times = _ui("times", say, n=counts[slug])
        snippet = _highlight(corpus.snippet(first[slug], tag), term, tag)
        lines.append(
            f'<li>{link(slug)} <span class="dz-count">{times}</span> '
            f'<span class="dz-snippet">{snippet}</span></li>'
        )
    compact = ranked[SNIPPET_LIMIT:LINK_LIMIT]
    if compact:  # the rest as plain links: one line, no snippets
        links = " · ".join(f"{link(slug)} ×{counts[slug]}" for slug in compact)
        lines.append(f"<li>{_ui('more', say)}{links}</li>")
    if len(ranked) > LINK_LIMIT:
        lines.append(f"<li>{_ui('rest', say, n=len(ranked) - LINK_LIMIT)}</li>")
    return lines


def _forms(term: Term, head: str) -> str:
    """Simplified and Traditional always; zh-TW and zh-HK where they differ from 繁; each
    with its reading where it differs from the headword's (`head`)."""
    shown = [("zh-Hans", term.simplified), ("zh-Hant", term.traditional)]
    shown += [
        (tag, term.forms[tag])
        for tag in ("zh-TW", "zh-HK")
        if term.forms.get(tag) and term.forms[tag] != term.traditional
    ]
    return " · ".join(
        f'{variants.variant(tag).short} <span lang="{tag}">{_with_reading(term, form, head)}</span>'
        for tag, form in shown
    )


def _with_reading(term: Term, spelling: str, head: str) -> str:
    """A spelling as HTML, with its own reading after it when that differs from the
    headword's (`head`): 普京 Pǔjīng on a page whose headword is 普丁 Pǔdīng."""
    reading = term.reading(spelling)
    if reading == head:
        return html.escape(spelling)
    return (
        f'{html.escape(spelling)} <span class="dz-pinyin" lang="zh-Latn-pinyin">'
        f"{html.escape(reading)}</span>"
    )


def _cedict_credit(say: Say) -> str:
    text = _ui("cedict", say)
    return (
        f'<p class="dz-credit-line">{text} '
        f'<a href="{CEDICT_URL}" rel="noopener noreferrer nofollow">cc-cedict.org</a></p>'
    )


# --- helpers ----------------------------------------------------------------------------


def _count_in(term: Term, slug: str) -> int:
    return term.counts.get(slug, 0)


def _highlight(snippet: str, term: Term, tag: str) -> str:
    """The snippet as HTML with the term's first spelling in it in bold."""
    spellings = sorted({term.forms[tag], *(_in_variant(a, tag) for a in term.aliases)}, key=len)
    for spelling in reversed(spellings):  # the longest spelling first: 弗拉基米尔·普京, 普京
        at = snippet.find(spelling)
        if at >= 0:
            end = at + len(spelling)
            before, after = html.escape(snippet[:at]), html.escape(snippet[end:])
            return f"{before}<b>{html.escape(spelling)}</b>{after}"
    return html.escape(snippet)


def _in_variant(spelling: str, tag: str) -> str:
    return spelling if spelling.isascii() else variants.convert(spelling, tag, "hans")


def downloads(glossary: Glossary) -> dict[str, str]:
    """The download files' contents, by file name (UTF-8; the CSV with a BOM, so spreadsheet
    programs read it as UTF-8)."""
    files = {}
    for name, (_, dialect, header) in DOWNLOADS.items():
        text = to_csv(glossary, dialect, header=header)
        files[name] = ("\ufeff" + text) if dialect == "csv" else text
    return files
