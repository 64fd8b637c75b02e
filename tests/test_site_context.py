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


def test_the_toggle_names_come_from_the_palette_options() -> None:
    assert context.palette_toggle_names(PALETTE) == ["切换到深色模式", "切换到浅色模式"]
    # One option (a mapping) has no toggle; an option without one is skipped.
    assert context.palette_toggle_names(PALETTE[0]) == []
    assert context.palette_toggle_names(None) == []
    assert context.palette_toggle_names([{"scheme": "default"}, PALETTE[1]]) == ["切换到浅色模式"]


def test_each_variant_gets_the_toggle_names_in_its_script() -> None:
    names = context.palette_toggle_names(PALETTE)
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
            palette_names=names,
        )
        converted[tag] = page["palette_names"]
    assert converted["zh-Hans"] == {name: name for name in names}
    assert converted["zh-TW"] == {
        "切换到深色模式": "切換到深色模式",
        "切换到浅色模式": "切換到淺色模式",
    }
    assert converted["zh-HK"]["切换到浅色模式"] == "切換到淺色模式"
    # The English mode names each button by the scheme it switches to.
    english = context.ENGLISH_INTERFACE["palette"]
    assert set(english) == {option["scheme"] for option in PALETTE}
