"""The query commands through CliRunner: meetings, people, who-met, timeline, cooperation."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cli_runner import run, run_json

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))

MEETING_KEYS = {
    "id", "date", "date_precision", "status", "mode", "historical", "location", "venue",
    "participants", "topics", "sources", "conflicts",
}
PARTICIPANT_KEYS = {"id", "name", "aliases", "role"}
SOURCE_KEYS = {"article", "evidence", "start", "end"}
PERSON_KEYS = {"id", "name", "aliases", "titles", "countries", "organisations"}


# meetings and people as JSON


def test_meetings_json_shape(meetings):
    assert meetings
    for m in meetings:
        assert set(m) == MEETING_KEYS
        assert m["participants"] and m["sources"]
        for p in m["participants"]:
            assert set(p) == PARTICIPANT_KEYS
        for s in m["sources"]:
            assert set(s) == SOURCE_KEYS


def test_meeting_evidence_is_the_article_text_at_its_offsets(meetings):
    # An article id is the slug of the file's stem and the first 8 hex digits of the SHA-1 of
    # its text: 003_cd3b7688e12d323e.txt -> 003-cd3b7688e12d323e-5278ed14.
    texts = {}
    for path in SEED_FILES:
        text = path.read_text(encoding="utf-8")
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        texts[f"{path.stem.replace('_', '-')}-{digest}"] = text
    sources = [s for m in meetings for s in m["sources"]]
    assert {s["article"] for s in sources} == set(texts)
    for s in sources:
        assert s["evidence"] == texts[s["article"]][s["start"]:s["end"]], s


def test_meetings_json_filters(graph, meetings):
    held = run_json("meetings", "--graph", graph, "--status", "held")
    assert held == [m for m in meetings if m["status"] == "held"]
    with_him = run_json("meetings", "--graph", graph, "--participant", "Lukashenko")
    assert with_him
    assert all("Alexander Lukashenko" in {p["name"] for p in m["participants"]}
               for m in with_him)


def test_people_json(people):
    assert people
    for p in people:
        assert set(p) == PERSON_KEYS
    names = [p["name"] for p in people]
    assert "Alexander Lukashenko" in names
    haftars = [set(name.split()) for name in names if "Haftar" in name.split()]
    father = [n for n in haftars if "Khalifa" in n and "Saddam" not in n]
    son = [n for n in haftars if {"Saddam", "Khalifa"} <= n]
    assert len(father) == 1
    assert len(son) == 1


# who-met, timeline, cooperation, conflicts


def test_who_met_a_person(graph):
    rows = run_json("who-met", "Lukashenko", "--graph", graph)
    assert rows
    for row in rows:
        assert row["person"]["name"] == "Alexander Lukashenko"
        assert row["counterpart"]["id"] != row["person"]["id"]
        assert row["counterpart"]["name"] != row["person"]["name"]


def test_who_met_without_a_name_prints_a_table(graph):
    result = run("who-met", "--graph", graph)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    header = result.stdout.splitlines()[1]
    assert [c.strip() for c in header.strip("┃").split("┃")] == [
        "date", "person", "met", "where", "meeting"]


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "Lukashenko"],
        ["timeline", "Belarus"],
        ["cooperation", "Belarus", "Libya"],
        ["meetings"],
        ["people"],
        ["conflicts"],
    ],
    ids=" ".join,
)
def test_tables_exit_0(graph, args):
    result = run(*args, "--graph", graph)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("┏")
    assert result.stderr == ""


def test_timeline_json(graph):
    rows = run_json("timeline", "Lukashenko", "--graph", graph)
    assert rows
    dates = [r["date"] for r in rows]
    dated = [d for d in dates if d]
    assert dates == [*sorted(dated), *[None] * (len(dates) - len(dated))]


def test_cooperation_json(graph):
    areas = run_json("cooperation", "Belarus", "Libya", "--graph", graph)
    assert areas
    for a in areas:
        assert a["area"]
        assert a["count"] >= 1
        assert a["count"] == len(a["meetings"])
    assert areas == sorted(areas, key=lambda a: (-a["count"], a["area"]))


def test_conflicts_json(graph, meetings):
    rows = run_json("conflicts", "--graph", graph)
    assert rows == [m for m in meetings if m["conflicts"]]
