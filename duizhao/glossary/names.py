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
from collections import Counter, defaultdict
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


def shared_names(
    texts: Sequence[str],
    tokenizer: Any,
    added: dict[str, tuple[int, str]],
    cache: NamesCache | None = None,
) -> dict[str, Counter[str]]:
    """Candidate names jieba finds in the (Simplified) texts, with the tags it gave them.

    How jieba cuts a text depends only on the text and on the words this build added to its
    dictionary that occur in the text (with their frequency and tag): `extraction_tokenizer`
    makes that so. That is the cache key, so a cached cut is the cut jieba would make. The
    cache is left holding the entries of these texts only.
    """
    cache = {} if cache is None else cache
    finder = _all_occurrences(added)
    used: NamesCache = {}
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        present = sorted((word, *added[word]) for word in finder(text))
        key = hashlib.sha1(repr((text, present)).encode("utf-8")).hexdigest()
        names = used[key] if key in used else cache.get(key)
        if names is None:
            names = [
                [pair.word, pair.flag]
                for pair in tokenizer.cut(text)
                if pair.flag in NAME_TAGS and _plausible_name(pair.word)
            ]
        used[key] = names
        for word, flag in names:
            found[word][flag] += 1
    cache.clear()
    cache.update(used)
    return found


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
    curated: Curated, pairs: list[Pair]
) -> tuple[Any, dict[str, tuple[int, str]]]:
    """A copy of the stock tokenizer that knows this build's curated spellings and pair names,
    and the words it added: word -> (frequency, tag).

    A copy (two dictionary copies, some milliseconds) rather than the cached one, so words
    from an earlier build (`mkdocs serve`) or another glossary never leak into this one.
    Each added word's frequency is the stock dictionary's suggestion for it alone, and the
    dictionary total stays the stock one: so how a text is cut depends on no word that is
    not in it, which is what lets `shared_names` cache cuts per text.
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
    tags = {"person": "nr", "place": "ns", "organisation": "nt", "term": "nz", "": "nz"}
    wanted: dict[str, str] = {}  # a pair's tag wins over a curated one, as before
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

_NUMERALS = frozenset("一二三四五六七八九十两百千万几多半")
_FUNCTION_CHARS = frozenset("和向与同对给跟被把在于将从及或")
_GENERIC = frozenset(
    "外国 国家 地区 城市 大城市 首都 本国 两国 各国 双方 对方 中方 俄方 美方".split()
)


def _all_occurrences(words: Iterable[str]) -> Any:
    """A function giving the set of `words` that occur in a text (overlaps included)."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    if not len(automaton):
        return lambda text: set()
    automaton.make_automaton()
    return lambda text: {word for _, word in automaton.iter(text)}


def _plausible_name(word: str) -> bool:
    """Two or more Han characters, not a generic word, no leading numeral or preposition."""
    han = [ch for ch in word if ch not in JOINERS]
    if len(han) < 2 or not all(re.match(f"[{HAN}]", ch) for ch in han):
        return False
    if word in _GENERIC or (len(word) == 2 and word[0] in _NUMERALS):
        return False
    return not (word[0] in _FUNCTION_CHARS and len(word) >= 3)


@cache
def _suggested_frequency(word: str) -> int:
    """jieba's `suggest_freq(word)` against the stock dictionary only (it reads, not tunes)."""
    return int(base_tokenizer().tokenizer.suggest_freq(word, False))
