"""End to end: the real seeds, converted into a temporary project, built with --strict."""

from __future__ import annotations

import gzip
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from conftest import ROOT, SEEDS, make_project, strict_build

from duizhao.site import assets
from duizhao.variants import all_variants

SLUGS = [
    "000-eeb5d0b4dd56e50b",
    "001-da52852a1bd2a4ae",
    "002-432d27decd9e6001",
    "003-7ced30145b9de00e",
    "004-2cee1c3ee14bd78d",
]


class _Collector(HTMLParser):
    """Collects the tags of a page with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = _Collector()
    collector.feed(html)
    return collector.tags


def article_html(project: Path, slug: str, folder: str = "zh-hans") -> str:
    path = project / "site" / folder / "articles" / slug / "index.html"
    return path.read_text(encoding="utf-8")


VARIANT_FOLDERS = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant", "zh-tw": "zh-TW", "zh-hk": "zh-HK"}


def test_every_page_exists_in_every_variant_with_its_lang(built_site: Path) -> None:
    for folder, tag in VARIANT_FOLDERS.items():
        for page in ["", "tags/", *(f"articles/{slug}/" for slug in SLUGS)]:
            html = (built_site / "site" / folder / page / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{tag}"' in html, (folder, page)
        for slug in SLUGS:
            html = article_html(built_site, slug, folder)
            assert re.search(r'<h1 class="dz-zh-title" id="title">[^<]+', html)


def test_no_markdown_syntax_leaks_into_pages(built_site: Path) -> None:
    """Attribute lists and escapes are ours: none may show up as text on a page."""
    for page in (built_site / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "{: " not in html and "{ #" not in html, page


def test_home_lists_articles_newest_first(built_site: Path) -> None:
    html = (built_site / "site/zh-hans/index.html").read_text(encoding="utf-8")
    order = [
        html.index(f"articles/{slug}/")
        for slug in ("003-7ced30145b9de00e", "002-432d27decd9e6001", "001-da52852a1bd2a4ae")
    ]
    assert order == sorted(order)  # 2025, then 2021, then undated
    assert "美国之音" in html and "2025年2月24日" in html and "约 4 分钟" in html
    assert "#中俄关系" in html


def test_article_page_shows_metadata_related_and_credits(built_site: Path) -> None:
    html = article_html(built_site, "004-2cee1c3ee14bd78d")
    # The publisher as the page writes it, and its English name (data/publishers.yaml).
    assert '<span class="dz-source"><span class="dz-ui-zh">自由亚洲电台</span>' in html
    assert '<span class="dz-ui-en" lang="en">Radio Free Asia</span></span>' in html
    assert (
        '<span class="dz-author"><span class="dz-ui-zh">作者</span>'
        '<span class="dz-ui-en" lang="en">By</span> 吕熙</span>'
    ) in html
    assert (
        '<time class="dz-date" datetime="2021-12-15"><span class="dz-ui-zh">2021年12月15日</span>'
        '<span class="dz-ui-en" lang="en">15 December 2021</span></time>'
    ) in html
    assert (
        'href="https://www.rfa.org/mandarin/yataibaodao/junshiwaijiao/al-12152021134711.html"'
        in html
    )
    assert 'id="related"' in html and "习近平与普京会谈 涉及冬奥、区域安全等事务" in html
    assert '<footer class="dz-credits"' in html and "责编：嘉远" in html


def test_tags_page_lists_the_hashtags(built_site: Path) -> None:
    html = (built_site / "site/zh-hans/tags/index.html").read_text(encoding="utf-8")
    for tag in ("中俄关系", "今日俄罗斯", "中俄合作", "普京", "中国外交"):
        assert f"#{tag}" in html
    assert 'href="../articles/001-da52852a1bd2a4ae/"' in html
    tw = (built_site / "site/zh-tw/tags/index.html").read_text(encoding="utf-8")
    assert "#中俄關係" in tw and "#普丁" in tw  # tags are converted with the article


def test_photos_wait_for_the_reader(built_site: Path) -> None:
    """No publisher's photo is in a page as an <img>: a box names its host and loads it on
    request (tests/test_browser.py clicks it), without a referrer."""
    pages = [tags_of(article_html(built_site, slug)) for slug in SLUGS]
    assert not [a for page in pages for tag, a in page if tag == "img" and a.get("src")]
    boxes = [a for page in pages for tag, a in page if "dz-photo" in str(a.get("class", ""))]
    boxes = [a for a in boxes if a.get("class") == "dz-photo"]
    assert len(boxes) == 4  # BBC 1, VOA 1, RFA 2 (Initium's photos are captions only)
    assert all(str(a["data-dz-src"]).startswith("https://") for a in boxes)
    links = [a for page in pages for tag, a in page if a.get("class") == "dz-photo__load"]
    assert len(links) == 4 and all(a.get("referrerpolicy") == "no-referrer" for a in links)


def test_no_third_party_request_but_article_images(built_site: Path) -> None:
    """Scripts, styles and fonts are the site's own: no Google Fonts, no CDN."""
    for page in (built_site / "site").rglob("*.html"):
        for tag, attrs in tags_of(page.read_text(encoding="utf-8")):
            if tag == "link" and attrs.get("rel") == "stylesheet":
                assert not str(attrs.get("href", "")).startswith(("http:", "https:", "//"))
            if tag == "script" and attrs.get("src"):
                assert not str(attrs["src"]).startswith(("http:", "https:", "//"))
    css = (built_site / "site/assets/stylesheets/duizhao-site.css").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in css


def test_our_stylesheets_are_one_file_and_the_early_script_is_inline(built_site: Path) -> None:
    """Fewer requests before the first paint (issue 14): one stylesheet of ours, holding the
    variants' rules and each hand-written stylesheet whole, and no early script file."""
    site = built_site / "site"
    bundle = (site / assets.SITE_STYLESHEET).read_text(encoding="utf-8")
    for name in assets.STYLESHEET_PARTS:
        assert (ROOT / "docs" / name).read_text(encoding="utf-8").strip() in bundle
        assert not (site / name).exists()  # published inside the one file only
    for each in all_variants():
        assert f"html:lang({each.tag}) {{ --md-text-font:" in bundle
    for page in (site / "zh-hans/glossary/index.html", site / "404.html"):
        tags = tags_of(page.read_text(encoding="utf-8"))
        sheets = [str(a["href"]) for t, a in tags if t == "link" and a.get("rel") == "stylesheet"]
        ours = [href for href in sheets if "/duizhao" in href]
        assert len(ours) == 1 and ours[0].endswith(assets.SITE_STYLESHEET), sheets
        sources = [str(a["src"]) for t, a in tags if t == "script" and a.get("src")]
        assert not [src for src in sources if "early" in src]
    assert 'classList.add("dz-mode-" + mode, "dz-js")' in article_html(built_site, SLUGS[2])


def test_every_page_runs_the_colour_toggle_itself(built_site: Path) -> None:
    """Material's toggle markup on every page, marked for duizhao-palette.js and not for
    Material's bundle.js (which would restyle the whole page twice on load), with our inline
    script right after it and not Material's."""
    site = built_site / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'data-md-component="palette"' not in html, page
        assert html.count('<form class="md-header__option" data-dz-palette>') == 1, page
        toggle = html.index("data-dz-palette")
        assert html.index("window.dzPalette = (function") > toggle, page
        assert html.index("window.dzPalette = (function") < html.index('class="md-container"')
        assert 'var palette=__md_get("__palette")' not in html, page  # Material's inline
        assert html.count('name="__palette"') == 2, page  # the two options of mkdocs.yml
        # The buttons' names in the page's script (mkdocs.yml has them in Simplified).
        variant = page.relative_to(site).parts[0]
        if variant in ("zh-hant", "zh-tw", "zh-hk"):
            assert 'title="切換到深色模式" data-dz-en-title="Switch to dark mode"' in html, page
            assert "切换" not in html, page
        elif variant == "zh-hans":
            assert 'title="切换到深色模式"' in html, page
    # Colours change at once when a reader switches: the class the script sets within the
    # click, and the rule for it in the one stylesheet.
    assert 'classList.add("dz-switching")' in article_html(built_site, SLUGS[0])
    stylesheet = (site / assets.SITE_STYLESHEET).read_text(encoding="utf-8")
    assert ".dz-switching *," in stylesheet and "transition-duration: 0s !important" in stylesheet


def test_pages_point_at_their_siblings_and_search_scope(built_site: Path) -> None:
    html = article_html(built_site, "002-432d27decd9e6001", "zh-tw")
    # One <link rel="alternate"> only, the variant's feed: Material fetches a sitemap beside
    # each such link, and beside the feed is the variant's sitemap, which it fetches anyway.
    alternates = re.findall(r'<link rel="alternate"[^>]*>', html)
    assert len(alternates) == 1 and 'type="application/atom+xml" href="../../feed.xml"' in html
    for folder, tag in VARIANT_FOLDERS.items():
        href = "./" if folder == "zh-tw" else f"../../../{folder}/articles/002-432d27decd9e6001/"
        assert f'href="{href}" hreflang="{tag}"' in html  # the toggle: plain links
    assert 'data-dz-terms="zh-tw/search/"' in html  # search reads zh-TW's query dictionary
    assert 'aria-current="page"' in html and "臺灣正體" in html
    assert "<title>習近平普丁視訊峰會三大看點" in html  # converted title, zh-TW vocabulary
    assert "- 對照 · 中文新聞</title>" in html


def test_interface_strings_follow_the_variant(built_site: Path) -> None:
    hans = article_html(built_site, "002-432d27decd9e6001", "zh-hans")
    tw = article_html(built_site, "002-432d27decd9e6001", "zh-tw")
    assert 'placeholder="搜索文章' in hans and 'placeholder="搜尋文章' in tw  # the search box
    assert "相关链接" in hans and "相關連結" in tw  # ours, converted
    # Block ids (anchors) are identical across variants.
    ids = re.compile(r'id="([phlqf]-[0-9a-f]{8}(?:-\d+)?)"')
    assert ids.findall(hans) == ids.findall(tw) and len(ids.findall(hans)) > 30


def test_sitemap_lists_every_variant_with_its_alternates(built_site: Path) -> None:
    site = built_site / "site"
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
                  "x": "http://www.w3.org/1999/xhtml"}  # fmt: skip
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=namespaces): u for u in root}
    slug = "004-2cee1c3ee14bd78d"
    for folder in VARIANT_FOLDERS:
        url = urls[f"http://127.0.0.1:8000/{folder}/articles/{slug}/"]
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", namespaces)
        }
        assert alternates == {
            **{
                tag: f"http://127.0.0.1:8000/{other}/articles/{slug}/"
                for other, tag in VARIANT_FOLDERS.items()
            },
            "x-default": f"http://127.0.0.1:8000/zh-hans/articles/{slug}/",
        }
        # Material fetches sitemap.xml from the variant's search scope: it exists, and lists
        # that variant's pages only.
        own = ElementTree.parse(site / folder / "sitemap.xml").getroot()
        locations = [u.findtext("s:loc", namespaces=namespaces) for u in own]
        assert locations and all(f"/{folder}/" in loc for loc in locations)
    with gzip.open(site / "sitemap.xml.gz") as packed:
        assert packed.read() == (site / "sitemap.xml").read_bytes()


def test_generated_pages_are_not_in_the_repository_docs() -> None:
    """git itself says so, for every variant's folder and the state, not for the assets."""
    root = Path(__file__).resolve().parents[1]
    generated = ["docs/index.md", "docs/.duizhao/manifest.json", "docs/zh-mo/index.md"]
    generated += [f"docs/{v.path}/articles/x.md" for v in all_variants()]
    kept = ["docs/assets/javascripts/duizhao.js", "docs/assets/stylesheets/duizhao.css"]

    def ignored(path: str) -> bool:
        done = subprocess.run(["git", "check-ignore", "-q", path], cwd=root, check=False)
        return done.returncode == 0

    assert all(ignored(path) for path in generated)
    assert not any(ignored(path) for path in kept)


def test_a_bad_seed_fails_the_strict_build_naming_it(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed in SEEDS.iterdir():
        (seeds / seed.name).write_bytes(seed.read_bytes())
    (seeds / "empty.txt").write_bytes(b"")
    project = make_project(tmp_path / "project")
    result = strict_build(project, seeds)
    assert result.returncode != 0
    assert "seed failed:" in result.stderr and "empty.txt: empty file" in result.stderr
    # The other articles were still converted before the strict check stopped the build.
    assert len(list((project / "docs/zh-hans/articles").glob("*.md"))) == 5


def test_copied_material_partials_match_the_installed_material() -> None:
    """Our copies of Material's partials name the file they were copied from by its hash: a
    Material upgrade that changes it must be looked at (re-copy, re-apply our changes)."""
    import hashlib

    import material

    root = Path(__file__).resolve().parents[1]
    installed = Path(material.__file__).parent / "templates" / "partials"
    copies = [p for p in (root / "overrides" / "partials").glob("*.html") if "A copy of" in
              p.read_text(encoding="utf-8")]  # fmt: skip
    assert {p.name for p in copies} == {"header.html", "nav.html"}
    for copy in copies:
        recorded = re.search(r"sha256 ([0-9a-f]{64})", copy.read_text(encoding="utf-8"))
        assert recorded, copy
        actual = hashlib.sha256((installed / copy.name).read_bytes()).hexdigest()
        assert actual == recorded.group(1), (
            f"Material's partials/{copy.name} changed: compare, re-copy and re-apply our changes"
        )
