"""Read articles from files, folders and standard input, reporting bad inputs instead of failing."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

import trafilatura
from pydantic import BaseModel, ConfigDict

from diplograph.errors import InputError
from diplograph.limits import PIECE_CHARS, SPACY_MAX_LENGTH
from diplograph.slugs import slugify

from .dating.page import page_date, parse_iso
from .decoding import MAX_FILE_BYTES, STDIN, Unreadable, decode, os_reason, read_bytes
from .records import Article

if TYPE_CHECKING:
    import datetime as dt

    from trafilatura.settings import Document

__all__ = ["MAX_FILE_BYTES", "STDIN", "Problem", "read_article", "read_articles"]

Kind = Literal["text", "html", "jsonl"]
Severity = Literal["warning", "skipped", "missing"]

# Inside folders only these are read; a file named explicitly is read whatever its suffix.
_FOLDER_KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}
# A leading `date 2024-06-12`, `Date: 2024-06-12` or `Published: 2024-06-12T08:30:00Z`. Without a
# colon the value must start with a digit, so that a headline like "Date palms ..." is no header.
_DATE_LINE = re.compile(
    r"\s*(?P<key>date|published)(?:\s*:\s*|\s+(?=[0-9]))(?P<value>\S*)", re.IGNORECASE
)
_PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t\r]*\n")
_MAX_TITLE_CHARS = 150
# htmldate: the first publication date, from the page's metadata, not from dates in the text.
_HTML_DATE_PARAMS = {"original_date": True, "extensive_search": False}


class Problem(BaseModel):
    """Something wrong with one input: where, why, and what was done about it.

    `severity` is ``"warning"`` when the input was read anyway, ``"skipped"`` when it was not
    read, and ``"missing"`` when the path does not exist.

    Examples
    --------
    >>> print(Problem(path="a.jsonl", line=3, reason="not a JSON object", severity="skipped"))
    a.jsonl:3: not a JSON object
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    path: str
    line: int | None = None
    reason: str
    severity: Severity

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


Report = Callable[[Problem], object]


def read_articles(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    on_problem: Callable[[Problem], object] | None = None,
) -> Iterator[Article]:
    """Yield the articles in files, folders and standard input, going on past bad inputs.

    Parameters
    ----------
    paths : path or iterable of paths
        Files, folders (read recursively in sorted order, hidden entries and symlinked folders
        left out, only ``.txt``, ``.text``, ``.html``, ``.htm`` and ``.jsonl`` files), or ``"-"``
        for one text article from standard input. A file named explicitly is read whatever its
        suffix: as HTML for ``.html``/``.htm``, as JSON lines for ``.jsonl``, as text otherwise.
    on_problem : callable, optional
        Called with a `Problem` for every input read with a warning, skipped, or missing;
        by default problems are ignored.

    Returns
    -------
    iterator of Article
        Lazily: files are read as the iterator is consumed.

    Raises
    ------
    TypeError
        If a path is neither a string nor path-like. Bad inputs never raise: they are reported.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = Path(tmp)
    ...     _ = (folder / "a.txt").write_text("date 2024-06-12 Ministers met in Nairobi.\\n")
    ...     _ = (folder / "b.txt").write_text("Trade talks in Lisbon\\n\\nThe ministers met.\\n")
    ...     _ = (folder / "notes.csv").write_text("not an article\\n")
    ...     [(str(a.published), a.title) for a in read_articles([folder])]
    [('2024-06-12', None), ('None', 'Trade talks in Lisbon')]
    >>> problems = []
    >>> list(read_articles(["no/such/file.txt"], on_problem=problems.append))
    []
    >>> print(problems[0])
    no/such/file.txt: no such file or folder

    Notes
    -----
    Text files are decoded as UTF-8, else as charset-normalizer guesses (with a warning naming
    the encoding); files with NUL bytes or no plausible encoding are skipped as binary. The
    article date comes from a leading ``date 2024-06-12`` token (also ``Date:``, ``Published:``
    and ISO date-times) on the first non-blank line, which is left in the text. A text file's
    title is its first line when that line is a short headline (at most 150 characters, not
    ending in ``.``, ``,``, ``;`` or ``:``) followed by a blank line. HTML pages give their main
    text (trafilatura, without comments) and their own title, date and URL, offline. JSON lines
    need ``text`` and may have ``id``, ``date``, ``url`` and ``title``.

    Ids are ``<slug of file stem or given id>-<8 hex of the text's sha1>`` (JSON lines without
    an id: ``<stem>-l<line>-<hash>``), so the same content at the same path keeps its id.
    """
    items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    given = [os.fspath(path) for path in items]
    return _read_all(given, on_problem or _ignore)


def read_article(path: str | os.PathLike[str]) -> Article:
    """Return the one article in a file (or ``"-"``, standard input).

    Warnings are ignored; anything that stops the file being read raises.

    Parameters
    ----------
    path : str or path-like
        The file, read as `read_articles` reads a file named explicitly.

    Returns
    -------
    Article

    Raises
    ------
    InputError
        If the file is missing, cannot be read, or does not hold exactly one article.

    Examples
    --------
    >>> from pathlib import Path
    >>> article = read_article(Path(__file__).parent.parent / "seeds" / "001_cb6f4a863f9e3ab0.txt")
    >>> article.id, article.published
    ('001-cb6f4a863f9e3ab0-19f26376', datetime.date(2025, 2, 17))
    """
    problems: list[Problem] = []
    articles = list(read_articles(path, on_problem=problems.append))
    for problem in problems:
        if problem.severity != "warning":
            raise InputError(problem.path, problem.reason, line=problem.line)
    if len(articles) != 1:
        raise InputError(os.fspath(path), f"expected one article, found {len(articles)}")
    return articles[0]


def _ignore(problem: Problem) -> None:
    pass


def _read_all(paths: list[str], report: Report) -> Iterator[Article]:
    for given in paths:
        for path, kind in _expand(given, report):
            yield from _read_one(path, kind, report)


def _expand(given: str, report: Report) -> Iterator[tuple[str, Kind]]:
    """Yield the files to read for one given path, with how to read each."""
    if given == STDIN:
        yield given, "text"
    elif os.path.isdir(given):
        yield from _walk(given, report)
    elif os.path.exists(given):
        yield given, _kind(given) or "text"
    else:
        report(Problem(path=given, reason="no such file or folder", severity="missing"))


def _walk(folder: str, report: Report) -> Iterator[tuple[str, Kind]]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        report(Problem(path=folder, reason=os_reason(exc), severity="skipped"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, report)
        elif entry.is_file() and (kind := _kind(entry.name)) is not None:
            yield entry.path, kind


def _kind(path: str) -> Kind | None:
    return _FOLDER_KINDS.get(os.path.splitext(path)[1].lower())


def _read_one(path: str, kind: Kind, report: Report) -> Iterator[Article]:
    try:
        text, encoding = decode(read_bytes(path))
        if not text.strip():
            raise Unreadable("empty file")
        if encoding is not None:
            reason = f"not UTF-8, decoded as {encoding}"
            report(Problem(path=path, reason=reason, severity="warning"))
        for article in _READERS[kind](path, text, report):
            if len(article.text) > SPACY_MAX_LENGTH:
                report(Problem(path=article.path, severity="warning", reason=(
                    f"{len(article.text):,} characters, more than spaCy reads at once "
                    f"({SPACY_MAX_LENGTH:,}): read in pieces of {PIECE_CHARS:,}")))
            yield article
    except Unreadable as skip:
        report(Problem(path=path, reason=str(skip), severity="skipped"))


def _read_text(path: str, text: str, report: Report) -> Iterator[Article]:
    published = None
    number, line = _first_line(text)
    header = _DATE_LINE.match(line)
    if header:
        published = parse_iso(header["value"])
        if published is None:
            shown = f"line {header.group().strip()!r}"
            report(_malformed_date(path, number, shown))
    else:
        published = page_date(text)
    title = None if header else _headline(text)
    name = "stdin" if path == STDIN else Path(path).stem
    yield _article(text, name=name, path=path, published=published, title=title)


def _first_line(text: str) -> tuple[int, str]:
    """Return the number and text of the first non-blank line."""
    lines = enumerate(text.split("\n"), 1)
    return next(((number, line) for number, line in lines if line.strip()), (1, ""))


def _headline(text: str) -> str | None:
    head, *rest = _PARAGRAPH_BREAK.split(text.strip(), maxsplit=1)
    is_headline = bool(
        rest
        and "\n" not in head
        and len(head) <= _MAX_TITLE_CHARS
        and not head.endswith((".", ",", ";", ":"))
    )
    return head.strip() if is_headline else None


def _malformed_date(path: str, line: int, shown: str) -> Problem:
    reason = f"malformed date {shown}, treated as undated"
    return Problem(path=path, line=line, reason=reason, severity="warning")


def _read_html(path: str, text: str, report: Report) -> Iterator[Article]:
    # Offline: with no URL given, neither trafilatura nor htmldate fetches anything.
    # A Document or None: trafilatura types its result as possibly a dict, which only
    # as_dict=True (deprecated) returns.
    page = cast("Document | None", trafilatura.bare_extraction(
        text,
        include_comments=False,
        with_metadata=True,
        date_extraction_params=_HTML_DATE_PARAMS,
    ))
    if page is None or not page.text or not page.text.strip():
        raise Unreadable("no article text found in HTML")
    published = parse_iso(page.date) if page.date else None
    yield _article(
        page.text,
        name=Path(path).stem,
        path=path,
        published=published,
        title=page.title or None,
        url=page.url or None,
    )


def _read_jsonl(path: str, text: str, report: Report) -> Iterator[Article]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            yield _jsonl_article(path, number, line, report)
        except Unreadable as skip:
            report(Problem(path=path, line=number, reason=str(skip), severity="skipped"))


def _jsonl_article(path: str, number: int, line: str, report: Report) -> Article:
    record = _json_object(line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise Unreadable("no 'text', or it is empty")
    given_id = _optional_str(record, "id")
    published = None
    if record.get("date") is not None:
        published = parse_iso(str(record["date"]))
        if published is None:
            report(_malformed_date(path, number, repr(record["date"])))
    return _article(
        text,
        name=given_id or f"{Path(path).stem}-l{number}",
        path=f"{path}:{number}",
        published=published,
        title=_optional_str(record, "title"),
        url=_optional_str(record, "url"),
    )


def _json_object(line: str) -> dict[str, object]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise Unreadable("invalid JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise Unreadable("not a JSON object")
    return record


def _optional_str(record: dict[str, object], key: str) -> str | None:
    """Return a field as a non-empty string (numbers too, for ids), or None."""
    value = record.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return (value.strip() or None) if isinstance(value, str) else None


_READERS: dict[Kind, Callable[[str, str, Report], Iterator[Article]]] = {
    "text": _read_text,
    "html": _read_html,
    "jsonl": _read_jsonl,
}


def _article(text: str, *, name: str, path: str, published: dt.date | None = None,
             title: str | None = None, url: str | None = None) -> Article:
    """Return an article whose id is the slug of `name` and a short hash of `text`."""
    # surrogatepass: a JSON string may hold a lone surrogate (\ud800).
    content_hash = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    return Article(
        id=f"{slugify(name, empty='article')}-{content_hash[:8]}",
        path=path,
        text=text,
        content_hash=content_hash,
        published=published,
        title=title,
        url=url,
    )
