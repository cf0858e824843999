"""The `diplograph` command through typer's CliRunner: exit codes, one-line errors, JSON shapes.

The CLI's rich consoles look up ``sys.stdout``/``sys.stderr`` when they print, so CliRunner
captures both, apart: data on ``result.stdout``, summaries and errors on ``result.stderr``.
Every command runs with ``COLUMNS=80``, the width rich falls back to when output is a pipe.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from cli_runner import run, run_json
from click.testing import Result

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = Path(__file__).resolve().parent / "gold"
SEED_FILES = sorted(SEEDS.glob("*.txt"))

SUMMARY = re.compile(
    r"(\d+) article\(s\) read, (\d+) skipped, (\d+) warning\(s\); "
    r"graph: (\d+) articles, (\d+) people, (\d+) meetings"
)


def error_line(result: Result, code: int = 1) -> str:
    """The one line a failing command prints on stderr (nothing on stdout)."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def flat(text: str) -> str:
    """`text` with every run of whitespace as one space (rich wraps lines at the width)."""
    return " ".join(text.split())


def by_id(meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Meetings sorted by id, each with its sources sorted: order-free comparison."""
    return [
        {**m, "sources": sorted(m["sources"], key=lambda s: (s["article"], s["start"]))}
        for m in sorted(meetings, key=lambda m: m["id"])
    ]


# build


def test_build_writes_graph_and_sums_up(built, meetings, people):
    path, result = built
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(path.read_text(encoding="utf-8"))
    summary, wrote = flat(result.stderr).split(" wrote ")
    assert wrote == str(path)
    match = SUMMARY.fullmatch(summary)
    assert match, summary
    assert summary.startswith("5 article(s) read, 0 skipped, 0 warning(s); graph: 5 articles, ")
    assert (int(match[5]), int(match[6])) == (len(people), len(meetings))


def test_summary_is_one_line(graph, tmp_path):
    copy = tmp_path / "g.json"
    shutil.copyfile(graph, copy)
    result = run("add", SEEDS, "--graph", copy)
    assert result.exit_code == 0
    assert len(result.stderr.splitlines()) == 1, result.stderr


def test_build_missing_folder(tmp_path):
    missing = tmp_path / "missing_dir"
    result = run("build", missing, "--out", tmp_path / "x.json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f"missing: {missing}: no such file or folder"


def test_build_missing_folder_keeps_existing_graph(graph, tmp_path):
    out = tmp_path / "g.json"
    shutil.copyfile(graph, out)
    result = run("build", tmp_path / "missing_dir", "--out", out)
    assert result.exit_code == 2
    assert out.read_bytes() == graph.read_bytes()


@pytest.fixture(scope="module")
def mixed_folder(workdir: Path) -> Path:
    """One good article (the shortest seed) and one empty file."""
    folder = workdir / "mixed"
    folder.mkdir()
    shutil.copy(min(SEED_FILES, key=lambda p: p.stat().st_size), folder)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


@pytest.mark.parametrize(("strict", "code"), [(False, 0), (True, 1)])
def test_build_skips_an_empty_file(mixed_folder, tmp_path, strict, code):
    out = tmp_path / "m.json"
    result = run("build", mixed_folder, "--out", out, *(["--strict"] if strict else []))
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == f"skipped: {mixed_folder / 'empty.txt'}: empty file"
    summary = flat("\n".join(lines[1:])).split(" wrote ")[0]
    assert summary.startswith("1 article(s) read, 1 skipped, 0 warning(s); graph: 1 articles, ")
    refused = "error: --strict: some inputs were skipped; the graph was not written"
    assert lines[-1] == (refused if strict else f"wrote {out}")
    assert out.exists() != strict


# export


def test_export_graphml_and_gexf(graph, tmp_path):
    graphml, gexf = tmp_path / "out.graphml", tmp_path / "out.gexf"
    result = run("export", "--graph", graph, "--graphml", graphml, "--gexf", gexf)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"wrote {graphml}", f"wrote {gexf}"]
    assert ET.parse(graphml).getroot().tag.endswith("graphml")
    assert ET.parse(gexf).getroot().tag.endswith("gexf")


def test_export_people_projection(graph, people, tmp_path):
    graphml = tmp_path / "people.graphml"
    result = run("export", "--graph", graph, "--graphml", graphml, "--projection", "people")
    assert result.exit_code == 0, result.output
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = ET.parse(graphml).getroot().findall("g:graph/g:node", ns)
    assert nodes
    assert {n.get("id") for n in nodes} <= {p["id"] for p in people}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "error: nothing to export: give --graphml and/or --gexf"),
        (["--graphml", "{tmp}/x.graphml", "--projection", "nonsense"],
         "error: unknown projection 'nonsense'; expected 'people'"),
    ],
    ids=["nothing", "bad-projection"],
)
def test_export_errors(graph, tmp_path, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    assert error_line(run("export", "--graph", graph, *args)) == message
    assert list(tmp_path.iterdir()) == []


# view


def page_data(path: Path) -> dict[str, Any]:
    """The payload inlined in a page written by `diplograph view`."""
    text = path.read_text(encoding="utf-8")
    return json.loads(text.split('id="diplograph-data">', 1)[1].split("</script>", 1)[0])


def test_view_writes_one_page(graph, meetings, tmp_path):
    page = tmp_path / "view.html"
    result = run("view", "--graph", graph, "--out", page)
    assert result.exit_code == 0, result.output
    assert (result.stdout, flat(result.stderr)) == ("", f"wrote {page}")
    assert {m["id"] for m in page_data(page)["meetings"]} == {m["id"] for m in meetings}


def test_view_person_by_any_spelling(graph, tmp_path):
    page = tmp_path / "view.html"
    result = run("view", "--graph", graph, "--out", page, "--person", "Łukašenka",
                 "--since", "2025")
    assert result.exit_code == 0, result.output
    data = page_data(page)
    assert data["filter"] == {"since": "2025", "until": None,
                              "person": "person:alexander-lukashenko"}
    assert [m["d"] for m in data["meetings"]] == ["2025-02-17", "2025-10-21"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "soon"], "error: since must be YYYY, YYYY-MM or YYYY-MM-DD, not 'soon'"),
        (["--since", "2025", "--until", "2024"], "error: since (2025) is after until (2024)"),
        (["--person", "Nobody"], "error: no person matches 'Nobody'"),
        (["--out", "{tmp}/no/such/folder/v.html"],
         "error: {tmp}/no/such/folder/v.html: cannot write the file: No such file or directory"),
    ],
    ids=["since", "range", "person", "folder"],
)
def test_view_errors(graph, tmp_path, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    line = error_line(run("view", "--graph", graph, *args))
    assert line.startswith(message.replace("{tmp}", str(tmp_path)))
    assert list(tmp_path.iterdir()) == []


# errors: one line, no traceback, the right exit code


@pytest.mark.parametrize(
    "command",
    [["who-met", "X"], ["meetings"], ["people"], ["timeline", "X"], ["conflicts"],
     ["cooperation", "Belarus", "Libya"], ["export", "--gexf", "{tmp}/x.gexf"],
     ["view", "--out", "{tmp}/x.html"]],
    ids=lambda c: c[0],
)
def test_missing_graph_file(tmp_path, command):
    missing = tmp_path / "missing.json"
    command = [a.replace("{tmp}", str(tmp_path)) for a in command]
    line = error_line(run(*command, "--graph", missing))
    assert line == f"error: {missing}: cannot read the file: No such file or directory"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["people"], ["who-met", "X"]], ids=lambda c: c[0])
def test_corrupt_graph_file(tmp_path, command):
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text("{not json", encoding="utf-8")
    line = error_line(run(*command, "--graph", corrupt))
    assert line.startswith(f"error: {corrupt}: not valid JSON")


@pytest.mark.parametrize(
    ("command", "what"), [("who-met", "person"), ("timeline", "person or country")]
)
def test_unknown_person_suggests_close_matches(graph, command, what):
    line = error_line(run(command, "Lukashenk", "--graph", graph))
    assert line.startswith(f"error: no {what} matches 'Lukashenk'; close matches: ")
    assert "Alexander Lukashenko" in line.split("close matches: ")[1].split(", ")


def test_unknown_person_without_close_matches(graph):
    line = error_line(run("who-met", "Nobody", "--graph", graph))
    assert line == "error: no person matches 'Nobody'"


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--status", "nonsense", "status must be one of held, planned, cancelled, not 'nonsense'"),
        ("--since", "not-a-date", "since must be YYYY, YYYY-MM or YYYY-MM-DD, not 'not-a-date'"),
    ],
    ids=["status", "since"],
)
def test_meetings_bad_filter(graph, option, value, message):
    line = error_line(run("meetings", "--graph", graph, option, value))
    assert line == f"error: {message}"


# add


@pytest.fixture(scope="module")
def added(workdir: Path) -> Path:
    """A graph built from two seed files, then given the other three with `add`."""
    path = workdir / "g2.json"
    first, rest = SEED_FILES[:2], SEED_FILES[2:]
    assert run("build", *first, "--out", path).exit_code == 0
    result = run("add", *rest, "--graph", path)
    assert result.exit_code == 0, result.output
    assert flat(result.stderr).startswith("3 article(s) read, 0 skipped, 0 warning(s); ")
    return path


def test_add_equals_build(added, meetings):
    assert by_id(run_json("meetings", "--graph", added)) == by_id(meetings)


def test_add_again_changes_nothing(added):
    before = added.read_bytes()
    result = run("add", *SEED_FILES, "--graph", added)
    assert result.exit_code == 0, result.output
    assert flat(result.stderr).startswith("0 article(s) read, 0 skipped, 0 warning(s); ")
    assert added.read_bytes() == before


def test_add_to_a_corrupt_graph(tmp_path):
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text("{not json", encoding="utf-8")
    line = error_line(run("add", SEED_FILES[0], "--graph", corrupt))
    assert line.startswith(f"error: {corrupt}: not valid JSON")
    assert corrupt.read_text(encoding="utf-8") == "{not json"


# eval


def test_eval():
    result = run("eval", "--gold", GOLD, SEEDS)
    assert result.exit_code == 0, result.output
    rows = {line.split()[0] for line in result.stdout.splitlines() if line.strip()}
    assert {"meetings", "pairs", "events", "people"} <= rows


def test_eval_missing_gold(tmp_path):
    missing = tmp_path / "no_gold"
    line = error_line(run("eval", "--gold", missing, SEED_FILES[0]))
    assert line == f"error: {missing}: not a folder"


def test_an_export_into_a_missing_folder_is_one_line(graph, tmp_path):
    target = tmp_path / "no-such-folder" / "out.gexf"
    line = error_line(run("export", "--graph", graph, "--gexf", target))
    assert line == f"error: {target}: cannot write the file: No such file or directory"


def test_queries_never_import_the_extraction(graph):
    """`diplograph who-met` and a notebook's `kg.load` start without spaCy: a build needs it.
    Nor does a name the graph knows need rapidfuzz: only a miss looks for close names."""
    import subprocess
    import sys

    code = ("import sys, kg, queries; from diplograph.cli import app; "
            f"queries.who_met(kg.load({str(graph)!r}), 'Lukashenko'); "
            "print(sorted({'spacy', 'extract', 'trafilatura', 'dateparser', 'rapidfuzz'}"
            " & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_build_takes_an_article_timeout(tmp_path):
    out = tmp_path / "g.json"
    result = run("build", SEEDS, "--out", out, "--article-timeout", "1e-9", "--no-cache")
    assert result.exit_code == 0, result.output
    assert result.output.count("took longer than 1e-09 s to read") == 5
    assert "0 article(s) read, 5 skipped" in result.output
