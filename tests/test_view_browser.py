"""The HTML view in a real browser: Debian's headless Chromium, driven by selenium, offline.

Every request is blocked (DevTools ``Network.setBlockedURLs``), and the page must not try one:
the browser's own log of requests holds the file and nothing else. The page is the seed
graph's; one browser serves the whole module, and each test opens the page afresh (well under
a second). Skipped, saying why, where Chromium or chromedriver is not installed; ``.ci/run``
installs them with apt-get.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import kg

ROOT = Path(__file__).resolve().parent.parent
LUKASHENKO = "person:alexander-lukashenko"
GADDAFI = "person:muammar-gaddafi"


def _load_browser() -> Any:
    """benchmarks/browser.py (benchmarks/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("diplograph_bench_browser",
                                                  ROOT / "benchmarks" / "browser.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


browser = _load_browser()
pytestmark = pytest.mark.skipif(browser.missing() is not None,
                                reason=f"no headless browser: {browser.missing()}")


@pytest.fixture(scope="module")
def page_file(seed_graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return kg.write_html(seed_graph, tmp_path_factory.mktemp("browser") / "seeds.html")


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    with browser.chromium() as chromium:
        yield chromium


@pytest.fixture
def page(driver: Any, page_file: Path) -> Any:
    """The seed graph's page, opened afresh and ready (laid out and drawn)."""
    opened = browser.open_page(driver, page_file, timeout=30)
    driver.opened = opened
    return driver


def ids(page: Any, selector: str) -> list[str]:
    """The data-id of every element `selector` finds that is not hidden."""
    return page.execute_script(
        "return [...document.querySelectorAll(arguments[0])]"
        ".filter(el => !el.hidden).map(el => el.dataset.id)", selector)


def wait(page: Any, script: str, *args: Any) -> Any:
    """Wait (up to 5 s) until a script returns something true, and return it."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(page, 5, poll_frequency=0.02).until(
        lambda d: d.execute_script(script, *args))


def type_into(page: Any, field: str, text: str) -> None:
    from selenium.webdriver.common.by import By

    element = page.find_element(By.ID, field)
    element.clear()
    element.send_keys(text)


def click(page: Any, selector: str) -> None:
    from selenium.webdriver.common.by import By

    page.find_element(By.CSS_SELECTOR, selector).click()


def meetings_of(G: nx.MultiDiGraph, person: str) -> set[str]:
    return {v for _, v, d in G.out_edges(person, data=True) if d["relation"] == "participated_in"}


def test_loads_with_no_request_and_no_console_error(page):
    assert browser.requested(page) == [page.opened.url]
    assert browser.console_errors(page) == []
    assert page.execute_script("return document.getElementById('graph').dataset.renderer") \
        == "sigma"
    assert page.execute_script("return document.querySelectorAll('#graph canvas').length") > 0


def test_lists_every_person_and_meeting(page, seed_graph):
    people = {n for n, _ in kg.nodes_of_type(seed_graph, "person")}
    meetings = {n for n, _ in kg.nodes_of_type(seed_graph, "meeting")}
    assert sorted(ids(page, "#people > li")) == sorted(people)
    assert sorted(ids(page, "#meetings > li")) == sorted(meetings)
    # The network draws everyone who met someone.
    drawn = page.execute_script("return window.__diplograph.network.graph.order")
    assert drawn == sum(1 for p in people if meetings_of(seed_graph, p))


@pytest.mark.parametrize("spelling", ["Łukašenka", "lukasenka", "LUKASHENKO",
                                      "Alaksandar Łukašenka", "alexander luk"])
def test_search_finds_a_person_by_any_spelling(page, spelling):
    type_into(page, "search", spelling)
    found = wait(page, "const shown = [...document.querySelectorAll('#people > li')]"
                 ".filter(el => !el.hidden); return shown.length === 1 && shown[0].dataset.id")
    assert found == LUKASHENKO
    # Meetings narrow to his too.
    assert len(ids(page, "#meetings > li")) == 3


def test_search_then_enter_opens_the_person(page):
    from selenium.webdriver.common.keys import Keys

    type_into(page, "search", "Łukašenka" + Keys.ENTER)
    assert wait(page, "return document.getElementById('details').dataset.id") == LUKASHENKO
    assert browser.console_errors(page) == []  # the form was never sent


def test_clicking_a_person_lists_their_meetings(page, seed_graph):
    click(page, f"#people > li[data-id='{LUKASHENKO}'] > button")
    assert wait(page, "return document.getElementById('details').dataset.kind") == "person"
    rows = page.execute_script(
        "return [...document.querySelectorAll('#person-meetings tbody tr')].map(tr => "
        "[tr.dataset.meetingId, ...[...tr.cells].map(td => td.textContent)])")
    assert {r[0] for r in rows} == meetings_of(seed_graph, LUKASHENKO)
    row = next(r for r in rows if r[0].startswith("meeting:2025-10-21"))
    # date, counterpart, place, topics, status
    assert row[1:3] == ["2025-10-21", "Saddam Khalifa Haftar"]
    assert row[3] == "Minsk, Palace of Independence"
    assert row[4]  # topics
    assert row[5] == "held"
    assert page.execute_script(
        f"return document.querySelector(\"#people > li[data-id='{LUKASHENKO}']\")"
        ".getAttribute('aria-current')") == "true"


def test_clicking_a_node_in_the_network_opens_the_person(page):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    index = page.execute_script(
        "return window.__diplograph.model.people.find(p => p.id === arguments[0]).i", LUKASHENKO)
    x, y = page.execute_script(
        "const {renderer, graph} = window.__diplograph.network;"
        "const at = renderer.graphToViewport(graph.getNodeAttributes(String(arguments[0])));"
        "return [at.x, at.y]", index)
    container = page.find_element(By.ID, "graph")
    size = container.size
    ActionChains(page).move_to_element_with_offset(
        container, round(x - size["width"] / 2), round(y - size["height"] / 2)).click().perform()
    assert wait(page, "return document.getElementById('details').dataset.id") == LUKASHENKO


def test_clicking_a_meeting_shows_participants_and_evidence(page, seed_graph):
    meeting = next(n for n, _ in kg.nodes_of_type(seed_graph, "meeting")
                   if n.startswith("meeting:2025-10-21"))
    attrs = seed_graph.nodes[meeting]
    click(page, f"#meetings > li[data-id='{meeting}'] > button")
    assert wait(page, "return document.getElementById('details').dataset.id") == meeting
    details = page.execute_script("""
        const d = document.getElementById('details');
        const all = (s) => [...d.querySelectorAll(s)];
        return {
          participants: all('.participants > li').map(li => [li.dataset.personId, li.dataset.role]),
          topics: all('.topics > li').map(li => li.textContent),
          conflicts: all('.conflicts > li').map(li => li.textContent),
          sources: all('.sources > li').map(li => [li.dataset.article, +li.dataset.start,
            +li.dataset.end, li.dataset.conflict, li.querySelector('blockquote').textContent,
            li.querySelector('.article').textContent]),
        };""")
    roles = {(u, d["role"]) for u, _, d in seed_graph.in_edges(meeting, data=True)
             if d["relation"] == "participated_in"}
    assert {tuple(p) for p in details["participants"]} == roles
    topics = sorted(seed_graph.nodes[v]["name"] for _, v, d in seed_graph.out_edges(meeting,
                    data=True) if d["relation"] == "discussed")
    assert details["topics"] == topics
    assert details["conflicts"] == attrs["conflicts"]
    assert [s[:3] for s in details["sources"]] == [[s["article"], s["start"], s["end"]]
                                                   for s in attrs["sources"]]
    assert [s[4] for s in details["sources"]] == [s["evidence"] for s in attrs["sources"]]
    # The conflict is "date: ... (003-..., 004-...) vs 2025-10-20 (000-...)": all three flagged.
    flagged = {s[0] for s in details["sources"] if s[3] == "1"}
    assert flagged == {s["article"] for s in attrs["sources"]
                       if any(s["article"] in c for c in attrs["conflicts"])}
    assert flagged
    titled = {s[0]: s[5] for s in details["sources"]}
    article = seed_graph.nodes["article:004-15cde3fe8340a8d6-d8e64b1b"]
    assert titled["004-15cde3fe8340a8d6-d8e64b1b"] == article["title"]


def test_date_range_hides_meetings_outside_it(page, seed_graph):
    type_into(page, "since", "2025-03")
    type_into(page, "until", "2025")
    expected = sorted(n for n, d in kg.nodes_of_type(seed_graph, "meeting")
                      if d["date"] >= "2025-03")
    assert wait(page, "return document.querySelectorAll('#meetings > li:not([hidden])').length"
                " === arguments[0]", len(expected))
    assert sorted(ids(page, "#meetings > li")) == expected
    hidden = page.execute_script(
        "return [...document.querySelectorAll('#meetings > li[hidden]')]"
        ".map(li => li.dataset.date)")
    assert sorted(hidden) == ["2000", "2025-02-17"]
    # Gaddafi's one meeting (2000) is out of range: he leaves the list and the network.
    people = ids(page, "#people > li")
    assert GADDAFI not in people and LUKASHENKO in people
    drawn = page.execute_script(
        "const r = window.__diplograph.network.renderer;"
        "const index = (id) => window.__diplograph.model.people.find(p => p.id === id).i;"
        "return [GADDAFI, LUKASHENKO].map(id => !r.getNodeDisplayData(String(index(id))).hidden)"
        .replace("GADDAFI", repr(GADDAFI)).replace("LUKASHENKO", repr(LUKASHENKO)))
    assert drawn == [False, True]
    # Clear shows everything again.
    click(page, "#clear")
    assert wait(page, "return document.querySelectorAll('#meetings > li[hidden]').length === 0")


def test_a_bad_date_is_flagged_and_ignored(page):
    type_into(page, "since", "March")
    assert wait(page, "return document.getElementById('since').getAttribute('aria-invalid')"
                " === 'true'")
    assert page.execute_script("return document.querySelectorAll('#meetings > li[hidden]')"
                               ".length") == 0


@pytest.mark.parametrize("policy", ["", "img-src 'none'"], ids=["open", "with-policy"])
def test_the_checks_see_a_page_that_asks_for_something(driver, tmp_path, policy):
    # Not the view: a page that loads an image from the network, to show that the first test
    # would fail if the view asked for anything, even for what its own policy refuses.
    leaky = tmp_path / "leaky.html"
    leaky.write_text(f"<!doctype html><meta http-equiv='Content-Security-Policy' "
                     f'content="{policy}"><img src="https://example.org/pixel.png">'
                     "<script>window.__diplographReady = true</script>", encoding="utf-8")
    browser.open_page(driver, leaky)
    wait(driver, "return document.images[0].complete")
    assert browser.requested(driver) == [leaky.as_uri(), "https://example.org/pixel.png"]
