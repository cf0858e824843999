"""Export diplograph graphs for Gephi and other tools: GraphML, GEXF with a timeline, and the
network of who met whom."""

from __future__ import annotations

import operator
import os
from collections import defaultdict
from typing import IO, Any, NamedTuple

import msgspec
import networkx as nx

from diplograph.dates import interval_of

from .atomic import atomic_write
from .graph import edge_id
from .graphml import write_graphml_stream
from .nodelink import SCHEMA_VERSION, id_order

__all__ = ["date_span", "people_projection", "write_gexf", "write_graphml"]

_StrPath = str | os.PathLike[str]

# The one table of types for exports: how an attribute value reaches GraphML and GEXF.
#   str, int, float, bool      -> as it is (one type per attribute name, else str everywhere)
#   list or tuple of only str  -> joined with "; ", readable in Gephi's data table
#   any other list, tuple, dict -> JSON
#   None and empty containers  -> the attribute is left out
#   anything else              -> TypeError
_EXPORT_SCALARS = (str, bool, int, float)
_EXPORT_CONTAINERS = (list, tuple, dict)
_JOIN = "; "
# Containers that are not lists of strings go out as compact JSON, keys sorted.
_JSON = msgspec.json.Encoder(order="sorted")


class _AsJSON:
    """A list or dict that an export writes as JSON text, made as it is written: a graph's
    sources, encoded all at once, would take as much memory again as the graph."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __str__(self) -> str:
        return _JSON.encode(self.value).decode()

# Attribute names an export must not use as they are: Gephi reads x, y, size, r, g, b as layout
# and colour, and networkx's GEXF writer takes id, pid, start, end, spells, slices, viz (and, on
# edges, key and type, the edge direction) for itself. Node attributes also keep off the names
# our edges need (relation, weight), because named GraphML key ids are shared by nodes and edges.
_RESERVED = {
    "node": frozenset(
        {"id", "x", "y", "size", "r", "g", "b", "pid", "start", "end", "spells", "slices",
         "viz", "relation", "weight"}
    ),
    "edge": frozenset(
        {"id", "key", "networkx_key", "type", "start", "end", "spells", "slices", "viz"}
    ),
    "graph": frozenset(),
}

_PROJECTIONS = (None, "people")



def people_projection(G: nx.MultiDiGraph) -> nx.Graph:
    """Return who met whom: people joined by the meetings they took part in together.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph graph.

    Returns
    -------
    networkx.Graph
        Undirected; one node per person (type ``"person"``), with the person's attributes made
        export-ready as in `write_graphml` (``countries`` is a ``"; "``-joined string). One edge
        per pair of people who took part (``participated_in``) in at least one common meeting,
        with ``relation="met_with"``, ``weight`` (the number of such meetings, at least 1),
        ``meetings`` (their ids, sorted, ``"; "``-joined), ``dates`` (their dates, sorted,
        ``"; "``-joined, undated meetings skipped) and, when a meeting is dated, ``first_date``
        and ``last_date``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for who in ("a", "b", "c"):
    ...     G.add_node(f"person:{who}", label=who.upper(), type="person", countries=["X", "Y"])
    >>> G.add_node("meeting:m", type="meeting", date="2024-05")
    >>> for who in ("a", "b", "c"):
    ...     _ = G.add_edge(f"person:{who}", "meeting:m", key="participated_in",
    ...                    relation="participated_in")
    >>> P = people_projection(G)
    >>> P.edges["person:a", "person:b"]["weight"], P.nodes["person:a"]["countries"]
    (1, 'X; Y')
    >>> P.number_of_edges()
    3

    Notes
    -----
    Every meeting counts, whatever its ``status`` (held, planned or cancelled).
    """
    people = sorted((n for n, d in G.nodes(data=True) if d.get("type") == "person"),
                    key=id_order)
    is_person = set(people)
    participants: dict[Any, set[Any]] = defaultdict(set)
    for u, v, d in G.edges(data=True):
        if (d.get("relation") == "participated_in" and u in is_person
                and G.nodes[v].get("type") == "meeting"):
            participants[v].add(u)

    shared: dict[tuple[Any, Any], list[Any]] = defaultdict(list)
    for meeting, who in participants.items():
        ordered = sorted(who, key=id_order)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                shared[a, b].append(meeting)

    P = nx.Graph(schema_version=G.graph.get("schema_version", SCHEMA_VERSION),
                 projection="people")
    for n in people:
        where = f"node {n!r}"
        P.add_node(n, **{**_texts(_flat_attrs(G.nodes[n], where), where), "type": "person"})
    for (a, b), meetings in sorted(shared.items(), key=lambda item: id_order(item[0])):
        dates = sorted(G.nodes[m]["date"] for m in meetings
                       if isinstance(G.nodes[m].get("date"), str))
        attrs = {"relation": "met_with", "weight": len(meetings),
                 "meetings": _JOIN.join(sorted(map(str, meetings))), "dates": _JOIN.join(dates)}
        if dates:
            attrs.update(first_date=dates[0], last_date=dates[-1])
        P.add_edge(a, b, **attrs)
    return P


def write_graphml(
    G: nx.Graph, path: _StrPath | IO[bytes], *, projection: str | None = None
) -> None:
    """Write `G` as GraphML that Gephi, Gephi Lite, igraph and networkx all read.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph graph.
    path : str, os.PathLike or binary file
        Where to write (a path atomically); a name ending in ``.gz`` or ``.bz2`` is compressed.
    projection : {None, "people"}, optional
        None writes `G` itself; ``"people"`` writes `people_projection` of `G` instead.

    Raises
    ------
    ValueError
        If `projection` is not one of the above.
    TypeError
        If an attribute holds a value that is not a JSON value.
    kg.GraphFileError
        If the file cannot be written; a file already at `path` is then left as it was.

    Examples
    --------
    >>> import io
    >>> G = nx.MultiDiGraph(extractions=[{"article": "a"}], schema_version=1)
    >>> G.add_node("person:a", label="A", type="person", aliases=["Ann", "Anna"], x=3)
    >>> G.add_node("meeting:m", label="M", type="meeting", date=None)
    >>> _ = G.add_edge("person:a", "meeting:m", key="participated_in",
    ...                relation="participated_in")
    >>> out = io.BytesIO()
    >>> write_graphml(G, out)
    >>> H = nx.read_graphml(io.BytesIO(out.getvalue()))
    >>> H.nodes["person:a"]
    {'label': 'A', 'type': 'person', 'aliases': 'Ann; Anna', 'node_x': 3}
    >>> list(H.edges(data="id"))
    [('person:a', 'meeting:m', 'person:a|participated_in|meeting:m')]
    >>> H.graph["schema_version"], "extractions" in H.graph
    (1, False)

    Notes
    -----
    The graph is made export-ready first (the same way for `write_gexf`):

    - a list of strings becomes one ``"; "``-joined string; any other list or dict becomes
      JSON; None and empty lists are left out (no ``"None"`` strings);
    - an attribute name with values of more than one type becomes a string everywhere, so
      each name has one GraphML type;
    - every node has ``label`` (default: its id) and ``type``; every edge has ``relation``
      (default: its key) and a graph-wide unique ``id``, `kg.graph.edge_id`;
    - names Gephi or GEXF reserve (``x``, ``y``, ``size``, ``r``, ``g``, ``b``, ``id``...) get
      a ``node_`` or ``edge_`` prefix, and so does an edge attribute named like a node
      attribute (``sources`` -> ``edge_sources``): key ids are attribute names, unique
      across the file;
    - an edge ``weight`` of 0 is left out (Gephi drops such edges and reads none as 1);
    - graph attributes keep only scalars (``schema_version``, not ``extractions``).

    See Also
    --------
    people_projection, write_gexf
    """
    if projection not in _PROJECTIONS:
        raise ValueError(f"unknown projection {projection!r}; expected one of {_PROJECTIONS}")
    if projection == "people":
        G = people_projection(G)
    # Named key ids: Gephi reads a key with id "d3" as the node label; "id" gives edges unique
    # ids (networkx would write a multigraph's keys, repeated across edges).
    flat = _exportable(G)
    _write(path, lambda out: write_graphml_stream(out, flat.graph, flat.nodes, flat.edges,
                                                  directed=G.is_directed()))


def write_gexf(G: nx.Graph, path: _StrPath | IO[bytes]) -> None:
    """Write `G` as GEXF with a timeline: Gephi plays the meetings in date order.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph graph.
    path : str, os.PathLike or binary file
        Where to write (a path atomically); a name ending in ``.gz`` or ``.bz2`` is compressed.

    Raises
    ------
    TypeError
        If an attribute holds a value that is not a JSON value.
    kg.GraphFileError
        If the file cannot be written; a file already at `path` is then left as it was.

    Examples
    --------
    >>> import io
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("meeting:m", label="M", type="meeting", date="2024-02")
    >>> out = io.BytesIO()
    >>> write_gexf(G, out)
    >>> H = nx.read_gexf(io.BytesIO(out.getvalue()))
    >>> H.nodes["meeting:m"]["start"], H.nodes["meeting:m"]["end"], H.nodes["meeting:m"]["date"]
    ('2024-02-01', '2024-02-29', '2024-02')

    Notes
    -----
    Attributes are made export-ready as for `write_graphml`. A meeting with a date gets
    ``start`` and ``end``, the first and last day the date covers (a day, a whole month or a
    whole year); undated meetings and other nodes have none, so they are always shown. Edges
    keep their kind in ``relation``: GEXF reserves ``type`` for the edge direction.

    See Also
    --------
    write_graphml
    """
    flat = _exportable(G)
    H = G.__class__(**flat.graph)
    H.add_nodes_from((n, _texts(attrs, f"node {n!r}")) for n, attrs in flat.nodes)
    edges = ((u, v, key, _texts(attrs, f"edge {u!r} -> {v!r} (key {key!r})"))
             for u, v, key, attrs in flat.edges)
    if G.is_multigraph():
        H.add_edges_from(edges)
    else:
        H.add_edges_from((u, v, attrs) for u, v, _, attrs in edges)
    for n, attrs in G.nodes(data=True):
        if attrs.get("type") == "meeting" and (span := date_span(attrs.get("date"))):
            H.nodes[n]["start"], H.nodes[n]["end"] = span
    _write(path, lambda out: nx.write_gexf(H, out))


def _texts(attrs: dict[str, Any], where: str) -> dict[str, Any]:
    """`attrs` with JSON made text, for a writer that takes values as they are; a value JSON
    cannot hold is named as the GraphML writer names it."""
    texts = {}
    for k, v in attrs.items():
        if type(v) is _AsJSON:
            try:
                v = str(v)
            except TypeError as err:
                raise TypeError(f"{where} attribute {k!r}: cannot export ({err})") from err
        texts[k] = v
    return texts


def _write(path: _StrPath | IO[bytes], write: Any) -> None:
    """Write to a binary file as it is, or to a path atomically (see `kg.atomic`)."""
    if isinstance(path, (str, os.PathLike)):
        atomic_write(path, write)
    else:
        write(path)


def date_span(date: Any) -> tuple[str, str] | None:
    """Return the first and last day an ISO date of a day, month or year covers, if valid.

    >>> date_span("2024-02")
    ('2024-02-01', '2024-02-29')
    >>> date_span("2000")
    ('2000-01-01', '2000-12-31')
    >>> date_span("2023-01-15")
    ('2023-01-15', '2023-01-15')
    >>> date_span("2024-13") is None, date_span(None) is None
    (True, True)
    """
    interval = interval_of(date)
    if interval is None:
        return None
    first, last = interval
    return first.isoformat(), last.isoformat()


class _Exportable(NamedTuple):
    """A graph's attributes, nodes and edges (with their keys) as exports write them."""

    graph: dict[str, Any]
    nodes: list[tuple[Any, dict[str, Any]]]
    edges: list[tuple[Any, Any, Any, dict[str, Any]]]


def _exportable(G: nx.Graph) -> _Exportable:
    """Return what of `G` the GraphML and GEXF writers, and Gephi, accept as it is.

    See the Notes of `write_graphml`. Nodes and edges are in id order, so exports are stable.
    """
    nodes = [(n, _flat_attrs(d, f"node {n!r}")) for n, d in _by_ids(G.nodes(data=True), 1)]
    for n, attrs in nodes:
        attrs.setdefault("label", str(n))
        attrs.setdefault("type", "unknown")
    _rename([d for _, d in nodes], "node", set())
    taken = {k for _, d in nodes for k in d}

    edges = [(u, v, key, _flat_attrs(d, f"edge {u!r} -> {v!r} (key {key!r})"))
             for u, v, key, d in _keyed_edges(G)]
    # Our own edge attributes come after the renaming, which moves a user's `id` out of the way.
    _rename([d for *_, d in edges], "edge", taken)
    for u, v, key, attrs in edges:
        attrs.setdefault("relation", str(key))
        attrs["id"] = edge_id(str(u), str(v), str(key))
        if attrs.get("weight") == 0:
            del attrs["weight"]
    taken |= {k for *_, d in edges for k in d}

    graph = {k: v for k, v in G.graph.items()
             if k != "extractions" and isinstance(v, _EXPORT_SCALARS)}
    _rename([graph], "graph", taken)

    _one_type_per_name([d for _, d in nodes])
    _one_type_per_name([d for *_, d in edges])
    return _Exportable(graph, nodes, edges)


def _keyed_edges(G: nx.Graph) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    # Edges of any graph with a key for their id: a multigraph's own key, else the relation.
    if G.is_multigraph():
        edges = list(G.edges(keys=True, data=True))
    else:
        edges = [(u, v, d.get("relation", "edge"), d) for u, v, d in G.edges(data=True)]
    return _by_ids(edges, 3)


def _by_ids(items: Any, ids: int) -> list[Any]:
    """Tuples sorted by their first `ids` items (node ids, edge keys), so exports are stable."""
    items = list(items)
    if all(type(x) is str for item in items for x in item[:ids]):
        return sorted(items, key=operator.itemgetter(*range(ids)))  # the usual case, fast
    return sorted(items, key=lambda item: tuple(id_order(x) for x in item[:ids]))


def _flat_attrs(attrs: dict[Any, Any], where: str) -> dict[str, Any]:
    """Return `attrs` with every value export-ready, per the table of types above."""
    flat: dict[str, Any] = {}
    for k, v in attrs.items():
        if v is None or (isinstance(v, _EXPORT_CONTAINERS) and not v):
            continue
        if isinstance(v, _EXPORT_SCALARS):
            flat[str(k)] = v
        elif isinstance(v, (list, tuple)) and all(isinstance(item, str) for item in v):
            flat[str(k)] = _JOIN.join(v)
        elif isinstance(v, _EXPORT_CONTAINERS):
            flat[str(k)] = _AsJSON(v)
        else:
            raise TypeError(f"{where} attribute {k!r}: cannot export a {type(v).__name__} (only "
                            "str, int, float, bool, None, list and dict)")
    return flat


def _rename(dicts: list[dict[str, Any]], scope: str, taken: set[str]) -> None:
    """Prefix, in place, the attribute names `scope` reserves or another scope has `taken`."""
    names = {k for d in dicts for k in d}
    renames = {k: f"{scope}_{k}" for k in names if k in _RESERVED[scope] or k in taken}
    for old, new in renames.items():
        if new in names or new in taken:
            raise ValueError(f"cannot export {scope} attribute {old!r} as {new!r}: that name is "
                             "used too")
    for d in dicts:
        for old in renames.keys() & d.keys():
            d[renames[old]] = d.pop(old)


def _one_type_per_name(dicts: list[dict[str, Any]]) -> None:
    # GraphML declares one type per key and igraph refuses two keys of one name: an attribute
    # whose values differ in type (1 here, "high" there) is written as a string everywhere.
    types = defaultdict(set)
    for d in dicts:
        for k, v in d.items():
            types[k].add(str if type(v) is _AsJSON else type(v))
    mixed = {k for k, found in types.items() if len(found) > 1}
    for d in dicts:
        for k in mixed & d.keys():
            d[k] = str(d[k])
