"""A per-graph index that makes the queries fast: who took part in what, when and where."""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import Any

import networkx as nx

from kg.names import name_key

from .arguments import day_span
from .models import MeetingView, Participant, PersonRef, SourceRef

__all__: list[str] = []

_UNDATED = 1 << 30  # sorts after every ordinal
_MARK = "diplograph.queries"  # our stamp in G.__networkx_cache__, which networkx clears
# G -> (index, stamp, size): the index is valid while G's cache holds the stamp and size holds
_CACHE: weakref.WeakKeyDictionary[nx.Graph, tuple[Index, object, Any]] = weakref.WeakKeyDictionary()


def _names(attrs: dict[str, Any], field: str) -> list[str]:
    value = attrs.get(field)
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str) and v]
    return []


class _KeyCache(dict[str, str]):
    """`kg.names.name_key`, remembered: places, topics and countries repeat."""

    def __missing__(self, text: str) -> str:
        key = self[text] = name_key(text)
        return key

    def __call__(self, text: str) -> str:
        return self[text]


def _dedupe(names: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for text in names:
        seen.setdefault(name_key(text), text)
    return tuple(seen.values())


class Index:
    """Everything the queries look up, built in one pass over the graph.

    Meetings are kept in one order, by the first day of their date then id, undated last;
    `rank` is a meeting's place in it. Results (`PersonRef`, `MeetingView`) are built on first
    use and kept, since they are frozen.
    """

    def __init__(self, G: nx.Graph) -> None:
        self.people: dict[str, dict[str, Any]] = {}
        self.meetings: dict[str, dict[str, Any]] = {}
        self.countries: dict[str, dict[str, Any]] = {}
        self.person_meetings: dict[str, list[str]] = defaultdict(list)
        self.participants: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        self.topics: dict[str, tuple[str, ...]] = {}
        self.full_keys: dict[str, set[str]] = defaultdict(set)  # name or alias -> people
        self.suffix_keys: dict[str, set[str]] = defaultdict(set)  # trailing tokens -> people
        self.country_keys: dict[str, set[str]] = defaultdict(set)  # name or label -> countries
        self.country_iso: dict[str, set[str]] = defaultdict(set)  # lowercase ISO code -> countries
        self.country_people: dict[str, set[str]] = defaultdict(set)  # country key -> people
        self.place_meetings: dict[str, set[str]] = defaultdict(set)  # place key -> meetings
        self.country_meetings: dict[str, set[str]] = defaultdict(set)  # held in country key
        self.topic_meetings: dict[str, set[str]] = defaultdict(set)  # area key -> meetings
        self._person_refs: dict[str, PersonRef] = {}
        self._views: dict[str, MeetingView] = {}
        self._listings = 0
        self._participants: dict[tuple[str, str | None], Participant] = {}
        self._sources: dict[str, tuple[SourceRef, ...]] = {}
        self._counterparts: dict[str, int] | None = None

        attrs_of: dict[Any, dict[str, Any]] = dict(G.nodes(data=True))
        multi = G.is_multigraph()
        keys = _KeyCache()
        places: dict[str, list[str]] = defaultdict(list)
        affiliations: dict[str, list[str]] = defaultdict(list)
        areas: dict[str, list[str]] = defaultdict(list)
        kinds = {"person": self.people, "meeting": self.meetings, "country": self.countries}
        for u, attrs in attrs_of.items():
            kind = kinds.get(attrs.get("type", ""))
            if kind is not None:
                kind[u] = attrs
        people, meetings = self.people, self.meetings
        person_meetings, participants = self.person_meetings, self.participants
        for u, nbrs in G.adjacency():  # the raw adjacency dicts: no views, no copies
            if u in people:
                for v, keydict in nbrs.items():
                    for data in keydict.values() if multi else (keydict,):
                        relation = data.get("relation")
                        if relation == "participated_in" and v in meetings:
                            person_meetings[u].append(v)
                            participants[v].append((u, data.get("role")))
                        elif relation == "affiliated_with":
                            affiliations[u].append(v)
            elif u in meetings:
                for v, keydict in nbrs.items():
                    for data in keydict.values() if multi else (keydict,):
                        relation = data.get("relation")
                        if relation == "held_in":
                            places[u].append(v)
                        elif relation == "discussed":
                            areas[u].append(v)

        # Meetings: one order by date, buckets by length for date ranges, places and topics.
        spans_of: dict[Any, tuple[int, int] | None] = {}
        self.spans: dict[str, tuple[int, int] | None] = {}
        for m, attrs in self.meetings.items():
            date = attrs.get("date")
            if date not in spans_of:
                spans_of[date] = day_span(date) if isinstance(date, str) else None
            self.spans[m] = spans_of[date]
        spans = self.spans
        self.order = sorted(self.meetings, key=lambda m: (s[0] if (s := spans[m]) else _UNDATED, m))
        self.rank = {m: i for i, m in enumerate(self.order)}
        # Meetings of one precision (a day, a month, a year) in three lists, each sorted by first
        # day: a range [lo, hi] is then a bisection between lo - (longest length) and hi.
        buckets: dict[int, tuple[list[int], list[int]]] = {}
        for i, m in enumerate(self.order):
            span = spans[m]
            if span is None:
                break
            width = span[1] - span[0]
            longest = 0 if width == 0 else 31 if width <= 31 else 366 if width <= 366 else width
            starts, ranks = buckets.setdefault(longest, ([], []))
            starts.append(span[0])
            ranks.append(i)
        self.buckets = [(longest, *lists) for longest, lists in sorted(buckets.items())]

        self.location: dict[str, str | None] = {}
        for m, attrs in self.meetings.items():
            own = attrs.get("location")
            own = own if isinstance(own, str) and own else None
            held = places.get(m, ())
            if len(held) > 1:
                held = sorted(held, key=lambda v: (attrs_of[v].get("type") != "location", v))
            names = [n for v in held if isinstance(n := attrs_of[v].get("name"), str) and n]
            self.location[m] = own or (names[0] if names else None)
            for text in [own, *names] if own else names:
                self.place_meetings[keys(text)].add(m)
            for v in held:
                place = attrs_of[v]
                country = place.get("name") if place.get("type") == "country" else None
                country = country or place.get("country")
                if isinstance(country, str) and country:
                    self.place_meetings[keys(country)].add(m)
                    self.country_meetings[keys(country)].add(m)
            if own:
                self.country_meetings[keys(own)].add(m)
            topics = {n for v in areas.get(m, ()) if isinstance(n := attrs_of[v].get("name"), str)}
            self.topics[m] = tuple(sorted(topics))
            for area in topics:
                self.topic_meetings[keys(area)].add(m)
        rank = self.rank
        for ranked in self.person_meetings.values():
            ranked.sort(key=rank.__getitem__)

        # Countries: by name, label and ISO code.
        for c, attrs in self.countries.items():
            for field in ("name", "label"):
                if isinstance(attrs.get(field), str) and (key := keys(attrs[field])):
                    self.country_keys[key].add(c)
            if isinstance(attrs.get("iso"), str) and attrs["iso"]:
                self.country_iso[attrs["iso"].lower()].add(c)

        # People: every spelling, the trailing tokens of each, and where they belong.
        self.affiliated: dict[str, tuple[list[str], list[str]]] = {}
        for p, attrs in self.people.items():
            spellings = {*_names(attrs, "name"), *_names(attrs, "label"), *_names(attrs, "aliases")}
            for text in spellings:
                tokens = keys(text).split()
                if tokens:
                    self.full_keys[" ".join(tokens)].add(p)
                for i in range(1, len(tokens)):
                    self.suffix_keys[" ".join(tokens[i:])].add(p)
            orgs, countries = [], []
            for v in affiliations.get(p, ()):
                target = attrs_of[v]
                if isinstance(target.get("name"), str):
                    if target.get("type") == "organisation":
                        orgs.append(target["name"])
                    elif target.get("type") == "country":
                        countries.append(target["name"])
            self.affiliated[p] = (sorted(countries), sorted(orgs))
            for text in _names(attrs, "countries") + countries:
                self.country_people[keys(text)].add(p)

    @property
    def spellings(self) -> dict[str, set[str]]:
        """Every name, alias and surname key -> the people it could mean (for close matches)."""
        keys = {k: set(v) for k, v in self.suffix_keys.items()}
        for key, people in self.full_keys.items():
            keys.setdefault(key, set()).update(people)
        return keys

    # -- reading -------------------------------------------------------------------------------

    def name(self, p: str) -> str:
        attrs = self.people[p]
        return attrs.get("name") or attrs.get("label") or p

    def status(self, m: str) -> str:
        return self.meetings[m].get("status") or "held"

    def held(self, m: str) -> bool:
        return self.status(m) == "held"

    def start(self, m: str) -> int:
        """The first day of the meeting's date, as an ordinal; undated meetings sort last."""
        span = self.spans[m]
        return span[0] if span else _UNDATED

    def in_range(self, m: str, lo: int | None, hi: int | None) -> bool:
        """Whether the meeting's date interval overlaps [lo, hi]; undated ones never do."""
        if lo is None and hi is None:
            return True
        span = self.spans[m]
        if span is None:
            return False
        return (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)

    def listing(self) -> None:
        """Note a listing of meetings by date; from the second on, have every view built.

        Such listings return hundreds of meetings, and building each view on first use costs
        most of the query. Building them all costs seconds on a large graph, once: worth it
        for a session that asks again, not for a command that asks once.
        """
        self._listings += 1
        if self._listings == 2:
            for m in self.order:
                self.view(m)

    def dated_between(self, lo: int | None, hi: int | None) -> list[str]:
        """The meetings whose date interval overlaps [lo, hi], in meeting order."""
        if lo is None and hi is None:
            return self.order
        found: list[int] = []
        for longest, starts, ranks in self.buckets:
            i = 0 if lo is None else bisect_left(starts, lo - longest)
            j = len(starts) if hi is None else bisect_right(starts, hi)
            if lo is None or longest == 0:
                found.extend(ranks[i:j])
            else:
                order, spans = self.order, self.spans
                # Bucketed meetings are all dated; the test of `span` tells the type checker so.
                found.extend(r for r in ranks[i:j] if (span := spans[order[r]]) and span[1] >= lo)
        if len(self.buckets) > 1:
            found.sort()
        return [self.order[r] for r in found]

    def person(self, p: str) -> PersonRef:
        ref = self._person_refs.get(p)
        if ref is None:
            attrs = self.people[p]
            countries, orgs = self.affiliated[p]
            ref = PersonRef.model_construct(
                id=p,
                name=self.name(p),
                aliases=tuple(_names(attrs, "aliases")),
                titles=tuple(_names(attrs, "titles")),
                countries=_dedupe(_names(attrs, "countries") + countries),
                organisations=_dedupe(_names(attrs, "organisations") + orgs),
            )
            self._person_refs[p] = ref
        return ref

    def sources(self, m: str) -> tuple[SourceRef, ...]:
        refs = self._sources.get(m)
        if refs is None:
            raw = self.meetings[m].get("sources") or ()
            refs = tuple(
                SourceRef.model_construct(
                    article=s.get("article", ""),
                    evidence=s.get("evidence", ""),
                    start=s.get("start", 0),
                    end=s.get("end", 0),
                )
                for s in raw
                if isinstance(s, dict)
            )
            self._sources[m] = refs
        return refs

    def attendees(self, m: str) -> list[tuple[str, str | None]]:
        """The meeting's ``(person, role)`` pairs, sorted by name, then id."""
        return sorted(self.participants.get(m, ()), key=lambda pr: (self.name(pr[0]), pr))

    def _participant(self, p: str, role: str | None) -> Participant:
        participant = self._participants.get((p, role))
        if participant is None:
            aliases = self.person(p).aliases
            participant = Participant.model_construct(id=p, name=self.name(p), aliases=aliases,
                                                      role=role)
            self._participants[p, role] = participant
        return participant

    # Records are built with ``model_construct``: their values come from a graph whose nodes
    # were validated on the way in, and validating them again costs most of a large query.
    def view(self, m: str) -> MeetingView:
        view = self._views.get(m)
        if view is None:
            attrs = self.meetings[m]
            view = MeetingView.model_construct(
                id=m,
                date=attrs.get("date"),
                date_precision=attrs.get("date_precision"),
                status=self.status(m),
                mode=attrs.get("mode") or "in_person",
                historical=bool(attrs.get("historical", False)),
                location=self.location[m],
                venue=attrs.get("venue"),
                participants=tuple(self._participant(p, role) for p, role in self.attendees(m)),
                topics=self.topics[m],
                sources=self.sources(m),
                conflicts=tuple(_names(attrs, "conflicts")),
            )
            self._views[m] = view
        return view

    def counterpart_counts(self) -> dict[str, int]:
        """Each person's number of distinct counterparts in held meetings."""
        if self._counterparts is None:
            met: dict[str, set[str]] = defaultdict(set)
            for m, people in self.participants.items():
                if self.held(m) and len(people) > 1:
                    ids = {p for p, _ in people}
                    for p in ids:
                        met[p] |= ids
            self._counterparts = {p: len(others) - 1 for p, others in met.items()}
        return self._counterparts


def get_index(G: nx.Graph) -> Index:
    """Return the index of `G`, building it on first use and again after `G` changed.

    Notes
    -----
    The index is kept beside the graph, in a `weakref.WeakKeyDictionary`, never in the graph.
    It is rebuilt when the number of nodes changes or when networkx clears
    ``G.__networkx_cache__``, which every networkx method that adds or removes nodes or edges
    does (counting edges is O(E) on a multigraph, too slow to do per query). After changing
    attributes in place (``G.nodes[n]["date"] = ...``), clear it as networkx asks:
    ``G.__networkx_cache__.clear()``.
    """
    if not isinstance(G, nx.Graph):
        raise TypeError(f"G must be a networkx graph, not {type(G).__name__}")
    cache = getattr(G, "__networkx_cache__", None)
    entry = _CACHE.get(G)
    if entry is not None:
        index, stamp, size = entry
        if isinstance(cache, dict):
            if cache.get(_MARK) is stamp and size == len(G):
                return index
        elif size == (len(G), G.number_of_edges()):
            return index
    index = Index(G)
    stamp = object()
    if isinstance(cache, dict):
        cache[_MARK] = stamp
        _CACHE[G] = (index, stamp, len(G))
    else:
        _CACHE[G] = (index, stamp, (len(G), G.number_of_edges()))
    return index
