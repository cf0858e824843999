"""Scoring a graph against the gold: evaluate, and the figures of each kind of gold."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from .gold import GoldArticle, GoldEvents, GoldSet, load_gold
from .matching import Target, match_meetings, matching_size, target_of
from .people import GoldIdentity, Roster, SystemPerson, links, name_keys, noise
from .report import ArticlesReport, EventsReport, FileReport, Report, score, share
from .views import SystemMeeting, article_view, file_name, meeting_view, of_type, related

__all__ = ["evaluate"]


def _match_pairs(meetings: Iterable[SystemMeeting], targets: Iterable[Target],
                 linked: dict[str, frozenset[GoldIdentity]]) -> tuple[int, int, int]:
    """Return (hits, scored system pairs, gold pairs) over unordered pairs of people who met."""

    def pairs(people: Sequence[Any]) -> set[frozenset[Any]]:
        return {frozenset((a, b)) for i, a in enumerate(people) for b in people[i + 1:]
                if a != b}

    gold = set().union(*(pairs(t.required) for t in targets))
    allowed = set().union(*(pairs([*t.required, *t.optional]) for t in targets))
    system = set().union(*(pairs([p.id for p in m.people]) for m in meetings))
    adjacency, scored = [], 0
    for a, b in sorted(tuple(sorted(pair)) for pair in system):
        meant = {frozenset((x, y)) for x in linked[a] for y in linked[b] if x is not y}
        adjacency.append(meant & gold)  # each gold pair is credited to one system pair at most
        if meant & gold or not meant & allowed:
            scored += 1
    return matching_size(adjacency), scored, len(gold)


def _score_articles(G: nx.DiGraph, persons: dict[str, SystemPerson],
                    golds: Sequence[GoldArticle]) -> ArticlesReport:
    article_nodes: dict[str, list[str]] = {}
    for a in of_type(G, "article"):
        article_nodes.setdefault(file_name(G.nodes[a].get("path")), []).append(a)
    totals = dict.fromkeys(("m_hits", "m_sys", "m_gold", "p_hits", "p_sys", "p_gold", "t_hits",
                            "t_sys", "t_gold", "h_hits", "h_sys", "h_gold", "dated", "dated_ok",
                            "placed", "placed_ok", "duplicates", "neutral"), 0)
    misses, false_alarms, files = [], [], []
    for gold in golds:
        articles = article_nodes.get(gold.file, [])
        written = [p for m in gold.meetings for p in (*m.participants, *m.optional_participants)]
        roster = Roster(gold.people, written)
        linked = {pid: roster.linked(p) for pid, p in persons.items()}
        mentioned = {v for a in articles for v, _ in related(G, a, "mentions") if v in persons}
        known = mentioned | {pid for pid, gold_people in linked.items() if gold_people}
        mids = sorted({m for a in articles for m, _ in related(G, a, "reported_by", incoming=True)
                       if G.nodes[m].get("type") == "meeting"})
        meetings = [article_view(G, m, articles, known, persons) for m in mids]
        targets = [target_of(gold.file, m, roster) for m in gold.meetings]
        outcome = match_meetings(meetings, targets, linked, gold.file)
        pairs = _match_pairs(meetings, targets, linked)
        people = sorted(mentioned | {p.id for m in meetings for p in m.people})
        found = matching_size([linked[p] for p in people])

        files.append(FileReport(file=gold.file, in_graph=bool(articles), meetings=score(
            len(outcome.matched), outcome.system, outcome.scorable)))
        misses += outcome.misses
        false_alarms += outcome.false_alarms
        for target, meeting in outcome.matched:
            places = name_keys(target.gold.location, target.gold.venue)
            if places:
                totals["placed"] += 1
                totals["placed_ok"] += bool(places & meeting.places)
            topics = name_keys(*target.gold.topics)
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
        meetings=score(t["m_hits"], t["m_sys"], t["m_gold"]),
        duplicates=t["duplicates"],
        neutral=t["neutral"],
        pairs=score(t["p_hits"], t["p_sys"], t["p_gold"]),
        dates=share(t["dated_ok"], t["dated"]),
        locations=share(t["placed_ok"], t["placed"]),
        topics=score(t["t_hits"], t["t_sys"], t["t_gold"]),
        people=score(t["h_hits"], t["h_sys"], t["h_gold"]),
        noise_people=noise(persons, [s for g in golds for s in g.not_people]),
        misses=tuple(misses),
        false_alarms=tuple(false_alarms),
        files=tuple(files),
    )


def _score_events(G: nx.DiGraph, persons: dict[str, SystemPerson],
                  gold: GoldEvents) -> EventsReport:
    written = [p for e in gold.events for p in (*e.participants, *e.optional_participants)]
    roster = Roster(gold.people, written)
    linked = {pid: roster.linked(p) for pid, p in persons.items()}
    meetings = [meeting_view(G, m, persons) for m in of_type(G, "meeting")]
    targets = [target_of(e.id or f"event {i + 1}", e, roster) for i, e in enumerate(gold.events)]
    outcome = match_meetings(meetings, targets, linked, "graph")
    pair_hits, pair_sys, pair_gold = _match_pairs(meetings, targets, linked)
    found = matching_size([linked[p] for p in sorted(persons)])
    wrong_merges = []
    for a, b in gold.must_not_be_merged:
        first, second = roster.find(a), roster.find(b)
        for pid, person in persons.items():
            if links(first, person, loose=False) and links(second, person, loose=False):
                wrong_merges.append(f"{a} + {b} ({pid})")
    return EventsReport(
        events=score(len(outcome.matched), outcome.system, outcome.scorable),
        duplicates=outcome.duplicates,
        neutral=outcome.neutral,
        pairs=score(pair_hits, pair_sys, pair_gold),
        dates=share(outcome.dated_agree, outcome.dated),
        people=share(found, len(roster.people)),
        noise_people=noise(persons, gold.must_not_be_people),
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
    diplograph.errors.InputError
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
    gold null with any date or none. Each gold meeting and each system meeting is matched at
    most once, by an optimal bipartite matching (networkx's maximum-weight matching): the most
    matches, and of those the most gold people covered, then the most main dates over alt
    dates, then the fewest participants; ties go to the gold file's order and the meeting ids
    (see `evaluation.matching`). A system meeting that would match a gold meeting already
    taken is a *duplicate*: it counts as a false alarm. A gold meeting with
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
    persons = {n: SystemPerson.of(n, G.nodes[n]) for n in of_type(G, "person")}
    return Report(
        articles=_score_articles(G, persons, gold.articles) if gold.articles else None,
        events=_score_events(G, persons, gold.events) if gold.events else None,
    )
