"""The graph schema: node and edge models, ids, and what a built graph holds."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

import kg
from kg.schema import NODE_TYPES, RELATIONS, Edge, Meeting, Person, node_id, validate_node


@pytest.mark.parametrize(("kind", "name", "expected"), [
    ("person", "Anna  Berg", "person:anna-berg"),
    ("person", "Łukasz Żółć", "person:lukasz-zolc"),
    ("country", "Côte d'Ivoire", "country:cote-d-ivoire"),
    ("cooperation_area", "oil and gas", "cooperation_area:oil-and-gas"),
])
def test_node_ids_are_stable_and_readable(kind, name, expected):
    assert node_id(kind, name) == expected


def test_unknown_node_type_is_refused():
    with pytest.raises(ValueError, match="unknown node type"):
        node_id("planet", "Mars")


def test_models_reject_unknown_fields_and_are_frozen():
    with pytest.raises(ValidationError):
        Person(id="person:a", label="A", name="A", nickname="Al")
    person = Person(id="person:a", label="A", name="A")
    with pytest.raises(ValidationError):
        person.name = "B"


@pytest.mark.parametrize("date", ["2024", "2024-05", "2024-05-02", None])
def test_meeting_dates_at_three_precisions(date):
    assert Meeting(id="meeting:m", label="m", date=date).date == date


@pytest.mark.parametrize("date", ["May 2024", "2024-5-2", "--05-02", "20240502"])
def test_meeting_date_must_be_iso(date):
    with pytest.raises(ValidationError, match="YYYY"):
        Meeting(id="meeting:m", label="m", date=date)


def test_edges_use_relation_never_type():
    with pytest.raises(ValidationError):
        Edge(source="a", target="b", relation="met")
    assert "type" not in Edge.model_fields


def test_validate_node_picks_the_kind_from_type():
    node = validate_node({"id": "person:a", "label": "A", "type": "person", "name": "A"})
    assert isinstance(node, Person)
    with pytest.raises(ValidationError):
        validate_node({"id": "x", "label": "x", "type": "spaceship"})


def test_every_node_and_edge_of_the_example_graph_validates():
    G = kg.example_graph()
    for n in G:
        model = kg.node_model(G, n)
        assert model.type in NODE_TYPES
        assert G.nodes[n]["label"]
    for u, v, key, data in G.edges(keys=True, data=True):
        assert data["relation"] in RELATIONS and key == data["relation"]
        Edge(source=u, target=v, **data)


def test_graph_attributes_are_plain_json():
    G = kg.example_graph()
    json.dumps([d for _, d in G.nodes(data=True)])
    json.dumps([d for *_, d in G.edges(keys=True, data=True)])
    assert G.graph["schema_version"] == kg.SCHEMA_VERSION
