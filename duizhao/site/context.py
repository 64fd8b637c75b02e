"""What the templates know about a page of a script variant: `dz` in their context.

Every generated page lives under its variant's folder (zh-hans/, zh-hant/, zh-tw/, zh-hk/)
with the same path below it, so a page's siblings are found by swapping the first segment.
The templates (overrides/) and the browser script read the variant list from here and from
the stylesheet the build writes (`variant_stylesheet`, in duizhao.site.assets' one file),
never from a list of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from duizhao import settings
from duizhao.site.pages import LABELS, READING_MODES
from duizhao.variants import Variant, localize, variant

# (target URL, URL of the page it is linked from) -> the relative link: MkDocs' own rule
# (mkdocs.utils.get_relative_url), handed in by the hook.
Relative = Callable[[str, str], str]

# The toggle's name for screen readers, in Simplified; each variant converts it.
TOGGLE_LABEL = "文字版本"
# The pages of each variant's navigation, under its folder.
NAV_PAGES = ("index", "tags", "glossary", "words")
# The interface in the English reading mode: the site's name, and the navigation's pages by
# their file name (index, tags, glossary); Material's own words come from its English strings.
ENGLISH_INTERFACE = {
    "lang": "en",
    "site_name": "Duìzhào · Chinese news side by side",
    "nav": {"index": "Home", "tags": "Tags", "glossary": "Glossary"},
    # Names of our own parts of the page (pages.LABELS in Chinese).
    "modes": "Reading mode",
    "variants": "Chinese script",
    "credits": "Copyright and credits",
}

# The light/dark toggle's English name by the scheme it switches to (Material's two schemes);
# the Chinese names are mkdocs.yml's `theme.palette`; the header writes both.
PALETTE_ENGLISH = {"slate": "Switch to dark mode", "default": "Switch to light mode"}

# System CJK fonts per glyph standard (theme.font is off: no web fonts, no third party).
FONT_STACKS = {
    "sc": '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
    '"Microsoft YaHei", system-ui, sans-serif',
    "tc": '"Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", '
    "system-ui, sans-serif",
    "hk": '"Noto Sans CJK HK", "Source Han Sans HC", "PingFang HK", "Microsoft JhengHei", '
    "system-ui, sans-serif",
}


@dataclass(frozen=True)
class Sibling:
    tag: str
    path: str
    short: str
    name: str
    current: bool
    href: str  # relative to the page
    absolute: str


def variant_of(src_uri: str) -> Variant | None:
    """The published variant a page belongs to (by its folder), or None (site root, 404)."""
    first = src_uri.split("/", 1)[0]
    for tag in settings.published():
        if variant(tag).path == first:
            return variant(tag)
    return None


def nav_page_paths(current: Variant) -> list[str]:
    """The source paths of a variant's navigation: home, tags, glossary."""
    return [f"{current.path}/{name}.md" for name in NAV_PAGES]


def page_context(
    url: str,
    current: Variant,
    *,
    is_article: bool,
    site_name: str,
    site_url: str,
    relative: Relative,
    palette_toggles: Iterable[tuple[str, str]] = (),
) -> dict[str, Any]:
    """`dz` for one page: its variant, its siblings in the other variants, the home link,
    the reading modes (articles only) and interface words in the variant's script, the
    light/dark toggle's names (`palette_toggles`, Simplified) among them, each with its
    English."""
    below = url[len(current.path) + 1 :]  # the same path under every variant folder
    say = localize.labeller(current.tag)
    home = relative(f"{current.path}/", url)
    siblings = []
    for tag in settings.published():
        sibling = variant(tag)
        target = f"{sibling.path}/{below}"
        siblings.append(
            Sibling(
                tag=sibling.tag,
                path=sibling.path,
                short=sibling.short,
                name=sibling.name,
                current=sibling == current,
                href=relative(target, url),
                absolute=urljoin(site_url or "/", target),
            )
        )
    return {
        "variant": current,
        "siblings": siblings,
        "home": home,
        "base": home,
        "label": say(TOGGLE_LABEL),
        "site_name": say(site_name),
        "modes": reading_modes(current) if is_article else [],
        "modes_label": say(LABELS["modes"]),
        "english": ENGLISH_INTERFACE,
        "palette_names": {
            name: {"local": say(name), "english": PALETTE_ENGLISH.get(scheme, "")}
            for name, scheme in palette_toggles
        },
    }


def palette_toggles(palette: Any) -> list[tuple[str, str]]:
    """The light/dark toggle's buttons in mkdocs.yml's `theme.palette` (a list of options;
    one option, a mapping, has no toggle): each button's name and the scheme it switches to,
    the next option's (Material's partials/palette.html)."""
    if not isinstance(palette, list):
        return []
    toggles = []
    for index, option in enumerate(palette):
        toggle = option.get("toggle") if isinstance(option, dict) else None
        if isinstance(toggle, dict) and toggle.get("name"):
            following = palette[(index + 1) % len(palette)]
            scheme = following.get("scheme", "default") if isinstance(following, dict) else ""
            toggles.append((str(toggle["name"]), str(scheme)))
    return toggles


def reading_modes(current: Variant) -> list[dict[str, str]]:
    """中文 · 对照 · English, for article pages, in the variant's script."""
    say = localize.labeller(current.tag)
    return [
        {"mode": mode, "label": say(label), "short": say(short)}
        for mode, label, short in READING_MODES
    ]


def sitemap_alternates(url: str, site_url: str) -> dict[str, str]:
    """hreflang -> absolute URL of each variant of a variant page (and x-default)."""
    current = variant_of(url)
    if current is None:
        return {}
    below = url[len(current.path) + 1 :]
    alternates = {
        tag: urljoin(site_url or "/", f"{variant(tag).path}/{below}")
        for tag in settings.published()
    }
    alternates["x-default"] = alternates[settings.published()[0]]
    return alternates


def variant_stylesheet(variants: Iterable[Variant]) -> str:
    """Each variant's pages in fonts of its glyph standard, chosen by <html lang>.

    `html:lang(…)`, not `:lang(…)`: the font is taken where Material computes
    `--md-text-font-family` (on <body>, from what <html> passes down), so only <html> needs
    the rule. A bare `:lang(…)` is tried on every element at every style recalculation and
    sets the property on each: on the glossary, a tenth of Chromium's selector-matching time
    (its selector statistics, issue 14)."""
    rules = [
        "/* Written by the build from data/variants/variants.yaml: do not edit. */",
        f":root {{ --md-text-font: {FONT_STACKS['sc']}; }}",
    ]
    for position, each in enumerate(variants, 1):
        rules.append(f"html:lang({each.tag}) {{ --md-text-font: {FONT_STACKS[each.glyphs]}; }}")
        # The toggle lists the current variant first (for the phone's menu); the eye reads
        # them in the catalogue's order.
        rules.append(f'.dz-variants__link[data-dz-variant="{each.path}"] {{ order: {position}; }}')
    return "\n".join(rules) + "\n"
