"""Glossary Markdown: the glossary page of a variant, and an article's key terms and related
articles. Plain Python; the hook (hooks/glossary.py) decides where each goes.

Every string from an article or the curated file is escaped (`escape` for Markdown, `html.escape`
inside raw HTML). Links are Markdown links to .md files with anchors, so a strict MkDocs build
checks that every one of them resolves. Interface words are Simplified and go through `say`.

Sections: public API, then glossary entries, then helpers.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable

from duizhao import variants
from duizhao.glossary import Glossary, Occurrence, Term, to_csv
from duizhao.glossary_store import Corpus
from duizhao.inline import escape

Say = Callable[[str], str]

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
    "key_terms": "本文关键词",
    "related_articles": "相关文章",
    "shared": "{n} 个共同词条",
    "glossary_link": "全部词条见术语表",
    "sources": (
        "英文释义的来源标在旁边：文中对照（文章自己给出的英文）、人工编辑（data/glossary.yaml）、"
        "翻译记忆，或 CC-CEDICT 词典。"
    ),
    "cedict": "标有 CC-CEDICT 的英文释义来自 CC-CEDICT 词典（MDBG 发布，CC BY-SA 4.0 许可）。",
    "empty": "还没有词条。",
}
# Where an entry's English comes from, said beside it (Simplified, converted per variant).
ENGLISH_SOURCES = {
    "article": "文中对照",
    "curated": "人工编辑",
    "cedict": "CC-CEDICT",
    "memory": "翻译记忆",
}
KIND_LABELS = {"person": "人物", "place": "地点", "organisation": "机构", "term": "术语"}
# How each variant's form is labelled beside the headword (both scripts are always shown).
FORM_LABELS = {"zh-Hans": "简", "zh-Hant": "繁", "zh-TW": "臺", "zh-HK": "港"}

DOWNLOADS = {  # file name -> (label key, to_csv dialect, header row)
    "duizhao-glossary.tsv": ("anki", "tsv", False),
    "duizhao-glossary-pleco.txt": ("pleco", "pleco", False),
    "duizhao-glossary.csv": ("spreadsheet", "csv", True),
}
DOWNLOAD_DIR = "downloads"
RELATED_LIMIT = 5
CEDICT_URL = "https://cc-cedict.org/wiki/"


def _same(text: str) -> str:
    return text


def glossary_page(corpus: Corpus, tag: str, say: Say = _same) -> str:
    """The glossary page of variant `tag`, at <variant>/glossary.md."""
    glossary = corpus.glossary
    front = (
        "---\n"
        f"title: {say(LABELS['title'])}\n"
        f"lang: {variants.variant(tag).tag}\n"
        "hide: [navigation]\n"
        "---\n\n"
    )
    parts = [f"# {say(LABELS['title'])} {{ #glossary }}"]
    if not len(glossary):
        parts.append(escape(say(LABELS["empty"])))
        return front + "\n\n".join(parts) + "\n"
    parts.append(say(LABELS["intro"]).format(n=len(glossary), a=len(corpus.articles)))
    downloads = " · ".join(
        f"[{say(LABELS[label])}](../{DOWNLOAD_DIR}/{name})"
        for name, (label, _, _) in DOWNLOADS.items()
    )
    parts.append(f"{say(LABELS['download'])}：{downloads}\n{{: .dz-downloads }}")
    current = ""
    for term in glossary:
        letter = initial(term)
        if letter != current:
            current = letter
            anchor = "other" if letter == "#" else letter.lower()
            parts.append(f"## {letter} {{ #initial-{anchor} }}")
        parts.append(_entry(term, corpus, tag, say))
    parts.append(f'<p class="dz-credit-line">{html.escape(say(LABELS["sources"]))}</p>')
    if any(term.english_source == "cedict" for term in glossary):
        parts.append(_cedict_credit(say))
    return front + "\n\n".join(parts) + "\n"


def article_terms(corpus: Corpus, slug: str, tag: str, say: Say = _same) -> str:
    """An article's "key terms" and "related articles" sections ("" when it has no terms).

    Written for a page at <variant>/articles/<slug>.md. Key terms: most frequent in this
    article first. Related: articles sharing the most terms first, at most RELATED_LIMIT.
    """
    glossary = corpus.glossary
    terms = sorted(glossary.for_article(slug), key=lambda t: (-_count_in(t, slug), t.pinyin))
    if not terms:
        return ""
    lines = [
        f"## {say(LABELS['key_terms'])} {{ #key-terms }}",
        "",
        '<div class="dz-key-terms" markdown>',
        "",
    ]
    for term in terms:
        lines.append(
            f"- [{escape(term.forms[tag])}](../glossary.md#{term.id}) "
            # Inside a list item Markdown still works in a <span>: escape for Markdown too.
            f'<span class="dz-pinyin" lang="zh-Latn-pinyin">{escape(term.pinyin)}</span>'
            + (f' <span lang="en">{escape(term.english)}</span>' if term.english else "")
            + f' <span class="dz-count">×{_count_in(term, slug)}</span>'
        )
    lines += ["", "</div>", ""]
    if any(term.english_source == "cedict" for term in terms):
        lines += [_cedict_credit(say), ""]
    lines.append(f"[{say(LABELS['glossary_link'])}](../glossary.md)\n{{: .dz-glossary-link }}")
    related = [(other, n) for other, n in glossary.related(slug) if other in corpus.articles]
    if related:
        lines += ["", f"## {say(LABELS['related_articles'])} {{ #related-articles }}", ""]
        lines += ['<div class="dz-related-articles" markdown>', ""]
        for other, shared in related[:RELATED_LIMIT]:
            shared_label = html.escape(say(LABELS["shared"]).format(n=shared))
            lines.append(
                f"- [{escape(corpus.title(other, tag))}]({other}.md) "
                f'<span class="dz-count">{shared_label}</span>'
            )
        lines += ["", "</div>"]
    return "\n".join(lines) + "\n"


def initial(term: Term) -> str:
    """The letter a term is filed under: its pinyin's first letter without tone, else "#"."""
    first = unicodedata.normalize("NFD", term.pinyin[:1])[:1].upper()
    return first if "A" <= first <= "Z" else "#"


def tooltip(term: Term) -> str:
    """What hovering a marked term shows: pinyin · English."""
    return " · ".join(part for part in (term.pinyin, term.english) if part)


# --- glossary entries -------------------------------------------------------------------


def _entry(term: Term, corpus: Corpus, tag: str, say: Say) -> str:
    kind = html.escape(say(KIND_LABELS[term.kind]))
    lines = [
        f'<div class="dz-entry" id="{term.id}" markdown>',
        "",
        f'<p class="dz-entry-head"><span class="dz-entry-word">{html.escape(term.forms[tag])}'
        f'</span> <span class="dz-pinyin" lang="zh-Latn-pinyin">{html.escape(term.pinyin)}'
        f'</span> <span class="dz-kind">{kind}</span></p>',
        "",
    ]
    if term.english:
        source = html.escape(say(ENGLISH_SOURCES.get(term.english_source, "")))
        tag_html = f' <span class="dz-source-tag">{source}</span>' if source else ""
        lines += [f'<p class="dz-entry-en" lang="en">{html.escape(term.english)}{tag_html}</p>', ""]
    forms = _forms(term)
    if term.aliases:
        aliases = "、".join(html.escape(_in_variant(alias, tag)) for alias in term.aliases)
        forms += f' · {html.escape(say(LABELS["aliases"]))} <span lang="{tag}">{aliases}</span>'
    lines += [f'<p class="dz-entry-forms">{forms}</p>', ""]
    if term.note:
        lines += [f'<p class="dz-entry-note">{html.escape(say(term.note))}</p>', ""]
    lines += ['<div class="dz-occurrences" markdown>', ""]
    lines += _occurrences(term, corpus, tag, say)
    lines += ["", "</div>", "", "</div>"]
    return "\n".join(lines)


def _occurrences(term: Term, corpus: Corpus, tag: str, say: Say) -> list[str]:
    """One line per article: its title linking to the first paragraph the term is in, how
    often it occurs there, and that paragraph's snippet. Most occurrences first. The title
    (block "") counts but is linked only when the body never has the term: a snippet that
    repeats the title beside the title would tell the reader nothing."""
    first: dict[str, Occurrence] = {}
    counts: dict[str, int] = {}
    for occurrence in term.occurrences:
        if occurrence.slug not in corpus.articles:
            continue
        if occurrence.slug not in first or not first[occurrence.slug].block_id:
            first[occurrence.slug] = occurrence
        counts[occurrence.slug] = counts.get(occurrence.slug, 0) + occurrence.count
    lines = []
    for slug in sorted(counts, key=lambda s: (-counts[s], corpus.title(s, tag))):
        occurrence = first[slug]
        anchor = occurrence.block_id or "title"
        times = say(LABELS["times"]).format(n=counts[slug])
        snippet = _highlight(corpus.snippet(occurrence, tag), term, tag)
        lines.append(
            f"- [{escape(corpus.title(slug, tag))}](articles/{slug}.md#{anchor}) "
            f'<span class="dz-count">{html.escape(times)}</span> '
            f'<span class="dz-snippet">{snippet}</span>'
        )
    return lines


def _forms(term: Term) -> str:
    """Simplified and Traditional always; zh-TW and zh-HK where they differ from 繁."""
    shown = [("zh-Hans", term.simplified), ("zh-Hant", term.traditional)]
    shown += [
        (tag, term.forms[tag])
        for tag in ("zh-TW", "zh-HK")
        if term.forms.get(tag) and term.forms[tag] != term.traditional
    ]
    return " · ".join(
        f'{FORM_LABELS[tag]} <span lang="{tag}">{html.escape(form)}</span>' for tag, form in shown
    )


def _cedict_credit(say: Say) -> str:
    text = html.escape(say(LABELS["cedict"]))
    return (
        f'<p class="dz-credit-line">{text} '
        f'<a href="{CEDICT_URL}" rel="noopener noreferrer nofollow">cc-cedict.org</a></p>'
    )


# --- helpers ----------------------------------------------------------------------------


def _count_in(term: Term, slug: str) -> int:
    return sum(o.count for o in term.occurrences if o.slug == slug)


def _highlight(snippet: str, term: Term, tag: str) -> str:
    """The snippet as escaped Markdown with the term's first spelling in it in bold."""
    spellings = sorted({term.forms[tag], *(_in_variant(a, tag) for a in term.aliases)}, key=len)
    for spelling in reversed(spellings):  # the longest spelling first: 弗拉基米尔·普京, 普京
        at = snippet.find(spelling)
        if at >= 0:
            end = at + len(spelling)
            return f"{escape(snippet[:at])}<b>{escape(spelling)}</b>{escape(snippet[end:])}"
    return escape(snippet)


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
