"""One first step for a whole family of conversions, its word boundaries kept as marks.

A Simplified article goes to zh-Hant, zh-TW and zh-HK, and all three chains start alike:
normalise, segment with OpenCC's 49,000 phrases, convert each segment to Traditional. Only
the steps after that differ (Taiwan's or Hong Kong's variants and phrases). Run as three
OpenCC chains, that shared start is done three times, and OpenCC copies every segment
between the steps of a chain: the three chains cost several times OpenCC's one-step s2t.

Running the first step once and the later steps over its output would change the result:
the later steps would see the whole text, and a phrase of theirs could match across the
edge of two words that OpenCC kept apart (that is what segmenting is for). So the first
pass writes the edges down. Its dictionaries are the first step's own with each value
between two boundary marks (a Unicode noncharacter no dictionary holds), so every word it
converts comes out marked on both sides; what lies between two words (characters of no
dictionary word, which OpenCC segments as one run) is then exactly one stretch between
marks. No key of a later step holds a mark, so no later match crosses one: running the
later steps over the whole marked text is running them segment by segment. The marks go,
and the output is the chain's, character for character (tests/test_variants.py compares
every family with the direct converters; scripts/bench.py measures the time).

Text holding an ideographic description character (⿰, ⿲ ...) is the exception, and goes
to a chain of its own (`chains.needs_direct_converter`): OpenCC reads a description
sequence as one unit whatever its parts are, a mark included, so one left open at a word's
end would take in the next word.

The whole scheme holds when every word the segmentation can find is converted whole by the
first step: its dictionary is the segmentation dictionary, then dictionaries of single
characters (s2t's STPhrases, then STCharacters). Traditional sources segment with a
dictionary of words that their first step does not convert
(`duizhao.variants.segmentation`), so their families keep one chain per target.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from duizhao.variants.opencc_files import (
    DICT_TOOL,
    Converter,
    cache_dir,
    compile_dictionary,
    dictionary_rows,
    keep_in_cache,
    load,
)

BOUNDARY = "\ufdee"  # a noncharacter: OpenCC passes it through, no dictionary holds it
_VERSION = "1"  # bump when the way the marked dictionaries are made changes


class FirstPass:
    """The family's shared first step, remembering its last text: an article goes to each
    target of the family in turn, and the first pass runs once for all of them."""

    __slots__ = ("converter", "last")

    def __init__(self, converter: Converter) -> None:
        self.converter = converter
        self.last: tuple[str, str] = ("", "")  # (text, marked output), swapped whole

    def convert(self, text: str) -> str:
        last_text, last_out = self.last
        if text is last_text or text == last_text:
            return last_out
        out = str(self.converter.convert(text))
        self.last = (text, out)
        return out


class TwoPass:
    """A family member: the shared first pass, then this target's later steps over its
    whole marked output, then the marks removed."""

    __slots__ = ("first", "later")

    def __init__(self, first: FirstPass, later: Converter) -> None:
        self.first = first
        self.later = later

    def convert(self, text: str) -> str:
        return str(self.later.convert(self.first.convert(text))).replace(BOUNDARY, "")


def first_pass(
    config: dict[str, Any], ours: dict[str, str], compiled: dict[str, Any], folder: Path
) -> FirstPass | None:
    """The shared first pass of a family whose chains start with `config`'s normalisation,
    segmentation and first step (before our rows go in), with `ours` (key → value, and
    `compiled`, the dictionary made of them) first in both; None where the first step
    does not convert every segment whole."""
    segmentation = config.get("segmentation", {}).get("dict")
    step = config["conversion_chain"][0]["dict"]
    if not DICT_TOOL.is_file() or segmentation is None:
        return None  # (without the wheel's opencc_dict: no marked copies, one chain each)
    if not _converts_every_word(segmentation, step):
        return None
    words = _marked(segmentation, folder)
    if words is None:
        return None
    marked_ours = compile_dictionary({k: BOUNDARY + v + BOUNDARY for k, v in ours.items()}, folder)
    first = {
        "name": "duizhao: the family's first step, word edges marked",
        "segmentation": {
            "type": "mmseg",
            "dict": {"type": "group", "match_policy": "union", "dicts": [compiled, segmentation]},
        },
        "conversion_chain": [
            {
                "dict": {
                    "type": "group",
                    "match_policy": "union",
                    "dicts": [marked_ours, {**step, "dicts": [words, *step["dicts"][1:]]}],
                }
            }
        ],
    }
    if "normalization" in config:
        first["normalization"] = config["normalization"]
    return FirstPass(load(first, folder))


def _converts_every_word(segmentation: dict[str, Any], step: dict[str, Any]) -> bool:
    """Whether the first step is "the segmentation dictionary, else single characters":
    then every segment the segmentation finds is one match of the step, whole."""
    if step.get("type") != "group" or step.get("match_policy") != "short_circuit":
        return False
    first, *rest = step["dicts"]
    return first == segmentation and all(_single_characters(node) for node in rest)


def _single_characters(node: dict[str, Any]) -> bool:
    if node.get("type") == "ocd2":
        return _longest_key(node["file"]) == 1
    if node.get("type") == "group":
        return all(_single_characters(each) for each in node["dicts"])
    return False


@cache
def _longest_key(file: str) -> int:
    return max(map(len, dictionary_rows(Path(file))), default=0)


def _marked(node: dict[str, Any], folder: Path) -> dict[str, Any] | None:
    """A dictionary tree with every value between boundary marks (None: a kind of node
    this does not know)."""
    if node.get("type") == "group":
        dicts = [_marked(each, folder) for each in node["dicts"]]
        if any(each is None for each in dicts):
            return None
        return {**node, "dicts": dicts}
    if node.get("type") == "ocd2":
        marked = _marked_file(node["file"])
        if marked is None:
            return None
        target = folder / f"marked-{Path(node['file']).name}"
        if not target.exists():
            shutil.copyfile(marked, target)
        return {"type": "ocd2", "file": str(target)}
    return None


@cache
def _marked_file(file: str) -> Path | None:
    """A compiled dictionary's marked copy, made once per dictionary and kept beside the
    segmentation cache (it takes about a second for OpenCC's 49,000 phrases)."""
    source = Path(file)
    digest = hashlib.sha256(_VERSION.encode() + BOUNDARY.encode() + source.read_bytes())
    cached = cache_dir() / f"marked-{source.stem}-{digest.hexdigest()[:20]}.ocd2"
    if cached.is_file():
        return cached
    folder = Path(tempfile.mkdtemp(prefix="duizhao-marked-"))
    rows = dictionary_rows(source)
    marked = {key: BOUNDARY + value.split(" ")[0] + BOUNDARY for key, value in rows.items()}
    made = compile_dictionary(marked, folder, "marked")
    if made["type"] != "ocd2":
        return None
    return keep_in_cache(Path(made["file"]), cached)
