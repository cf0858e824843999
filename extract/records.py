"""The records extraction returns: what one article states, with its evidence.

These are the seam between `extract` and `kg`: `extract` knows nothing of graphs, `kg` turns
records into nodes and edges. All records are frozen and reject unknown fields.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from diplograph.dates import Date

__all__ = [
    "AgreementRecord",
    "Article",
    "ArticleExtraction",
    "EntityRecord",
    "Evidence",
    "MeetingRecord",
    "ParticipantRecord",
    "PersonRecord",
    "TopicRecord",
    "as_mode",
]

Status = Literal["held", "planned", "cancelled"]
Mode = Literal["in_person", "phone_call", "video"]
Role = Literal["host", "guest", "delegation_head", "participant"]
EntityKind = Literal["organisation", "country", "location"]
_MODES: tuple[Mode, ...] = get_args(Mode)


def as_mode(value: str) -> Mode:
    """Return `value` as a meeting's mode, or raise ValueError if it is none: the lexicon's
    meeting ids (``meet:phone_call``) name the mode as a plain string.

    >>> as_mode("phone_call")
    'phone_call'
    """
    if value in _MODES:
        return value
    raise ValueError(f"unknown meeting mode {value!r}")


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(_Record):
    """Where a fact was read: the sentence and its character offsets in the original article."""

    article: str
    sentence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Article(_Record):
    """One article as read from disk, before any NLP.

    `text` is the article as it was read (offsets in evidence point into it); `id` is stable
    across runs: a readable stem plus a hash of the content.
    """

    id: str
    path: str
    text: str
    content_hash: str
    published: dt.date | None = None
    title: str | None = None
    url: str | None = None


class PersonRecord(_Record):
    """A person named in one article, with every way the article refers to them."""

    key: str  # unique within the article, e.g. "p0"
    name: str  # the fullest form the article uses
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # canonical country names
    organisations: tuple[str, ...] = ()
    # (relation, other person key in this article), e.g. ("child_of", "p1")
    relations: tuple[tuple[str, str], ...] = ()
    evidence: tuple[Evidence, ...] = ()


class EntityRecord(_Record):
    """An organisation, country or place named in the story (never in page furniture)."""

    kind: EntityKind
    name: str
    evidence: tuple[Evidence, ...] = ()


class ParticipantRecord(_Record):
    person: str  # a PersonRecord.key of the same article
    role: Role = "participant"


class TopicRecord(_Record):
    area: str  # a cooperation area of the taxonomy, lowercase: "food security"
    evidence: Evidence


class AgreementRecord(_Record):
    kind: str  # memorandum, contract, communique, roadmap, agreement, ...
    text: str
    sectors: tuple[str, ...] = ()
    evidence: Evidence


class MeetingRecord(_Record):
    """A meeting one article states: who, when, where, how and about what."""

    participants: tuple[ParticipantRecord, ...]
    date: Date | None = None
    status: Status = "held"
    historical: bool = False
    location: str | None = None
    venue: str | None = None
    mode: Mode = "in_person"
    topics: tuple[TopicRecord, ...] = ()
    agreements: tuple[AgreementRecord, ...] = ()
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    evidence: tuple[Evidence, ...] = ()
    # Someone the article describes but does not name ("the country's former leader"); with a
    # single named participant, resolution may find them in another report of the meeting.
    counterpart: str | None = None
    # The rules that found its participants (see `extract.meetings.parties`), for debugging
    # and as features of a learned reader.
    rules: tuple[str, ...] = ()


class ArticleExtraction(_Record):
    """Everything extracted from one article; or, with `skipped`, why nothing was."""

    article: Article
    people: tuple[PersonRecord, ...] = ()
    entities: tuple[EntityRecord, ...] = ()
    meetings: tuple[MeetingRecord, ...] = ()
    skipped: str | None = None  # "took longer than 30 s to read": the article gave nothing
