"""Meetings across articles: one meeting per event, however many articles report it.

See `kg.resolve` for the rules; this module groups reports by shared pairs of participants.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import TypeVar

from anyascii import anyascii

from diplograph.countries import city_country, country_name
from diplograph.dates import Date
from extract.records import ArticleExtraction

from .entities import MeetingEntity, PersonEntity, source_of
from .meeting_dates import Report, articles_of, best_date, date_gap
from .schema import Source

__all__ = ["resolve_meetings"]

_ROLES = ("host", "guest", "delegation_head")
_Value = TypeVar("_Value", bound=str)

def _place_key(place: str) -> str:
    return " ".join(anyascii(place).lower().split())


@lru_cache(maxsize=65536)
def _places_conflict(a: str, b: str) -> bool:
    """Two places conflict unless they are one place, one country, or a city and its country."""
    if _place_key(a) == _place_key(b):
        return False
    country_a, country_b = country_name(a), country_name(b)
    if country_a and country_b:
        return country_a != country_b
    if country_a or country_b:
        return city_country(b if country_a else a) != (country_a or country_b)
    return True


@dataclass
class _Event:
    """The reports of one meeting, as they are gathered."""

    reports: list[Report]
    participants: set[str]
    dates: dict[str, Date]  # every distinct date value
    places: set[str]

    @classmethod
    def of(cls, report: Report) -> _Event:
        event = cls([], set(), {}, set())
        event.add(report)
        return event

    def add(self, report: Report) -> None:
        self.reports.append(report)
        self.participants |= report.participants.keys()
        record = report.record
        if record.date is not None:
            self.dates.setdefault(record.date.value, record.date)
        if record.location:
            self.places.add(record.location)

    def gap(self, report: Report) -> int | None:
        """The largest date gap to the report in days (0: agree), or None if it cannot join."""
        record = report.record
        if record.status != self.reports[0].record.status:
            return None
        if record.location and any(_places_conflict(record.location, p) for p in self.places):
            return None
        gaps = []
        for d in self.dates.values():
            gap = date_gap(record.date, d)
            if gap is None:
                return None
            gaps.append(gap)
        return max(gaps, default=0)


def _pairs(participants: Iterable[str]) -> Iterable[tuple[str, str]]:
    return combinations(sorted(participants), 2)


def _group_reports(reports: list[Report]) -> list[_Event]:
    events: list[_Event] = []
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: r.order):
        fits = []
        for n in sorted({n for pair in _pairs(report.participants) for n in by_pair.get(pair, [])}):
            gap = events[n].gap(report)
            if gap is not None:
                shared = len(events[n].participants & report.participants.keys())
                fits.append(((gap, -shared), n))
        fits.sort()
        if fits and (len(fits) == 1 or fits[0][0] < fits[1][0]):
            event, n = events[fits[0][1]], fits[0][1]
            new = report.participants.keys() - event.participants
            event.add(report)
        else:
            event, n = _Event.of(report), len(events)
            events.append(event)
            new = event.participants
        for pair in _pairs(event.participants):
            if new.intersection(pair):
                by_pair[pair].append(n)
    return events


def _majority(values: list[tuple[_Value, Report]], what: str, conflicts: list[str],
              ) -> _Value | None:
    """The value most articles give (the best-dated report's on a tie); disagreement noted."""
    if not values:
        return None
    articles: dict[_Value, list[Report]] = {}
    for value, report in values:
        articles.setdefault(value, []).append(report)
    ranked = sorted(articles, key=lambda v: -len({r.article for r in articles[v]}))
    if len(ranked) > 1:
        conflicts.append(f"{what}: " + " vs ".join(
            f"{v} ({articles_of(articles[v])})" for v in ranked))
    return ranked[0]


def _role(roles: list[str]) -> str:
    named = Counter(r for r in roles if r != "participant")
    if not named:
        return "participant"
    return min(named, key=lambda r: (-named[r], _ROLES.index(r) if r in _ROLES else len(_ROLES)))


def _meeting(event: _Event, people: dict[str, PersonEntity]) -> MeetingEntity:
    reports = sorted(event.reports, key=lambda r: r.order)
    records = [r.record for r in reports]
    date, conflicts, note = best_date(reports)
    roles: dict[str, list[str]] = defaultdict(list)
    for report in reports:
        for pid, role in report.participants.items():
            roles[pid].append(role)
    participants = {pid: _role(roles[pid])
                    for pid in sorted(roles, key=lambda p: (people[p].name, p))}
    places = [(m.location, r) for m, r in zip(records, reports, strict=True) if m.location]
    cities = [(p, r) for p, r in places if not country_name(p)]
    location = _majority(cities or places, "location", [])
    venue = _majority([(m.venue, r) for m, r in zip(records, reports, strict=True) if m.venue],
                      "venue", conflicts)
    mode = _majority([(m.mode, r) for m, r in zip(records, reports, strict=True)], "mode",
                     conflicts)
    articles = sorted({r.article for r in reports})
    top = max(m.confidence for m in records)
    sources = sorted({source_of(e) for m in records for e in m.evidence},
                     key=lambda s: (s.article, s.start, s.end, s.evidence))
    topics: dict[str, set[Source]] = defaultdict(set)
    agreements: dict[tuple[str, str], tuple[str, str, tuple[str, ...], Source]] = {}
    for m in records:
        for topic in m.topics:
            topics[topic.area].add(source_of(topic.evidence))
        for a in m.agreements:
            agreements.setdefault((a.kind, a.text.casefold()),
                                  (a.kind, a.text, a.sectors, source_of(a.evidence)))
    slugs = "-".join(sorted(pid.split(":", 1)[1] for pid in participants))
    when = date.value if date is not None and not date.partial else "undated"
    return MeetingEntity(
        id=f"meeting:{when}-{slugs}", participants=participants, date=date,
        status=records[0].status, historical=any(m.historical for m in records),
        location=location, venue=venue, mode=mode or "in_person",
        confidence=max(top, min(0.95, top + 0.05 * (len(articles) - 1))),
        sources=sources, conflicts=conflicts,
        topics={area: sorted(topics[area], key=lambda s: (s.article, s.start, s.end))
                for area in sorted(topics)},
        agreements=sorted(agreements.values(), key=lambda a: (a[3].article, a[3].start, a[0])),
        articles=articles, date_note=note,
    )


def resolve_meetings(extractions: list[ArticleExtraction], person_of: dict[tuple[str, str], str],
                      people: dict[str, PersonEntity]) -> list[MeetingEntity]:
    reports: list[Report] = []
    described: list[Report] = []  # one person named, the other only described
    for x in extractions:
        for index, record in enumerate(x.meetings):
            participants: dict[str, str] = {}
            for p in record.participants:
                pid = person_of.get((x.article.id, p.person))
                if pid is not None and participants.get(pid, "participant") == "participant":
                    participants[pid] = p.role
            report = Report(x.article.id, index, x.article.published, participants, record)
            if len(participants) >= 2:
                reports.append(report)
            elif participants and record.counterpart:
                described.append(report)
    events = _group_reports(reports)
    for report in described:
        _name_the_counterpart(report, events)
    meetings = sorted((_meeting(e, people) for e in events),
                      key=lambda m: (m.id, m.sources[0].article if m.sources else "",
                                     m.articles))
    taken: set[str] = set()
    for meeting in meetings:
        base, n = meeting.id, 2
        while meeting.id in taken:
            meeting.id, n = f"{base}-{n}", n + 1
        taken.add(meeting.id)
    return meetings


def _name_the_counterpart(report: Report, events: list[_Event]) -> None:
    """Join a report that names one person ("he met the country's former leader") to the one
    meeting of that person, told elsewhere, that it fits; with none or several, drop it."""
    (person,) = report.participants
    fits = [e for e in events if person in e.participants and e.gap(report) is not None
            and e.reports[0].record.historical == report.record.historical]
    if len(fits) == 1:
        fits[0].add(report)

