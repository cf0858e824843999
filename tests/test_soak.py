"""Every article the project holds builds, each within its time budget: the seeds, every gold
set and the training corpus (issue 13). How fast is measured by benchmarks/real.py, which
prints the slowest article's seconds; here only the budget, thirty seconds a page, is held."""

from __future__ import annotations

from pathlib import Path

import kg
from extract.sources import Problem

ROOT = Path(__file__).resolve().parent.parent
HELD = [ROOT / "seeds", *sorted((ROOT / "tests" / "gold").glob("*/articles")),
        *(ROOT / "training" / split / "articles" for split in ("train", "dev", "test", "reserve"))]


def test_every_page_the_project_holds_builds_within_its_budget():
    problems: list[Problem] = []
    G = kg.build(HELD, on_problem=problems.append, workers=2)
    files = {p.read_bytes() for folder in HELD for p in folder.iterdir() if p.is_file()}
    assert len(files) > 500
    assert [f"{p.path}: {p.reason}" for p in problems if p.severity != "warning"] == []
    articles = kg.nodes_of_type(G, "article")
    assert len(articles) == len(files)  # one node for each distinct page, none lost
    assert len(kg.nodes_of_type(G, "meeting")) > 300
