# The names `import kg` offers, each from its module; lazy_loader reads this file to import
# each module on first use (see __init__.py), and type checkers read it as the package's types.
from .building import add, build, graph_from_extractions
from .examples import example_graph
from .exports import people_projection, write_gexf, write_graphml
from .graph import add_edge, add_node, edge_id, new_graph, node_model, nodes_of_type
from .io import GraphFileError, graph_lock, load, save
from .schema import SCHEMA_VERSION, node_id, slugify
from .view import write_html

__all__ = [
    "SCHEMA_VERSION",
    "GraphFileError",
    "add",
    "add_edge",
    "add_node",
    "build",
    "edge_id",
    "example_graph",
    "graph_from_extractions",
    "graph_lock",
    "load",
    "new_graph",
    "node_id",
    "node_model",
    "nodes_of_type",
    "people_projection",
    "save",
    "slugify",
    "write_gexf",
    "write_graphml",
    "write_html",
]
