"""The date a sentence states for its meeting: "on Monday", "in September 2022 ... on
September 6", but not "which arrived the day before" or "since becoming minister last October".
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from diplograph.dates import Date

from ..ents import sentence_ents
from ..walks import VERBS, upward
from .forms import Tense
from .phrases import resolve_date
from .words import NUMBER

__all__ = ["SAME_DAY", "meeting_date", "path_is_clausemate", "period_of_filing", "within"]


def path_is_clausemate(token: Token, anchor: Token) -> bool:
    """Whether ``token`` hangs on ``anchor`` without crossing into another clause."""
    t = token
    for _ in range(12):
        if t.i == anchor.i:
            return True
        # A date in a relative or reported clause is another event's ("which arrived the day
        # before"), as is one on a verb of its own ("since becoming minister last October",
        # "... and signed a pact in 2023"); one on a participial phrase ("a delegation led by
        # X on Monday") is ours.
        if t.dep_ in ("relcl", "ccomp", "parataxis", "pcomp") or t.head.i == t.i or (
                t.dep_ == "conj" and t.pos_ in VERBS):
            return False
        t = t.head
    return False


# The arcs from a meeting word up to the words whose dates are its own.
_DATED_THROUGH = frozenset({"xcomp", "advcl", "pobj", "prep", "dobj", "nsubjpass", "nsubj", "conj"})


def meeting_date(trigger: Token, sent: Span, reference: dt.date | None,
                 *, tense: Tense, skip: tuple[int, int]) -> tuple[Date | None, bool]:
    """The date stated for the meeting in its sentence, and whether the sentence dates it.

    A date phrase that cannot be placed ("last autumn") still dates the meeting: it is not the
    day of the article, so the article's date is not used for it.
    """
    anchors = [trigger, *upward(trigger, lambda t: t.dep_ in _DATED_THROUGH)]
    stated = False
    phrases = []
    for ent in sentence_ents(sent):
        # "on Monday night" is a TIME to the model: a time that names no day is left out
        if ent.label_ not in ("DATE", "TIME") or skip[0] <= ent.start_char < skip[1]:
            continue
        phrase = _with_preposition(ent)
        if _DURATION.match(phrase) or _LATER.search(phrase):
            continue
        if any(path_is_clausemate(ent.root, a) for a in anchors):
            phrases.append(phrase)
            stated = stated or (ent.label_ == "DATE" and _placeless(ent))
    records = [r for p in phrases if (r := resolve_date(p, reference=reference, tense=tense))]
    if not records:
        return None, stated
    # "In September 2022, ... held talks ... on September 6": the day within the month
    return next(filter(None, (within(records[0], r.text) for r in records[1:])),
                records[0]), True


def period_of_filing(trigger: Token, sent: Span, filed: Date | None,
                    *, tense: Tense, skip: tuple[int, int]) -> Date | None:
    """The month (or year) of a day the sentence counts from the story's own ("on Tuesday",
    "yesterday"), when the story is known only by the month or year its address files it
    under ("/2023/12/", "/2005/").

    Counted from that period's last day (its first, for a meeting still to come), the phrase
    names a day in it; the day itself cannot be known, so only the period is kept.
    """
    if filed is None or filed.partial or filed.precision == "day":
        return None
    first, last = filed.interval()
    date, _ = meeting_date(trigger, sent, last if tense == "past" else first,
                           tense=tense, skip=skip)
    if date is None or date.basis != "relative":
        return None
    if filed.precision == "year" or date.precision == "year":
        return Date.of(date.year, basis="relative", text=date.text)
    return Date.of(date.year, date.month, basis="relative", text=date.text)


def within(period: Date | None, phrase: str) -> Date | None:
    """The day a year-less phrase ("on April 8") names inside a period already told
    ("in April 2017"), if it names one there."""
    if period is None or period.basis != "explicit" or period.precision == "day":
        return None
    first, last = period.interval()
    day = resolve_date(phrase, reference=last)
    if day is None or day.precision != "day" or day.basis == "explicit" \
            or not first.isoformat() <= day.value <= last.isoformat():
        return None
    return day


# "A year later", "two days later": counted from a day just told, not from the article's.
_LATER = re.compile(r"\b(?:days?|weeks?|months?|years?|decades?)\s+later\b", re.IGNORECASE)
# "the first visit in seven years", "for two decades": how long, not when.
_DURATION = re.compile(
    rf"^(?:in|for|over|after|within)\s+(?:the\s+(?:past|last)\s+)?(?:{NUMBER}|several|many|"
    r"a\s+few)\s+(?:years?|months?|weeks?|decades?)$",
    re.IGNORECASE,
)


SAME_DAY = re.compile(r"\b(?:same|that)\s+day\b", re.IGNORECASE)


def _placeless(ent: Span) -> bool:
    """A time the meeting happened that no calendar date can be given ("last autumn")."""
    return not any(t.like_num for t in ent) and ent.root.lower_ not in ("years", "days", "weeks")


def _with_preposition(ent: Span) -> str:
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return f"{before.text} {ent.text}" if before is not None and before.dep_ == "prep" else ent.text
