"""The people in the graph: who met whom, chains of meetings, the best connected."""

from __future__ import annotations

import heapq
from collections import deque
from datetime import date

import networkx as nx

from diplograph.errors import QueryError

from ._index import Index, get_index
from .arguments import check_name, date_range
from .lookup import _person_id
from .models import Encounter, PersonRef

__all__ = ["encounters", "meeting_path", "most_connected", "people", "who_met"]


def people(G: nx.Graph) -> list[PersonRef]:
    """Return every person in the graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph knowledge graph.

    Returns
    -------
    list of PersonRef
        Sorted by name, then id.

    Examples
    --------
    >>> import kg
    >>> G = kg.example_graph()
    >>> [p.name for p in people(G)]
    ['Ayşe Yıldız', 'Ingrid Dahl', 'Karim Omar Nasser', 'Mykola Kovalenko', 'Omar Nasser']
    >>> people(G)[3].model_dump(mode="json")  # doctest: +NORMALIZE_WHITESPACE
    {'id': 'person:mykola-kovalenko', 'name': 'Mykola Kovalenko',
     'aliases': ['Nikolai Kovalenko'], 'titles': ['Deputy Prime Minister'],
     'countries': ['Ukraine'], 'organisations': []}

    See Also
    --------
    queries.find_person : one person, by any spelling.
    """
    index = get_index(G)
    return sorted((index.person(p) for p in index.people), key=lambda ref: (ref.name, ref.id))


def who_met(
    G: nx.Graph, name: str, *, since: date | str | None = None, until: date | str | None = None
) -> list[Encounter]:
    """Return the people `name` met, with when and where.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph knowledge graph.
    name : str
        Any spelling of the person that `find_person` accepts.
    since, until : datetime.date or str, optional
        Keep only meetings whose date overlaps this range, both ends included. A string is
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and stands for every day it covers, so
        ``until="2024-09"`` runs to 30 September. A meeting dated ``"2024-09"`` covers
        1–30 September and is kept by ``since="2024-09-15"``. Undated meetings are left out
        when either is given.

    Returns
    -------
    list of Encounter
        One per meeting and counterpart, with `person` the person `name` names; sorted by
        date (undated last), then counterpart name.

    Raises
    ------
    TypeError
        If `name` is not a string (for every pair, see `encounters`), or `since` or `until`
        is neither a date nor a string.
    diplograph.errors.QueryError
        If `since` or `until` is not an ISO date, or `since` is after `until`.
    diplograph.errors.NotFoundError, diplograph.errors.AmbiguousError
        If `name` matches no person, or more than one.

    Examples
    --------
    >>> import kg
    >>> G = kg.example_graph()
    >>> met = who_met(G, "dahl")
    >>> [(e.counterpart.name, e.date, e.location) for e in met]  # doctest: +NORMALIZE_WHITESPACE
    [('Omar Nasser', '2023', 'Amman'), ('Karim Omar Nasser', '2024-05-02', 'Oslo'),
     ('Omar Nasser', '2024-05-02', 'Oslo'), ('Ayşe Yıldız', '2024-09', None)]
    >>> [e.counterpart.name for e in who_met(G, "Ingrid Dahl", since="2024-09-15")]
    ['Ayşe Yıldız']

    Notes
    -----
    Only held meetings count: a planned or cancelled one is not a meeting that happened (list
    those with `queries.meetings`). Phone and video calls count; their `mode` is on the
    meeting (`queries.meetings`).

    See Also
    --------
    encounters : every pair of people who met.
    queries.meetings_between : the meetings of two given people.
    """
    if name is None:
        raise TypeError("name must be a str; encounters(G) lists every pair who met")
    check_name(name)
    lo, hi = date_range(since, until)
    index = get_index(G)
    p = _person_id(index, name)
    found = [
        _encounter(index, p, q, m)
        for m in index.person_meetings.get(p, ())
        if index.held(m) and index.in_range(m, lo, hi)
        for q, _role in index.participants[m]
        if q != p
    ]
    found.sort(
        key=lambda e: (
            index.start(e.meeting_id),
            e.counterpart.name,
            e.counterpart.id,
            index.rank[e.meeting_id],
        )
    )
    return found


def encounters(
    G: nx.Graph, *, since: date | str | None = None, until: date | str | None = None
) -> list[Encounter]:
    """Return every pair of people who met: the who-met-whom table.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph knowledge graph.
    since, until : datetime.date or str, optional
        Keep only meetings whose date overlaps this range, as in `who_met`.

    Returns
    -------
    list of Encounter
        One per held meeting and pair of its participants, `person` being the one whose name
        sorts first; sorted by date (undated last), then `person` and `counterpart` names.

    Raises
    ------
    TypeError
        If `since` or `until` is neither a date nor a string.
    diplograph.errors.QueryError
        If `since` or `until` is not an ISO date, or `since` is after `until`.

    Examples
    --------
    >>> import kg
    >>> G = kg.example_graph()
    >>> pairs = encounters(G, since="2024-05-02")
    >>> [(e.person.name, e.counterpart.name) for e in pairs]  # doctest: +NORMALIZE_WHITESPACE
    [('Ingrid Dahl', 'Karim Omar Nasser'), ('Ingrid Dahl', 'Omar Nasser'),
     ('Karim Omar Nasser', 'Omar Nasser'), ('Ayşe Yıldız', 'Ingrid Dahl'),
     ('Ayşe Yıldız', 'Mykola Kovalenko')]

    Notes
    -----
    Only held meetings count, as in `who_met`.

    See Also
    --------
    who_met
    """
    lo, hi = date_range(since, until)
    index = get_index(G)
    found: list[Encounter] = []
    for m in index.dated_between(lo, hi):
        if not index.held(m):
            continue
        people = index.attendees(m)
        for i, (p, _) in enumerate(people):
            found.extend(_encounter(index, p, q, m) for q, _ in people[i + 1 :])
    found.sort(
        key=lambda e: (
            index.start(e.meeting_id),
            e.person.name,
            e.counterpart.name,
            e.person.id,
            e.counterpart.id,
            index.rank[e.meeting_id],
        )
    )
    return found


def meeting_path(G: nx.Graph, a: str, b: str) -> list[Encounter]:
    """Return the shortest chain of meetings that links two people.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph knowledge graph.
    a, b : str
        Any spellings of the two people that `find_person` accepts.

    Returns
    -------
    list of Encounter
        The steps from `a` to `b`: the first step's `person` is `a`, each step's
        `counterpart` is the next step's `person`, and the last step's `counterpart` is `b`.
        Empty when `a` and `b` are the same person.

    Raises
    ------
    TypeError
        If `a` or `b` is not a string.
    diplograph.errors.NotFoundError, diplograph.errors.AmbiguousError
        If `a` or `b` matches no person, or more than one.
    networkx.NetworkXNoPath
        If no chain of held meetings links them.

    Examples
    --------
    >>> import kg
    >>> G = kg.example_graph()
    >>> steps = meeting_path(G, "Karim Omar Nasser", "Kovalenko")
    >>> steps[0].person.name
    'Karim Omar Nasser'
    >>> [(s.date, s.counterpart.name) for s in steps]  # doctest: +NORMALIZE_WHITESPACE
    [('2024-05-02', 'Ingrid Dahl'), ('2024-09', 'Ayşe Yıldız'),
     ('2024-11-14', 'Mykola Kovalenko')]

    Ingrid Dahl's meeting with Mykola Kovalenko was cancelled, so the chain goes round it.

    Notes
    -----
    A breadth-first search over the bipartite person–meeting structure, counting held
    meetings only. Among chains of equal length it prefers earlier meetings, then smaller ids.

    See Also
    --------
    networkx.shortest_path
    """
    check_name(a, "a")
    check_name(b, "b")
    index = get_index(G)
    source, target = _person_id(index, a), _person_id(index, b)
    if source == target:
        return []
    came_from: dict[str, tuple[str, str]] = {source: (source, "")}
    queue = deque([source])
    while queue and target not in came_from:
        p = queue.popleft()
        for m in index.person_meetings.get(p, ()):
            if not index.held(m):
                continue
            for q, _role in index.participants[m]:
                if q not in came_from:
                    came_from[q] = (p, m)
                    queue.append(q)
    if target not in came_from:
        raise nx.NetworkXNoPath(
            f"no chain of meetings links {index.name(source)} and {index.name(target)}"
        )
    steps = []
    q = target
    while q != source:
        p, m = came_from[q]
        steps.append(_encounter(index, p, q, m))
        q = p
    return steps[::-1]


def most_connected(G: nx.Graph, k: int = 10) -> list[tuple[PersonRef, int]]:
    """Return the `k` people who met the most distinct people.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph knowledge graph.
    k : int, default 10
        How many people to return.

    Returns
    -------
    list of (PersonRef, int)
        Each person and their number of distinct counterparts in held meetings, most first,
        then by name; people who met nobody are left out.

    Raises
    ------
    diplograph.errors.QueryError
        If `k` is not a positive integer.

    Examples
    --------
    >>> import kg
    >>> G = kg.example_graph()
    >>> [(person.name, n) for person, n in most_connected(G, k=3)]
    [('Ingrid Dahl', 3), ('Ayşe Yıldız', 2), ('Karim Omar Nasser', 2)]

    See Also
    --------
    networkx.degree_centrality
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise QueryError(f"k must be a positive integer, not {k!r}")
    index = get_index(G)
    counts = index.counterpart_counts()
    top = heapq.nsmallest(k, counts, key=lambda p: (-counts[p], index.name(p), p))
    return [(index.person(p), counts[p]) for p in top if counts[p] > 0]


def _encounter(index: Index, p: str, q: str, m: str) -> Encounter:
    return Encounter(
        person=index.person(p),
        counterpart=index.person(q),
        date=index.meetings[m].get("date"),
        meeting_id=m,
        location=index.location[m],
        sources=index.sources(m),
    )
