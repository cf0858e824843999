"""Save and load diplograph graphs as JSON, and export them to GraphML and GEXF for Gephi."""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import json
import math
import os
import re
import shutil
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import filelock
import networkx as nx

from extract.errors import DiplographError

from .graph import edge_id
from .schema import SCHEMA_VERSION

__all__ = [
    "GraphFileError",
    "atomic_file",
    "date_span",
    "graph_lock",
    "load",
    "people_projection",
    "save",
    "write_gexf",
    "write_graphml",
]

_StrPath = str | os.PathLike[str]

# The `format` stamp of a saved graph: tells our files from any other JSON.
_FORMAT = "diplograph"

# _MIGRATIONS[v] turns the parsed file of schema version v into version v + 1. Version 1 is the
# first, so nothing older can be read yet; add an entry here when SCHEMA_VERSION goes up.
_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

# Values `save` writes; JSON would silently turn anything else (tuples, int dict keys) into
# something that loads back different, so those are refused instead.
_JSON_SCALARS = (str, int, float, bool, type(None))

# The one table of types for exports: how an attribute value reaches GraphML and GEXF.
#   str, int, float, bool      -> as it is (one type per attribute name, else str everywhere)
#   list or tuple of only str  -> joined with "; ", readable in Gephi's data table
#   any other list, tuple, dict -> JSON
#   None and empty containers  -> the attribute is left out
#   anything else              -> TypeError
_EXPORT_SCALARS = (str, bool, int, float)
_EXPORT_CONTAINERS = (list, tuple, dict)
_JOIN = "; "

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

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class GraphFileError(DiplographError):
    """A graph file that cannot be read: the message names the file and the reason, on one line."""

    def __init__(self, path: _StrPath, reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = " ".join(reason.split())
        super().__init__(f"{self.path}: {self.reason}")

    def __reduce__(self) -> tuple[type[GraphFileError], tuple[str, str]]:
        # Rebuild from (path, reason), not from the message: errors cross process boundaries
        # (dask workers) by pickling.
        return type(self), (self.path, self.reason)


# --- save and load ------------------------------------------------------------------------------


def save(G: nx.MultiDiGraph, path: _StrPath) -> Path:
    """Write `G` to `path` as node-link JSON, atomically, and return the path.

    The file holds every node, edge (with its multigraph key) and graph attribute, so `load`
    gives back the same graph. The same graph always gives the same bytes.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph graph: node ids and edge keys are str or int, attributes plain JSON values.
    path : str or os.PathLike
        The file to write; its folder must exist.

    Returns
    -------
    pathlib.Path
        `path`, so that ``load(save(G, path))`` reads.

    Raises
    ------
    TypeError
        If `G` is not a MultiDiGraph, or holds a value JSON cannot keep as it is (a tuple, a
        set, a date, a dict with non-string keys...); the message says where.
    ValueError
        If a node attribute is named ``id``, an edge attribute ``source``, ``target`` or ``key``
        (node-link JSON uses those names), or a float is NaN or infinite.
    OSError
        If the file cannot be written; the previous file, if any, is then left as it was.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph(schema_version=1)
    >>> G.add_edge("person:a", "meeting:m", key="participated_in", role="host")
    'participated_in'
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     H = load(save(G, os.path.join(folder, "graph.json")))
    >>> list(H.edges(keys=True, data=True))
    [('person:a', 'meeting:m', 'participated_in', {'role': 'host'})]

    Notes
    -----
    The file is first written to a hidden temporary file in the same folder, flushed and synced
    to disk, then renamed over `path` in one step: a crash or an error never leaves a half-written
    graph, and the temporary file is removed on failure.
    """
    if not (G.is_directed() and G.is_multigraph()):
        raise TypeError(f"save expects a networkx.MultiDiGraph, not {type(G).__name__}")
    _check_graph(G)
    data = {"format": _FORMAT, "schema_version": SCHEMA_VERSION,
            **nx.node_link_data(G, edges="links")}
    data["nodes"].sort(key=lambda d: _sort_key(d["id"]))
    data["links"].sort(key=lambda d: tuple(_sort_key(d[k]) for k in ("source", "target", "key")))

    path = Path(path)
    with atomic_file(path) as fh:
        json.dump(data, fh, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False)
        fh.write("\n")
    return path


def load(path: _StrPath) -> nx.MultiDiGraph:
    """Read a graph written by `save`.

    Parameters
    ----------
    path : str or os.PathLike
        A file written by `save`, by this version of diplograph or an older one.

    Returns
    -------
    networkx.MultiDiGraph
        The graph, with the node ids, edge keys and attributes (graph attributes included) it
        was saved with.

    Raises
    ------
    GraphFileError
        If the file is missing or unreadable, is not UTF-8 JSON (empty, truncated, binary), is
        not a diplograph graph, was written by a newer diplograph, or by an older one whose
        schema version cannot be migrated.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     load(os.path.join(folder, "missing.json"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kg.io.GraphFileError: .../missing.json: cannot read the file: No such file or directory

    See Also
    --------
    save
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise GraphFileError(path, f"cannot read the file: {err.strerror or err}") from err
    if not raw.strip():
        raise GraphFileError(path, "the file is empty")
    try:
        text = raw.decode("utf-8-sig")  # a BOM, as some Windows editors add, is fine
    except UnicodeDecodeError as err:
        raise GraphFileError(path, f"not a text file (not UTF-8 at byte {err.start})") from err
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise GraphFileError(
            path, f"not valid JSON, truncated or corrupt (line {err.lineno}, column {err.colno}: "
            f"{err.msg})"
        ) from err
    except (ValueError, RecursionError) as err:  # an int too long, nesting too deep
        raise GraphFileError(path, f"not valid JSON ({err})") from err

    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise GraphFileError(
            path, f'not a diplograph graph (no "format": "{_FORMAT}" at the top of the JSON)'
        )
    data = _migrated(data, path)
    _check_node_link(data, path)
    try:
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    except (nx.NetworkXError, KeyError, TypeError, ValueError) as err:  # checked above; belt
        raise GraphFileError(path, f"not a valid diplograph graph ({err})") from err


@contextlib.contextmanager
def atomic_file(path: _StrPath) -> Iterator[IO[str]]:
    """Open `path` for writing UTF-8 text that appears whole, or not at all.

    What is written goes to a hidden temporary file in the same folder, which is flushed,
    synced to disk and renamed over `path` in one step when the block ends; if the block
    raises, the temporary file is removed and `path` is left as it was. The new file keeps the
    permissions of the one it replaces.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = os.path.join(folder, "note.txt")
    ...     with atomic_file(path) as fh:
    ...         _ = fh.write("whole")
    ...     try:
    ...         with atomic_file(path) as fh:
    ...             _ = fh.write("half")
    ...             raise OSError("disk full")
    ...     except OSError:
    ...         pass
    ...     Path(path).read_text(), os.listdir(folder)
    ('whole', ['note.txt'])
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.tmp")
    try:
        # "x" creates the file with the usual permissions (umask), not mkstemp's 0600.
        fh = open(tmp, "x", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed below
    except OSError as err:  # a missing folder, no permission: name the file asked for
        raise type(err)(err.errno, err.strerror, os.fspath(path)) from err
    try:
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileNotFoundError):
            shutil.copymode(path, tmp)  # keep the permissions a user gave the previous file
        os.replace(tmp, path)
    except BaseException:  # KeyboardInterrupt too: never leave the temporary file behind
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(path.parent)


@contextlib.contextmanager
def graph_lock(path: _StrPath, *, timeout: float = -1) -> Iterator[None]:
    """Hold an exclusive lock on the graph at `path` (a ``.lock`` file next to it).

    Hold it around load, change, save, so that two processes changing one graph (two
    ``diplograph add`` runs) never lose each other's work.

    Parameters
    ----------
    path : str or os.PathLike
        The graph file; the lock file is ``path + ".lock"``.
    timeout : float, optional
        Seconds to wait for another process to let go; negative (the default) waits forever.

    Raises
    ------
    GraphFileError
        If the lock is still held by someone else after `timeout` seconds.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     graph = os.path.join(folder, "graph.json")
    ...     with graph_lock(graph):
    ...         path = save(nx.MultiDiGraph(), graph)
    ...     sorted(os.listdir(folder))
    ['graph.json', 'graph.json.lock']
    """
    lock = filelock.FileLock(f"{os.fspath(path)}.lock", timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout as err:
        raise GraphFileError(
            path, f"locked by another diplograph run (waited {timeout} s)"
        ) from err
    try:
        yield
    finally:
        lock.release()


def _sort_key(value: Any) -> tuple[str, str]:
    # Node ids may mix str and int; order by type, then text, so sorting never fails.
    return type(value).__name__, str(value)


def _fsync_folder(folder: Path) -> None:
    # The rename is only durable once the folder is synced; POSIX only, and best effort: the
    # file is already in place, a failure here must not report the save as failed.
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _check_graph(G: nx.MultiDiGraph) -> None:
    """Raise if saving `G` as JSON would not give back the same graph."""
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
    if not isinstance(value, (str, int)):
        raise TypeError(f"{where}: ids and keys must be str or int to be saved, not "
                        f"{type(value).__name__}")


def _check_json(value: Any, where: str) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{where}: {value!r} is not a JSON number")
    if isinstance(value, _JSON_SCALARS):
        return
    if isinstance(value, list):
        for item in value:
            _check_json(item, where)
    elif isinstance(value, dict):
        for k, item in value.items():
            if not isinstance(k, str):
                raise TypeError(f"{where}: dict key {k!r} is not a str (JSON would make it one)")
            _check_json(item, where)
    else:
        raise TypeError(f"{where}: a {type(value).__name__} is not a JSON value (save keeps "
                        "str, int, float, bool, None, list and dict)")


def _migrated(data: dict[str, Any], path: _StrPath) -> dict[str, Any]:
    """Return the parsed file upgraded to SCHEMA_VERSION, or raise if it cannot be."""
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise GraphFileError(path, f"not a diplograph graph (schema_version {version!r})")
    if version > SCHEMA_VERSION:
        raise GraphFileError(
            path, f"written by a newer diplograph (schema version {version}; this one reads up "
            f"to {SCHEMA_VERSION}): upgrade diplograph to read it"
        )
    while version < SCHEMA_VERSION:
        migrate = _MIGRATIONS.get(version)
        if migrate is None:
            raise GraphFileError(
                path, f"written by an older diplograph (schema version {version}) and there is "
                f"no migration from version {version} to {version + 1}"
            )
        try:
            data = migrate(data)
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise GraphFileError(
                path, f"cannot migrate from schema version {version} ({err!r})"
            ) from err
        version += 1
    return data


def _check_node_link(data: dict[str, Any], path: _StrPath) -> None:
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


# --- exports ------------------------------------------------------------------------------------


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
                    key=_sort_key)
    is_person = set(people)
    participants: dict[Any, set[Any]] = defaultdict(set)
    for u, v, d in G.edges(data=True):
        if (d.get("relation") == "participated_in" and u in is_person
                and G.nodes[v].get("type") == "meeting"):
            participants[v].add(u)

    shared: dict[tuple[Any, Any], list[Any]] = defaultdict(list)
    for meeting, who in participants.items():
        ordered = sorted(who, key=_sort_key)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                shared[a, b].append(meeting)

    P = nx.Graph(schema_version=G.graph.get("schema_version", SCHEMA_VERSION),
                 projection="people")
    for n in people:
        P.add_node(n, **{**_flat_attrs(G.nodes[n], f"node {n!r}"), "type": "person"})
    for (a, b), meetings in sorted(shared.items(), key=lambda item: _sort_key(item[0])):
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
        Where to write; a name ending in ``.gz`` or ``.bz2`` is compressed.
    projection : {None, "people"}, optional
        None writes `G` itself; ``"people"`` writes `people_projection` of `G` instead.

    Raises
    ------
    ValueError
        If `projection` is not one of the above.
    TypeError
        If an attribute holds a value that is not a JSON value.

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
    nx.write_graphml(_exportable(G), path, edge_id_from_attribute="id", named_key_ids=True)


def write_gexf(G: nx.Graph, path: _StrPath | IO[bytes]) -> None:
    """Write `G` as GEXF with a timeline: Gephi plays the meetings in date order.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph graph.
    path : str, os.PathLike or binary file
        Where to write; a name ending in ``.gz`` or ``.bz2`` is compressed.

    Raises
    ------
    TypeError
        If an attribute holds a value that is not a JSON value.

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
    H = _exportable(G)
    for n, attrs in G.nodes(data=True):
        if attrs.get("type") == "meeting" and (span := date_span(attrs.get("date"))):
            H.nodes[n]["start"], H.nodes[n]["end"] = span
    nx.write_gexf(H, path)


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
    match = _ISO_DATE.fullmatch(date) if isinstance(date, str) else None
    if match is None:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day is not None:
            first = last = dt.date(year, month, day)
        elif month is not None:
            first = dt.date(year, month, 1)
            last = first.replace(day=calendar.monthrange(year, month)[1])
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None
    return first.isoformat(), last.isoformat()


def _exportable(G: nx.Graph) -> nx.Graph:
    """Return a copy of `G` that the GraphML and GEXF writers, and Gephi, accept as it is.

    See the Notes of `write_graphml`. Nodes and edges are in id order, so exports are stable.
    """
    nodes = [(n, _flat_attrs(d, f"node {n!r}"))
             for n, d in sorted(G.nodes(data=True), key=lambda item: _sort_key(item[0]))]
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
    H = G.__class__(**graph)
    H.add_nodes_from(nodes)
    if G.is_multigraph():
        H.add_edges_from(edges)
    else:
        H.add_edges_from((u, v, attrs) for u, v, _, attrs in edges)
    return H


def _keyed_edges(G: nx.Graph) -> list[tuple[Any, Any, Any, dict[str, Any]]]:
    # Edges of any graph with a key for their id: a multigraph's own key, else the relation.
    if G.is_multigraph():
        edges = list(G.edges(keys=True, data=True))
    else:
        edges = [(u, v, d.get("relation", "edge"), d) for u, v, d in G.edges(data=True)]
    return sorted(edges, key=lambda e: (_sort_key(e[0]), _sort_key(e[1]), _sort_key(e[2])))


def _flat_attrs(attrs: dict[Any, Any], where: str) -> dict[str, Any]:
    """Return `attrs` with every value export-ready, per the table of types above."""
    flat = {}
    for k, v in attrs.items():
        if v is None or (isinstance(v, _EXPORT_CONTAINERS) and not v):
            continue
        if isinstance(v, _EXPORT_SCALARS):
            flat[str(k)] = v
        elif isinstance(v, (list, tuple)) and all(isinstance(item, str) for item in v):
            flat[str(k)] = _JOIN.join(v)
        elif isinstance(v, _EXPORT_CONTAINERS):
            try:
                flat[str(k)] = json.dumps(v, ensure_ascii=False, sort_keys=True)
            except (TypeError, ValueError) as err:
                raise TypeError(f"{where} attribute {k!r}: cannot export ({err})") from err
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
            types[k].add(type(v))
    mixed = {k for k, found in types.items() if len(found) > 1}
    for d in dicts:
        for k in mixed & d.keys():
            d[k] = str(d[k])
