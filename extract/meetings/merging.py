"""Merge the drafts of one meeting within an article: the lead and "the talks" later on."""

from __future__ import annotations

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
    merged: list[Draft] = []
    for draft in (d for d in drafts if len(d.participants) >= 2):
        same = next((m for m in merged if compatible(m, draft)
                     and len(set(m.participants) & set(draft.participants)) >= 2
                     and not ((on_the_side(draft.sentence, words) or on_the_side(m.sentence, words))
                              and set(m.participants) != set(draft.participants))), None)
        same = same or (told_before(draft, merged) if draft.definite else None)
        if same is None:
            merged.append(draft)
        else:
            absorb(same, draft)
    described = []
    for draft in (d for d in drafts if len(d.participants) < 2):
        hosts = [m for m in merged if compatible(m, draft)
                 and set(draft.participants) <= set(m.participants)]
        host = told_before(draft, merged) if draft.definite else None
        if host is None and hosts:
            host = min(hosts, key=lambda m: abs(m.sentence.start - draft.sentence.start))
        if host is not None:
            absorb(host, draft)
        elif draft.counterpart and draft.participants:
            described.append(draft)  # kept for resolution across articles to name the other
    return merged + described


def told_before(draft: Draft, merged: list[Draft]) -> Draft | None:
    """The nearest compatible meeting told before ``draft``, or in its own sentence."""
    earlier = [m for m in merged if compatible(m, draft)
               and m.sentence.start <= draft.sentence.start]
    return max(earlier, key=lambda m: m.sentence.start) if earlier else None


def compatible(a: Draft, b: Draft) -> bool:
    return a.status == b.status and a.historical == b.historical and dates_agree(a.date, b.date)
