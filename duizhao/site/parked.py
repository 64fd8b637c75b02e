"""Pages' HTML kept compressed while it waits to be written.

MkDocs renders every page's Markdown before it writes any page (mkdocs/commands/build.py:
every page is populated, then every page is built), so a build holds the HTML of all its
pages at once. Ours are four variants of every article: at 1,000 articles the HTML alone was
179 MB and the Markdown 56 MB of a 790 MB build (tracemalloc, BENCHMARKS.md), and both grow
with the site. Compressed with zlib's fastest level, HTML takes under a third of its UTF-8
size (the 1,000-article site's pages: 199 MB to 60 MB, in 3.5 s of CPU, 1.7 s back); it is
unpacked just before its page's template renders.
"""

from __future__ import annotations

import zlib


class ParkedPages:
    """HTML by page key (a source path), compressed until taken back, once."""

    def __init__(self) -> None:
        self._pages: dict[str, bytes] = {}

    def park(self, key: str, html: str) -> None:
        # surrogatepass: a lone surrogate that reached a page comes back as it went in
        self._pages[key] = zlib.compress(html.encode("utf-8", "surrogatepass"), 1)

    def take(self, key: str) -> str | None:
        """The page's HTML, forgotten here; None if it was never parked (or taken)."""
        packed = self._pages.pop(key, None)
        if packed is None:
            return None
        return zlib.decompress(packed).decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return len(self._pages)

    @property
    def nbytes(self) -> int:
        return sum(len(packed) for packed in self._pages.values())
