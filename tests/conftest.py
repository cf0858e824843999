"""Shared fixtures: a small hand-built graph (independent of extraction) and the seed graph.

Below them, a section for each family of test modules: what its modules share.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import cli_runner
import networkx as nx
import pytest
from click.testing import Result
from small_gold import EVENTS, ONE, TWO, write_gold
from spacy.tokens import Doc, Token

import kg
from evaluation import load_gold
from extract import ArticleExtraction, extract_article, load_pipeline
from extract.records import Article
from extract.sources import Problem, read_articles
from kg.schema import (
    Agreement,
    ArticleNode,
    CooperationArea,
    Country,
    Edge,
    Location,
    Meeting,
    Person,
    Source,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"

# The ids of `build_small_graph`'s people and meetings, for the tests that read it.
ANNA, CARL, EVA = "person:anna-berg", "person:carl-dunn", "person:eva-ferreira-lukasz"
OSLO = "meeting:2024-05-02-anna-berg-carl-dunn"  # 2024-05-02, Oslo: trade, energy
SUDPORT = "meeting:2024-09-anna-berg-carl-dunn"  # 2024-09 (month), Sudport: energy
CALL = "meeting:2023-01-15-carl-dunn-eva-ferreira-lukasz"  # 2023-01-15, phone: healthcare


def _src(article: str, text: str) -> Source:
    return Source(article=article, evidence=text, start=0, end=len(text))


def build_small_graph() -> nx.MultiDiGraph:
    """Three leaders, three meetings, two articles: small enough to check by hand.

    - Anna Berg (Norland) met Carl Dunn (Sudia) on 2024-05-02 in Oslo (trade, energy)
      and again in 2024-09 (month precision) in Sudia's capital (energy).
    - Carl Dunn met Eva Ferreira-Łukasz (Portia) on 2023-01-15 by phone (health).
    """
    G = kg.new_graph()
    a1 = ArticleNode(
        id="article:one", label="One", path="one.txt", published="2024-05-02",
        title="One", content_hash="h1",
    )
    a2 = ArticleNode(
        id="article:two", label="Two", path="two.txt", published="2024-09-30",
        title=None, content_hash="h2",
    )
    people = [
        Person(id="person:anna-berg", label="Anna Berg", name="Anna Berg",
               aliases=("Berg", "A. Berg"), titles=("President",), countries=("Norland",)),
        Person(id="person:carl-dunn", label="Carl Dunn", name="Carl Dunn",
               aliases=("Dunn",), titles=("Prime Minister",), countries=("Sudia",)),
        Person(id="person:eva-ferreira-lukasz", label="Eva Ferreira-Łukasz",
               name="Eva Ferreira-Łukasz", aliases=("Ferreira-Lukasz",),
               titles=("Minister of Health",), countries=("Portia",)),
    ]
    meetings = [
        Meeting(id="meeting:2024-05-02-anna-berg-carl-dunn", label="Anna Berg – Carl Dunn",
                date="2024-05-02", date_precision="day", status="held", location="Oslo",
                venue="Royal Palace", confidence=0.9,
                sources=(_src("article:one", "Anna Berg met Carl Dunn in Oslo."),)),
        Meeting(id="meeting:2024-09-anna-berg-carl-dunn", label="Anna Berg – Carl Dunn",
                date="2024-09", date_precision="month", status="held", location="Sudport",
                confidence=0.7, conflicts=("date: 2024-09 (article:two) vs 2024-10 (other)",),
                sources=(_src("article:two", "In September Berg visited Sudport."),)),
        Meeting(id="meeting:2023-01-15-carl-dunn-eva-ferreira-lukasz",
                label="Carl Dunn – Eva Ferreira-Łukasz", date="2023-01-15",
                date_precision="day", status="held", mode="phone_call", confidence=0.8,
                sources=(_src("article:two", "Dunn phoned Ferreira-Łukasz."),)),
    ]
    places = [
        Location(id="location:oslo", label="Oslo", name="Oslo", country="Norland"),
        Location(id="location:sudport", label="Sudport", name="Sudport", country="Sudia"),
    ]
    countries = [
        Country(id="country:norland", label="Norland", name="Norland"),
        Country(id="country:sudia", label="Sudia", name="Sudia"),
        Country(id="country:portia", label="Portia", name="Portia"),
    ]
    areas = [
        CooperationArea(id=f"cooperation_area:{kg.slugify(n)}", label=n, name=n)
        for n in ("trade", "energy", "healthcare")
    ]
    agreement = Agreement(id="agreement:energy-memorandum", label="energy memorandum",
                          kind="memorandum", text="memorandum on energy", sectors=("energy",))
    for node in [a1, a2, *people, *meetings, *places, *countries, *areas, agreement]:
        kg.add_node(G, node)

    m1, m2, m3 = (m.id for m in meetings)
    edges = [
        Edge(source="person:anna-berg", target=m1, relation="participated_in", role="host"),
        Edge(source="person:carl-dunn", target=m1, relation="participated_in", role="guest"),
        Edge(source="person:anna-berg", target=m2, relation="participated_in", role="guest"),
        Edge(source="person:carl-dunn", target=m2, relation="participated_in", role="host"),
        Edge(source="person:carl-dunn", target=m3, relation="participated_in"),
        Edge(source="person:eva-ferreira-lukasz", target=m3, relation="participated_in"),
        Edge(source=m1, target="location:oslo", relation="held_in"),
        Edge(source=m2, target="location:sudport", relation="held_in"),
        Edge(source=m1, target="cooperation_area:trade", relation="discussed"),
        Edge(source=m1, target="cooperation_area:energy", relation="discussed"),
        Edge(source=m2, target="cooperation_area:energy", relation="discussed"),
        Edge(source=m3, target="cooperation_area:healthcare", relation="discussed"),
        Edge(source=m1, target="article:one", relation="reported_by"),
        Edge(source=m2, target="article:two", relation="reported_by"),
        Edge(source=m3, target="article:two", relation="reported_by"),
        Edge(source="person:anna-berg", target="country:norland", relation="affiliated_with"),
        Edge(source="person:carl-dunn", target="country:sudia", relation="affiliated_with"),
        Edge(source="person:eva-ferreira-lukasz", target="country:portia",
             relation="affiliated_with"),
        Edge(source="agreement:energy-memorandum", target=m2, relation="signed_at"),
        Edge(source="article:one", target="person:anna-berg", relation="mentions"),
    ]
    for edge in edges:
        kg.add_edge(G, edge)
    return G


@pytest.fixture(autouse=True, scope="session")
def _no_extraction_cache():
    """Tests parse what they read: no cache left behind, none read from an earlier run."""
    mp = pytest.MonkeyPatch()
    mp.setenv("DIPLOGRAPH_CACHE", "off")
    yield
    mp.undo()


@pytest.fixture(scope="session")
def seed_graph() -> nx.MultiDiGraph:
    """The graph of seeds/, built once for the session (a few seconds): read it, never change it."""
    return kg.build([SEEDS])


@pytest.fixture
def small_graph() -> nx.MultiDiGraph:
    """A fresh copy of the hand-built graph for each test (tests may mutate it)."""
    return build_small_graph()


@pytest.fixture
def rich_graph(small_graph):
    """small_graph with the graph attributes a real run leaves: a list-of-dicts "extractions"."""
    small_graph.graph["extractions"] = [
        {"article": "article:one", "events": [{"date": "2024-05-02", "people": ["Anna Berg"]}]},
        {"article": "article:two", "events": [], "error": None},
    ]
    small_graph.graph["name"] = "Łódź talks"
    return small_graph


def article_from_text(text: str, published: dt.date | None = dt.date(2024, 3, 5)) -> Article:
    digest = hashlib.sha1(text.encode()).hexdigest()
    return Article(id=f"t-{digest[:8]}", path="t.txt", text=text, content_hash=digest,
                   published=published)


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """Make an in-memory article from text, dated 2024-03-05 unless told otherwise."""
    return article_from_text


# -- extraction on small invented articles (test_extract*.py) --------------------------------------


@pytest.fixture(scope="session")
def nlp():
    """The extraction pipeline, loaded once for the session."""
    return load_pipeline()


@pytest.fixture
def run(nlp, make_article):
    """Extract from text as one article, dated 2024-03-05 unless told otherwise."""
    def _run(text: str, published: dt.date | None = dt.date(2024, 3, 5)) -> ArticleExtraction:
        return extract_article(make_article(text, published), nlp=nlp)
    return _run


def pairs(x: ArticleExtraction) -> list[tuple[frozenset[str], str | None]]:
    """The meetings of an extraction as (names of the participants, date)."""
    by_key = {p.key: p.name for p in x.people}
    return [(frozenset(by_key[q.person] for q in m.participants),
             m.date.value if m.date else None) for m in x.meetings]


# -- reading articles from files (test_sources*.py) ------------------------------------------------


def read(*paths: str | Path) -> tuple[list[Article], list[Problem]]:
    """Read `paths`, returning the articles and every problem reported."""
    problems: list[Problem] = []
    articles = list(read_articles(paths, on_problem=problems.append))
    return articles, problems


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path (text as UTF-8) and return its path."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


# -- the command line on the seeds (test_cli*.py) --------------------------------------------------


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli")


@pytest.fixture(scope="module")
def built(workdir: Path) -> tuple[Path, Result]:
    """`diplograph build seeds`, once for the module: the graph file and the run."""
    graph = workdir / "g.json"
    return graph, cli_runner.run("build", SEEDS, "--out", graph)


@pytest.fixture(scope="module")
def graph(built: tuple[Path, Result]) -> Path:
    path, result = built
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def meetings(graph: Path) -> list[dict[str, Any]]:
    return cli_runner.run_json("meetings", "--graph", graph)


@pytest.fixture(scope="module")
def people(graph: Path) -> list[dict[str, Any]]:
    return cli_runner.run_json("people", "--graph", graph)


# -- the rules on small Docs (test_rules_*.py) -----------------------------------------------------


def texts(tokens: Iterable[Token]) -> list[str]:
    return [t.text for t in tokens]


def names_of(doc: Doc, people: Iterable[int]) -> list[str]:
    return [doc._.people[k].name for k in people]


def roles_of(doc: Doc, roles: dict[int, str]) -> dict[str, str]:
    """A meeting's roles by the names of its people."""
    return {doc._.people[k].name: role for k, role in roles.items()}


# -- scoring against the gold (test_evaluate*.py) --------------------------------------------------


@pytest.fixture
def gold(tmp_path):
    """The gold of small_graph, read from a folder like tests/gold."""
    return load_gold(write_gold(tmp_path, ONE, TWO, events=EVENTS))


# -- the queries on small graphs (test_queries*.py) ------------------------------------------------


def _add_person(G: nx.MultiDiGraph, name: str, **attrs) -> str:
    return kg.add_node(G, Person(id=kg.node_id("person", name), label=name, name=name, **attrs))


def _add_meeting(G: nx.MultiDiGraph, mid: str, people: tuple[str, ...], **attrs) -> str:
    kg.add_node(G, Meeting(id=mid, label=mid, **attrs))
    for person in people:
        kg.add_edge(G, Edge(source=person, target=mid, relation="participated_in"))
    return mid
