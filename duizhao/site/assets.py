"""How our stylesheets reach a page: one file, and Material's palette without its cost at load.

**One stylesheet.** Pages link `SITE_STYLESHEET` only: the variants' font rules the build
writes (`context.variant_stylesheet`), then the hand-written stylesheets in docs/
(`STYLESHEET_PARTS`), whole and in that order. Each stylesheet in <head> is a request the
first paint waits for; four became one (issue 14). The hand-written files are not published
on their own.

**Material's palette.** On every page load Material's palette script sets
`data-md-color-switching` on <body>, reads the header's computed colour, and removes the
attribute again; its palette stylesheet turns every transition off under that attribute
(`[data-md-color-switching] *`), so each of those steps restyles every element of the page:
on the glossary three full style recalculations, the largest single cost of its load in a
Lighthouse trace. The build drops that one rule (`without_switching_rule`), and duizhao.js
does its work with a class of its own (`dz-switching`, below) set only while a reader
switches scheme, so colours still change at once, without a fade.
"""

from __future__ import annotations

from collections.abc import Iterable

SITE_STYLESHEET = "assets/stylesheets/duizhao-site.css"
STYLESHEET_PARTS = (
    "assets/stylesheets/duizhao.css",
    "assets/stylesheets/duizhao-search.css",
    "assets/stylesheets/duizhao-learner.css",
)
# Material 9's palette stylesheet (assets/stylesheets/palette.<hash>.min.css), this rule as
# it is written there, and ours in its place.
PALETTE_PREFIX = "assets/stylesheets/palette."
SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)
OUR_SWITCHING_RULE = (
    ".dz-switching *,.dz-switching :after,.dz-switching :before"
    "{transition-duration:0s!important}"
)


class AssetError(Exception):
    """Material's stylesheet is not as this module expects (a new Material release)."""


def site_stylesheet(variant_rules: str, parts: Iterable[tuple[str, str]]) -> str:
    """The one stylesheet pages link: the variants' rules, then each (name, text) part whole,
    each under a comment naming its source file."""
    sections = [variant_rules.rstrip("\n")]
    for name, text in parts:
        sections.append(f"/* --- {name} --- */\n{text.strip()}")
    return "\n\n".join(sections) + "\n"


def without_switching_rule(palette_css: str) -> str:
    """Material's palette stylesheet with its transition rule keyed to a class of ours."""
    if palette_css.count(SWITCHING_RULE) != 1:
        raise AssetError(
            "Material's palette stylesheet no longer has its [data-md-color-switching] rule "
            "as duizhao.site.assets knows it: check what the new release does on page load"
        )
    return palette_css.replace(SWITCHING_RULE, OUR_SWITCHING_RULE)
