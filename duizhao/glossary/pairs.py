"""Pairs the articles give, 中文（English） or 中文(English): the English, its kind, the Chinese.

The bracket must hold a name: Latin letters, at most eight words, each capitalised or a small
joining word (of, for, de, …), optionally ending in an abbreviation ("Peace Research
Institute Oslo, PRIO"). Dates, credits, Chinese and sentences ("We will be talking at
length") are skipped, and so is a bracket after punctuation. The Chinese is then cut out of
the text before the bracket, by kind:

* People (an English of capitalised words): a Chinese name is the shortest ending of the text
  whose readings spell the English ("乐玉成（Le Yucheng）"). A foreign name is the jieba
  words before the bracket that are tagged as names or made mostly of transliteration
  characters, joined by "·"; a title (总统, 研究员, 主任, 顾问, …), a particle or a common
  place name ends it, so 美国总统唐纳德·特朗普 gives 唐纳德·特朗普, 主任加布耶夫 gives 加布耶夫,
  研究员希尔 gives 希尔. "A·B" also gives its short form B as an alias when B occurs on its
  own (assemble.py).
* Organisations: jieba words back from the bracket until a particle, preposition, pronoun,
  adverb or verb (the name's last word excepted). A generic head the English does not
  translate is dropped first — 峰会 summit, 会议 meeting, 成员国 member states — so
  七大工业国集团峰会（G7） gives G7 = 七大工业国集团: the English names the group, not its
  summit. A curated name ending the cut wins. A closing abbreviation (PRIO, G7) becomes an
  alias.
* Places (a one-word English that CC-CEDICT or jieba calls a place): the longest curated or
  CC-CEDICT proper name ending the text (乌克兰首都基辅（Kyiv） gives 基辅).

Pairs with the same English are one term (拜登 and 乔·拜登 are both Joe Biden): assemble.py
joins them.

Sections: public API, then the English, then the Chinese.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from duizhao.glossary import cedict
from duizhao.glossary.curated import Curated
from duizhao.glossary.names import NAME_TAGS, base_tag, base_tokenizer, last_word
from duizhao.glossary.readings import romanisation_readings
from duizhao.glossary.text import HAN, JOINERS, ORG_WORDS


@dataclass(frozen=True)
class Pair:
    chinese: str  # Simplified
    english: str
    abbreviation: str
    kind: str


class Known:
    """Names a pair's cut may trust: curated spellings and CC-CEDICT's proper nouns."""

    def __init__(self, curated: Curated) -> None:
        self.curated = {s for term in curated.terms for s in (term.zh, *term.aliases)}

    def is_name(self, word: str) -> bool:
        return word in self.curated or any(cedict.proper(e) for e in cedict.entries(word))


def pairs_in(text: str, known: Known) -> list[Pair]:
    """The pairs of a (Simplified) text, in order."""
    found = []
    for bracket in _OPEN.finditer(text):
        match = _CONTENT.match(text, bracket.start())
        if match is None:
            continue
        run = _run_before(text, bracket.start()).strip(JOINERS)
        parsed = _parse_english(match.group(1))
        if not run or parsed is None:
            continue
        english, abbreviation = parsed
        kind = _pair_kind(english, abbreviation, run)
        chinese = _cut_pair(run, english, kind, known)
        if chinese:
            found.append(Pair(chinese, english, abbreviation, kind))
    return found


# --- the English ------------------------------------------------------------------------

# Linear on any text (issue 16): brackets are found first, the bracket's content is matched
# where it opens (at most 80 characters), and the Chinese before it is read backwards, at
# most MAX_RUN characters. A pattern such as `[Han]+（` backtracks over every start of a long
# unpunctuated run: 40,000 characters took 30 s.
_OPEN = re.compile("[（(]")
_CONTENT = re.compile(r"[（(]([^（）()\n]{1,80})[）)]")
_HAN_OR_JOINER = re.compile(f"[{HAN}{JOINERS}]")
MAX_RUN = 40  # no name in a pair is longer; the cut below reads only the run's end


def _run_before(text: str, at: int) -> str:
    """The Han characters and joiners right before position `at` (one space allowed between),
    at most MAX_RUN of them."""
    end = at
    if end > 0 and text[end - 1] in " \u3000":
        end -= 1
    start = end
    while start > 0 and end - start < MAX_RUN and _HAN_OR_JOINER.match(text[start - 1]):
        start -= 1
    return text[start:end]


_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9&\-]{1,9}")
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’\-]*\.?|[A-Z]\.")
_JOINING_WORDS = frozenset(
    "of for and the on in at to de da del di du la le van von der bin al".split()
)


def _parse_english(content: str) -> tuple[str, str] | None:
    """(English, abbreviation) when the bracket holds a name, else None."""
    content = " ".join(unicodedata.normalize("NFKC", content).split())
    if not content or not content.isascii() or not re.search("[A-Za-z]", content):
        return None
    parts = [part.strip() for part in content.split(",")]
    abbreviation = ""
    if len(parts) > 1 and _ABBREVIATION.fullmatch(parts[-1]):
        abbreviation = parts.pop()
    english = ", ".join(parts)
    if _ABBREVIATION.fullmatch(english) and re.search("[A-Z].*[A-Z0-9]", english):
        return english, english
    words = english.replace(",", " ").split()
    if not 1 <= len(words) <= 8 or any(
        not _NAME_WORD.fullmatch(word) and word not in _JOINING_WORDS for word in words
    ):
        return None
    if words[0] in _JOINING_WORDS:
        return None
    return english, abbreviation


def _pair_kind(english: str, abbreviation: str, run: str) -> str:
    if english == abbreviation or ORG_WORDS.search(english):
        return "organisation"
    if len(english.split()) == 1:  # Kyiv: a place or a person? Ask the dictionaries.
        last = last_word(run)
        kind = cedict.kind_of(last) or NAME_TAGS.get(base_tag(last), "")
        if kind in ("place", "organisation"):
            return kind
    if all(_NAME_WORD.fullmatch(word) for word in english.split()):
        return "person"
    return "term"


# --- the Chinese ------------------------------------------------------------------------

# Characters of transliterated foreign names (after Xinhua's tables); titles, particles and
# the common words before a name (总统, 研究员, 的, 和) use none of them at their end.
_TRANSLIT = frozenset(
    "阿埃艾爱安昂奥巴拜班邦鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁东杜多厄恩尔法凡菲费"
    "芬丰弗福夫盖甘冈戈格古圭哈海汉豪赫亨洪胡霍基吉加贾杰金卡凯坎康柯科克肯库夸奎拉莱赖兰朗"
    "劳勒雷蕾里利莉丽连林琳龙卢鲁伦罗洛吕马迈麦曼梅门蒙米敏莫姆穆纳娜乃南内尼涅宁纽努诺欧帕"
    "潘庞佩彭皮珀普齐奇乔切琴丘萨塞赛桑瑟森沙莎尚绍舍申什施斯松苏索塔泰坦汤唐陶特提廷图托瓦"
    "万旺威韦维温沃乌伍西希锡夏谢辛休雅亚扬耶伊因英尤约扎泽詹朱兹祖佐茨芙娃黛玛珊琪丝罕耳喀默"
)
_TITLES = tuple(
    "总统 主席 首相 总理 国务卿 部长 外长 主任 研究员 教授 记者 顾问 官员 大使 发言人 负责人"
    " 助理 议员 总裁 主编 编辑 作者 学者 专家 分析师 司令 将军 博士 先生 女士 国王 女王 王子"
    " 领导人 总书记 书记 秘书长 所长 院长 校长 局长 董事长 经理 首席 主播 创始人 代表 特使".split()
)
# Generic heads a pair's Chinese may end in; dropped unless the English says them too.
_GENERIC_HEADS: dict[str, tuple[str, ...]] = {
    "峰会": ("summit",),
    "会议": ("meeting", "conference"),
    "成员国": ("member",),
    "成员": ("member",),
    "总部": ("headquarters",),
    "声明": ("statement", "declaration"),
    "报告": ("report",),
    "领导人": ("leader",),
    "外长会议": ("foreign minister",),
    "外长": ("foreign minister",),
}
# jieba tags of the words before a bare abbreviation's thing: when, where, who (去年中国进口)
_LEADING_CONTEXT = ("t", "ns", "nr", "nrt", "p", "d", "r", "c")  # not "m": 七大工业国集团
# jieba tags that end an organisation's name, reading back from the bracket.
_STOP_TAGS = ("u", "p", "c", "r", "d", "y", "e", "o", "x", "w")


def _cut_pair(run: str, english: str, kind: str, known: Known) -> str:
    if kind == "person":
        name = _chinese_name_ending(run, english) or _foreign_name_ending(run)
    else:
        name = _organisation_ending(run, english, kind, known)
    han = sum(1 for ch in name if ch not in JOINERS)
    return name if 2 <= han <= 20 else ""


def _chinese_name_ending(run: str, english: str) -> str:
    """The ending of `run` whose readings spell `english` ("Le Yucheng" → 乐玉成)."""
    for length in (2, 3, 4):
        if length <= len(run) and romanisation_readings(run[-length:], english):
            return run[-length:]
    return ""


def _foreign_name_ending(run: str) -> str:
    """jieba's words back from the bracket while they look like a transliterated name:
    tagged as a name, or mostly transliteration characters. A title (总统, 研究员), a
    particle or preposition, or a common place (俄罗斯, 美国) ends the name; a word that
    only ends in transliteration characters gives those and ends it."""
    base = base_tokenizer()
    name = ""
    for pair in reversed(list(base.cut(run))):
        word, flag = pair.word, pair.flag
        if word in JOINERS:
            name = word + name
            continue
        common_place = flag in ("ns", "nt") and base.tokenizer.FREQ.get(word, 0) >= 1000
        if word.endswith(_TITLES) or flag.startswith(_STOP_TAGS) or common_place:
            break
        share = sum(ch in _TRANSLIT for ch in word) / len(word)
        if flag in ("nr", "nrt", "nrfg") or share >= 0.5:
            name = word + name
            continue
        tail = len(word)
        while tail > 0 and word[tail - 1] in _TRANSLIT:
            tail -= 1
        name = word[tail:] + name
        break
    return name.strip(JOINERS)


def _organisation_ending(run: str, english: str, kind: str, known: Known) -> str:
    """jieba's words back from the bracket, without a generic head the English lacks, to the
    first particle, preposition, pronoun, adverb or verb. A place is the longest known name
    ending the run (乌克兰首都基辅 → 基辅), else jieba's last word; an organisation ends
    in a curated name if one ends the cut."""
    words = [(w.word, w.flag) for w in base_tokenizer().cut(run)]
    lowered = english.lower()
    while len(words) > 1 and words[-1][0] in _GENERIC_HEADS:
        if any(key in lowered for key in _GENERIC_HEADS[words[-1][0]]):
            break
        words.pop()
    if _ABBREVIATION.fullmatch(english):
        # 去年中国进口液化天然气（LNG）: a bare abbreviation names a thing, not when or who
        # imports it: leading time words, places, people and verbs go
        while len(words) > 1 and words[0][1] in _LEADING_CONTEXT:
            words.pop(0)
        while len(words) > 2 and words[0][1] in ("v", "vn"):
            words.pop(0)
    kept: list[str] = []
    for index in range(len(words) - 1, -1, -1):
        word, flag = words[index]
        head = index == len(words) - 1
        if not head and (flag.startswith(_STOP_TAGS) or (flag == "v" and len(word) > 1)):
            break
        kept.insert(0, word)
    name = "".join(kept)
    if kind == "place":
        endings = (name[start:] for start in range(len(name) - 1))
        return next((e for e in endings if known.is_name(e)), kept[-1] if kept else "")
    if name not in known.curated:
        # Not CC-CEDICT here: 美国国务院 ends in its 国务院, China's State Council.
        for start in range(1, len(name) - 1):
            if name[start:] in known.curated:
                return name[start:]
    return name
