"""Tests of kg.exports: the GraphML and GEXF files, the people projection, open files."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import igraph
import networkx as nx
import pytest

from kg.exports import people_projection, write_gexf, write_graphml
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


@pytest.mark.parametrize("write", [write_graphml, write_gexf,
                                   lambda G, path: people_projection(G)])
def test_export_names_a_value_deep_in_a_list_that_json_cannot_hold(small_graph, tmp_path, write):
    # Lists of dicts become JSON text as they are written: the error still says where.
    small_graph.nodes[ANNA]["notes"] = [{"seen": object()}]
    with pytest.raises(TypeError, match="node 'person:anna-berg' attribute 'notes': cannot "
                                        "export"):
        write(small_graph, tmp_path / "out")


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
