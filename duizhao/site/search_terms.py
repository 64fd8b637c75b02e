"""What the search box knows besides Pagefind's index: a query dictionary per variant.

A reader on the Taiwan site who types 普京 (the mainland name), 普亭, `pujing`, `Pǔjīng`,
`xi jinping` or `Putin` means the article that says 普丁. Pagefind finds only what a page
says, so the browser rewrites the query first (docs/assets/javascripts/duizhao-search.js):
every key this dictionary knows in the query becomes the forms the reader's variant writes,
each searched as an exact phrase, and the result says which term matched.

Keys (normalised by `key`, the same rule as the browser's):
- every glossary term: its Simplified and Traditional forms, every variant's form, every
  alias in every variant, its pinyin (with or without tones or spaces) and its English;
- every term of our regional tables (data/variants/*.tsv) in every variant's spelling;
- single characters: what OpenCC makes of each CJK character in this variant (发 → 發 on a
  Traditional page, 發 → 发 on a Simplified one), so the rest of a query follows the page's
  script too (视频峰会 → 視像峰會 on zh-HK: 视频 from the table, 峰会 by character).

The dictionary is cut into shards by the first two characters of a key, so a query fetches
only the shards its own characters lead to, whatever the size of the glossary. Each shard is gzipped
JSON (the browser unpacks it with DecompressionStream), under a name no host serves with a
Content-Encoding of its own.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from duizhao import variants
from duizhao.glossary import Glossary, Term
from duizhao.variants import tables

SHARD_TARGET = 16_000  # bytes of JSON per shard before compression, about 5 kB gzipped
MAX_SHARDS = 1024
SHARD_SUFFIX = ".dzterms"
PREFIX = 2  # characters of a key that choose its shard
LATIN_PREFIX = 3  # letters, for pinyin and English: two letters (zh…, ch…) would crowd
CJK_BLOCK = (0x4E00, 0x9FFF)  # the CJK Unified Ideographs block: the characters news uses
_MARKS = re.compile(r"[\u0300-\u036f]")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def key(text: str) -> str:
    """A text as the dictionary and the browser compare it: NFKC, lower case, no tone marks
    (nor tone numbers in pinyin), only letters, digits and characters (spaces, hyphens and
    the name dot · go). duizhao-search.js's `key` is the same rule."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = unicodedata.normalize("NFC", _MARKS.sub("", unicodedata.normalize("NFD", text)))
    if not _HAN.search(text):
        text = re.sub(r"[0-9]", "", text)  # pu3jing1
    return "".join(char for char in text if char.isalnum())


@cache  # every article page asks for each of its terms' tokens, twice a variant
def term_token(term_id: str) -> str:
    """A word that stands for a glossary term in the index of each article that uses it.

    Pagefind indexes words as ICU4X cuts the text, and the browser cuts the query with its
    own segmenter: 江泽民 in 在江泽民时期 is indexed as 在江 | 泽 | 民, so no phrase query for
    江泽民 can find it, and a name dot (基尔·斯塔默) breaks a phrase too. Each article page
    therefore carries its terms' tokens as Pagefind metadata (searchable, never shown), and
    a query that names a term searches for its token besides its forms. Letters only, so
    both segmenters keep it whole."""
    digest = hashlib.sha256(term_id.encode("utf-8")).digest()
    return "dz" + "".join(chr(ord("a") + byte % 26) for byte in digest[:8])


def shard_of(text_key: str, shards: int) -> int:
    """The shard of a key: FNV-1a over the code points of its first two characters (three
    letters for pinyin and English), modulo the number of shards; keys that begin alike
    (中国…, zhong…) spread out."""
    value = 2166136261
    for char in text_key[: PREFIX if _HAN.match(text_key) else LATIN_PREFIX]:
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return value % shards


@dataclass(frozen=True)
class Entry:
    """One thing a key can mean on this variant's pages."""

    term: str  # glossary term id, or "" for a table term or a character
    label: str  # what the result says matched, in the variant's script
    pinyin: str
    english: str
    forms: tuple[str, ...]  # what to search for on this variant's pages, most usual first
    token: str = ""  # the term's index token (`term_token`), "" for others

    def as_list(self) -> list[object]:
        return [self.term, self.label, self.pinyin, self.english, list(self.forms), self.token]


def dictionary(glossary: Glossary, tag: str) -> dict[str, list[Entry]]:
    """Every key for variant `tag` -> what it means there (glossary terms first)."""
    found: dict[str, list[Entry]] = {}

    def add(keys: Iterable[str], entry: Entry) -> None:
        for each in dict.fromkeys(key(k) for k in keys if k):
            if each and entry not in found.setdefault(each, []):
                found[each].append(entry)

    by_simplified: dict[str, Entry] = {}
    for term in glossary:
        entry = _term_entry(term, tag)
        by_simplified[term.simplified] = entry
        add(_term_keys(term), entry)
    for concept in tables.concepts():
        form = concept.form(tag)
        spellings = [concept.hans, *(concept.form(v.tag) for v in variants.all_variants())]
        spellings += [s for group in concept.aliases.values() for s in group]
        # A table term that is also a glossary term is that term (and says so in results).
        add(spellings, by_simplified.get(concept.hans) or Entry("", form, "", "", (form,)))
    for char, converted in character_map(tag).items():
        found.setdefault(char, []).append(Entry("", converted, "", "", (converted,)))
    return found


def shard_files(glossary: Glossary, tag: str) -> tuple[int, dict[str, bytes]]:
    """(number of shards, file name -> gzipped JSON) for variant `tag`."""
    entries = dictionary(glossary, tag)
    size = sum(len(k) * 3 + 60 for k in entries) + sum(
        len(json.dumps(e.as_list(), ensure_ascii=False).encode()) for v in entries.values()
        for e in v
    )
    shards = 1
    while size / shards > SHARD_TARGET and shards < MAX_SHARDS:
        shards *= 2
    files: dict[str, bytes] = {}
    for number, part in _split(entries, shards):
        text = json.dumps(part, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        files[f"terms-{number}{SHARD_SUFFIX}"] = gzip.compress(text.encode("utf-8"), mtime=0)
    return shards, files


@cache
def character_map(tag: str) -> dict[str, str]:
    """Each CJK character that variant `tag` writes differently -> how it writes it, from
    whichever source script OpenCC converts it from (Simplified first)."""
    chars = [chr(code) for code in range(CJK_BLOCK[0], CJK_BLOCK[1] + 1)]
    found: dict[str, str] = {}
    for source in variants.sources():
        converted = variants.convert("\n".join(chars), tag, source).split("\n")
        if len(converted) != len(chars):
            continue  # a conversion that changed lengths cannot be read per character
        for char, result in zip(chars, converted, strict=True):
            if result != char and char not in found and len(result) == 1:
                found[char] = result
    return found


# --- helpers ----------------------------------------------------------------------------


def _term_keys(term: Term) -> Iterator[str]:
    yield term.simplified
    yield term.traditional
    yield from term.forms.values()
    for alias in term.aliases:
        yield alias
        for each in variants.all_variants():
            yield variants.convert(alias, each.tag, "hans")
    yield from term.surface  # every spelling a page may write (普亭, 臺灣 and 台灣)
    yield term.pinyin
    yield from term.readings.values()  # each spelling's own reading (普丁 Pǔdīng)
    yield from english_keys(term)


def english_keys(term: Term) -> Iterator[str]:
    """The English a reader may type for a term: each sense ("video summit; meeting by video
    link"), without a leading article or a bracketed note, and a person's surname alone
    ("Putin" for "Vladimir Putin")."""
    if term.english:
        yield term.english  # as the glossary shows it, note and all: "Ministry of Commerce (MOFCOM)"
    for sense in re.split(r"[;,/]", re.sub(r"\([^)]*\)", "", term.english)):
        sense = re.sub(r"^(the|a|an)\s+", "", sense.strip(), flags=re.I)
        if not sense:
            continue
        yield sense
        words = sense.split()
        if term.kind == "person" and len(words) > 1:
            yield words[-1]


def _term_entry(term: Term, tag: str) -> Entry:
    form = term.forms.get(tag) or variants.convert(term.simplified, tag, "hans")
    aliases = [variants.convert(alias, tag, "hans") for alias in term.aliases]
    forms = tuple(dict.fromkeys([form, *aliases]))
    return Entry(term.id, form, term.reading(form), term.english, forms, term_token(term.id))


def _split(
    entries: dict[str, list[Entry]], shards: int
) -> Iterator[tuple[int, dict[str, object]]]:
    """Each shard: {"k": {key: [entry index, ...]}, "e": [entry, ...]} (entries once each)."""
    parts: list[dict[str, list[int]]] = [{} for _ in range(shards)]
    tables_: list[list[list[object]]] = [[] for _ in range(shards)]
    indexes: list[dict[Entry, int]] = [{} for _ in range(shards)]
    for text_key in sorted(entries):
        number = shard_of(text_key, shards)
        refs = []
        for entry in entries[text_key]:
            if entry not in indexes[number]:
                indexes[number][entry] = len(tables_[number])
                tables_[number].append(entry.as_list())
            refs.append(indexes[number][entry])
        parts[number][text_key] = refs
    for number in range(shards):
        yield number, {"k": parts[number], "e": tables_[number]}
