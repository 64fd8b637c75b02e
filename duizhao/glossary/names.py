"""jieba: the words of a text with their part-of-speech tags, and the names among them.

Names jieba tags as people, places, organisations or other proper nouns (nr, nrfg, nrt, ns,
nt, nz) become candidate terms; assemble.py keeps those that occur in two or more articles.
Single characters, words starting with a numeral or a preposition (两国, 和普京) and generic
words (外国, 双方) are dropped here; words CC-CEDICT knows as common words (和平, 友谊) are
dropped when terms are made.

Two tokenizers, both private copies (the global jieba that Material's search uses is left
alone): `base_tokenizer`, jieba's stock dictionary, which pairs.py and readings.py use to
cut names and readings; and `extraction_tokenizer`, a copy that also knows this build's
curated spellings and pair names, so names jieba would split (加布耶夫) stay whole.

Cost: jieba loads once per process, on first use, with its logger set to WARNING so it
prints nothing. Cutting the texts with the part-of-speech tagger is then nine tenths of a
build (about 30 ms per article); a `NamesCache` keeps what was found per text, so a
rebuild cuts only new or changed texts.

Sections: public API, then helpers.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

import ahocorasick

from duizhao.glossary.text import HAN, JOINERS

if TYPE_CHECKING:  # types only: pairs.py, and curated.py through model.py, import this module
    from duizhao.glossary.curated import Curated
    from duizhao.glossary.pairs import Pair

# jieba's tags for names, and the kind of term each one makes.
NAME_TAGS = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place",
             "nt": "organisation", "nz": "term"}  # fmt: skip

# Text key -> the candidate names jieba found in that text, with their tags.
NamesCache = dict[str, list[list[str]]]


def cut_texts(
    texts: Sequence[str],
    tokenizer: Any,
    added: dict[str, tuple[int, str]],
    cache: NamesCache | None = None,
) -> list[list[list[str]]]:
    """jieba's [word, flag] tokens of each (Simplified) text.

    How jieba cuts a text depends only on the text and on the words this build added to its
    dictionary that occur in the text (with their frequency and tag): `extraction_tokenizer`
    makes that so. That is the cache key, so a cached cut is the cut jieba would make. The
    cache is left holding the entries of these texts only.
    """
    cache = {} if cache is None else cache
    finder = _all_occurrences(added)
    used: NamesCache = {}
    cuts = []
    for text in texts:
        present = sorted((word, *added[word]) for word in finder(text))
        key = hashlib.sha1(repr((text, present)).encode("utf-8")).hexdigest()
        tokens = used[key] if key in used else cache.get(key)
        if tokens is None:
            tokens = [[pair.word, pair.flag] for pair in _cut(tokenizer, text)]
        used[key] = tokens
        cuts.append(tokens)
    cache.clear()
    cache.update(used)
    return cuts


# jieba's part-of-speech HMM costs about 7 ms per character of a run it does not know (a
# Viterbi over some 250 states): 200,000 unpunctuated characters would take 25 minutes. News
# puts punctuation every few dozen characters, so a run longer than this is cut with the
# dictionary alone (linear and fast), and no text can stall a build (issue 16).
MAX_HMM_RUN = 300
_LONG_RUN = re.compile(rf"[^\s，。！？；：、“”「」《》（）,.!?;:()]{{{MAX_HMM_RUN},}}")


def _cut(tokenizer: Any, text: str) -> list[Any]:
    """jieba's (word, flag) pairs of the text: with its HMM, but not over very long runs."""
    pairs: list[Any] = []
    position = 0
    for run in _LONG_RUN.finditer(text):
        pairs += tokenizer.cut(text[position : run.start()])
        pairs += tokenizer.cut(run.group(), HMM=False)
        position = run.end()
    pairs += tokenizer.cut(text[position:])
    return pairs


@cache
def base_tokenizer() -> Any:
    """jieba's stock dictionary with part-of-speech tags, private and loaded once, quietly."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return jieba.posseg.POSTokenizer(tokenizer)


def extraction_tokenizer(
    curated: Curated, pairs: list[Pair], known: dict[str, str] | None = None
) -> tuple[Any, dict[str, tuple[int, str]]]:
    """A copy of the stock tokenizer that knows this build's curated spellings, pair names
    and `known` words (word -> kind: the names table's and CC-CEDICT's words the texts use,
    see `dictionary_words`), and the words it added: word -> (frequency, tag).

    A copy (two dictionary copies, some milliseconds) rather than the cached one, so words
    from an earlier build (`mkdocs serve`) or another glossary never leak into this one.
    Each added word's frequency is the stock dictionary's suggestion for it alone, and the
    dictionary total stays the stock one: so how a text is cut depends on no word that is
    not in it, which is what lets `cut_texts` cache cuts per text.
    """
    import jieba
    import jieba.posseg

    base = base_tokenizer()
    tokenizer = jieba.Tokenizer(base.tokenizer.dictionary)
    tokenizer.FREQ = dict(base.tokenizer.FREQ)
    tokenizer.total = base.tokenizer.total
    tokenizer.initialized = True
    pos = jieba.posseg.POSTokenizer.__new__(jieba.posseg.POSTokenizer)
    pos.tokenizer = tokenizer
    pos.word_tag_tab = dict(base.word_tag_tab)
    tags = {"person": "nr", "place": "ns", "organisation": "nt", "term": "nz", "": "nz",
            "word": "n"}  # fmt: skip
    wanted: dict[str, str] = {}  # a pair's tag wins over a curated one, as before
    for word, kind in (known or {}).items():
        wanted[word] = tags[kind]
    for term in curated.terms:
        for spelling in (term.zh, *term.aliases):
            if not spelling.isascii():
                wanted[spelling] = tags[term.kind]
    for pair in pairs:
        wanted[pair.chinese] = tags[pair.kind]
    added = {}
    for word, tag in wanted.items():
        freq = _suggested_frequency(word)
        tokenizer.add_word(word, freq=freq, tag=tag)
        added[word] = (freq, tag)
    tokenizer.total = base.tokenizer.total
    return pos, added


def last_word(run: str) -> str:
    """The last word jieba's stock dictionary cuts from `run` (the run itself if none)."""
    words = base_tokenizer().tokenizer.lcut(run)
    return words[-1] if words else run


def base_tag(word: str) -> str:
    """The stock dictionary's tag for the word, "" when it has none."""
    return str(base_tokenizer().word_tag_tab.get(word, ""))


# --- helpers ----------------------------------------------------------------------------


def dictionary_words(texts: Iterable[str]) -> dict[str, str]:
    """Words jieba's stock dictionary lacks that the texts use, with a kind: the names
    table's Simplified forms and CC-CEDICT's proper nouns (two or more characters) and
    long words (three or more: 基孔肯雅热, 台积电). Added to jieba's dictionary, they keep
    names whole that jieba would cut (斯塔/默, 台积/电则)."""
    finder = _dictionary_finder()
    found: dict[str, str] = {}
    for text in texts:
        for word in finder(text):
            found.setdefault(word, _dictionary()[word])
    return found


def table_names(texts: Iterable[str]) -> set[str]:
    """The names tables' Simplified forms (nametable.py) that the texts use: names the
    glossary trusts, whole (units.py never takes them for ordinary vocabulary)."""
    finder = _table_finder()
    return {word for text in texts for word in finder(text)}


@cache
def _table_finder() -> Any:
    from duizhao.glossary import nametable

    return _all_occurrences(nametable.by_simplified())


@cache
def _dictionary() -> dict[str, str]:
    """word -> kind ("term" when neither source says; "word" for a long common word), for
    `dictionary_words`."""
    from duizhao.glossary import cedict, nametable

    stock = base_tokenizer().tokenizer.FREQ
    words: dict[str, str] = {}
    for word, entries in cedict.index().items():
        if word in stock or not re.fullmatch(f"[{HAN}]+", word):
            continue
        proper = any(cedict.proper(entry) for entry in entries)
        if proper and len(word) >= 2:
            words[word] = cedict.kind_of(word) or "term"
        elif len(word) >= 3:
            words[word] = "word"  # a long common word: cut whole, but not a name
    for row in nametable.name_rows():
        if re.fullmatch(f"[{HAN}{JOINERS}]+", row.simplified):
            words[row.simplified] = row.kind
    return words


@cache
def _dictionary_finder() -> Any:
    return _all_occurrences(_dictionary())


def _all_occurrences(words: Iterable[str]) -> Any:
    """A function giving the set of `words` that occur in a text (overlaps included)."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    if not len(automaton):
        return lambda text: set()
    automaton.make_automaton()
    return lambda text: {word for _, word in automaton.iter(text)}


@cache
def _suggested_frequency(word: str) -> int:
    """jieba's `suggest_freq(word)` against the stock dictionary only (it reads, not tunes)."""
    return int(base_tokenizer().tokenizer.suggest_freq(word, False))
