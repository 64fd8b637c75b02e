"""An article in a script variant: every reader-visible string converted, ids unchanged.

The text conversion itself (OpenCC plus our regional tables) is `duizhao.variants`; this
module applies it to a record and to interface words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache, lru_cache

from duizhao import variants
from duizhao.record import Article, Block, Link

# Interface words (written in Simplified) put into a variant's script.
Say = Callable[[str], str]


def all_tags() -> tuple[str, ...]:
    return tuple(v.tag for v in variants.all_variants())


def name(tag: str) -> str:
    """A variant's own name for itself: 简体中文, 臺灣正體 …"""
    return variants.variant(tag).name


def folder(tag: str) -> str:
    """URL folder of a variant: zh-Hans → zh-hans."""
    return variants.variant(tag).path


def localize(article: Article, tag: str) -> Article:
    """The article as a reader of variant `tag` sees it. Block ids stay as they are."""
    texts = _texts(article)
    say = dict(zip(texts, convert_all(texts, tag, article.script), strict=True)).__getitem__
    return replace(
        article,
        title=say(article.title),
        dek=say(article.dek),
        author=say(article.author),
        source=say(article.source),
        section=say(article.section),
        tags=tuple(say(t) for t in article.tags),
        blocks=tuple(_block(b, say) for b in article.blocks),
        related=tuple(Link(say(link.text), link.url) for link in article.related),
        credits=tuple(say(line) for line in article.credits),
        lang=variants.variant(tag).tag,
    )


def convert_all(texts: list[str], tag: str, source: str) -> list[str]:
    """Each text in variant `tag`, converted in one OpenCC call.

    An article has a hundred small strings; one call per string cost more in call overhead
    than in conversion. Joined by line breaks they convert exactly as one by one: no OpenCC
    phrase and no protected span (URL, code) reaches across a line break. Texts that hold a
    line break themselves are converted alone.
    """
    single = [text for text in texts if text and "\n" not in text]
    converted = {"": ""}
    if single:
        joined = variants.convert("\n".join(single), tag, source)
        converted.update(zip(single, joined.split("\n"), strict=True))
    return [
        converted[text] if text in converted else variants.convert(text, tag, source)
        for text in texts
    ]


def _texts(article: Article) -> list[str]:
    """Every reader-visible string of the article, each once, in order."""
    texts = [article.title, article.dek, article.author, article.source, article.section]
    texts += article.tags
    for block in article.blocks:
        texts += [block.text, block.plain, *block.items, block.alt, block.credit]
        texts += [*block.plains, block.caption, *(cell for row in block.rows for cell in row)]
    texts += [link.text for link in article.related]
    texts += article.credits
    return list(dict.fromkeys(texts))


@cache
def labeller(tag: str) -> Say:
    """Interface words (written in Simplified) in variant `tag`.

    Remembered: a build asks for the same few dozen labels on every page (thousands of
    OpenCC calls otherwise). `labeller.cache_clear()` forgets them with the tables."""

    @lru_cache(maxsize=4096)
    def say(text: str) -> str:
        return variants.convert(text, tag, "hans")

    return say


def _block(block: Block, say: Say) -> Block:
    text, plain, alt, credit = say(block.text), say(block.plain), say(block.alt), say(block.credit)
    items = tuple(map(say, block.items))
    plains, caption = tuple(map(say, block.plains)), say(block.caption)
    rows = tuple(tuple(map(say, row)) for row in block.rows)
    if (text, plain, items, alt, credit, plains, caption, rows) == (
        block.text,
        block.plain,
        block.items,
        block.alt,
        block.credit,
        block.plains,
        block.caption,
        block.rows,
    ):
        return block  # most blocks of a Simplified article in zh-Hans: records are immutable
    # The constructor, not dataclasses.replace: a third faster, and this runs per block and variant.
    return Block(
        kind=block.kind,
        id=block.id,
        text=text,
        plain=plain,
        level=block.level,
        items=items,
        src=block.src,
        alt=alt,
        credit=credit,
        media=block.media,
        plains=plains,
        depths=block.depths,
        numbered=block.numbered,
        start=block.start,
        rows=rows,
        header=block.header,
        caption=caption,
        poster=block.poster,
        host=block.host,
    )
