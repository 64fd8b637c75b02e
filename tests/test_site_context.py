"""What templates know of a page (duizhao.site.context): the light/dark toggle's names."""

from __future__ import annotations

from duizhao.site import context
from duizhao.variants import variant

# mkdocs.yml's theme.palette as MkDocs hands it over.
PALETTE = [
    {
        "media": "(prefers-color-scheme: light)",
        "scheme": "default",
        "toggle": {"icon": "material/weather-night", "name": "切换到深色模式"},
    },
    {
        "media": "(prefers-color-scheme: dark)",
        "scheme": "slate",
        "toggle": {"icon": "material/weather-sunny", "name": "切换到浅色模式"},
    },
]


def test_each_toggle_is_named_with_the_scheme_it_switches_to() -> None:
    assert context.palette_toggles(PALETTE) == [
        ("切换到深色模式", "slate"),
        ("切换到浅色模式", "default"),
    ]
    # One option (a mapping) has no toggle; an option without one is skipped.
    assert context.palette_toggles(PALETTE[0]) == []
    assert context.palette_toggles(None) == []
    assert context.palette_toggles([{"scheme": "default"}, PALETTE[1]]) == [
        ("切换到浅色模式", "default")
    ]


def test_each_variant_gets_the_toggle_names_in_its_script_and_in_english() -> None:
    toggles = context.palette_toggles(PALETTE)
    converted = {}
    for tag in ("zh-Hans", "zh-TW", "zh-HK"):
        current = variant(tag)
        page = context.page_context(
            f"{current.path}/glossary/",
            current,
            is_article=False,
            site_name="对照 · 中文新闻",
            site_url="",
            relative=lambda target, here: target,
            palette_toggles=toggles,
        )
        converted[tag] = page["palette_names"]
    assert {k: v["local"] for k, v in converted["zh-Hans"].items()} == {
        name: name for name, _ in toggles
    }
    assert converted["zh-TW"] == {
        "切换到深色模式": {"local": "切換到深色模式", "english": "Switch to dark mode"},
        "切换到浅色模式": {"local": "切換到淺色模式", "english": "Switch to light mode"},
    }
    assert converted["zh-HK"]["切换到浅色模式"]["local"] == "切換到淺色模式"
