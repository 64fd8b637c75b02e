"""Candidate terms in one text: spans jieba's words suggest, each with why.

A candidate is a span of a (Simplified) text with a kind hint and a reason; units.py then
decides across all articles which candidates are terms. The rules, each a reason:

- "name": a word jieba tags as a name (nr, ns, nt, nz, and abbreviations j), or one this
  build added to jieba's dictionary (curated spellings, pairs, the names table, CC-CEDICT
  words) — two or more Han characters, not a generic word, no leading numeral, preposition
  or determiner;
- "joined": a foreign name whose parts are joined by ·, ‧, ・ or a hyphen (伊力哈木·土赫提,
  米兰-科尔蒂纳), the parts read back and forth over jieba's words while they look like a
  name (titles and particles end it);
- "surname": a Chinese name of three characters that jieba cut in two (李家/超): a common
  surname and two characters that are no dictionary word together;
- "head": a proper name built of words and a head that says what it is (管理局, 委员会,
  气象署, 条例, 罪, 机场, 奖 …), read back over nouns until a verb, particle or punctuation;
- "transliterated": a run of transliteration characters jieba cut apart (斯塔/默);
- "dictionary": a noun CC-CEDICT knows as a proper noun or whose senses name a place or
  institution (内地 "mainland China", 两岸 "Taiwan and mainland", 特首 "… Hong Kong");
- "quoted": a phrase in quotation marks or title marks (“冰丝带”, 《维护国家安全条例》);
- "latin": a Latin prefix joined to a name (FT中文网).

Bylines are not candidates: a name right after 记者 or 作者, or before ／…报导 (the
reporter, not the news).

Sections: public API, then the rules, then helpers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from duizhao.glossary.text import HAN, JOINERS

NAME_FLAGS = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place",
              "nt": "organisation", "nz": "term", "j": "term"}  # fmt: skip
NAME_JOINERS = JOINERS + "-"
MAX_PARTS = 4  # 马丁·路德·金: no name has more parts


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    spelling: str
    kind: str  # a hint: person | place | organisation | term | ""
    reason: str  # name | joined | surname | head | quoted | latin


Token = Sequence[str]  # [word, flag]


def candidates(
    text: str, tokens: Sequence[Token], added: frozenset[str] = frozenset()
) -> list[Span]:
    """The candidate spans of a text, given jieba's (word, flag) tokens of it."""
    starts = _starts(tokens)
    spans: list[Span] = []
    bylines = byline_positions(text, tokens)
    for index, (word, flag) in enumerate(tokens):
        start = starts[index]
        if start in bylines:
            continue
        if (flag in NAME_FLAGS or word in added) and plausible(word):
            spans.append(Span(start, start + len(word), word, NAME_FLAGS.get(flag, ""), "name"))
        elif (
            flag.startswith(("n", "l", "j", "f", "s"))
            and _polity_word(word)
            and (
                word[0] not in _DETERMINERS  # 全港 "all of Hong Kong" names no one thing
            )
        ):
            spans.append(Span(start, start + len(word), word, "", "dictionary"))
    spans += _joined(text, tokens, starts, bylines)
    spans += _surnames(text, tokens, starts, bylines)
    spans += _transliterated(text, starts, bylines)
    spans += _headed(tokens, starts)
    spans += _quoted(text)
    spans += _latin_prefixed(text, spans)
    return spans


def plausible(word: str) -> bool:
    """Two or more Han characters (joiners aside), not a generic word, no leading numeral,
    preposition or determiner."""
    han = [ch for ch in word if ch not in NAME_JOINERS]
    if len(han) < 2 or not all(_IS_HAN.match(ch) for ch in han):
        return False
    if word in GENERIC or (len(word) == 2 and word[0] in _NUMERALS):
        return False
    if word[0] in _DETERMINERS:
        return False
    return not (word[0] in _FUNCTION_CHARS and len(word) >= 3)


# --- the rules --------------------------------------------------------------------------

_IS_HAN = re.compile(f"[{HAN}]")
_NUMERALS = frozenset("一二三四五六七八九十两百千万几多半")
_FUNCTION_CHARS = frozenset("和向与同对给跟被把在于将从及或")
_DETERMINERS = frozenset("各本该此这那其每某诸全")
GENERIC = frozenset(
    "外国 国家 地区 城市 大城市 首都 本国 两国 各国 双方 对方 中方 俄方 美方 港方 台方 "
    "政府 当局 官方 国际 全球 世界 国内 海外 境外 境内 全国 地方 中央 社会 日电 国会 议会 "
    "西方 东方 东北 西北 东南 西南 自治区 特区 市府 县府".split()
)
# Words that end a name read backwards: titles and roles (the name comes after them).
TITLES = tuple(
    "总统 主席 首相 总理 国务卿 部长 外长 主任 研究员 教授 记者 顾问 官员 大使 发言人 负责人"
    " 助理 议员 总裁 主编 编辑 作者 学者 专家 分析师 司令 将军 博士 先生 女士 国王 女王 王子"
    " 领导人 总书记 书记 秘书长 所长 院长 校长 局长 董事长 经理 首席 主播 创始人 代表 特使"
    " 行政长官 特首 司长 署长 处长 创办人 运动员 选手 律师 法官 检察官 市长 县长 省长 主委"
    " 外相 立法委员 立委 国务卿 国家主席".split()
)
# Heads of proper names built of ordinary words: bureaus, councils, laws, offences, prizes.
HEADS = tuple(
    "局 处 署 委员会 委会 办公室 办事处 总署 管理局 议会 法院 检察院 法 条例 罪 奖 机场 大学"
    " 学院 研究院 研究所 基金会 协会 联盟 银行 集团 电视台 气象署 天文台 球场 速滑馆 体育馆"
    " 信号 警示 蓝图 原则 战争 关税 冬奥会 冬奥 奥运会 地区 党".split()
)
_HEAD_CHARS = frozenset("局处署会法罪奖馆院党部")
RARE_HEAD = 300  # 保安局 8, 入境处 3, 经济部 43 in jieba's corpus; 机会, 方法 are common
_NUMBERED = re.compile("[一二三四五六七八九十]+号")
_NOMINAL = ("n", "ns", "nt", "nz", "nr", "nrt", "nrfg", "j", "vn", "an", "l", "i", "b", "s")
_SUBJECT_VERBS = frozenset(
    "勾结 维护 发布 煽动 危害 分裂 颠覆 串谋 强迫 预防 诉讼 管理 事务".split()
)
_QUOTED = re.compile(  # at most five characters: longer quotes are remarks
    rf"[“「『《〈‘]([{HAN}A-Za-z0-9{re.escape(NAME_JOINERS)}—]{{2,20}})[”」』》〉’]"
)
_BYLINE_BEFORE = re.compile(
    rf"(?:记者|作者|撰稿人|摄影)[ \u3000|｜:：]*"
    rf"([{HAN}{JOINERS}]{{2,8}}(?:[ \u3000、][{HAN}{JOINERS}]{{2,8}})*)"
    r"(?=[ \u3000）)／/]|$)"
)
_BYLINE_ROLES = ("记者", "作者", "撰稿人", "摄影", "编辑")
_BYLINE_AFTER = re.compile(rf"([{HAN}{JOINERS}]{{2,4}})[／/][{HAN}]{{0,6}}报[导道]")


def _joined(text: str, tokens: Sequence[Token], starts: list[int], bylines: set[int]) -> list[Span]:
    """Names whose parts are joined by a dot or hyphen: 伊力哈木·土赫提, 米兰-科尔蒂纳."""
    spans = []
    at = {start: index for index, start in enumerate(starts)}
    covered = 0  # the end of the last name found: a chain's later joiners are inside it
    for index, (word, _) in enumerate(tokens):
        if word not in NAME_JOINERS or index == 0 or index + 1 >= len(tokens):
            continue
        if starts[index] < covered:
            continue
        left = _name_tokens(tokens, index - 1, -1)
        right = _name_tokens(tokens, index + 1, +1)
        if left < 0 or right < 0:
            continue
        first, last = min(left, index - 1), max(right, index + 1)
        start, end = starts[first], starts[last] + len(tokens[last][0])
        # a chain of joined parts (A·B·C, at most MAX_PARTS) is found from its first joiner
        parts = 2
        while end < len(text) and text[end] in NAME_JOINERS and parts < MAX_PARTS:
            parts += 1
            nxt = at.get(end + 1, -1)
            if nxt < 0:
                break
            stop = _name_tokens(tokens, nxt, +1)
            if stop < 0:
                break
            end = starts[stop] + len(tokens[stop][0])
        if start in bylines or any(position in bylines for position in range(start, end)):
            continue
        while end - 1 > index and text[end - 1] in _TRAILING and text[end - 3 : end - 1].isalpha():
            end -= 1  # 土赫提原为: jieba took the next word's first character
        covered = end
        spelling = text[start:end]
        if plausible(spelling) and _IS_HAN.match(spelling[0]):
            spans.append(Span(start, end, spelling, "person", "joined"))
    return spans


def _name_tokens(tokens: Sequence[Token], index: int, step: int) -> int:
    """The index of the last token, from `index` in direction `step`, that still belongs to
    a name; -1 when the token at `index` is no name part."""
    last = -1
    count = 0
    while 0 <= index < len(tokens) and count < 3:
        word, flag = tokens[index]
        if not all(_IS_HAN.match(ch) for ch in word) or word.endswith(TITLES):
            break
        foreign = sum(ch in TRANSLIT for ch in word) / len(word) >= 0.5
        if not (flag in ("nr", "nrt", "nrfg", "ns", "nz", "x", "eng") or foreign):
            break
        if flag.startswith(("u", "p", "c", "r", "d", "v", "m", "q", "f")) and not foreign:
            break
        last = index
        count += 1
        index += step
    return last


def _surnames(
    text: str, tokens: Sequence[Token], starts: list[int], bylines: set[int]
) -> list[Span]:
    """Three-character Chinese names jieba cut in two (李家/超在): a surname token start,
    two characters after it that are no word together, and no common word at the start."""
    from duizhao.glossary.names import base_tokenizer

    frequency = base_tokenizer().tokenizer.FREQ
    tags = base_tokenizer().word_tag_tab
    spans = []
    for index, (word, _) in enumerate(tokens):
        start = starts[index]
        if start in bylines or len(word) >= 3 or word[:1] not in SURNAMES:
            continue
        if word[:1] in _FUNCTION_CHARS or word[:1] in _GRAMMAR_CHARS:
            continue
        name = text[start : start + 3]
        if len(name) < 3 or not all(_IS_HAN.match(ch) for ch in name):
            continue
        if name in frequency or frequency.get(name[1:], 0) >= 50:
            continue  # a dictionary word (高水平), or a surname before a word (于今年)
        head = name[:2]
        if frequency.get(head, 0) >= 50 and not str(tags.get(head, "")).startswith("nr"):
            continue  # 成为了: a common word, not a surname
        if name[2] in _GRAMMAR_CHARS or name[1] in _GRAMMAR_CHARS:
            continue
        if len(word) == 1 and index + 1 < len(tokens) and len(tokens[index + 1][0]) >= 3:
            continue
        spans.append(Span(start, start + 3, name, "person", "surname"))
    return spans


def _polity_word(word: str) -> bool:
    """CC-CEDICT calls the word a proper noun, or its senses name a place, people or
    institution (两岸 "Taiwan and mainland", 特首 "… (Hong Kong or Macao)")."""
    from duizhao.glossary import cedict
    from duizhao.glossary.vocabulary import minor_place, names_something

    if len(word) < 2 or not all(_IS_HAN.match(ch) for ch in word) or word in GENERIC:
        return False
    found = cedict.entries(word)
    return any(
        (cedict.proper(entry) and not minor_place(entry)) or names_something(entry)
        for entry in found
    )


def _transliterated(text: str, starts: list[int], bylines: set[int]) -> list[Span]:
    """A run of three or more characters of transliterated names that jieba cut apart
    (斯塔/默, 泽/连斯基, 科尔/蒂纳丹佩佐), from one word boundary to another."""
    boundaries = set(starts) | {len(text)}
    spans = []
    for match in _TRANSLIT_RUN.finditer(text):
        start, end = match.span()
        if start in bylines or start not in boundaries or end not in boundaries:
            continue
        spans.append(Span(start, end, match.group(), "", "transliterated"))
    return spans


def _headed(tokens: Sequence[Token], starts: list[int]) -> list[Span]:
    """A name built of words ending in a head (机场管理局, 国家能源局, 串谋勾结外国势力罪),
    or one word that ends in a head character and is rare in jieba's corpus (保安局, 入境处)."""
    from duizhao.glossary.names import base_tokenizer

    frequency = base_tokenizer().tokenizer.FREQ
    spans = []
    for index, (word, _) in enumerate(tokens):
        if word not in HEADS and not (
            len(word) >= 2 and word[-1] in _HEAD_CHARS and frequency.get(word, 0) < RARE_HEAD
        ):
            continue
        first = index
        legal = word.endswith(("法", "条例", "罪"))  # 维护国家安全条例: verbs name laws
        while first > 0 and index - first < 6:
            before, flag = tokens[first - 1]
            if before in ("及", *NAME_JOINERS) and first >= 2 and _part_of_name(tokens[first - 2]):
                first -= 1
                continue
            if not _part_of_name((before, flag), legal):
                break
            first -= 1
        start, end = starts[first], starts[index] + len(word)
        spelling = "".join(token[0] for token in tokens[first : index + 1])
        if index + 1 < len(tokens) and re.fullmatch(r"(?:19|20)\d\d", tokens[index + 1][0]):
            spelling += tokens[index + 1][0]  # 香港气候行动蓝图2050: the year is in the name
            end += 4
        if first == index and (len(word) < 3 or word in HEADS):
            continue
        if 3 <= len(spelling) <= 16 and plausible(spelling.rstrip("0123456789")):
            spans.append(Span(start, end, spelling, _head_kind(word), "head"))
    return spans


def _part_of_name(token: Token, legal: bool = False) -> bool:
    """A word that may stand inside a head-built name: a noun, a name, a numbered word (十号),
    or, in the name of an offence or a law, one of the verbs they use (勾结, 维护)."""
    word, flag = token
    if not all(_IS_HAN.match(ch) for ch in word) or word.endswith(TITLES):
        return False
    if (legal and word in _SUBJECT_VERBS) or _NUMBERED.fullmatch(word) or word == "一个":
        return True
    return flag.startswith(_NOMINAL) and word not in GENERIC_LEFT


def _head_kind(head: str) -> str:
    if head.endswith(("法", "条例", "罪", "信号", "警示", "蓝图", "原则", "战争", "关税", "奖",
                      "冬奥会", "冬奥", "奥运会")):  # fmt: skip
        return "term"
    if head.endswith(("机场", "球场", "馆", "地区")):
        return "place"
    return "organisation"


def _quoted(text: str) -> list[Span]:
    spans = []
    for match in _QUOTED.finditer(text):
        spelling = match.group(1)
        if len(spelling) > 5 or set(spelling) & _PARTICLES:
            continue  # a slogan or a quoted remark, not a name
        if _IS_HAN.match(spelling[0]) and sum(bool(_IS_HAN.match(c)) for c in spelling) >= 2:
            spans.append(Span(match.start(1), match.end(1), spelling, "", "quoted"))
    return spans


def _latin_prefixed(text: str, spans: list[Span]) -> list[Span]:
    """A Latin prefix written onto a name (FT中文网): the whole is the name."""
    found = []
    for span in spans:
        start = span.start
        while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
            start -= 1
        if start < span.start and (start == 0 or not text[start - 1].isascii()):
            found.append(Span(start, span.end, text[start : span.end], span.kind, "latin"))
    return found


# --- helpers ----------------------------------------------------------------------------

# Words that do not start a head-built name: a determiner-like or generic word before it.
GENERIC_LEFT = frozenset("其他 有关 相关 当地 该 本 各 多家 所有 部分 主要 原 前 新".split())
_TRAILING = frozenset("原曾也为在是和等则于将已被向称说表指并及与案")
_PARTICLES = frozenset("的了着过吗呢吧啊在是")
_GRAMMAR_CHARS = frozenset("的了在是和与及或也都就还又被把将于从对向为以而但则并等说称指")
# Characters of transliterated foreign names (after Xinhua's tables).
TRANSLIT = frozenset(
    "阿埃艾爱安昂奥巴拜班邦鲍贝本比彼毕宾波伯博布查达戴丹道德登迪蒂丁东杜多厄恩尔法凡菲费"
    "芬丰弗福夫盖甘冈戈格古圭哈海汉豪赫亨洪胡霍基吉加贾杰金卡凯坎康柯科克肯库夸奎拉莱赖兰朗"
    "劳勒雷蕾里利莉丽连林琳龙卢鲁伦罗洛吕马迈麦曼梅门蒙米敏莫姆穆纳娜乃南内尼涅宁纽努诺欧帕"
    "潘庞佩彭皮珀普齐奇乔切琴丘萨塞赛桑瑟森沙莎尚绍舍申什施斯松苏索塔泰坦汤唐陶特提廷图托瓦"
    "万旺威韦维温沃乌伍西希锡夏谢辛休雅亚扬耶伊因英尤约扎泽詹朱兹祖佐茨芙娃黛玛珊琪丝罕耳喀默"
    "吐孜克力木"
)
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧"
    "耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍"
    "华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏"
    "宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈"
    "匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉仝区郜海阚花权强帅屠豆朴盖练"
    "廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都阙浦戈伏鹿薄邸雍辜羊裘亓修邰赫杭"
    "况宿鲜印逯隆茹诸战慕危玉银亢嵇公湛宾戎勾茅利於呼居揭干但冶元束檀衣信展阴昝智幸奉植衡富"
    "尧闭由习"
)


_TRANSLIT_RUN = re.compile("[" + "".join(sorted(TRANSLIT)) + "]{3,12}")


def _starts(tokens: Sequence[Token]) -> list[int]:
    starts, position = [], 0
    for word, _ in tokens:
        starts.append(position)
        position += len(word)
    return starts


def byline_positions(text: str, tokens: Sequence[Token] = ()) -> set[int]:
    """Positions of reporters' names in bylines: after 记者 or 作者 (记者 陈雨桐, 中央社记者
    王燕华台北20日电), and before ／…报导 (记者王燕华／台北报导)."""
    positions: set[int] = set()
    for match in _BYLINE_BEFORE.finditer(text):
        names = match.group(1)
        offset = match.start(1)
        for name in re.finditer(rf"[{HAN}{JOINERS}]+", names):
            positions.update(range(offset + name.start(), offset + name.end()))
    for match in _BYLINE_AFTER.finditer(text):
        positions.update(range(match.start(1), match.end(1)))
    starts = _starts(tokens)
    for index, (word, _) in enumerate(tokens):
        if not word.endswith(_BYLINE_ROLES):
            continue
        following = index + 1
        while following < len(tokens) and not tokens[following][0].strip():
            following += 1
        if following < len(tokens) and tokens[following][1].startswith("nr"):
            length = len(tokens[following][0])
            positions.update(range(starts[following], starts[following] + length))
    return positions
