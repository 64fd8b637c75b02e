"""Pages' HTML kept compressed, on disk, while it waits to be written.

MkDocs renders every page's Markdown before it writes any page (mkdocs/commands/build.py:
every page is populated, then every page is built), so a build holds the HTML of all its
pages at once. Ours are four variants of every article: at 1,000 articles the HTML alone was
179 MB and the Markdown 56 MB of a 790 MB build (tracemalloc, BENCHMARKS.md), and both grow
with the site. Compressed with zlib's fastest level, HTML takes under a third of its UTF-8
size (the 1,000-article site's pages: 199 MB to 60 MB, in 3.5 s of CPU, 1.7 s back), but a
third of 10,000 articles' pages is still about 600 MB: so the compressed pages wait in an
unnamed temporary file (the operating system's to cache or not), each unpacked just before
its page's template renders. The file has no name from the start, so it is gone with the
process however the build ends, and it is emptied once every page is taken back.
"""

from __future__ import annotations

import os
import tempfile
import zlib
from typing import IO


class ParkedPages:
    """HTML by page key (a source path), compressed in a temporary file until taken back,
    once. `folder`: where the file goes (the system's temporary folder unless given)."""

    def __init__(self, folder: str | None = None) -> None:
        self._folder = folder
        self._file: IO[bytes] | None = None  # made on the first page parked
        self._where: dict[str, tuple[int, int]] = {}  # key -> (offset, length) in the file
        self._end = 0

    def park(self, key: str, html: str) -> None:
        # surrogatepass: a lone surrogate that reached a page comes back as it went in
        packed = zlib.compress(html.encode("utf-8", "surrogatepass"), 1)
        if self._file is None:
            self._file = tempfile.TemporaryFile(dir=self._folder)
        written = os.pwrite(self._file.fileno(), packed, self._end)
        if written != len(packed):  # a full disk writes short without raising
            raise OSError(f"parked pages: {written} of {len(packed)} bytes written (disk full?)")
        self._where[key] = (self._end, len(packed))
        self._end += len(packed)

    def take(self, key: str) -> str | None:
        """The page's HTML, forgotten here; None if it was never parked (or taken)."""
        where = self._where.pop(key, None)
        if where is None or self._file is None:
            return None
        offset, length = where
        packed = os.pread(self._file.fileno(), length, offset)
        if not self._where:  # every page taken: the file's space goes back to the disk
            self._file.truncate(0)
            self._end = 0
        return zlib.decompress(packed).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._where.clear()
        self._end = 0

    def __len__(self) -> int:
        return len(self._where)

    @property
    def nbytes(self) -> int:
        """Compressed bytes waiting in the file."""
        return sum(length for _, length in self._where.values())

    @property
    def file_bytes(self) -> int:
        """The temporary file's size (0 before the first page, and once all are taken)."""
        return os.fstat(self._file.fileno()).st_size if self._file is not None else 0
