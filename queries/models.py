"""Frozen records that the queries return; their JSON dumps are the CLI's ``--format json``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = [
    "AreaCount",
    "CountryRef",
    "Encounter",
    "MeetingView",
    "Participant",
    "PersonRef",
    "SourceRef",
    "TimelineEntry",
]


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PersonRef(_Record):
    """A person, with every spelling the graph knows and where they belong.

    `organisations` holds the person's own ``organisations`` attribute and the names of the
    organisation nodes they are ``affiliated_with``; `countries` likewise for countries.
    ``model_dump(mode="json")`` is the ``people --format json`` item.
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


class CountryRef(_Record):
    """A country node: its id, name and ISO 3166-1 alpha-2 code when known."""

    id: str
    name: str
    iso: str | None = None


class Participant(_Record):
    """A person at a meeting, with their role there (host, guest, ...) when reported."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None


class SourceRef(_Record):
    """One report of a meeting: the article id, the sentence, and its offsets in the article."""

    article: str
    evidence: str
    start: int
    end: int


class MeetingView(_Record):
    """A meeting with its participants, topics and sources resolved.

    ``model_dump(mode="json")`` is the ``meetings --format json`` item. `location` is the
    meeting's own ``location`` attribute, else the name of the place it was ``held_in``;
    `topics` are the sorted names of the cooperation areas it ``discussed``; `mode` is
    ``in_person``, ``phone_call`` or ``video``; `historical` marks a meeting an article recalls
    from the past rather than reports.
    """

    id: str
    date: str | None = None
    date_precision: str | None = None
    status: str = "held"
    mode: str = "in_person"
    historical: bool = False
    location: str | None = None
    venue: str | None = None
    participants: tuple[Participant, ...] = ()
    topics: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    conflicts: tuple[str, ...] = ()


class Encounter(_Record):
    """`person` and `counterpart` took part in the same held meeting."""

    person: PersonRef
    counterpart: PersonRef
    date: str | None = None
    meeting_id: str
    location: str | None = None
    sources: tuple[SourceRef, ...] = ()


class TimelineEntry(_Record):
    """One meeting in a person's or a country's timeline.

    `what` says what happened in words (``"meeting"``, ``"phone call"``, ``"video call"``,
    prefixed ``"planned "`` or ``"cancelled "`` when it did not take place); `people` are the
    subject's side (the person, or the participants from the country) and `counterparts` the
    other participants, each sorted by name.
    """

    date: str | None = None
    date_precision: str | None = None
    meeting_id: str
    what: str
    people: tuple[str, ...] = ()
    counterparts: tuple[str, ...] = ()
    location: str | None = None


class AreaCount(_Record):
    """A cooperation area and the meetings that discussed it."""

    area: str
    count: int
    meetings: tuple[str, ...] = ()
