"""Seeds of shape 5: JSON exports, as scrapers commonly write them. A `.json` file holds one
article object; a `.jsonl` file one object per line (each line is its own seed,
"name.jsonl#3", and a bad line fails alone).

Fields: `title` (required), `html` or `text` (one required), `url`, `published` (ISO 8601),
`author`. Any other field is ignored with a warning naming it; `text` reads as a text seed's
body (one paragraph per line, caption lines, hashtags); `html` as an HTML body.
"""

from __future__ import annotations

import json
from typing import Any

from duizhao.ingest.bylines import clean_author_field
from duizhao.ingest.curated import publisher_zone
from duizhao.ingest.draft import Draft, local_day
from duizhao.ingest.parse_html import parse_body, set_url
from duizhao.ingest.parse_text import parse_text_seed

KNOWN_FIELDS = ("title", "url", "published", "author", "html", "text")


def parse_json_seed(text: str) -> Draft:
    """A `.json` seed: exactly one article object."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg} at line {error.lineno})") from None
    if isinstance(data, list):
        raise ValueError(
            f"a .json seed holds one article object, this one holds a list of {len(data)}: "
            "save them as .jsonl, one per line"
        )
    return parse_export(data)


def parse_json_line(line: str, number: int) -> Draft:
    """Line `number` of a `.jsonl` seed."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"line {number} is not JSON ({error.msg})") from None
    try:
        return parse_export(data)
    except ValueError as error:
        raise ValueError(f"line {number}: {error}") from None


def jsonl_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of every non-blank line of a JSON Lines file."""
    return [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]


def parse_export(data: Any) -> Draft:
    if not isinstance(data, dict):
        raise ValueError(f"an article is a JSON object, not {type(data).__name__}")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        fields = ", ".join(sorted(str(key) for key in data)) or "nothing"
        raise ValueError(f"no title: no `title` field with text (the object has: {fields})")
    html, body = data.get("html"), data.get("text")
    if not isinstance(html, str) or not html.strip():
        html = ""
    if not isinstance(body, str) or not body.strip():
        body = ""
    if not html and not body:
        raise ValueError("no article text: neither an `html` nor a `text` field with text")
    for name in ("url", "published", "author"):
        if data.get(name) is not None and not isinstance(data.get(name), str):
            raise ValueError(f"`{name}` is a {type(data[name]).__name__}, not a string")

    if html:
        draft = Draft(title=" ".join(title.split()))
        set_url(draft, str(data.get("url") or ""))
        parse_body(html, draft)
    else:
        draft = parse_text_seed(" ".join(title.split()) + "\n\n" + body)
        draft.title = " ".join(title.split())
        set_url(draft, str(data.get("url") or ""))
    unknown = sorted(str(key) for key in data if key not in KNOWN_FIELDS)
    if unknown:
        draft.warnings.append(f"unknown fields: {', '.join(unknown)} (ignored)")
    _published(draft, str(data.get("published") or ""))
    author = clean_author_field(str(data.get("author") or ""))
    if author:
        draft.author = author
    return draft


def _published(draft: Draft, stamp: str) -> None:
    if not stamp.strip():
        return
    day = local_day(stamp, publisher_zone(draft.url))
    if not day:
        draft.warnings.append(
            f"`published` is {stamp[:40]!r}, not an ISO 8601 date: the article is undated"
        )
        draft.date, draft.date_origin = "", ""
        return
    draft.set_date(day, "page", "`published`")
