"""diplograph's knowledge graph: schema, building, resolution, persistence and exports."""

from .graph import add_edge, add_node, edge_id, new_graph, node_model, nodes_of_type
from .schema import SCHEMA_VERSION, node_id, slugify

__all__ = [
    "SCHEMA_VERSION",
    "add_edge",
    "add_node",
    "edge_id",
    "new_graph",
    "node_id",
    "node_model",
    "nodes_of_type",
    "slugify",
]
