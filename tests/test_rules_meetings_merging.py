"""Merging meeting drafts (`extract.meetings.merging`), and the drafts `find_meetings` reads."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import article_from_text, names_of, roles_of
from small_docs import doc_of
from spacy.tokens import Doc

from diplograph.dates import Date
from extract.meetings import Draft, find_meetings, merge_drafts
from extract.meetings.merging import (
    MergedMeetings,
    absorb,
    better_date,
    compatible,
    dates_agree,
)
from extract.pipeline import read_docs
from extract.vocabulary import Words

WORDS = Words.load()


# -- merging ---------------------------------------------------------------------------------

# Four sentences to hang drafts on; the third is "on the sidelines".
STORY = doc_of("Ana met Bo . The talks went well . Bilateral talks followed . Ana met Cy .".split(),
               sent_starts=[w in (0, 4, 9, 13) for w in range(17)])
SENTENCES = list(STORY.sents)


def draft(participants: dict[int, str], sentence: int, *, date: str | None = None,
          **fields: object) -> Draft:
    return Draft(participants, SENTENCES[sentence], "meet", "in_person",
                 Date.parse(date) if date else None, sentences=[SENTENCES[sentence]],
                 **fields)


@pytest.mark.parametrize(("a", "b", "expected"), [
    (None, Date.parse("2025-03-03"), True),
    (Date.parse("2025-03"), Date.parse("2025-03-03"), True),  # the month holds the day
    (Date.parse("2025-03-04"), Date.parse("2025-03-03"), False),
    (Date.of_day(dt.date(2025, 3, 5), basis="article"), Date.parse("2025-03-03"), True),
])
def test_dates_agree_when_one_holds_the_other_or_is_the_articles(a, b, expected):
    assert dates_agree(a, b) is expected


def test_better_date_is_the_more_precise():
    day, month = Date.parse("2025-03-03"), Date.parse("2025-03")
    assert (better_date(month, day), better_date(None, month), better_date(None, None)) == (
        day, month, None)


def test_absorb_keeps_the_better_of_each_field():
    into = draft({0: "participant", 1: "guest"}, 0, date="2025-03", confidence=0.9,
                 rules=["verb_arguments"])
    other = draft({0: "host", 2: "participant"}, 1, date="2025-03-03", location="Lisbon",
                  confidence=0.8, rules=["noun_attachments"])
    other.mode = "phone_call"
    absorb(into, other)
    assert (into.participants, into.date.value, into.location, into.confidence, into.rules,
            into.mode, len(into.sentences)) == (
        {0: "host", 1: "guest", 2: "participant"}, "2025-03-03", "Lisbon", 0.95,
        ["verb_arguments", "noun_attachments"], "phone_call", 2)


def test_compatible_drafts_agree_in_status_history_and_date():
    held = draft({0: "participant"}, 0, date="2025-03-03")
    assert compatible(held, draft({1: "participant"}, 1, date="2025-03"))
    assert not compatible(held, draft({1: "participant"}, 1, date="2025-03-03",
                                      status="planned"))
    assert not compatible(held, draft({1: "participant"}, 1, historical=True))


def _merged(*drafts):
    merged = MergedMeetings()
    for d in drafts:
        merged.add(d)
    return merged


def test_told_before_is_the_nearest_compatible_meeting_before():
    first, second = draft({0: "p", 1: "p"}, 0), draft({0: "p", 2: "p"}, 2)
    merged = _merged(first, second)
    assert merged.told_before(draft({0: "p"}, 3)) is second
    assert merged.told_before(draft({0: "p"}, 1)) is first
    assert merged.told_before(draft({0: "p"}, 0, status="planned")) is None


def test_told_before_takes_the_first_merged_of_one_sentence():
    first, second = draft({0: "p", 1: "p"}, 2), draft({2: "p", 3: "p"}, 2)
    assert _merged(first, second).told_before(draft({0: "p"}, 3)) is first


def test_merged_meetings_know_the_people_an_absorbed_draft_brings():
    lead = draft({0: "p", 1: "p"}, 0)
    merged = _merged(lead)
    merged.absorb(lead, draft({1: "p", 2: "p"}, 1))
    assert merged.with_people([2], 1) == [lead]
    assert merged.with_people([0, 2], 2) == [lead]
    assert merged.with_people([3], 1) == []
    assert merged.with_people([], 0) == [lead]


def test_merge_drafts_joins_reports_of_one_meeting():
    lead = draft({0: "host", 1: "guest"}, 0)
    again = draft({0: "participant", 1: "participant"}, 1, venue="Belem Palace")
    merged = merge_drafts([lead, again], WORDS)
    assert merged == [lead] and lead.venue == "Belem Palace"


def test_merge_drafts_keeps_a_meeting_on_the_sidelines_apart():
    summit = draft({0: "p", 1: "p", 2: "p"}, 0)
    bilateral = draft({0: "p", 1: "p"}, 2)  # "Bilateral talks followed"
    assert merge_drafts([summit, bilateral], WORDS) == [summit, bilateral]


def test_merge_drafts_gives_the_talks_to_the_meeting_told_before():
    lead = draft({0: "p", 1: "p"}, 0)
    talks = draft({0: "p"}, 1, definite=True, location="Lisbon")
    assert merge_drafts([lead, talks], WORDS) == [lead] and lead.location == "Lisbon"


def test_merge_drafts_keeps_a_lone_person_only_with_a_described_counterpart():
    described = draft({0: "p"}, 3, counterpart="the ambassador")
    alone = draft({2: "p"}, 3)
    assert merge_drafts([described, alone], WORDS) == [described]


# -- drafts ----------------------------------------------------------------------------------

def read(text: str) -> Doc:
    """The Doc of an article published on Wednesday 5 March 2025."""
    return next(read_docs([article_from_text(text, dt.date(2025, 3, 5))]))


def summary(doc: Doc) -> list[tuple]:
    return [(roles_of(doc, d.participants), d.kind, d.mode,
             d.date and d.date.value, d.status, d.historical)
            for d in find_meetings(doc, WORDS)]


BOTH = {"Ana Silva": "participant", "Jonas Berg": "participant"}


@pytest.mark.parametrize(("text", "expected"), [
    ("President Ana Silva met Prime Minister Jonas Berg on Monday.",
     [(BOTH, "meet", "in_person", "2025-03-03", "held", False)]),
    ("President Ana Silva met Prime Minister Jonas Berg.",  # the article's day
     [(BOTH, "meet", "in_person", "2025-03-05", "held", False)]),
    ("President Ana Silva will meet Prime Minister Jonas Berg on March 20.",
     [(BOTH, "meet", "in_person", "2025-03-20", "planned", False)]),
    ("President Ana Silva met Prime Minister Jonas Berg on March 20, 2025.",  # after the story
     [(BOTH, "meet", "in_person", "2025-03-20", "planned", False)]),
    ("President Ana Silva spoke by phone with Prime Minister Jonas Berg on Monday.",
     [(BOTH, "call", "phone_call", "2025-03-03", "held", False)]),
    ("President Ana Silva had met Prime Minister Jonas Berg in Oslo.",  # past perfect
     [(BOTH, "meet", "in_person", None, "held", True)]),
    ("President Ana Silva met Prime Minister Jonas Berg in 2019.",
     [(BOTH, "meet", "in_person", "2019", "held", True)]),
    ("President Ana Silva and Prime Minister Jonas Berg agreed on Tuesday to expand trade.",
     [(BOTH, "joint", "in_person", "2025-03-04", "held", False)]),
])
def test_find_meetings_reads_people_kind_date_and_status(text, expected):
    assert summary(read(text)) == expected


def test_had_as_the_verb_of_a_meeting_is_no_past_perfect():
    # "had met" is background; "said she had a conversation with" is the story's own meeting
    doc = read("Ana Silva said she had a positive and frank conversation with Jonas Berg and "
               "thanked him.")
    assert [(m.date and m.date.value, m.historical) for m in doc._.meetings] == [
        ("2025-03-05", False)]


@pytest.mark.parametrize("text", [
    '"President Ana Silva met Prime Minister Jonas Berg on Monday," an aide said.',
    "President Ana Silva did not meet Prime Minister Jonas Berg.",
    "President Ana Silva agreed on Tuesday to expand trade.",  # a joint verb needs two
])
def test_find_meetings_finds_none_in_quotes_negations_or_a_lone_joint_verb(text):
    assert summary(read(text)) == []


def test_find_meetings_dates_the_same_day_by_the_meeting_just_told():
    doc = read("President Ana Silva met Prime Minister Jonas Berg on Monday. Later the same "
               "day, she also met Tomas Varga.")
    assert [(names_of(doc, d.participants), d.date.value)
            for d in find_meetings(doc, WORDS)] == [
        (["Ana Silva", "Jonas Berg"], "2025-03-03"), (["Ana Silva", "Tomas Varga"], "2025-03-03")]


def test_find_meetings_takes_they_for_the_pair_just_named():
    doc = read("Ana Silva and Jonas Berg are old friends. They first met in 2009.")
    [found] = find_meetings(doc, WORDS)
    assert (names_of(doc, found.participants), found.date.value, found.rules) == (
        ["Ana Silva", "Jonas Berg"], "2009", ["group_subject"])


def test_find_meetings_sets_the_scene_of_a_visit():
    doc = read("Tomas Varga visited Portugal, where he met Portuguese President Ana Silva.")
    visit = find_meetings(doc, WORDS)[0]
    assert (roles_of(doc, visit.participants), visit.location, visit.rules) == (
        {"Tomas Varga": "guest", "Ana Silva": "host"}, "Portugal",
        ["verb_arguments", "implied_host"])


def test_find_meetings_keeps_a_described_counterpart():
    doc = read("President Ana Silva met the ambassador.")
    [found] = find_meetings(doc, WORDS)
    assert (names_of(doc, found.participants), found.counterpart) == (
        ["Ana Silva"], "the ambassador")
