"""How far two annotators of the same pages agree, scored as the extractor is scored.

The second annotation is turned into a graph (`graph_of`), as if an extractor had read the
pages exactly as that annotator did, and scored against the first with `evaluate`: its meeting
F1 is the ceiling an extractor can be expected to reach on such pages.
"""

from __future__ import annotations

import networkx as nx

from diplograph.dates import interval_of
from diplograph.slugs import slugify
from kg.graph import add_edge, add_node, new_graph
from kg.schema import ArticleNode, Edge, Meeting, Person, Source, node_id

from .gold import GoldArticle, GoldSet
from .report import Report
from .scoring import evaluate

__all__ = ["agreement", "graph_of"]


def graph_of(gold: GoldSet) -> nx.MultiDiGraph:
    """A graph that states what each per-article gold file states: its people (with their
    aliases) and its meetings (with their people, date, place, mode and status).

    >>> from evaluation.gold import GoldArticle, GoldMeeting
    >>> article = GoldArticle(file="a.txt", meetings=(GoldMeeting(
    ...     participants=("Ana Silva", "Jonas Berg"), date="2024-05-02"),))
    >>> G = graph_of(GoldSet(articles=(article,)))
    >>> sorted(d["name"] for _, d in G.nodes(data=True) if d["type"] == "person")
    ['Ana Silva', 'Jonas Berg']
    >>> evaluate(G, GoldSet(articles=(article,))).articles.meetings.f1
    1.0
    """
    G = new_graph()
    for article in gold.articles:
        _add_article(G, article)
    return G


def _add_article(G: nx.MultiDiGraph, article: GoldArticle) -> None:
    stem = slugify(article.file)
    aid = add_node(G, ArticleNode(id=node_id("article", stem), label=article.file,
                                  path=article.file, content_hash=stem))
    people: dict[str, str] = {}  # every written form -> person id
    named = [(p.name, p.aliases) for p in article.people]
    named += [(n, ()) for m in article.meetings
              for n in (*m.participants, *m.optional_participants)]
    for name, aliases in named:
        if name not in people:
            pid = add_node(G, Person(id=node_id("person", f"{stem}-{name}"), label=name,
                                     name=name, aliases=tuple(aliases)))
            people.update(dict.fromkeys((name, *aliases), pid))
    for n, meeting in enumerate(article.meetings):
        source = Source(article=aid, evidence=meeting.evidence or "", start=0, end=0)
        dated = meeting.date if interval_of(meeting.date) else None
        mid = add_node(G, Meeting(
            id=node_id("meeting", f"{stem}-{n}"), label=f"{article.file} #{n}", date=dated,
            date_precision=None if dated is None else (
                "day" if len(dated) == 10 else "month" if len(dated) == 7 else "year"),
            status=meeting.status or "held", location=meeting.location, venue=meeting.venue,
            mode=meeting.mode or "in_person", sources=(source,)))
        add_edge(G, Edge(source=mid, target=aid, relation="reported_by"))
        for name in meeting.participants:
            add_edge(G, Edge(source=people[name], target=mid, relation="participated_in"))


def agreement(first: GoldSet, second: GoldSet) -> Report:
    """Score the second annotation of some pages against the first; the pages only one of
    them annotated are left out."""
    files = {a.file for a in first.articles} & {a.file for a in second.articles}
    return evaluate(graph_of(GoldSet(articles=tuple(a for a in second.articles
                                                    if a.file in files))),
                    GoldSet(articles=tuple(a for a in first.articles if a.file in files)))
