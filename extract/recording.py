"""The records of one read Doc: its people, places, organisations and meetings, with evidence.

The rule components leave their findings on the Doc (``doc._.cast``, ``doc._.meetings``); this
turns them into the records `extract` returns (`extract.records`), each fact with the sentence
that states it and its offsets in the article as read.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from diplograph.countries import country_name

from .components.context import page_of
from .meetings import Draft
from .people import Cast
from .records import (
    AgreementRecord,
    ArticleExtraction,
    EntityKind,
    EntityRecord,
    Evidence,
    MeetingRecord,
    ParticipantRecord,
    PersonRecord,
    TopicRecord,
)

__all__ = ["records_of"]

_ARTICLE_WORD = re.compile(r"^(the|The)\s+|['’]s?$")


def records_of(doc: Doc) -> ArticleExtraction:
    """The records of a Doc the whole pipeline has read."""
    cast: Cast = doc._.cast
    meetings = [_meeting(doc, d, cast) for d in doc._.meetings]
    return ArticleExtraction(article=page_of(doc).article, people=tuple(_people(doc, meetings)),
                             entities=tuple(_entities(doc)), meetings=tuple(meetings))


def _evidence(doc: Doc, span: Span) -> Evidence:
    page = page_of(doc)
    start = page.clean.to_original(span.start_char)
    end = page.clean.to_original(span.end_char, end=True)
    return Evidence(article=page.article.id, sentence=page.article.text[start:end],
                    start=start, end=end)


def _people(doc: Doc, meetings: list[MeetingRecord]) -> list[PersonRecord]:
    """People the story supports: a full name, a title, or a part in a meeting.

    A lone capitalised word that nothing else supports ("Explainer: ...") is not kept.
    """
    taking_part = {q.person for m in meetings for q in m.participants}
    records = []
    for person in doc._.cast.people:
        if len(person.tokens) < 2 and not person.titles and person.key not in taking_part:
            continue
        first = doc[person.mentions[0][0]] if person.mentions else None
        records.append(PersonRecord(
            key=person.key, name=person.name,
            aliases=tuple(n for n in person.names if n != person.name),
            titles=tuple(person.titles), countries=tuple(person.countries),
            organisations=tuple(person.organisations), relations=tuple(person.relations),
            evidence=(_evidence(doc, first.sent),) if first is not None else (),
        ))
    return records


def _entities(doc: Doc) -> list[EntityRecord]:
    """Countries, organisations and places named in prose, each with its first sentence."""
    cast, body = doc._.cast, doc._.body
    seen: dict[tuple[EntityKind, str], Span] = {}
    kind: EntityKind
    for ent in doc.ents:
        if not body[ent.start] or ent.start in cast.token_person:
            continue
        text = _ARTICLE_WORD.sub("", ent.text).strip()
        if not text or "\n" in text:
            continue
        country = country_name(text) if ent.label_ in ("GPE", "NORP") else None
        if country:
            kind, name = "country", country
        elif ent.label_ == "ORG":
            kind, name = "organisation", text
        elif ent.label_ in ("GPE", "LOC", "FAC"):
            kind, name = "location", text
        else:
            continue
        seen.setdefault((kind, name), ent)
    return [EntityRecord(kind=kind, name=name, evidence=(_evidence(doc, ent.sent),))
            for (kind, name), ent in seen.items()]


def _meeting(doc: Doc, draft: Draft, cast: Cast) -> MeetingRecord:
    topics: dict[str, TopicRecord] = {}
    for mention in draft.topics:
        topics.setdefault(mention.name, TopicRecord(
            area=mention.name, evidence=_evidence(doc, mention.sentence)))
    return MeetingRecord(
        participants=tuple(ParticipantRecord(person=cast.people[p].key, role=role)
                           for p, role in draft.participants.items()),
        date=draft.date, status=draft.status, historical=draft.historical,
        location=draft.location, venue=draft.venue, mode=draft.mode,
        topics=tuple(topics.values()),
        agreements=tuple(AgreementRecord(kind=m.kind, text=m.name, sectors=m.sectors,
                                         evidence=_evidence(doc, m.sentence))
                         for m in draft.agreements),
        confidence=round(draft.confidence, 2),
        evidence=tuple(_evidence(doc, s) for s in draft.sentences),
        counterpart=draft.counterpart, rules=tuple(draft.rules),
    )
