"""Every walk over the parse ends, whatever shape the parse takes.

The parses are built by hand (`Doc(vocab, words, heads=..., deps=...)`), so each test states the
shape it guards against; a hypothesis test then feeds random trees with random labels to every
rule that walks the parse. A deadline turns a walk that never ends into a failure, not a hang.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extract.dating.meeting_date import meeting_date, path_is_clausemate
from extract.meetings.grammar import in_relative_clause, negated, people_in
from extract.meetings.parties import group_subject, parties
from extract.meetings.setting import status_of
from extract.people import Cast
from extract.vocabulary import Words
from extract.walks import reachable, upward

WORDS = Words.load()

VOCAB = Vocab()
DEPS = ["ROOT", "nsubj", "nsubjpass", "dobj", "prep", "pobj", "cc", "conj", "compound", "appos",
        "poss", "relcl", "advcl", "xcomp", "acl", "agent", "attr", "npadvmod", "aux", "det",
        "punct", "dep"]
POS = ["VERB", "AUX", "NOUN", "PROPN", "ADP", "CCONJ", "PUNCT", "DET"]


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in the block after `seconds`: a stalled walk fails the test."""
    def expire(*_: object) -> None:
        raise TimeoutError(f"a walk over the parse ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def cast_of(people: dict[int, int]) -> Cast:
    return Cast(people=[], token_person=people, delegations={})


def test_coordination_that_leads_back_up_the_parse_ends():
    # "Ann met Bo at the palace and discussed trade": the parser hung "and" on "palace" with
    # no conj, so the walk jumps to the word after "and", the root above the walk's path.
    words = ["Ann", "met", "Bo", "at", "the", "palace", "and", "discussed", "trade"]
    heads = [7, 7, 1, 1, 5, 3, 5, 7, 7]
    deps = ["nsubj", "dep", "dobj", "prep", "det", "pobj", "cc", "ROOT", "dobj"]
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps)
    with deadline(2):
        found = people_in(doc[7], cast_of({0: 0, 2: 1}), [False] * len(doc))
    assert sorted(found) == [0, 1]


def test_reachable_visits_each_token_once_on_a_cycle():
    doc = Doc(VOCAB, words=["a", "b", "c"], heads=[1, 2, 2], deps=["dep", "dep", "ROOT"])
    # Following heads and children both ways is a cycle at every arc.
    walked = list(reachable(doc[0], lambda t: [t.head, *t.children]))
    assert sorted(t.i for t in walked) == [0, 1, 2]


def test_upward_stops_at_the_root_and_where_the_arc_is_not_followed():
    doc = Doc(VOCAB, words=["a", "b", "c", "d"], heads=[1, 2, 3, 3],
              deps=["pobj", "prep", "dobj", "ROOT"])
    assert [t.i for t in upward(doc[0], lambda t: True)] == [1, 2, 3]
    assert [t.i for t in upward(doc[0], lambda t: t.dep_ in ("pobj", "prep"))] == [1, 2]


@st.composite
def parses(draw: st.DrawFn) -> Doc:
    """A random tree (or forest) with random labels: any shape a parser could give."""
    n = draw(st.integers(min_value=2, max_value=24))
    order = draw(st.permutations(range(n)))
    heads = list(range(n))
    for rank, token in enumerate(order[1:], 1):
        if draw(st.integers(0, 9)) > 0:  # now and then a second root
            heads[token] = order[draw(st.integers(0, rank - 1))]
    # "cc" often, so that coordination without its conj arc (the jump that once looped) is common
    deps = [draw(st.sampled_from(DEPS + ["cc"] * 8)) for _ in range(n)]
    pos = [draw(st.sampled_from(POS)) for _ in range(n)]
    words = [draw(st.sampled_from(["and", "met", "talks", "X", "with", "the", ",", "they"]))
             for _ in range(n)]
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=parses(), data=st.data())
def test_every_rule_that_walks_the_parse_ends_on_any_tree(doc, data):
    people = {i: i % 3 for i in range(len(doc)) if data.draw(st.booleans())}
    cast = cast_of(people)
    quoted = [False] * len(doc)
    with deadline(5):
        for token in doc:
            parties(token, "meeting", cast, quoted, WORDS)
            parties(token, "receive", cast, quoted, WORDS)
            meeting_date(token, token.sent, None, tense="past", skip=(0, 0))
            status_of(token, WORDS)
            negated(token)
            group_subject(token, WORDS)
            in_relative_clause(token)
            path_is_clausemate(token, doc[0])


@pytest.mark.parametrize("size", [200, 2000])
def test_a_long_chain_is_walked_in_linear_steps(size):
    # A chain of "and" with no conj arcs: each jump lands on a token already walked.
    words = ["X", "and"] * (size // 2)
    heads = [i + 1 if i + 1 < size else i for i in range(size)]
    deps = ["pobj", "cc"] * (size // 2)
    doc = Doc(VOCAB, words=words, heads=heads, deps=[*deps[:-1], "ROOT"])
    with deadline(5):
        found = people_in(doc[-1], cast_of({0: 0}), [False] * size)
    assert found == [0]
