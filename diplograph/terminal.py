"""What the `diplograph` command prints: one line per problem and per error, a summary, tables
or JSON, and a progress bar on a terminal.

Nothing here imports the graph, the queries or the extraction: a command imports what it uses,
when it runs, so that ``diplograph --help`` and the queries start at once.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from diplograph.errors import DiplographError

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.table import Table

    from extract.records import ArticleExtraction
    from extract.sources import Problem

__all__ = ["EXIT_ERROR", "EXIT_MISSING", "Format", "Problems", "err", "errors", "fail", "out",
           "print_rows", "progress", "refuse_to_save", "summary"]

out = Console()
err = Console(stderr=True)

EXIT_ERROR = 1
EXIT_MISSING = 2  # a path that does not exist, as for any Unix tool


class Format(str, Enum):
    table = "table"
    json = "json"


def fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    """Print one error line and return the exit to raise."""
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


@contextmanager
def errors() -> Iterator[None]:
    """Turn the library's errors into one line and an exit code."""
    try:
        yield
    except DiplographError as e:  # anything else is a bug, and shows its traceback
        raise fail(str(e)) from None


class Problems:
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


def summary(G: Any, before: int, problems: Problems) -> None:
    """The line that sums up a build: what was read and skipped, and what the graph holds."""
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


def refuse_to_save(problems: Problems, strict: bool) -> None:
    """A missing input, or a skipped one under --strict, leaves the graph file as it was."""
    if problems.count("missing"):
        raise typer.Exit(EXIT_MISSING)
    if strict and problems.count("skipped"):
        raise fail("--strict: some inputs were skipped; the graph was not written")


def print_rows(rows: Sequence[BaseModel] | BaseModel, fmt: Format,
               table: Callable[[], Table]) -> None:
    """Rows as JSON on stdout, or as the table `table` draws."""
    if fmt is Format.json:
        data = rows.model_dump(mode="json") if not isinstance(rows, Sequence) else [
            r.model_dump(mode="json") for r in rows]
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(table())


def _input_bytes(paths: Iterable[str]) -> int | None:
    """How many bytes the inputs hold (None when one is standard input)."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        if os.path.isdir(path):
            total += sum(os.path.getsize(os.path.join(folder, name))
                         for folder, _, names in os.walk(path) for name in names)
        elif os.path.isfile(path):
            total += os.path.getsize(path)
    return total


@contextmanager
def progress(paths: Iterable[str]) -> Iterator[tuple[Callable[[ArticleExtraction], None],
                                                     Callable[[str, int, int], None]]]:
    """A progress bar while articles are read, silent when stderr is not a terminal: how much
    of the input is read, and which article (and which piece of a long one) is being read.

    It is redrawn as each article or piece comes, not by a refresh thread: with no other thread
    running, worker processes can be forked with the model already loaded. Yields the two
    callbacks `kg.build` takes: ``progress`` (an article read) and ``on_piece``.
    """
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn

    with Progress(SpinnerColumn(), BarColumn(), TextColumn("{task.description}"), console=err,
                  transient=True, disable=not err.is_terminal, auto_refresh=False) as bar:
        task = bar.add_task("reading articles", total=_input_bytes(paths))

        def article(extraction: ArticleExtraction) -> None:
            bar.update(task, advance=len(extraction.article.text.encode("utf-8", "replace")),
                       refresh=True, description=f"read {extraction.article.path}")

        def piece(path: str, number: int, pieces: int) -> None:
            bar.update(task, refresh=True, description=f"reading {path}: {number}/{pieces}")

        yield article, piece
