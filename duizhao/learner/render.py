"""The HTML the learner's layer adds to pages, with its interface words in Simplified (each
variant converts them, `say`). Plain strings; hooks/learner.py decides where each goes.

- `level_box`: an article's difficulty under its meta line: the label, a bar of shares, and
  the shares as text. The Content-Security-Policy allows no inline style, so the bar's
  segments carry their share as data and the browser script sizes them (no bar without it;
  the text says the same).
- `badge`: the label alone, for the home and tags pages' lists (the browser script adds the
  controls that filter and sort them by level: without it they would do nothing).
- `words_page`: the "我的生词" page of a variant (its list lives in the reader's browser).
- `browser_labels`: the words the browser script shows (card, word list), per variant.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from duizhao.learner.hsk import BAND
from duizhao.learner.levels import BEYOND, CLASSES, LABEL_BEYOND, NAMES, Levels
from duizhao.site.pages import in_each_mode

Say = Callable[[str], str]

LABELS = {
    "difficulty": "词汇难度",
    "method": "按 HSK 3.0（GF0025-2021）词表计算：非专名词语的 85% 在此级别以内",
    "beyond": "超纲",
    "names": "专名",
    "label_beyond": "HSK 7–9 以上",
    "shares": "各级词语占比",
    "my_words": "我的生词",
    "filter": "级别",
    "all_levels": "全部",
    "up_to": "{label} 及以下",
    "sort": "排序",
    "newest": "最新",
    "easiest": "由易到难",
    "hardest": "由难到易",
    "words_title": "我的生词",
    "words_intro": (
        "在文章里点任何一个词，词卡上点星号，就会收进这里，附上它所在的句子和文章。"
        "生词只保存在这个浏览器里（localStorage），不会发送到任何地方。"
    ),
    "words_needs_js": "这一页需要启用 JavaScript。",
    "export": "导出",
    "anki": "Anki（TSV）",
    "pleco": "Pleco",
    "clear": "清空列表",
    "clear_confirm": "确定清空全部生词吗？",
    "empty": "还没有生词。",
    "remove": "移除",
    "count": "共 {n} 个生词",
    "save": "加入生词",
    "saved": "已加入生词",
    "close": "关闭",
    "glossary": "术语表词条",
    "not_listed": "HSK 未收",
    "card": "词卡",
    "cedict": "英文释义：CC-CEDICT（CC BY-SA 4.0）",
    "ruby": "拼音",
    "ruby_numbers": "数字声调",
    "words_mode": "逐词浏览（键盘）",
    "name": "专名",
    "in_context": "原文",
}
# The level box in the English reading mode (the page shows one language or the other).
LABELS_EN = {
    "difficulty": "Vocabulary level",
    "beyond": "Beyond HSK",
    "names": "Names",
    "label_beyond": "Above HSK 7–9",
    "my_words": "My words",
    "method": (
        "Counted with the HSK 3.0 word lists (GF0025-2021): 85% of the words other than "
        "names are at this level or below"
    ),
    "shares": "Words by level",
}
# Class -> its name in the legend (levels by number).
_CLASS_KEYS = {BEYOND: "beyond", NAMES: "names"}


def level_label(level: int, say: Say) -> str:
    if level == LABEL_BEYOND:
        return say(LABELS["label_beyond"])
    if level >= BAND:
        return "HSK 7–9"
    return f"HSK {level}" if level else ""


def class_label(each: int, say: Say) -> str:
    if each in _CLASS_KEYS:
        return say(LABELS[_CLASS_KEYS[each]])
    return "HSK 7–9" if each >= BAND else f"HSK {each}"


def _both(chinese: str, english: str) -> str:
    """Escaped HTML: the Chinese and the English label, one shown per reading mode."""
    if chinese == english:
        return html.escape(chinese)
    return in_each_mode(html.escape(chinese), html.escape(english))


def _level_html(level: int, say: Say) -> str:
    english = LABELS_EN["label_beyond"] if level == LABEL_BEYOND else level_label(level, say)
    return _both(level_label(level, say), english)


def _class_html(each: int, say: Say) -> str:
    english = LABELS_EN[_CLASS_KEYS[each]] if each in _CLASS_KEYS else class_label(each, say)
    return _both(class_label(each, say), english)


def badge(levels: Levels | None, say: Say) -> str:
    """The level label as a small badge carrying its level for the list filters."""
    if levels is None or not levels.level:
        return ""
    title = html.escape(_shares_text(levels, say))
    title_en = html.escape(_shares_text_en(levels))
    return (
        f'<span class="dz-level dz-level--{levels.level}" data-dz-level="{levels.level}" '
        f'title="{title}" data-dz-en-title="{title_en}">'
        f"{html.escape(level_label(levels.level, say))}</span>"
    )


def level_box(levels: Levels, say: Say, words_href: str) -> str:
    if not levels.level:
        return ""
    segments = "".join(
        f'<span class="dz-lv-{_class_slug(each)}" data-share="{levels.shares[each]}"></span>'
        for each in CLASSES
        if levels.shares.get(each)
    )
    legend = "".join(
        f'<li><span class="dz-swatch dz-lv-{_class_slug(each)}" aria-hidden="true"></span>'
        f"{_class_html(each, say)} {levels.shares[each]}%</li>"
        for each in CLASSES
        if levels.shares.get(each)
    )
    shares = html.escape(_shares_text(levels, say))
    shares_en = html.escape(_shares_text_en(levels))
    return (
        '<div class="dz-levels" data-search-exclude>'
        f'<p class="dz-levels__head">{_both(say(LABELS["difficulty"]), LABELS_EN["difficulty"])} '
        f'<span class="dz-level dz-level--{levels.level}" data-dz-level="{levels.level}" '
        f'title="{html.escape(say(LABELS["method"]))}" '
        f'data-dz-en-title="{html.escape(LABELS_EN["method"])}">'
        f"{_level_html(levels.level, say)}</span>"
        f' <a class="dz-levels__words" href="{html.escape(words_href)}">'
        f"{_both(say(LABELS['my_words']), LABELS_EN['my_words'])}</a></p>"
        f'<span class="dz-levels__bar" role="img" aria-label="{shares}" '
        f'data-dz-en-aria-label="{shares_en}">{segments}</span>'
        f'<ul class="dz-levels__legend" aria-hidden="true">{legend}</ul></div>'
    )


def words_page(say: Say, lang: str) -> str:
    """The Markdown of a variant's word-list page; the browser script fills the list."""
    title = say(LABELS["words_title"])
    return (
        f"---\ntitle: {title}\nlang: {lang}\nhide: [navigation, toc]\n---\n\n"
        f"# {html.escape(title)}\n\n"
        f"{html.escape(say(LABELS['words_intro']))}\n\n"
        f'<div class="dz-mywords" data-search-exclude>'
        f'<p class="dz-mywords__nojs">{html.escape(say(LABELS["words_needs_js"]))}</p>'
        "</div>\n"
    )


# What the browser script says in the English reading mode.
BROWSER_EN = {
    "save": "Save word",
    "saved": "Saved",
    "close": "Close",
    "glossary": "Glossary entry",
    "not_listed": "Not in HSK",
    "card": "Word card",
    "cedict": "English: CC-CEDICT (CC BY-SA 4.0)",
    "ruby": "Pinyin",
    "ruby_numbers": "Tone numbers",
    "words_mode": "Word by word (keyboard)",
    "name": "Name",
    "export": "Export",
    "anki": "Anki (TSV)",
    "pleco": "Pleco",
    "clear": "Clear the list",
    "clear_confirm": "Clear all saved words?",
    "empty": "No saved words yet.",
    "remove": "Remove",
    "count": "{n} words",
    "in_context": "In the text",
    "my_words": "My words",
    "beyond": "Beyond HSK",
    "filter": "Level",
    "all_levels": "All",
    "up_to": "{label} and below",
    "sort": "Sort",
    "newest": "Newest",
    "easiest": "Easiest first",
    "hardest": "Hardest first",
    "label_beyond": "Above HSK 7–9",
}


def browser_labels(say: Say) -> dict[str, object]:
    """The variant's words for the browser script, with their English under "en" (the
    script uses them while the page is in the English reading mode)."""
    labels: dict[str, object] = {key: say(LABELS[key]) for key in BROWSER_EN}
    labels["en"] = BROWSER_EN
    return labels


def _shares_text(levels: Levels, say: Say) -> str:
    parts = [
        f"{class_label(each, say)} {levels.shares[each]}%"
        for each in CLASSES
        if levels.shares.get(each)
    ]
    return f"{say(LABELS['shares'])}: " + ", ".join(parts)


def _shares_text_en(levels: Levels) -> str:
    """The shares in English, for the English reading mode (data-dz-en-*, duizhao.js)."""
    parts = [
        f"{LABELS_EN[_CLASS_KEYS[each]] if each in _CLASS_KEYS else class_label(each, str)} "
        f"{levels.shares[each]}%"
        for each in CLASSES
        if levels.shares.get(each)
    ]
    return f"{LABELS_EN['shares']}: " + ", ".join(parts)


def _class_slug(each: int) -> str:
    return {BEYOND: "beyond", NAMES: "names"}.get(each, str(each))
