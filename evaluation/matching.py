"""Matching system meetings to gold meetings: each to one at most, best fits first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from diplograph.dates import Date, interval_of

from .gold import GoldMeeting
from .people import GoldIdentity, Roster
from .views import SystemMeeting

__all__ = ["Outcome", "Target", "date_rank", "match_meetings", "matching_size", "target_of"]


def matching_size(adjacency: Sequence[Iterable[int]]) -> int:
    """The size of a maximum matching of a bipartite graph given as left -> right indices."""
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in adjacency[left]:
            if right not in seen:
                seen.add(right)
                if right not in owner or augment(owner[right], seen):
                    owner[right] = left
                    return True
        return False

    return sum(augment(left, set()) for left in range(len(adjacency)))


@dataclass(frozen=True)
class Target:
    """A gold meeting (or event) with its people resolved in its scope and its dates read."""

    label: str
    gold: GoldMeeting
    required: tuple[GoldIdentity, ...]
    optional: tuple[GoldIdentity, ...]
    date: Date | None
    alt_dates: tuple[Date, ...]


def _unique(people: Iterable[GoldIdentity]) -> tuple[GoldIdentity, ...]:
    return tuple(dict.fromkeys(people))


def target_of(label: str, gold: GoldMeeting, roster: Roster) -> Target:
    """The Target of gold meeting `gold`, its people found in `roster`."""
    required = _unique(roster[p] for p in gold.participants)
    optional = _unique(o for o in (roster[p] for p in gold.optional_participants)
                       if o not in required)
    date = None if gold.date is None else Date.parse(gold.date)
    return Target(label, gold, required, optional, date,
                  tuple(Date.parse(alt) for alt in gold.alt_dates))


def _within(date: str | None, gold: Date) -> bool:
    """Whether a meeting's stored date lies in the gold date: on its day, in its month or year.

    A gold month is met by the month or any of its days, never by the year alone.
    """
    days = interval_of(date)  # None when the meeting has no date
    if days is None:
        return False
    first, last = gold.interval()
    return first <= days[0] and days[1] <= last


def date_rank(date: str | None, target: Target) -> int:
    """2 if `date` agrees with the gold date at its precision, 1 if with an alt date, else 0.

    A gold meeting without a date agrees with any date, and with none.

    >>> gold = Target("a.txt", GoldMeeting(), (), (), Date.parse("2024-05"),
    ...               (Date.parse("2024-06-01"),))
    >>> [date_rank(d, gold) for d in ("2024-05-02", "2024-05", "2024-06-01", "2024", None)]
    [2, 2, 1, 0, 0]
    """
    if target.date is None or _within(date, target.date):
        return 2
    return 1 if any(_within(date, alt) for alt in target.alt_dates) else 0


def _people_text(names: Iterable[str]) -> str:
    return " + ".join(names) or "nobody"


def _gold_text(target: Target) -> str:
    people = _people_text(target.gold.participants)
    return f"{target.label}: {people}, {target.gold.date or 'no date'}"


def _sys_text(label: str, meeting: SystemMeeting) -> str:
    people = _people_text(sorted(p.name for p in meeting.people))
    return f"{label}: {people}, {meeting.date or 'no date'}"


@dataclass
class Outcome:
    matched: list[tuple[Target, SystemMeeting]]
    misses: list[str]
    false_alarms: list[str]
    duplicates: int
    neutral: int
    scorable: int
    system: int
    dated: int  # gold meetings with a date matched on their people, dates aside
    dated_agree: int  # ... whose date agrees


def match_meetings(meetings: Sequence[SystemMeeting], targets: Sequence[Target],
                   linked: dict[str, frozenset[GoldIdentity]], label: str) -> Outcome:
    fits = []  # (rank key, target index, meeting index, date rank)
    neutral_ok: set[int] = set()
    for mi, meeting in enumerate(meetings):
        for ti, target in enumerate(targets):
            allowed = {*target.required, *target.optional}
            if any(not linked[p.id] & allowed for p in meeting.people):
                continue  # someone outside required + optional
            date = date_rank(meeting.date, target)
            covered = matching_size([[j for j, g in enumerate(target.required)
                                     if g in linked[p.id]] for p in meeting.people])
            if len(target.required) >= 2 and covered >= 2:
                fits.append(((-covered, -date, len(meeting.people), ti, meeting.id), ti, mi, date))
            elif date and (len(target.required) < 2 or len(meeting.people) < 2):
                neutral_ok.add(mi)
    fits.sort()
    matched: dict[int, int] = {}  # target -> meeting, on people (and date, where it agrees)
    status: dict[int, str] = {}  # meeting -> "hit", "duplicate" or a false alarm's reason
    for agreeing in (True, False):  # matches with the date first, then matches dates aside
        for _, ti, mi, date in fits:
            if bool(date) == agreeing and ti not in matched and mi not in status:
                matched[ti] = mi
                status[mi] = "hit" if agreeing else f"date; gold {targets[ti].gold.date}"
        for _, ti, mi, date in fits:
            if bool(date) == agreeing and mi not in status:
                status[mi] = "duplicate" if agreeing else f"date; gold {targets[ti].gold.date}"
    hits = [(ti, mi) for ti, mi in sorted(matched.items()) if status[mi] == "hit"]
    hit_targets = {ti for ti, _ in hits}
    scorable = [ti for ti, t in enumerate(targets) if len(t.required) >= 2]
    neutral = [mi for mi in range(len(meetings)) if mi not in status and mi in neutral_ok]
    false_alarms = []
    for mi, meeting in enumerate(meetings):
        reason = status.get(mi)
        if reason != "hit" and mi not in neutral:
            text = _sys_text(label, meeting)
            false_alarms.append(f"{text} ({reason})" if reason else text)
    dated = [ti for ti in matched if targets[ti].gold.date is not None]
    return Outcome(
        matched=[(targets[ti], meetings[mi]) for ti, mi in hits],
        misses=[_gold_text(targets[ti]) for ti in scorable if ti not in hit_targets],
        false_alarms=false_alarms,
        duplicates=sum(reason == "duplicate" for reason in status.values()),
        neutral=len(neutral),
        scorable=len(scorable),
        system=len(meetings) - len(neutral),
        dated=len(dated),
        dated_agree=sum(ti in hit_targets for ti in dated),
    )
