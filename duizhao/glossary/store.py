"""The build's glossary: made from the published records once, then reused until they change.

`build_glossary` reads every article (jieba, CC-CEDICT): seconds for a large corpus. What it
depends on is small to check: the pipeline's manifest (it changes whenever a record does),
the curated glossary, the translation memory, the variant tables and the code of every
module of this package. Their digest keys two caches: this process's last glossary
(`mkdocs serve` rebuilds) and docs/.duizhao/glossary.json (the next `mkdocs build`). On a
hit no record is read.

Sections: public API, then the cache file, then helpers.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from duizhao import variants
from duizhao.english.memory import MEMORY_DIR, Memory
from duizhao.files import write_if_changed
from duizhao.glossary import CURATED, Glossary, Occurrence, Term, build_glossary, nametable
from duizhao.pipeline import STATE_DIR, load_records
from duizhao.record import Article

CACHE_FILE = "glossary.json"
NAMES_FILE = "glossary-names.json"  # what jieba found per text: rebuilds cut only new text
FORMAT = 3  # bump when the cache file's layout changes
# The glossary package's code is hashed into the key, every module of it: a change in any
# one (a rule, a word list) can change the glossary.
GLOSSARY_DIR = Path(__file__).parent


@dataclass(frozen=True)
class ArticleInfo:
    """What glossary pages need of an article besides its terms."""

    slug: str
    title: str  # in the article's own script
    script: str  # hans | hant | tw | hk: to put titles and snippets into a variant
    english_title: str = ""  # from the translation memory, for the English reading mode


@dataclass(frozen=True)
class Corpus:
    """The glossary of the published articles, and those articles."""

    glossary: Glossary
    articles: dict[str, ArticleInfo]
    digest: str
    _titles: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)

    def title(self, slug: str, tag: str) -> str:
        """The article's title in variant `tag` (converted once: pages ask many times)."""
        key = (slug, tag)
        if key not in self._titles:
            info = self.articles[slug]
            self._titles[key] = variants.convert(info.title, tag, info.script)
        return self._titles[key]

    def snippet(self, occurrence: Occurrence, tag: str) -> str:
        return variants.convert(occurrence.snippet, tag, self.articles[occurrence.slug].script)


_last: dict[str, Corpus] = {}  # digest -> corpus: this process's previous build


def load(docs_dir: Path, curated: Path | None = CURATED, memory_path: Path | None = None) -> Corpus:
    """The glossary of the articles published under `docs_dir` (see the module doc)."""
    docs_dir = Path(docs_dir)
    memory_path = memory_path or MEMORY_DIR / "en.jsonl"
    key = _digest(docs_dir, curated, memory_path)
    if key in _last:
        return _last[key]
    cache = docs_dir / STATE_DIR / CACHE_FILE
    corpus = _read_cache(cache, key)
    if corpus is None:
        articles = load_records(docs_dir)
        names = _read_json(docs_dir / STATE_DIR / NAMES_FILE)
        memory = Memory.load(memory_path)
        glossary = build_glossary(articles, curated, memory, names)
        infos = {a.slug: _info(a, memory) for a in articles}
        corpus = Corpus(glossary, infos, key)
        _write_json(docs_dir / STATE_DIR / NAMES_FILE, names)
        _write_cache(cache, corpus)
    _last.clear()
    _last[key] = corpus
    return corpus


def _info(article: Article, memory: Memory) -> ArticleInfo:
    english = memory.get(article.title)
    title_en = english.target if english else ""
    return ArticleInfo(article.slug, article.title, article.script, title_en)


# --- the cache file ---------------------------------------------------------------------


def _write_cache(path: Path, corpus: Corpus) -> None:
    _write_json(
        path,
        {
            "format": FORMAT,
            "digest": corpus.digest,
            "articles": [asdict(info) for info in corpus.articles.values()],
            "terms": [asdict(term) for term in corpus.glossary],
            "context": corpus.glossary.context,
        },
    )


def _write_json(path: Path, data: object) -> None:
    with contextlib.suppress(OSError):  # only a cache: the next build makes it again
        write_if_changed(path, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _read_cache(path: Path, key: str) -> Corpus | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("digest") != key:
            return None
        articles = {item["slug"]: ArticleInfo(**item) for item in data["articles"]}
        terms = [_term(item) for item in data["terms"]]
        context = {str(slug): dict(found) for slug, found in data["context"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, stale or damaged: rebuilt
    return Corpus(Glossary(terms, context=context), articles, key)


def _term(item: dict[str, Any]) -> Term:
    return Term(
        **{
            **item,
            "aliases": tuple(item["aliases"]),
            "surface": tuple(item["surface"]),
            "context_aliases": tuple(item["context_aliases"]),
            "occurrences": tuple(_occurrence(o) for o in item["occurrences"]),
        }
    )


def _occurrence(item: dict[str, Any]) -> Occurrence:
    # One string per article and per block, not one per occurrence: JSON gives each its own,
    # and a build holds about 60 occurrences per article.
    slug, block_id = sys.intern(item["slug"]), sys.intern(item["block_id"])
    return Occurrence(slug, block_id, item["count"], item["snippet"])


# --- helpers ----------------------------------------------------------------------------


def _digest(docs_dir: Path, curated: Path | None, memory_path: Path) -> str:
    """Everything the glossary is made from, hashed; a missing file hashes as absent."""
    digest = hashlib.sha256(str(FORMAT).encode())
    files = [
        docs_dir / STATE_DIR / "manifest.json",
        curated,
        memory_path,
        *sorted(GLOSSARY_DIR.glob("*.py")),
        *sorted(variants.DATA_DIR.glob("*.tsv")),  # the variants' names table too
        nametable.GLOSSARY_NAMES_FILE,  # and the glossary's own
    ]
    for path in files:
        digest.update(b"\0")
        if path is None:
            continue
        digest.update(str(path.name).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"absent")
    return digest.hexdigest()[:20]
