"""Tests of kg.io: lossless JSON save/load, the graph lock, and the GraphML and GEXF exports."""

from __future__ import annotations

import io
import json
import os
import pickle
import re
import xml.etree.ElementTree as ET

import igraph
import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.io
import kg.nodelink
from diplograph.errors import DiplographError
from kg.exports import people_projection, write_gexf, write_graphml
from kg.io import GraphFileError, graph_lock, load, save
from kg.schema import SCHEMA_VERSION

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"
ANNA, CARL, EVA = "person:anna-berg", "person:carl-dunn", "person:eva-ferreira-lukasz"
M_DAY = "meeting:2024-05-02-anna-berg-carl-dunn"
M_MONTH = "meeting:2024-09-anna-berg-carl-dunn"
M_PHONE = "meeting:2023-01-15-carl-dunn-eva-ferreira-lukasz"
GEPHI_RESERVED = {"x", "y", "size", "r", "g", "b", "id"}

# igraph notes that our edges carry their id as an attribute too; the values are the same.
igraph_id_warning = pytest.mark.filterwarnings("ignore:Could not add edge ids:RuntimeWarning")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@pytest.fixture
def rich_graph(small_graph):
    """small_graph with the graph attributes a real run leaves: a list-of-dicts "extractions"."""
    small_graph.graph["extractions"] = [
        {"article": "article:one", "events": [{"date": "2024-05-02", "people": ["Anna Berg"]}]},
        {"article": "article:two", "events": [], "error": None},
    ]
    small_graph.graph["name"] = "Łódź talks"
    return small_graph


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


# --- GraphML ------------------------------------------------------------------------------------


@pytest.fixture
def graphml_file(rich_graph, tmp_path):
    # Things Gephi or GraphML readers choke on, on top of the usual graph.
    rich_graph.nodes[ANNA].update(x=1.5, size=3, rank=1)  # reserved names; rank: int here...
    rich_graph.nodes[CARL]["rank"] = "high"  # ...and str there
    rich_graph.edges[ANNA, M_DAY, "participated_in"]["weight"] = 0  # Gephi drops the edge
    rich_graph.edges[CARL, M_DAY, "participated_in"]["weight"] = 2
    rich_graph.edges[CARL, M_DAY, "participated_in"]["sources"] = [{"article": "article:one"}]
    path = tmp_path / "graph.graphml"
    write_graphml(rich_graph, path)
    return path


def test_graphml_reads_back_with_networkx(graphml_file, rich_graph):
    H = nx.read_graphml(graphml_file)
    assert set(H.nodes) == set(rich_graph.nodes)
    assert H.number_of_edges() == rich_graph.number_of_edges()
    assert all("label" in d and "type" in d for _, d in H.nodes(data=True))
    assert all("relation" in d for *_, d in H.edges(data=True))
    anna = H.nodes[ANNA]
    assert anna["aliases"] == "Berg; A. Berg"  # lists of strings are joined
    assert anna["node_x"] == 1.5 and anna["node_size"] == 3
    assert GEPHI_RESERVED.isdisjoint(anna)
    assert (anna["rank"], H.nodes[CARL]["rank"]) == ("1", "high")  # mixed types -> strings
    meeting = H.nodes[M_DAY]
    assert json.loads(meeting["sources"])[0]["article"] == "article:one"  # dicts are JSON
    assert meeting["historical"] is False and meeting["confidence"] == 0.9
    assert "weight" not in H.edges[ANNA, M_DAY] and H.edges[CARL, M_DAY]["weight"] == 2
    assert json.loads(H.edges[CARL, M_DAY]["edge_sources"]) == [{"article": "article:one"}]
    assert H.graph["schema_version"] == SCHEMA_VERSION and "extractions" not in H.graph


@pytest.mark.parametrize("name", ["graph.graphml", "graph.graphml.gz"])
def test_graphml_keeps_markup_and_drops_what_xml_forbids(tmp_path, name):
    G = nx.MultiDiGraph()
    G.add_node('person:a&b', label='Ann <"the envoy"> & co\n\tsecond line', note="bell\x07here")
    G.add_edge('person:a&b', "meeting:m", key="participated_in", role="a > b")
    write_graphml(G, tmp_path / name)
    H = nx.read_graphml(tmp_path / name)
    assert H.nodes["person:a&b"]["label"] == 'Ann <"the envoy"> & co\n\tsecond line'
    assert H.nodes["person:a&b"]["note"] == "bellhere"  # a control character XML 1.0 forbids
    assert H.edges["person:a&b", "meeting:m"]["role"] == "a > b"


@igraph_id_warning
def test_graphml_reads_back_with_igraph(graphml_file, rich_graph):
    g = igraph.Graph.Read_GraphML(str(graphml_file))
    assert g.vcount() == rich_graph.number_of_nodes()
    assert g.ecount() == rich_graph.number_of_edges()
    assert all(g.vs["label"]) and all(g.vs["type"])
    assert set(g.es["relation"]) == {
        "participated_in", "held_in", "discussed", "reported_by", "affiliated_with",
        "signed_at", "mentions"}
    assert g.vs.find(id=ANNA)["rank"] == "1"


def test_graphml_file_is_well_formed_for_gephi(graphml_file, rich_graph):
    root = ET.parse(graphml_file).getroot()
    keys = root.findall(f"{GRAPHML}key")
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))  # key ids are unique in the file...
    assert ids == [k.get("attr.name") for k in keys]  # ...and named, never d0, d1...
    declared = [(k.get("attr.name"), k.get("for")) for k in keys]
    assert len(declared) == len(set(declared))
    node_keys = {name for name, scope in declared if scope == "node"}
    assert {"label", "type"} <= node_keys and GEPHI_RESERVED.isdisjoint(node_keys)

    edges = root.iter(f"{GRAPHML}edge")
    edge_ids = [e.get("id") for e in edges]
    assert None not in edge_ids and len(set(edge_ids)) == rich_graph.number_of_edges()
    assert f"{ANNA}|participated_in|{M_DAY}" in edge_ids

    texts = [d.text for d in root.iter(f"{GRAPHML}data")]
    assert "None" not in texts and "null" not in texts and "[]" not in texts
    weights = [d.text for d in root.iter(f"{GRAPHML}data") if d.get("key") == "weight"]
    assert "0" not in weights


@pytest.fixture
def people_file(small_graph, tmp_path):
    path = tmp_path / "people.graphml"
    write_graphml(small_graph, path, projection="people")
    return path


def test_people_projection(small_graph):
    P = people_projection(small_graph)
    assert type(P) is nx.Graph
    assert sorted(P.nodes) == [ANNA, CARL, EVA]
    eva = P.nodes[EVA]
    assert (eva["label"], eva["type"], eva["countries"]) == ("Eva Ferreira-Łukasz", "person",
                                                            "Portia")
    assert dict(P.edges[ANNA, CARL]) == {
        "relation": "met_with", "weight": 2, "meetings": f"{M_DAY}; {M_MONTH}",
        "dates": "2024-05-02; 2024-09", "first_date": "2024-05-02", "last_date": "2024-09"}
    assert P.edges[CARL, EVA]["weight"] == 1
    assert (P.edges[CARL, EVA]["first_date"], P.edges[CARL, EVA]["last_date"]) == (
        "2023-01-15", "2023-01-15")
    assert not P.has_edge(ANNA, EVA)


def test_people_projection_leaves_out_dates_of_undated_meetings(small_graph):
    small_graph.nodes[M_PHONE]["date"] = None
    edge = people_projection(small_graph).edges[CARL, EVA]
    assert edge["weight"] == 1 and edge["dates"] == ""
    assert "first_date" not in edge and "last_date" not in edge


@pytest.mark.parametrize("reader", ["networkx", "igraph"])
@igraph_id_warning
def test_people_graphml(people_file, reader):
    if reader == "networkx":
        H = nx.read_graphml(people_file)
        weights = {frozenset((u, v)): w for u, v, w in H.edges(data="weight")}
        labels = dict(H.nodes(data="label"))
    else:
        g = igraph.Graph.Read_GraphML(str(people_file))
        weights = {frozenset((g.vs[e.source]["id"], g.vs[e.target]["id"])): e["weight"]
                   for e in g.es}
        labels = dict(zip(g.vs["id"], g.vs["label"], strict=True))
    assert weights == {frozenset((ANNA, CARL)): 2, frozenset((CARL, EVA)): 1}
    assert labels[EVA] == "Eva Ferreira-Łukasz"


def test_people_graphml_dates(people_file):
    H = nx.read_graphml(people_file)
    assert H.edges[ANNA, CARL]["first_date"] == "2024-05-02"
    assert H.edges[ANNA, CARL]["last_date"] == "2024-09"
    assert H.graph["projection"] == "people"


def test_unknown_projection_is_refused_before_writing(small_graph, tmp_path):
    path = tmp_path / "out.graphml"
    with pytest.raises(ValueError, match="unknown projection 'countries'"):
        write_graphml(small_graph, path, projection="countries")
    assert not path.exists()


def test_export_refuses_values_that_are_not_json(small_graph, tmp_path):
    small_graph.nodes[ANNA]["met"] = {"Carl"}
    with pytest.raises(TypeError, match="node 'person:anna-berg' attribute 'met'"):
        write_graphml(small_graph, tmp_path / "out.graphml")


# --- GEXF ---------------------------------------------------------------------------------------


@pytest.fixture
def gexf_file(small_graph, tmp_path):
    small_graph.nodes[M_PHONE]["date"] = "2023"  # year precision
    small_graph.add_node("meeting:undated", label="Undated", type="meeting", date=None)
    small_graph.edges[ANNA, M_DAY, "participated_in"]["type"] = "user-set"  # GEXF reserves it
    path = tmp_path / "graph.gexf"
    write_gexf(small_graph, path)
    return path


@pytest.mark.parametrize(
    ("meeting", "date", "start", "end"),
    [
        (M_DAY, "2024-05-02", "2024-05-02", "2024-05-02"),
        (M_MONTH, "2024-09", "2024-09-01", "2024-09-30"),
        (M_PHONE, "2023", "2023-01-01", "2023-12-31"),
    ],
)
def test_gexf_timeline(gexf_file, small_graph, meeting, date, start, end):
    H = nx.read_gexf(gexf_file)
    assert (H.nodes[meeting]["start"], H.nodes[meeting]["end"]) == (start, end)
    assert H.nodes[meeting]["date"] == date  # kept as an ordinary attribute too
    assert H.nodes[meeting]["label"] == small_graph.nodes[meeting]["label"]


def test_gexf_reads_back(gexf_file, small_graph):
    H = nx.read_gexf(gexf_file)
    assert H.number_of_nodes() == small_graph.number_of_nodes()  # the undated meeting too
    assert H.number_of_edges() == small_graph.number_of_edges()
    assert "start" not in H.nodes["meeting:undated"]
    assert all("start" not in d for n, d in H.nodes(data=True) if not n.startswith("meeting:"))
    assert all("relation" in d for *_, d in H.edges(data=True))
    assert H.edges[ANNA, M_DAY]["edge_type"] == "user-set"
    assert H.nodes[ANNA]["countries"] == "Norland"


def test_gexf_has_no_edge_attribute_named_type(gexf_file):
    root = ET.parse(gexf_file).getroot()
    graph = root.find(f"{GEXF}graph")
    assert graph.get("timeformat") == "date" and graph.get("mode") == "dynamic"
    titles = {
        a.get("class"): {x.get("title") for x in a.iter(f"{GEXF}attribute")}
        for a in graph.findall(f"{GEXF}attributes")
    }
    assert "relation" in titles["edge"] and "type" not in titles["edge"]
    assert all(e.get("type") is None for e in root.iter(f"{GEXF}edge"))
    edge_ids = [e.get("id") for e in root.iter(f"{GEXF}edge")]
    assert len(set(edge_ids)) == len(edge_ids)


# --- open files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("write", "read"),
    [
        (write_graphml, nx.read_graphml),
        (lambda G, f: write_graphml(G, f, projection="people"), nx.read_graphml),
        (write_gexf, nx.read_gexf),
    ],
)
def test_exports_write_to_an_open_binary_file(small_graph, tmp_path, write, read):
    buffer = io.BytesIO()
    write(small_graph, buffer)
    H = read(io.BytesIO(buffer.getvalue()))
    assert ANNA in H and H.nodes[ANNA]["label"] == "Anna Berg"
    path = tmp_path / "out"
    with open(path, "wb") as fh:
        write(small_graph, fh)
    assert read(path).nodes[EVA]["label"] == "Eva Ferreira-Łukasz"
