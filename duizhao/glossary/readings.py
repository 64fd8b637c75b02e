"""Readings: a term's pinyin with tone marks, grouped into words the way it is written.

pypinyin gives the readings. A Chinese person's name is "Surname Given" with the surname's
reading from `_SURNAME_READINGS` (pypinyin 0.55 has no surname mode: its issue #297): 单
Shàn, 曾 Zēng, 乐 Yuè — unless the English romanisation spells another reading of the
character (乐玉成 is "Le Yucheng" in English, so Lè Yùchéng). Foreign names are one word per
"·" part (Fúlājīmǐ'ěr Pǔjīng); places and organisations one capitalised word per jieba word
(Shànghǎi Hézuò Zǔzhī); other terms lower case unless CC-CEDICT writes them as proper nouns;
one-character country names run together with a hyphen (中俄 Zhōng-É, 俄乌 É-Wū).

The same readings make a term's id: `slug` is the toneless pinyin of the Simplified form
("pu-jing", "xi-jin-ping"). pairs.py asks `romanisation_readings` whether a pair's Chinese
spells its English ("乐玉成（Le Yucheng）").

Sections: public API, then names of people, words and capitals, syllables.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import cache
from typing import Any

from duizhao.glossary import cedict
from duizhao.glossary.candidates import SURNAMES  # one list of common surnames
from duizhao.glossary.names import base_tokenizer
from duizhao.glossary.text import HAN, JOINERS


def pinyin(word: str, kind: str, english: str = "") -> str:
    """The reading of a term, grouped as the module documentation describes."""
    if kind == "person":
        parts = [part for part in re.split(f"[{JOINERS}]", word) if part]
        if len(parts) == 1 and _is_chinese_name(word, english):
            return _chinese_name_pinyin(word, english)
        return " ".join(_capitalise(_syllables(part)) for part in parts)
    capitals = _cedict_capitals(word)
    readings = []
    position = 0
    for part in _reading_words(word):
        if len(part) > 1 and all(ch in _COUNTRY_SHORT for ch in part):
            readings.append("-".join(_capitalise(r) for r in _readings(part)))  # Zhōng-É
        else:
            reading = _syllables(part)
            proper = (
                kind in ("place", "organisation")
                or position in capitals
                or _only_proper(part)  # 北京时间 → Běijīng shíjiān
            )
            readings.append(_capitalise(reading) if proper else reading)
        position += len(part)
    return " ".join(readings)


def form_pinyin(form: str, kind: str, english: str = "") -> str:
    """The reading of a regional or Traditional form, grouped as its Simplified characters
    would be (視訊會晤 reads as 视讯会晤: shìxùn huìwù; 普丁 Pǔdīng, not 普京's Pǔjīng). The
    characters are simplified one by one (OpenCC t2s, no regional words), so 普丁 stays 普丁."""
    return pinyin(_character_simplifier().convert(form), kind, english)


def syllables(word: str) -> tuple[str, ...]:
    """The tone-marked syllables of a word, by pypinyin with its phrase dictionary."""
    return tuple(_readings(word))


@cache
def _character_simplifier() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def romanisation_readings(word: str, english: str) -> tuple[str, ...] | None:
    """Tone-marked readings of `word` that spell `english` (either name order), or None.

    Tries every reading of each character (乐: lè, yuè), the surname's reading first.
    """
    import pypinyin

    key = toneless(english)
    if not key or len(word) > 4:
        return None
    options = [pypinyin.pinyin(ch, style=pypinyin.Style.TONE, heteronym=True)[0] for ch in word]
    surname = _SURNAME_READINGS.get(word[0])
    if surname:
        options[0] = [surname, *[r for r in options[0] if r != surname]]
    for combination in itertools.product(*options):
        spelled = toneless("".join(combination))
        if spelled == key or toneless("".join(combination[1:]) + combination[0]) == key:
            return combination
    return None


def toneless(text: str) -> str:
    """Lower-case ASCII letters only: "Xí Jìnpíng" → "xijinping"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalpha())


def slug(simplified: str) -> str:
    """Toneless pinyin joined by hyphens ("pu-jing"); ASCII letters and digits kept."""
    import pypinyin

    words = pypinyin.lazy_pinyin(unicodedata.normalize("NFKC", simplified))
    return re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")[:60].rstrip("-")


# --- names of people --------------------------------------------------------------------

# Surnames whose reading differs from the character's usual one (pypinyin reads them as
# words: 单 dān, 曾 céng, 乐 lè). Compound surnames are read as a whole.
_SURNAME_READINGS: dict[str, str] = {
    "单": "shàn", "曾": "zēng", "乐": "yuè", "解": "xiè", "仇": "qiú", "查": "zhā",
    "区": "ōu", "朴": "piáo", "盖": "gě", "华": "huà", "翟": "zhái", "覃": "qín",
    "缪": "miào", "瞿": "qú", "过": "guō", "纪": "jǐ", "燕": "yān", "种": "chóng",
    "繁": "pó", "折": "shè", "那": "nā", "藏": "zàng", "都": "dū", "六": "lù", "薄": "bó",
    "贾": "jiǎ", "居": "jū", "盛": "shèng", "柏": "bǎi", "牟": "móu", "陆": "lù",
    "叶": "yè", "沈": "shěn", "宿": "sù", "卜": "bǔ", "秘": "bì", "冼": "xiǎn", "任": "rén",
    "员": "yùn", "重": "chóng", "曲": "qū", "乜": "niè", "阚": "kàn", "句": "gōu",
    "尉": "wèi", "万": "wàn", "石": "shí", "和": "hé", "殷": "yīn", "南": "nán",
    "宁": "nìng", "能": "nài", "隗": "wěi", "逄": "páng", "长": "cháng", "车": "chē",
    "万俟": "mòqí", "尉迟": "yùchí", "单于": "chányú", "令狐": "línghú", "长孙": "zhǎngsūn",
    "欧阳": "ōuyáng", "司马": "sīmǎ", "诸葛": "zhūgě", "上官": "shàngguān",
    "皇甫": "huángfǔ", "夏侯": "xiàhóu", "东方": "dōngfāng", "慕容": "mùróng",
    "公孙": "gōngsūn", "澹台": "tántái", "宇文": "yǔwén", "司徒": "sītú", "端木": "duānmù",
}  # fmt: skip
# Common surnames (and the polyphonic ones above): a name without English that starts with
# one of these and has no transliteration-only character after it reads as a Chinese name.
_SURNAMES = SURNAMES | {s for s in _SURNAME_READINGS if len(s) == 1}
# Characters that (almost) only transliterations use: in a name's given part they say
# "foreign" (唐纳德 starts with the surname 唐, but 纳 and 德 are a transliteration).
_FOREIGN_ONLY = frozenset(
    "尔斯夫娃娜姆耶诺萨茨普登纳丹卡布默奥伊埃艾拉里科洛鲁维沃瓦兹齐罗索塔特蒂迪克德基"
)
_HYPHENATED_GIVEN = re.compile(r"\b[A-Z][a-z]+-[a-z]+\b")  # Wai-kwok, Ying-jeou


def is_chinese_name(word: str, english: str = "") -> bool:
    """A Chinese personal name: a surname and a given name (no transliteration)."""
    return _is_chinese_name(word, english)


def pinyin_name(word: str) -> str:
    """A Chinese name in pinyin without tones, as mainland English writes it: Chen Binhua."""
    reading = _chinese_name_pinyin(word, "")
    return " ".join(_capitalise(toneless_word(part)) for part in reading.split())


def wade_giles_name(word: str) -> str:
    """A Chinese name as Taiwan's passports write it (Wade–Giles, no apostrophes, the given
    name hyphenated): 黄国昌 Huang Kuo-chang, 卓荣泰 Cho Jung-tai."""
    import pypinyin

    surname = word[:2] if word[:2] in _SURNAME_READINGS else word[:1]
    syllables = [
        s[0].replace("'", "").replace("ü", "u").replace("v", "u")
        for s in pypinyin.pinyin(word, style=pypinyin.Style.WADEGILES)
    ]
    family = "".join(syllables[: len(surname)])
    given = "-".join(syllables[len(surname) :])
    return " ".join(part[:1].upper() + part[1:] for part in (family, given) if part)


def toneless_word(text: str) -> str:
    """A reading without tone marks, letters kept: "Xí" → "Xi"."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def _is_chinese_name(word: str, english: str) -> bool:
    if not 2 <= len(word) <= 4 or not all(re.match(f"[{HAN}]", ch) for ch in word):
        return False
    if english:
        if romanisation_readings(word, english) or _HYPHENATED_GIVEN.search(english):
            return True
        if re.search("[A-Za-z]", english):
            return False
    surname = word[:2] if word[:2] in _SURNAME_READINGS else word[:1]
    given = word[len(surname) :]
    if not given or (surname not in _SURNAMES and surname not in _SURNAME_READINGS):
        return False
    return not set(given) & _FOREIGN_ONLY


def _chinese_name_pinyin(word: str, english: str) -> str:
    surname = word[:2] if word[:2] in _SURNAME_READINGS else word[:1]
    matched = romanisation_readings(word, english) if english else None
    if matched:
        surname_reading = "".join(matched[: len(surname)])
        given_reading = _join(list(matched[len(surname) :]))
    else:
        surname_reading = _SURNAME_READINGS.get(surname) or _join(_readings(surname))
        given_reading = _join(_readings(word[len(surname) :]))
    return " ".join(_capitalise(part) for part in (_join([surname_reading]), given_reading) if part)


# --- words and capitals -----------------------------------------------------------------

# One-character short names of countries and regions, as in 中俄, 美俄, 俄乌, 欧美.
_COUNTRY_SHORT = frozenset("中俄美欧乌英法德日韩朝印台港澳越泰巴以伊叙")
_COMMON_WORD_FREQ = 500  # jieba frequency of words common enough to write apart


def _only_proper(word: str) -> bool:
    found = cedict.entries(word)
    return bool(found) and all(cedict.proper(entry) for entry in found)


def _cedict_capitals(word: str) -> set[int]:
    """Positions of the characters CC-CEDICT capitalises in the word (中俄关系: 0, 1)."""
    for _, numbered, _ in cedict.entries(word):
        syllables = numbered.split()
        if len(syllables) == len(word):
            return {n for n, syllable in enumerate(syllables) if syllable[:1].isupper()}
    return set()


def _reading_words(word: str) -> list[str]:
    """The words pinyin writes apart: jieba's words without its guessing (HMM), long ones
    split into two dictionary words (伙伴关系 → 伙伴 关系), and runs of one-character
    country names kept together (俄/乌 → 俄乌)."""
    tokenizer = base_tokenizer().tokenizer
    words: list[str] = []
    for w in tokenizer.cut(word, HMM=False):
        if not w.strip(JOINERS):
            continue
        if (
            words
            and len(w) == 1
            and w in _COUNTRY_SHORT
            and all(ch in _COUNTRY_SHORT for ch in words[-1])
        ):
            words[-1] += w
            continue
        words.extend(_split_long(w, tokenizer.FREQ))
    return words


def _split_long(word: str, freq: dict[str, int]) -> list[str]:
    if len(word) < 4:
        return [word]
    if all(ch in _COUNTRY_SHORT for ch in word[:2]) and freq.get(word[2:]):
        return [word[:2], word[2:]]  # 中俄关系 → 中俄 关系
    splits = [  # two common words each (not 克里 + 姆林宫)
        (min(cut, len(word) - cut), cut)
        for cut in range(2, len(word) - 1)
        if min(freq.get(word[:cut], 0), freq.get(word[cut:], 0)) >= _COMMON_WORD_FREQ
    ]
    if not splits:
        return [word]
    cut = max(splits)[1]
    return [word[:cut], word[cut:]]


# --- syllables --------------------------------------------------------------------------


def _readings(text: str) -> list[str]:
    import pypinyin

    return [options[0] for options in pypinyin.pinyin(text, style=pypinyin.Style.TONE)]


def _syllables(word: str) -> str:
    return _join(_readings(word))


def _join(syllables: list[str]) -> str:
    """Syllables of one word, with an apostrophe before a, o, e (Xī'ān, Hā'ěrbīn)."""
    out = ""
    for syllable in syllables:
        if out and syllable and toneless(syllable[0]) in ("a", "o", "e") and out[-1].isalpha():
            out += "'"
        out += syllable
    return out


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]
