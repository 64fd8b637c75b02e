"""Machine translation of what the translation memory lacks, through deep-translator.

Only units (see memory.units) whose key the memory does not hold are sent; a unit longer
than the provider accepts is split at sentence ends and the translations joined again. Every
provider call runs under our own time limit, failed calls are retried with exponential
backoff, and each finished batch is saved at once, so an interrupt, a crash or a lost network
loses nothing already translated: the next run sends only what is still missing. Saving
merges with what another run saved meanwhile (memory.Memory.save), and a unit another run
has translated by then is not sent again. A reply longer than memory.longest_target (10
characters per character sent, plus 200) is refused, never stored: the unit counts as failed.

deep-translator facts this module relies on (version 1.11.4):
- No request has a timeout (google.py:67, deepl.py:80, …): a call can hang for ever, so each
  runs in a daemon thread that we stop waiting for (ThreadPoolExecutor's workers would keep
  the interpreter from exiting).
- Google rejects 5,000 characters or more and MyMemory 500 or more (validate.py:40, google.py:57,
  mymemory.py:57); Google can return None (google.py:85-101) or the source text unchanged.
- Key defaults are read from the environment when the package is imported (deepl.py:33), so
  keys are read here, at run time, and passed explicitly.
- Keys reach exception messages: AuthorizationException puts the key in its message
  (exceptions.py:179-182), and DeepL sends `auth_key` in the URL (deepl.py:73), which requests
  repeats in a ConnectionError. Every provider error is therefore re-raised as a
  `ProviderError` whose message has the keys blanked out.
- Microsoft's constructor makes a request (microsoft.py:55, 62-70): translators are built on
  the first call, inside the time limit, never at import or in `make_provider`.
- Papago maps codes to names (constants.py PAPAGO_LANGUAGE_TO_CODE is code -> name) and
  Yandex validates against Google's table, which lacks "zh": both get their codes set after
  construction.

Sections: public API (providers, splitting, translating), then helpers.
"""

from __future__ import annotations

import datetime
import functools
import importlib
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol
from urllib.parse import quote, quote_plus

from duizhao.english.memory import Entry, Memory, display_form, longest_target, units
from duizhao.record import Article

log = logging.getLogger(__name__)

# --- providers --------------------------------------------------------------------------


class Provider(Protocol):
    """A machine translator for one source language into one target language."""

    name: str
    max_chars: int  # longest text one call accepts

    # str, or whatever a provider misbehaves with (Google can answer None): `_unusable`
    # checks the reply before anything is stored.
    def translate(self, text: str) -> object: ...


ProviderFactory = Callable[[str], Provider]  # the article's script -> its provider


@dataclass(frozen=True)
class ProviderSpec:
    """How to drive one deep-translator class."""

    name: str
    cls: str  # class name in deep_translator
    max_chars: int
    simplified: str  # source code for Simplified Chinese
    traditional: str  # source code for Traditional Chinese (Taiwan, Hong Kong alike)
    keys: tuple[tuple[str, str], ...] = ()  # (constructor argument, environment variable)
    targets: Mapping[str, str] = field(default_factory=dict)  # our target code -> provider's
    construct_as: Mapping[str, str] = field(default_factory=dict)  # code that passes validation
    force_codes: bool = False  # set source/target after construction (see module docstring)
    reusable: bool = False  # keep one translator for every call (construction is costly)


# Limits: Google and MyMemory are deep-translator's own checks (the text must be shorter than
# 5,000 and 500 characters); the others are conservative sizes for one request of Chinese
# text (DeepL and Libre send it in the URL, Baidu counts 6,000 bytes of UTF-8).
PROVIDERS: dict[str, ProviderSpec] = {
    spec.name: spec
    for spec in (
        ProviderSpec("google", "GoogleTranslator", 4999, "zh-CN", "zh-TW"),
        ProviderSpec(
            "mymemory", "MyMemoryTranslator", 499, "zh-CN", "zh-TW", targets={"en": "en-GB"}
        ),
        ProviderSpec("deepl", "DeeplTranslator", 1500, "zh", "zh", (("api_key", "DEEPL_API_KEY"),)),
        ProviderSpec("libre", "LibreTranslator", 2000, "zh", "zh", (("api_key", "LIBRE_API_KEY"),)),
        ProviderSpec(
            "microsoft",
            "MicrosoftTranslator",
            5000,
            "zh-hans",  # Microsoft's codes, lower-cased by deep-translator (microsoft.py:72)
            "zh-hant",
            (("api_key", "MICROSOFT_API_KEY"),),
            reusable=True,
        ),
        ProviderSpec(
            "yandex",
            "YandexTranslator",
            5000,
            "zh",
            "zh",
            (("api_key", "YANDEX_API_KEY"),),
            construct_as={"zh": "zh-CN"},
            force_codes=True,
        ),
        ProviderSpec(
            "baidu",
            "BaiduTranslator",
            2000,
            "zh",
            "cht",
            (("appid", "BAIDU_APPID"), ("appkey", "BAIDU_APPKEY")),
        ),
        ProviderSpec(
            "papago",
            "PapagoTranslator",
            5000,
            "zh-CN",
            "zh-TW",
            # deep-translator reads no variables for Papago: these names are ours.
            (("client_id", "PAPAGO_CLIENT_ID"), ("secret_key", "PAPAGO_SECRET_KEY")),
            force_codes=True,
        ),
        # deep-translator's own (misspelt) variable name; needs the pre-1.0 `openai` package.
        ProviderSpec(
            "chatgpt", "ChatGptTranslator", 2000, "zh-CN", "zh-TW", (("api_key", "OPEN_API_KEY"),)
        ),
    )
}
PROVIDER_NAMES = tuple(PROVIDERS)
# Not secret, so not deep-translator's business: where a self-hosted service lives.
LIBRE_URL_VAR = "DUIZHAO_LIBRE_URL"
MICROSOFT_REGION_VAR = "DUIZHAO_MICROSOFT_REGION"


class ProviderError(Exception):
    """A failed provider call; the message names the error and never holds a key."""

    def __init__(self, message: str, kind: Literal["retry", "rate", "fatal"] = "retry") -> None:
        super().__init__(message)
        self.kind = kind


def source_language(provider: str, script: str) -> str:
    """The provider's code for an article's script (hans; hant, tw, hk are Traditional)."""
    spec = _spec(provider)
    return spec.simplified if script == "hans" else spec.traditional


def missing_keys(provider: str, env: Mapping[str, str] | None = None) -> list[str]:
    """Environment variables the provider needs that are not set."""
    env = os.environ if env is None else env
    return [var for _, var in _spec(provider).keys if not env.get(var)]


def make_provider(
    name: str, source_lang: str, target: str = "en", *, env: Mapping[str, str] | None = None
) -> Provider:
    """A provider wrapping deep-translator's class; nothing is imported or sent until used."""
    return DeepTranslatorProvider(
        _spec(name), source_lang, target, os.environ if env is None else env
    )


def provider_factory(
    name: str, target: str = "en", *, env: Mapping[str, str] | None = None
) -> ProviderFactory:
    """Script -> provider, one per source language (Simplified and Traditional differ)."""
    made: dict[str, Provider] = {}

    def for_script(script: str) -> Provider:
        code = source_language(name, script)
        if code not in made:
            made[code] = make_provider(name, code, target, env=env)
        return made[code]

    return for_script


class DeepTranslatorProvider:
    """One deep-translator class behind the `Provider` interface, with keys kept out of errors."""

    def __init__(self, spec: ProviderSpec, source: str, target: str, env: Mapping[str, str]):
        self.name = spec.name
        self.max_chars = spec.max_chars
        self._spec = spec
        self._source = source
        self._target = spec.targets.get(target, target)
        keys = {arg: env.get(var, "") for arg, var in spec.keys}
        self._secrets = _secret_forms(value for value in keys.values() if value)
        self._args = {**keys, **_extra_args(spec, env, keys)}
        self._shared: Any = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # says which provider, never shows a key
        return f"<{type(self).__name__} {self.name} {self._source}->{self._target}>"

    def translate(self, text: str) -> object:
        failure: ProviderError | None = None
        try:
            result: object = self._translator().translate(text)
            return result
        except Exception as error:
            failure = _provider_error(error, self._secrets)
        # Raised outside the except block so the original (which may hold a key) is not
        # chained as __context__ into a printed traceback.
        raise failure

    def _translator(self) -> Any:  # a deep_translator.base.BaseTranslator
        if not self._spec.reusable:
            # A fresh one per call: Google and MyMemory keep the request's parameters on the
            # instance, and a call we stopped waiting for may still be running.
            return self._build()
        with self._lock:
            if self._shared is None:
                self._shared = self._build()
            return self._shared

    def _build(self) -> Any:
        cls = getattr(importlib.import_module("deep_translator"), self._spec.cls)
        spec = self._spec
        translator = cls(
            source=spec.construct_as.get(self._source, self._source),
            target=spec.construct_as.get(self._target, self._target),
            **self._args,
        )
        if spec.force_codes:
            translator.source, translator.target = self._source, self._target
        return translator


# --- splitting --------------------------------------------------------------------------

# A sentence ends after 。！？；… (with any closing quotes or brackets), or after .!? that a
# space follows; a clause after a comma or colon. Each match includes the white space after.
_SENTENCE_END = re.compile(r"[。！？；…]+[”’」』）)\]\"']*\s*|[.!?]+[”’\"')\]]*\s+")
_CLAUSE_END = re.compile(r"[，、,：:;]\s*")


def split_for_limit(text: str, limit: int) -> list[str]:
    """Parts of at most `limit` characters, cut at sentence ends, else commas, else anywhere.

    Neighbouring sentences are packed into one part while they fit, so a provider gets as few
    requests as possible. Parts are stripped; joined, they give the text back.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    pieces = [piece for sentence in _pieces(text, _SENTENCE_END) for piece in _fit(sentence, limit)]
    return [part for part in (p.strip() for p in _pack(pieces, limit)) if part]


# --- translating ------------------------------------------------------------------------


@dataclass(frozen=True)
class Work:
    """One text the memory lacks."""

    key: str
    text: str  # display form: what is sent and stored as the source
    script: str  # the article's script, which picks the provider (source language)
    where: str  # seed file name and unit kind, for reports


@dataclass
class Summary:
    translated: int = 0
    from_memory: int = 0
    failed: int = 0
    chars_sent: int = 0  # characters of every request made (retries included)
    requests: int = 0
    pending: int = 0  # units the memory lacked
    pending_chars: int = 0  # characters those need sent, after splitting (dry run)
    requests_by_provider: dict[str, int] = field(default_factory=dict)  # dry run only
    failures: list[str] = field(default_factory=list)  # one line per failed unit
    stopped: str = ""  # why the run stopped before the end ("" if it did not)
    interrupted: bool = False
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not (self.failed or self.stopped or self.interrupted)

    def line(self) -> str:
        """The summary line; a dry run's says what would be sent, and how many requests."""
        if self.dry_run:
            by_provider = iter(self.requests_by_provider.items())
            name, count = next(by_provider, ("", 0))
            others = ", ".join(f"{other} {n}" for other, n in by_provider)
            return (
                f"dry run: would send {self.pending} units, {self.pending_chars} characters "
                f"in {count} {name} requests; from memory {self.from_memory}\n"
                f"requests with other providers: {others}"
            )
        return (
            f"translated {self.translated}, from memory {self.from_memory}, "
            f"failed {self.failed}, characters sent {self.chars_sent}"
        )


@dataclass(frozen=True)
class Policy:
    """How hard to try: per-call time limit, retries with exponential backoff, when to stop."""

    timeout: float = 30.0
    retries: int = 3  # after the first attempt
    backoff: float = 2.0  # first delay in seconds; doubled each retry
    max_failures: int = 5  # consecutive failed units before the run stops
    sleep: Callable[[float], None] = time.sleep


def plan(articles: Iterable[Article], memory: Memory) -> tuple[list[Work], int]:
    """What the memory lacks (each text once, in reading order), and how many units it has."""
    work: dict[str, Work] = {}
    known: set[str] = set()
    for article in articles:
        for unit in units(article):
            if unit.key in work or unit.key in known:
                continue
            if memory.get(unit.text) is not None:
                known.add(unit.key)
            else:
                where = f"{article.seed_name} {unit.kind}"
                work[unit.key] = Work(unit.key, display_form(unit.text), article.script, where)
    return list(work.values()), len(known)


def keys_in_use(articles: Iterable[Article]) -> set[str]:
    return {unit.key for article in articles for unit in units(article)}


def translate_articles(
    articles: Iterable[Article],
    memory: Memory,
    provider_for: ProviderFactory,
    *,
    batch_size: int = 20,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 2.0,
    max_failures: int = 5,
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[Summary], None] | None = None,
    dry_run: bool = False,
    today: str | None = None,
) -> Summary:
    """Translate every unit of the articles the memory lacks; see `translate_units`."""
    work, from_memory = plan(articles, memory)
    summary = Summary(from_memory=from_memory, dry_run=dry_run)
    policy = Policy(timeout, retries, backoff, max_failures, sleep)
    if dry_run:
        return _dry_run(work, provider_for, summary)
    return translate_units(
        work,
        memory,
        provider_for,
        policy,
        summary,
        batch_size=batch_size,
        progress=progress,
        today=today,
    )


def translate_units(
    work: Sequence[Work],
    memory: Memory,
    provider_for: ProviderFactory,
    policy: Policy,
    summary: Summary | None = None,
    *,
    batch_size: int = 20,
    progress: Callable[[Summary], None] | None = None,
    today: str | None = None,
) -> Summary:
    """Send each text, store each translation as a machine entry, save after every batch.

    A batch is a unit of saving, not of sending: deep-translator's translate_batch is a plain
    loop over translate (base.py:171-183), so texts go one request each either way.

    The memory is saved after each batch and whenever the run ends, however it ends. An
    interrupt (KeyboardInterrupt) returns a summary marked `interrupted`; any other exception
    that is not a provider's propagates, after saving.
    """
    summary = summary or Summary()
    summary.pending = len(work)
    today = today or datetime.date.today().isoformat()
    providers: dict[str, Provider] = {}
    streak = 0  # consecutive failed units
    try:
        for start in range(0, len(work), max(1, batch_size)):
            for item in work[start : start + batch_size]:
                if memory.get_by_key(item.key) is not None:  # another run saved it meanwhile
                    summary.from_memory += 1
                    continue
                if item.script not in providers:
                    providers[item.script] = provider_for(item.script)
                provider = providers[item.script]
                done = _translate_one(item, provider, policy, summary, memory, today)
                streak = 0 if done else streak + 1
                if progress:
                    progress(summary)
                if streak >= policy.max_failures:
                    summary.stopped = f"stopped after {streak} consecutive failed units"
                if summary.stopped:
                    return summary
            _save(memory)  # each finished batch is on disk before the next is sent
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        _save(memory)
    return summary


# --- helpers ----------------------------------------------------------------------------


class CallTimedOut(Exception):
    """Our own time limit ran out (distinct from any TimeoutError a provider raises)."""


def call_with_timeout(function: Callable[[str], object], text: str, timeout: float) -> object:
    """`function(text)` in a daemon thread; stop waiting after `timeout` seconds.

    A thread that hangs is abandoned, not killed (Python cannot kill a thread); being a daemon
    it never keeps the interpreter from exiting. Whatever the call raised, KeyboardInterrupt
    included, is raised again here.
    """
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["value"] = function(text)
        except BaseException as error:
            box["error"] = error

    thread = threading.Thread(target=run, name="duizhao-translate", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise CallTimedOut(f"no answer within {timeout:g} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box.get("value")


def _translate_one(
    item: Work, provider: Provider, policy: Policy, summary: Summary, memory: Memory, today: str
) -> bool:
    """Translate one unit part by part; store it only if every part came back."""
    translated = []
    for part in split_for_limit(item.text, provider.max_chars):
        result = _call(part, provider, policy, summary, item.where)
        if isinstance(result, _Failure):
            summary.failed += 1
            summary.failures.append(f"{item.where}: {_preview(item.text)}: {result.reason}")
            if result.fatal:
                summary.stopped = f"stopped: {result.reason}"
            return False
        translated.append(result)
    target = " ".join(" ".join(translated).split())
    if len(target) > longest_target(len(item.text)):  # parts each fit, yet together too long
        reason = _too_long(len(target), len(item.text))
        summary.failed += 1
        summary.failures.append(f"{item.where}: {_preview(item.text)}: {reason}")
        return False
    if memory.put(Entry(item.key, item.text, target, "machine", provider.name, today)):
        summary.translated += 1
    else:  # a person's translation arrived meanwhile, and a machine never replaces it
        summary.from_memory += 1
    return True


@dataclass(frozen=True)
class _Failure:
    reason: str
    fatal: bool = False


def _call(
    part: str, provider: Provider, policy: Policy, summary: Summary, where: str
) -> str | _Failure:
    """One part through the provider, retried with exponential backoff."""
    reason = ""
    for attempt in range(policy.retries + 1):
        if attempt:
            delay = policy.backoff * 2 ** (attempt - 1)
            log.info("%s: %s; retry %d in %.1f s", where, reason, attempt, delay)
            policy.sleep(delay)
        summary.requests += 1
        summary.chars_sent += len(part)
        try:
            result = call_with_timeout(provider.translate, part, policy.timeout)
        except Exception as error:
            kind, reason = _classify(error)
            if kind == "fatal":
                return _Failure(reason, fatal=True)
            continue
        if isinstance(result, str) and len(result) > longest_target(len(part)):
            # Refused, not retried: a provider that answers so once will again, and a 20 MB
            # answer is not something to ask for twice.
            return _Failure(_too_long(len(result), len(part)))
        reason = _unusable(result, part)
        if not reason:
            return str(result).strip()
    return _Failure(f"{reason} (after {policy.retries + 1} attempts)")


def _too_long(got: int, sent: int) -> str:
    return (
        f"a reply of {got:,} characters refused: at most {longest_target(sent):,} are "
        f"accepted for {sent:,} characters sent"
    )


def _unusable(result: object, sent: str) -> str:
    """Why a result is not a translation ("" if it is one)."""
    if not isinstance(result, str) or not result.strip():
        return "empty result"
    if result.strip() == sent.strip() and _HAN.search(sent):
        return "the source came back untranslated"  # Google does this (google.py:85-99)
    return ""


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _classify(error: Exception) -> tuple[Literal["retry", "rate", "fatal"], str]:
    """What to do about an error, and one line saying what it was."""
    if isinstance(error, ProviderError):
        kind, message = error.kind, str(error)
    elif isinstance(error, CallTimedOut):
        kind, message = "retry", f"timed out: {error}"
    else:
        kind, message = _kind_of(error), f"{type(error).__name__}: {error}"
    return kind, " ".join(message.split())  # ApiKeyException's message spans lines


def _kind_of(error: Exception) -> Literal["retry", "rate", "fatal"]:
    """Rate limits and passing trouble are retried; a wrong key, language or size is not."""
    errors = _deep_translator_errors()
    if isinstance(error, errors["rate"]):
        return "rate"
    if isinstance(error, errors["server"]):
        message = str(error)
        if message == "ERR_TOO_MANY_REQUESTS":
            return "rate"
        if message in _FATAL_SERVER_ERRORS:
            return "fatal"
    if isinstance(error, errors["fatal"] + (ImportError,)):
        return "fatal"
    return "retry"


# ServerException's messages by status (exceptions.py:143-155) that retrying cannot cure.
_FATAL_SERVER_ERRORS = frozenset(
    {
        "ERR_KEY_INVALID",
        "ERR_KEY_BLOCKED",
        "ERR_DAILY_REQ_LIMIT_EXCEEDED",
        "ERR_DAILY_CHAR_LIMIT_EXCEEDED",
        "ERR_LANG_NOT_SUPPORTED",
    }
)


@functools.cache
def _deep_translator_errors() -> dict[str, tuple[type[BaseException], ...]]:
    # Imported on first need: importing deep_translator imports every provider and requests.
    from deep_translator import exceptions as e

    return {
        "rate": (e.TooManyRequests,),
        "server": (e.ServerException,),
        "fatal": (
            e.ApiKeyException,
            e.AuthorizationException,
            e.LanguageNotSupportedException,
            e.InvalidSourceOrTargetLanguage,
            e.NotValidLength,
            e.NotValidPayload,
        ),
    }


def _save(memory: Memory) -> None:
    if len(memory) or memory.path.exists():  # a run that got nothing leaves no empty file
        memory.save()


def _provider_error(error: Exception, secrets: tuple[str, ...]) -> ProviderError:
    message = redact(f"{type(error).__name__}: {error}", secrets)
    if len(message) > 200:  # requests repeats the whole URL; cut only after redacting
        message = message[:199] + "…"
    return ProviderError(message, _kind_of(error))


def redact(text: str, secrets: Iterable[str]) -> str:
    """The text with every secret (longest first) replaced by ***."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        if secret:
            text = text.replace(secret, "***")
    return text


def _secret_forms(values: Iterable[str]) -> tuple[str, ...]:
    """Each key as written and as it appears in a URL (requests quotes query values)."""
    return tuple({form for value in values for form in (value, quote_plus(value), quote(value))})


def _extra_args(
    spec: ProviderSpec, env: Mapping[str, str], keys: Mapping[str, str]
) -> dict[str, str | bool]:
    if spec.name == "deepl":
        # DeepL's free keys end in ":fx" and use another host (deepl.py:48-52).
        return {"use_free_api": keys.get("api_key", "").endswith(":fx")}
    if spec.name == "libre":
        url = env.get(LIBRE_URL_VAR, "")
        return {"custom_url": url, "use_free_api": False} if url else {"use_free_api": False}
    if spec.name == "microsoft" and env.get(MICROSOFT_REGION_VAR):
        return {"region": env[MICROSOFT_REGION_VAR]}
    return {}


def _spec(name: str) -> ProviderSpec:
    try:
        return PROVIDERS[name]
    except KeyError:
        raise ValueError(
            f"unknown provider {name!r} (known: {', '.join(PROVIDER_NAMES)})"
        ) from None


def _dry_run(work: Sequence[Work], provider_for: ProviderFactory, summary: Summary) -> Summary:
    """Count what a run would send: units, characters, and requests under each provider."""
    summary.pending = len(work)
    chosen = {provider_for("hans").name: 0}  # the chosen provider first, even with no work
    for item in work:
        provider = provider_for(item.script)
        parts = split_for_limit(item.text, provider.max_chars)
        summary.pending_chars += sum(map(len, parts))
        chosen[provider.name] = chosen.get(provider.name, 0) + len(parts)
    summary.requests_by_provider = dict(chosen)
    for name, spec in PROVIDERS.items():
        if name not in chosen:
            count = sum(len(split_for_limit(item.text, spec.max_chars)) for item in work)
            summary.requests_by_provider[name] = count
    return summary


def _pieces(text: str, pattern: re.Pattern[str]) -> list[str]:
    cuts = [match.end() for match in pattern.finditer(text)]
    bounds = zip([0, *cuts], [*cuts, len(text)], strict=True)
    return [text[a:b] for a, b in bounds if b > a]


def _fit(sentence: str, limit: int) -> list[str]:
    """A sentence as pieces of at most `limit`: whole, else by clauses, else cut hard."""
    if len(sentence) <= limit:
        return [sentence]
    out: list[str] = []
    for clause in _pieces(sentence, _CLAUSE_END):
        out.extend(clause[i : i + limit] for i in range(0, len(clause), limit))
    return out


def _pack(pieces: Iterable[str], limit: int) -> list[str]:
    parts: list[str] = []
    current = ""
    for piece in pieces:
        if current and len(current) + len(piece) > limit:
            parts.append(current)
            current = ""
        current += piece
    if current:
        parts.append(current)
    return parts


def _preview(text: str, length: int = 24) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
