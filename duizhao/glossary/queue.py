"""The curator's queue: what the rules found, with the evidence an editor decides on, and the
decisions written into data/glossary.yaml.

An item is a term the rules made that no one has decided on yet (not in the curated file's
`terms`, not under `suppress`), or, on request, a candidate the rules dropped. Each carries
its evidence: how often and in which articles it occurs, a few contexts, the proposed kind,
pinyin and English with its source, and why the rules kept or dropped it. Terms without
English come first, then the most widely used.

A decision is a line or two added to the curated file, which is then read back strictly
(curated.py) before it replaces the old one: `accept` adds the term with the English and
kind given (or proposed), `suppress` adds the word to `suppress`. Comments and the order
of the file are kept. A decided term never comes back to the queue: that is the memory.

Sections: public API, then helpers.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from duizhao.files import write_if_changed
from duizhao.glossary import readings
from duizhao.glossary.curated import GlossaryFileError, load_curated
from duizhao.glossary.model import Glossary

CONTEXTS = 3  # contexts shown per item
_SIDE = 14  # characters each side of a context


@dataclass
class Item:
    spelling: str
    kept: bool  # a term of the glossary (True) or a dropped candidate
    reason: str  # why the rules kept or dropped it
    kind: str = ""
    pinyin: str = ""
    english: str = ""
    english_source: str = ""
    count: int = 0
    articles: list[str] = field(default_factory=list)  # slugs, most uses first
    contexts: list[tuple[str, str]] = field(default_factory=list)  # (slug, text around it)
    aliases: list[str] = field(default_factory=list)

    def as_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


def items(
    glossary: Glossary,
    texts: Mapping[str, str],
    curated_path: Path,
    dropped: bool = False,
) -> list[Item]:
    """The undecided terms of `glossary` (and with `dropped`, the dropped candidates that
    occur twice or more), evidence from `texts` (slug -> Simplified text)."""
    curated = load_curated(curated_path)
    decided = set(curated.suppress)
    for entry in curated.terms:
        decided.update((entry.zh, *entry.aliases, *(a.zh for a in entry.contextual)))
    found: list[Item] = []
    for term in glossary:
        if term.simplified in decided or term.english_source == "curated":
            continue
        reason = glossary.decisions.get(term.simplified)
        ranked = sorted(term.counts, key=lambda slug: -term.counts[slug])
        found.append(
            Item(
                spelling=term.simplified,
                kept=True,
                reason=getattr(reason, "reason", "") or _pair_reason(term.english_source),
                kind=term.kind,
                pinyin=term.pinyin,
                english=term.english,
                english_source=term.english_source,
                count=term.count,
                articles=ranked,
                contexts=_contexts(term.simplified, ranked, texts),
                aliases=list(term.aliases),
            )
        )
    if dropped:
        shown = {item.spelling for item in found}
        for spelling, decision in glossary.decisions.items():
            if decision.kept or spelling in decided or spelling in shown:
                continue
            slugs = [slug for slug, text in texts.items() if spelling in text]
            if sum(texts[slug].count(spelling) for slug in slugs) < 2:
                continue
            kind = decision.kinds.most_common(1)[0][0] if decision.kinds else "term"
            found.append(
                Item(
                    spelling=spelling,
                    kept=False,
                    reason=decision.reason,
                    kind=kind,
                    pinyin=readings.pinyin(spelling, kind),
                    count=sum(texts[slug].count(spelling) for slug in slugs),
                    articles=slugs,
                    contexts=_contexts(spelling, slugs, texts),
                )
            )
    found.sort(key=lambda item: (not item.kept, bool(item.english), -len(item.articles),
                                 -item.count, item.spelling))  # fmt: skip
    return found


def accept(
    path: Path,
    spelling: str,
    english: str = "",
    kind: str = "",
    note: str = "",
    pinyin: str = "",
) -> None:
    """Add a term to the curated file (checked before it is written)."""
    lines = [f"  - zh: {_scalar(spelling)}"]
    for key, value in (("en", english), ("kind", kind), ("note", note), ("pinyin", pinyin)):
        if value:
            lines.append(f"    {key}: {_scalar(value)}")
    _edit(path, "terms", lines)


def suppress(path: Path, spelling: str) -> None:
    """Add a word to the curated file's `suppress` list (checked before it is written)."""
    _edit(path, "suppress", [f"  - {_scalar(spelling)}"])


# --- helpers ----------------------------------------------------------------------------


def _pair_reason(source: str) -> str:
    return "the article gives its English: 中文（English）" if source == "article" else ""


def _contexts(spelling: str, slugs: list[str], texts: Mapping[str, str]) -> list[tuple[str, str]]:
    found = []
    for slug in slugs:
        text = texts.get(slug, "")
        at = text.find(spelling)
        if at < 0:
            continue
        left, right = max(0, at - _SIDE), min(len(text), at + len(spelling) + _SIDE)
        snippet = " ".join(text[left:right].split())
        found.append((slug, ("…" if left else "") + snippet + ("…" if right < len(text) else "")))
        if len(found) == CONTEXTS:
            break
    return found


_PLAIN = re.compile(r"[^\s:#'\"{}\[\],&*!|>%@`-][^:#{}\[\],]*")


def _scalar(value: str) -> str:
    """A YAML scalar: as is when plain YAML reads it back unchanged, else double-quoted."""
    value = " ".join(value.split())
    if _PLAIN.fullmatch(value) and value.strip() == value and not value.isdigit():
        return value
    return json.dumps(value, ensure_ascii=False)


def _edit(path: Path, key: str, lines: list[str]) -> None:
    """Add list items under the top-level `key` (made if missing), after its last item, and
    write the file only if it still reads as a valid curated glossary."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    rows = text.splitlines()
    start = next((n for n, row in enumerate(rows) if re.match(rf"{key}\s*:", row)), None)
    if start is None:
        rows += ["", f"{key}:", *lines]
    else:
        if re.match(rf"{key}\s*:\s*\[\s*\]\s*(#.*)?$", rows[start]):
            rows[start] = f"{key}:"
        end = start + 1
        last = start
        while end < len(rows) and (not rows[end].strip() or rows[end][:1] in (" ", "#")):
            if rows[end].strip() and not rows[end].lstrip().startswith("#"):
                last = end
            end += 1
        rows[last + 1 : last + 1] = lines
    new_text = "\n".join(rows) + "\n"
    scratch = path.with_name(f".{path.name}.check")
    scratch.write_text(new_text, encoding="utf-8")
    try:
        load_curated(scratch)
    except GlossaryFileError as error:
        raise GlossaryFileError(path, error.reason, error.line) from error
    finally:
        scratch.unlink(missing_ok=True)
    write_if_changed(path, new_text)
