"""One date for a meeting that several reports date: the best supported, and what disagrees.

Reports are ranked by `Date.rank` (how each date was found, then its precision), the one
ranking of `diplograph.dates`; then more articles beat fewer, and a report written nearer the
date beats a later one.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from diplograph.dates import Date
from extract.records import MeetingRecord

__all__ = ["Report", "best_date", "date_gap"]

_FAR = 10**6  # days: the distance of an article without a date from anything


@dataclass(frozen=True)
class Report:
    """One article's record of a meeting, with its participants resolved."""

    article: str
    index: int
    published: dt.date | None
    participants: dict[str, str]
    record: MeetingRecord

    @property
    def order(self) -> tuple[object, ...]:
        """Best-dated reports first: a full date, then a partial one, then none."""
        date = self.record.date
        if date is None:
            return (2, 0, 0, self.article, self.index)
        basis, precision = date.rank
        return (int(date.partial), -basis, -precision, self.article, self.index)


def date_gap(a: Date | None, b: Date | None) -> int | None:
    """How far apart two reports' dates are in days (0 when they agree, or either is missing);
    None when they disagree: neither holds the other and they are not days a day apart."""
    if a is None or b is None or a.value == b.value:
        return 0
    if a.agrees(b, days=1):
        return a.gap(b)
    return None


def articles_of(reports: Iterable[Report]) -> str:
    """The articles of some reports, for a note: sorted, comma-joined."""
    return ", ".join(sorted({r.article for r in reports}))


@dataclass
class _Claim:
    """One date value and the reports that state it (partial ones given a year)."""

    date: Date
    reports: list[Report] = field(default_factory=list)
    dates: list[Date] = field(default_factory=list)

    def key(self) -> tuple[object, ...]:
        """Smaller is better: how the date was found, then support, then precision, then the
        report written nearest the date, then the earlier date."""
        start = None if self.date.partial else self.date.interval()[0]
        near = min((abs((r.published - start).days) for r in self.reports
                    if r.published and start), default=_FAR)
        return (-max(d.rank[0] for d in self.dates), -len({r.article for r in self.reports}),
                -self.date.rank[1], near, self.date.value)


def _claims(dated: list[tuple[Report, Date]], year: int | None) -> dict[str, _Claim]:
    claims: dict[str, _Claim] = {}
    for report, date in dated:
        claimed = (date.with_year(year) or date) if year is not None else date
        claim = claims.setdefault(claimed.value, _Claim(claimed))
        claim.reports.append(report)
        claim.dates.append(date)
    return claims


def best_date(reports: list[Report]) -> tuple[Date | None, list[str], str | None]:
    """The best-supported date, the dates that disagree with it, and how it was put together.

    The best date is chosen among full dates (partial ones only when there are no others); a
    finer date that agrees with it (a day of its month) refines it; a partial date takes its
    year.
    """
    dated = [(r, r.record.date) for r in reports if r.record.date is not None]
    if not dated:
        return None, [], None
    full = [(r, d) for r, d in dated if not d.partial]
    anchor = min(_claims(full or dated, None).values(), key=_Claim.key)
    claims = _claims(dated, anchor.date.year)
    best = claims[anchor.date.value]
    while finer := [c for c in claims.values() if c.date.rank[1] > best.date.rank[1]
                    and c.date.contains(best.date)]:
        best = min(finer, key=_Claim.key)

    stated = [d for d in best.dates if d.value == best.date.value]
    first = best.dates[0]
    date = max(stated, key=lambda d: d.rank[0]) if stated else Date(
        value=best.date.value, precision=first.precision, basis="partial", text=first.text)
    agree = [c for c in claims.values() if c.date.contains(best.date)]
    others = sorted((c for c in claims.values() if not c.date.contains(best.date)),
                    key=_Claim.key)
    conflicts = [f"date: {best.date.value} ({articles_of(best.reports)}) vs " + " vs ".join(
        f"{c.date.value} ({articles_of(c.reports)})" for c in others)] if others else []
    partials: dict[str, list[Report]] = defaultdict(list)
    for claim in agree:
        for report, d in zip(claim.reports, claim.dates, strict=True):
            if d.value != claim.date.value:
                partials[d.value].append(report)
    note = "; ".join(
        f"year of {value} ({articles_of(partials[value])}) taken from {anchor.date.value} "
        f"({articles_of(anchor.reports)})" for value in sorted(partials))
    return date, conflicts, note or None
