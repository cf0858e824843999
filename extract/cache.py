"""A cache of extraction results on disk, so that an unchanged article is never parsed twice.

An entry is one JSON file per article, keyed by what the extraction depends on: the article's
content hash and date (the text is read relative to it), and the *extractor fingerprint*, a hash
of the `extract` package's source and data files and of the spaCy model's name and version. Any
change to the extractor gives a new fingerprint, so stale entries are never read.

Entries are written atomically (a temporary file, then `os.replace`); an entry that cannot be
read or does not validate is ignored (and recomputed by the caller), never an error.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import tempfile
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .model import MODEL_NAMES
from .records import Article, ArticleExtraction

__all__ = [
    "DEFAULT",
    "DEFAULT_FOLDER",
    "ENV_VAR",
    "ExtractionCache",
    "extractor_fingerprint",
    "fingerprint",
    "open_cache",
]

DEFAULT_FOLDER = ".diplograph-cache"
ENV_VAR = "DIPLOGRAPH_CACHE"
# Values of the environment variable that turn the cache off.
_OFF = frozenset({"", "0", "off", "no", "none", "false"})
_PACKAGE = Path(__file__).resolve().parent
# What extraction reads of the shared base besides its own package: dates, places, slugs.
_BASE = _PACKAGE.parent / "diplograph"
_BASE_FILES = ("dates.py", "countries.py", "slugs.py", "data/**/*")
_FORMAT = 1  # the layout of an entry; bump it when that changes
_SAFE_NAME = re.compile(r"[0-9A-Za-z_-]{2,128}")


class _Default:
    """The type of `DEFAULT`."""

    def __repr__(self) -> str:
        return "DEFAULT"


# "No folder given": the environment variable, else `DEFAULT_FOLDER` (see `open_cache`).
DEFAULT: Any = _Default()


def _model_identity() -> str:
    """The name and version of the spaCy model `load_nlp` picks, read without loading it."""
    spacy_version = importlib.metadata.version("spacy")
    for name in MODEL_NAMES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            continue
        if spec is None or spec.origin is None:
            continue
        try:
            meta = json.loads((Path(spec.origin).parent / "meta.json").read_text("utf-8"))
        except (OSError, ValueError):
            meta = {}
        model = f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')}"
        return f"{name} {model} spacy {spacy_version}"
    return f"no model spacy {spacy_version}"


def extractor_fingerprint(package: str | os.PathLike[str] = _PACKAGE, *,
                          model: str | None = None) -> str:
    """Return a hash of an extractor: its ``*.py`` and ``data/`` files (subpackages included),
    the files of the shared base it reads (`diplograph.dates`, `diplograph.countries`) and its
    spaCy model.

    Parameters
    ----------
    package : str or path-like
        The folder of the `extract` package (this one by default).
    model : str, optional
        The model's identity; by default the name and version of the installed model that
        `extract.model.load_nlp` picks, read from its ``meta.json`` (the model is not loaded).

    Returns
    -------
    str
        40 hex digits.

    Examples
    --------
    >>> a = extractor_fingerprint(model="en_core_web_sm 3.8.0")
    >>> a == extractor_fingerprint(model="en_core_web_sm 3.8.0"), len(a)
    (True, 40)
    >>> a == extractor_fingerprint(model="en_core_web_sm 3.7.1")
    False
    """
    root = Path(package)
    files = sorted(
        path for path in [*root.glob("**/*.py"), *root.glob("data/**/*"),
                          *(f for pattern in _BASE_FILES for f in _BASE.glob(pattern))]
        if path.is_file() and "__pycache__" not in path.parts
    )
    digest = hashlib.sha1(f"diplograph-extract {_FORMAT}\n".encode())
    digest.update(f"model {model if model is not None else _model_identity()}\n".encode())
    for path in files:
        name = path.relative_to(root if path.is_relative_to(root) else _BASE.parent)
        digest.update(f"{name.as_posix()}\n".encode())
        digest.update(hashlib.sha1(path.read_bytes()).digest())
    return digest.hexdigest()


@functools.cache
def fingerprint() -> str:
    """Return this process's extractor fingerprint, computed once (see `extractor_fingerprint`).

    >>> fingerprint() == extractor_fingerprint()
    True
    """
    return extractor_fingerprint()


_this_process = fingerprint  # the class below has a parameter of the same name


def _rebind(value: Any, old: str, new: str) -> Any:
    """Point every evidence of a dumped extraction at article `new` instead of `old`."""
    if isinstance(value, dict):
        return {k: (new if k == "article" and v == old else _rebind(v, old, new))
                for k, v in value.items()}
    if isinstance(value, list):
        return [_rebind(v, old, new) for v in value]
    return value


class ExtractionCache:
    """Extraction results kept as one JSON file per article under a folder.

    Parameters
    ----------
    folder : str or path-like
        Where entries are kept (created on the first write). Entries live in a subfolder named
        after the extractor fingerprint, so deleting old subfolders frees the space of old
        extractors.
    fingerprint : str, optional
        The extractor fingerprint; this process's (`fingerprint()`) by default.

    Attributes
    ----------
    hits, misses, writes : int
        Counts since the cache was opened: lookups answered, lookups not answered (absent,
        unreadable or invalid entries), and entries written.

    Examples
    --------
    >>> import tempfile
    >>> from extract.records import Article, ArticleExtraction
    >>> folder = tempfile.mkdtemp()
    >>> cache = ExtractionCache(folder, fingerprint="test")
    >>> a = Article(id="a-1", path="a.txt", text="Hello.", content_hash="h1")
    >>> cache.get(a) is None
    True
    >>> cache.put(ArticleExtraction(article=a))
    True
    >>> b = a.model_copy(update={"id": "b-1", "path": "b.txt"})  # same text, other file
    >>> cache.get(b) == ArticleExtraction(article=b)
    True
    >>> cache.hits, cache.misses, cache.writes
    (1, 1, 1)

    Notes
    -----
    The key is the article's content hash and publication date, which is all an extraction
    depends on besides the extractor. An entry found for another file with the same content is
    given the current article: its id and path, and evidence pointing at its id.
    """

    def __init__(self, folder: str | os.PathLike[str], *, fingerprint: str | None = None) -> None:
        if not isinstance(folder, (str, os.PathLike)):
            raise TypeError(f"cache folder must be a path, not {type(folder).__name__}")
        self.folder = Path(folder)
        self.fingerprint = fingerprint if fingerprint is not None else _this_process()
        self.hits = self.misses = self.writes = 0
        self._write_failed = False

    def __repr__(self) -> str:
        return f"ExtractionCache({str(self.folder)!r})"

    def path(self, article: Article) -> Path:
        """Return the file that holds (or would hold) the entry of `article`."""
        date = article.published.isoformat() if article.published else "undated"
        key = article.content_hash
        if not _SAFE_NAME.fullmatch(key):  # not the hex digest `read_articles` gives
            key = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / self.fingerprint[:16] / key[:2] / f"{key}-{date}.json"

    def get(self, article: Article) -> ArticleExtraction | None:
        """Return the cached extraction of `article`, or None (absent, unreadable or invalid)."""
        try:
            entry = json.loads(self.path(article).read_bytes())
            found = self._check(entry, article)
        except (OSError, ValueError, TypeError, KeyError, RecursionError, ValidationError):
            found = None
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def _check(self, entry: Any, article: Article) -> ArticleExtraction | None:
        if not isinstance(entry, dict) or entry.get("format") != _FORMAT:
            return None
        published = article.published.isoformat() if article.published else None
        if (entry.get("fingerprint"), entry.get("content_hash"), entry.get("published")) != (
                self.fingerprint, article.content_hash, published):
            return None
        records = entry["records"]
        if not isinstance(records, dict) or not isinstance(entry.get("article"), str):
            return None
        records = _rebind(records, entry["article"], article.id)
        return ArticleExtraction.model_validate({**records, "article": article})

    def put(self, extraction: ArticleExtraction) -> bool:
        """Store an extraction, atomically; return False if it could not be written.

        A failure to write (a read-only folder, a full disk) warns once and is otherwise
        ignored: the cache only ever saves work.
        """
        article = extraction.article
        records = extraction.model_dump(mode="json", exclude={"article"})
        entry = {
            "format": _FORMAT,
            "fingerprint": self.fingerprint,
            "content_hash": article.content_hash,
            "published": article.published.isoformat() if article.published else None,
            "article": article.id,
            "path": article.path,
            "records": records,
        }
        target = self.path(article)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as stream:
                    json.dump(entry, stream, ensure_ascii=False, separators=(",", ":"))
                os.replace(temp, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temp)
                raise
        except OSError as e:
            if not self._write_failed:
                self._write_failed = True
                warnings.warn(f"extraction cache {self.folder} cannot be written: {e}",
                              RuntimeWarning, stacklevel=2)
            return False
        self.writes += 1
        return True


def open_cache(folder: str | os.PathLike[str] | ExtractionCache | None = DEFAULT, *,
               environ: Mapping[str, str] = os.environ) -> ExtractionCache | None:
    """Return the extraction cache to use, or None when caching is off.

    Parameters
    ----------
    folder : str, path-like, ExtractionCache, None or DEFAULT, optional
        A folder given explicitly wins (a cache is returned as it is); None turns the cache
        off. When not given (`DEFAULT`), the ``DIPLOGRAPH_CACHE`` environment variable names
        the folder (``0``, ``off``, ``no``, ``none``, ``false`` or empty turn it off), and
        otherwise it is ``.diplograph-cache`` in the current directory.
    environ : mapping
        Where to read ``DIPLOGRAPH_CACHE`` (the process environment by default).

    Returns
    -------
    ExtractionCache or None

    Examples
    --------
    >>> open_cache(environ={})
    ExtractionCache('.diplograph-cache')
    >>> open_cache(environ={"DIPLOGRAPH_CACHE": "/tmp/dg"})
    ExtractionCache('/tmp/dg')
    >>> open_cache("here", environ={"DIPLOGRAPH_CACHE": "/tmp/dg"})
    ExtractionCache('here')
    >>> open_cache(None) is None, open_cache(environ={"DIPLOGRAPH_CACHE": "off"}) is None
    (True, True)
    >>> open_cache(DEFAULT, environ={}).folder == open_cache(environ={}).folder
    True
    """
    if folder is None or isinstance(folder, ExtractionCache):
        return folder
    if folder is DEFAULT:
        value = environ.get(ENV_VAR)
        if value is not None and value.strip().lower() in _OFF:
            return None
        folder = value if value is not None else DEFAULT_FOLDER
    return ExtractionCache(folder)
