"""Character classes and words that more than one stage of the glossary reads.

Kept apart so that the pairs, the names jieba finds, CC-CEDICT and the readings agree on
them: what joins the parts of a foreign name, what counts as a Han character, and which
English words make a name an organisation's.
"""

from __future__ import annotations

import re

# The dots that join the parts of a foreign name (弗拉基米尔·普京), in their usual spellings.
JOINERS = "·・‧•"
# Han characters: CJK Unified Ideographs and Extension A, as a regex character range.
HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# English words that say a name is an organisation's: in a pair's English (Peace Research
# Institute Oslo) and in CC-CEDICT's first sense of a proper noun.
ORG_WORDS = re.compile(
    r"\b(?:Institute|Institution|Organi[sz]ation|Council|University|College|Agency|Party|"
    r"Ministry|Department|Committee|Commission|Group|Association|Cent(?:er|re)|Foundation|"
    r"Bank|Fund|Union|Forum|Office|Bureau|News|Press|Corporation|Company|Society|Academy|"
    r"School|Alliance|Federation|Assembly|Parliament|Congress|Court|Army|Navy|Club|Network|"
    r"Broadcasting|Service|Daily|Journal|Times|Post|Summit)\b"
)
