"""Put validated nodes and edges into a plain `networkx.MultiDiGraph`, and read them back."""

from __future__ import annotations

from typing import Any

import networkx as nx
from pydantic import BaseModel

from .schema import SCHEMA_VERSION, Edge, validate_node

__all__ = ["add_edge", "add_node", "edge_id", "new_graph", "node_model", "nodes_of_type"]


def new_graph() -> nx.MultiDiGraph:
    """Return an empty diplograph graph, stamped with the schema version."""
    return nx.MultiDiGraph(schema_version=SCHEMA_VERSION)


def add_node(G: nx.MultiDiGraph, node: BaseModel) -> str:
    """Add (or replace) a node from its schema model; return its id.

    Attributes are stored as plain JSON values (lists, dicts, strings, numbers, None).
    """
    attrs = node.model_dump(mode="json")
    node_key: str = attrs.pop("id")
    G.add_node(node_key, **attrs)
    return node_key


def add_edge(G: nx.MultiDiGraph, edge: Edge) -> tuple[str, str, str]:
    """Add (or replace) an edge; its multigraph key is its relation, so it is unique per pair."""
    attrs = edge.model_dump(mode="json", exclude={"source", "target"})
    G.add_edge(edge.source, edge.target, key=edge.key, **attrs)
    return edge.source, edge.target, edge.key


def edge_id(source: str, target: str, key: str) -> str:
    """A stable, graph-wide unique id for an edge (GraphML and Gephi need one).

    >>> edge_id("person:a", "meeting:m", "participated_in")
    'person:a|participated_in|meeting:m'
    """
    return f"{source}|{key}|{target}"


def node_model(G: nx.MultiDiGraph, node: str) -> BaseModel:
    """Return the schema model of a node, validated."""
    return validate_node({**G.nodes[node], "id": node})


def nodes_of_type(G: nx.MultiDiGraph, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """Return ``(id, attrs)`` for every node of one type, in id order."""
    return sorted((n, d) for n, d in G.nodes(data=True) if d.get("type") == kind)
