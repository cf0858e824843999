"""Each rule of `extract.meetings` on a small Doc: grammar, parties, setting, merging, drafts.

Rules that walk the parse run on Docs built by hand (`small_docs.doc_of`), so each test states
the shape it reads; rules that read the people the pipeline found run on the pipeline's Doc of
one invented sentence, with its ``doc._.cast``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest
from conftest import article_from_text
from small_docs import cast_of, doc_of
from spacy.tokens import Doc, Token

from diplograph.dates import Date
from extract import load_pipeline
from extract.lexicon import marks
from extract.meetings import Draft, find_meetings, merge_drafts
from extract.meetings.grammar import (
    also,
    coordinated,
    governor,
    in_relative_clause,
    negated,
    people_in,
    subjects,
    verb_of,
)
from extract.meetings.merging import (
    MergedMeetings,
    absorb,
    better_date,
    compatible,
    dates_agree,
)
from extract.meetings.parties import (
    after_its_date,
    fits_group,
    group_subject,
    inviters,
    last_named,
    misattached_company,
    name_before,
    noun_attachments,
    object_people,
    parties,
    subject_pair_before,
    subject_people,
)
from extract.meetings.setting import (
    confidence_of,
    described_counterpart,
    head_of,
    implied_host,
    is_place,
    on_the_side,
    place_of,
    status_of,
    visited,
)
from extract.pipeline import read_docs
from extract.vocabulary import Words

WORDS = Words.load()


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def trigger_of(doc: Doc, word: str) -> tuple[Token, str]:
    """The meeting word ``word`` of a Doc, and its kind ("receive", "visit", ...)."""
    span = next(s for s in marks(doc, "MEETING") if s.text == word)
    return span.root, span.id_.split(":")[0]


def names_of(doc: Doc, people: Iterable[int]) -> list[str]:
    return [doc._.people[k].name for k in people]


def roles_of(doc: Doc, roles: dict[int, str]) -> dict[str, str]:
    """A meeting's roles by the names of its people."""
    return {doc._.people[k].name: role for k, role in roles.items()}


def unquoted(doc: Doc) -> list[bool]:
    return [False] * len(doc)


# -- grammar ---------------------------------------------------------------------------------

# "talks with Ana and Bo, who met Cy": Cy is in the relative clause, not in the phrase.
TALKS_WITH = doc_of(["talks", "with", "Ana", "and", "Bo", ",", "who", "met", "Cy"],
                    heads=[0, 0, 1, 2, 2, 2, 7, 2, 7],
                    deps=["ROOT", "prep", "pobj", "cc", "conj", "punct", "nsubj", "relcl", "dobj"])
TALKS_CAST = cast_of({"Ana": [2], "Bo": [4], "Cy": [8]})


@pytest.mark.parametrize(("quoted", "skip", "expected"), [
    (set(), None, [0, 1]),  # not Cy, in a relative clause
    ({4}, None, [0]),  # Bo in quoted speech
    (set(), 4, [0]),  # a token left out
])
def test_people_in_stays_in_the_phrase(quoted, skip, expected):
    flags = [i in quoted for i in range(len(TALKS_WITH))]
    assert people_in(TALKS_WITH[1], TALKS_CAST, flags, skip=skip) == expected


def test_people_in_crosses_an_and_the_parser_left_without_its_conj():
    # "met Ana and Bo", with Bo hung on the verb.
    doc = doc_of(["met", "Ana", "and", "Bo"], heads=[0, 0, 1, 0],
                 deps=["ROOT", "dobj", "cc", "npadvmod"])
    assert [t.text for t in coordinated(doc[1])] == ["Bo"]
    assert coordinated(doc[3]) == []  # nothing after it
    assert people_in(doc[1], cast_of({"Ana": [1], "Bo": [3]}), unquoted(doc)) == [0, 1]


# "thanked Ana for the meeting"
THANKED = doc_of(["thanked", "Ana", "for", "the", "meeting"], heads=[0, 0, 0, 4, 2],
                 deps=["ROOT", "dobj", "prep", "det", "pobj"],
                 pos=["VERB", "PROPN", "ADP", "DET", "NOUN"])


def test_governor_is_the_verb_a_meeting_noun_hangs_on():
    assert governor(THANKED[4]).text == "thanked"
    lone = doc_of(["the", "meeting"], heads=[1, 1], deps=["det", "ROOT"], pos=["DET", "NOUN"])
    assert governor(lone[1]).text == "meeting"  # no verb above: the noun itself


def test_verb_of_is_a_verb_itself_or_the_verb_of_its_noun():
    assert (verb_of(THANKED[0]).text, verb_of(THANKED[4]).text) == ("thanked", "thanked")


@pytest.mark.parametrize(("words", "heads", "deps", "verb", "expected"), [
    ("Ana and Bo met".split(), [3, 0, 3, 3], ["nsubj", "cc", "nsubj", "ROOT"], 3,
     ["Ana", "Bo"]),  # two subjects
    ("Ana agreed to meet Bo".split(), [1, 1, 3, 1, 3], ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
     3, ["Ana"]),  # inherited along xcomp
    ("Ana , who met Bo".split(), [0, 0, 3, 0, 3], ["ROOT", "punct", "nsubj", "relcl", "dobj"],
     3, ["Ana"]),  # a relative clause's subject is its head
    ("the meeting".split(), [1, 1], ["det", "ROOT"], 1, []),
])
def test_subjects_are_inherited_along_clause_chains(words, heads, deps, verb, expected):
    doc = doc_of(words, heads=heads, deps=deps)
    assert [t.text for t in subjects(doc[verb])] == expected


@pytest.mark.parametrize(("words", "heads", "deps", "pos", "trigger", "expected"), [
    ("Ana did not meet Bo".split(), [3, 3, 3, 3, 3], ["nsubj", "aux", "neg", "ROOT", "dobj"],
     ["PROPN", "AUX", "PART", "VERB", "PROPN"], 3, True),
    ("There was no meeting".split(), [1, 1, 3, 1], ["expl", "ROOT", "det", "attr"],
     ["PRON", "AUX", "DET", "NOUN"], 3, True),
    ("Ana met Bo".split(), [1, 1, 1], ["nsubj", "ROOT", "dobj"], ["PROPN", "VERB", "PROPN"], 1,
     False),
])
def test_negated_reads_not_and_no(words, heads, deps, pos, trigger, expected):
    doc = doc_of(words, heads=heads, deps=deps, pos=pos)
    assert negated(doc[trigger]) is expected


def test_in_relative_clause_is_any_token_under_a_relcl():
    assert [in_relative_clause(t) for t in TALKS_WITH] == [False] * 6 + [True] * 3


def test_also_is_an_also_on_the_meeting_verb():
    doc = doc_of(["Ana", "also", "met", "Bo"], heads=[2, 2, 2, 2],
                 deps=["nsubj", "advmod", "ROOT", "dobj"], pos=["PROPN", "ADV", "VERB", "PROPN"])
    assert (also(doc[2]), also(THANKED[4])) == (True, False)


# -- parties ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "word", "roles", "rules"), [
    ("President Ana Silva received Prime Minister Jonas Berg in Lisbon.", "received",
     {"Ana Silva": "host", "Jonas Berg": "guest"}, ["verb_arguments"]),
    ("Prime Minister Jonas Berg was received by President Ana Silva in Lisbon.", "received",
     {"Jonas Berg": "guest", "Ana Silva": "host"}, ["verb_arguments"]),  # the passive
    ("Ana Silva visited Oslo at the invitation of Jonas Berg.", "visited",
     {"Ana Silva": "guest", "Jonas Berg": "host"}, ["verb_arguments", "inviter"]),
    ("Foreign Minister Tomas Varga held talks with his counterpart Lena Kross in Vilnius.",
     "talks", {"Lena Kross": "participant", "Tomas Varga": "participant"},
     ["noun_attachments", "light_verb"]),
    ("A delegation headed by Ana Silva met Jonas Berg.", "met",
     {"Ana Silva": "delegation_head", "Jonas Berg": "participant"},
     ["verb_arguments", "delegation_head"]),
])
def test_parties_give_each_participant_a_role_and_name_the_rules(nlp, text, word, roles, rules):
    doc = nlp(text)
    trigger, kind = trigger_of(doc, word)
    found, used = parties(trigger, kind, doc._.cast, unquoted(doc), WORDS)
    assert (roles_of(doc, found), used) == (roles, rules)


def test_subject_and_object_people_take_a_misattached_with(nlp):
    doc = nlp("Ana Silva has met Jonas Berg at the ministry with Tomas Varga.")
    met, at = doc[3], doc[6]
    assert (met.text, at.text) == ("met", "at")
    assert names_of(doc, subject_people(met, doc._.cast, unquoted(doc))) == ["Ana Silva"]
    assert names_of(doc, object_people(met, doc._.cast, unquoted(doc), WORDS)) == [
        "Jonas Berg", "Tomas Varga"]
    assert names_of(doc, misattached_company(at, doc._.cast, unquoted(doc))) == ["Tomas Varga"]


def test_object_people_of_a_discussing_verb_are_nobody(nlp):
    doc = nlp("Ana Silva discussed Jonas Berg's proposal.")
    assert object_people(doc[2], doc._.cast, unquoted(doc), WORDS) == []


def test_name_before_takes_the_person_right_before_a_verb_without_subject():
    # "In Lisbon, Ana Silva has held talks", the name hung on the city.
    doc = doc_of(["In", "Lisbon", ",", "Ana", "Silva", "has", "held", "talks"],
                 heads=[6, 0, 6, 4, 1, 6, 6, 6],
                 deps=["prep", "pobj", "punct", "compound", "appos", "aux", "ROOT", "dobj"])
    cast = cast_of({"Ana Silva": [3, 4]})
    assert name_before(doc[6], cast, unquoted(doc)) == [0]
    assert name_before(doc[6], cast, [i == 4 for i in range(len(doc))]) == []


def test_noun_attachments_read_a_possessive(nlp):
    doc = nlp("Ana Silva's visit to Oslo ended.")
    visit, _ = trigger_of(doc, "visit")
    assert names_of(doc, noun_attachments(visit, doc._.cast, unquoted(doc), WORDS)) == [
        "Ana Silva"]


def test_after_its_date_reads_people_hung_on_the_date_after_a_meeting_noun():
    # "a meeting on Wednesday of the ministers, Ana": "on Wednesday" hung on the verb.
    doc = doc_of(["meeting", "on", "Wednesday", "of", "ministers", "Ana", "ended"],
                 heads=[6, 6, 1, 2, 3, 4, 6],
                 deps=["nsubj", "prep", "pobj", "prep", "pobj", "appos", "ROOT"],
                 ents=["O", "O", "B-DATE", "O", "O", "O", "O"])
    assert after_its_date(doc[0], cast_of({"Ana": [5]}), unquoted(doc), WORDS) == [0]


def test_inviters_are_who_invited(nlp):
    doc = nlp("Ana Silva visited Oslo at the invitation of Jonas Berg.")
    # A verb is its own verb, so its invitation is read twice: the roles are the same.
    assert set(names_of(doc, inviters(doc[2], doc._.cast, unquoted(doc)))) == {"Jonas Berg"}


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("They met in May.", "met", ""),
    ("The two ministers met in May.", "met", "minister"),
    ("Both leaders met.", "met", "leader"),
    ("The two men met.", "met", ""),  # anyone fits
    ("Their meeting was long.", "meeting", ""),
    ("Ana Silva met Jonas Berg.", "met", None),  # people of its own
])
def test_group_subject_names_the_group_a_meeting_is_of(nlp, text, word, expected):
    trigger, _ = trigger_of(nlp(text), word)
    assert group_subject(trigger, WORDS) == expected


# "Ana Silva, Jonas Berg, Tomas Varga. The two ministers met."
NAMED = doc_of(["Ana", "Silva", "Jonas", "Berg", "Tomas", "Varga", ".", "The", "two",
                "ministers", "met", "."],
               sent_starts=[True, *[False] * 6, True, *[False] * 4])
NAMED_CAST = cast_of({"Ana Silva": [0, 1], "Jonas Berg": [2, 3], "Tomas Varga": [4, 5]},
                     titles={"Ana Silva": ["Foreign Minister"], "Jonas Berg": ["President"],
                             "Tomas Varga": ["Minister of Energy"]},
                     ranks={"Jonas Berg": {"head"}})


def test_last_named_are_the_last_two_named_who_fit_the_group():
    assert last_named(NAMED_CAST, NAMED[10], "minister") == [2, 0]
    assert last_named(NAMED_CAST, NAMED[10], "leader") == []  # only one leader


@pytest.mark.parametrize(("person", "group", "expected"), [
    (0, "minister", True),
    (1, "minister", False),
    (1, "leader", True),  # a head of state or government
    (0, "leader", False),
    (0, "", True),  # "they"
])
def test_fits_group_reads_titles_and_ranks(person, group, expected):
    assert fits_group(NAMED_CAST, person, group) is expected


def test_subject_pair_before_is_an_x_and_y_subject_just_before(nlp):
    doc = nlp("Ana Silva and Jonas Berg are old friends. They first met in 2009.")
    trigger, _ = trigger_of(doc, "met")
    assert names_of(doc, subject_pair_before(trigger, doc._.cast)) == ["Ana Silva", "Jonas Berg"]
    first = nlp("They first met in 2009.")
    assert subject_pair_before(trigger_of(first, "met")[0], first._.cast) == []


# -- setting ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Ana Silva met Jonas Berg.", "met", "held"),
    ("Ana Silva will meet Jonas Berg.", "meet", "planned"),
    ("Ana Silva is expected to visit Oslo.", "visit", "planned"),
    ("The meeting between Ana Silva and Jonas Berg was cancelled.", "meeting", "cancelled"),
])
def test_status_of_reads_future_planning_and_cancelling_words(nlp, text, word, expected):
    assert status_of(trigger_of(nlp(text), word)[0], WORDS) == expected


# "Ana visited Oslo in Bergen": the model took Oslo for a person, Bergen for an organisation.
VISITED = doc_of(["Ana", "visited", "Oslo", "in", "Bergen"], heads=[1, 1, 1, 1, 3],
                 deps=["nsubj", "ROOT", "dobj", "prep", "pobj"],
                 ents=["B-PERSON", "O", "B-PERSON", "O", "B-ORG"])


def test_visited_is_the_object_of_a_visit_verb():
    assert [visited(ent, WORDS) for ent in VISITED.ents] == [False, True, False]


def test_is_place_knows_a_city_whatever_the_model_labelled_it():
    assert [is_place(ent, ent.text) for ent in VISITED.ents] == [False, True, True]


@pytest.mark.parametrize(("text", "expected"), [
    ("The talks between Ana Silva and Jonas Berg were held at the Belem Palace in Lisbon.",
     ("Lisbon", "Belem Palace")),
    ("Ana Silva visited Portugal and held talks in Porto.", ("Porto", None)),  # the city
    ("Ana Silva met Jonas Berg.", (None, None)),
])
def test_place_of_reads_the_location_and_venue_of_a_sentence(nlp, text, expected):
    doc = nlp(text)
    assert place_of(next(doc.sents), WORDS) == expected


def test_described_counterpart_is_an_object_with_a_title_and_no_name(nlp):
    doc = nlp("Ana Silva met the ambassador.")
    titles = {i for s in marks(doc, "TITLE") for i in range(s.start, s.end)}
    assert described_counterpart(doc[2], doc._.cast, titles) == "the ambassador"
    named = nlp("Ana Silva met Ambassador Jonas Berg.")
    named_titles = {i for s in marks(named, "TITLE") for i in range(s.start, s.end)}
    assert described_counterpart(named[2], named._.cast, named_titles) is None


HEADS = cast_of({"Ana Silva": [0], "Jonas Berg": [1], "Rui Lobo": [2]},
                ranks={"Jonas Berg": {"head"}, "Rui Lobo": {"head"}},
                countries={"Jonas Berg": ["Portugal"], "Rui Lobo": ["Norway"]})


@pytest.mark.parametrize(("kind", "roles", "location", "expected"), [
    ("visit", {0: "guest"}, "Lisbon", 1),  # a city of Portugal
    ("visit", {0: "guest"}, "Portugal", 1),
    ("visit", {0: "guest"}, None, None),
    ("meet", {0: "participant"}, "Lisbon", None),  # not a visit
    ("visit", {0: "guest", 2: "guest"}, "Lisbon", None),  # a counterpart is named
])
def test_implied_host_is_the_head_of_the_country_visited(kind, roles, location, expected):
    assert implied_host(kind, roles, HEADS, location, WORDS) == expected


def test_head_of_is_the_one_head_a_country_has_in_the_article():
    assert (head_of("Norway", HEADS, {}), head_of("Norway", HEADS, {2: "guest"})) == (2, None)
    two = cast_of({"Jonas Berg": [0], "Rui Lobo": [1]},
                  ranks={"Jonas Berg": {"head"}, "Rui Lobo": {"head"}},
                  countries={"Jonas Berg": ["Portugal"], "Rui Lobo": ["Portugal"]})
    assert head_of("Portugal", two, {}) is None


@pytest.mark.parametrize(("pos", "roles", "implied", "expected"), [
    ("VERB", {0: "host", 1: "guest"}, False, 0.9),
    ("NOUN", {0: "host", 1: "guest"}, False, 0.8),
    ("VERB", {0: "host"}, False, 0.6),
    ("VERB", {0: "guest", 1: "host"}, True, 0.5),
])
def test_confidence_of_says_how_much_the_text_says(pos, roles, implied, expected):
    trigger = doc_of(["met"], pos=[pos])[0]
    assert confidence_of(trigger, roles, implied=implied) == expected


def test_on_the_side_reads_sideline_words():
    doc = doc_of("On the sidelines , Ana met Bo . Ana met Bo .".split(),
                 sent_starts=[True, *[False] * 7, True, *[False] * 3])
    assert [on_the_side(s, WORDS) for s in doc.sents] == [True, False]


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
