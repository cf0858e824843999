"""Resolve what many articles say into entities: one person per human, one meeting per event."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from extract.records import ArticleExtraction, DateRecord, Evidence, MeetingRecord, PersonRecord

from .names import name_key, name_tokens
from .schema import Source, slugify

__all__ = ["MeetingEntity", "PersonEntity", "Resolution", "resolve"]


def source_of(evidence: Evidence) -> Source:
    """The graph's provenance record for a piece of evidence."""
    return Source(article=evidence.article, evidence=evidence.sentence, start=evidence.start,
                  end=evidence.end)


def _add(values: list[str], new: Iterable[str]) -> None:
    for value in new:
        if value and value not in values:
            values.append(value)


@dataclass
class PersonEntity:
    """One real person, gathered from every article that names them."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    alias_sources: dict[str, list[str]] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    merged_by: list[str] = field(default_factory=list)
    relations: list[tuple[str, str]] = field(default_factory=list)  # (relation, person id)

    def absorb(self, record: PersonRecord, article: str) -> None:
        for form in (record.name, *record.aliases):
            self.alias_sources.setdefault(form, [])
            if article not in self.alias_sources[form]:
                self.alias_sources[form].append(article)
        _add(self.aliases, [f for f in (record.name, *record.aliases) if f != self.name])
        _add(self.titles, record.titles)
        _add(self.countries, record.countries)
        _add(self.organisations, record.organisations)
        self.sources += [source_of(e) for e in record.evidence]


@dataclass
class MeetingEntity:
    """One real meeting, with every report of it and any disagreement between them."""

    id: str
    participants: dict[str, str]  # person id -> role
    date: DateRecord | None
    status: str
    historical: bool
    location: str | None
    venue: str | None
    mode: str
    confidence: float
    sources: list[Source] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    topics: dict[str, list[Source]] = field(default_factory=dict)
    agreements: list[tuple[str, str, tuple[str, ...], Source]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)


@dataclass
class Resolution:
    people: dict[str, PersonEntity]
    person_of: dict[tuple[str, str], str]  # (article id, person key) -> person id
    meetings: list[MeetingEntity]


def _person_id(name: str, taken: dict[str, PersonEntity]) -> str:
    base = f"person:{slugify(name)}"
    pid, n = base, 2
    while pid in taken:
        pid, n = f"{base}-{n}", n + 1
    return pid


def _resolve_people(extractions: list[ArticleExtraction]) -> tuple[
        dict[str, PersonEntity], dict[tuple[str, str], str]]:
    """People with the same name key, or the same first and last name, are one person."""
    people: dict[str, PersonEntity] = {}
    by_key: dict[str, str] = {}
    person_of: dict[tuple[str, str], str] = {}
    records = [(x.article.id, p) for x in extractions for p in x.people]
    # Fullest names first, so short forms join the full ones.
    for article, record in sorted(records, key=lambda r: -len(name_tokens(r[1].name))):
        tokens = name_tokens(record.name)
        key = name_key(record.name)
        pid = by_key.get(key)
        if pid is None and len(tokens) >= 2:
            pid = by_key.get(f"{tokens[0]} {tokens[-1]}")
        if pid is None:
            pid = _person_id(record.name, people)
            people[pid] = PersonEntity(id=pid, name=record.name)
        elif key not in by_key:
            _add(people[pid].merged_by, ["first-and-last-name"])
        entity = people[pid]
        entity.absorb(record, article)
        by_key.setdefault(key, pid)
        if len(tokens) >= 2:
            by_key.setdefault(f"{tokens[0]} {tokens[-1]}", pid)
        person_of[(article, record.key)] = pid
    for x in extractions:
        for record in x.people:
            for relation, other in record.relations:
                target = person_of.get((x.article.id, other))
                child = people[person_of[(x.article.id, record.key)]]
                if target and (relation, target) not in child.relations:
                    child.relations.append((relation, target))
    return people, person_of


def _meeting_id(date: DateRecord | None, names: list[str], taken: set[str]) -> str:
    when = date.value if date is not None and not date.value.startswith("--") else "undated"
    base = f"meeting:{when}-" + "-".join(sorted(slugify(n) for n in names))
    mid, n = base, 2
    while mid in taken:
        mid, n = f"{base}-{n}", n + 1
    return mid


def _entity(record: MeetingRecord, article: str, participants: dict[str, str],
            people: dict[str, PersonEntity], taken: set[str]) -> MeetingEntity:
    mid = _meeting_id(record.date, [people[p].name for p in participants], taken)
    entity = MeetingEntity(
        id=mid, participants=participants, date=record.date, status=record.status,
        historical=record.historical, location=record.location, venue=record.venue,
        mode=record.mode, confidence=record.confidence,
        sources=[source_of(e) for e in record.evidence], articles=[article],
    )
    for topic in record.topics:
        entity.topics.setdefault(topic.area, []).append(source_of(topic.evidence))
    entity.agreements += [(a.kind, a.text, a.sectors, source_of(a.evidence))
                          for a in record.agreements]
    return entity


def resolve(extractions: Iterable[ArticleExtraction]) -> Resolution:
    """Resolve people across spellings and meetings across reports."""
    extractions = list(extractions)
    people, person_of = _resolve_people(extractions)
    meetings: list[MeetingEntity] = []
    taken: set[str] = set()
    for x in extractions:
        for record in x.meetings:
            participants = {person_of[(x.article.id, p.person)]: p.role
                            for p in record.participants}
            if len(participants) < 2:
                continue
            entity = _entity(record, x.article.id, participants, people, taken)
            taken.add(entity.id)
            meetings.append(entity)
    return Resolution(people, person_of, meetings)
