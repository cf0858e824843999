"""GraphML written as it goes, for an export-ready graph (see `kg.exports`).

What `nx.write_graphml(H, out, named_key_ids=True, edge_id_from_attribute="id")` writes, without
building a networkx graph and an XML tree of the whole of it first: a graph of 100,000 meetings
is written in a fraction of the time, in a fraction of the memory. Characters XML 1.0 forbids
(control characters a scraped page may hold) are left out, where a tree would write a file no
reader opens.
"""

from __future__ import annotations

import bz2
import gzip
import io
import os
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

__all__ = ["write_graphml_stream"]

_XML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))  # & first
_ATTRIBUTE = (*_TEXT, ('"', "&quot;"), ("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#09;"))
_CHUNK = 2000  # elements joined before each write

Attrs = dict[str, Any]
# A file opened for writing bytes: gzip's and bz2's are buffered streams, not typing.IO.
_Stream = IO[bytes] | io.BufferedIOBase


def write_graphml_stream(out: str | os.PathLike[str] | IO[bytes], graph: Attrs,
                         nodes: list[tuple[Any, Attrs]],
                         edges: list[tuple[Any, Any, Any, Attrs]], *, directed: bool) -> None:
    """Write GraphML to a path (compressed when it ends in ``.gz`` or ``.bz2``) or a binary file.

    Every value must be a str, int, float or bool, or an object whose ``str()`` is its text (a
    string then), one type to an attribute name, and names must be unique across the graph, its
    nodes and its edges (GraphML key ids are the names). A TypeError from a ``str()`` is raised
    again naming the node or edge and the attribute.
    Edges are written with the ``id`` their attributes hold.
    """
    if isinstance(out, (str, os.PathLike)):
        name = os.fspath(out)
        opener = gzip.open if name.endswith(".gz") else bz2.open if name.endswith(".bz2") else open
        with opener(name, "wb") as stream:
            _write(stream, graph, nodes, edges, directed)
    else:
        _write(out, graph, nodes, edges, directed)


def _write(stream: _Stream, graph: Attrs, nodes: list[tuple[Any, Attrs]],
           edges: list[tuple[Any, Any, Any, Attrs]], directed: bool) -> None:
    opening: dict[str, str] = {}  # '<data key="name">' for each name
    pieces: list[str] = [_HEAD, *_keys(graph, nodes, edges),
                         f'<graph edgedefault="{"directed" if directed else "undirected"}">',
                         *_data(graph, "", opening), "\n"]
    for k, (n, attrs) in enumerate(nodes):
        start = f'<node id="{_escaped(n, _ATTRIBUTE)}">\n'
        _element(pieces, start, attrs, "</node>\n", opening, (n,))
        if k % _CHUNK == 0:
            _flush(stream, pieces)
    for k, (u, v, key, attrs) in enumerate(edges):
        start = (f'<edge source="{_escaped(u, _ATTRIBUTE)}" target="{_escaped(v, _ATTRIBUTE)}" '
                 f'id="{_escaped(attrs.get("id", key), _ATTRIBUTE)}">\n')
        _element(pieces, start, attrs, "</edge>\n", opening, (u, v, key))
        if k % _CHUNK == 0:
            _flush(stream, pieces)
    pieces.append("</graph></graphml>")
    _flush(stream, pieces)


def _element(pieces: list[str], start: str, attrs: Attrs, end: str, opening: dict[str, str],
             ids: tuple[Any, ...]) -> None:
    """Add a node's or an edge's markup (`ids`: the node, or the edge's ends and key)."""
    try:
        pieces += [start, *_data(attrs, "  ", opening), end]
    except TypeError as err:  # a value whose text could not be made (see write_graphml_stream)
        where = f"node {ids[0]!r}" if len(ids) == 1 else "edge {!r} -> {!r} (key {!r})".format(*ids)
        raise TypeError(f"{where} {err}") from err


def _flush(stream: _Stream, pieces: list[str]) -> None:
    # The markup holds no control character: they are taken out of a chunk at once.
    stream.write(_NOT_XML.sub("", "".join(pieces)).encode("utf-8"))
    pieces.clear()


def _keys(graph: Attrs, nodes: list[tuple[Any, Attrs]],
          edges: list[tuple[Any, Any, Any, Attrs]]) -> Iterator[str]:
    """One ``<key>`` for each attribute name of each scope, with its value type."""
    for scope, dicts in (("node", (d for _, d in nodes)), ("edge", (e[3] for e in edges)),
                         ("graph", [graph])):
        seen: dict[str, str] = {}
        for attrs in dicts:
            for name, value in attrs.items():
                if name not in seen:
                    seen[name] = _XML_TYPES.get(type(value), "string")
        for name, kind in seen.items():
            key = _escaped(name, _ATTRIBUTE)
            yield f'<key id="{key}" for="{scope}" attr.name="{key}" attr.type="{kind}"/>\n'


def _data(attrs: Attrs, indent: str, opening: dict[str, str]) -> Iterable[str]:
    for name, value in attrs.items():
        start = opening.get(name)
        if start is None:
            start = opening[name] = f'<data key="{_escaped(name, _ATTRIBUTE)}">'
        try:
            text = _escaped(value, _TEXT)
        except TypeError as err:
            raise TypeError(f"attribute {name!r}: cannot export ({err})") from err
        yield f"{indent}{start}{text}</data>\n"


def _escaped(value: Any, table: tuple[tuple[str, str], ...]) -> str:
    text = value if type(value) is str else str(value)
    for char, entity in table:
        if char in text:
            text = text.replace(char, entity)
    return text
