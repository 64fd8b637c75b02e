"""How our stylesheets reach a page: one file.

Pages link `SITE_STYLESHEET` only: the variants' font rules the build writes
(`context.variant_stylesheet`), then the hand-written stylesheets in docs/
(`STYLESHEET_PARTS`), whole and in that order. Each stylesheet in <head> is a request the
first paint waits for; four became one (issue 14). The hand-written files are not published
on their own.
"""

from __future__ import annotations

from collections.abc import Iterable

SITE_STYLESHEET = "assets/stylesheets/duizhao-site.css"
STYLESHEET_PARTS = (
    "assets/stylesheets/duizhao.css",
    "assets/stylesheets/duizhao-search.css",
    "assets/stylesheets/duizhao-learner.css",
)


def site_stylesheet(variant_rules: str, parts: Iterable[tuple[str, str]]) -> str:
    """The one stylesheet pages link: the variants' rules, then each (name, text) part whole,
    each under a comment naming its source file."""
    sections = [variant_rules.rstrip("\n")]
    for name, text in parts:
        sections.append(f"/* --- {name} --- */\n{text.strip()}")
    return "\n\n".join(sections) + "\n"
