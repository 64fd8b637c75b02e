"""Step 1 of reading an article's HTML, on the raw markup (BeautifulSoup, no regex on HTML):
read the dates the page states, drop site furniture (share bars, adverts, promotions), take
boxes of links to other stories as related links, turn players into media cards, and
rebuild the publishers' image markup as `<figure><img><figcaption>caption<cite>credit</cite>
</figcaption></figure>`, each figure standing before the paragraph that held it.

Sections: public API, then furniture, then figures, then helpers.
"""

from __future__ import annotations

import re
from datetime import UTC
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import NavigableString

from duizhao.ingest.bylines import BYLINE_MAX, clean_author_field, find_author, split_caption
from duizhao.ingest.curated import cleaning, publisher_zone
from duizhao.ingest.draft import Draft, local_day
from duizhao.ingest.structure import mark_media, only_links
from duizhao.inline import safe_url
from duizhao.record import Link

_DROP_TAGS = (
    "script style iframe noscript object embed video audio form button svg template meta link "
    "nav header footer aside"
).split()
# A paragraph with an image and a caption this short may be the image's caption.
_CAPTION_MAX = 200
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_PARAGRAPH_TEXT = 40  # characters: a paragraph of article text, not a label


def restructure(soup: BeautifulSoup, draft: Draft) -> None:
    _read_stated_date(soup, draft)
    take_related_boxes(soup, draft)
    take_bylines_and_credits(soup, draft)
    take_dek(soup, draft)
    _drop_furniture(soup)
    mark_media(soup, cleaning().video_hosts, draft.url)
    for tag in soup.find_all(_DROP_TAGS):
        if tag.name in ("footer", "aside") and _keeps(tag):
            tag.unwrap()  # an article's own footer or fact box, not the site's
        else:
            tag.decompose()
    for tag in soup.find_all(attrs={"data-e2e": "advertisement"}):  # type: ignore[call-overload]
        tag.decompose()
    for tag in soup.find_all(  # type: ignore[call-overload]
        attrs={"aria-label": re.compile(r"^(广告|廣告|Advertisement)")}
    ):
        tag.decompose()
    for tag in soup.find_all(id="zoomattribute"):
        tag.decompose()
    for img in soup.find_all("img", src=re.compile(r"icon-zoom")):
        img.decompose()
    _bbc_figures(soup)
    _loose_image_figures(soup)
    _drop_rss_footer(soup)


# --- furniture --------------------------------------------------------------------------


def _read_stated_date(soup: BeautifulSoup, draft: Draft) -> None:
    """The page's own date: `<time datetime>` (BBC) or an RFC 2822 date line (VOA feeds)."""
    zone = publisher_zone(draft.url)
    for time in soup.find_all("time"):
        stamp = str(time.get("datetime") or "")
        if _ISO_DAY.match(stamp) and not draft.date:
            day = local_day(stamp, zone) or stamp[:10]
            draft.set_date(day, "page", "the page's <time> element")
        time.decompose()  # "30 分钟前" was true when scraped, not now
    for italic in soup.find_all(["i", "em"], limit=3):
        try:
            when = parsedate_to_datetime(italic.get_text(strip=True))
        except (TypeError, ValueError, IndexError):
            continue
        if not draft.date:
            draft.set_date(when.astimezone(UTC).date().isoformat(), "page", "the page's date")
        holder = (
            italic.parent
            if italic.parent
            and len(italic.parent.get_text(strip=True)) == len(italic.get_text(strip=True))
            else italic
        )
        holder.decompose()


def _class_words(tag: Tag) -> list[str]:
    classes = tag.get("class")
    listed: list[str] = (
        [str(c) for c in classes] if isinstance(classes, list) else [str(classes or "")]
    )
    words = [c.lower() for c in listed if c]
    if tag.get("id"):
        words.append(str(tag.get("id")).lower())
    return words


def _named(tag: Tag, words: tuple[str, ...]) -> bool:
    """A class or id naming one of `words`: the whole name, a part of it between - or _,
    or (for words of five letters or more) anywhere in it (itemSocialSharing)."""
    for name in _class_words(tag):
        parts = set(re.split(r"[-_\s]+", name))
        for word in words:
            if word == name or word in parts or (len(word) >= 5 and word in name):
                return True
    return False


def _keeps(tag: Tag, text_max: int = 0) -> bool:
    """The article body itself (by its itemprop, or holding three paragraphs of text: some
    sites call the body "editor"), or a box with a definition list or table of its own."""
    if tag.get("itemprop") == "articleBody" or tag.find(["dl", "table"]) is not None:
        return True
    if text_max and len(tag.get_text(strip=True)) > text_max:
        return True  # a byline or credit box is a line, not 300 characters
    long_paragraphs = 0
    for paragraph in tag.find_all("p"):
        if len(paragraph.get_text(strip=True)) >= _PARAGRAPH_TEXT:
            long_paragraphs += 1
            if long_paragraphs >= 3:
                return True
    return False


def take_dek(soup: BeautifulSoup, draft: Draft) -> None:
    """The standfirst, when the page marks one by class (lead, teaser, chapo, brief …)."""
    for tag in soup.find_all(["p", "div", "h2", "section"]):
        if tag.decomposed or not _named(tag, cleaning().dek_classes):
            continue
        if tag.find(["p", "div", "figure", "img"]) is not None:
            continue
        text = " ".join(tag.get_text(" ", strip=True).split())
        if 10 <= len(text) <= 300 and (not draft.dek or draft.dek == text):
            draft.dek = text
            tag.decompose()


def _drop_furniture(soup: BeautifulSoup) -> None:
    rules = cleaning()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body", "article", "main"):
            continue
        if _named(tag, rules.furniture_classes) and not _keeps(tag):
            tag.decompose()


def take_bylines_and_credits(soup: BeautifulSoup, draft: Draft) -> None:
    """The article's byline box gives the author; its credit and copyright boxes go to the
    footer. Both leave the body."""
    rules = cleaning()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        byline, credit = _named(tag, rules.byline_classes), _named(tag, rules.credit_classes)
        if not (byline or credit) or _keeps(tag, text_max=BYLINE_MAX):
            continue  # (named first: _keeps reads the whole subtree)
        text = " ".join(tag.get_text(" ", strip=True).split())
        if byline:
            if not draft.author and len(text) <= BYLINE_MAX:
                draft.author = find_author(text) or clean_author_field(text)
            tag.decompose()
        else:
            for phrase in rules.boilerplate:
                text = text.replace(phrase, " ")
            text = " ".join(text.split())
            if any(phrase in text for phrase in rules.not_credits):
                text = ""
            if text and text not in draft.credits:
                draft.credits.append(text)
            tag.decompose()


def take_related_boxes(soup: BeautifulSoup, draft: Draft) -> None:
    """A box of links to other stories: its links become the article's related links."""
    headed = {
        id(heading.parent)
        for heading in soup.find_all(["h2", "h3", "h4"])
        if heading.get_text(strip=True) in cleaning().related_headings
        and heading.parent is not None
        and heading.parent.name not in ("body", "html", "[document]", "article", "main")
    }
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        if not (_named(tag, cleaning().related_classes) or id(tag) in headed) or _keeps(tag):
            continue
        for anchor in tag.find_all("a"):
            text = " ".join(anchor.get_text(" ", strip=True).split())
            url = safe_url(str(anchor.get("href") or ""), draft.url)
            if text and url:
                draft.related.append(Link(text, url))
        tag.decompose()
    for heading in soup.find_all(["h2", "h3", "h4"]):
        following = heading.find_next_sibling()
        text = heading.get_text(strip=True)
        if (
            isinstance(following, Tag)
            and following.name in ("ul", "ol")
            and len(text) < 12
            and only_links(following)
        ):
            heading.decompose()  # "相關新聞" over a list of links: the list becomes related


def _drop_rss_footer(soup: BeautifulSoup) -> None:
    for node in soup.find_all(string=re.compile("RSS")):
        if not isinstance(node, NavigableString) or not node.parent:
            continue
        block = node.parent
        if any(phrase in block.get_text() for phrase in cleaning().boilerplate):
            rule = block.find_previous_sibling("hr")
            if rule is not None:
                rule.decompose()
            block.decompose()


# --- figures ----------------------------------------------------------------------------


def _bbc_figures(soup: BeautifulSoup) -> None:
    """BBC: `div[image-placeholder] > img + p(图像来源，X)` with the caption in the next div."""
    for placeholder in soup.find_all(attrs={"data-e2e": "image-placeholder"}):  # type: ignore[call-overload]
        img = placeholder.find("img")
        credit = ""
        for p in placeholder.find_all("p"):
            credit = (
                p.get_text("", strip=True).removeprefix("图像来源，").removeprefix("圖像來源，")
            )
        holder = placeholder.parent if placeholder.parent else placeholder
        own = holder.find("figcaption") if holder.name == "figure" else None
        if isinstance(own, Tag):  # the caption in the figure itself ("图像加注文字，…")
            text = own.get_text("", strip=True)
            for prefix in ("图像加注文字，", "圖像加註文字，"):
                text = text.removeprefix(prefix)
            holder.replace_with(_figure(soup, img, text, credit))
            continue
        caption_div = holder.find_next_sibling()
        caption = caption_div.find("p") if isinstance(caption_div, Tag) else None
        if caption is not None and len(caption_div.find_all(True)) == 1:
            caption = caption.extract()
            caption_div.decompose()
        else:
            caption = None
        text = caption.get_text(" ", strip=True) if caption is not None else ""
        holder.replace_with(_figure(soup, img, text, credit))
    for player in soup.find_all(attrs={"data-e2e": "media-player"}):  # type: ignore[call-overload]
        caption = player.find_next_sibling("p")
        video = soup.new_tag("figure")
        if caption is not None and caption.get_text(strip=True):
            caption_tag = soup.new_tag("figcaption")
            caption_tag.string = caption.get_text(" ", strip=True)
            video.append(caption_tag)
            caption.decompose()
        player.replace_with(video)


def _loose_image_figures(soup: BeautifulSoup) -> None:
    """An `<img>` outside a figure becomes one, standing before the paragraph that held it.
    Its caption: VOA's next `div > small`; the paragraph's own text when that ends with a
    photo credit (Xinhua); or the next paragraph, when the image stood alone in its own and
    that one is a short caption ending with a credit (Xinhua, 界面)."""
    for img in soup.find_all("img"):
        if img.find_parent("figure"):
            continue
        paragraph = img.find_parent("p")
        caption, credit = "", ""
        after = img.find_next_sibling()
        if isinstance(after, Tag) and after.name in ("div", "p") and after.find("small"):
            small = after.find("small")
            if isinstance(small, Tag) and small.get_text(strip=True) == after.get_text(strip=True):
                caption = small.get_text(" ", strip=True)
                after.decompose()
        if paragraph is None:
            node = _inline_wrapper(img)
            if not caption:
                caption, credit = _adjacent_caption(node)
            figure = _figure(soup, img, caption, credit)
            node.replace_with(figure)  # the <a> around the image goes with it
            continue
        img.extract()
        if not caption:
            caption, credit = _paragraph_caption(paragraph)
        paragraph.insert_before(_figure(soup, img, caption, credit))
        if not paragraph.get_text(strip=True) and paragraph.find("img") is None:
            paragraph.decompose()


def _paragraph_caption(paragraph: Tag) -> tuple[str, str]:
    """The caption of an image that stood in `paragraph`, taken out of the text it is."""
    text = paragraph.get_text(" ", strip=True)
    if text:
        caption, credit = _caption_and_credit(text)
        if credit:
            paragraph.clear()
        return caption, credit
    following = paragraph.find_next_sibling()
    if isinstance(following, Tag) and following.name == "p" and following.find("img") is None:
        caption, credit = _caption_and_credit(following.get_text(" ", strip=True))
        if credit:
            following.decompose()
            return caption, credit
    return "", ""


def _inline_wrapper(img: Tag) -> Tag:
    """The image, or the link or span around it that holds nothing else."""
    node: Tag = img
    while (
        node.parent is not None
        and node.parent.name in ("a", "span", "picture")
        and not node.parent.get_text(strip=True)
    ):
        node = node.parent
    return node


def _adjacent_caption(node: Tag) -> tuple[str, str]:
    """A caption standing next to an image outside any paragraph: the short paragraph after
    it in the same small box (`<div class=photo><a><img></a><p>caption（美聯社）</p></div>`),
    taken when it ends with a photo credit or the box holds nothing else."""
    following = node.find_next_sibling()
    if not isinstance(following, Tag) or following.name not in ("p", "span", "div", "small"):
        return "", ""
    if following.find(["img", "p", "div", "figure"]) is not None:
        return "", ""
    text = " ".join(following.get_text(" ", strip=True).split())
    caption, credit = _caption_and_credit(text)
    box = node.parent
    alone = (
        isinstance(box, Tag)
        and box.name == "div"
        and len(box.find_all(True, recursive=False)) == 2
        and len(text) <= _CAPTION_MAX // 2
    )
    if credit or (alone and text):
        following.decompose()
        return (caption, credit) if credit else (text, "")
    return "", ""


def _caption_and_credit(text: str) -> tuple[str, str]:
    if not text or len(text) > _CAPTION_MAX:
        return "", ""
    caption, credit = split_caption(text)
    return (caption, credit) if credit else ("", "")


def _figure(soup: BeautifulSoup, img: Tag | None, caption: str, credit: str) -> Tag:
    figure = soup.new_tag("figure")
    if img is not None:
        new_img = soup.new_tag("img", src=original_image(str(img.get("src") or "")))
        new_img["alt"] = str(img.get("alt") or "")
        figure.append(new_img)
    if caption or credit:
        figcaption = soup.new_tag("figcaption")
        figcaption.append(caption)
        if credit:
            cite = soup.new_tag("cite")
            cite.string = credit
            figcaption.append(cite)
        figure.append(figcaption)
    return figure


def original_image(src: str) -> str:
    """Unwrap image-proxy URLs the scraper added (images.weserv.nl/?url=host/path)."""
    parts = urlsplit(src)
    query = parse_qs(parts.query)
    if parts.hostname == "images.weserv.nl":
        inner = query.get("url", [""])[0]
        if inner:
            return inner if "://" in inner else "https://" + inner
    for key in ("u", "url"):  # photo.php?u=https://…/31800001.jpg&x=0 (UDN's resizer)
        inner = query.get(key, [""])[0]
        if inner.startswith(("http://", "https://")):
            return inner
    return src
