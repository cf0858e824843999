"""The HTML view's file, without a browser: its payload, its filters, and one offline page.

What the page does with the payload is tested in a real browser in tests/test_view_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import kg
from kg.schema import Source
from kg.view import render_html, view_payload, write_html

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "kg" / "static"

M_MAY = "meeting:2024-05-02-anna-berg-carl-dunn"
M_SEPT = "meeting:2024-09-anna-berg-carl-dunn"
M_PHONE = "meeting:2023-01-15-carl-dunn-eva-ferreira-lukasz"

# An external address where a page would fetch it: an attribute, a CSS url() or @import.
EXTERNAL = re.compile(r"""(?:\b(?:src|href|action|poster|srcset)\s*=\s*["']?\s*|url\(\s*["']?\s*|"""
                      r"""@import\s+["']?)(?:https?:)?//""", re.IGNORECASE)


class Page(HTMLParser):
    """The parts of a page the tests read: elements in order, scripts, and nesting errors."""

    VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self.doctype = ""
        self.feed(text)
        self.close()
        if self.open:
            self.errors.append(f"never closed: {self.open}")

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self.scripts.append((self._script, data))
            self._script = None

    def executable(self) -> list[str]:
        """The text of every script the browser runs (no type, or a JavaScript type)."""
        return [text for attrs, text in self.scripts
                if (attrs.get("type") or "text/javascript") in ("text/javascript", "module")]

    def data(self) -> Any:
        [text] = [text for attrs, text in self.scripts if attrs.get("type") == "application/json"]
        return json.loads(text)


@pytest.fixture(scope="module")
def seed_page(seed_graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory,
              ) -> tuple[nx.MultiDiGraph, Path]:
    """The seed graph and its page, once for the module."""
    return seed_graph, write_html(seed_graph, tmp_path_factory.mktemp("view") / "seeds.html")


def people_named(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["n"]: p for p in data["people"]}


def meetings_by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {m["id"]: m for m in data["meetings"]}


# the payload


def test_payload_holds_every_person_and_meeting(small_graph):
    data = view_payload(small_graph)
    assert [p["id"] for p in data["people"]] == [n for n, _ in kg.nodes_of_type(small_graph,
                                                                             "person")]
    # In date order.
    assert [m["id"] for m in data["meetings"]] == [M_PHONE, M_MAY, M_SEPT]
    assert data["v"] == 1 and data["filter"] == {"since": None, "until": None, "person": None}


def test_payload_people(small_graph):
    data = view_payload(small_graph)
    anna = people_named(data)["Anna Berg"]
    assert anna["a"] == ["Berg", "A. Berg"]
    assert [data["countries"][c] for c in anna["c"]] == ["Norland"]
    assert anna["m"] == 2
    eva = people_named(data)["Eva Ferreira-Łukasz"]
    # Every spelling in ASCII, for a search typed without the marks.
    assert eva["k"] == "eva ferreira lukasz|ferreira lukasz"
    assert eva["m"] == 1


def test_payload_meeting_with_everything(small_graph):
    data = view_payload(small_graph)
    sept = meetings_by_id(data)[M_SEPT]
    people = [p["n"] for p in data["people"]]
    assert sept["d"] == "2024-09" and sept["l"] == "Sudport"
    assert [(people[i], role) for i, role in sept["p"]] == [("Anna Berg", "guest"),
                                                          ("Carl Dunn", "host")]
    assert [data["topics"][t] for t in sept["t"]] == ["energy"]
    assert sept["g"] == [["memorandum", "memorandum on energy"]]
    assert sept["x"] == ["date: 2024-09 (article:two) vs 2024-10 (other)"]
    [(article, evidence, start, end, conflicting)] = sept["r"]
    assert data["articles"][article] == {"id": "two", "t": "Two", "p": "two.txt",
                                         "d": "2024-09-30"}
    assert (evidence, start, end) == ("In September Berg visited Sudport.", 0, 34)
    assert conflicting == 1  # its article is named by the conflict


def test_payload_leaves_defaults_out(small_graph):
    data = view_payload(small_graph)
    may, phone = meetings_by_id(data)[M_MAY], meetings_by_id(data)[M_PHONE]
    assert "s" not in may and "o" not in may and "x" not in may and "h" not in may
    assert may["v"] == "Royal Palace"
    assert phone["o"] == "phone_call" and "l" not in phone
    assert [r[4] for r in may["r"]] == [0]


def test_payload_sources_found_by_article_id_without_prefix(small_graph):
    # Built graphs name an article in a source by its own id; the node is "article:<id>".
    source = Source(article="one", evidence="Berg met Dunn.", start=3, end=17)
    small_graph.nodes[M_MAY]["sources"] = [source.model_dump(mode="json")]
    data = view_payload(small_graph)
    [(article, *_)] = meetings_by_id(data)[M_MAY]["r"]
    assert data["articles"][article]["p"] == "one.txt"


def test_payload_statuses_and_historical():
    data = view_payload(kg.example_graph())
    statuses = {m["d"]: m.get("s", "held") for m in data["meetings"]}
    assert statuses["2024-10"] == "cancelled" and statuses["2025-06"] == "planned"


def test_payload_of_empty_graph():
    data = view_payload(kg.new_graph())
    assert (data["people"], data["meetings"], data["articles"]) == ([], [], [])


# filters


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2024", None, [M_MAY, M_SEPT]),
        ("2024-06", None, [M_SEPT]),  # September overlaps from June on
        (None, "2024-09-01", [M_PHONE, M_MAY, M_SEPT]),  # so does it until its first day
        ("2024-05-03", "2024-08-31", []),
        ("2023-01-15", "2023-01-15", [M_PHONE]),
    ],
)
def test_date_filter(small_graph, since, until, expected):
    data = view_payload(small_graph, since=since, until=until)
    assert [m["id"] for m in data["meetings"]] == expected
    assert data["filter"] == {"since": since, "until": until, "person": None}
    # Only the people of the meetings kept, with their counts in the range.
    kept = {p for m in data["meetings"] for p, _ in m["p"]}
    assert set(range(len(data["people"]))) == kept
    assert sum(p.get("m", 0) for p in data["people"]) == sum(len(m["p"]) for m in
                                                             data["meetings"])


def test_date_filter_leaves_out_undated(small_graph):
    small_graph.nodes[M_PHONE]["date"] = None
    assert M_PHONE in meetings_by_id(view_payload(small_graph))
    assert M_PHONE not in meetings_by_id(view_payload(small_graph, until="2030"))


def test_person_filter(small_graph):
    data = view_payload(small_graph, person="person:eva-ferreira-lukasz")
    assert [m["id"] for m in data["meetings"]] == [M_PHONE]
    assert sorted(people_named(data)) == ["Carl Dunn", "Eva Ferreira-Łukasz"]


def test_unfiltered_keeps_people_without_meetings(small_graph):
    small_graph.add_node("person:lone", type="person", label="Lone", name="Lone")
    assert "Lone" in people_named(view_payload(small_graph))
    assert "Lone" not in people_named(view_payload(small_graph, since="2000"))


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"since": "May 2024"}, ValueError, "since must be YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"until": "2024-13"}, ValueError, "until must be"),
        ({"since": "2025", "until": "2024"}, ValueError, r"since \(2025\) is after until"),
        ({"person": "Anna Berg"}, LookupError, "no person with the id 'Anna Berg'"),
        ({"person": M_MAY}, LookupError, "no person with the id"),
    ],
)
def test_bad_filters(small_graph, tmp_path, options, error, message):
    with pytest.raises(error, match=message):
        write_html(small_graph, tmp_path / "view.html", **options)
    assert list(tmp_path.iterdir()) == []


# the page


def test_page_is_one_offline_html_file(seed_page):
    G, path = seed_page
    text = path.read_text(encoding="utf-8")
    page = Page(text)
    assert page.doctype.lower() == "doctype html"
    assert page.errors == []
    # One script runs, inline; the data is a JSON block, not a script.
    [script] = page.executable()
    assert len(page.scripts) == 2
    assert not [attrs for tag, attrs in page.tags if "src" in attrs or "href" in attrs]
    assert not [tag for tag, _ in page.tags if tag in ("link", "img", "iframe", "object")]
    assert EXTERNAL.search(text) is None
    assert page.data() == view_payload(G)
    assert "sigma" in script[:400] and "graphology" in script[:400]  # with their licences


def test_page_forbids_every_request(seed_page):
    _, path = seed_page
    page = Page(path.read_text(encoding="utf-8"))
    [csp] = [attrs["content"] for tag, attrs in page.tags
             if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    policy = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert policy["default-src"] == "'none'"
    [script] = page.executable()
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert policy["script-src"] == f"'sha256-{digest}'"  # this script and no other
    assert "http" not in csp


def test_page_lists_every_person_and_meeting_of_the_seeds(seed_page):
    G, path = seed_page
    data = Page(path.read_text(encoding="utf-8")).data()
    assert {p["id"] for p in data["people"]} == {n for n, _ in kg.nodes_of_type(G, "person")}
    assert {m["id"] for m in data["meetings"]} == {n for n, _ in kg.nodes_of_type(G, "meeting")}
    lukashenko = people_named(data)["Alexander Lukashenko"]
    assert "Alaksandar Łukašenka" in lukashenko["a"]
    assert "alaksandar lukasenka" in lukashenko["k"].split("|")


def test_text_from_articles_cannot_end_the_data_block(small_graph, tmp_path):
    evil = "</script><script>alert(1)</script><!--"
    small_graph.nodes[M_MAY]["sources"] = [{"article": "one", "evidence": evil, "start": 0,
                                            "end": 5}]
    page = Page(write_html(small_graph, tmp_path / "v.html").read_text(encoding="utf-8"))
    assert len(page.executable()) == 1 and page.errors == []
    assert meetings_by_id(page.data())[M_MAY]["r"][0][1] == evil


def test_write_html_is_atomic(small_graph, tmp_path, monkeypatch):
    path = write_html(small_graph, tmp_path / "view.html")
    before = path.read_bytes()

    def boom(*args: Any) -> None:
        raise OSError(28, "disk full")

    monkeypatch.setattr(os, "replace", boom)
    small_graph.add_node("person:new", type="person", label="New", name="New")
    with pytest.raises(kg.GraphFileError, match=r"view\.html: cannot write the file: disk full"):
        write_html(small_graph, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["view.html"]


def test_write_html_returns_the_path_and_is_exported(small_graph, tmp_path):
    assert kg.write_html is write_html
    assert write_html(small_graph, str(tmp_path / "v.html")) == tmp_path / "v.html"


def test_same_graph_same_page(small_graph):
    assert render_html(view_payload(small_graph)) == render_html(view_payload(small_graph))


# the built assets


def test_template_is_the_built_copy():
    # kg/static/ is what `npm run build` makes of viewer/; an edit to the template must be built.
    assert (STATIC / "view.html").read_bytes() == (ROOT / "viewer" / "src" / "view.html"
                                                  ).read_bytes()


def test_licences_ship_with_the_bundle():
    licences = (STATIC / "LICENSES.txt").read_text(encoding="utf-8")
    lock = json.loads((ROOT / "viewer" / "package-lock.json").read_text(encoding="utf-8"))
    for name in ("sigma", "graphology", "graphology-layout-forceatlas2"):
        version = lock["packages"][f"node_modules/{name}"]["version"]
        assert f"{name} {version} (MIT)" in licences
        assert f"{name} {version}" in (STATIC / "view.js").read_text(encoding="utf-8")[:300]


def test_inlined_assets_cannot_cut_the_page():
    for name, tag in (("view.js", "script"), ("view.css", "style")):
        assert f"</{tag}" not in (STATIC / name).read_text(encoding="utf-8").lower()


# scale


@pytest.fixture(scope="module")
def synthetic_graph():
    """benchmarks/queries.py's generator (benchmarks/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("diplograph_bench_queries_view",
                                                  ROOT / "benchmarks" / "queries.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module.synthetic_graph
    del sys.modules[spec.name]


def test_ten_thousand_meetings_stay_well_under_twenty_megabytes(synthetic_graph, tmp_path):
    # A fifth of the benchmark's graph; the page grows with it linearly.
    G, _, _ = synthetic_graph(2_000, 1_000, seed=1)
    size = write_html(G, tmp_path / "v.html").stat().st_size
    assert 5 * size < 10 * 2**20, f"{size:,} bytes for 2,000 meetings"
