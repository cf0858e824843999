"""Node-link JSON, the form of a saved graph: a MultiDiGraph to plain dicts and back, in one
pass over the graph's own dicts, and the checks that say where a graph or a file goes wrong."""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, BinaryIO

import networkx as nx

from .atomic import GraphFileError

__all__ = [
    "FORMAT", "SCHEMA_VERSION", "Unsaveable", "check_node_link", "graph_of", "id_order",
    "locate_unsaveable", "write_node_link",
]

# The `format` stamp of a saved graph: tells our files from any other JSON.
FORMAT = "diplograph"
# The version of what nodes and edges hold (kg.schema). Here, not there, so that reading a
# graph does without building pydantic's models.
SCHEMA_VERSION = 1

# Values `save` writes; JSON would silently turn anything else (tuples, int dict keys) into
# something that loads back different, so those are refused instead.
_JSON_SCALARS = (str, int, float, bool, type(None))
_ID_TYPES = frozenset({str, int})
_LINK_FIELDS = frozenset({"source", "target", "key"})  # node-link JSON's names for an edge
# Many JSON readers keep integers of 64 bits at most (orjson's; JavaScript's keep fewer): larger
# ones would load back as floats elsewhere, so they are refused like NaN.
_INT_RANGE = range(-(2**63), 2**64)


class Unsaveable(Exception):
    """`G` holds what JSON would not give back as it is (`locate_unsaveable` says where)."""


# Items encoded at a time: a save holds the graph and one chunk, never the whole file.
_CHUNK = 5_000


def write_node_link(G: nx.MultiDiGraph, stream: BinaryIO,
                    encode: Callable[[Any], bytes]) -> None:
    """Write what `nx.node_link_data` gives, with our stamp, to `stream`, sorted by id.

    `encode` gives compact JSON with sorted keys. The graph goes out in chunks, each copied and
    checked in one pass over the graph's own dicts: a graph of 100,000 meetings saves in half
    the time of a check, `nx.node_link_data` and one dump, and in a fraction of the memory.

    Raises `Unsaveable`, having written part of the file, if `G` holds what JSON would not
    give back as it is.
    """
    if not _plain_json(list(G.graph.values())):
        raise Unsaveable
    head = encode({"directed": True, "format": FORMAT, "graph": G.graph})
    stream.write(head[:-1] + b',"links":[')
    _write_items(stream, _links(G), encode)
    stream.write(b'],"multigraph":true,"nodes":[')
    _write_items(stream, _nodes(G), encode)
    stream.write(b'],"schema_version":%d}\n' % SCHEMA_VERSION)


def _write_items(stream: BinaryIO, items: Iterator[dict[str, Any]],
                 encode: Callable[[Any], bytes]) -> None:
    separator = b""
    while chunk := list(itertools.islice(items, _CHUNK)):
        if not _plain_json([value for item in chunk for value in item.values()]):
            raise Unsaveable
        stream.write(separator + encode(chunk)[1:-1])
        separator = b","


def _nodes(G: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    node = G._node
    for n in _sorted(node):
        attrs = node[n]
        if "id" in attrs:
            raise Unsaveable
        yield {**attrs, "id": n}


def _links(G: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    succ = G._succ
    for u in _sorted(succ):
        nbrs = succ[u]
        for v in _sorted(nbrs):
            keys = nbrs[v]
            for key in _sorted(keys):
                attrs = keys[key]
                if _LINK_FIELDS & attrs.keys():
                    raise Unsaveable
                yield {**attrs, "source": u, "target": v, "key": key}


def _sorted(ids: Iterable[Any]) -> list[Any]:
    """Node ids or edge keys in order, so that one graph always gives the same bytes; raises
    `Unsaveable` for an id that is neither str nor int."""
    items = list(ids)
    if all(type(i) is str for i in items):
        return sorted(items)
    if any(type(i) not in _ID_TYPES for i in items):
        raise Unsaveable
    return sorted(items, key=id_order)


def id_order(value: Any) -> tuple[str, str]:
    """The sort key of an id that may be a str or an int among the other kind: by type, then
    text, so that sorting never fails (saves and exports alike)."""
    return type(value).__name__, str(value)


def graph_of(data: dict[str, Any]) -> nx.MultiDiGraph | None:
    """The graph of node-link JSON, or None if it is not that of a directed multigraph.

    What `nx.node_link_graph` builds, but into the graph's own dicts (a MultiDiGraph's node,
    successor and predecessor dicts), with the parsed objects as attribute dicts: a graph of
    100,000 meetings loads in a third of the time, and is never held twice in memory.
    """
    nodes, links = data.get("nodes"), data.get("links")
    if (data.get("directed") is not True or data.get("multigraph") is not True
            or not isinstance(data.get("graph", {}), dict)
            or not isinstance(nodes, list) or not isinstance(links, list)):
        return None
    G = nx.MultiDiGraph(**data.get("graph", {}))
    node, succ, pred = G._node, G._succ, G._pred
    try:
        for attrs in _emptied(nodes):
            n = attrs.pop("id")
            if type(n) not in _ID_TYPES or n in node:
                return None
            node[n], succ[n], pred[n] = attrs, {}, {}
        for attrs in _emptied(links):
            u, v, key = attrs.pop("source"), attrs.pop("target"), attrs.pop("key")
            keys = succ[u].get(v)
            if keys is None:
                keys = succ[u][v] = pred[v][u] = {}
            if type(key) not in _ID_TYPES or key in keys or type(attrs) is not dict:
                return None
            keys[key] = attrs
    except (AttributeError, KeyError, TypeError):  # not an object, no id, an unknown node
        return None
    return G


def _emptied(items: list[Any]) -> Iterator[Any]:
    """The items of a list in order, each let go of by the list as it is taken."""
    items.reverse()
    while items:
        yield items.pop()


def _plain_json(stack: list[Any]) -> bool:
    """Whether every value is JSON that loads back the same: exact types only, no NaN.

    Takes the values as a list, which it empties.
    """
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind is str or value is None or kind is bool:
            continue
        if kind is list:
            stack.extend(value)
        elif kind is int:
            if value not in _INT_RANGE:
                return False
        elif kind is float:
            if value - value != 0:  # NaN and the infinities
                return False
        elif kind is dict:
            if any(type(k) is not str for k in value):
                return False
            stack.extend(value.values())
        else:
            return False
    return True


def locate_unsaveable(G: nx.MultiDiGraph) -> None:
    """Raise naming where `G` holds what JSON cannot keep as it is.

    Types must be exactly JSON's: a subclass (a str enum, numpy's scalars) would load back as
    another type, or not be written at all.
    """
    for k, v in G.graph.items():
        _check_json(v, f"graph attribute {k!r}")
    for n, attrs in G.nodes(data=True):
        where = f"node {n!r}"
        _check_id(n, where)
        if "id" in attrs:
            raise ValueError(f"{where}: an attribute named 'id' cannot be saved (the node's id)")
        for k, v in attrs.items():
            _check_json(v, f"{where} attribute {k!r}")
    for u, v, key, attrs in G.edges(keys=True, data=True):
        where = f"edge {u!r} -> {v!r} (key {key!r})"
        _check_id(key, where)
        for name in ("source", "target", "key"):
            if name in attrs:
                raise ValueError(f"{where}: an attribute named {name!r} cannot be saved")
        for k, value in attrs.items():
            _check_json(value, f"{where} attribute {k!r}")


def _check_id(value: Any, where: str) -> None:
    if type(value) not in _ID_TYPES:
        raise TypeError(f"{where}: ids and keys must be str or int to be saved, not "
                        f"{type(value).__name__}")


def _check_json(value: Any, where: str) -> None:
    kind = type(value)
    if kind is int and value not in _INT_RANGE:
        raise ValueError(f"{where}: {value} is too large an integer for a graph file (64 bits)")
    if kind is float and not math.isfinite(value):
        raise ValueError(f"{where}: {value!r} is not a JSON number")
    if kind in _JSON_SCALARS:
        return
    if kind is list:
        for item in value:
            _check_json(item, where)
    elif kind is dict:
        for k, item in value.items():
            if type(k) is not str:
                raise TypeError(f"{where}: dict key {k!r} is not a str (JSON would make it one)")
            _check_json(item, where)
    else:
        raise TypeError(f"{where}: a {kind.__name__} is not a JSON value (save keeps exactly "
                        "str, int, float, bool, None, list and dict)")


def check_node_link(data: dict[str, Any], path: str | os.PathLike[str]) -> None:
    """Raise GraphFileError unless `data` is node-link JSON of a directed multigraph."""

    def bad(reason: str) -> GraphFileError:
        return GraphFileError(path, f"not a valid diplograph graph ({reason})")

    if data.get("directed") is not True or data.get("multigraph") is not True:
        raise bad("not a directed multigraph")
    if not isinstance(data.get("graph", {}), dict):
        raise bad('"graph" is not an object')
    nodes, links = data.get("nodes"), data.get("links")
    if not isinstance(nodes, list) or not isinstance(links, list):
        raise bad('"nodes" and "links" must be lists')
    ids = set()
    for i, node in enumerate(nodes):
        if not isinstance(node, dict) or not isinstance(node.get("id"), (str, int)):
            raise bad(f"node {i} has no str or int id")
        if node["id"] in ids:
            raise bad(f"node id {node['id']!r} appears twice")
        ids.add(node["id"])
    seen = set()
    for i, link in enumerate(links):
        if not isinstance(link, dict) or not all(k in link for k in ("source", "target", "key")):
            raise bad(f"link {i} lacks a source, target or key")
        ends = (link["source"], link["target"])
        if not all(isinstance(e, (str, int)) and e in ids for e in ends):
            raise bad(f"link {i} joins an unknown node")
        if not isinstance(link["key"], (str, int)):
            raise bad(f"link {i} has a key that is not a str or int")
        if (*ends, link["key"]) in seen:
            raise bad(f"link {i} appears twice")
        seen.add((*ends, link["key"]))
