"""Matching found meetings to the gold: optimal pairing, optional people, dates and topics."""

from __future__ import annotations

from itertools import combinations
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from small_gold import ONE, PEOPLE, TWO, add_meeting, add_person, article_gold, write_gold

import kg
from evaluation import Score, Share, evaluate
from evaluation.matching import _best_matching, _Fit
from kg.schema import ArticleNode, Edge

ANNA, CARL, EVA = "person:anna-berg", "person:carl-dunn", "person:eva-ferreira-lukasz"
M_DAY = "meeting:2024-05-02-anna-berg-carl-dunn"


def article_graph(meetings: dict[str, tuple[str, str | None, list[str]]]) -> nx.MultiDiGraph:
    """One article, "a.txt", reporting meetings: name -> (people by initial, date, topics).

    The initials are those of PEOPLE; a meeting's node id is ``meeting:NAME``, so meetings
    sort by name.
    """
    G = kg.new_graph()
    kg.add_node(G, ArticleNode(id="article:a", label="A", path="news/a.txt", content_hash="h"))
    for name, (initials, date, topics) in meetings.items():
        people = [add_person(G, PEOPLE[i]) for i in initials]
        add_meeting(G, people, date, articles=("article:a",), name=name,
                    topics={t: ["article:a"] for t in topics})
    return G


def gold_meeting(initials: str, date: str | None = "2024-05-02", optional: str = "",
                 **fields: Any) -> dict[str, Any]:
    """A gold meeting of PEOPLE by initial, with `optional` ones."""
    return {"participants": [PEOPLE[i] for i in initials],
            "optional_participants": [PEOPLE[i] for i in optional], "date": date, **fields}


# --- matching ------------------------------------------------------------------------------------


def test_the_matching_is_optimal_where_a_greedy_pass_is_not():
    # A summit of three and a bilateral of two that day. "a" fits both, "b" only the summit;
    # a greedy pass, best first, gives "a" the summit (the gold file's first meeting) and
    # leaves "b" a duplicate and the bilateral missed. The optimal matching gets both.
    G = article_graph({"a": ("AC", "2024-05-02", []), "b": ("AE", "2024-05-02", [])})
    gold = article_gold([gold_meeting("ACE"), gold_meeting("AC")])
    a = evaluate(G, gold).articles
    assert a.meetings == Score(precision=1.0, recall=1.0, f1=1.0, hits=2, system=2, gold=2)
    assert (a.duplicates, a.misses, a.false_alarms) == (0, (), ())


def test_the_matching_covers_the_most_gold_people():
    # Both matchings have two hits; "a" covers four gold people of either meeting, "b" three
    # of the first and two of the second. Best first would pair "a" with the first (4 + 2);
    # the matching pairs "b" with it (3 + 4), as the topics show.
    G = article_graph({"a": ("ACDE", "2024-05-02", ["trade"]),
                       "b": ("ACF", "2024-05-02", ["energy"])})
    gold = article_gold([gold_meeting("ACDEF", topics=["energy"]),
                         gold_meeting("ACDE", optional="F", topics=["trade"])])
    a = evaluate(G, gold).articles
    assert a.meetings.hits == 2
    assert a.topics == Score(precision=1.0, recall=1.0, f1=1.0, hits=2, system=2, gold=2)


@pytest.mark.parametrize(
    ("worse", "better", "gold"),
    [
        # more gold people covered
        (("AC", "2024-05-02"), ("ACE", "2024-05-02"), gold_meeting("ACE")),
        # the main date over an alt date
        (("AC", "2024-05-03"), ("AC", "2024-05-02"), gold_meeting("AC", alt_dates=["2024-05-03"])),
        # fewer participants
        (("ACE", "2024-05-02"), ("AC", "2024-05-02"), gold_meeting("AC", optional="E")),
    ],
)
def test_a_gold_meeting_takes_the_best_fit(worse, better, gold):
    # The better meeting is "b", after "a" in the graph's order.
    G = article_graph({"a": (*worse, []), "b": (*better, [])})
    a = evaluate(G, article_gold([gold])).articles
    assert (a.meetings.hits, a.duplicates) == (1, 1)
    people = " + ".join(sorted(PEOPLE[i] for i in worse[0]))
    assert a.false_alarms == (f"a.txt: {people}, {worse[1]} (duplicate)",)


def test_dates_aside_the_matching_is_optimal_too():
    # Neither date agrees: matched on people, both gold meetings count in the dates share.
    G = article_graph({"a": ("AC", "2024-01-01", []), "b": ("AE", "2024-01-01", [])})
    a = evaluate(G, article_gold([gold_meeting("ACE"), gold_meeting("AC", "2024-06")])).articles
    assert a.dates == Share(share=0.0, hits=0, total=2)
    assert a.false_alarms == (
        "a.txt: Anna Berg + Carl Dunn, 2024-01-01 (date; gold 2024-06)",
        "a.txt: Anna Berg + Eva Ferreira, 2024-01-01 (date; gold 2024-05-02)",
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(2, 5),
                          st.integers(0, 2), st.integers(0, 3)),
                max_size=9, unique_by=lambda f: f[:2]))
def test_the_weights_rank_matchings_like_their_fits(raw):
    # Against every matching of a few fits: the most pairs, then the most gold people
    # covered, the most main dates, the fewest participants, then the best fits.
    fits = [_Fit(t, m, covered, date, covered + extra) for t, m, covered, date, extra in raw]
    ranked = sorted(fits, key=lambda f: f.rank)

    def key(chosen: tuple[_Fit, ...]) -> tuple[Any, ...]:
        return (len(chosen), sum(f.covered for f in chosen), sum(f.date for f in chosen),
                -sum(f.people for f in chosen), [f in chosen for f in ranked])

    matchings = [c for n in range(len(fits) + 1) for c in combinations(fits, n)
                 if len({f.target for f in c}) == len({f.meeting for f in c}) == n]
    best = max(matchings, key=key)
    assert _best_matching(fits) == {f.target: f.meeting for f in best}


def test_a_participant_outside_the_gold_spoils_the_match(small_graph, gold, tmp_path):
    kg.add_edge(small_graph, Edge(source=EVA, target=M_DAY, relation="participated_in"))
    a = evaluate(small_graph, gold).articles
    assert a.meetings.hits == 2
    assert a.false_alarms == ("one.txt: Anna Berg + Carl Dunn + Eva Ferreira-Łukasz, 2024-05-02",)
    optional = {**ONE["meetings"][0], "optional_participants": ["Eva Ferreira-Lukasz"]}
    one = {**ONE, "meetings": [optional]}
    a = evaluate(small_graph, write_gold(tmp_path / "optional", one, TWO)).articles
    assert (a.meetings.hits, a.false_alarms) == (3, ())
    assert a.pairs == Score(precision=1.0, recall=1.0, f1=1.0, hits=3, system=3, gold=3)


def test_a_meeting_without_a_pair_is_neutral(small_graph, tmp_path):
    visit = {"participants": ["Anna Berg"], "date": None, "location": "Sudia"}
    two = {**TWO, "meetings": [*TWO["meetings"], visit]}
    add_meeting(small_graph, [ANNA], "2024-09", articles=("article:two",), name="visit")
    add_meeting(small_graph, [EVA], "2023-01", articles=("article:two",), name="call")
    a = evaluate(small_graph, write_gold(tmp_path, ONE, two)).articles
    assert a.meetings == Score(precision=0.75, recall=1.0, f1=0.857, hits=3, system=4, gold=3)
    assert (a.neutral, a.false_alarms) == (1, ("two.txt: Eva Ferreira-Łukasz, 2023-01",))


def test_a_meeting_other_articles_report_keeps_only_this_articles_people(small_graph, gold):
    dan = add_person(small_graph, "Dan Ek")
    kg.add_edge(small_graph, Edge(source=dan, target=M_DAY, relation="participated_in"))
    kg.add_edge(small_graph, Edge(source=M_DAY, target="article:two", relation="reported_by"))
    a = evaluate(small_graph, gold).articles
    assert a.files[0].meetings.hits == 1  # Dan Ek is unknown to one.txt (and to two.txt)
    assert a.false_alarms == ("two.txt: Anna Berg + Carl Dunn, 2024-05-02 (date; gold 2024-09)",)
    kg.add_edge(small_graph, Edge(source="article:one", target=dan, relation="mentions"))
    a = evaluate(small_graph, gold).articles
    assert a.files[0].meetings.hits == 0  # one.txt names him: he is an outsider
    assert a.false_alarms[0] == "one.txt: Anna Berg + Carl Dunn + Dan Ek, 2024-05-02"


def test_topics_of_other_articles_are_left_out():
    G = kg.new_graph()
    for name in ("a", "b"):
        kg.add_node(G, ArticleNode(id=f"article:{name}", label=name, path=f"{name}.txt",
                                   content_hash=name))
    people = [add_person(G, "Anna Berg"), add_person(G, "Carl Dunn")]
    add_meeting(G, people, "2024-05-02", articles=("article:a", "article:b"),
                topics={"trade": ["article:a"], "energy": ["article:b"], "fish": []})
    gold = article_gold([{"participants": ["Anna Berg", "Carl Dunn"], "date": "2024-05-02",
                          "topics": ["trade", "health"]}])
    assert evaluate(G, gold).articles.topics == Score(precision=0.5, recall=0.5, f1=0.5, hits=1,
                                                      system=2, gold=2)


def test_locations_and_topics_of_matched_meetings(small_graph, gold):
    small_graph.nodes[M_DAY].update(location="Bergen", venue=None)
    small_graph.remove_edge(M_DAY, "location:oslo", key="held_in")
    small_graph.remove_edge(M_DAY, "cooperation_area:energy", key="discussed")
    a = evaluate(small_graph, gold).articles
    assert a.locations == Share(share=0.5, hits=1, total=2)
    assert a.topics == Score(precision=1.0, recall=0.75, f1=0.857, hits=3, system=3, gold=4)


def test_noise_people(small_graph, gold):
    add_person(small_graph, "Berg  group")
    add_person(small_graph, "Ivan Petrov", "Likes Own")
    report = evaluate(small_graph, gold)
    assert report.articles.noise_people == ("Berg Group (person:berg-group)",)
    assert report.events.noise_people == ("Likes Own (person:ivan-petrov)",)


def test_a_wrong_merge_is_detected(small_graph, gold):
    small_graph.nodes[ANNA]["aliases"] = ["Berg", "Dunn", "Carl Dunn"]
    assert evaluate(small_graph, gold).events.wrong_merges == (
        "Anna Berg + Carl Dunn (person:anna-berg)",)
    small_graph.nodes[ANNA]["aliases"] = ["Berg", "Dunn"]  # a bare surname is not a merge
    assert evaluate(small_graph, gold).events.wrong_merges == ()


def test_people_found_counts_one_node_per_person(small_graph, gold):
    small_graph.nodes[CARL].update(name="Anna Berg", aliases=[])  # two Annas, no Carl
    assert evaluate(small_graph, gold).events.people == Share(share=0.667, hits=2, total=3)


