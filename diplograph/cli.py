"""The `diplograph` command: a thin skin over `kg` and `queries`.

Each command parses its arguments, calls one library function and prints what it returns, as a
table or as JSON. Errors are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

import kg
import queries
from diplograph.errors import DiplographError
from extract.cache import open_cache
from extract.sources import Problem
from kg.aliases import load_rules
from kg.exports import write_gexf, write_graphml
from kg.io import graph_lock, load, save

app = typer.Typer(
    name="diplograph",
    help="Turn news articles about diplomatic meetings into a knowledge graph, and query it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

EXIT_ERROR = 1
EXIT_MISSING = 2  # a path that does not exist, as for any Unix tool


class Format(str, Enum):
    table = "table"
    json = "json"


GraphOption = Annotated[Path, typer.Option("--graph", "-g", help="The graph file (JSON).")]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table or json.")]
AliasesOption = Annotated[Path | None, typer.Option(
    "--aliases", help="A TOML file of forced and forbidden merges of people.")]
WorkersOption = Annotated[int, typer.Option(
    "--workers", "-w", min=1, help="Processes that parse articles (the output is the same).")]
EngineOption = Annotated[str, typer.Option(
    help="local, or dask (a dask.distributed cluster; see --scheduler).")]
SchedulerOption = Annotated[str | None, typer.Option(
    help="A dask scheduler address (tcp://host:8786); a local cluster when omitted.")]
CacheOption = Annotated[str | None, typer.Option(
    help="Folder of cached extractions (default .diplograph-cache, or $DIPLOGRAPH_CACHE).")]
NoCacheOption = Annotated[bool, typer.Option("--no-cache", help="Parse every article again.")]
SinceOption = Annotated[str | None, typer.Option(help="From this date (YYYY[-MM[-DD]]).")]
UntilOption = Annotated[str | None, typer.Option(help="Until this date (YYYY[-MM[-DD]]).")]


def _fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn the library's errors into one line and an exit code."""
    try:
        yield
    except DiplographError as e:  # anything else is a bug, and shows its traceback
        raise _fail(str(e)) from None


class _Problems:
    """Collects input problems, prints each as one line, and sums them up at the end."""

    def __init__(self) -> None:
        self.seen: list[Problem] = []

    def __call__(self, problem: Problem) -> None:
        self.seen.append(problem)
        colour = "yellow" if problem.severity == "warning" else "red"
        err.print(f"[{colour}]{problem.severity}:[/{colour}] {problem}", highlight=False,
                  soft_wrap=True)

    def count(self, *severities: str) -> int:
        return sum(p.severity in severities for p in self.seen)


def _summary(G: Any, before: int, problems: _Problems) -> None:
    kinds = Counter(kind for _, kind in G.nodes(data="type"))
    articles, people, meetings = kinds["article"], kinds["person"], kinds["meeting"]
    skipped = problems.count("skipped", "missing")
    err.print(
        f"{articles - before} article(s) read, {skipped} skipped, "
        f"{problems.count('warning')} warning(s); graph: {articles} articles, {people} people, "
        f"{meetings} meetings",
        highlight=False,
        soft_wrap=True,
    )


def _refuse_to_save(problems: _Problems, strict: bool) -> None:
    """A missing input, or a skipped one under --strict, leaves the graph file as it was."""
    if problems.count("missing"):
        raise typer.Exit(EXIT_MISSING)
    if strict and problems.count("skipped"):
        raise _fail("--strict: some inputs were skipped; the graph was not written")


def _print(rows: Sequence[BaseModel] | BaseModel, fmt: Format,
           table: Callable[[], Table]) -> None:
    if fmt is Format.json:
        data = rows.model_dump(mode="json") if isinstance(rows, BaseModel) else [
            r.model_dump(mode="json") for r in rows]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(table())


def _extraction_options(workers: int, engine: str, scheduler: str | None, cache: str | None,
                        no_cache: bool) -> dict[str, Any]:
    engine = "dask" if scheduler else engine  # a scheduler address means the dask engine
    return {"workers": workers, "engine": engine, "scheduler": scheduler,
            "cache": None if no_cache else (open_cache(cache) if cache else open_cache())}


@contextmanager
def _progress() -> Iterator[Callable[[Any], None]]:
    """A progress line while articles are parsed; silent when stderr is not a terminal.

    It is redrawn as each article comes, not by a refresh thread: with no other thread
    running, worker processes can be forked with the model already loaded.
    """
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err,
                  transient=True, disable=not err.is_terminal, auto_refresh=False) as bar:
        task = bar.add_task("reading articles", total=None)

        def advance(extraction: Any) -> None:
            bar.update(task, advance=1, refresh=True,
                       description=f"extracted {extraction.article.path}")

        yield advance


def _load(graph: Path) -> Any:
    with _errors():
        return load(graph)


@app.command()
def build(
    paths: Annotated[list[str] | None, typer.Argument(help="Files and folders; - for stdin.")]
    = None,
    out_path: Annotated[Path, typer.Option("--out", "-o", help="Where to write the graph.")]
    = Path("diplograph.json"),
    strict: Annotated[bool, typer.Option(help="Fail if any input is skipped.")] = False,
    aliases: AliasesOption = None,
    workers: WorkersOption = 1,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Build a graph from articles (default: seeds/)."""
    problems = _Problems()
    with _errors(), _progress() as progress:
        rules = load_rules(aliases) if aliases else None
        options = _extraction_options(workers, engine, scheduler, cache, no_cache)
        G = kg.build(paths or ["seeds"], on_problem=problems, rules=rules, progress=progress,
                     **options)
    _summary(G, 0, problems)
    _refuse_to_save(problems, strict)
    with _errors():
        save(G, out_path)
    err.print(f"wrote {out_path}", highlight=False, soft_wrap=True)


@app.command()
def add(
    paths: Annotated[list[str], typer.Argument(help="Files and folders to merge in.")],
    graph: GraphOption = Path("diplograph.json"),
    strict: Annotated[bool, typer.Option(help="Fail if any input is skipped.")] = False,
    aliases: AliasesOption = None,
    workers: WorkersOption = 1,
    engine: EngineOption = "local",
    scheduler: SchedulerOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Merge more articles into a saved graph (articles already in it are skipped)."""
    problems = _Problems()
    with _errors(), graph_lock(graph), _progress() as progress:
        rules = load_rules(aliases) if aliases else None
        G = load(graph) if graph.exists() else kg.new_graph()
        before = sum(1 for _, d in G.nodes(data=True) if d.get("type") == "article")
        options = _extraction_options(workers, engine, scheduler, cache, no_cache)
        G = kg.add(G, paths, on_problem=problems, rules=rules, progress=progress, **options)
        _summary(G, before, problems)
        _refuse_to_save(problems, strict)
        save(G, graph)


def _encounter_table(rows: Sequence[queries.Encounter]) -> Callable[[], Table]:
    def table() -> Table:
        t = Table("date", "person", "met", "where", "meeting")
        for r in rows:
            t.add_row(r.date or "?", r.person.name, r.counterpart.name, r.location or "",
                      r.meeting_id)
        return t
    return table


@app.command("who-met")
def who_met(
    name: Annotated[str | None, typer.Argument(help="A person; all pairs when omitted.")] = None,
    graph: GraphOption = Path("diplograph.json"),
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Who met whom, and when."""
    G = _load(graph)
    with _errors():
        rows = (queries.who_met(G, name, since=since, until=until) if name
                else queries.encounters(G, since=since, until=until))
    _print(rows, fmt, _encounter_table(rows))


def _meeting_table(rows: Sequence[queries.MeetingView]) -> Callable[[], Table]:
    def table() -> Table:
        t = Table("date", "status", "participants", "where", "topics", "sources")
        for m in rows:
            t.add_row(m.date or "?", m.status, ", ".join(p.name for p in m.participants),
                      ", ".join(x for x in (m.venue, m.location) if x), ", ".join(m.topics),
                      str(len({s.article for s in m.sources})))
        return t
    return table


@app.command("meetings")
def meetings_cmd(
    graph: GraphOption = Path("diplograph.json"),
    participant: Annotated[str | None, typer.Option(help="A person who took part.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    location: Annotated[str | None, typer.Option(help="A place.")] = None,
    topic: Annotated[str | None, typer.Option(help="A cooperation area.")] = None,
    status: Annotated[str | None, typer.Option(help="held, planned or cancelled.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Meetings, filtered."""
    G = _load(graph)
    with _errors():
        rows = queries.meetings(G, participant=participant, since=since, until=until,
                                location=location, topic=topic, status=status)
    _print(rows, fmt, _meeting_table(rows))


@app.command()
def people(graph: GraphOption = Path("diplograph.json"), fmt: FormatOption = Format.table) -> None:
    """Every person in the graph."""
    G = _load(graph)
    with _errors():
        rows = queries.people(G)

    def table() -> Table:
        t = Table("name", "titles", "countries", "aliases")
        for p in rows:
            t.add_row(p.name, "; ".join(p.titles), ", ".join(p.countries), "; ".join(p.aliases))
        return t
    _print(rows, fmt, table)


@app.command()
def timeline(
    name: Annotated[str, typer.Argument(help="A person or a country.")],
    graph: GraphOption = Path("diplograph.json"),
    fmt: FormatOption = Format.table,
) -> None:
    """Everything a person or a country did, in date order."""
    G = _load(graph)
    with _errors():
        rows = queries.timeline(G, name)

    def table() -> Table:
        t = Table("date", "what", "who", "with", "where")
        for e in rows:
            t.add_row(e.date or "?", e.what, ", ".join(e.people), ", ".join(e.counterparts),
                      e.location or "")
        return t
    _print(rows, fmt, table)


@app.command()
def cooperation(
    country_a: Annotated[str, typer.Argument(help="A country.")],
    country_b: Annotated[str, typer.Argument(help="Another country.")],
    graph: GraphOption = Path("diplograph.json"),
    fmt: FormatOption = Format.table,
) -> None:
    """Cooperation areas discussed between two countries."""
    G = _load(graph)
    with _errors():
        rows = queries.cooperation_areas(G, country_a, country_b)

    def table() -> Table:
        t = Table("area", "meetings")
        for a in rows:
            t.add_row(a.area, str(a.count))
        return t
    _print(rows, fmt, table)


@app.command()
def conflicts(graph: GraphOption = Path("diplograph.json"), fmt: FormatOption = Format.table,
              ) -> None:
    """Meetings whose sources disagree (a date, a place)."""
    G = _load(graph)
    with _errors():
        rows = [m for m in queries.meetings(G) if m.conflicts]

    def table() -> Table:
        t = Table("meeting", "conflict")
        for m in rows:
            for c in m.conflicts:
                t.add_row(m.id, c)
        return t
    _print(rows, fmt, table)


@app.command()
def export(
    graph: GraphOption = Path("diplograph.json"),
    graphml: Annotated[Path | None, typer.Option(help="Write GraphML (Gephi) here.")] = None,
    gexf: Annotated[Path | None, typer.Option(help="Write GEXF with a timeline here.")] = None,
    projection: Annotated[str | None, typer.Option(
        help="'people': the person-to-person network (GraphML only).")] = None,
) -> None:
    """Export the graph for Gephi and other tools."""
    if graphml is None and gexf is None:
        raise _fail("nothing to export: give --graphml and/or --gexf")
    if projection not in (None, "people"):
        raise _fail(f"unknown projection {projection!r}; expected 'people'")
    G = _load(graph)
    with _errors():
        if graphml is not None:
            write_graphml(G, graphml, projection=projection)
            err.print(f"wrote {graphml}", highlight=False, soft_wrap=True)
        if gexf is not None:
            write_gexf(G, gexf)
            err.print(f"wrote {gexf}", highlight=False, soft_wrap=True)


@app.command()
def view(
    graph: GraphOption = Path("diplograph.json"),
    out_path: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")]
    = Path("diplograph.html"),
    since: SinceOption = None,
    until: UntilOption = None,
    person: Annotated[str | None, typer.Option(
        help="Only the meetings of this person (any spelling).")] = None,
) -> None:
    """Write one HTML page that shows the graph; it opens in a browser, offline."""
    G = _load(graph)
    with _errors():
        who = queries.find_person(G, person).id if person is not None else None
        kg.write_html(G, out_path, since=since, until=until, person=who)
    err.print(f"wrote {out_path}", highlight=False, soft_wrap=True)


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Option(help="A folder of gold files (see tests/gold/README.md).")],
    paths: Annotated[list[str] | None, typer.Argument(help="Articles (default: seeds/).")]
    = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Build a graph from articles and score it against gold annotations."""
    from evaluation import evaluate, format_report, load_gold

    with _errors():
        gold_set = load_gold(gold)  # a wrong folder fails before any parsing
        report = evaluate(kg.build(paths or ["seeds"]), gold_set)
    if fmt is Format.json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        out.print(format_report(report), highlight=False, soft_wrap=True)
