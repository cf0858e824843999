"""Build the knowledge graph: read articles, extract and resolve records, write the graph."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

import networkx as nx

from diplograph.countries import city_country, country_name, iso2
from diplograph.limits import SECONDS_PER_PIECE
from extract.cache import ExtractionCache
from extract.parallel import Engine, run_extraction
from extract.records import Article, ArticleExtraction
from extract.sources import Problem, read_articles

from .aliases import AliasRules
from .graph import add_edge, add_node, new_graph
from .resolve import MeetingEntity, PersonEntity, Resolution, resolve, source_of
from .schema import (
    Agreement,
    ArticleNode,
    CooperationArea,
    Country,
    Edge,
    Location,
    Meeting,
    Organisation,
    Person,
    Relation,
    Source,
    as_relation,
    node_id,
)

__all__ = ["Options", "add", "build", "graph_from_extractions"]

EXTRACTIONS = "extractions"  # graph attribute: the records the graph was built from
ALIAS_RULES = "alias_rules"  # graph attribute: the user's alias rules the graph was built with


def _article_node(article: Article) -> ArticleNode:
    return ArticleNode(
        id=node_id("article", article.id), label=article.title or Path(article.path).name,
        path=article.path, published=article.published.isoformat() if article.published else None,
        title=article.title, url=article.url, content_hash=article.content_hash,
    )


def _person_node(entity: PersonEntity) -> Person:
    return Person(
        id=entity.id, label=entity.name, name=entity.name, aliases=tuple(entity.aliases),
        titles=tuple(entity.titles), countries=tuple(entity.countries),
        organisations=tuple(entity.organisations),
        alias_sources={k: tuple(v) for k, v in entity.alias_sources.items()},
        merged_by=tuple(entity.merged_by), sources=tuple(entity.sources),
    )


def _meeting_node(entity: MeetingEntity, people: dict[str, PersonEntity]) -> Meeting:
    names = " – ".join(people[p].name for p in entity.participants)
    date = entity.date
    dated = date if date is not None and not date.partial else None
    return Meeting(
        id=entity.id, label=f"{names} ({dated.value if dated is not None else 'undated'})",
        date=dated.value if dated is not None else None,
        date_precision=dated.precision if dated is not None else None,
        date_basis=(date.basis + (f"; {entity.date_note}" if entity.date_note else "")
                    if date is not None else None),
        status=entity.status, historical=entity.historical, location=entity.location,
        venue=entity.venue, mode=entity.mode, confidence=entity.confidence,
        conflicts=tuple(entity.conflicts), sources=tuple(entity.sources),
    )


class _Writer:
    """Adds nodes once and edges with merged provenance."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G

    def place(self, name: str, sources: tuple[Source, ...] = ()) -> str:
        """A country node if the name is a country, else a location node."""
        country = country_name(name)
        if country:
            return self.country(country, sources)
        nid = node_id("location", name)
        if nid not in self.G:
            add_node(self.G, Location(id=nid, label=name, name=name, country=city_country(name),
                                      sources=sources))
        return nid

    def country(self, name: str, sources: tuple[Source, ...] = ()) -> str:
        nid = node_id("country", name)
        if nid not in self.G:
            add_node(self.G, Country(id=nid, label=name, name=name, iso=iso2(name),
                                     sources=sources))
        return nid

    def organisation(self, name: str, sources: tuple[Source, ...] = ()) -> str:
        nid = node_id("organisation", name)
        if nid not in self.G:
            add_node(self.G, Organisation(id=nid, label=name, name=name, sources=sources))
        return nid

    def area(self, name: str) -> str:
        nid = node_id("cooperation_area", name)
        if nid not in self.G:
            add_node(self.G, CooperationArea(id=nid, label=name, name=name))
        return nid

    def edge(self, source: str, target: str, relation: Relation, *, role: str | None = None,
             sources: Iterable[Source] = ()) -> None:
        old = self.G.get_edge_data(source, target, key=relation)
        merged = list(dict.fromkeys(
            [Source(**s) for s in (old or {}).get("sources", [])] + list(sources)))
        add_edge(self.G, Edge(source=source, target=target, relation=relation,
                              role=role, sources=tuple(merged)))


def _write(G: nx.MultiDiGraph, extractions: list[ArticleExtraction], res: Resolution) -> None:
    w = _Writer(G)
    for x in extractions:
        aid = add_node(G, _article_node(x.article))
        for entity in x.entities:
            sources = tuple(source_of(e) for e in entity.evidence)
            if entity.kind == "country":
                target = w.country(entity.name, sources)
            elif entity.kind == "organisation":
                target = w.organisation(entity.name, sources)
            else:
                target = w.place(entity.name, sources)
            w.edge(aid, target, "mentions", sources=sources)
        for record in x.people:
            w.edge(aid, res.person_of[(x.article.id, record.key)], "mentions",
                   sources=[source_of(e) for e in record.evidence])
    for person in res.people.values():
        add_node(G, _person_node(person))
    for person in res.people.values():
        for country in person.countries:
            w.edge(person.id, w.country(country), "affiliated_with")
        for org in person.organisations:
            w.edge(person.id, w.organisation(org), "affiliated_with")
        for relation, other in person.relations:
            w.edge(person.id, other, as_relation(relation))
    for meeting in res.meetings:
        mid = add_node(G, _meeting_node(meeting, res.people))
        for pid, role in meeting.participants.items():
            w.edge(pid, mid, "participated_in", role=role, sources=meeting.sources)
        for article in meeting.articles:
            w.edge(mid, node_id("article", article), "reported_by",
                   sources=[s for s in meeting.sources if s.article == article])
        if meeting.location:
            w.edge(mid, w.place(meeting.location), "held_in", sources=meeting.sources)
        for area, discussed in meeting.topics.items():
            w.edge(mid, w.area(area), "discussed", sources=discussed)
        for kind, text, sectors, source in meeting.agreements:
            aid = f"agreement:{mid.split(':', 1)[1]}-{kind}"
            add_node(G, Agreement(id=aid, label=text, kind=kind, text=text, sectors=sectors,
                                  sources=(source,)))
            w.edge(aid, mid, "signed_at", sources=[source])


def _without_text(x: ArticleExtraction) -> ArticleExtraction:
    return x.model_copy(update={"article": x.article.model_copy(update={"text": ""})})


def graph_from_extractions(extractions: Iterable[ArticleExtraction], *,
                           rules: AliasRules | None = None) -> nx.MultiDiGraph:
    """Resolve extraction records and return the knowledge graph they describe.

    The records are kept in ``G.graph["extractions"]`` (as plain JSON, without article texts)
    so that `add` can merge new articles and give the same graph as building all at once.
    """
    extractions = [_without_text(x) for x in extractions]
    extractions.sort(key=lambda x: x.article.id)
    G = new_graph()
    _write(G, extractions, resolve(extractions, rules=rules))
    G.graph[EXTRACTIONS] = [x.model_dump(mode="json") for x in extractions]
    if rules is not None:
        G.graph[ALIAS_RULES] = rules.model_dump(mode="json")
    return G


def _fresh(articles: Iterable[Article], known: set[str]) -> Iterable[Article]:
    """Skip articles whose content is already in the graph (or seen earlier in this run)."""
    for article in articles:
        if article.content_hash not in known:
            known.add(article.content_hash)
            yield article


class Options(NamedTuple):
    """How `build` and `add` run extraction (see `extract.parallel.run_extraction`)."""

    workers: int = 1
    cache: str | os.PathLike[str] | ExtractionCache | None = None
    engine: Engine = "local"
    scheduler: str | None = None
    article_timeout: float | None = SECONDS_PER_PIECE
    on_piece: Callable[[str, int, int], object] | None = None


def build(paths: Iterable[str | Path], *, on_problem: Callable[[Problem], None] | None = None,
          rules: AliasRules | None = None, progress: Callable[[ArticleExtraction], None] | None
          = None, **options: Any) -> nx.MultiDiGraph:
    """Read, extract and build in one call: the library's front door.

    Parameters
    ----------
    paths : iterable of str or Path
        Files (.txt, .html, .jsonl) and folders of them; "-" reads standard input.
    on_problem : callable, optional
        Called with each input that was skipped or read with a warning.
    rules : AliasRules, optional
        A user's forced and forbidden merges of people (`kg.aliases.load_rules`); kept in the
        graph, so that `add` applies them too.
    progress : callable, optional
        Called with each article's records as soon as they are extracted.
    **options
        ``workers`` (processes, default 1), ``cache`` (a folder, or an
        `extract.cache.ExtractionCache`, of extraction results keyed by content: unchanged
        articles are not parsed again; default none), ``engine`` ("local" or "dask") and
        ``scheduler`` (a dask scheduler address), and ``article_timeout`` (seconds an article
        may take for each 100,000 characters, default 30; None for no limit: an article past it
        is reported to `on_problem` as skipped), and ``on_piece`` (told of each piece of a long
        article parsed in this process, for a progress line). The graph is the same whatever
        they are.

    Returns
    -------
    networkx.MultiDiGraph

    Examples
    --------
    >>> import kg
    >>> G = kg.build(["seeds"])  # doctest: +SKIP
    """
    return add(new_graph(), paths, on_problem=on_problem, rules=rules, progress=progress,
               **options)


def add(G: nx.MultiDiGraph, paths: Iterable[str | Path], *,
        on_problem: Callable[[Problem], None] | None = None,
        rules: AliasRules | None = None, progress: Callable[[ArticleExtraction], None] | None
        = None, **options: Any) -> nx.MultiDiGraph:
    """Return a new graph with the articles at ``paths`` merged into ``G``.

    Articles already in ``G`` (same content) are skipped, so adding twice changes nothing, and
    the result is the same as building from all the articles at once. Without `rules`, the
    alias rules ``G`` was built with apply. Options are those of `build`.
    """
    run = Options(**options)
    cache = run.cache if run.cache is None or isinstance(run.cache, ExtractionCache) else (
        ExtractionCache(run.cache))
    if rules is None and ALIAS_RULES in G.graph:
        rules = AliasRules.model_validate(G.graph[ALIAS_RULES])
    known = [ArticleExtraction.model_validate(x) for x in G.graph.get(EXTRACTIONS, [])]
    hashes = {x.article.content_hash for x in known}
    articles = _fresh(read_articles([str(p) for p in paths], on_problem=on_problem), hashes)
    fresh = []
    extractions = run_extraction(articles, workers=run.workers, cache=cache,
                                 engine=run.engine,
                                 scheduler=run.scheduler, timeout=run.article_timeout,
                                 on_piece=run.on_piece)
    for extraction in extractions:
        if progress is not None:
            progress(extraction)
        if extraction.skipped is not None:
            if on_problem is not None:
                on_problem(Problem(path=extraction.article.path, reason=extraction.skipped,
                                   severity="skipped"))
            continue
        fresh.append(extraction)
    return graph_from_extractions([*known, *fresh], rules=rules)
