"""The graph as the scorer reads it: node `type` and edge `relation` attributes only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

import networkx as nx

from diplograph.slugs import slugify

from .people import SystemPerson, name_keys

__all__ = ["SystemMeeting", "article_view", "file_name", "meeting_view", "of_type", "related"]


@dataclass(frozen=True)
class SystemMeeting:
    """A meeting node: its people, ISO date, place names and topics (as name keys)."""

    id: str
    people: tuple[SystemPerson, ...]
    date: str | None
    places: frozenset[str]
    topics: frozenset[str]


def related(G: nx.DiGraph, node: str, relation: str, *, incoming: bool = False,
            ) -> list[tuple[str, dict[str, Any]]]:
    """The nodes at the other end of `node`'s `relation` edges, out (or in), with their data.

    >>> import kg
    >>> oslo = "meeting:2024-05-02-ingrid-dahl-karim-omar-nasser-omar-nasser"
    >>> [v for v, _ in related(kg.example_graph(), oslo, "held_in")]
    ['location:oslo']
    """
    if incoming:
        return [(u, d) for u, _, d in G.in_edges(node, data=True) if d.get("relation") == relation]
    return [(v, d) for _, v, d in G.out_edges(node, data=True) if d.get("relation") == relation]


def of_type(G: nx.DiGraph, kind: str) -> list[str]:
    """The nodes of type `kind`, sorted."""
    return sorted(n for n, d in G.nodes(data=True) if d.get("type") == kind)


def file_name(path: Any) -> str:
    r"""The file name of a path, written with either slash.

    >>> file_name("news\\a.txt"), file_name(None)
    ('a.txt', '')
    """
    return PurePosixPath(str(path or "").replace("\\", "/")).name


def meeting_view(G: nx.DiGraph, mid: str, persons: dict[str, SystemPerson]) -> SystemMeeting:
    """Meeting node `mid` with every participant and topic the graph gives it."""
    attrs = G.nodes[mid]
    places = {attrs.get("location"), attrs.get("venue")}
    places |= {G.nodes[v].get("name") for v, _ in related(G, mid, "held_in")}
    people = dict.fromkeys(u for u, _ in related(G, mid, "participated_in", incoming=True)
                           if u in persons)
    return SystemMeeting(
        id=mid,
        people=tuple(persons[p] for p in sorted(people)),
        date=attrs.get("date"),
        places=name_keys(*(p for p in places if isinstance(p, str))),
        topics=name_keys(*(G.nodes[v].get("name") for v, _ in related(G, mid, "discussed")
                           if G.nodes[v].get("type") == "cooperation_area")),
    )


def _cites(sources: Any, names: set[str]) -> bool:
    return any(isinstance(s, dict) and slugify(str(s.get("article", ""))) in names
               for s in sources or ())


def article_view(G: nx.DiGraph, mid: str, articles: list[str], known: set[str],
                 persons: dict[str, SystemPerson]) -> SystemMeeting:
    """A meeting as the article nodes `articles` report it.

    A meeting that other articles report too may hold their people and topics: a participant
    that is not `known` to this article (neither mentioned nor in its gold) is left out, and so
    is a topic whose `discussed` edge cites sources but none of this article.
    """
    meeting = meeting_view(G, mid, persons)
    if all(a in articles for a, _ in related(G, mid, "reported_by")):
        return meeting
    names = {slugify(n) for a in articles
             for n in (a, a.partition(":")[2], G.nodes[a].get("path"),
                       file_name(G.nodes[a].get("path")),
                       PurePosixPath(file_name(G.nodes[a].get("path"))).stem) if n}
    topics = [G.nodes[v].get("name") for v, d in related(G, mid, "discussed")
              if G.nodes[v].get("type") == "cooperation_area"
              and (not d.get("sources") or _cites(d.get("sources"), names))]
    return SystemMeeting(
        id=meeting.id,
        people=tuple(p for p in meeting.people if p.id in known),
        date=meeting.date,
        places=meeting.places,
        topics=name_keys(*topics),
    )
