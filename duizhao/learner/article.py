"""One article for the learner: its words in every variant, the data a tap reads, its levels.

The article is segmented once, in Simplified (the record converted to Simplified, so a
Traditional source is cut with the same dictionary); the boundaries are carried onto each
variant's text (align.py). Per variant, the data is one small JSON document:

    {"v": 1,
     "tags": ["zh-Hans", "zh-Hant", "zh-TW", "zh-HK"],     order of the forms below
     "w": [[simplified, forms, syllables, pinyin, english, level, term, flags], …],
     "b": {"title": [gap, word, gap, word, …], "dek": […], "p-1a2b3c4d": […], …}}

`w` lists each distinct word once: its forms per variant (`packed_forms`), its syllables
(space-separated, one per character, empty for a non-Han character), its written pinyin
("" when it is the syllables joined), English, HSK level (0: not listed), the glossary term
id ("" if none) and flags ("n": a name). `b` gives each block's words in order: the number
of characters (UTF-16 code units, as the browser counts) since the previous word's end,
then the word's index in `w`; the word's length is its form's length in this variant. The
browser finds the block by its id (the same in every variant) and the words by these
offsets.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from duizhao.learner import hsk, readings
from duizhao.learner.align import carry
from duizhao.learner.levels import BEYOND, NAMES, Levels, grade
from duizhao.learner.names import Name
from duizhao.learner.segment import HAN, Segmenter
from duizhao.record import Article
from duizhao.variants import localize

FORMAT = 1
NAME_KINDS = frozenset({"person", "place", "organisation"})


@dataclass(frozen=True)
class TermInfo:
    """What a page tells of a glossary term, per spelling (Simplified)."""

    id: str
    english: str
    kind: str
    pinyin: str  # the glossary's reading when this spelling is the term's main one, else ""
    # a variant's spelling with its own reading (普丁 Pǔdīng, 川普 Chuānpǔ): (form, reading)
    readings: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Lexicon:
    """The user words of a build and what they say: glossary spellings and names; and the
    entries of the words met so far (a word's entry depends on the word and this only)."""

    terms: dict[str, TermInfo]
    names: dict[str, Name]
    entries: dict[str, _Entry] = field(default_factory=dict, compare=False, repr=False)

    def user_words(self) -> set[str]:
        return set(self.terms) | set(self.names)


@dataclass(frozen=True)
class Learned:
    levels: Levels
    data: dict[str, str]  # variant tag -> its JSON document


def texts_of(article: Article) -> list[tuple[str, str]]:
    """(block key, text) of everything a reader reads as Chinese text, in page order."""
    texts = [("title", article.title)]
    if article.dek:
        texts.append(("dek", article.dek))
    for block in article.blocks:
        text = block.plain or "\n".join(block.items)
        if text:
            texts.append((block.id, text))
    return texts


def learn(article: Article, lexicon: Lexicon, segmenter: Segmenter, tags: Iterable[str]) -> Learned:
    """The article's levels and its data in every variant of `tags`."""
    tags = tuple(tags)
    keys, raw = zip(*texts_of(article), strict=True)
    # One OpenCC call per variant for all of the article's text (localize.convert_all).
    simplified = localize.convert_all(list(raw), "zh-Hans", article.script)
    cuts = [(key, text, segmenter.cut(text)) for key, text in zip(keys, simplified, strict=True)]
    words = sorted({t.word for _, _, cut in cuts for t in cut if t.chinese})
    forms = {tag: dict(zip(words, localize.convert_all(words, tag, "hans"), strict=True))
             for tag in tags}  # fmt: skip
    entries = {word: _entry(word, lexicon) for word in words}  # cached in the lexicon
    packed = {word: packed_forms(word, [forms[tag][word] for tag in tags]) for word in words}
    classes = [entries[t.word].grade for _, _, cut in cuts for t in cut if t.chinese]
    data = {}
    for tag in tags:
        shown_texts = localize.convert_all(list(raw), tag, article.script)
        variant_texts = dict(zip(keys, shown_texts, strict=True))
        table: dict[tuple[str, str], int] = {}
        rows: list[list[object]] = []
        blocks: dict[str, list[int]] = {}
        for key, text, cut in cuts:
            shown = variant_texts.get(key, text)
            flat: list[int] = []
            previous_end = 0
            units = _utf16_positions(shown)
            for start, end, word in carry(cut, text, shown):
                if not HAN.search(word):
                    continue
                form = shown[start:end]
                index = table.get((word, form))
                if index is None:
                    index = table[(word, form)] = len(rows)
                    if word in packed and form == forms[tag][word]:
                        rows.append([word, packed[word], *entries[word].tail])
                    else:  # the text's form differs from the word's own conversion
                        rows.append(_row(word, form, tag, tags, forms, _entry(word, lexicon)))
                    _read_as_written(rows[-1], form, lexicon.terms.get(word))
                flat += [units(start) - previous_end, index]
                previous_end = units(end)
            blocks[key] = flat
        document = {"v": FORMAT, "tags": list(tags), "w": rows, "b": blocks}
        data[tag] = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return Learned(grade(classes), data)


def _utf16_positions(text: str) -> Callable[[int], int]:
    """A position in `text` as the browser counts it (UTF-16 code units): the same but
    after a character beyond the BMP (𠀀, emoji), which counts two there."""
    if all(ord(char) <= 0xFFFF for char in text):
        return lambda position: position
    offsets = [0]
    for char in text:
        offsets.append(offsets[-1] + (2 if ord(char) > 0xFFFF else 1))
    return offsets.__getitem__


# --- words ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    tail: tuple[object, ...]  # the row after the forms: syllables, pinyin, English, level, …
    grade: int  # the class the word counts in for the article's levels


def _entry(word: str, lexicon: Lexicon) -> _Entry:
    if word not in lexicon.entries:
        lexicon.entries[word] = _new_entry(word, lexicon)
    return lexicon.entries[word]


def _new_entry(word: str, lexicon: Lexicon) -> _Entry:
    term = lexicon.terms.get(word)
    name = lexicon.names.get(word)
    parts = readings.syllables(word)
    pinyin = ""
    if term and term.pinyin and (fit := readings.fitted(word, term.pinyin)):
        parts, pinyin = fit, term.pinyin
    senses, proper = readings.english(word, parts)
    english = (term.english if term else "") or (name.english if name else "") or senses
    if not pinyin:
        pinyin = readings.display(word, parts)
    level = hsk.level_of(word) or 0
    named = (term and term.kind in NAME_KINDS) or (name and name.kind != "term")
    # CC-CEDICT's proper nouns are names too, unless HSK lists them (周三, 西方: words to learn)
    is_name = bool(named or (proper and not term and not level))
    grade = NAMES if is_name else hsk.cover_level(word) or BEYOND
    written = "" if pinyin == readings.joined(parts) else pinyin
    tail = (
        " ".join(parts),
        written,
        english,
        level,
        term.id if term else "",
        "n" if is_name else "",
    )
    return _Entry(tail, grade)


def _row(
    word: str,
    form: str,
    tag: str,
    tags: tuple[str, ...],
    forms: dict[str, dict[str, str]],
    entry: _Entry,
) -> list[object]:
    shown = [form if each == tag else forms[each].get(word) or word for each in tags]
    return [word, packed_forms(word, shown), *entry.tail]


def _read_as_written(row: list[object], form: str, term: TermInfo | None) -> None:
    """A spelling with its own reading is read as the page writes it: 普丁 Pǔdīng on a
    Taiwan page, where the Simplified word is 普京 Pǔjīng (row: syllables, then pinyin)."""
    reading = dict(term.readings).get(form) if term else None
    if not reading:
        return
    parts = readings.fitted(form, reading)
    if parts:
        row[2], row[3] = " ".join(parts), "" if reading == readings.joined(parts) else reading


def packed_forms(word: str, shown: list[str]) -> str:
    """The forms per variant as one string: "|"-separated, each "" when it is the form
    before it (the first: the Simplified word), trailing empties dropped. 围堵 in
    zh-Hans, zh-Hant, zh-TW, zh-HK: "|圍堵"; a word the same everywhere: ""."""
    out = []
    previous = word
    for form in shown:
        out.append("" if form == previous else form)
        previous = form
    return "|".join(out).rstrip("|")
