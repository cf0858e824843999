"""A time budget per article: an article that makes the extractor misbehave is skipped, named
and counted, and the rest of the batch is read, in one process, in worker processes and on
dask."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import article_from_text

import extract.components.rules
import kg
from extract.budget import ArticleTimeout, budget_for
from extract.parallel import run_extraction
from extract.sources import Problem

TEXTS = [
    "President Ana Silva met Prime Minister Jonas Berg in Oslo on Monday.",
    "STALL: President Carl Dunn received Foreign Minister Eva Lund in Rome on Monday.",
    "Foreign Minister Eva Lund spoke by phone with Foreign Minister Ivo Saar on Tuesday.",
]


@pytest.fixture
def articles():
    return [article_from_text(t, dt.date(2025, 3, 5)) for t in TEXTS]


@pytest.fixture
def stalling(monkeypatch):
    """A meetings rule that never ends on one article: only the budget can stop it."""
    find = extract.components.rules.find_meetings

    def find_meetings(doc, words):
        while doc.text.startswith("STALL"):
            pass
        return find(doc, words)

    monkeypatch.setattr(extract.components.rules, "find_meetings", find_meetings)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stalled_article_is_skipped_and_the_rest_is_read(articles, stalling, workers):
    got = list(run_extraction(articles, workers=workers, chunk_size=1, timeout=1.0))
    assert [x.skipped for x in got] == [None, "took longer than 1 s to read", None]
    assert [len(x.meetings) for x in got] == [1, 0, 1]


def test_a_skipped_article_is_named_counted_and_leaves_the_graph_whole(tmp_path, stalling):
    for n, text in enumerate(TEXTS):
        (tmp_path / f"{n}.txt").write_text(f"date 2025-03-05\n{text}\n", encoding="utf-8")
    problems: list[Problem] = []
    G = kg.build([tmp_path], on_problem=problems.append, article_timeout=1.0)
    assert [(p.path.rsplit("/", 1)[-1], p.severity, p.reason) for p in problems] == [
        ("1.txt", "skipped", "took longer than 1 s to read")]
    assert sorted(d["name"] for _, d in kg.nodes_of_type(G, "person")) == [
        "Ana Silva", "Eva Lund", "Ivo Saar", "Jonas Berg"]
    assert len(kg.nodes_of_type(G, "meeting")) == 2


def test_a_long_article_gets_a_budget_for_each_hundred_thousand_characters():
    assert budget_for(350_000, 30.0) == 120.0
    assert budget_for(10, 30.0) == 30.0


def test_dask_workers_keep_the_budget_too(articles):
    pytest.importorskip("dask.distributed")
    # Threads cannot be interrupted: the walks look at the clock, and stop the article there.
    got = list(run_extraction(articles, workers=1, engine="dask", timeout=1e-9))
    assert [x.skipped for x in got] == ["took longer than 1e-09 s to read"] * 3


def test_no_budget_means_no_limit(articles):
    assert all(x.skipped is None for x in run_extraction(articles[::2], timeout=None))


@pytest.mark.parametrize("seconds", [1e-9, 1e-6, 1e-3])
def test_a_budget_spent_at_once_leaves_no_deadline_behind(seconds):
    from extract.budget import check, time_budget

    for _ in range(50):
        try:
            with time_budget(seconds):
                while True:
                    check()
        except ArticleTimeout:
            pass
    check()  # outside any budget: never raises
