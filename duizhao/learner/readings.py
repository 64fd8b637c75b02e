"""A word's pinyin in context and its English senses.

Pinyin: pypinyin reads the word as a whole with its phrase dictionary, so a polyphone reads
as that word needs it (银行 yínháng, 行走 xíngzǒu, 重要 zhòngyào, 重新 chóngxīn, 长大 zhǎngdà,
长度 chángdù); one syllable per character ("" for a character that is not Han), because the
page puts each syllable over its character. A glossary term's reading (Xí Jìnpíng, with the
glossary's surname rules and curated readings) wins, split into the same syllables.

English: CC-CEDICT through the glossary's reader (`duizhao.glossary.cedict`, read once per
process), the entries whose reading is the word's reading in context first (行 read háng:
"row; line; …", not "to walk"); senses cleaned and capped. A word the dictionary lacks is
explained by the dictionary words it is made of (外交部长 → 外交 + 部长).

Tones are citation tones (一 yī, 不 bù), as dictionaries and flashcard programs write them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from duizhao.glossary import cedict
from duizhao.learner.segment import HAN

MAX_SENSES = 4
MAX_ENGLISH = 90  # characters: a card, not a dictionary page (and bytes per article)
_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_SKIPPED = re.compile(r"^(?:CL:|old variant of|archaic variant of|Taiwan pr\.|surname )")
_CLASSIFIER = re.compile(r"\s*\(?CL:[^/)]*\)?")
# CC-CEDICT's cross-references, 陝西省|陕西省[Shan3 xi1 Sheng3]: the Simplified form is enough.
_CROSS_REFERENCE = re.compile(r"(?:[^\s|\[\]]+\|)?([^\s|\[\]]+)\[[^\]]*\]")


@lru_cache(maxsize=200_000)
def syllables(word: str) -> tuple[str, ...]:
    """One tone-marked syllable per character of the word ("" for non-Han characters)."""
    import pypinyin

    items = pypinyin.pinyin(word, style=pypinyin.Style.TONE)  # a non-Han run: one item
    out: list[str] = []
    pending = iter(items)
    at = 0
    while at < len(word):
        if HAN.match(word[at]):
            item = next(pending, [""])
            out.append(item[0] if item else "")
            at += 1
            continue
        run_end = at
        while run_end < len(word) and not HAN.match(word[run_end]):
            run_end += 1
        next(pending, None)  # the non-Han run comes as one item
        out.extend([""] * (run_end - at))
        at = run_end
    return tuple(out)


def fitted(word: str, reading: str) -> tuple[str, ...] | None:
    """The word's syllables as `reading` spells them ("Xí Jìnpíng" → xí jìn píng), trying
    every reading of each character; None when the reading does not fit."""
    import pypinyin

    target = unicodedata.normalize("NFC", re.sub(r"[\s'’\-·]", "", reading.lower()))
    options = [
        pypinyin.pinyin(ch, style=pypinyin.Style.TONE, heteronym=True)[0] if HAN.match(ch) else [""]
        for ch in word
    ]

    def search(index: int, at: int) -> list[str] | None:
        if index == len(options):
            return [] if at == len(target) else None
        for option in options[index]:
            option = unicodedata.normalize("NFC", option.lower())
            if target.startswith(option, at):
                rest = search(index + 1, at + len(option))
                if rest is not None:
                    return [option, *rest]
        return None

    found = search(0, 0) if len(word) <= 12 else None
    return tuple(found) if found is not None else None


def joined(parts: tuple[str, ...] | list[str]) -> str:
    """Syllables as one written word: an apostrophe before a, o, e (Xī'ān)."""
    out = ""
    for syllable in parts:
        if not syllable:
            continue
        if out and _bare(syllable[0]) in "aoe" and out[-1].isalpha():
            out += "'"
        out += syllable
    return out


def numbered(parts: tuple[str, ...] | list[str]) -> str:
    """ "yín háng" as CC-CEDICT writes it: "yin2 hang2" (ü as u:, neutral tone 5)."""
    written = []
    for syllable in parts:
        if not syllable:
            continue
        decomposed = unicodedata.normalize("NFD", syllable.lower())
        tone = next((_TONE_MARKS[ch] for ch in decomposed if ch in _TONE_MARKS), "5")
        letters = "".join(ch for ch in decomposed if ch not in _TONE_MARKS)
        letters = unicodedata.normalize("NFC", letters).replace("ü", "u:")
        written.append(letters + tone)
    return " ".join(written)


@lru_cache(maxsize=200_000)
def english(word: str, parts: tuple[str, ...]) -> tuple[str, bool]:
    """(English senses, whether CC-CEDICT knows the word only as a proper noun)."""
    found = cedict.entries(word)
    if not found:
        return _from_parts(word), False
    chosen = _in_context(found, parts)
    senses: list[str] = []
    for _, _, definitions in chosen:
        for sense in definitions.split("/"):
            sense = _CROSS_REFERENCE.sub(r"\1", _CLASSIFIER.sub("", sense).strip())
            if sense and not _SKIPPED.match(sense) and sense not in senses:
                senses.append(sense)
    if not senses:  # only a surname, a classifier or a variant: say that much
        senses = [s.strip() for _, _, d in chosen for s in d.split("/") if s.strip()][:1]
    return _capped(senses), all(cedict.proper(entry) for entry in chosen)


def display(word: str, parts: tuple[str, ...]) -> str:
    """The word's pinyin as one written word, capitalised where CC-CEDICT capitalises it
    (Pǔjīng, Běijīng)."""
    capitals: list[bool] = []
    chosen = _in_context(cedict.entries(word), parts)
    if chosen and all(cedict.proper(entry) for entry in chosen):
        capitals = [syllable[:1].isupper() for syllable in chosen[0][1].split()]
    if len(capitals) != sum(1 for part in parts if part):
        return joined(parts)
    flags = iter(capitals)
    return joined([p[:1].upper() + p[1:] if p and next(flags) else p for p in parts])


def _in_context(found: tuple[cedict.Entry, ...], parts: tuple[str, ...]) -> list[cedict.Entry]:
    reading = numbered(parts).lower()
    matching = [entry for entry in found if entry[1].lower() == reading]
    return matching or list(found)


def _capped(senses: list[str]) -> str:
    text = ""
    for sense in senses[:MAX_SENSES]:
        candidate = f"{text}; {sense}" if text else sense
        if len(candidate) > MAX_ENGLISH and text:
            break
        text = candidate[:MAX_ENGLISH]
    return text


def _from_parts(word: str) -> str:
    """ "外交 diplomacy · 部长 minister": the longest dictionary words, left to right."""
    if len(word) < 2:
        return ""
    pieces = []
    at = 0
    while at < len(word):
        for end in range(min(len(word), at + 6), at, -1):
            part = word[at:end]
            if (end - at > 1 or HAN.match(part)) and cedict.entries(part):
                sense, _ = english(part, syllables(part)) if end - at < len(word) else ("", False)
                first = sense.split("; ")[0]
                pieces.append(f"{part} {first}" if first else part)
                at = end
                break
        else:
            at += 1
    return " · ".join(pieces) if len(pieces) > 1 else ""


def _bare(char: str) -> str:
    return unicodedata.normalize("NFD", char.lower())[0]
