"""Score a built graph against the hand-made gold annotations (see tests/gold/README.md)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Any

import networkx as nx
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from diplograph.errors import InputError

from .names import name_key
from .schema import slugify

__all__ = [
    "ArticlesReport",
    "EventsReport",
    "FileReport",
    "GoldArticle",
    "GoldEvent",
    "GoldEvents",
    "GoldMeeting",
    "GoldPerson",
    "GoldSet",
    "Report",
    "Score",
    "Share",
    "evaluate",
    "format_report",
    "load_gold",
]

_IsoDate = Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]


# --- the gold ----------------------------------------------------------------------------------


class _Gold(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class GoldMeeting(_Gold):
    """One meeting an article states (a `meetings[]` entry of a per-article gold file)."""

    participants: tuple[str, ...] = ()
    optional_participants: tuple[str, ...] = ()
    date: _IsoDate | None = None
    alt_dates: tuple[_IsoDate, ...] = ()
    location: str | None = None
    venue: str | None = None
    mode: str | None = None
    status: str | None = None
    historical: bool = False
    topics: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()
    evidence: str | None = None
    note: str | None = None


class GoldEvent(GoldMeeting):
    """One distinct real-world meeting of the corpus (an `events[]` entry of the events file)."""

    id: str | None = None
    sources: tuple[str, ...] = ()
    date_conflict: str | None = None


class GoldPerson(_Gold):
    """A person of a gold file: the fullest name, the other spellings, and a few facts."""

    name: str
    title: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    same_as: str | None = None
    relations: tuple[dict[str, Any], ...] = ()
    child_of: str | None = None


class GoldArticle(_Gold):
    """The gold of one article: its meetings, people, and strings that are not people."""

    file: str
    meetings: tuple[GoldMeeting, ...] = ()
    people: tuple[GoldPerson, ...] = ()
    organisations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    not_people: tuple[str, ...] = ()
    note: str | None = None


class GoldEvents(_Gold):
    """The corpus-level gold: distinct events, their people, and what must not happen."""

    about: str | None = None
    people: tuple[GoldPerson, ...] = ()
    events: tuple[GoldEvent, ...] = ()
    must_not_be_people: tuple[str, ...] = ()
    must_not_be_merged: tuple[tuple[str, str], ...] = ()


class GoldSet(_Gold):
    """Every gold file of a folder: the per-article files (sorted by `file`) and the events."""

    articles: tuple[GoldArticle, ...] = ()
    events: GoldEvents | None = None


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise InputError(str(path), f"not valid JSON: {e.msg}", line=e.lineno) from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"cannot be read: {e}") from None


def _validated(model: type[_Gold], data: Any, path: Path) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        raise InputError(str(path), f"{where}: {first['msg']}") from None


def load_gold(folder: str | os.PathLike[str]) -> GoldSet:
    """Read the gold annotations of a folder.

    Per-article files are the ``*.json`` files of `folder` and of its ``seeds/`` subfolder
    whose top level has a ``file`` and a ``meetings`` key; the events file is a
    ``*_events.json`` file of `folder` whose top level has an ``events`` key. Other JSON files
    are ignored, and so are unknown fields.

    Parameters
    ----------
    folder : str or os.PathLike
        A gold folder, laid out like ``tests/gold``.

    Returns
    -------
    GoldSet
        The per-article gold, sorted by article file name, and the events gold (or None).

    Raises
    ------
    extract.errors.InputError
        If `folder` is not a folder, holds no gold file, holds two gold files for one article
        or two events files, or a gold file is not valid JSON or breaks the gold format.

    Examples
    --------
    >>> from pathlib import Path
    >>> gold = load_gold(Path(__file__).parent.parent / "tests" / "gold")
    >>> len(gold.articles), len(gold.events.events)
    (5, 5)
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder")
    articles: dict[str, GoldArticle] = {}
    events: GoldEvents | None = None
    events_path: Path | None = None
    for path in sorted(folder.glob("*.json")) + sorted((folder / "seeds").glob("*.json")):
        data = _read_json(path)
        if not isinstance(data, dict):
            continue
        if "file" in data and "meetings" in data:
            article = _validated(GoldArticle, data, path)
            if article.file in articles:
                raise InputError(str(path), f"a second gold file for {article.file}")
            articles[article.file] = article
        elif path.name.endswith("_events.json") and "events" in data:
            if events_path is not None:
                raise InputError(str(path), f"a second events file (the first is {events_path})")
            events, events_path = _validated(GoldEvents, data, path), path
    if not articles and events is None:
        raise InputError(str(folder), "no gold files (per-article *.json or *_events.json)")
    return GoldSet(articles=tuple(articles[f] for f in sorted(articles)), events=events)


# --- the report --------------------------------------------------------------------------------


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Score(_Out):
    """Precision, recall and F1, with the counts they come from.

    ``precision = hits / system`` and ``recall = hits / gold``, each 0.0 when its denominator
    is 0; ``f1`` is their harmonic mean (0.0 when both are 0). All three are rounded to 3
    decimals.
    """

    precision: float
    recall: float
    f1: float
    hits: int
    system: int
    gold: int


class Share(_Out):
    """A share ``hits / total``, rounded to 3 decimals; 0.0 when `total` is 0."""

    share: float
    hits: int
    total: int


class FileReport(_Out):
    """The meeting score of one gold article; `in_graph` is False if no article node has it."""

    file: str
    in_graph: bool
    meetings: Score


class ArticlesReport(_Out):
    """The per-article gold's figures, micro-averaged over all the gold articles."""

    meetings: Score
    duplicates: int
    neutral: int
    pairs: Score
    dates: Share
    locations: Share
    topics: Score
    people: Score
    noise_people: tuple[str, ...]
    misses: tuple[str, ...]
    false_alarms: tuple[str, ...]
    files: tuple[FileReport, ...]


class EventsReport(_Out):
    """The events file's figures, over every meeting and person of the graph."""

    events: Score
    duplicates: int
    neutral: int
    pairs: Score
    dates: Share
    people: Share
    noise_people: tuple[str, ...]
    wrong_merges: tuple[str, ...]
    misses: tuple[str, ...]
    false_alarms: tuple[str, ...]


class Report(_Out):
    """What `evaluate` returns: one part per kind of gold (None when the gold has none)."""

    articles: ArticlesReport | None
    events: EventsReport | None


def _score(hits: int, system: int, gold: int) -> Score:
    precision = hits / system if system else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision=round(precision, 3), recall=round(recall, 3), f1=round(f1, 3),
                 hits=hits, system=system, gold=gold)


def _share(hits: int, total: int) -> Share:
    return Share(share=round(hits / total, 3) if total else 0.0, hits=hits, total=total)


# --- people ------------------------------------------------------------------------------------


def _keys(*forms: str | None) -> frozenset[str]:
    return frozenset(k for k in (name_key(f) for f in forms if f) if k)


def _ends(keys: Iterable[str]) -> frozenset[tuple[str, str]]:
    return frozenset((t[0], t[-1]) for t in (k.split() for k in keys) if len(t) >= 2)


@dataclass(frozen=True, eq=False)
class _GoldPerson:
    """One gold person; compared by identity, one object per person of a gold scope."""

    label: str
    names: frozenset[str]  # keys of the name, `same_as`, or the string as written
    aliases: frozenset[str]  # keys of the other spellings

    @property
    def ends(self) -> frozenset[tuple[str, str]]:
        return _ends(self.names)


@dataclass(frozen=True)
class _SysPerson:
    id: str
    name: str
    name_key: str
    keys: frozenset[str]  # name and aliases
    ends: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, node: str, attrs: dict[str, Any]) -> _SysPerson:
        name = str(attrs.get("name") or attrs.get("label") or node)
        aliases = [a for a in attrs.get("aliases") or () if isinstance(a, str)]
        keys = _keys(name, *aliases)
        return cls(id=node, name=name, name_key=name_key(name), keys=keys, ends=_ends(keys))


def _links(gold: _GoldPerson, person: _SysPerson, *, loose: bool = True) -> bool:
    # A one-word gold alias (a bare surname, which a father and son share) only links to a
    # person's name, never to one of their aliases.
    return bool(
        gold.names & person.keys
        or person.name_key in gold.aliases
        or {a for a in gold.aliases if " " in a} & person.keys
        or (loose and (gold.ends & person.ends or _tail_of(person.name_key, gold.names)))
    )


def _tail_of(key: str, names: Iterable[str]) -> bool:
    """Whether a name of three words or more ends one of ``names``, which only adds words
    in front: an honorific ("Sayyid Talal bin Nasser Al Harthy") or a first given name."""
    return len(key.split()) >= 3 and any(n.endswith(f" {key}") for n in names)


class _Roster:
    """The gold people of one scope (an article, or the events file), found by any spelling."""

    def __init__(self, entries: Iterable[GoldPerson], written: Iterable[str]) -> None:
        self.people: list[_GoldPerson] = []
        self._index: dict[str, _GoldPerson] = {}
        for entry in entries:
            names = _keys(entry.name, entry.same_as)
            self.people.append(_GoldPerson(entry.name, names, _keys(*entry.aliases) - names))
        for person in self.people:
            for key in person.names:
                self._index.setdefault(key, person)
        for person in self.people:
            for key in person.aliases:
                self._index.setdefault(key, person)
        for text in written:
            key = name_key(text)
            if key not in self._index:
                self._index[key] = _GoldPerson(text, _keys(text), frozenset())
                self.people.append(self._index[key])

    def __getitem__(self, text: str) -> _GoldPerson:
        return self._index[name_key(text)]

    def find(self, text: str) -> _GoldPerson:
        """The gold person `text` names, or a new one (not added to the roster)."""
        return self._index.get(name_key(text)) or _GoldPerson(text, _keys(text), frozenset())

    def linked(self, person: _SysPerson) -> frozenset[_GoldPerson]:
        return frozenset(g for g in self.people if _links(g, person))


def _max_matching(adjacency: Sequence[Iterable[int]]) -> int:
    """The size of a maximum matching of a bipartite graph given as left -> right indices."""
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in adjacency[left]:
            if right not in seen:
                seen.add(right)
                if right not in owner or augment(owner[right], seen):
                    owner[right] = left
                    return True
        return False

    return sum(augment(left, set()) for left in range(len(adjacency)))


def _noise(persons: dict[str, _SysPerson], strings: Iterable[str]) -> tuple[str, ...]:
    noise = {k: s for s in strings for k in _keys(s)}
    found = []
    for pid, person in persons.items():
        hit = next((noise[k] for k in sorted(person.keys) if k in noise), None)
        if hit is not None:
            found.append(f"{hit} ({pid})")
    return tuple(found)


# --- meetings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _SysMeeting:
    id: str
    people: tuple[_SysPerson, ...]
    date: str | None
    places: frozenset[str]
    topics: frozenset[str]


@dataclass(frozen=True)
class _Target:
    """A gold meeting (or event) with its people resolved in its scope."""

    label: str
    gold: GoldMeeting
    required: tuple[_GoldPerson, ...]
    optional: tuple[_GoldPerson, ...]


def _unique(people: Iterable[_GoldPerson]) -> tuple[_GoldPerson, ...]:
    return tuple(dict.fromkeys(people))


def _target(label: str, gold: GoldMeeting, roster: _Roster) -> _Target:
    required = _unique(roster[p] for p in gold.participants)
    optional = _unique(o for o in (roster[p] for p in gold.optional_participants)
                       if o not in required)
    return _Target(label, gold, required, optional)


def _date_rank(date: str | None, gold: GoldMeeting) -> int:
    """2 if `date` agrees with the gold date at its precision, 1 if with an alt date, else 0."""

    def within(day: str) -> bool:
        return date is not None and len(date) >= len(day) and date[: len(day)] == day

    if gold.date is None or within(gold.date):
        return 2
    return 1 if any(within(alt) for alt in gold.alt_dates) else 0


def _people_text(names: Iterable[str]) -> str:
    return " + ".join(names) or "nobody"


def _gold_text(target: _Target) -> str:
    people = _people_text(target.gold.participants)
    return f"{target.label}: {people}, {target.gold.date or 'no date'}"


def _sys_text(label: str, meeting: _SysMeeting) -> str:
    people = _people_text(sorted(p.name for p in meeting.people))
    return f"{label}: {people}, {meeting.date or 'no date'}"


@dataclass
class _Outcome:
    matched: list[tuple[_Target, _SysMeeting]]
    misses: list[str]
    false_alarms: list[str]
    duplicates: int
    neutral: int
    scorable: int
    system: int
    dated: int  # gold meetings with a date matched on their people, dates aside
    dated_agree: int  # ... whose date agrees


def _match_meetings(meetings: Sequence[_SysMeeting], targets: Sequence[_Target],
                    linked: dict[str, frozenset[_GoldPerson]], label: str) -> _Outcome:
    fits = []  # (rank key, target index, meeting index, date rank)
    neutral_ok: set[int] = set()
    for mi, meeting in enumerate(meetings):
        for ti, target in enumerate(targets):
            allowed = {*target.required, *target.optional}
            if any(not linked[p.id] & allowed for p in meeting.people):
                continue  # someone outside required + optional
            date = _date_rank(meeting.date, target.gold)
            covered = _max_matching([[j for j, g in enumerate(target.required)
                                      if g in linked[p.id]] for p in meeting.people])
            if len(target.required) >= 2 and covered >= 2:
                fits.append(((-covered, -date, len(meeting.people), ti, meeting.id), ti, mi, date))
            elif date and (len(target.required) < 2 or len(meeting.people) < 2):
                neutral_ok.add(mi)
    fits.sort()
    matched: dict[int, int] = {}  # target -> meeting, on people (and date, where it agrees)
    status: dict[int, str] = {}  # meeting -> "hit", "duplicate" or a false alarm's reason
    for agreeing in (True, False):  # matches with the date first, then matches dates aside
        for _, ti, mi, date in fits:
            if bool(date) == agreeing and ti not in matched and mi not in status:
                matched[ti] = mi
                status[mi] = "hit" if agreeing else f"date; gold {targets[ti].gold.date}"
        for _, ti, mi, date in fits:
            if bool(date) == agreeing and mi not in status:
                status[mi] = "duplicate" if agreeing else f"date; gold {targets[ti].gold.date}"
    hits = [(ti, mi) for ti, mi in sorted(matched.items()) if status[mi] == "hit"]
    hit_targets = {ti for ti, _ in hits}
    scorable = [ti for ti, t in enumerate(targets) if len(t.required) >= 2]
    neutral = [mi for mi in range(len(meetings)) if mi not in status and mi in neutral_ok]
    false_alarms = []
    for mi, meeting in enumerate(meetings):
        reason = status.get(mi)
        if reason != "hit" and mi not in neutral:
            text = _sys_text(label, meeting)
            false_alarms.append(f"{text} ({reason})" if reason else text)
    dated = [ti for ti in matched if targets[ti].gold.date is not None]
    return _Outcome(
        matched=[(targets[ti], meetings[mi]) for ti, mi in hits],
        misses=[_gold_text(targets[ti]) for ti in scorable if ti not in hit_targets],
        false_alarms=false_alarms,
        duplicates=sum(reason == "duplicate" for reason in status.values()),
        neutral=len(neutral),
        scorable=len(scorable),
        system=len(meetings) - len(neutral),
        dated=len(dated),
        dated_agree=sum(ti in hit_targets for ti in dated),
    )


def _match_pairs(meetings: Iterable[_SysMeeting], targets: Iterable[_Target],
                 linked: dict[str, frozenset[_GoldPerson]]) -> tuple[int, int, int]:
    """Return (hits, scored system pairs, gold pairs) over unordered pairs of people who met."""

    def pairs(people: Sequence[Any]) -> set[frozenset[Any]]:
        return {frozenset((a, b)) for i, a in enumerate(people) for b in people[i + 1:]
                if a != b}

    gold = set().union(*(pairs(t.required) for t in targets))
    allowed = set().union(*(pairs([*t.required, *t.optional]) for t in targets))
    system = set().union(*(pairs([p.id for p in m.people]) for m in meetings))
    gold_list = sorted(gold, key=lambda pair: sorted(g.label for g in pair))
    index = {pair: i for i, pair in enumerate(gold_list)}
    adjacency, scored = [], 0
    for a, b in sorted(tuple(sorted(pair)) for pair in system):
        meant = {frozenset((x, y)) for x in linked[a] for y in linked[b] if x is not y}
        if meant & gold:
            adjacency.append(sorted(index[pair] for pair in meant & gold))
        if meant & gold or not meant & allowed:
            scored += 1
    return _max_matching(adjacency), scored, len(gold)


# --- reading the graph -------------------------------------------------------------------------


def _out(G: nx.DiGraph, node: str, relation: str) -> list[tuple[str, dict[str, Any]]]:
    return [(v, d) for _, v, d in G.out_edges(node, data=True) if d.get("relation") == relation]


def _in(G: nx.DiGraph, node: str, relation: str) -> list[tuple[str, dict[str, Any]]]:
    return [(u, d) for u, _, d in G.in_edges(node, data=True) if d.get("relation") == relation]


def _of_type(G: nx.DiGraph, kind: str) -> list[str]:
    return sorted(n for n, d in G.nodes(data=True) if d.get("type") == kind)


def _file_name(path: Any) -> str:
    return PurePosixPath(str(path or "").replace("\\", "/")).name


def _meeting(G: nx.DiGraph, mid: str, persons: dict[str, _SysPerson]) -> _SysMeeting:
    attrs = G.nodes[mid]
    places = {attrs.get("location"), attrs.get("venue")}
    places |= {G.nodes[v].get("name") for v, _ in _out(G, mid, "held_in")}
    people = dict.fromkeys(u for u, _ in _in(G, mid, "participated_in") if u in persons)
    return _SysMeeting(
        id=mid,
        people=tuple(persons[p] for p in sorted(people)),
        date=attrs.get("date"),
        places=_keys(*(p for p in places if isinstance(p, str))),
        topics=_keys(*(G.nodes[v].get("name") for v, _ in _out(G, mid, "discussed")
                       if G.nodes[v].get("type") == "cooperation_area")),
    )


def _cites(sources: Any, names: set[str]) -> bool:
    return any(isinstance(s, dict) and slugify(str(s.get("article", ""))) in names
               for s in sources or ())


def _article_view(G: nx.DiGraph, mid: str, articles: list[str], known: set[str],
                  persons: dict[str, _SysPerson]) -> _SysMeeting:
    """A meeting as one article reports it.

    A meeting that other articles report too may hold their people and topics: a participant
    this article neither mentions nor has in its gold is left out, and a topic whose `discussed`
    edge cites sources but none of this article is left out.
    """
    meeting = _meeting(G, mid, persons)
    if all(a in articles for a, _ in _out(G, mid, "reported_by")):
        return meeting
    names = {slugify(n) for a in articles
             for n in (a, a.partition(":")[2], G.nodes[a].get("path"),
                       _file_name(G.nodes[a].get("path")),
                       PurePosixPath(_file_name(G.nodes[a].get("path"))).stem) if n}
    topics = [G.nodes[v].get("name") for v, d in _out(G, mid, "discussed")
              if G.nodes[v].get("type") == "cooperation_area"
              and (not d.get("sources") or _cites(d.get("sources"), names))]
    return _SysMeeting(
        id=meeting.id,
        people=tuple(p for p in meeting.people if p.id in known),
        date=meeting.date,
        places=meeting.places,
        topics=_keys(*topics),
    )


# --- scoring -----------------------------------------------------------------------------------


def _score_articles(G: nx.DiGraph, persons: dict[str, _SysPerson],
                    golds: Sequence[GoldArticle]) -> ArticlesReport:
    article_nodes = {}
    for a in _of_type(G, "article"):
        article_nodes.setdefault(_file_name(G.nodes[a].get("path")), []).append(a)
    totals = dict.fromkeys(("m_hits", "m_sys", "m_gold", "p_hits", "p_sys", "p_gold", "t_hits",
                            "t_sys", "t_gold", "h_hits", "h_sys", "h_gold", "dated", "dated_ok",
                            "placed", "placed_ok", "duplicates", "neutral"), 0)
    misses, false_alarms, files = [], [], []
    for gold in golds:
        articles = article_nodes.get(gold.file, [])
        written = [p for m in gold.meetings for p in (*m.participants, *m.optional_participants)]
        roster = _Roster(gold.people, written)
        linked = {pid: roster.linked(p) for pid, p in persons.items()}
        mentioned = {v for a in articles for v, _ in _out(G, a, "mentions") if v in persons}
        known = mentioned | {pid for pid, gold_people in linked.items() if gold_people}
        mids = sorted({m for a in articles for m, _ in _in(G, a, "reported_by")
                       if G.nodes[m].get("type") == "meeting"})
        meetings = [_article_view(G, m, articles, known, persons) for m in mids]
        targets = [_target(gold.file, m, roster) for m in gold.meetings]
        outcome = _match_meetings(meetings, targets, linked, gold.file)
        pairs = _match_pairs(meetings, targets, linked)
        people = sorted(mentioned | {p.id for m in meetings for p in m.people})
        gold_people = {g: i for i, g in enumerate(roster.people)}
        found = _max_matching([[gold_people[g] for g in linked[p]] for p in people])

        files.append(FileReport(file=gold.file, in_graph=bool(articles), meetings=_score(
            len(outcome.matched), outcome.system, outcome.scorable)))
        misses += outcome.misses
        false_alarms += outcome.false_alarms
        for target, meeting in outcome.matched:
            places = _keys(target.gold.location, target.gold.venue)
            if places:
                totals["placed"] += 1
                totals["placed_ok"] += bool(places & meeting.places)
            topics = _keys(*target.gold.topics)
            totals["t_hits"] += len(topics & meeting.topics)
            totals["t_sys"] += len(meeting.topics)
            totals["t_gold"] += len(topics)
        for key, value in (
            ("m_hits", len(outcome.matched)), ("m_sys", outcome.system),
            ("m_gold", outcome.scorable), ("p_hits", pairs[0]), ("p_sys", pairs[1]),
            ("p_gold", pairs[2]), ("h_hits", found), ("h_sys", len(people)),
            ("h_gold", len(roster.people)), ("dated", outcome.dated),
            ("dated_ok", outcome.dated_agree), ("duplicates", outcome.duplicates),
            ("neutral", outcome.neutral),
        ):
            totals[key] += value
    t = totals
    return ArticlesReport(
        meetings=_score(t["m_hits"], t["m_sys"], t["m_gold"]),
        duplicates=t["duplicates"],
        neutral=t["neutral"],
        pairs=_score(t["p_hits"], t["p_sys"], t["p_gold"]),
        dates=_share(t["dated_ok"], t["dated"]),
        locations=_share(t["placed_ok"], t["placed"]),
        topics=_score(t["t_hits"], t["t_sys"], t["t_gold"]),
        people=_score(t["h_hits"], t["h_sys"], t["h_gold"]),
        noise_people=_noise(persons, [s for g in golds for s in g.not_people]),
        misses=tuple(misses),
        false_alarms=tuple(false_alarms),
        files=tuple(files),
    )


def _score_events(G: nx.DiGraph, persons: dict[str, _SysPerson],
                  gold: GoldEvents) -> EventsReport:
    written = [p for e in gold.events for p in (*e.participants, *e.optional_participants)]
    roster = _Roster(gold.people, written)
    linked = {pid: roster.linked(p) for pid, p in persons.items()}
    meetings = [_meeting(G, m, persons) for m in _of_type(G, "meeting")]
    targets = [_target(e.id or f"event {i + 1}", e, roster) for i, e in enumerate(gold.events)]
    outcome = _match_meetings(meetings, targets, linked, "graph")
    pair_hits, pair_sys, pair_gold = _match_pairs(meetings, targets, linked)
    gold_people = {g: i for i, g in enumerate(roster.people)}
    found = _max_matching([[gold_people[g] for g in linked[p]] for p in sorted(persons)])
    wrong_merges = []
    for a, b in gold.must_not_be_merged:
        first, second = roster.find(a), roster.find(b)
        for pid, person in persons.items():
            if _links(first, person, loose=False) and _links(second, person, loose=False):
                wrong_merges.append(f"{a} + {b} ({pid})")
    return EventsReport(
        events=_score(len(outcome.matched), outcome.system, outcome.scorable),
        duplicates=outcome.duplicates,
        neutral=outcome.neutral,
        pairs=_score(pair_hits, pair_sys, pair_gold),
        dates=_share(outcome.dated_agree, outcome.dated),
        people=_share(found, len(roster.people)),
        noise_people=_noise(persons, gold.must_not_be_people),
        wrong_merges=tuple(wrong_merges),
        misses=tuple(outcome.misses),
        false_alarms=tuple(outcome.false_alarms),
    )


def evaluate(G: nx.DiGraph, gold: GoldSet | str | os.PathLike[str]) -> Report:
    """Score a graph against the gold.

    The graph is read through its node `type` and edge `relation` attributes only, so any
    extractor can be scored. People are compared by `name_key` (case, accents, transliteration
    and punctuation aside): a gold person matches a person node whose name or an alias is one of
    the gold person's spellings (the string as written, and, through the gold file's `people`
    entry, its `name`, `same_as` and `aliases`), or whose first and last tokens equal those of
    the gold name, `same_as` or string as written. A one-word gold alias (a bare surname such
    as "Nasser", which a father and son share) only links to a person's name.

    Parameters
    ----------
    G : networkx.DiGraph
        A diplograph graph (a `networkx.MultiDiGraph`).
    gold : GoldSet or str or os.PathLike
        The gold, or a folder to read it from with `load_gold`.

    Returns
    -------
    Report
        `articles` scores the per-article gold, `events` the events file; see Notes.

    Raises
    ------
    TypeError
        If `G` is not a directed networkx graph or `gold` is neither a GoldSet nor a path.
    extract.errors.InputError
        If `gold` is a folder that `load_gold` cannot read.

    Examples
    --------
    >>> import kg
    >>> gold = GoldSet(articles=[{"file": "a.txt", "meetings": [
    ...     {"participants": ["Anna Berg", "Carl Dunn"], "date": "2024-05"}]}])
    >>> report = evaluate(kg.new_graph(), gold)
    >>> report.articles.meetings.recall, report.articles.misses
    (0.0, ('a.txt: Anna Berg + Carl Dunn, 2024-05',))

    Notes
    -----
    **Matching meetings.** A system meeting matches a gold meeting when its participants cover
    at least two of the gold participants (one person node per gold person), none of them is
    outside the participants and `optional_participants`, and its date agrees at the gold's
    precision: a gold ``2025-02`` agrees with ``2025-02`` and any day of that month, a gold
    day with that day or an `alt_dates` one, a gold year with anything in that year, and a
    gold null with any date or none. Pairs are taken greedily, best first (more gold people
    covered, then the main date over an alt date, then fewer participants); each gold meeting
    and each system meeting is matched at most once. A system meeting that would match a gold
    meeting already taken is a *duplicate*: it counts as a false alarm. A gold meeting with
    fewer than two participants cannot be matched and is left out of recall; a system meeting
    whose people are all among a gold meeting's people and whose date agrees is *neutral*
    (neither hit nor false alarm) when that gold meeting has fewer than two participants or
    the system meeting has fewer than two (a visit recorded without its counterpart).

    **Per-article figures** (`articles`; counts are summed over the gold files, then divided).
    An article's system meetings are the meetings with a `reported_by` edge to an article
    node whose `path` has the gold `file` as its file name. For a meeting other articles
    report too, a participant the article neither mentions (`mentions` edge) nor has in its
    gold is left out, and so is a topic whose `discussed` edge cites only other articles.

    - `meetings`: hits are matched gold meetings; precision over the system meetings less the
      neutral ones, recall over the gold meetings with at least two participants. `misses`
      and `false_alarms` list them; a false alarm that matches a gold meeting's people but
      not its date says ``(date; gold ...)``.
    - `pairs`: unordered pairs of people who met, dates aside: the gold pairs are the pairs of
      participants of one gold meeting, the system pairs those of one system meeting; a system
      pair that only a pair involving an optional participant explains is not scored. Each
      gold pair is credited to one system pair at most.
    - `dates`: of the gold meetings with a date that a system meeting matches on its people
      (dates aside, after the full matches), the share whose date agrees.
    - `locations`: of the matched gold meetings with a `location` or `venue`, the share whose
      system meeting has either in its `location`, `venue` or `held_in` place names.
    - `topics`: micro P/R/F1 over (matched meeting, topic) pairs, topics compared by
      `name_key`: the gold `topics` against the names of the `discussed` cooperation areas.
    - `people`: the gold people of an article (its `people` entries and any other participant)
      against the article's system people (`mentions` targets and the participants of its
      meetings), one person node per gold person.
    - `noise_people`: person nodes with a name or alias that is one of the `not_people`
      strings of any gold file, as ``"string (node id)"``.

    **Events figures** (`events`), over every meeting and person node of the graph: `events`,
    `duplicates`, `neutral`, `pairs`, `dates`, `misses` and `false_alarms` as above against the
    events file; `people` is the share of its people found (one person node each);
    `noise_people` the person nodes named like a `must_not_be_people` string; `wrong_merges`
    the `must_not_be_merged` pairs that one person node holds both of by name or alias (no
    token rule), as ``"a + b (node id)"``.

    Precision and recall are 0.0 when their denominator is 0; all figures are rounded to 3
    decimals.
    """
    if not isinstance(G, nx.DiGraph):
        raise TypeError(f"evaluate needs a directed networkx graph, not {type(G).__name__}")
    if isinstance(gold, (str, os.PathLike)):
        gold = load_gold(gold)
    elif not isinstance(gold, GoldSet):
        raise TypeError(f"gold must be a GoldSet or a folder, not {type(gold).__name__}")
    persons = {n: _SysPerson.of(n, G.nodes[n]) for n in _of_type(G, "person")}
    return Report(
        articles=_score_articles(G, persons, gold.articles) if gold.articles else None,
        events=_score_events(G, persons, gold.events) if gold.events else None,
    )


# --- text --------------------------------------------------------------------------------------


def _score_rows(rows: Iterable[tuple[str, Score]]) -> list[str]:
    lines = [f"  {'':<13}{'precision':>9}{'recall':>8}{'f1':>7}{'hits':>7}{'system':>8}"
             f"{'gold':>6}"]
    lines += [f"  {name:<13}{s.precision:>9.3f}{s.recall:>8.3f}{s.f1:>7.3f}{s.hits:>7}"
              f"{s.system:>8}{s.gold:>6}" for name, s in rows]
    return lines


def _share_rows(rows: Iterable[tuple[str, Share | int]]) -> list[str]:
    lines = []
    for name, value in rows:
        if isinstance(value, Share):
            lines.append(f"  {name:<13}{value.share:>9.3f}  {value.hits}/{value.total}")
        else:
            lines.append(f"  {name:<13}{value:>9}")
    return lines


def _listing(title: str, items: Sequence[str]) -> list[str]:
    return [f"  {title} ({len(items)})", *(f"    {item}" for item in items)] if items else []


def format_report(report: Report) -> str:
    """Return a report as a compact text block: the figures, then what was missed or wrong.

    Parameters
    ----------
    report : Report
        What `evaluate` returned.

    Returns
    -------
    str
        Aligned columns of figures for each kind of gold, then the lists (misses, false
        alarms, noise people, wrong merges) of those that are not empty.

    Examples
    --------
    >>> import kg
    >>> gold = GoldSet(articles=[{"file": "a.txt", "meetings": [
    ...     {"participants": ["Anna Berg", "Carl Dunn"], "date": "2024-05"}]}])
    >>> print(format_report(evaluate(kg.new_graph(), gold)).splitlines()[0])
    per-article gold: 1 file, 0 in the graph
    """
    lines: list[str] = []
    if report.articles is not None:
        a = report.articles
        n = len(a.files)
        lines.append(f"per-article gold: {n} file{'s' * (n != 1)}, "
                     f"{sum(f.in_graph for f in a.files)} in the graph")
        lines += _score_rows([("meetings", a.meetings), ("pairs", a.pairs),
                              ("topics", a.topics), ("people", a.people)])
        lines.append(f"  {'':<13}{'share':>9}  hits/total")
        lines += _share_rows([("dates", a.dates), ("locations", a.locations),
                              ("duplicates", a.duplicates), ("neutral", a.neutral),
                              ("noise people", len(a.noise_people))])
        lines += _listing("not in the graph", [f.file for f in a.files if not f.in_graph])
        lines += _listing("missed meetings", a.misses)
        lines += _listing("false alarms", a.false_alarms)
        lines += _listing("noise people", a.noise_people)
    if report.events is not None:
        e = report.events
        if lines:
            lines.append("")
        lines.append(f"events gold: {e.events.gold} events with two people or more")
        lines += _score_rows([("events", e.events), ("pairs", e.pairs)])
        lines.append(f"  {'':<13}{'share':>9}  hits/total")
        lines += _share_rows([("dates", e.dates), ("people found", e.people),
                              ("duplicates", e.duplicates), ("neutral", e.neutral),
                              ("noise people", len(e.noise_people)),
                              ("wrong merges", len(e.wrong_merges))])
        lines += _listing("missed events", e.misses)
        lines += _listing("false alarms", e.false_alarms)
        lines += _listing("noise people", e.noise_people)
        lines += _listing("wrong merges", e.wrong_merges)
    return "\n".join(lines)
