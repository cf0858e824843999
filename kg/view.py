"""One self-contained HTML page that shows a diplograph graph: people, meetings and evidence.

`write_html` turns the graph into one compact JSON payload (`view_payload`) and inlines it,
with the page's script and style (built from ``viewer/`` into ``kg/static/``), into a single
file that opens from disk with no request leaving the page.

The payload is the contract between this module and ``viewer/src/main.js``. Lists are indexed
by position: a meeting names its people, topics and articles by their index in those lists.
Keys are short, and empty, zero or default values are left out, so that 10,000 meetings stay small::

    {"v": 1,                                   # payload version
     "filter": {"since": ..., "until": ..., "person": ...},   # what the file was cut to
     "countries": [name, ...],                 # most people first: they get the clearest colours
     "topics": [name, ...],
     "articles": [{"id", "t": title or label, "p": path, "u": url, "d": published}, ...],
     "people": [{"id", "n": name, "a": [alias], "ti": [title], "c": [country index],
                 "k": "spellings|in|ascii", "m": number of meetings}, ...],
     "meetings": [{"id", "d": date, "s": status (held if absent), "o": mode (in_person if
                   absent), "h": 1 if historical, "l": place, "v": venue, "t": [topic index],
                   "g": [[agreement kind, text]], "p": [[person index, role or null]],
                   "r": [[article index, evidence, start, end, 1 if conflicting else 0]],
                   "x": [conflict]}, ...]}              # meetings in date order, undated last
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from diplograph.errors import NotFoundError, QueryError

from .atomic import atomic_write
from .exports import date_span
from .names import name_key

__all__ = ["PAYLOAD_VERSION", "render_html", "view_payload", "write_html"]

PAYLOAD_VERSION = 1

_StrPath = str | os.PathLike[str]

# The template's holes, {{name}}, filled in one pass so that nothing inserted is read again.
_HOLE = re.compile(r"\{\{(\w+)\}\}")
_HOLES = frozenset({"title", "csp", "style", "data", "script"})

# Everything the page may use is inline: no request can leave it, whatever a script tries.
# Sigma sets inline styles on its canvases; the script is allowed by its hash only.
_CSP = ("default-src 'none'; script-src '{script}'; style-src 'unsafe-inline'; "
        "img-src data: blob:; base-uri 'none'; form-action 'none'")


def view_payload(G: nx.MultiDiGraph, *, since: str | None = None, until: str | None = None,
                 person: str | None = None) -> dict[str, Any]:
    """Return the data the HTML view shows: people, meetings, their sources and conflicts.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph graph.
    since, until : str, optional
        Keep only meetings whose date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, at its
        precision) overlaps this range, both ends included, as `queries.meetings` does;
        undated meetings are left out when either is given.
    person : str, optional
        A person's node id (``queries.find_person(G, name).id`` finds it from any spelling):
        keep only the meetings this person took part in.

    Returns
    -------
    dict
        Plain JSON values, in the shape the module docstring gives. Without a filter every
        person is in it, with or without meetings; with one, the people of the meetings kept
        (and `person`).

    Raises
    ------
    diplograph.errors.QueryError
        If `since` or `until` is not an ISO date, or `since` is after `until`.
    diplograph.errors.NotFoundError
        If `person` is not the id of a person in `G`.

    Examples
    --------
    >>> import kg
    >>> data = view_payload(kg.example_graph(), since="2024-06")
    >>> [(m["d"], m.get("s", "held")) for m in data["meetings"]]
    [('2024-09', 'held'), ('2024-10', 'cancelled'), ('2024-11-14', 'held'), ('2025-06', 'planned')]
    >>> [(p["n"], p["m"]) for p in data["people"]][:2]
    [('Ayşe Yıldız', 3), ('Ingrid Dahl', 2)]
    """
    lo, hi = _bounds(since, until)
    if person is not None and G.nodes.get(person, {}).get("type") != "person":
        raise NotFoundError(f"no person with the id {person!r} in the graph")
    links = _Links(G)

    meetings = [m for m, attrs in G.nodes(data=True) if attrs.get("type") == "meeting"
                and (person is None or person in links.people_of(m))
                and _in_range(attrs.get("date"), lo, hi)]
    # In date order, undated last; ids as text, since a graph may mix str and int ids.
    meetings.sort(key=lambda m: (G.nodes[m].get("date") is None, G.nodes[m].get("date") or "",
                                 str(m)))
    if since is not None or until is not None or person is not None:
        kept = {p for m in meetings for p in links.people_of(m)} | ({person} - {None})
        people = sorted(kept, key=str)
    else:
        people = sorted((n for n, attrs in G.nodes(data=True) if attrs.get("type") == "person"),
                        key=str)

    index = _Indexer()
    countries = Counter(c for p in people for c in links.countries_of(p))
    index.preset("c", sorted(countries, key=lambda c: (-countries[c], c)))
    index.preset("t", sorted({t for m in meetings for t in links.topic_names(G, m)}))
    person_index = {p: i for i, p in enumerate(people)}
    out_meetings = [_meeting(G, m, links, person_index, index) for m in meetings]
    count = Counter(i for m in out_meetings for i, _ in m.get("p", ()))
    out_people = [_person(G, p, links, index, count[i]) for i, p in enumerate(people)]

    return {
        "v": PAYLOAD_VERSION,
        "filter": {"since": since, "until": until, "person": person},
        "countries": index.names("c"),
        "topics": index.names("t"),
        "articles": [_article(G, a) for a in index.names("a")],
        "people": out_people,
        "meetings": out_meetings,
    }


def write_html(G: nx.MultiDiGraph, path: _StrPath, *, since: str | None = None,
               until: str | None = None, person: str | None = None) -> Path:
    """Write one self-contained HTML page that shows `G`, atomically, and return its path.

    The page draws the person network with sigma.js (laid out by ForceAtlas2 as it opens):
    node size is the number of meetings, colour the country, edge width the number of
    meetings together. Beside it, lists of people and meetings that a search (any spelling
    or alias) and a date range narrow; a click on a person lists their meetings, a click on
    a meeting shows its participants, topics, agreements and each source's sentence,
    with conflicting sources flagged. Scripts, styles and data are inline, and the page's
    Content-Security-Policy forbids every request, so it opens from disk, offline.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph graph.
    path : str or os.PathLike
        The file to write; its folder must exist.
    since, until, person : optional
        Cut the page to these meetings, as `view_payload` does.

    Returns
    -------
    pathlib.Path
        `path`.

    Raises
    ------
    diplograph.errors.QueryError, diplograph.errors.NotFoundError
        As `view_payload`.
    kg.GraphFileError
        If the file cannot be written; the previous file, if any, is then left as it was.

    Examples
    --------
    >>> import kg, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = write_html(kg.example_graph(), Path(folder) / "view.html")
    ...     text = page.read_text(encoding="utf-8")
    >>> text.startswith("<!doctype html>"), "Mykola Kovalenko" in text
    (True, True)
    """
    payload = view_payload(G, since=since, until=until, person=person)
    page = render_html(payload)
    path = Path(path)
    return atomic_write(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))


def render_html(payload: dict[str, Any]) -> str:
    """Return the page for a payload: the template with its style, data and script inlined.

    >>> page = render_html(view_payload(nx.MultiDiGraph()))
    >>> page.count("<script>"), "0 people, 0 meetings" in page
    (1, True)
    """
    static = resources.files(__package__) / "static"
    script = _inline((static / "view.js").read_text(encoding="utf-8"), "script")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    # "<" only ever occurs inside JSON strings, where \u003c means the same: no "</script>"
    # or "<!--" in the data can end the block early.
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    holes = {
        "title": html.escape(f"diplograph: {len(payload['people'])} people, "
                             f"{len(payload['meetings'])} meetings"),
        "csp": html.escape(_CSP.format(script=f"sha256-{digest}")),
        "style": _inline((static / "view.css").read_text(encoding="utf-8"), "style"),
        "data": data,
        "script": script,
    }
    template = (static / "view.html").read_text(encoding="utf-8")
    found = _HOLE.findall(template)
    if sorted(found) != sorted(_HOLES):
        raise RuntimeError(f"kg/static/view.html must have each of {sorted(_HOLES)} once, "
                           f"not {found}; rebuild it from viewer/")
    return _HOLE.sub(lambda match: holes[match[1]], template)


# -- helpers ---------------------------------------------------------------------------------


def _inline(text: str, tag: str) -> str:
    # The bundle is built to be inlined (esbuild escapes "</script" in strings); check anyway,
    # since a stray closing tag would cut the page in two.
    if f"</{tag}" in text.lower():
        raise RuntimeError(f"the {tag} in kg/static contains '</{tag}' and cannot be inlined")
    return text


def _bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Check `since` and `until`; return the first day of `since`, the last day of `until`."""
    bounds: list[str | None] = []
    for value, name, end in ((since, "since", 0), (until, "until", 1)):
        if value is None:
            bounds.append(None)
            continue
        span = date_span(value.strip()) if isinstance(value, str) else None
        if span is None:
            raise QueryError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        bounds.append(span[end])
    lo, hi = bounds
    if lo is not None and hi is not None and lo > hi:
        raise QueryError(f"since ({since}) is after until ({until})")
    return lo, hi


def _in_range(date: Any, lo: str | None, hi: str | None) -> bool:
    if lo is None and hi is None:
        return True
    span = date_span(date)
    return span is not None and (lo is None or span[1] >= lo) and (hi is None or span[0] <= hi)


class _Links:
    """Who took part in each meeting, where, about what, and each person's countries."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self._participants: dict[Any, list[tuple[Any, str | None]]] = defaultdict(list)
        self.places: dict[Any, list[Any]] = defaultdict(list)
        self.topics: dict[Any, list[Any]] = defaultdict(list)
        self.agreements: dict[Any, list[Any]] = defaultdict(list)
        self._countries: dict[Any, list[str]] = defaultdict(list)
        kinds = G.nodes(data="type")
        for u, v, attrs in G.edges(data=True):
            relation, ends = attrs.get("relation"), (kinds[u], kinds[v])
            if relation == "participated_in" and ends == ("person", "meeting"):
                self._participants[v].append((u, attrs.get("role")))
            elif relation == "held_in" and kinds[u] == "meeting":
                self.places[u].append(v)
            elif relation == "discussed" and ends == ("meeting", "cooperation_area"):
                self.topics[u].append(v)
            elif relation == "signed_at" and ends == ("agreement", "meeting"):
                self.agreements[v].append(u)
            elif relation == "affiliated_with" and ends == ("person", "country"):
                self._countries[u].append(G.nodes[v].get("name") or str(v))
        for p, attrs in G.nodes(data=True):
            if attrs.get("type") == "person":
                own = [c for c in attrs.get("countries") or () if isinstance(c, str) and c]
                self._countries[p] = list(dict.fromkeys(own + self._countries.get(p, [])))

    def participants(self, m: Any) -> list[tuple[Any, str | None]]:
        return sorted(self._participants.get(m, ()), key=lambda pair: str(pair[0]))

    def topic_names(self, G: nx.MultiDiGraph, m: Any) -> list[str]:
        return sorted({n for v in self.topics.get(m, ()) if (n := _text(G.nodes[v].get("name")))})

    def people_of(self, m: Any) -> set[Any]:
        return {p for p, _ in self._participants.get(m, ())}

    def countries_of(self, p: Any) -> list[str]:
        return self._countries.get(p, [])


class _Indexer:
    """Positions in the payload's lists of names (countries, topics, articles), by first use."""

    def __init__(self) -> None:
        self._lists: dict[str, dict[Any, int]] = defaultdict(dict)

    def preset(self, kind: str, names: list[Any]) -> None:
        self._lists[kind] = {name: i for i, name in enumerate(names)}

    def __call__(self, kind: str, name: Any) -> int:
        table = self._lists[kind]
        return table.setdefault(name, len(table))

    def names(self, kind: str) -> list[Any]:
        return list(self._lists[kind])


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    # Left out: None, empty lists and strings, False and 0; the page reads a missing key so.
    return {k: v for k, v in record.items() if v not in (None, [], "", False)}


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _person(G: nx.MultiDiGraph, p: Any, links: _Links, index: _Indexer, count: int,
            ) -> dict[str, Any]:
    attrs = G.nodes[p]
    name = _text(attrs.get("name")) or _text(attrs.get("label")) or str(p)
    aliases = [a for a in attrs.get("aliases") or () if _text(a) and a != name]
    keys = dict.fromkeys(k for k in map(name_key, [name, *aliases]) if k)
    return _compact({
        "id": str(p), "n": name, "a": aliases,
        "ti": [t for t in attrs.get("titles") or () if _text(t)],
        "c": [index("c", c) for c in links.countries_of(p)],
        "k": "|".join(keys), "m": count,
    })


def _place(G: nx.MultiDiGraph, m: Any, links: _Links) -> str | None:
    # The meeting's own place, else a place it was held in (a city before a country).
    held = sorted(links.places.get(m, ()), key=lambda v: (G.nodes[v].get("type") != "location",
                                                          str(v)))
    names = [n for v in held if (n := _text(G.nodes[v].get("name")))]
    return _text(G.nodes[m].get("location")) or (names[0] if names else None)


def _meeting(G: nx.MultiDiGraph, m: Any, links: _Links, person_index: dict[Any, int],
             index: _Indexer) -> dict[str, Any]:
    attrs = G.nodes[m]
    conflicts = [c for c in attrs.get("conflicts") or () if _text(c)]
    sources = []
    for source in attrs.get("sources") or ():
        article = source.get("article")
        # A conflict names the articles on each side, in brackets: "date: X (a) vs Y (b)".
        disputed = any(article and article in c for c in conflicts)
        sources.append([index("a", _article_id(G, article)), source.get("evidence") or "",
                        source.get("start"), source.get("end"), int(disputed)])
    topics = links.topic_names(G, m)
    agreements = sorted([G.nodes[a].get("kind") or "agreement",
                         G.nodes[a].get("text") or G.nodes[a].get("label") or str(a)]
                        for a in links.agreements.get(m, ()))
    return _compact({
        "id": str(m), "d": _text(attrs.get("date")),
        "s": attrs.get("status") if attrs.get("status") not in (None, "held") else None,
        "o": attrs.get("mode") if attrs.get("mode") not in (None, "in_person") else None,
        "h": 1 if attrs.get("historical") else None,
        "l": _place(G, m, links), "v": _text(attrs.get("venue")),
        "t": [index("t", t) for t in topics],
        "g": agreements,
        "p": [[person_index[p], role] for p, role in links.participants(m)],
        "r": sources, "x": conflicts,
    })


def _article_id(G: nx.MultiDiGraph, article: Any) -> Any:
    """The article node a source names: by its id, or by the article's own id (no prefix)."""
    if article in G:
        return article
    prefixed = f"article:{article}"
    return prefixed if prefixed in G else article


def _article(G: nx.MultiDiGraph, a: Any) -> dict[str, Any]:
    attrs = G.nodes[a] if a in G else {}
    name = str(a).removeprefix("article:")
    return _compact({
        "id": name, "t": _text(attrs.get("title")) or _text(attrs.get("label")) or name,
        "p": _text(attrs.get("path")), "u": _text(attrs.get("url")),
        "d": _text(attrs.get("published")),
    })
