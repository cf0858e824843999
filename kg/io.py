"""Save and load diplograph graphs as lossless node-link JSON, atomically.

msgspec writes and reads the JSON (several times faster than the standard library, and
straight into Python objects, with no copy of the document on the side), and a graph is checked
as it is written: JSON would silently turn a tuple into a list or a NaN into
null, and the file must load back the graph that was saved. Exports for other tools are in
`kg.exports`.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgspec
import networkx as nx

from .atomic import GraphFileError, atomic_write
from .nodelink import (
    FORMAT,
    SCHEMA_VERSION,
    Unsaveable,
    check_node_link,
    graph_of,
    locate_unsaveable,
    write_node_link,
)

__all__ = ["GraphFileError", "graph_lock", "load", "save"]

_StrPath = str | os.PathLike[str]

# _MIGRATIONS[v] turns the parsed file of schema version v into version v + 1. Version 1 is the
# first, so nothing older can be read yet; add an entry here when SCHEMA_VERSION goes up.
_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

# Compact, keys sorted: a third smaller than indented JSON, faster to write and to read (`jq .`
# shows it indented), and the same bytes for the same graph.
_ENCODER = msgspec.json.Encoder(order="sorted")
# A byte offset in a decoding error: "JSON is malformed: invalid character (byte 12)".
_AT_BYTE = re.compile(r"^(?P<what>.*?)\s*\(byte (?P<at>\d+)\)$")

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
    GraphFileError
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
    The file is written atomically (`kg.atomic.atomic_write`): a crash or an error never leaves
    a half-written graph.
    """
    if not (G.is_directed() and G.is_multigraph()):
        raise TypeError(f"save expects a networkx.MultiDiGraph, not {type(G).__name__}")

    def write(tmp: Path) -> None:
        with _no_cycle_collection(), tmp.open("wb") as stream:
            try:
                write_node_link(G, stream, _ENCODER.encode)
            except Unsaveable:
                locate_unsaveable(G)  # raises, saying where
                raise TypeError("the graph holds a value JSON cannot keep as it is") from None

    return atomic_write(path, write)


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
    kg.atomic.GraphFileError: .../missing.json: cannot read the file: No such file or directory

    See Also
    --------
    save
    """
    try:
        raw = Path(path).read_bytes()
    except OSError as err:
        raise GraphFileError(path, f"cannot read the file: {err.strerror or err}") from err
    if not raw or raw.isspace():  # (strip would copy the whole file)
        raise GraphFileError(path, "the file is empty")
    raw = raw.removeprefix(codecs.BOM_UTF8)  # a BOM, as some Windows editors add, is fine
    with _no_cycle_collection():
        try:
            data = msgspec.json.decode(raw)
        except msgspec.DecodeError as err:
            raise _unreadable(path, raw, err) from err
        except RecursionError as err:  # arrays in arrays, thousands deep: no graph file
            raise GraphFileError(path, "not a diplograph graph (JSON nested too deeply)") from err
        del raw
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise GraphFileError(
                path, f'not a diplograph graph (no "format": "{FORMAT}" at the top of the JSON)'
            )
        data = _migrated(data, path)
        G = graph_of(data)
    if G is None:  # something is wrong: read the file again, to say what
        check_node_link(_migrated(msgspec.json.decode(Path(path).read_bytes().removeprefix(
            codecs.BOM_UTF8)), path), path)
        raise GraphFileError(path, "not a valid diplograph graph")
    return G


def _unreadable(path: _StrPath, raw: bytes, err: msgspec.DecodeError) -> GraphFileError:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return GraphFileError(path, f"not a text file (not UTF-8 at byte {bad.start})")
    what, where = str(err), ""
    if found := _AT_BYTE.match(what):
        at = int(found["at"])
        line = raw.count(b"\n", 0, at) + 1
        column = at - (raw.rfind(b"\n", 0, at) + 1) + 1
        what, where = found["what"], f"line {line}, column {column}: "
    return GraphFileError(path, f"not valid JSON, truncated or corrupt ({where}{what})")


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
    import filelock  # only writers take the lock: reading a graph does without its import

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


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Hold off Python's cycle collector while a whole graph is taken apart or put together.

    Building millions of dicts and lists sets the collector off again and again, to find no
    cycles: it more than doubles the time of a save or a load. It runs again after, as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


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


