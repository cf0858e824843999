"""Gold and graphs built by hand, for the tests of `evaluation` (test_evaluate*.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

import kg
from evaluation import GoldSet
from kg.schema import CooperationArea, Edge, Meeting, Person, Source

__all__ = ["EVENTS", "ONE", "PEOPLE", "TWO", "add_meeting", "add_person", "article_gold",
           "write_gold"]

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
