"""Meetings: filtered lists, timelines of a person or a country, and what two countries discuss."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import networkx as nx

from diplograph.errors import NotFoundError, QueryError
from kg.names import name_key

from ._index import Index, get_index
from .arguments import STATUSES, check_name, date_range
from .lookup import (
    _close_countries,
    _close_matches,
    _close_people,
    _country_candidates,
    _country_id,
    _person_candidates,
    _person_id,
)
from .models import AreaCount, MeetingView, TimelineEntry

__all__ = ["cooperation_areas", "meetings", "meetings_between", "timeline"]


def meetings(
    G: nx.Graph,
    *,
    participant: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    location: str | None = None,
    topic: str | None = None,
    status: str | None = None,
) -> list[MeetingView]:
    """Return the meetings that match every filter given.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph knowledge graph.
    participant : str, optional
        A person who took part, in any spelling that `find_person` accepts.
    since, until : datetime.date or str, optional
        Keep only meetings whose date overlaps this range, both ends included; a string
        (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) stands for every day it covers. Undated
        meetings are left out when either is given.
    location : str, optional
        The meeting's ``location``, or the name of a place or country it was ``held_in``, or the
        country of such a place; compared by `kg.names.name_key`, so case does not matter.
    topic : str, optional
        The name of a cooperation area the meeting ``discussed``, compared likewise.
    status : {"held", "planned", "cancelled"}, optional
        Every status when not given.

    Returns
    -------
    list of MeetingView
        Sorted by date (the first day it covers; undated last), then id.

    Raises
    ------
    TypeError
        If a filter has the wrong type.
    diplograph.errors.QueryError
        If `status` is not one of the three, `since` or `until` is not an ISO date, or `since`
        is after `until`.
    diplograph.errors.NotFoundError, diplograph.errors.AmbiguousError
        If `participant` matches no person, or more than one.

    Examples
    --------
    >>> import kg
    >>> G = kg.example_graph()
    >>> [(m.date, m.status) for m in meetings(G, location="amman")]
    [('2023', 'held'), ('2025-06', 'planned')]
    >>> [(m.date, m.location) for m in meetings(G, location="Norway")]
    [('2024-05-02', 'Oslo')]
    >>> [(m.date, m.status, m.mode) for m in meetings(G, participant="Dahl", since="2024-06")]
    [('2024-09', 'held', 'phone_call'), ('2024-10', 'cancelled', 'in_person')]
    >>> [(m.date, m.location) for m in meetings(G, topic="Energy", status="held")]
    [('2023', 'Amman'), ('2024-05-02', 'Oslo')]

    See Also
    --------
    meetings_between
    queries.who_met
    """
    for what, value in (("participant", participant), ("location", location), ("topic", topic)):
        if value is not None:
            check_name(value, what)
    if status is not None and status not in STATUSES:
        raise QueryError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    lo, hi = date_range(since, until)
    index = get_index(G)

    chosen: list[set[str]] = []
    if participant is not None:
        chosen.append(set(index.person_meetings.get(_person_id(index, participant), ())))
    if location is not None:
        chosen.append(index.place_meetings.get(name_key(location), set()))
    if topic is not None:
        chosen.append(index.topic_meetings.get(name_key(topic), set()))
    if chosen:
        found = sorted(set.intersection(*chosen), key=index.rank.__getitem__)
        found = [m for m in found if index.in_range(m, lo, hi)]
    else:
        found = index.dated_between(lo, hi)
        index.listing()
    return [index.view(m) for m in found if status is None or index.status(m) == status]


def meetings_between(G: nx.Graph, a: str, b: str) -> list[MeetingView]:
    """Return the meetings in which two people both took part.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph knowledge graph.
    a, b : str
        Any spellings of the two people that `find_person` accepts.

    Returns
    -------
    list of MeetingView
        Of every status, sorted by date (undated last), then id.

    Raises
    ------
    TypeError
        If `a` or `b` is not a string.
    diplograph.errors.NotFoundError, diplograph.errors.AmbiguousError
        If `a` or `b` matches no person, or more than one.

    Examples
    --------
    >>> import kg
    >>> G = kg.example_graph()
    >>> [m.date for m in meetings_between(G, "Dahl", "Omar Nasser")]
    ['2023', '2024-05-02']
    >>> [(m.id, m.status) for m in meetings_between(G, "Yildiz", "Karim Omar Nasser")]
    [('meeting:2025-06-ayse-yildiz-karim-omar-nasser', 'planned')]

    See Also
    --------
    meetings
    queries.meeting_path : a chain of meetings between two people who never met.
    """
    check_name(a, "a")
    check_name(b, "b")
    index = get_index(G)
    p, q = _person_id(index, a), _person_id(index, b)
    shared = set(index.person_meetings.get(p, ())) & set(index.person_meetings.get(q, ()))
    return [index.view(m) for m in sorted(shared, key=index.rank.__getitem__)]


def timeline(G: nx.Graph, name: str) -> list[TimelineEntry]:
    """Return everything a person or a country took part in, in date order.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph knowledge graph.
    name : str
        A person, in any spelling that `find_person` accepts, or a country, as `find_country`
        accepts it. A person's full name or alias wins over a country's name, and a country's
        name over a person's surname.

    Returns
    -------
    list of TimelineEntry
        One per meeting of any status, sorted by date (undated last), then meeting id. For a
        person: the meetings they took part in, `people` being the person. For a country: the
        meetings in which someone from the country took part (affiliated with the country
        node, or naming it among their ``countries``) or that were held in it, `people` being
        the participants from the country.

    Raises
    ------
    TypeError
        If `name` is not a string.
    diplograph.errors.NotFoundError, diplograph.errors.AmbiguousError
        If `name` matches no person or country, or more than one.

    Examples
    --------
    >>> import kg
    >>> G = kg.example_graph()
    >>> [(e.date, e.what) for e in timeline(G, "Ingrid Dahl")]  # doctest: +NORMALIZE_WHITESPACE
    [('2023', 'meeting'), ('2024-05-02', 'meeting'), ('2024-09', 'phone call'),
     ('2024-10', 'cancelled meeting')]
    >>> [e.date for e in timeline(G, "Jordan")]
    ['2023', '2024-05-02', '2025-06']
    >>> [(e.what, e.people, e.counterparts) for e in timeline(G, "Jordan")][-1]
    ('planned meeting', ('Karim Omar Nasser',), ('Ayşe Yıldız',))

    See Also
    --------
    meetings
    """
    check_name(name)
    index = get_index(G)
    how, _ = _person_candidates(index, name)
    countries = _country_candidates(index, name)
    if how == "exact" or (how == "surname" and not countries):
        p = _person_id(index, name)
        ours = {p}
        found = set(index.person_meetings.get(p, ()))
    elif countries:
        c = _country_id(index, name)
        ours = _country_people(index, c)
        found = set().union(
            *(index.person_meetings.get(p, ()) for p in ours),
            *(index.country_meetings.get(key, ()) for key in _country_keys(index, c)),
        )
    else:
        close = _close_people(index, name) + _close_countries(index, name)
        raise NotFoundError(f"no person or country matches {name!r}{_close_matches(close)}")
    return [_entry(index, m, ours) for m in sorted(found, key=index.rank.__getitem__)]


def cooperation_areas(G: nx.Graph, country_a: str, country_b: str) -> list[AreaCount]:
    """Return what people of two countries discussed when they met.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph knowledge graph.
    country_a, country_b : str
        Two countries, as `find_country` accepts them.

    Returns
    -------
    list of AreaCount
        Each cooperation area discussed in a held meeting between someone from `country_a`
        and someone else from `country_b`, with the number of such meetings and their ids (by
        date); most frequent first, then by name.

    Raises
    ------
    TypeError
        If a country is not a string.
    diplograph.errors.NotFoundError, diplograph.errors.AmbiguousError
        If a country matches no country node, or more than one.

    Examples
    --------
    >>> import kg
    >>> G = kg.example_graph()
    >>> [(a.area, a.count) for a in cooperation_areas(G, "Norway", "jordan")]
    [('energy', 2), ('trade', 1)]
    >>> cooperation_areas(G, "Turkey", "Jordan")  # their only meeting is still planned
    []

    Notes
    -----
    A person is from a country when they are ``affiliated_with`` its node or name it among
    their ``countries``. Only held meetings count.

    See Also
    --------
    timeline
    """
    check_name(country_a, "country_a")
    check_name(country_b, "country_b")
    index = get_index(G)
    a, b = _country_id(index, country_a), _country_id(index, country_b)
    people_a, people_b = _country_people(index, a), _country_people(index, b)
    areas: dict[str, list[str]] = defaultdict(list)
    candidates = set().union(*(index.person_meetings.get(p, ()) for p in people_a))
    for m in sorted(candidates, key=index.rank.__getitem__):
        if not index.held(m):
            continue
        present = {p for p, _ in index.participants[m]}
        from_a, from_b = present & people_a, present & people_b
        if from_a and from_b and len(from_a | from_b) > 1:
            for area in index.topics[m]:
                areas[area].append(m)
    return [
        AreaCount(area=area, count=len(ids), meetings=tuple(ids))
        for area, ids in sorted(areas.items(), key=lambda item: (-len(item[1]), item[0]))
    ]


def _country_keys(index: Index, c: str) -> set[str]:
    attrs = index.countries[c]
    return {name_key(attrs[f]) for f in ("name", "label") if isinstance(attrs.get(f), str)} - {""}


def _country_people(index: Index, c: str) -> set[str]:
    return set().union(*(index.country_people.get(key, set()) for key in _country_keys(index, c)))


_WHAT = {"in_person": "meeting", "phone_call": "phone call", "video": "video call"}


def _entry(index: Index, m: str, ours: set[str]) -> TimelineEntry:
    attrs = index.meetings[m]
    what = _WHAT.get(attrs.get("mode") or "in_person", "meeting")
    if index.status(m) != "held":
        what = f"{index.status(m)} {what}"
    present = [p for p, _ in index.attendees(m)]
    return TimelineEntry(
        date=attrs.get("date"),
        date_precision=attrs.get("date_precision"),
        meeting_id=m,
        what=what,
        people=tuple(index.name(p) for p in present if p in ours),
        counterparts=tuple(index.name(p) for p in present if p not in ours),
        location=index.location[m],
    )
