"""The entities resolution makes of many articles' records: people, meetings, the whole."""

from __future__ import annotations

from dataclasses import dataclass, field

from diplograph.dates import Date
from extract.records import Evidence, Mode, Status

from .schema import Source

__all__ = ["MeetingEntity", "PersonEntity", "Resolution", "source_of"]


def source_of(evidence: Evidence) -> Source:
    """The graph's provenance record for a piece of evidence."""
    return Source(article=evidence.article, evidence=evidence.sentence, start=evidence.start,
                  end=evidence.end)


@dataclass
class PersonEntity:
    """One real person, gathered from every article that names them."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    alias_sources: dict[str, list[str]] = field(default_factory=dict)  # spelling -> articles
    titles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    merged_by: list[str] = field(default_factory=list)  # values of MERGE_RULES
    relations: list[tuple[str, str]] = field(default_factory=list)  # (relation, person id)


@dataclass
class MeetingEntity:
    """One real meeting, with every report of it and any disagreement between them."""

    id: str
    participants: dict[str, str]  # person id -> role
    date: Date | None
    status: Status
    historical: bool
    location: str | None
    venue: str | None
    mode: Mode
    confidence: float
    sources: list[Source] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    topics: dict[str, list[Source]] = field(default_factory=dict)
    agreements: list[tuple[str, str, tuple[str, ...], Source]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    # How the date was put together from several reports, e.g. a year given to a partial date.
    date_note: str | None = None


@dataclass
class Resolution:
    people: dict[str, PersonEntity]
    person_of: dict[tuple[str, str], str]  # (article id, person key) -> person id
    meetings: list[MeetingEntity]


