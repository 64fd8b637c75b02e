"""An article in a script variant: every reader-visible string converted, ids unchanged.

The text conversion itself (OpenCC plus our regional tables) is `duizhao.variants`; this
module applies it to a record and to interface words.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any, TypeVar

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
    texts = _texts_of(article)
    converted = _converted(texts, tag, article.script)
    changed = {text: out for text, out in zip(texts.all, converted, strict=True) if text != out}
    lang = variants.variant(tag).tag
    if not changed:
        # Nothing to convert (a Simplified article in zh-Hans, mostly): the same record.
        return _with(article, lang=lang)
    say = dict(zip(texts.all, converted, strict=True)).__getitem__
    return _with(
        article,
        title=say(article.title),
        dek=say(article.dek),
        author=say(article.author),
        source=say(article.source),
        section=say(article.section),
        tags=tuple(say(t) for t in article.tags),
        blocks=tuple([_block(b, say, changed) for b in article.blocks]),
        related=tuple(Link(say(link.text), link.url) for link in article.related),
        credits=tuple(say(line) for line in article.credits),
        lang=lang,
    )


def convert_all(texts: list[str], tag: str, source: str) -> list[str]:
    """Each text in variant `tag`, converted in one OpenCC call.

    An article has a hundred small strings; one call per string cost more in call overhead
    than in conversion. Joined by line breaks they convert exactly as one by one: no OpenCC
    phrase and no protected span (URL, code) reaches across a line break. Texts that hold a
    line break themselves are converted alone.
    """
    return _converted(_Texts(texts), tag, source)


class _Texts:
    """An article's reader-visible strings, and the single-line ones joined for one call.

    Made once per article and kept for the next call (`_texts_of`): an article goes into
    every variant in turn, and gathering and joining its strings cost as much as a
    Simplified article's zh-Hans conversion."""

    __slots__ = ("all", "joined", "single")

    def __init__(self, texts: list[str]) -> None:
        self.all = texts
        self.single = [text for text in texts if text and "\n" not in text]
        self.joined = "\n".join(self.single)


def _converted(texts: _Texts, tag: str, source: str) -> list[str]:
    converted = {"": ""}
    if texts.single:
        joined = variants.convert(texts.joined, tag, source)
        converted.update(zip(texts.single, joined.split("\n"), strict=True))
    return [
        converted[text] if text in converted else variants.convert(text, tag, source)
        for text in texts.all
    ]


# The last article's strings: (article, its _Texts). One tuple, swapped whole.
_last: tuple[Article | None, _Texts | None] = (None, None)


def _texts_of(article: Article) -> _Texts:
    global _last
    last_article, last_texts = _last
    if last_article is article and last_texts is not None:
        return last_texts
    texts = _Texts(_texts(article))
    _last = (article, texts)
    return texts


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


def _block(block: Block, say: Say, changed: dict[str, str]) -> Block:
    """The block in the variant; itself when none of its strings is `changed`."""
    others = block.items or block.plains or block.rows or block.alt or block.credit
    if not (others or block.caption):
        # Headings, paragraphs, quotes: only their text and plain text are read.
        if block.text not in changed and block.plain not in changed:
            return block
        return _with(block, text=say(block.text), plain=say(block.plain))
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
    return _with(
        block,
        text=text,
        plain=plain,
        items=items,
        alt=alt,
        credit=credit,
        plains=plains,
        caption=caption,
        rows=rows,
    )


_Record = TypeVar("_Record", Article, Block)


def _with(record: _Record, **changes: Any) -> _Record:
    """`dataclasses.replace` for our records, a few times faster: a copy of the record's
    fields with `changes`. The records are frozen dataclasses without __post_init__, so
    their __init__ only sets each field, one object.__setattr__ at a time (nineteen for a
    Block); this runs for every block of every article in every variant."""
    copy = object.__new__(type(record))
    copy.__dict__.update(record.__dict__, **changes)
    return copy
