"""Each rule of `extract.meetings` on a small Doc: grammar, parties and setting.

Rules that walk the parse run on Docs built by hand (`small_docs.doc_of`), so each test states
the shape it reads; rules that read the people the pipeline found run on the pipeline's Doc of
one invented sentence, with its ``doc._.cast``.
"""

from __future__ import annotations

import pytest
from conftest import names_of, roles_of
from small_docs import cast_of, doc_of
from spacy.tokens import Doc, Token

from extract.lexicon import marks
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
from extract.vocabulary import Words

WORDS = Words.load()


def trigger_of(doc: Doc, word: str) -> tuple[Token, str]:
    """The meeting word ``word`` of a Doc, and its kind ("receive", "visit", ...)."""
    span = next(s for s in marks(doc, "MEETING") if s.text == word)
    return span.root, span.id_.split(":")[0]


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
