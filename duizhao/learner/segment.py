"""The words of a Simplified text: user words first, jieba between them.

User words are the glossary's spellings (terms, aliases) and the names table's: each is found
leftmost-longest in one Aho-Corasick pass (the glossary's `Automaton`, the same rule that
marks terms in the page, so a marked term is one word), and only the text between them is cut
by jieba's stock dictionary (a private tokenizer: `duizhao.glossary.names.base_tokenizer`,
never the global one Material's search uses). So 普京, 中俄关系 and 弗拉基米尔·普京 stay
whole whatever jieba would do (jieba alone splits at "·"), and how a text is cut depends only
on the text and the user words it contains: that is what lets the store cache articles.

A word is a `Token`: its span in the text and whether it is a word a reader can look up
(it holds a Han character); punctuation, digits and Latin letters are tokens too, so the
spans cover the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from duizhao.glossary.matching import Automaton
from duizhao.glossary.names import base_tokenizer

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str
    user: bool  # one of the user words (glossary, names table)

    @property
    def chinese(self) -> bool:
        return bool(HAN.search(self.word))


class Segmenter:
    """Cuts Simplified text into words, user words kept whole."""

    def __init__(self, user_words: Iterable[str]) -> None:
        words = {w for w in user_words if w and HAN.search(w)}
        self._automaton = Automaton({word: word for word in words})

    def present(self, text: str) -> list[str]:
        """The user words the text holds (as cut), sorted: what its cut depends on."""
        return sorted({word for _, _, word in self._automaton.find(text)})

    def cut(self, text: str) -> list[Token]:
        tokens: list[Token] = []
        cursor = 0
        for start, end, word in self._automaton.find(text):
            tokens.extend(_jieba(text, cursor, start))
            tokens.append(Token(start, end, word, True))
            cursor = end
        tokens.extend(_jieba(text, cursor, len(text)))
        return tokens


def _jieba(text: str, start: int, end: int) -> list[Token]:
    if start >= end:
        return []
    tokens = []
    at = start
    for word in base_tokenizer().tokenizer.cut(text[start:end]):
        tokens.append(Token(at, at + len(word), word, False))
        at += len(word)
    return tokens
