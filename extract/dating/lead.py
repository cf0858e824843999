"""The day the story's lead tells: news leads with its event and its day ("X said on Wednesday
that ..."), and the sentences after it tell more of that event without saying the day again.

A held meeting whose own sentence states no date is on the lead's day, rather than on the day
the page was published (often the day after): "X said on Wednesday ... X told his counterpart
Y during their phone call", "X met Y on Tuesday. In the meantime, Z met W".
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from diplograph.dates import Date

from ..ents import sentence_ents
from .phrases import resolve_date

__all__ = ["LEAD_SENTENCES", "STORY_DAYS", "lead_day"]

LEAD_SENTENCES = 2  # the first sentences of prose that make the lead
STORY_DAYS = 7  # a lead's day is at most this many days before the story's own


def lead_day(doc: Doc, reference: dt.date | None, body: list[bool]) -> Date | None:
    """The day the lead states, within a week before `reference` (the story's own day).

    None when the story has no reference day, or its lead states no such day.
    """
    if reference is None:
        return None
    leads = [s for s in doc.sents if body[s.start] and len(s) > 3][:LEAD_SENTENCES]
    for sent in leads:
        for ent in sentence_ents(sent):
            if ent.label_ not in ("DATE", "TIME"):
                continue
            date = resolve_date(ent.text, reference=reference)
            if date is None or date.precision != "day":
                continue
            gap = (reference - dt.date.fromisoformat(date.value)).days
            if 0 < gap <= STORY_DAYS:
                return date.model_copy(update={"basis": "relative"})
    return None
