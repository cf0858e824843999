"""Merge the drafts of one meeting within an article: the lead and "the talks" later on."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable

from diplograph.dates import Date

from ..vocabulary import Words
from .drafts import Draft
from .setting import on_the_side

__all__ = ["merge_drafts"]


def dates_agree(a: Date | None, b: Date | None) -> bool:
    if a is None or b is None:
        return True
    # The article's own date yields to a date the text states.
    return "article" in (a.basis, b.basis) or a.contains(b)


def better_date(a: Date | None, b: Date | None) -> Date | None:
    return max((d for d in (a, b) if d is not None), key=lambda d: d.rank, default=None)


def absorb(into: Draft, other: Draft) -> None:
    for person, role in other.participants.items():
        if into.participants.get(person, "participant") == "participant":
            into.participants[person] = role
    into.date = better_date(into.date, other.date)
    into.location = into.location or other.location
    into.venue = into.venue or other.venue
    into.confidence = min(0.95, max(into.confidence, other.confidence) + 0.05)
    told = {s.start for s in into.sentences}
    into.sentences += [s for s in other.sentences if s.start not in told]
    into.rules += [r for r in other.rules if r not in into.rules]
    if other.mode != "in_person":
        into.mode = other.mode


def merge_drafts(drafts: list[Draft], words: Words) -> list[Draft]:
    """Merge the drafts of one meeting within an article; drop drafts left with one person.

    Two drafts are one meeting when their status and historical flag agree, their dates agree,
    and they share two participants. "The meeting", "the talks" name a meeting already told:
    such a draft, and a lone-participant one that shares its person, joins the nearest
    earlier (or, failing that, any) such meeting.
    """
    merged = MergedMeetings()
    for draft in (d for d in drafts if len(d.participants) >= 2):
        same = next((m for m in merged.with_people(draft.participants, 2)
                     if compatible(m, draft)
                     and not ((on_the_side(draft.sentence, words) or on_the_side(m.sentence, words))
                              and set(m.participants) != set(draft.participants))), None)
        same = same or (merged.told_before(draft) if draft.definite else None)
        if same is None:
            merged.add(draft)
        else:
            merged.absorb(same, draft)
    described = []
    for draft in (d for d in drafts if len(d.participants) < 2):
        hosts = [m for m in merged.with_people(draft.participants, len(draft.participants))
                 if compatible(m, draft)]
        host = merged.told_before(draft) if draft.definite else None
        if host is None and hosts:
            host = min(hosts, key=lambda m: abs(m.sentence.start - draft.sentence.start))
        if host is not None:
            merged.absorb(host, draft)
        elif draft.counterpart and draft.participants:
            described.append(draft)  # kept for resolution across articles to name the other
    return merged.drafts + described


class MergedMeetings:
    """The meetings merged so far, indexed by participant and by sentence: a long text holds
    thousands of drafts, and each is compared only with the meetings it could join."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self._number: dict[int, int] = {}  # id of a merged draft -> its place in `drafts`
        self._by_person: dict[int, list[int]] = {}
        self._by_start: list[tuple[int, int]] = []  # (sentence start, -index), sorted

    def add(self, draft: Draft) -> None:
        k = self._number[id(draft)] = len(self.drafts)
        self.drafts.append(draft)
        for person in draft.participants:
            self._by_person.setdefault(person, []).append(k)
        bisect.insort(self._by_start, (draft.sentence.start, -k))

    def absorb(self, into: Draft, other: Draft) -> None:
        """Merge `other` into the meeting `into`, and index the people it brings."""
        before = set(into.participants)
        absorb(into, other)
        for person in into.participants.keys() - before:
            self._by_person.setdefault(person, []).append(self._number[id(into)])

    def with_people(self, people: Iterable[int], least: int) -> list[Draft]:
        """The meetings, in the order they were merged, that have `least` of `people`."""
        if least == 0:
            return list(self.drafts)
        shared = Counter(k for person in people for k in self._by_person.get(person, ()))
        return [self.drafts[k] for k in sorted(shared) if shared[k] >= least]

    def told_before(self, draft: Draft) -> Draft | None:
        """The nearest compatible meeting told before ``draft``, or in its own sentence (the
        first merged, of several in one sentence)."""
        end = bisect.bisect_right(self._by_start, (draft.sentence.start, 1))
        for i in range(end - 1, -1, -1):
            m = self.drafts[-self._by_start[i][1]]
            if compatible(m, draft):
                return m
        return None


def compatible(a: Draft, b: Draft) -> bool:
    return a.status == b.status and a.historical == b.historical and dates_agree(a.date, b.date)
