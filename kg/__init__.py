"""diplograph's knowledge graph: schema, building, resolution, persistence and exports.

>>> import kg
>>> G = kg.new_graph()
>>> G.graph["schema_version"] == kg.SCHEMA_VERSION
True

Its names (listed in ``__init__.pyi``) are imported on first use: reading a graph and asking it
questions never imports the extraction (spaCy, trafilatura, dateparser), which only `build` and
`add` need.
"""

import lazy_loader

__getattr__, __dir__, __all__ = lazy_loader.attach_stub(__name__, __file__)
