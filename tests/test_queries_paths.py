"""Paths, the most connected, and the index beside the graph, on the hand-built `small_graph`."""

from __future__ import annotations

import importlib

import networkx as nx
import pytest
from conftest import ANNA, CALL, CARL, EVA, OSLO, SUDPORT, _add_meeting, _add_person

import kg
import queries
from diplograph.errors import QueryError
from kg.schema import Edge
from queries import (
    find_person,
    meeting_path,
    meetings,
    meetings_between,
    most_connected,
    who_met,
)

# -- paths and connections ----------------------------------------------------------------------


def test_meeting_path(small_graph):
    path = meeting_path(small_graph, "Anna Berg", "Eva Ferreira-Łukasz")
    assert [(s.person.name, s.meeting_id, s.counterpart.name) for s in path] == [
        ("Anna Berg", OSLO, "Carl Dunn"),
        ("Carl Dunn", CALL, "Eva Ferreira-Łukasz"),
    ]


def test_meeting_path_to_oneself_is_empty(small_graph):
    assert meeting_path(small_graph, "Berg", "Anna Berg") == []


def test_meeting_path_none(small_graph):
    _add_person(small_graph, "Olaf Lund")
    with pytest.raises(nx.NetworkXNoPath, match="no chain of meetings links Anna Berg and Olaf"):
        meeting_path(small_graph, "Anna Berg", "Olaf Lund")


@pytest.mark.parametrize(
    ("k", "expected"),
    [
        (1, [("Carl Dunn", 2)]),
        (10, [("Carl Dunn", 2), ("Anna Berg", 1), ("Eva Ferreira-Łukasz", 1)]),
    ],
)
def test_most_connected(small_graph, k, expected):
    assert [(p.name, n) for p, n in most_connected(small_graph, k=k)] == expected


@pytest.mark.parametrize("k", [0, -1, 1.5, "3", True, None])
def test_most_connected_checks_k(small_graph, k):
    with pytest.raises(QueryError, match="k must be a positive integer"):
        most_connected(small_graph, k=k)


# -- the index beside the graph ------------------------------------------------------------------


def test_a_new_meeting_shows_after_a_first_query(small_graph):
    assert [e.counterpart.name for e in who_met(small_graph, "Eva Ferreira-Łukasz")] == [
        "Carl Dunn"
    ]
    _add_meeting(small_graph, "meeting:new", (ANNA, EVA), date="2025-01-01")
    assert [e.counterpart.name for e in who_met(small_graph, "Eva Ferreira-Łukasz")] == [
        "Carl Dunn",
        "Anna Berg",
    ]
    assert [m.id for m in meetings(small_graph, since="2025")] == ["meeting:new"]


def test_a_new_edge_alone_shows(small_graph):
    assert meetings_between(small_graph, "Anna Berg", "Lukasz") == []
    kg.add_edge(small_graph, Edge(source=EVA, target=OSLO, relation="participated_in"))
    assert [m.id for m in meetings_between(small_graph, "Anna Berg", "Lukasz")] == [OSLO]


def test_removals_show(small_graph):
    assert len(who_met(small_graph, "Carl Dunn")) == 3
    small_graph.remove_node(CALL)
    assert [e.meeting_id for e in who_met(small_graph, "Carl Dunn")] == [OSLO, SUDPORT]
    small_graph.remove_edge(ANNA, SUDPORT, key="participated_in")
    assert [e.meeting_id for e in who_met(small_graph, "Carl Dunn")] == [OSLO]


def test_attributes_changed_in_place_show_after_clearing_the_cache(small_graph):
    assert [m.id for m in meetings(small_graph, since="2025")] == []
    small_graph.nodes[OSLO]["date"] = "2025-05-02"
    small_graph.__networkx_cache__.clear()  # as networkx asks after in-place changes
    assert [m.id for m in meetings(small_graph, since="2025")] == [OSLO]


def test_the_graph_holds_plain_values_only(small_graph):
    before = dict(small_graph.graph)
    who_met(small_graph, "Anna Berg")
    meetings(small_graph, since="2024")
    assert small_graph.graph == before


def test_each_graph_has_its_own_index(small_graph):
    other = small_graph.copy()
    _add_meeting(other, "meeting:other", (ANNA, EVA), date="2025-01-01")
    assert [m.id for m in meetings(small_graph, since="2025")] == []
    assert [m.id for m in meetings(other, since="2025")] == ["meeting:other"]


def test_people(small_graph):
    assert [p.id for p in queries.people(small_graph)] == [ANNA, CARL, EVA]
    assert queries.people(small_graph)[0] == find_person(small_graph, "Anna Berg")


def test_public_api():
    assert sorted(queries.__all__) == queries.__all__
    assert {"who_met", "meetings", "find_person", "MeetingView", "PersonRef"} <= set(
        queries.__all__
    )
    assert callable(queries.people)  # the function, not the submodule of the same name
    assert queries.people is importlib.import_module("queries.people").people
