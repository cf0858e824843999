"""Matching system meetings to gold meetings, each to one at most, by an optimal matching."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import networkx as nx
from networkx.algorithms import bipartite

from diplograph.dates import Date, interval_of

from .gold import GoldMeeting
from .people import GoldIdentity, Roster
from .views import SystemMeeting

__all__ = ["Outcome", "Target", "date_rank", "match_meetings", "matching_size", "target_of"]


def matching_size(adjacency: Sequence[Iterable[Hashable]]) -> int:
    """The size of a maximum matching of a bipartite graph given as left -> right neighbours.

    Left nodes are the positions of `adjacency`; each may be matched to one right node, and
    each right node to one left node.

    >>> matching_size([["x", "y"], ["x"], ["x"]])
    2
    """
    B = nx.Graph()
    B.add_edges_from(((0, left), (1, right)) for left, rights in enumerate(adjacency)
                     for right in rights)
    lefts = [node for node in B if node[0] == 0]
    return len(bipartite.hopcroft_karp_matching(B, top_nodes=lefts)) // 2 if lefts else 0


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
    """How the meetings of one scope fared: the hits, and what goes into the figures."""

    matched: list[tuple[Target, SystemMeeting]]
    misses: list[str]
    false_alarms: list[str]
    duplicates: int
    neutral: int
    scorable: int
    system: int
    dated: int  # gold meetings with a date matched on their people, dates aside
    dated_agree: int  # ... whose date agrees


@dataclass(frozen=True)
class _Fit:
    """A system meeting that a gold meeting's people fit (its date aside)."""

    target: int
    meeting: int  # meetings come sorted by node id
    covered: int  # gold participants it has, one person node each
    date: int  # date_rank
    people: int  # its participants

    @property
    def rank(self) -> tuple[int, ...]:
        """Best first: more gold people covered, then the main date over an alt date, then
        fewer participants; then the gold file's order and the meeting's id."""
        return -self.covered, -self.date, self.people, self.target, self.meeting


def _fits(meetings: Sequence[SystemMeeting], targets: Sequence[Target],
          linked: dict[str, frozenset[GoldIdentity]]) -> tuple[list[_Fit], set[int]]:
    """The fits of two gold people or more, and the meetings that may be neutral."""
    fits = []
    neutral_ok: set[int] = set()
    for mi, meeting in enumerate(meetings):
        for ti, gold in enumerate(targets):
            allowed = {*gold.required, *gold.optional}
            if any(not linked[p.id] & allowed for p in meeting.people):
                continue  # someone outside required + optional
            date = date_rank(meeting.date, gold)
            covered = matching_size([[g for g in gold.required if g in linked[p.id]]
                                     for p in meeting.people])
            if len(gold.required) >= 2 and covered >= 2:
                fits.append(_Fit(ti, mi, covered, date, len(meeting.people)))
            elif date and (len(gold.required) < 2 or len(meeting.people) < 2):
                neutral_ok.add(mi)
    return fits, neutral_ok


def _best_matching(fits: Sequence[_Fit]) -> dict[int, int]:
    """Target -> meeting: the most pairs, and of those the best by `_Fit.rank`.

    networkx's maximum-weight matching with `maxcardinality` gives the most pairs, and of those
    the heaviest. A fit's weight writes its rank as digits of a base larger than any sum of one
    digit over a matching, so that sums compare digit by digit: most gold people covered in
    all, then most main dates, then fewest participants. The last digit, one bit per fit in
    rank order, breaks ties towards the best fits, so that where a greedy pass (the best fit
    left first) is optimal, the matching is the one it takes.
    """
    if not fits:
        return {}
    # Every digit is at most `most` (covered <= people, date <= 2 <= covered), and no matching
    # has more pairs than there are fits, so no sum of one digit reaches `base`; the bits of a
    # matching sum to less than 2 ** len(fits).
    most = max(f.people for f in fits)
    base = len(fits) * most + 1
    B = nx.Graph()
    for bit, f in enumerate(sorted(fits, key=lambda f: f.rank, reverse=True)):
        weight = (f.covered * base + f.date) * base + (most - f.people)
        B.add_edge((0, f.target), (1, f.meeting), weight=(weight << len(fits)) + (1 << bit))
    pairs = (sorted(pair) for pair in nx.max_weight_matching(B, maxcardinality=True))
    return {gold[1]: system[1] for gold, system in pairs}


def match_meetings(meetings: Sequence[SystemMeeting], targets: Sequence[Target],
                   linked: dict[str, frozenset[GoldIdentity]], label: str) -> Outcome:
    """Match system meetings to gold meetings, each to one at most, and say how each fared.

    Meetings whose date agrees are matched first, optimally (`_best_matching`): those matched
    are hits, and a meeting that also fits a gold meeting with its date but is left over is a
    *duplicate*. Then the gold meetings left are matched to the meetings left, dates aside:
    those are false alarms that say ``(date; gold ...)``, and count in the dates share.
    `linked` maps each person node to the gold people it may be.

    >>> from evaluation.people import SystemPerson
    >>> roster = Roster([], ["Anna Berg", "Carl Dunn"])
    >>> people = [SystemPerson.of(f"person:{n}", {"name": n}) for n in ("Anna Berg", "Dunn")]
    >>> m = SystemMeeting("meeting:m", tuple(people), "2024-05-02", frozenset(), frozenset())
    >>> gold = GoldMeeting(participants=("Anna Berg", "Carl Dunn"), date="2024-05")
    >>> linked = {p.id: roster.linked(p) for p in people}
    >>> outcome = match_meetings([m], [target_of("a.txt", gold, roster)], linked, "a.txt")
    >>> len(outcome.matched), outcome.misses, outcome.false_alarms
    (0, ['a.txt: Anna Berg + Carl Dunn, 2024-05'], ['a.txt: Anna Berg + Dunn, 2024-05-02'])
    >>> people[1] = SystemPerson.of("person:carl-dunn", {"name": "Carl Dunn", "aliases": ["Dunn"]})
    >>> m = SystemMeeting("meeting:m", tuple(people), "2024-05-02", frozenset(), frozenset())
    >>> linked = {p.id: roster.linked(p) for p in people}
    >>> outcome = match_meetings([m], [target_of("a.txt", gold, roster)], linked, "a.txt")
    >>> len(outcome.matched), outcome.misses, outcome.false_alarms
    (1, [], [])
    """
    fits, neutral_ok = _fits(meetings, targets, linked)
    hits = _best_matching([f for f in fits if f.date])
    status = {mi: "hit" for mi in hits.values()}  # meeting -> "hit", "duplicate" or a reason
    for fit in fits:
        if fit.date:
            status.setdefault(fit.meeting, "duplicate")
    later = [f for f in fits if not f.date and f.meeting not in status]
    by_people = _best_matching([f for f in later if f.target not in hits])
    status |= {mi: f"date; gold {targets[ti].gold.date}" for ti, mi in by_people.items()}
    # A meeting left over says the date of the best gold meeting its people fit.
    for fit in sorted(later, key=lambda f: f.rank):
        status.setdefault(fit.meeting, f"date; gold {targets[fit.target].gold.date}")
    scorable = [ti for ti, t in enumerate(targets) if len(t.required) >= 2]
    neutral = [mi for mi in range(len(meetings)) if mi not in status and mi in neutral_ok]
    false_alarms = []
    for mi, meeting in enumerate(meetings):
        reason = status.get(mi)
        if reason != "hit" and mi not in neutral:
            text = _sys_text(label, meeting)
            false_alarms.append(f"{text} ({reason})" if reason else text)
    dated = [ti for ti in (*hits, *by_people) if targets[ti].gold.date is not None]
    return Outcome(
        matched=[(targets[ti], meetings[mi]) for ti, mi in sorted(hits.items())],
        misses=[_gold_text(targets[ti]) for ti in scorable if ti not in hits],
        false_alarms=false_alarms,
        duplicates=sum(reason == "duplicate" for reason in status.values()),
        neutral=len(neutral),
        scorable=len(scorable),
        system=len(meetings) - len(neutral),
        dated=len(dated),
        dated_agree=sum(ti in hits for ti in dated),
    )
