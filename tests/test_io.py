"""Tests of kg.io: lossless JSON save/load and the graph lock."""

from __future__ import annotations

import json
import os
import pickle
import re

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.io
import kg.nodelink
from diplograph.errors import DiplographError
from kg.io import GraphFileError, graph_lock, load, save
from kg.schema import SCHEMA_VERSION

ANNA, CARL = "person:anna-berg", "person:carl-dunn"
M_DAY = "meeting:2024-05-02-anna-berg-carl-dunn"

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@pytest.fixture
def saved(rich_graph, tmp_path):
    """The path of rich_graph, saved."""
    return save(rich_graph, tmp_path / "graph.json")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """A folder for property tests (hypothesis runs many examples in one test call)."""
    return tmp_path_factory.mktemp("scratch")


def edges_of(G):
    return {(u, v, k): d for u, v, k, d in G.edges(keys=True, data=True)}


def assert_same_graph(H, G):
    assert type(H) is nx.MultiDiGraph
    assert list(H.nodes) == sorted(G.nodes)
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert edges_of(H) == edges_of(G)
    assert H.graph == G.graph


def header(version=SCHEMA_VERSION, **rest):
    data = {"format": "diplograph", "schema_version": version, "directed": True,
            "multigraph": True, "graph": {}, "nodes": [], "links": []}
    return json.dumps({**data, **rest}).encode()


# --- save and load ------------------------------------------------------------------------------


def test_round_trip_is_lossless(rich_graph, saved):
    H = load(saved)
    assert_same_graph(H, rich_graph)
    assert H.nodes[ANNA]["aliases"] == ["Berg", "A. Berg"]  # lists stay lists
    assert H.graph["extractions"][0]["events"][0]["people"] == ["Anna Berg"]
    assert H.has_edge(ANNA, M_DAY, key="participated_in")


def test_round_trip_keeps_int_keys_parallel_edges_and_int_ids(tmp_path):
    G = nx.MultiDiGraph(schema_version=SCHEMA_VERSION)
    G.add_edge("a", "b", role="first")
    G.add_edge("a", "b", role="second")
    G.add_edge(7, "a", key="x")
    H = load(save(G, tmp_path / "g.json"))
    assert edges_of(H) == {("a", "b", 0): {"role": "first"}, ("a", "b", 1): {"role": "second"},
                           (7, "a", "x"): {}}


def test_save_is_deterministic(rich_graph, saved, tmp_path):
    # The same graph built in another order gives the same bytes.
    shuffled = nx.MultiDiGraph(**rich_graph.graph)
    shuffled.add_nodes_from(reversed(list(rich_graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(rich_graph.edges(keys=True, data=True))))
    again = save(shuffled, tmp_path / "again.json")
    assert again.read_bytes() == saved.read_bytes()
    text = saved.read_text(encoding="utf-8")
    assert "Ferreira-Łukasz" in text  # ensure_ascii=False
    head = json.loads(text)
    assert (head["format"], head["schema_version"]) == ("diplograph", SCHEMA_VERSION)


def test_save_in_chunks_writes_the_node_link_data_of_the_graph(rich_graph, saved, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setattr(kg.nodelink, "_CHUNK", 2)  # every chunk boundary, on a small graph
    chunked = save(rich_graph, tmp_path / "chunked.json")
    assert chunked.read_bytes() == saved.read_bytes()
    data = json.loads(chunked.read_bytes())
    expected = nx.node_link_data(rich_graph, edges="links")
    def key(item):
        return json.dumps(item, sort_keys=True)

    assert sorted(map(key, data["nodes"])) == sorted(map(key, expected["nodes"]))
    assert sorted(map(key, data["links"])) == sorted(map(key, expected["links"]))
    assert data["graph"] == rich_graph.graph


@pytest.mark.parametrize("broken", ["kg.nodelink._write_items", "os.fsync", "os.replace"])
def test_failed_save_leaves_previous_file_and_no_temp_file(rich_graph, saved, monkeypatch, broken):
    before = saved.read_bytes()

    def boom(*args, **kwargs):
        if broken == "kg.nodelink._write_items":  # fail halfway, after writing part of the file
            args[0].write(b'{"format": "diplo')
        raise OSError(28, "disk full")

    monkeypatch.setattr(broken, boom)
    rich_graph.add_node("person:new", label="New", type="person")
    with pytest.raises(GraphFileError, match=r"graph\.json: cannot write the file: disk full$"):
        save(rich_graph, saved)
    assert saved.read_bytes() == before
    assert os.listdir(saved.parent) == ["graph.json"]


def test_save_keeps_file_permissions(rich_graph, saved):
    saved.chmod(0o600)
    save(rich_graph, saved)
    assert saved.stat().st_mode & 0o777 == 0o600


class _Tagged(str):
    """A str subclass, as an enum of strings is."""


@pytest.mark.parametrize(
    ("change", "error", "fragment"),
    [
        (lambda G: G.nodes[ANNA].update(met={"Carl"}), TypeError, "node 'person:anna-berg'"),
        (lambda G: G.nodes[ANNA].update(aliases=("Berg",)), TypeError, "tuple"),
        (lambda G: G.graph.update(counts={1: 2}), TypeError, "graph attribute 'counts'"),
        (lambda G: G.nodes[ANNA].update(confidence=float("nan")), ValueError, "nan"),
        (lambda G: G.nodes[ANNA].update(id="x"), ValueError, "'id'"),
        (lambda G: G.nodes[ANNA].update(count=2**64), ValueError, "too large an integer"),
        (lambda G: G.add_edge(ANNA, CARL, key=("a", 1)), TypeError, "edge"),
        # a subclass would load back as its base type: named, not written
        (lambda G: G.nodes[ANNA].update(status=_Tagged("held")), TypeError, "a _Tagged is not"),
    ],
)
def test_save_refuses_what_json_would_not_give_back(small_graph, tmp_path, change, error,
                                                   fragment):
    change(small_graph)
    with pytest.raises(error, match=fragment):
        save(small_graph, tmp_path / "g.json")
    assert list(tmp_path.iterdir()) == []


def test_save_refuses_a_simple_graph(tmp_path):
    with pytest.raises(TypeError, match="MultiDiGraph"):
        save(nx.DiGraph(), tmp_path / "g.json")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(None, "No such file", id="missing"),
        pytest.param(lambda good: b"", "empty", id="empty"),
        pytest.param(lambda good: good[: len(good) // 2], "truncated", id="truncated"),
        pytest.param(lambda good: bytes(range(256)), "not UTF-8", id="binary"),
        pytest.param(lambda good: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "not UTF-8", id="png"),
        pytest.param(lambda good: b"[1, 2, 3]", "not a diplograph graph", id="json-list"),
        pytest.param(lambda good: b"[" * 100_000 + b"]" * 100_000, "nested too deeply",
                     id="deep"),
        pytest.param(lambda good: b'{"nodes": [], "links": []}', "not a diplograph graph",
                     id="foreign"),
        pytest.param(lambda good: header(SCHEMA_VERSION + 1), "newer diplograph", id="newer"),
        pytest.param(lambda good: header(0), "no migration from version 0", id="older"),
        pytest.param(lambda good: header("1"), "schema_version '1'", id="bad-version"),
        pytest.param(lambda good: header(directed=False), "directed multigraph",
                     id="undirected"),
        pytest.param(lambda good: header(nodes=[{"id": "a"}, {"id": "a"}]), "twice",
                     id="duplicate-node"),
        pytest.param(lambda good: header(nodes=[{"id": "a"}], links=[
            {"source": "a", "target": "b", "key": "k"}]), "unknown node", id="dangling-link"),
    ],
)
def test_load_refuses_with_one_line_naming_the_file(saved, tmp_path, content, reason):
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_bytes(content(saved.read_bytes()))
    with pytest.raises(GraphFileError, match=reason) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert "\n" not in message
    assert isinstance(caught.value, DiplographError)


def test_graph_file_error_survives_pickling(tmp_path):
    error = pickle.loads(pickle.dumps(GraphFileError(tmp_path / "g.json", "the file is empty")))
    assert (str(error), error.reason) == (f"{tmp_path / 'g.json'}: the file is empty",
                                          "the file is empty")


def test_load_refuses_a_folder(tmp_path):
    with pytest.raises(GraphFileError, match=f"^{re.escape(str(tmp_path))}: cannot read the file"):
        load(tmp_path)


def test_load_migrates_an_older_version(saved, monkeypatch):
    def to_v2(data):
        data["graph"]["migrated"] = True
        return data

    monkeypatch.setattr(kg.io, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(kg.io._MIGRATIONS, SCHEMA_VERSION, to_v2)
    assert load(saved).graph["migrated"] is True


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150)
@given(content=st.binary(max_size=300))
def test_load_of_any_bytes_raises_only_graph_file_error(scratch, content):
    path = scratch / "any.json"
    path.write_bytes(content)
    with pytest.raises(GraphFileError):
        load(path)


@settings(max_examples=150)
@given(
    nodes=st.lists(st.dictionaries(st.sampled_from(["id", "label", "x"]),
                                   json_values | st.sampled_from(["a", "b"])), max_size=4),
    links=st.lists(st.dictionaries(st.sampled_from(["source", "target", "key", "role"]),
                                   json_values | st.sampled_from(["a", "b"])), max_size=4),
    graph=json_values,
)
def test_load_of_any_graph_shaped_json_raises_only_graph_file_error(scratch, nodes, links,
                                                                   graph):
    path = scratch / "shaped.json"
    path.write_bytes(header(nodes=nodes, links=links, graph=graph))
    try:
        G = load(path)
    except GraphFileError:
        return
    assert type(G) is nx.MultiDiGraph


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=60)
@given(value=json_values, graph_value=json_values)
def test_any_json_attribute_round_trips(scratch, small_graph, value, graph_value):
    # Each example overwrites the same two attributes, so sharing small_graph is fine.
    small_graph.nodes[ANNA]["extra"] = value
    small_graph.graph["extra"] = graph_value
    assert_same_graph(load(save(small_graph, scratch / "rt.json")), small_graph)


def test_a_byte_order_mark_is_accepted(rich_graph, saved):
    saved.write_bytes(b"\xef\xbb\xbf" + saved.read_bytes())
    assert_same_graph(load(saved), rich_graph)


# --- the lock -----------------------------------------------------------------------------------


def test_graph_lock_is_exclusive(tmp_path):
    path = tmp_path / "graph.json"
    with (
        graph_lock(path),
        pytest.raises(GraphFileError, match="locked") as caught,
        graph_lock(path, timeout=0.1),
    ):
        pass  # pragma: no cover - never reached
    assert str(caught.value).startswith(f"{path}: ")
    with graph_lock(path, timeout=0.1):  # released after use
        assert (tmp_path / "graph.json.lock").exists()
