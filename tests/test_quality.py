"""Extraction quality on the seed articles against the hand-made gold: a regression fails CI."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.evaluate import evaluate, load_gold

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


# The blind set: ten articles in other outlets' styles about other countries, written without
# looking at the extractor (tests/gold/blind). Its floors sit just under the measured figures.
BLIND_FLOORS = {"meetings": 0.75, "pairs": 0.6, "topics": 0.65, "people_recall": 0.9}


@pytest.fixture(scope="module")
def blind_report():
    blind = GOLD / "blind"
    return evaluate(kg.build([blind / "articles"]), load_gold(blind))


@pytest.mark.parametrize("figure", ["meetings", "pairs", "topics"])
def test_blind_f1(blind_report, figure):
    assert getattr(blind_report.articles, figure).f1 >= BLIND_FLOORS[figure]


def test_blind_people_recall(blind_report):
    assert blind_report.articles.people.recall >= BLIND_FLOORS["people_recall"]


# A second set in yet other styles (tests/gold/heldout): it was held out until it had measured
# the extractor once (meeting F1 0.367), and has guided fixes since.
HELDOUT_FLOORS = {"meetings": 0.5, "pairs": 0.4, "people_recall": 0.9}


@pytest.fixture(scope="module")
def heldout_report():
    heldout = GOLD / "heldout"
    return evaluate(kg.build([heldout / "articles"]), load_gold(heldout))


@pytest.mark.parametrize("figure", ["meetings", "pairs"])
def test_heldout_f1(heldout_report, figure):
    assert getattr(heldout_report.articles, figure).f1 >= HELDOUT_FLOORS[figure]


def test_heldout_people_recall(heldout_report):
    assert heldout_report.articles.people.recall >= HELDOUT_FLOORS["people_recall"]
