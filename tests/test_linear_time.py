"""Linear time on any text (issue 16, build item 4): every regular expression duizhao runs on
article text, over 200,000 Chinese characters without punctuation, finishes; a pattern whose
time grows with the square of the text runs for minutes there. Only a hang guard is checked
here: the time budget is in scripts/bench.py (this machine is too noisy to time tests on).

The patterns are found by scripts/patterns.py while a real build runs, not listed by hand,
so a new pattern is covered the day it is written; every `re.` call in the source must have
run while recording."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import patterns  # noqa: E402

CHARS = 200_000
HANG_GUARD = 15.0  # seconds; a linear pattern takes milliseconds here, a quadratic one hours

# Slow today in modules other engineers own (issue 16 row 3): each fails this test the day it
# is fixed, so that its entry is removed here.
# Patterns known to be slow, each with who is fixing it: none now (the pair pattern of the
# glossary was made linear for issue 20). The test fails when one here is fixed.
KNOWN_SLOW: dict[str, str] = {}


@pytest.fixture(scope="module")
def recorded() -> list[patterns.Recorded]:
    return patterns.record()


def test_every_re_call_in_the_source_ran_while_recording(
    recorded: list[patterns.Recorded],
) -> None:
    assert patterns.unrecorded_sites(recorded) == []
    assert len(recorded) >= 50  # the build really ran: conversion, glossary, marking, …


def test_every_pattern_on_article_text_is_linear(recorded: list[patterns.Recorded]) -> None:
    texts = patterns.pathological_texts(CHARS)
    assert {len(text) for text in texts.values()} == {CHARS}
    hung: dict[str, str] = {}
    for item in recorded:
        if not item.on_article_text:
            continue
        for name, text in texts.items():
            if patterns.time_pattern(item.pattern, item.flags, text, HANG_GUARD) is None:
                hung[item.name] = name
                break
    assert set(hung) - set(KNOWN_SLOW) == set(), f"runs for ever on {CHARS:,} characters: {hung}"
    fixed = set(KNOWN_SLOW) - set(hung)
    assert not fixed, f"no longer slow (or gone): remove from KNOWN_SLOW: {sorted(fixed)}"


def test_the_pathological_texts_catch_a_quadratic_pattern() -> None:
    """The oracle: a pattern known to be quadratic on a run of Han characters is caught, and
    the same pattern without the backtracking is not."""
    text = patterns.pathological_texts(CHARS)["run"]
    quadratic = r"([\u4e00-\u9fff]+)[（(]"  # a run, then a bracket that never comes
    assert patterns.time_pattern(quadratic, 0, text, HANG_GUARD) is None
    linear = r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]+)[（(]"  # tried from a run's start only
    assert patterns.time_pattern(linear, 0, text, HANG_GUARD) is not None
