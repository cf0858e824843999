"""Scoring a graph against the gold: hand-built graphs and small gold folders, exact figures."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from small_gold import EVENTS, ONE, TWO, add_meeting, add_person, article_gold, write_gold

import kg
from diplograph.errors import InputError
from evaluation import GoldSet, Score, Share, evaluate, format_report, load_gold
from kg.schema import ArticleNode

GOLD = Path(__file__).parent / "gold"
ANNA, CARL, EVA = "person:anna-berg", "person:carl-dunn", "person:eva-ferreira-lukasz"
M_DAY = "meeting:2024-05-02-anna-berg-carl-dunn"
M_MONTH = "meeting:2024-09-anna-berg-carl-dunn"
M_PHONE = "meeting:2023-01-15-carl-dunn-eva-ferreira-lukasz"

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


def one_article_graph(people: list[tuple[str, ...]], date: str | None = "2024-05-02",
                      ) -> nx.MultiDiGraph:
    """One article, "a.txt", reporting one meeting of `people` (name, *aliases) on `date`."""
    G = kg.new_graph()
    kg.add_node(G, ArticleNode(id="article:a", label="A", path="news/a.txt", content_hash="h"))
    add_meeting(G, [add_person(G, *p) for p in people], date, articles=("article:a",))
    return G


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
