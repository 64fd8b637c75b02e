"""One story, one article: seeds that are copies of one story (the same canonical URL, or
the same text once normalised) are grouped, and one copy is kept.

The copy kept is the newest (by the article's date), then the longer, then the first by
name. The story's slug does not depend on which copy wins: it is the slug the story had
before (recorded in the manifest), or for a new story the slug of the copy whose name sorts
first, so a link to the story keeps working when a newer copy arrives.

Pure functions over `StoryKey`s; the pipeline records keys in its manifest, so seeds that
did not change need not be parsed again to be grouped.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from duizhao.record import Article

# Texts shorter than this are not compared: two short notices may well say the same thing.
TEXT_MIN = 200


@dataclass(frozen=True)
class StoryKey:
    """What identifies a seed's story, and what decides which copy is kept."""

    name: str  # the seed's name ("a.txt", "export.jsonl#3")
    url: str  # the canonical URL, normalised; "" when the seed has none
    text: str  # a hash of the normalised text; "" for short texts
    date: str
    length: int

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "text": self.text, "date": self.date, "length": self.length}

    @classmethod
    def from_dict(cls, name: str, data: dict[str, Any]) -> StoryKey:
        return cls(
            name=name,
            url=str(data.get("url") or ""),
            text=str(data.get("text") or ""),
            date=str(data.get("date") or ""),
            length=int(data.get("length") or 0),
        )


@dataclass(frozen=True)
class Story:
    kept: str  # the seed whose article is published
    merged: tuple[str, ...]  # the other copies, which publish nothing
    reason: str  # why `kept` won: "newer", "longer", "first by name"


def key_of(name: str, article: Article) -> StoryKey:
    text = "".join(
        char
        for block in article.blocks
        if block.kind != "figure"
        for char in unicodedata.normalize("NFKC", block.plain)
        if char.isalnum()
    )
    return StoryKey(
        name=name,
        url=_normal_url(article.url),
        text=hashlib.sha1(text.encode("utf-8")).hexdigest()[:16] if len(text) >= TEXT_MIN else "",
        date=article.date,
        length=len(text),
    )


def group(keys: list[StoryKey]) -> list[Story]:
    """The stories of more than one seed, each with the copy kept and the merged ones."""
    parent = {key.name: key.name for key in keys}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    first_by: dict[tuple[str, str], str] = {}
    for key in sorted(keys, key=lambda k: k.name):
        for kind, value in (("url", key.url), ("text", key.text)):
            if not value:
                continue
            other = first_by.setdefault((kind, value), key.name)
            if other != key.name:
                parent[root(key.name)] = root(other)
    members: dict[str, list[StoryKey]] = {}
    for key in keys:
        members.setdefault(root(key.name), []).append(key)
    stories = []
    for group_keys in members.values():
        if len(group_keys) < 2:
            continue
        ranked = sorted(group_keys, key=lambda k: (_not(k.date), -k.length, k.name))
        kept, runner_up = ranked[0], ranked[1]
        if kept.date != runner_up.date:
            reason = "the newer copy"
        elif kept.length != runner_up.length:
            reason = "the longer copy"
        else:
            reason = "the first by name"
        stories.append(Story(kept.name, tuple(sorted(k.name for k in ranked[1:])), reason))
    return sorted(stories, key=lambda s: s.kept)


def story_slug(story: Story, slugs: dict[str, str], previous: dict[str, str]) -> str:
    """The slug a story is published under: the one it had, else its first seed's."""
    names = sorted((story.kept, *story.merged))
    for name in [story.kept, *names]:
        if previous.get(name):
            return previous[name]
    return slugs[names[0]]


# --- helpers ----------------------------------------------------------------------------


def _normal_url(url: str) -> str:
    if not url:
        return ""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def _not(date: str) -> str:
    """Sorts later dates first (and undated last) in an ascending sort."""
    if not date:
        return "~"
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)
