"""Real and bad inputs end to end: HTML and JSONL read like text, long texts, odd text, locks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import article_from_text  # hypothesis tests cannot take fixtures
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extract.pipeline
import extract.sources
import kg
import queries
from extract import extract_article, read_articles

STORY = (
    "Prime Minister Jonas Berg of Norway held talks with President Anna Kowalski of Poland in "
    "Warsaw on March 3, 2024. They discussed energy cooperation and trade."
)
HTML = f"""<!doctype html><html><head><title>Berg and Kowalski hold talks</title>
<meta property="article:published_time" content="2024-03-04"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<article><h1>Berg and Kowalski hold talks</h1><p>{STORY}</p></article>
<section class="comments"><h3>2 Comments</h3><p>Avatar of Piotr Nowak</p>
<p>Piotr Nowak: Berg met Kowalski again? Nothing will change.</p></section>
<footer>Subscribe to our newsletter. Cookie settings.</footer></body></html>"""


def meeting_facts(G) -> list[tuple]:
    return sorted((m.date, tuple(sorted(p.name for p in m.participants)), m.location)
                  for m in queries.meetings(G))


@pytest.fixture(scope="module")
def as_text(tmp_path_factory) -> list[tuple]:
    folder = tmp_path_factory.mktemp("text")
    (folder / "story.txt").write_text(f"date 2024-03-04\n{STORY}\n", encoding="utf-8")
    return meeting_facts(kg.build([folder]))


def test_html_gives_the_same_meetings_as_text(tmp_path, as_text):
    page = tmp_path / "story.html"
    page.write_text(HTML, encoding="utf-8")
    G = kg.build([page])
    assert meeting_facts(G) == as_text
    people = {p.name for p in queries.people(G)}
    assert "Piotr Nowak" not in people  # the comment thread never reaches the extractor


def test_jsonl_gives_the_same_meetings_as_text(tmp_path, as_text):
    lines = tmp_path / "dump.jsonl"
    lines.write_text(json.dumps({"id": "a1", "date": "2024-03-04", "text": STORY}) + "\n"
                     + "{broken\n", encoding="utf-8")
    problems = []
    G = kg.build([lines], on_problem=problems.append)
    assert meeting_facts(G) == as_text
    assert [(p.line, p.severity) for p in problems] == [(2, "skipped")]


def test_long_text_is_parsed_in_chunks_without_loss(monkeypatch, make_article):
    monkeypatch.setattr(extract.pipeline, "PIECE_CHARS", 400)
    filler = "The weather in the region was mild for the season. " * 12
    text = f"{filler}\n\n{STORY}\n\n{filler}\n\nChancellor Eva Gruber met Karel Novak in Vienna."
    x = extract_article(make_article(text))
    met = {frozenset(p.name for p in x.people if p.key in {q.person for q in m.participants})
           for m in x.meetings}
    assert frozenset({"Jonas Berg", "Anna Kowalski"}) in met
    assert frozenset({"Eva Gruber", "Karel Novak"}) in met
    evidence = [e for m in x.meetings for e in m.evidence]
    assert all(text[e.start:e.end] == e.sentence for e in evidence)


def test_pieces_with_and_without_marked_letters_join(monkeypatch, make_article):
    # A piece whose letters are given back loses its tensor; spaCy cannot join it to one that
    # keeps it, so pieces are joined without.
    monkeypatch.setattr(extract.pipeline, "PIECE_CHARS", 400)
    filler = "The weather in the region was mild for the season. " * 12
    text = f"President Aleksandar Vučić met Chancellor Eva Gruber in Belgrade.\n\n{filler}"
    x = extract_article(make_article(text))
    assert {p.name for p in x.people} >= {"Aleksandar Vučić", "Eva Gruber"}


def test_a_text_longer_than_spacy_reads_at_once_is_named_and_read(monkeypatch, tmp_path):
    monkeypatch.setattr(extract.sources, "SPACY_MAX_LENGTH", 100)
    path = tmp_path / "long.txt"
    path.write_text(STORY * 3, encoding="utf-8")
    problems = []
    [article] = read_articles([path], on_problem=problems.append)
    assert article.text == STORY * 3
    [problem] = problems
    assert (problem.path, problem.severity) == (str(path), "warning")
    assert "more than spaCy reads at once (100): read in pieces of 100,000" in problem.reason


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_extractor_never_raises_on_arbitrary_text(text):
    x = extract_article(article_from_text(text))
    assert all(0 <= e.start <= e.end <= len(text) for m in x.meetings for e in m.evidence)


def test_reading_a_header_less_article(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text(STORY, encoding="utf-8")
    [article] = read_articles([path])
    assert article.published is None


def test_concurrent_adds_lose_nothing(tmp_path):
    """Two `diplograph add` processes on one graph file: both articles end up in it."""
    graph = tmp_path / "g.json"
    for name, text in [("a.txt", STORY),
                       ("b.txt", "Chancellor Eva Gruber met Minister Karel Novak in Vienna.")]:
        (tmp_path / name).write_text(f"date 2024-03-04\n{text}\n", encoding="utf-8")
    cli = Path(sys.executable).parent / "diplograph"
    runs = [subprocess.Popen([str(cli), "add", str(tmp_path / n), "--graph", str(graph)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for n in ("a.txt", "b.txt")]
    assert [r.wait(timeout=300) for r in runs] == [0, 0]
    G = kg.load(graph)
    paths = sorted(Path(d["path"]).name for _, d in G.nodes(data=True)
                   if d.get("type") == "article")
    assert paths == ["a.txt", "b.txt"]
