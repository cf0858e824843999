"""Scoring a graph against the gold: hand-built graphs and small gold folders, exact figures."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from diplograph.errors import InputError
from evaluation import GoldSet, Score, Share, evaluate, format_report, load_gold
from evaluation.matching import _best_matching, _Fit
from kg.schema import ArticleNode, CooperationArea, Edge, Meeting, Person, Source

GOLD = Path(__file__).parent / "gold"
ANNA, CARL, EVA = "person:anna-berg", "person:carl-dunn", "person:eva-ferreira-lukasz"
M_DAY = "meeting:2024-05-02-anna-berg-carl-dunn"
M_MONTH = "meeting:2024-09-anna-berg-carl-dunn"
M_PHONE = "meeting:2023-01-15-carl-dunn-eva-ferreira-lukasz"
PEOPLE = {"A": "Anna Berg", "C": "Carl Dunn", "D": "Dan Ek", "E": "Eva Ferreira",
          "F": "Fay Gold"}

# The gold of conftest's small_graph: what its two articles state.
ONE = {
    "file": "one.txt",
    "meetings": [
        {"participants": ["Anna Berg", "Carl Dunn"], "date": "2024-05-02", "location": "Oslo",
         "venue": "Royal Palace", "topics": ["trade", "energy"]},
    ],
    "people": [{"name": "Anna Berg", "aliases": ["Berg"]}, {"name": "Carl Dunn"}],
    "not_people": ["Berg Group"],
}
TWO = {
    "file": "two.txt",
    "meetings": [
        {"participants": ["Berg", "Carl Dunn"], "date": "2024-09", "location": "Sudport",
         "topics": ["energy"]},
        {"participants": ["Carl Dunn", "Eva Ferreira-Lukasz"], "date": "2023-01-15",
         "mode": "phone_call", "topics": ["healthcare"]},
    ],
    "people": [{"name": "Anna Berg", "aliases": ["Berg"]}, {"name": "Carl Dunn"},
               {"name": "Eva Ferreira-Łukasz", "aliases": ["Ferreira-Łukasz"]}],
}
EVENTS = {
    "people": [{"name": "Anna Berg"}, {"name": "Carl Dunn", "aliases": ["Dunn"]},
               {"name": "Eva Ferreira-Łukasz"}],
    "events": [
        {"id": "may", "participants": ["Anna Berg", "Carl Dunn"], "date": "2024-05-02"},
        {"id": "september", "participants": ["Anna Berg", "Carl Dunn"], "date": "2024-09"},
        {"id": "call", "participants": ["Carl Dunn", "Eva Ferreira-Łukasz"],
         "date": "2023-01-15"},
    ],
    "must_not_be_people": ["Likes Own"],
    "must_not_be_merged": [["Anna Berg", "Carl Dunn"]],
}
PERFECT = """\
per-article gold: 2 files, 2 in the graph
               precision  recall     f1   hits  system  gold
  meetings         1.000   1.000  1.000      3       3     3
  pairs            1.000   1.000  1.000      3       3     3
  topics           1.000   1.000  1.000      4       4     4
  people           1.000   1.000  1.000      5       5     5
                   share  hits/total
  dates            1.000  3/3
  locations        1.000  2/2
  duplicates           0
  neutral              0
  noise people         0

events gold: 3 events with two people or more
               precision  recall     f1   hits  system  gold
  events           1.000   1.000  1.000      3       3     3
  pairs            1.000   1.000  1.000      2       2     2
                   share  hits/total
  dates            1.000  3/3
  people found     1.000  3/3
  duplicates           0
  neutral              0
  noise people         0
  wrong merges         0"""


def write_gold(folder: Path, *articles: dict[str, Any], events: dict[str, Any] | None = None,
               ) -> Path:
    """Write per-article gold files to ``folder/seeds`` and the events file to `folder`."""
    (folder / "seeds").mkdir(parents=True, exist_ok=True)
    for article in articles:
        path = folder / "seeds" / f"{Path(article['file']).stem}.json"
        path.write_text(json.dumps(article), encoding="utf-8")
    if events is not None:
        (folder / "corpus_events.json").write_text(json.dumps(events), encoding="utf-8")
    return folder


def article_gold(meetings: list[dict[str, Any]], people: tuple[dict[str, Any], ...] = (),
                 ) -> GoldSet:
    """The gold of one article, "a.txt", as a GoldSet (no files)."""
    return GoldSet.model_validate(
        {"articles": [{"file": "a.txt", "meetings": meetings, "people": list(people)}]})


def add_person(G: nx.MultiDiGraph, name: str, *aliases: str) -> str:
    return kg.add_node(G, Person(id=kg.node_id("person", name), label=name, name=name,
                                 aliases=aliases))


def add_meeting(G: nx.MultiDiGraph, people: list[str], date: str | None, *,
                articles: tuple[str, ...] = ("article:one",), name: str = "extra",
                topics: dict[str, list[str]] | None = None) -> str:
    """Add a meeting of `people` reported by `articles`; `topics` maps a topic to its sources."""
    mid = kg.add_node(G, Meeting(id=f"meeting:{name}", label=name, date=date))
    for person in people:
        kg.add_edge(G, Edge(source=person, target=mid, relation="participated_in"))
    for article in articles:
        kg.add_edge(G, Edge(source=mid, target=article, relation="reported_by"))
    for topic, cited in (topics or {}).items():
        area = kg.add_node(G, CooperationArea(id=kg.node_id("cooperation_area", topic),
                                              label=topic, name=topic))
        sources = tuple(Source(article=a, evidence=topic, start=0, end=0) for a in cited)
        kg.add_edge(G, Edge(source=mid, target=area, relation="discussed", sources=sources))
    return mid


def one_article_graph(people: list[tuple[str, ...]], date: str | None = "2024-05-02",
                      ) -> nx.MultiDiGraph:
    """One article, "a.txt", reporting one meeting of `people` (name, *aliases) on `date`."""
    G = kg.new_graph()
    kg.add_node(G, ArticleNode(id="article:a", label="A", path="news/a.txt", content_hash="h"))
    add_meeting(G, [add_person(G, *p) for p in people], date, articles=("article:a",))
    return G


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


@pytest.fixture
def gold(tmp_path):
    """The gold of small_graph, read from a folder like tests/gold."""
    return load_gold(write_gold(tmp_path, ONE, TWO, events=EVENTS))


# --- loading ------------------------------------------------------------------------------------


def test_load_real_gold():
    gold = load_gold(GOLD)
    assert [a.file for a in gold.articles] == [
        "000_3df79da8f18f291c.txt", "001_cb6f4a863f9e3ab0.txt", "002_f02823ec117fac57.txt",
        "003_cd3b7688e12d323e.txt", "004_15cde3fe8340a8d6.txt",
    ]
    assert [len(a.meetings) for a in gold.articles] == [2, 2, 3, 3, 4]
    assert gold.articles[4].people[0].same_as == "Alexander Lukashenko"
    assert gold.articles[0].meetings[0].alt_dates == ("2025-10-21",)
    assert [e.id for e in gold.events.events] == [
        "feb-2025-minsk", "mar-2025-benghazi", "oct-2025-minsk", "2000-libya", "apr-2025-planned",
    ]
    assert gold.events.must_not_be_merged == (("Khalifa Haftar", "Saddam Khalifa Haftar"),)


def test_real_gold_on_an_empty_graph():
    report = evaluate(kg.new_graph(), GOLD)
    assert report.articles.meetings == Score(precision=0.0, recall=0.0, f1=0.0, hits=0,
                                             system=0, gold=10)
    assert report.events.events == Score(precision=0.0, recall=0.0, f1=0.0, hits=0, system=0,
                                         gold=4)
    assert report.events.people == Share(share=0.0, hits=0, total=9)
    assert report.events.misses[0] == (
        "feb-2025-minsk: Alexander Lukashenko + Khalifa Haftar, 2025-02-17")


def test_load_gold_reads_the_folder_and_its_seeds(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "two.json").write_text(json.dumps(TWO), encoding="utf-8")
    (tmp_path / "one.json").write_text(json.dumps({**ONE, "reviewer": "me"}), encoding="utf-8")
    (tmp_path / "notes.json").write_text('{"about": "not gold"}', encoding="utf-8")
    gold = load_gold(tmp_path)
    assert [a.file for a in gold.articles] == ["one.txt", "two.txt"]
    assert gold.events is None


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "{d}: no gold files (per-article *.json or *_events.json)"),
        ({"a.json": "{"}, "{d}/a.json:1: not valid JSON: Expecting property name enclosed in "
                          "double quotes"),
        ({"a.json": '{"file": "a.txt", "meetings": [{"date": "May 2"}]}'},
         "{d}/a.json: meetings.0.date: String should match pattern "
         "'^\\d{4}(-\\d{2}(-\\d{2})?)?$'"),
        ({"a.json": '{"file": "a.txt", "meetings": [{"alt_dates": ["2023-02-29"]}]}'},
         "{d}/a.json: meetings.0.alt_dates.0: Value error, no such date: '2023-02-29'"),
        ({"a.json": '{"meetings": [], "file": null}'},
         "{d}/a.json: file: Input should be a valid string"),
        ({"a.json": '{"file": "a.txt", "meetings": []}', "b.json": '{"file": "a.txt",'
          ' "meetings": []}'}, "{d}/b.json: a second gold file for a.txt"),
        ({"a_events.json": '{"events": []}', "b_events.json": '{"events": []}'},
         "{d}/b_events.json: a second events file (the first is {d}/a_events.json)"),
    ],
)
def test_load_gold_errors(tmp_path, files, message):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_gold(tmp_path)
    assert str(error.value) == message.replace("{d}", str(tmp_path))


def test_load_gold_needs_a_folder(tmp_path):
    with pytest.raises(InputError, match=r"missing: not a folder$"):
        load_gold(tmp_path / "missing")


def test_evaluate_checks_its_arguments(gold):
    with pytest.raises(TypeError, match=r"^evaluate needs a directed networkx graph, not Graph$"):
        evaluate(nx.Graph(), gold)
    with pytest.raises(TypeError, match=r"^gold must be a GoldSet or a folder, not dict$"):
        evaluate(kg.new_graph(), {"articles": []})


# --- per-article figures ------------------------------------------------------------------------


def test_perfect_system_scores_one(small_graph, gold):
    report = evaluate(small_graph, gold)
    perfect = {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    a = report.articles
    assert a.meetings == Score(**perfect, hits=3, system=3, gold=3)
    assert a.pairs == Score(**perfect, hits=3, system=3, gold=3)
    assert a.topics == Score(**perfect, hits=4, system=4, gold=4)
    assert a.people == Score(**perfect, hits=5, system=5, gold=5)
    assert a.dates == Share(share=1.0, hits=3, total=3)
    assert a.locations == Share(share=1.0, hits=2, total=2)
    assert (a.duplicates, a.neutral, a.noise_people, a.misses, a.false_alarms) == (
        0, 0, (), (), ())
    assert [(f.file, f.in_graph, f.meetings.f1) for f in a.files] == [
        ("one.txt", True, 1.0), ("two.txt", True, 1.0)]
    e = report.events
    assert e.events == Score(**perfect, hits=3, system=3, gold=3)
    assert e.pairs == Score(**perfect, hits=2, system=2, gold=2)
    assert e.people == Share(share=1.0, hits=3, total=3)
    assert (e.duplicates, e.neutral, e.noise_people, e.wrong_merges) == (0, 0, (), ())


def test_evaluate_reads_a_gold_folder(small_graph, tmp_path):
    folder = write_gold(tmp_path, ONE, TWO, events=EVENTS)
    assert evaluate(small_graph, folder) == evaluate(small_graph, load_gold(folder))


def test_a_missing_meeting_lowers_recall(small_graph, gold):
    small_graph.remove_node(M_PHONE)
    report = evaluate(small_graph, gold)
    a = report.articles
    assert a.meetings == Score(precision=1.0, recall=0.667, f1=0.8, hits=2, system=2, gold=3)
    assert a.misses == ("two.txt: Carl Dunn + Eva Ferreira-Lukasz, 2023-01-15",)
    assert a.false_alarms == ()
    assert a.pairs == Score(precision=1.0, recall=0.667, f1=0.8, hits=2, system=2, gold=3)
    assert a.people == Score(precision=1.0, recall=0.8, f1=0.889, hits=4, system=4, gold=5)
    assert report.events.misses == ("call: Carl Dunn + Eva Ferreira-Łukasz, 2023-01-15",)
    assert report.events.events.recall == 0.667


def test_an_article_missing_from_the_graph(small_graph, gold):
    small_graph.remove_node("article:one")
    a = evaluate(small_graph, gold).articles
    assert [(f.file, f.in_graph, f.meetings.hits) for f in a.files] == [
        ("one.txt", False, 0), ("two.txt", True, 2)]
    assert a.misses == ("one.txt: Anna Berg + Carl Dunn, 2024-05-02",)
    assert "  not in the graph (1)\n    one.txt\n" in format_report(evaluate(small_graph, gold))


def test_an_extra_meeting_lowers_precision(small_graph, gold):
    add_meeting(small_graph, [ANNA, EVA], "2024-06-01", articles=("article:two",))
    report = evaluate(small_graph, gold)
    a = report.articles
    assert a.meetings == Score(precision=0.75, recall=1.0, f1=0.857, hits=3, system=4, gold=3)
    assert a.false_alarms == ("two.txt: Anna Berg + Eva Ferreira-Łukasz, 2024-06-01",)
    assert a.pairs == Score(precision=0.75, recall=1.0, f1=0.857, hits=3, system=4, gold=3)
    assert report.events.false_alarms == ("graph: Anna Berg + Eva Ferreira-Łukasz, 2024-06-01",)


def test_a_wrong_date_does_not_match(small_graph, gold):
    small_graph.nodes[M_DAY]["date"] = "2024-05-03"
    a = evaluate(small_graph, gold).articles
    assert a.meetings == Score(precision=0.667, recall=0.667, f1=0.667, hits=2, system=3,
                               gold=3)
    assert a.misses == ("one.txt: Anna Berg + Carl Dunn, 2024-05-02",)
    assert a.false_alarms == (
        "one.txt: Anna Berg + Carl Dunn, 2024-05-03 (date; gold 2024-05-02)",)
    assert a.dates == Share(share=0.667, hits=2, total=3)
    assert a.pairs.f1 == 1.0  # dates aside


def test_an_alt_date_matches(small_graph, tmp_path):
    small_graph.nodes[M_DAY]["date"] = "2024-05-03"
    one = {**ONE, "meetings": [{**ONE["meetings"][0], "alt_dates": ["2024-05-03"]}]}
    a = evaluate(small_graph, write_gold(tmp_path, one, TWO)).articles
    assert (a.meetings.f1, a.dates.share) == (1.0, 1.0)


@pytest.mark.parametrize(
    ("gold_date", "alt_dates", "date", "hits"),
    [
        ("2024-09", [], "2024-09-17", 1),
        ("2024-09", [], "2024-09", 1),
        ("2024-09", [], "2024", 0),
        ("2024-09", [], "2024-10-01", 0),
        ("2024", [], "2024-12-31", 1),
        ("2024-02", [], "2024-02-29", 1),
        ("2024-12", [], "2025-01-01", 0),
        ("2025", [], "2024", 0),
        ("2024-05-02", [], "2024-05-02", 1),
        ("2024-05-02", [], "2024-05-03", 0),
        ("2024-05-02", [], "2024-05", 0),
        ("2024-05-02", [], None, 0),
        ("2024-05-02", ["2024-05-03"], "2024-05-03", 1),
        ("2024-05-02", ["2024-06"], "2024-06-30", 1),
        (None, [], "1999", 1),
        (None, [], None, 1),
    ],
)
def test_dates_agree_at_the_gold_precision(gold_date, alt_dates, date, hits):
    G = one_article_graph([("Anna Berg",), ("Carl Dunn",)], date)
    gold = article_gold([{"participants": ["Anna Berg", "Carl Dunn"], "date": gold_date,
                          "alt_dates": alt_dates}])
    assert evaluate(G, gold).articles.meetings.hits == hits


@pytest.mark.parametrize(
    ("system", "gold_people", "hits"),
    [
        # the gold entry's same_as links the article's spelling to the system's name
        ([("Alexander Lukashenko", "Łukašenka"), ("Saddam Haftar",)],
         ({"name": "Alaksandar Łukašenka", "aliases": ["Łukašenka"],
           "same_as": "Alexander Lukashenko"},), 1),
        # a transliterated alias: no gold entry needed
        ([("Alexander Lukashenko", "Alaksandar Lukasenka"), ("Saddam Haftar",)], (), 1),
        # the same first and last token
        ([("Alaksandar Ryhoravič Łukašenka",), ("Saddam Khalifa Haftar",)], (), 1),
        # a one-word gold alias links to a person's name...
        ([("Lukashenko",), ("Saddam Haftar",)],
         ({"name": "Alaksandar Łukašenka", "aliases": ["Lukashenko"]},), 1),
        # ...but not to a one-word alias: a father and son share "Haftar"
        ([("Alaksandar Łukašenka",), ("Khalifa Haftar", "Haftar")],
         ({"name": "Saddam Haftar", "aliases": ["Haftar"]},), 0),
        ([("Alexander Lukashenko",), ("Saddam Haftar",)], (), 0),
        # a name of three words or more that only lacks a word in front (an honorific)...
        ([("Alaksandar Łukašenka",), ("Saddam Khalifa Haftar",)],
         ({"name": "Sayyid Saddam Khalifa Haftar", "aliases": ["Saddam Haftar"]},), 1),
        # ...but two words are too few to tell
        ([("Alaksandar Łukašenka",), ("Khalifa Haftar",)],
         ({"name": "Saddam Khalifa Haftar", "aliases": ["Saddam Haftar"]},), 0),
    ],
)
def test_spellings_of_a_participant(system, gold_people, hits):
    G = one_article_graph(system)
    gold = article_gold([{"participants": ["Alaksandar Łukašenka", "Saddam Haftar"],
                          "date": "2024-05-02"}], gold_people)
    assert evaluate(G, gold).articles.meetings.hits == hits


def test_a_duplicate_is_counted_and_is_a_false_alarm(small_graph, gold):
    add_meeting(small_graph, [CARL, ANNA], "2024-05-02", name="again")
    report = evaluate(small_graph, gold)
    a = report.articles
    assert (a.duplicates, report.events.duplicates) == (1, 1)
    assert a.meetings == Score(precision=0.75, recall=1.0, f1=0.857, hits=3, system=4, gold=3)
    assert a.false_alarms == ("one.txt: Anna Berg + Carl Dunn, 2024-05-02 (duplicate)",)
    assert a.pairs.precision == 1.0  # the same two people


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


# --- the text -----------------------------------------------------------------------------------


def test_format_report_of_a_perfect_system(small_graph, gold):
    assert format_report(evaluate(small_graph, gold)) == PERFECT


def test_format_report_lists_what_went_wrong(small_graph, gold):
    small_graph.nodes[M_DAY]["date"] = "2024-05-03"
    add_person(small_graph, "Berg Group")
    text = format_report(evaluate(small_graph, gold))
    assert "  meetings         0.667   0.667  0.667      2       3     3\n" in text
    assert "  dates            0.667  2/3\n" in text
    assert ("  missed meetings (1)\n"
            "    one.txt: Anna Berg + Carl Dunn, 2024-05-02\n"
            "  false alarms (1)\n"
            "    one.txt: Anna Berg + Carl Dunn, 2024-05-03 (date; gold 2024-05-02)\n"
            "  noise people (1)\n"
            "    Berg Group (person:berg-group)\n") in text


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    meetings=st.lists(st.tuples(st.sets(st.sampled_from([ANNA, CARL, EVA])),
                                st.sampled_from([None, "2024", "2024-09", "2024-05-02"]),
                                st.sampled_from(["article:one", "article:two"])), max_size=5),
)
def test_figures_stay_between_zero_and_one(small_graph, meetings):
    G = small_graph.copy()  # the fixture is made once for all examples: add to a copy
    for i, (people, date, article) in enumerate(meetings):
        add_meeting(G, sorted(people), date, articles=(article,), name=f"m{i}")
    report = evaluate(G, GoldSet.model_validate({"articles": [ONE, TWO], "events": EVENTS}))
    scores = [report.articles.meetings, report.articles.pairs, report.articles.topics,
              report.articles.people, report.events.events, report.events.pairs]
    for s in scores:
        assert 0.0 <= min(s.precision, s.recall, s.f1) <= max(s.precision, s.recall, s.f1) <= 1
        assert s.hits <= min(s.system, s.gold)
