"""Markdown pages from article records: one article page, the home listing, the tags page.

Everything taken from a seed is already escaped inline Markdown (`Block.text`) or is escaped
here (`html.escape` for the few raw-HTML parts: meta line, figures, footer). Interface words
come from `LABELS` through `say`, a function that puts them into the page's script variant.

Sections: public API, then article parts, then helpers.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml

from duizhao.english.aligned import MISSING, English
from duizhao.english.memory import Entry
from duizhao.ingest.curated import publisher_english
from duizhao.inline import escape, link
from duizhao.record import Article, Block, text_hash
from duizhao.site import structured
from duizhao.variants.localize import Say

# Interface words, in Simplified; other variants convert them like article text.
LABELS = {
    "source": "来源",
    "author": "作者",
    "original": "阅读原文",
    "minutes": "约 {n} 分钟",
    "related": "相关链接",
    "credits": "版权与署名",
    "video": "视频未收录，请见原文",
    "video_card": "视频",
    "audio_card": "音频",
    "home_title": "对照 · 中文新闻阅读",
    "home_nav": "首页",
    "home_intro": "{n} 篇文章，按日期排列，最新的在前。",
    "undated": "日期不详",
    "tags_title": "标签",
    "no_tags": "还没有标签。",
    "date": "{y}年{m}月{d}日",
    "modes": "阅读模式",
    "photo_show": "显示图片",
    "photo_always": "以后都显示图片",
}

# The same interface words in English, for the English reading mode.
LABELS_EN = {
    "source": "Source",
    "author": "By",
    "original": "Read the original",
    "minutes": "{n} min read",
    "related": "Related links",
    "credits": "Credits",
    "video": "Video not included; see the original",
    "home_title": "对照 · Chinese news, side by side",
    "home_nav": "Home",
    "home_intro": "{n} articles, newest first.",
    "undated": "Date unknown",
    "tags_title": "Tags",
    "no_tags": "No tags yet.",
    "date": "{d} {month} {y}",
    "modes": "Reading mode",
    "photo_show": "Show photo",
    "photo_always": "Always show photos",
}

# The reading modes: (mode, label, short label for narrow screens), labels in Simplified.
READING_MODES = (("zh", "中文", "中"), ("pair", "对照", "对"), ("en", "English", "EN"))

# A reading pace for Chinese news text; the figure is our choice, rounded down on purpose so
# that a reader is rarely surprised by a longer read than announced.
CHARS_PER_MINUTE = 300

# Where the learner's layer puts an article's HSK level on the home and tags pages (filled
# by hooks/learner.py) and the controls that filter and sort by it (made by
# duizhao-learner.js). Empty without that layer.
LEVEL_CONTROLS_SLOT = '<div class="dz-level-controls-slot"></div>'


def level_slot(slug: str) -> str:
    return f'<span class="dz-level-slot" data-dz-slug="{slug}"></span>'


def _same(text: str) -> str:
    return text


@dataclass(frozen=True)
class Summary:
    """What the home listing needs of an article, kept in the manifest between runs."""

    slug: str
    title: str
    source: str
    date: str
    minutes: int
    tags: tuple[str, ...]
    english_title: str = ""  # from the translation memory, for the English reading mode
    english_tags: tuple[str, ...] = ()  # each tag's English, "" where there is none yet

    @classmethod
    def from_manifest(cls, data: Mapping[str, Any]) -> Summary:
        """A summary as the manifest keeps it (`asdict`, lists for tuples); one kept from
        before tags had English has none."""
        english = tuple(data.get("english_tags", ()))
        return cls(**{**data, "tags": tuple(data["tags"]), "english_tags": english})


def summary_of(article: Article, english: English | None = None) -> Summary:
    """`article` in its variant; `english` the English of its source (by place)."""
    en = english or English()
    title = en.get("title")
    return Summary(
        slug=article.slug,
        title=article.title,
        source=article.source,
        date=article.date,
        minutes=reading_minutes(article),
        tags=article.tags,
        english_title=title.target if title else "",
        english_tags=_tag_english(article, en),
    )


def _search_english(article: Article, english: English | None) -> dict[str, object]:
    """The English title, publisher and tags (each falling back to its Chinese name) that
    the English reading mode's search results and filters show; none without English."""
    if english is None:
        return {}
    title = english.get("title")
    tags = _tag_english(article, english)
    return {
        "title_en": title.target if title else "",
        "source_en": publisher_english(article.url, article.source) or article.source,
        "tags_en": [tag_en or tag for tag, tag_en in zip(article.tags, tags, strict=True)],
    }


def reading_minutes(article: Article) -> int:
    return max(1, round(article.char_count / CHARS_PER_MINUTE))


def article_page(
    article: Article, variant_path: str, say: Say = _same, english: English | None = None
) -> str:
    """The Markdown page of one article, front matter included.

    With `english`, every part carries its English (or a quiet "not yet translated"); the
    reading-mode control (中文 · 对照 · English) is in the header (overrides/partials/modes.html).
    """
    front = {
        "title": article.title,
        "description": article.dek or _first_words(article),
        "dek": article.dek,
        "author": article.author,
        "source": article.source,
        "url": article.url,
        "date": article.date,
        "tags": list(article.tags),
        # What the English reading mode's search shows of it (overrides/main.html).
        **_search_english(article, english),
        "slug": article.slug,
        "seed": article.seed_name,
        "seed_hash": article.seed_hash,
        "lang": article.lang,
        "variant": variant_path,
        "reading_time": reading_minutes(article),
        # The text takes the room in every reading mode (对照 needs two columns of it), so
        # switching modes moves nothing; home, tags and glossary are in the header and drawer.
        "hide": ["navigation"],
    }
    en = english or English()
    parts = [f"# {escape(article.title)} {{ #title .dz-zh-title }}"]
    if english is not None:
        parts.append(_en(en.get("title"), "dz-en-title"))
    if article.dek:
        dek = escape(article.dek)
        parts.append(
            f"{dek}\n{{: .dz-dek }}" if english is None else _pair(dek, en, "dek", classes="dz-dek")
        )
    parts.append(_meta_line(article, say))
    if article.tags:
        parts.append(
            " ".join(
                f"[{_tag_html(tag, english)}](../tags.md#{tag_anchor(tag)})"
                for tag, english in zip(article.tags, _tag_english(article, en), strict=True)
            )
            + "\n{: .dz-tags }"
        )
    parts.extend(_block(block, article, say, english) for block in article.blocks)
    if article.related:
        parts.append(_related(article, say, english))
    if article.credits or english is not None:
        credits = list(article.credits)
        parts.append(_footer(credits, say, en.provenance() if english is not None else ""))
    front = {key: value for key, value in front.items() if value not in ("", [], None)}
    return _front_matter(front) + "\n\n".join(parts) + "\n"


def home_page(summaries: Iterable[Summary], lang: str, say: Say = _same) -> str:
    """The variant's home: every article, newest first, undated last.

    `summaries` are already in the variant's script; `say` converts only interface words.
    """
    ordered = _newest_first(summaries)
    front = {"title": say(LABELS["home_nav"]), "lang": lang, "hide": ["navigation", "toc"]}
    lines = [
        f"# {_ui('home_title', say)}",
        _ui("home_intro", say, n=len(ordered)),
        LEVEL_CONTROLS_SLOT,
    ]
    for item in ordered:
        tags = " ".join(
            f'<a class="dz-tag" href="tags/#{tag_anchor(tag)}">{_tag_html(tag, english)}</a>'
            for tag, english in _tags_of(item)
        )
        details = " · ".join(
            part
            for part in (
                _source_html(item.source) if item.source else "",
                _date_html(item.date, say),
                _ui("minutes", say, n=item.minutes),
                tags,
            )
            if part
        )
        title = f"[{escape(item.title)}](articles/{item.slug}.md)\n{{: .dz-card-title"
        if item.english_title:  # the English mode lists it by its English title
            title += (
                " .dz-zh }\n\n"
                f"[{escape(item.english_title)}](articles/{item.slug}.md)\n"
                "{: .dz-card-title .dz-card-en .dz-en lang=en }"
            )
        else:
            title += " }"
        lines.append(
            f'<div class="dz-card" markdown>\n\n{title}\n\n'
            f'<p class="dz-card-meta">{details} {level_slot(item.slug)}</p>\n\n</div>'
        )
    return _front_matter(front) + "\n\n".join(lines) + "\n"


def landing_page(choices: Iterable[tuple[str, str, str]]) -> str:
    """The site root: a plain link to each variant's home (tag, folder, name); duizhao.js
    opens the reader's remembered variant, or the first, straight away."""
    choices = list(choices)
    front = {"title": "对照 · 中文新闻", "hide": ["navigation", "toc"]}
    lines = [
        f'# 对照 · 中文新闻 {{ data-dz-landing="{choices[0][1]}" }}',
        "选择文字版本 · 選擇文字版本 · Choose a script:",
        "\n".join(
            f"- [{escape(name)}]({folder}/index.md){{ hreflang={tag} lang={tag} }}"
            for tag, folder, name in choices
        ),
    ]
    return _front_matter(front) + "\n\n".join(lines) + "\n"


def tags_page(summaries: Iterable[Summary], lang: str, say: Say = _same) -> str:
    """Every tag of the variant with its articles, newest first; anchors from `tag_anchor`."""
    by_tag: dict[str, list[Summary]] = {}
    english_of: dict[str, str] = {}  # a tag's English, from the first article that has it
    for item in _newest_first(summaries):
        for tag, english in _tags_of(item):
            by_tag.setdefault(tag, []).append(item)
            english_of[tag] = english_of.get(tag) or english
    front = {"title": say(LABELS["tags_title"]), "lang": lang, "hide": ["navigation"]}
    lines = [f"# {_ui('tags_title', say)}", LEVEL_CONTROLS_SLOT]
    for tag in sorted(by_tag, key=lambda t: (-len(by_tag[t]), t)):
        lines.append(_tag_heading(tag, english_of[tag]))
        lines.append("\n".join(_tagged_item(item) for item in by_tag[tag]))
    if not by_tag:
        lines.append(escape(say(LABELS["no_tags"])))
    return _front_matter(front) + "\n\n".join(lines) + "\n"


def _tagged_item(item: Summary) -> str:
    """One article under a tag: its title (and English title for the English mode), source
    and level."""
    title = escape(item.title)
    if item.english_title:
        english = html.escape(item.english_title)
        title = in_each_mode(title, english)
    source = f" · {_source_html(item.source)}" if item.source else ""
    return f"- [{title}](articles/{item.slug}.md){source} {level_slot(item.slug)}"


def _tag_heading(tag: str, english: str) -> str:
    """A tag's heading on the tags page; with English, the English follows it as the
    article headings' does (the Chinese heading keeps the anchor and the table of contents'
    entry, which the English mode renames)."""
    heading = f"## #{escape(tag)} {{ #{tag_anchor(tag)}"
    if not english:
        return heading + " }"
    return (
        heading + " .dz-zh-heading }\n\n"
        f'<p class="dz-en dz-en-heading" lang="en">#{html.escape(english)}</p>'
    )


def _tag_english(article: Article, english: English) -> tuple[str, ...]:
    """Each tag's English ("" where the memory has none): places "tag:<n>" in order."""
    found = (english.get(f"tag:{number}") for number in range(len(article.tags)))
    return tuple(entry.target if entry else "" for entry in found)


def _tags_of(item: Summary) -> list[tuple[str, str]]:
    """(tag, its English or "") for a listed article; summaries kept from before tags had
    English have none."""
    english = item.english_tags if len(item.english_tags) == len(item.tags) else ()
    return list(zip(item.tags, english or ("",) * len(item.tags), strict=True))


def _tag_html(tag: str, english: str) -> str:
    """A tag as "#tag", and "#English" in the English mode where it has English; without
    English the Chinese shows in every mode."""
    chinese = f"#{html.escape(tag)}"
    if not english:
        return chinese
    return in_each_mode(chinese, f"#{html.escape(english)}")


def tag_anchor(tag: str) -> str:
    """A tag's anchor on the tags page: from a hash, so any tag text makes a safe id."""
    return f"tag-{text_hash(tag)}"


# --- article parts ----------------------------------------------------------------------


def _meta_line(article: Article, say: Say) -> str:
    parts = []
    if article.source:
        parts.append(f'<span class="dz-source">{_source_html(article.source, article.url)}</span>')
    if article.author:
        author = html.escape(article.author)
        parts.append(f'<span class="dz-author">{_ui("author", say)} {author}</span>')
    if article.date:
        parts.append(_date_html(article.date, say))
    minutes = _ui("minutes", say, n=reading_minutes(article))
    parts.append(f'<span class="dz-reading-time">{minutes}</span>')
    if article.url:
        parts.append(
            f'<a class="dz-original" href="{html.escape(article.url)}" rel="noopener noreferrer '
            f'nofollow">{_ui("original", say)}</a>'
        )
    return '<p class="dz-meta">' + " · ".join(parts) + "</p>"


def _source_html(source: str, url: str = "") -> str:
    """A publisher's name as the page writes it, and its English name (data/publishers.yaml)
    for the English reading mode; an unknown publisher's name shows in both modes."""
    english = publisher_english(url, source)
    if not english:
        return html.escape(source)
    return in_each_mode(html.escape(source), html.escape(english))


def _ui(key: str, say: Say, **values: object) -> str:
    """An interface word in the variant's script and in English (escaped HTML); the page's
    reading mode shows one of them (.dz-ui-zh / .dz-ui-en)."""
    chinese = html.escape(say(LABELS[key]).format(**values))
    english = html.escape(LABELS_EN[key].format(**values))
    return in_each_mode(chinese, english)


def in_each_mode(chinese: str, english: str) -> str:
    """Two escaped HTML texts, the Chinese and the English, of which the page's reading mode
    shows one (.dz-ui-zh and .dz-ui-en in duizhao.css): interface words, publishers, titles,
    tags. The glossary and learner pages use it too."""
    return f'<span class="dz-ui-zh">{chinese}</span><span class="dz-ui-en" lang="en">{english}</span>'


def _block(block: Block, article: Article, say: Say, english: English | None) -> str:
    """One block; with English, a wrapper that carries the block's id holds both languages,
    so an anchor lands on the block whatever the reading mode shows of it."""
    en = english or English()
    if block.kind == "heading":
        heading = f"{'#' * block.level} {block.text} {{ #{block.id} .dz-zh-heading }}"
        return (
            heading
            if english is None
            else heading + "\n\n" + _en(en.get(block.id), "dz-en-heading")
        )
    if block.kind == "figure":
        return _figure(block, article, say, english)
    if block.kind in ("table", "definitions"):
        return structured.grid(block, english)
    if block.kind in ("video", "audio"):
        label = say(LABELS["video_card" if block.kind == "video" else "audio_card"])
        return structured.media_card(block, label, english)
    if block.kind == "paragraph":
        chinese = block.text
    elif block.kind == "quote":
        chinese = "\n".join(f"> {line}" for line in block.text.split("\n"))
    else:
        chinese = structured.list_markdown(block)
    if english is not None and block.kind == "list":
        return structured.list_pair(block, chinese, english)
    if english is not None:
        return _pair(chinese, english, block.id, block_id=block.id)
    if block.kind == "list":
        return f'<div class="dz-list" id="{block.id}" markdown>\n\n{chinese}\n\n</div>'
    return f"{chinese}\n{'> ' if block.kind == 'quote' else ''}{{: #{block.id} }}"


def _figure(block: Block, article: Article, say: Say, english: English | None = None) -> str:
    parts = [f'<figure class="dz-figure" id="{block.id}">']
    if block.src:
        parts.append(_photo(block, say))
    caption = html.escape(block.plain)
    if block.media == "video":
        note = html.escape(say(LABELS["video"]))
        caption += (
            f' <a class="dz-video-note" href="{html.escape(article.url)}" '
            f'rel="noopener noreferrer nofollow">{note}</a>'
            if article.url
            else f' <span class="dz-video-note">{note}</span>'
        )
    if english is not None and block.plain:
        caption = f'<span class="dz-zh">{caption}</span> ' + _en_inline(english.get(block.id))
    if block.credit:  # outside the Chinese: the credit shows in every reading mode
        caption += f' <span class="dz-credit">{html.escape(block.credit)}</span>'
    parts.append(f"<figcaption>{caption}</figcaption>")
    parts.append("</figure>")
    return "".join(parts)


def _photo(block: Block, say: Say) -> str:
    """A publisher's photo, not loaded until the reader asks: opening a page must not tell a
    third party who reads what. A fixed 16:9 box, so nothing moves when it loads
    (duizhao.js loads it on a tap, or at once for a reader who chose "always"). Without
    JavaScript, the link opens the photo itself."""
    src = html.escape(block.src)
    host = html.escape(urlsplit(block.src).hostname or "")
    show = html.escape(say(LABELS["photo_show"]))
    always = html.escape(say(LABELS["photo_always"]))
    return (
        f'<div class="dz-photo" data-dz-src="{src}" data-dz-alt="{html.escape(block.alt)}">'
        f'<a class="dz-photo__load" href="{src}" rel="noopener noreferrer nofollow" '
        f'referrerpolicy="no-referrer">{in_each_mode(show, LABELS_EN["photo_show"])} · {host}</a>'
        '<button type="button" class="dz-photo__always" hidden>'
        f"{in_each_mode(always, LABELS_EN['photo_always'])}</button></div>"
    )


def _related(article: Article, say: Say, english: English | None = None) -> str:
    heading = f"## {escape(say(LABELS['related']))} {{ #related }}"
    if english is not None:
        heading = (
            f"## {escape(say(LABELS['related']))} {{ #related .dz-zh-heading }}\n\n"
            f"{LABELS_EN['related']}\n{{: .dz-en .dz-en-heading lang=en }}"
        )
    lines = [heading, ""]
    for number, item in enumerate(article.related):
        text = escape(item.text)
        line = f"- {link(text, item.url) if item.url else text}"
        entry = english.get(f"related:{number}") if english is not None else None
        if entry is not None:
            # In a list item Markdown works inside a <span> ([x](javascript:…) would be a link):
            # escape for Markdown, which escapes for HTML too.
            line += f' <span class="dz-en" lang="en">{escape(entry.target)}</span>'
        lines.append(line)
    return "\n".join(lines)


def _footer(credits: Iterable[str], say: Say, provenance: str = "") -> str:
    label = html.escape(say(LABELS["credits"]))
    body = "".join(f"<p>{html.escape(line)}</p>" for line in credits)
    if provenance:
        body += f'<p class="dz-en-origin" lang="en">{html.escape(provenance)}</p>'
    return f'<footer class="dz-credits" aria-label="{label}">{body}</footer>'


# --- helpers ----------------------------------------------------------------------------


def _pair(chinese: str, english: English, place: str, block_id: str = "", classes: str = "") -> str:
    """The Chinese and its English in one wrapper (which carries the block id, if any)."""
    ident = f' id="{block_id}"' if block_id else ""
    if chinese.startswith(("- ", "> ")) or chinese[:1].isdigit():  # a list or quote
        chinese = f'<div class="dz-zh" markdown>\n\n{chinese}\n\n</div>'
    else:  # one attribute list only: a second one would show as text
        chinese += f"\n{{: .dz-zh{' .' + classes if classes else ''} }}"
    return (
        f'<div class="dz-pair"{ident} markdown>\n\n{chinese}\n\n{_en(english.get(place))}\n\n</div>'
    )


def _en(entry: Entry | None, extra_class: str = "") -> str:
    """An English paragraph, or the quiet marker that there is none yet."""
    classes = " ".join(c for c in ("dz-en", extra_class, "" if entry else "dz-missing") if c)
    text = escape(entry.target) if entry else escape(MISSING)
    return f"{text}\n{{: .{' .'.join(classes.split())} lang=en }}"


def _en_inline(entry: Entry | None) -> str:
    if entry is None:
        return f'<span class="dz-en dz-missing" lang="en">{html.escape(MISSING)}</span>'
    return f'<span class="dz-en" lang="en">{html.escape(entry.target)}</span>'


def _date_html(iso: str, say: Say) -> str:
    if not iso:
        return f'<span class="dz-date">{_ui("undated", say)}</span>'
    year, month, day = iso.split("-")
    chinese = html.escape(LABELS["date"].format(y=year, m=int(month), d=int(day)))
    english = html.escape(
        LABELS_EN["date"].format(y=year, month=_MONTHS[int(month) - 1], d=int(day))
    )
    return (
        f'<time class="dz-date" datetime="{html.escape(iso)}">'
        f"{in_each_mode(chinese, english)}</time>"
    )


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def _newest_first(summaries: Iterable[Summary]) -> list[Summary]:
    """Newest first; undated articles last (their order: by title, for stability)."""
    dated = sorted((s for s in summaries if s.date), key=lambda s: (s.date, s.title), reverse=True)
    undated = sorted((s for s in summaries if not s.date), key=lambda s: s.title)
    return dated + undated


def _first_words(article: Article, limit: int = 120) -> str:
    for block in article.blocks:
        if block.kind == "paragraph":
            return " ".join(block.plain.split())[:limit]
    return ""


def _front_matter(values: Mapping[str, object]) -> str:
    body = yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---\n\n"
