"""Read one draft meeting per meeting word: who, when, where, how, and in what status.

A meeting starts from meeting language (the span ruler's MEETING spans: met, talks, received,
a visit, a phone call...). Its participants come from the parse (`extract.meetings.parties`),
not from every name in the sentence; its date from its sentence (`extract.dating`), else from
the meeting just told or the story's own day. Quoted speech never states a meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from diplograph.dates import Date, is_historical

from ..budget import check
from ..dating.forms import Tense
from ..dating.meeting_date import SAME_DAY, meeting_date, period_of_filing
from ..lexicon import LEXICON, marks
from ..people import Cast
from ..records import Mode, Role, Status, as_mode
from ..topics import Mention
from ..vocabulary import Words
from .grammar import also, governor, in_relative_clause, negated
from .parties import fits_group, group_subject, last_named, parties, subject_pair_before
from .setting import (
    confidence_of,
    described_counterpart,
    implied_host,
    on_the_side,
    place_of,
    status_of,
)

__all__ = ["Draft", "dated_draft", "find_meetings", "set_the_scene"]

_DEFINITE = frozenset({"the", "this", "these", "that"})


@dataclass
class Draft:
    """A meeting as read from one sentence, then merged with the other drafts of it."""

    participants: dict[int, Role]  # person index -> role
    sentence: Span
    kind: str
    mode: Mode
    date: Date | None = None
    status: Status = "held"
    historical: bool = False
    location: str | None = None
    venue: str | None = None
    confidence: float = 0.5
    sentences: list[Span] = field(default_factory=list)
    # "took part in the talks", "after the meeting": a meeting already told, named again
    definite: bool = False
    counterpart: str | None = None  # "met the country's former leader": described, unnamed
    rules: list[str] = field(default_factory=list)  # the rules that found its people
    topics: list[Mention] = field(default_factory=list)
    agreements: list[Mention] = field(default_factory=list)


def find_meetings(doc: Doc, words: Words) -> list[Draft]:
    """Read one draft per meeting word that has at least one participant.

    The Doc carries what the earlier components found: ``doc._.cast`` (people),
    ``doc._.body`` and ``doc._.quoted`` (which tokens are prose, which quoted speech),
    ``doc._.story_dates`` and ``doc._.dateline_span``.

    A meeting whose sentence states no date takes the story's fallback date (the article's
    date, or a dateline without a year), unless it is planned or told in the past perfect;
    "the summit" takes the date of the meeting words just before it ("leaders met on
    Saturday"). The dateline itself dates the story, not a meeting.
    """
    cast, body, quoted = doc._.cast, doc._.body, doc._.quoted
    titles = {i for s in doc.spans.get(LEXICON, []) if s.label_ == "TITLE"
              for i in range(s.start, s.end)}
    drafts: list[Draft] = []
    told: Date | None = None  # the date last stated next to meeting words
    for span in marks(doc, "MEETING"):
        check()  # the article's time budget (see `extract.budget`)
        trigger = span.root
        if quoted[trigger.i] or not body[trigger.i] or negated(trigger):
            continue  # quoted speech, headlines, "did not attend the talks"
        kind, mode = span.id_.split(":")
        roles, rules = parties(trigger, kind, cast, quoted, words)
        if kind in words["joint_kinds"] and (len(roles) < 2 or in_relative_clause(trigger)):
            continue  # "..., who agreed on a tariff": the clause tells of a meeting told
        group = group_subject(trigger, words) if len(roles) < 2 else None
        if group is not None and (pair := _group_pair(trigger, group, drafts, cast)):
            rules.append("group_subject")
            for person in pair:
                roles.setdefault(person, "participant")
        draft, told = dated_draft(doc, trigger, kind, as_mode(mode), roles, told, words)
        if draft is not None:
            set_the_scene(draft, trigger, kind, cast, titles, words)
            draft.rules = list(dict.fromkeys(rules + draft.rules))
            drafts.append(draft)
    return drafts


def _group_pair(trigger: Token, group: str, drafts: list[Draft], cast: Cast) -> list[int]:
    """ "The two ministers last met in August", "They first met in 2009": the people of the
    meeting just told (in this sentence first: "a meeting with Y, at which the two leaders
    discussed"), of an "X and Y" subject just before, or else the last two named who fit."""
    told = [d for d in drafts if len(d.participants) >= 2]

    def pairs() -> Iterator[list[int]]:  # the nearest first, each looked for only if needed
        yield from (list(d.participants) for d in reversed(told)
                    if d.sentence.start == trigger.sent.start)
        yield subject_pair_before(trigger, cast)
        yield from (list(d.participants) for d in reversed(told))
        yield last_named(cast, trigger, group)

    return next((p for p in pairs() if p and all(fits_group(cast, k, group) for k in p)), [])


def dated_draft(doc: Doc, trigger: Token, kind: str, mode: Mode, roles: dict[int, Role],
                 told: Date | None, words: Words) -> tuple[Draft | None, Date | None]:
    """The draft of a meeting word with its date and status (None without participants), and
    the date last told next to meeting words after it."""
    story = doc._.story_dates
    reference = story.reference
    sent = trigger.sent
    status = status_of(trigger, words)
    tense: Tense = "past" if status == "held" else "future"  # a cancelled one was still to come
    date, stated = meeting_date(trigger, sent, reference, tense=tense, skip=doc._.dateline_span)
    if date is None and stated and reference is None:
        date = period_of_filing(trigger, sent, story.fallback, tense=tense,
                                skip=doc._.dateline_span)
    if date is not None and SAME_DAY.search(date.text) and told is not None \
            and told.precision == "day":
        date = told  # "later the same day": the day of the meeting just told
    definite = trigger.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in _DEFINITE for c in trigger.children)
    if not roles:
        if not in_relative_clause(trigger):  # "the CEPA, which was signed in January"
            told = date or told
        return None, told
    # "had met": "had" as the auxiliary of the meeting word, not "said he had talks" (a verb)
    perfect = any(c.dep_ == "aux" and c.lower_ in words["perfect_auxiliaries"]
                  for t in (trigger, governor(trigger)) for c in t.children)
    if date is None and not perfect and not stated:
        # "the talks", "X also met Y": the occasion just told, on its day; a meeting to come
        # (or called off) only of an occasion still to come when the story was written
        told_here = told if definite or also(trigger) or on_the_side(sent, words) else None
        if status == "held":
            date = told_here or story.lead or story.fallback
        else:
            date = (told_here if _to_come(told_here, reference) else None) \
                or _month(story.fallback)
    if date is not None and reference is not None and date.precision == "day" \
            and not date.partial and date.value > reference.isoformat() and status == "held":
        status = "planned"
    historical = bool(date and reference and not date.partial
                      and is_historical(date, reference)) or perfect
    draft = Draft(roles, sent, kind, mode, date, status, historical,
                  definite=definite, sentences=[sent])
    draft.confidence = 0.0 if stated or date else -0.1  # less sure without a date
    return draft, date if stated else told


def _to_come(date: Date | None, reference: dt.date | None) -> bool:
    return date is not None and reference is not None and not date.partial \
        and date.interval()[1] >= reference


def _month(date: Date | None) -> Date | None:
    """The month of the story's day: when a meeting to come or called off was in the news."""
    if date is None or date.partial or date.precision == "year":
        return None
    return Date.of(date.year, date.month, basis="article")


def set_the_scene(draft: Draft, trigger: Token, kind: str, cast: Cast, titles: set[int],
                   words: Words) -> None:
    """Place, venue, an implied host, the confidence and a described counterpart."""
    draft.location, draft.venue = place_of(draft.sentence, words)
    host = implied_host(kind, draft.participants, cast, draft.location, words)
    if host is not None:
        draft.participants[host] = "host"
        draft.rules.append("implied_host")
    draft.confidence += confidence_of(trigger, draft.participants, implied=host is not None)
    if len(draft.participants) == 1:
        draft.counterpart = described_counterpart(trigger, cast, titles)

