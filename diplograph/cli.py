"""The `diplograph` command: a thin skin over `kg` and `queries`.

Each command parses its arguments, calls one library function and prints what it returns, as a
table or as JSON. Errors are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from diplograph.limits import SECONDS_PER_PIECE

from .terminal import (
    Format,
    Problems,
    err,
    errors,
    fail,
    out,
    print_rows,
    progress,
    refuse_to_save,
    summary,
)

if TYPE_CHECKING:
    from rich.table import Table

    import queries

app = typer.Typer(
    name="diplograph",
    help="Turn news articles about diplomatic meetings into a knowledge graph, and query it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
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
TimeoutOption = Annotated[float, typer.Option(
    "--article-timeout", min=0, help="Seconds an article may take for each 100,000 characters;"
    " one past it is skipped, named, and counted (0: no limit).")]
SinceOption = Annotated[str | None, typer.Option(help="From this date (YYYY[-MM[-DD]]).")]
UntilOption = Annotated[str | None, typer.Option(help="Until this date (YYYY[-MM[-DD]]).")]


def _extraction_options(workers: int, engine: str, scheduler: str | None, cache: str | None,
                        no_cache: bool, article_timeout: float) -> dict[str, Any]:
    from extract.cache import open_cache

    engine = "dask" if scheduler else engine  # a scheduler address means the dask engine
    return {"workers": workers, "engine": engine, "scheduler": scheduler,
            "cache": None if no_cache else (open_cache(cache) if cache else open_cache()),
            "article_timeout": article_timeout or None}


def _load(graph: Path) -> Any:
    from kg.io import load

    with errors():
        return load(graph)


def _table(*columns: str) -> Table:
    from rich.table import Table

    return Table(*columns)


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
    article_timeout: TimeoutOption = SECONDS_PER_PIECE,
) -> None:
    """Build a graph from articles (default: seeds/)."""
    import kg
    from kg.aliases import load_rules
    from kg.io import save

    paths = paths or ["seeds"]
    problems = Problems()
    with errors(), progress(paths) as (article_read, piece_read):
        rules = load_rules(aliases) if aliases else None
        options = _extraction_options(workers, engine, scheduler, cache, no_cache,
                                      article_timeout)
        G = kg.build(paths, on_problem=problems, rules=rules, progress=article_read,
                     on_piece=piece_read, **options)
    summary(G, 0, problems)
    refuse_to_save(problems, strict)
    with errors():
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
    article_timeout: TimeoutOption = SECONDS_PER_PIECE,
) -> None:
    """Merge more articles into a saved graph (articles already in it are skipped)."""
    import kg
    from kg.aliases import load_rules
    from kg.io import graph_lock, load, save

    problems = Problems()
    with errors(), graph_lock(graph), progress(paths) as (article_read, piece_read):
        rules = load_rules(aliases) if aliases else None
        G = load(graph) if graph.exists() else kg.new_graph()
        before = sum(1 for _, d in G.nodes(data=True) if d.get("type") == "article")
        options = _extraction_options(workers, engine, scheduler, cache, no_cache,
                                      article_timeout)
        G = kg.add(G, paths, on_problem=problems, rules=rules, progress=article_read,
                   on_piece=piece_read, **options)
        summary(G, before, problems)
        refuse_to_save(problems, strict)
        save(G, graph)


def _encounter_table(rows: Sequence[queries.Encounter]) -> Callable[[], Table]:
    def table() -> Table:
        t = _table("date", "person", "met", "where", "meeting")
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
    import queries

    G = _load(graph)
    with errors():
        rows = (queries.who_met(G, name, since=since, until=until) if name
                else queries.encounters(G, since=since, until=until))
    print_rows(rows, fmt, _encounter_table(rows))


def _meeting_table(rows: Sequence[queries.MeetingView]) -> Callable[[], Table]:
    def table() -> Table:
        t = _table("date", "status", "participants", "where", "topics", "sources")
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
    import queries

    G = _load(graph)
    with errors():
        rows = queries.meetings(G, participant=participant, since=since, until=until,
                                location=location, topic=topic, status=status)
    print_rows(rows, fmt, _meeting_table(rows))


@app.command()
def people(graph: GraphOption = Path("diplograph.json"), fmt: FormatOption = Format.table) -> None:
    """Every person in the graph."""
    import queries

    G = _load(graph)
    with errors():
        rows = queries.people(G)

    def table() -> Table:
        t = _table("name", "titles", "countries", "aliases")
        for p in rows:
            t.add_row(p.name, "; ".join(p.titles), ", ".join(p.countries), "; ".join(p.aliases))
        return t
    print_rows(rows, fmt, table)


@app.command()
def timeline(
    name: Annotated[str, typer.Argument(help="A person or a country.")],
    graph: GraphOption = Path("diplograph.json"),
    fmt: FormatOption = Format.table,
) -> None:
    """Everything a person or a country did, in date order."""
    import queries

    G = _load(graph)
    with errors():
        rows = queries.timeline(G, name)

    def table() -> Table:
        t = _table("date", "what", "who", "with", "where")
        for e in rows:
            t.add_row(e.date or "?", e.what, ", ".join(e.people), ", ".join(e.counterparts),
                      e.location or "")
        return t
    print_rows(rows, fmt, table)


@app.command()
def cooperation(
    country_a: Annotated[str, typer.Argument(help="A country.")],
    country_b: Annotated[str, typer.Argument(help="Another country.")],
    graph: GraphOption = Path("diplograph.json"),
    fmt: FormatOption = Format.table,
) -> None:
    """Cooperation areas discussed between two countries."""
    import queries

    G = _load(graph)
    with errors():
        rows = queries.cooperation_areas(G, country_a, country_b)

    def table() -> Table:
        t = _table("area", "meetings")
        for a in rows:
            t.add_row(a.area, str(a.count))
        return t
    print_rows(rows, fmt, table)


@app.command()
def conflicts(graph: GraphOption = Path("diplograph.json"), fmt: FormatOption = Format.table,
              ) -> None:
    """Meetings whose sources disagree (a date, a place)."""
    import queries

    G = _load(graph)
    with errors():
        rows = [m for m in queries.meetings(G) if m.conflicts]

    def table() -> Table:
        t = _table("meeting", "conflict")
        for m in rows:
            for c in m.conflicts:
                t.add_row(m.id, c)
        return t
    print_rows(rows, fmt, table)


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
        raise fail("nothing to export: give --graphml and/or --gexf")
    if projection not in (None, "people"):
        raise fail(f"unknown projection {projection!r}; expected 'people'")
    from kg.exports import write_gexf, write_graphml

    G = _load(graph)
    with errors():
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
    import queries
    from kg.view import write_html

    G = _load(graph)
    with errors():
        who = queries.find_person(G, person).id if person is not None else None
        write_html(G, out_path, since=since, until=until, person=who)
    err.print(f"wrote {out_path}", highlight=False, soft_wrap=True)


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Option(help="A folder of gold files (see tests/gold/README.md).")],
    paths: Annotated[list[str] | None, typer.Argument(help="Articles (default: seeds/).")]
    = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Build a graph from articles and score it against gold annotations."""
    import kg
    from evaluation import evaluate, format_report, load_gold

    with errors():
        gold_set = load_gold(gold)  # a wrong folder fails before any parsing
        report = evaluate(kg.build(paths or ["seeds"]), gold_set)
    if fmt is Format.json:
        sys.stdout.write(report.model_dump_json(indent=2) + "\n")
    else:
        out.print(format_report(report), highlight=False, soft_wrap=True)
