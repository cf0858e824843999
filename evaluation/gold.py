"""The gold annotations: pydantic models of the files of tests/gold/README.md, and load_gold."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, ValidationError

from diplograph.dates import Date
from diplograph.errors import InputError
from extract.records import Mode, Status

__all__ = [
    "GoldArticle",
    "GoldEvent",
    "GoldEvents",
    "GoldMeeting",
    "GoldPerson",
    "GoldSet",
    "load_gold",
]


def _real_date(value: str) -> str:
    try:
        Date.parse(value)
    except ValueError:  # pydantic's ValidationError is one
        raise ValueError(f"no such date: {value!r}") from None
    return value


# A year, month or day with its year, as the graph stores a meeting's date; kept as written,
# since reports quote it ("date; gold 2024-05").
_IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$"),
                     AfterValidator(_real_date)]


class _Gold(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class GoldMeeting(_Gold):
    """One meeting an article states (a `meetings[]` entry of a per-article gold file)."""

    participants: tuple[str, ...] = ()
    optional_participants: tuple[str, ...] = ()
    date: _IsoDate | None = None
    alt_dates: tuple[_IsoDate, ...] = ()
    location: str | None = None
    venue: str | None = None
    mode: Mode | None = None
    status: Status | None = None
    historical: bool = False
    topics: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()
    evidence: str | None = None
    note: str | None = None


class GoldEvent(GoldMeeting):
    """One distinct real-world meeting of the corpus (an `events[]` entry of the events file)."""

    id: str | None = None
    sources: tuple[str, ...] = ()
    date_conflict: str | None = None


class GoldPerson(_Gold):
    """A person of a gold file: the fullest name, the other spellings, and a few facts."""

    name: str
    title: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    same_as: str | None = None
    relations: tuple[dict[str, Any], ...] = ()
    child_of: str | None = None


class GoldArticle(_Gold):
    """The gold of one article: its meetings, people, and strings that are not people."""

    file: str
    meetings: tuple[GoldMeeting, ...] = ()
    people: tuple[GoldPerson, ...] = ()
    organisations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    not_people: tuple[str, ...] = ()
    note: str | None = None


class GoldEvents(_Gold):
    """The corpus-level gold: distinct events, their people, and what must not happen."""

    about: str | None = None
    people: tuple[GoldPerson, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    must_not_be_people: tuple[str, ...] = ()
    must_not_be_merged: tuple[tuple[str, str], ...] = ()


class GoldSet(_Gold):
    """Every gold file of a folder: the per-article files (sorted by `file`) and the events."""

    articles: tuple[GoldArticle, ...] = ()
    events: GoldEvents | None = None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise InputError(str(path), f"not valid JSON: {e.msg}", line=e.lineno) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"cannot be read: {e}") from None


def _validated(model: type[_Gold], data: Any, path: Path) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        raise InputError(str(path), f"{where}: {first['msg']}") from None


def load_gold(folder: str | os.PathLike[str]) -> GoldSet:
    """Read the gold annotations of a folder.

    Per-article files are the ``*.json`` files of `folder` and of its ``seeds/`` subfolder
    whose top level has a ``file`` and a ``meetings`` key; the events file is a
    ``*_events.json`` file of `folder` whose top level has an ``events`` key. Other JSON files
    are ignored, and so are unknown fields.

    Parameters
    ----------
    folder : str or os.PathLike
        A gold folder, laid out like ``tests/gold``.

    Returns
    -------
    GoldSet
        The per-article gold, sorted by article file name, and the events gold (or None).

    Raises
    ------
    diplograph.errors.InputError
        If `folder` is not a folder, holds no gold file, holds two gold files for one article
        or two events files, or a gold file is not valid JSON or breaks the gold format.

    Examples
    --------
    >>> from pathlib import Path
    >>> gold = load_gold(Path(__file__).parent.parent / "tests" / "gold")
    >>> len(gold.articles), len(gold.events.events)
    (5, 5)
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder")
    articles: dict[str, GoldArticle] = {}
    events: GoldEvents | None = None
    events_path: Path | None = None
    for path in sorted(folder.glob("*.json")) + sorted((folder / "seeds").glob("*.json")):
        data = _read_json(path)
        if not isinstance(data, dict):
            continue
        if "file" in data and "meetings" in data:
            article = _validated(GoldArticle, data, path)
            if article.file in articles:
                raise InputError(str(path), f"a second gold file for {article.file}")
            articles[article.file] = article
        elif path.name.endswith("_events.json") and "events" in data:
            if events_path is not None:
                raise InputError(str(path), f"a second events file (the first is {events_path})")
            events, events_path = _validated(GoldEvents, data, path), path
    if not articles and events is None:
        raise InputError(str(folder), "no gold files (per-article *.json or *_events.json)")
    return GoldSet(articles=tuple(articles[f] for f in sorted(articles)), events=events)
