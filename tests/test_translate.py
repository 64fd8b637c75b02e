"""Machine translation into the memory: faults injected through a fake provider, no network.

Every test runs with sockets patched to fail (autouse `no_network`), so any accidental use
of the network is an error, not a slow pass. deep-translator's real classes are exercised
with `requests` replaced inside their modules.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote_plus

import pytest
import requests
from deep_translator.exceptions import ApiKeyException, AuthorizationException, TooManyRequests

from duizhao.english.memory import Entry, Memory, display_form, key_for, units
from duizhao.english.translate import (
    PROVIDERS,
    make_provider,
    missing_keys,
    redact,
    source_language,
    split_for_limit,
    translate_articles,
)
from duizhao.record import Article, Block

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "translate.py"
TODAY = "2025-01-02"


# --- fixtures and doubles ---------------------------------------------------------------


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the network fails loudly (DNS included)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a test tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set at teardown, so fake calls left hanging end with the test."""
    event = threading.Event()
    yield event
    event.set()


Action = Callable[[str], object]


class Fake:
    """A provider double: records each text sent; `faults` maps call number (1-based) to an
    action run instead of translating; `after` is the action for every later call."""

    def __init__(
        self,
        max_chars: int = 4999,
        faults: dict[int, Action] | None = None,
        after: tuple[int, Action] | None = None,
        name: str = "fake",
    ) -> None:
        self.name = name
        self.max_chars = max_chars
        self.faults = faults or {}
        self.after = after
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def translate(self, text: str) -> str:
        with self._lock:
            self.calls.append(text)
            number = len(self.calls)
        action = self.faults.get(number)
        if action is None and self.after and number >= self.after[0]:
            action = self.after[1]
        return action(text) if action else english(text)  # type: ignore[return-value]


def english(text: str) -> str:
    return f"EN<{text}>"


def raises(error: BaseException) -> Action:
    def act(text: str) -> object:
        raise error

    return act


def returns(value: object) -> Action:
    return lambda text: value


def hangs(release: threading.Event) -> Action:
    def act(text: str) -> object:
        release.wait(10)
        return english(text)

    return act


def article(name: str, title: str, *paragraphs: str, script: str = "hans") -> Article:
    blocks = tuple(
        Block("paragraph", f"p-{n}", text=text, plain=text) for n, text in enumerate(paragraphs)
    )
    return Article(name, title, f"{name}.txt", "0", blocks=blocks, script=script)  # type: ignore[arg-type]


TEN = article("ten", "标题", *(f"第{n}段的内容。" for n in range(1, 10)))  # 10 units
TEN_TEXTS = [unit.text for unit in units(TEN)]


def run(
    memory: Memory, fake: Fake, articles: list[Article] | None = None, **options: object
) -> tuple[object, list[float]]:
    delays: list[float] = []
    settings: dict[str, object] = {
        "batch_size": 4, "timeout": 2.0, "retries": 2, "backoff": 0.5, "max_failures": 3,
        "sleep": delays.append, "today": TODAY,
    }  # fmt: skip
    settings.update(options)
    summary = translate_articles(articles or [TEN], memory, lambda script: fake, **settings)
    return summary, delays


def on_disk(path: Path) -> dict[str, str]:
    """source -> target as saved in the file (read afresh, not from the live object)."""
    return {entry.source: entry.target for entry in Memory.load(path)}


@pytest.fixture
def memory_path(tmp_path: Path) -> Path:
    return tmp_path / "en.jsonl"


# --- splitting --------------------------------------------------------------------------


def test_split_at_sentence_ends_and_pack_what_fits() -> None:
    text = "第一句话。第二句话！第三句话？第四句；第五句话……完。"
    parts = split_for_limit(text, 10)
    assert "".join(parts) == text
    assert all(len(part) <= 10 for part in parts)
    assert parts[0] == "第一句话。第二句话！"  # two sentences packed into one request
    assert all(part[-1] in "。！？；…" for part in parts)


def test_split_latin_sentences_only_where_a_space_follows() -> None:
    text = "Pi is 3.14 here. Next one! And a third? Yes."
    parts = split_for_limit(text, 20)
    assert parts == ["Pi is 3.14 here.", "Next one!", "And a third? Yes."]
    assert " ".join(parts) == text


def test_split_falls_back_to_commas_then_a_hard_cut() -> None:
    clauses = "甲乙丙丁戊，己庚辛壬癸，子丑寅卯辰。"
    assert split_for_limit(clauses, 8) == ["甲乙丙丁戊，", "己庚辛壬癸，", "子丑寅卯辰。"]
    solid = "一" * 25
    assert split_for_limit(solid, 10) == ["一" * 10, "一" * 10, "一" * 5]
    assert split_for_limit("  短  ", 10) == ["短"]
    assert split_for_limit("   ", 10) == []


def test_split_keeps_closing_quotes_with_their_sentence() -> None:
    parts = split_for_limit("他说：“好的。”然后走了。", 8)
    assert parts[0].endswith("。”")
    assert all(len(part) <= 8 for part in parts)


def test_long_paragraph_is_split_translated_and_joined(memory_path: Path) -> None:
    sentences = [f"第{n}句话讲的是今天的新闻。" for n in range(1, 6)]  # 13 characters each
    paragraph = "".join(sentences)
    fake = Fake(max_chars=30)
    summary, _ = run(Memory.load(memory_path), fake, [article("long", "题", paragraph)])
    sent = fake.calls[1:]  # the title goes first
    assert all(len(part) <= 30 for part in fake.calls)
    assert sent == ["".join(sentences[0:2]), "".join(sentences[2:4]), sentences[4]]
    assert on_disk(memory_path)[paragraph] == " ".join(english(part) for part in sent)
    assert summary.translated == 2


# --- time limits, retries, backoff ------------------------------------------------------


def test_a_call_that_hangs_is_abandoned_and_retried(
    memory_path: Path, release: threading.Event
) -> None:
    fake = Fake(faults={2: hangs(release)})
    started = time.monotonic()
    summary, delays = run(Memory.load(memory_path), fake, timeout=0.05)
    assert time.monotonic() - started < 2
    assert fake.calls[1] == fake.calls[2] == TEN_TEXTS[1]  # the same text again
    assert (summary.translated, summary.failed) == (10, 0)
    assert delays == [0.5]
    assert on_disk(memory_path)[TEN_TEXTS[1]] == english(TEN_TEXTS[1])


def test_a_call_that_always_hangs_counts_as_failed(
    memory_path: Path, release: threading.Event
) -> None:
    one = article("one", "只有标题")
    fake = Fake(after=(1, hangs(release)))
    started = time.monotonic()
    summary, _ = run(Memory.load(memory_path), fake, [one], timeout=0.05, retries=2)
    assert time.monotonic() - started < 2
    assert len(fake.calls) == 3
    assert (summary.translated, summary.failed) == (0, 1)
    assert "timed out" in summary.failures[0]
    assert on_disk(memory_path) == {}


def test_rate_limit_answers_are_retried_with_growing_delays(memory_path: Path) -> None:
    limited = raises(TooManyRequests())
    fake = Fake(faults={1: limited, 2: limited, 3: limited})
    summary, delays = run(Memory.load(memory_path), fake, retries=3, backoff=0.5)
    assert delays == [0.5, 1.0, 2.0]
    assert all(a < b for a, b in itertools.pairwise(delays))
    assert fake.calls[:4] == [TEN_TEXTS[0]] * 4
    assert (summary.translated, summary.failed) == (10, 0)


def test_empty_and_none_results_are_retried_never_stored(memory_path: Path) -> None:
    faults = {1: returns(""), 2: returns(None), 3: returns("   "), 4: lambda text: text}
    fake = Fake(faults=faults)
    summary, _ = run(Memory.load(memory_path), fake, retries=4)
    assert fake.calls[:5] == [TEN_TEXTS[0]] * 5  # the echoed Chinese is not a translation
    assert on_disk(memory_path)[TEN_TEXTS[0]] == english(TEN_TEXTS[0])
    assert summary.failed == 0

    never = Fake(after=(1, returns("")))
    path = memory_path.with_name("other.jsonl")
    summary, _ = run(Memory.load(path), never, [article("one", "只有标题")], retries=1)
    assert (summary.translated, summary.failed) == (0, 1)
    assert "empty result" in summary.failures[0]
    assert on_disk(path) == {}


# --- saving: crashes, network loss, interrupts ------------------------------------------


def test_network_loss_stops_after_repeated_failure_and_keeps_what_was_done(
    memory_path: Path,
) -> None:
    fake = Fake(after=(7, raises(requests.exceptions.ConnectionError("network is down"))))
    summary, _ = run(Memory.load(memory_path), fake, retries=1, max_failures=3)
    assert "3 consecutive failed units" in summary.stopped
    assert (summary.translated, summary.failed) == (6, 3)
    assert len(fake.calls) == 6 + 3 * 2  # units 7-9 tried twice each; unit 10 never sent
    # units 5 and 6 finished mid-batch: saved all the same
    assert set(on_disk(memory_path)) == set(TEN_TEXTS[:6])

    healthy = Fake()
    summary, _ = run(Memory.load(memory_path), healthy)
    assert healthy.calls == TEN_TEXTS[6:]
    assert (summary.translated, summary.from_memory) == (4, 6)
    assert set(on_disk(memory_path)) == set(TEN_TEXTS)


def test_a_passing_error_on_one_call_is_retried(memory_path: Path) -> None:
    fake = Fake(faults={7: raises(RuntimeError("glitch"))})
    summary, delays = run(Memory.load(memory_path), fake)
    assert fake.calls[6] == fake.calls[7] == TEN_TEXTS[6]
    assert (summary.translated, summary.failed, delays) == (10, 0, [0.5])


def test_a_crash_outside_the_provider_propagates_after_saving(memory_path: Path) -> None:
    def crash(summary: object) -> None:
        if summary.translated == 5:  # type: ignore[attr-defined]
            raise RuntimeError("a bug of ours")

    with pytest.raises(RuntimeError, match="a bug of ours"):
        run(Memory.load(memory_path), Fake(), progress=crash)
    assert set(on_disk(memory_path)) == set(TEN_TEXTS[:5])  # the 5th was mid-batch

    healthy = Fake()
    run(Memory.load(memory_path), healthy)
    assert healthy.calls == TEN_TEXTS[5:]


def test_an_interrupt_saves_and_the_next_run_sends_only_the_rest(memory_path: Path) -> None:
    seen_on_disk: list[set[str]] = []

    def interrupt(text: str) -> object:  # first call of the second batch (batch_size 4)
        seen_on_disk.append(set(on_disk(memory_path)))
        raise KeyboardInterrupt

    fake = Fake(faults={5: interrupt})
    summary, _ = run(Memory.load(memory_path), fake)
    assert seen_on_disk == [set(TEN_TEXTS[:4])]  # the first batch was saved before going on
    assert summary.interrupted and not summary.ok
    assert set(on_disk(memory_path)) == set(TEN_TEXTS[:4])

    healthy = Fake()
    summary, _ = run(Memory.load(memory_path), healthy)
    assert healthy.calls == TEN_TEXTS[4:]
    assert summary.ok and (summary.translated, summary.from_memory) == (6, 4)


def test_repeated_failure_stops_cleanly(memory_path: Path) -> None:
    fake = Fake(after=(3, raises(RuntimeError("service broken"))))
    summary, _ = run(Memory.load(memory_path), fake, retries=0, max_failures=3)
    assert summary.stopped and not summary.ok
    assert len(fake.calls) == 5  # two good units, three failed ones, then nothing more
    assert "RuntimeError: service broken" in summary.failures[0]
    assert set(on_disk(memory_path)) == set(TEN_TEXTS[:2])


def test_a_configuration_error_stops_at_once_without_retrying(memory_path: Path) -> None:
    fake = Fake(after=(1, raises(ApiKeyException("DEEPL_API_KEY"))))
    summary, delays = run(Memory.load(memory_path), fake)
    assert len(fake.calls) == 1 and delays == []
    assert summary.stopped.startswith("stopped: ApiKeyException")
    assert summary.failed == 1


# --- the memory -------------------------------------------------------------------------


def test_entries_are_machine_entries_with_provider_and_date(memory_path: Path) -> None:
    spaced = article("s", "标题  有\u3000空格")
    run(Memory.load(memory_path), Fake(), [spaced])
    (entry,) = Memory.load(memory_path)
    assert entry == Entry(
        key_for("标题  有\u3000空格"),
        display_form("标题  有\u3000空格"),
        english(display_form("标题  有\u3000空格")),
        "machine",
        "fake",
        TODAY,
    )


def test_a_manual_entry_is_never_sent_or_overwritten(memory_path: Path) -> None:
    memory = Memory.load(memory_path)
    manual = Entry(key_for(TEN_TEXTS[0]), TEN_TEXTS[0], "Headline", "manual", "", "2024-01-01")
    memory.put(manual)
    later = Entry(key_for(TEN_TEXTS[3]), TEN_TEXTS[3], "By hand", "manual", "", "2024-01-01")

    def person_arrives(text: str) -> str:  # a manual entry lands while its text is out
        memory.put(later)
        return english(text)

    fake = Fake(faults={3: person_arrives})  # calls: TEN_TEXTS[1], [2], [3], …
    summary, _ = run(memory, fake)
    assert TEN_TEXTS[0] not in fake.calls
    assert fake.calls[2] == TEN_TEXTS[3]  # sent before the person's entry existed …
    saved = {entry.source: entry for entry in Memory.load(memory_path)}
    assert saved[TEN_TEXTS[0]] == manual
    assert saved[TEN_TEXTS[3]] == later  # … but the machine result did not replace it
    assert (summary.translated, summary.from_memory) == (8, 2)


def test_a_text_another_run_saved_meanwhile_is_not_sent(memory_path: Path) -> None:
    memory = Memory.load(memory_path)
    other = Memory.load(memory_path)  # a second translator on the same file
    theirs = Entry(key_for(TEN_TEXTS[6]), TEN_TEXTS[6], "Theirs", "machine", "deepl", TODAY)

    def other_run_saves(summary: object) -> None:
        if not other.get_by_key(theirs.key):
            other.put(theirs)
            other.save()

    fake = Fake()
    summary, _ = run(memory, fake, progress=other_run_saves)  # batches of 4: saved after 4
    assert TEN_TEXTS[6] not in fake.calls and len(fake.calls) == 9
    assert Memory.load(memory_path).get(TEN_TEXTS[6]) == theirs
    assert (summary.translated, summary.from_memory) == (9, 1)


def test_the_same_text_in_two_articles_is_sent_once(memory_path: Path) -> None:
    fake = Fake()
    twins = [article("a", "同一个标题", "甲。"), article("b", "同一个标题", "乙。")]
    run(Memory.load(memory_path), fake, twins)
    assert fake.calls == ["同一个标题", "甲。", "乙。"]


def test_dry_run_sends_nothing_and_counts_characters(memory_path: Path) -> None:
    fake = Fake(max_chars=8)
    long = article("long", "题目", "一二三四五。六七八九十。", "短。")
    summary, _ = run(Memory.load(memory_path), fake, [long], dry_run=True)
    assert fake.calls == []
    assert (summary.pending, summary.pending_chars) == (3, 2 + 12 + 2)
    assert summary.requests_by_provider["fake"] == 4  # the paragraph needs two requests
    assert summary.requests_by_provider["google"] == 3
    assert summary.line().startswith("dry run: would send 3 units, 16 characters in 4 fake")
    assert not memory_path.exists()


# --- providers (deep-translator's real classes, requests replaced) ----------------------


class FakeResponse:
    def __init__(self, status: int = 200, text: str = "", data: object = None) -> None:
        self.status_code, self.text, self._data = status, text, data

    def json(self) -> object:
        return self._data

    def close(self) -> None:
        pass


def test_source_languages_and_limits_per_provider() -> None:
    assert source_language("google", "hans") == "zh-CN"
    assert {source_language("google", s) for s in ("hant", "tw", "hk")} == {"zh-TW"}
    assert source_language("mymemory", "tw") == "zh-TW"
    assert source_language("deepl", "hans") == source_language("deepl", "hk") == "zh"
    assert source_language("libre", "hant") == "zh"
    assert PROVIDERS["google"].max_chars < 5000 and PROVIDERS["mymemory"].max_chars < 500
    assert missing_keys("google", {}) == []
    assert missing_keys("deepl", {}) == ["DEEPL_API_KEY"]
    assert missing_keys("baidu", {"BAIDU_APPID": "x"}) == ["BAIDU_APPKEY"]


def test_google_through_deep_translator(monkeypatch: pytest.MonkeyPatch) -> None:
    import deep_translator.google

    sent: list[dict] = []

    def get(url: str, params: dict, proxies: object = None) -> FakeResponse:
        sent.append(dict(params))
        return FakeResponse(text='<div class="t0">Hello there</div>')

    monkeypatch.setattr(deep_translator.google.requests, "get", get)
    provider = make_provider("google", source_language("google", "tw"), "en")
    assert provider.translate("你好") == "Hello there"
    assert (sent[0]["sl"], sent[0]["tl"], sent[0]["q"]) == ("zh-TW", "en", "你好")


def test_google_echo_and_none_are_not_translations(
    monkeypatch: pytest.MonkeyPatch, memory_path: Path
) -> None:
    """google.py:85-101 returns the text itself when the page echoes it, and None when the
    echoed text has no letters or digits."""
    import deep_translator.google

    pages = iter(['<div class="t0">——</div>'])
    monkeypatch.setattr(
        deep_translator.google.requests, "get", lambda *a, **k: FakeResponse(text=next(pages))
    )
    assert make_provider("google", "zh-CN").translate("——") is None
    pages = iter(['<div class="t0">标题</div>', '<div class="t0">Title</div>'])
    _, delays = run(
        Memory.load(memory_path),
        make_provider("google", "zh-CN"),  # type: ignore[arg-type]
        [article("t", "标题")],
    )
    assert on_disk(memory_path) == {"标题": "Title"} and delays == [0.5]


def test_mymemory_gets_a_target_it_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    import deep_translator.mymemory

    sent: list[dict] = []

    def get(url: str, params: dict, proxies: object = None) -> FakeResponse:
        sent.append(dict(params))
        return FakeResponse(data={"responseData": {"translatedText": "Hi"}, "matches": []})

    monkeypatch.setattr(deep_translator.mymemory.requests, "get", get)
    assert make_provider("mymemory", "zh-TW", "en").translate("你好") == "Hi"
    assert sent[0]["langpair"] == "zh-TW|en-GB"  # plain "en" is not in MyMemory's table


def test_papago_codes_are_sent_as_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    import deep_translator.papago

    sent: list[dict] = []

    def post(url: str, headers: dict, data: dict) -> FakeResponse:
        sent.append(data)
        body = {"message": {"result": {"translatedText": "Hello"}}}
        return FakeResponse(text=json.dumps(body))

    monkeypatch.setattr(deep_translator.papago.requests, "post", post)
    env = {"PAPAGO_CLIENT_ID": "id", "PAPAGO_SECRET_KEY": "secret"}
    assert make_provider("papago", "zh-CN", "en", env=env).translate("你好") == "Hello"
    assert (sent[0]["source"], sent[0]["target"]) == ("zh-CN", "en")  # not "Chinese"


def test_providers_are_built_lazily_and_microsoft_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import deep_translator

    built: list[dict] = []

    class Microsoft:  # the real constructor sends a request (microsoft.py:55,62-70)
        def __init__(self, **kwargs: object) -> None:
            built.append(kwargs)

        def translate(self, text: str) -> str:
            return "Hello"

    monkeypatch.setattr(deep_translator, "MicrosoftTranslator", Microsoft)
    env = {"MICROSOFT_API_KEY": "k", "DUIZHAO_MICROSOFT_REGION": "westeurope"}
    provider = make_provider("microsoft", source_language("microsoft", "hans"), env=env)
    assert built == []
    assert provider.translate("你好") == provider.translate("再见") == "Hello"
    assert built == [{"source": "zh-hans", "target": "en", "api_key": "k", "region": "westeurope"}]


def test_provider_errors_never_carry_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    import deep_translator.deepl

    key = "SECRET-abc:fx"

    def get(url: str, params: dict) -> FakeResponse:
        query = "&".join(f"{k}={quote_plus(str(v))}" for k, v in params.items())
        raise requests.exceptions.ConnectionError(f"Max retries exceeded with url: {url}?{query}")

    monkeypatch.setattr(deep_translator.deepl.requests, "get", get)
    provider = make_provider("deepl", "zh", env={"DEEPL_API_KEY": key})
    with pytest.raises(Exception) as caught:
        provider.translate("你好")
    assert "auth_key=***" in str(caught.value)
    assert "SECRET" not in str(caught.value) and caught.value.__context__ is None
    assert redact("a SECRET-abc:fx b", ["SECRET-abc:fx"]) == "a *** b"


# --- the command line -------------------------------------------------------------------


def load_cli() -> object:
    spec = importlib.util.spec_from_file_location("translate_cli", SCRIPT)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


SEED_A = "中俄关系的新篇章\n\n第一段文字，讲述了会谈。\n\n第二段文字。还有第二句话！\n\n第三段。\n"
SEED_B = "新聞標題：臺灣經濟\n\n這是第一段繁體中文的內容，講述經濟發展。\n\n這是第二段。\n"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED_A, encoding="utf-8")
    (folder / "b.txt").write_text(SEED_B, encoding="utf-8")
    return folder


def fake_class(calls: list[tuple[str, str]], faults: dict[int, Action] | None = None) -> type:
    """A stand-in for a deep-translator class: records (source language, text)."""

    class Translator:
        def __init__(self, source: str, target: str, **kwargs: object) -> None:
            self.source, self.kwargs = source, kwargs

        def translate(self, text: str) -> str:
            calls.append((self.source, text))
            action = (faults or {}).get(len(calls))
            return action(text) if action else english(text)  # type: ignore[return-value]

    return Translator


def cli(*args: str) -> int:
    return load_cli().main([*args, "--backoff", "0"])  # type: ignore[attr-defined]


def test_cli_translates_with_the_source_language_of_each_seed(
    monkeypatch: pytest.MonkeyPatch, seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    import deep_translator

    calls: list[tuple[str, str]] = []
    monkeypatch.setattr(deep_translator, "GoogleTranslator", fake_class(calls))
    memory = tmp_path / "en.jsonl"
    assert cli("--seeds", str(seeds), "--memory", str(memory)) == 0
    assert ("zh-CN", "中俄关系的新篇章") in calls and ("zh-TW", "這是第二段。") in calls
    out = capsys.readouterr().out
    assert "translated 7, from memory 0, failed 0, characters sent 72" in out
    assert cli("--seeds", str(seeds), "--memory", str(memory), "--article", "b") == 0
    assert len(calls) == 7  # nothing left to send
    assert "translated 0, from memory 3, failed 0, characters sent 0" in capsys.readouterr().out


def test_cli_bad_seed_is_reported_in_one_line_and_skipped(
    monkeypatch: pytest.MonkeyPatch, seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    import deep_translator

    (seeds / "broken.txt").write_bytes(b"")
    monkeypatch.setattr(deep_translator, "GoogleTranslator", fake_class([]))
    memory = tmp_path / "en.jsonl"
    assert cli("--seeds", str(seeds), "--memory", str(memory)) == 1
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if "broken.txt" in line] == [
        f"skipped: {seeds / 'broken.txt'}: empty file"
    ]
    assert len(Memory.load(memory)) == 7


def test_cli_interrupt_saves_and_exits_130(
    monkeypatch: pytest.MonkeyPatch, seeds: Path, tmp_path: Path
) -> None:
    import deep_translator

    calls: list[tuple[str, str]] = []
    faults = {3: raises(KeyboardInterrupt())}
    monkeypatch.setattr(deep_translator, "GoogleTranslator", fake_class(calls, faults))
    memory = tmp_path / "en.jsonl"
    assert cli("--seeds", str(seeds), "--memory", str(memory)) == 130
    assert len(Memory.load(memory)) == 2


def test_cli_keys_never_reach_output_logs_or_files(
    monkeypatch: pytest.MonkeyPatch,
    seeds: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging

    import deep_translator

    sentinel = "SENTINEL-KEY-7f3a:fx"
    monkeypatch.setenv("DEEPL_API_KEY", sentinel)
    made: list[dict] = []
    calls: list[str] = []

    class Deepl:  # fails the way the real one does: the key in a URL, then in a message
        def __init__(self, **kwargs: object) -> None:
            made.append(kwargs)
            self.api_key = str(kwargs["api_key"])

        def translate(self, text: str) -> str:
            calls.append(text)
            if len(calls) == 1:
                url = f"/v2/translate?auth_key={quote_plus(self.api_key)}&text=x"
                raise requests.exceptions.ConnectionError(f"Max retries exceeded with url: {url}")
            if len(calls) == 4:
                raise AuthorizationException(self.api_key)
            return english(text)

    monkeypatch.setattr(deep_translator, "DeeplTranslator", Deepl)
    caplog.set_level(logging.INFO)
    memory = tmp_path / "en.jsonl"
    code = cli("--provider", "deepl", "--seeds", str(seeds), "--memory", str(memory), "-v")
    captured = capsys.readouterr()
    assert code == 1  # stopped at the authorisation error
    assert made[0]["api_key"] == sentinel and made[0]["use_free_api"] is True
    assert "AuthorizationException: Unauthorized access with the api key ***" in captured.err
    assert "auth_key=***" in caplog.text  # the retry was logged, redacted
    written = memory.read_text(encoding="utf-8")
    assert '"provider": "deepl"' in written
    for text in (captured.out, captured.err, caplog.text, written):
        assert "SENTINEL" not in text


def test_cli_prune_reports_then_removes_unused_entries(
    seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    from duizhao.ingest.seeds import parse_seed

    memory_path = tmp_path / "en.jsonl"
    memory = Memory.load(memory_path)
    for path in sorted(seeds.iterdir()):
        for unit in units(parse_seed(path)):
            memory.put(Entry(unit.key, unit.text, "x", "manual", "", TODAY))
    memory.put(Entry(key_for("旧文章"), "旧文章", "Old article", "manual", "", TODAY))
    memory.save()
    before = memory_path.read_text(encoding="utf-8")
    common = ("--seeds", str(seeds), "--memory", str(memory_path))

    assert cli(*common, "--dry-run") == 0
    assert "1 memory entry no seed uses (--prune removes them)" in capsys.readouterr().out
    assert cli(*common, "--dry-run", "--prune") == 0
    assert "1 memory entry no seed uses would be pruned" in capsys.readouterr().out
    assert memory_path.read_text(encoding="utf-8") == before

    (seeds / "broken.txt").write_bytes(b"")  # an unreadable seed might use the entry
    assert cli(*common, "--prune") == 1
    assert "not pruned" in capsys.readouterr().err
    (seeds / "broken.txt").unlink()

    assert cli(*common, "--prune") == 0
    assert "pruned 1 memory entry no seed uses" in capsys.readouterr().out
    assert "旧文章" not in on_disk(memory_path) and len(Memory.load(memory_path)) == 7


def test_cli_usage_errors_exit_2(
    monkeypatch: pytest.MonkeyPatch, seeds: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    memory = str(tmp_path / "en.jsonl")
    assert cli("--provider", "deepl", "--seeds", str(seeds), "--memory", memory) == 2
    assert "DEEPL_API_KEY" in capsys.readouterr().err
    assert cli("--seeds", str(seeds), "--memory", memory, "--article", "nope") == 2
    assert cli("--seeds", str(tmp_path / "missing"), "--memory", memory) == 2
    monkeypatch.setenv("DUIZHAO_PROVIDER", "babelfish")
    assert cli("--seeds", str(seeds), "--memory", memory) == 2
    monkeypatch.setenv("DUIZHAO_PROVIDER", "mymemory")
    assert cli("--seeds", str(seeds), "--memory", memory, "--dry-run") == 0
    assert "in 7 mymemory requests" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        cli("--provider", "babelfish")
    assert exit_.value.code == 2
    with pytest.raises(SystemExit):
        cli("--timeout", "0")
    assert not (tmp_path / "en.jsonl").exists()


def test_the_five_real_seeds_need_nothing_sent(tmp_path: Path) -> None:
    """The committed memory translates the bundled seeds by hand: a dry run sends nothing."""
    memory = tmp_path / "en.jsonl"
    shutil.copy2(ROOT / "data" / "memory" / "en.jsonl", memory)
    before = memory.read_bytes()
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--dry-run", "--memory", str(memory)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "would send 0 units, 0 characters" in result.stdout
    from duizhao.ingest.seeds import parse_seed

    wanted = {u.key for seed in sorted((ROOT / "seeds").iterdir()) for u in units(parse_seed(seed))}
    assert f"from memory {len(wanted)}" in result.stdout  # every part, tags included (157)
    assert "no seed uses" not in result.stdout
    assert memory.read_bytes() == before
