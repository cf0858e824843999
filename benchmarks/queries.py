"""Query latency, persistence and memory on a large synthetic graph (no NLP involved).

    python benchmarks/queries.py [--meetings 100000] [--people 20000] [--queries 200]

A graph of `--meetings` meetings among `--people` people is built directly with `kg.add_node`
and `kg.add_edge` from the schema models (as tests/conftest.py builds its small graph): every
person affiliated with a country, every meeting with two or three participants, a date (day,
month or year precision, some undated), a place, topics, and the article that reported it.
Then, over `--queries` random questions each, the median and 95th percentile latency of
`who_met`, `meetings(since=, until=)`, `meetings_between` and `timeline` (the first call, which
builds the index, is reported on its own); the time and size of `save`/`load` (JSON) and of the
GraphML export; and the peak resident memory of the process after each step.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

# Run as a script, this file's folder comes first on the path and `import queries` would find
# this very file: the package must win.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import kg  # noqa: E402
import queries  # noqa: E402
from kg.io import save  # noqa: E402
from kg.schema import (  # noqa: E402
    ArticleNode,
    CooperationArea,
    Country,
    Edge,
    Location,
    Meeting,
    Person,
    Source,
)

__all__ = ["main", "synthetic_graph", "time_queries"]

_FIRST = ("Ar", "Be", "Ka", "Lo", "Mi", "Ta", "Ve", "Zo", "Da", "No", "Ri", "Sa", "El", "Or",
          "Fe", "Ju", "Ha", "Ilo", "Ma", "Te")
_FIRST_TAILS = ("len", "mir", "dan", "tas", "rio", "nja", "vik", "sel", "bor", "mat", "ric",
                "lia", "ran", "don", "mena", "ko", "lis", "ver")
_LAST = ("Var", "Kol", "Bren", "Tor", "Mal", "Dre", "Hal", "Ost", "Sav", "Lun", "Per", "Zan",
         "Gro", "Vel", "Mar", "Ruz", "Sten", "Dav", "Kir", "Bal", "Nor", "Fal")
_LAST_MIDS = ("", "a", "e", "o", "i", "an", "er", "ul")
_LAST_TAILS = ("enko", "ova", "ardi", "sson", "ez", "ani", "berg", "ovic", "ski", "ato",
               "elli", "ide", "mann", "oglu", "escu", "ulu", "ston", "ak")
_AREAS = ("agriculture", "energy", "trade", "healthcare", "education", "tourism", "transport",
          "security", "culture", "investment", "technology", "industry", "infrastructure",
          "food security", "mining", "finance")
_TITLES = ("President", "Prime Minister", "Foreign Minister", "Vice President", "Chancellor")


def _peak_mib() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


def _names(rng: random.Random, count: int) -> list[str]:
    names: dict[str, None] = {}
    while len(names) < count:
        first = rng.choice(_FIRST) + rng.choice(_FIRST_TAILS)
        last = rng.choice(_LAST) + rng.choice(_LAST_MIDS) + rng.choice(_LAST_TAILS)
        names.setdefault(f"{first} {last}")
    return list(names)


def _date(rng: random.Random) -> tuple[str | None, str | None]:
    day = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(31 * 365))
    roll = rng.random()
    if roll < 0.80:
        return day.isoformat(), "day"
    if roll < 0.92:
        return day.isoformat()[:7], "month"
    if roll < 0.97:
        return str(day.year), "year"
    return None, None


def synthetic_graph(meetings: int, people: int, *, seed: int = 1,
                    ) -> tuple[nx.MultiDiGraph, list[str], list[tuple[str, str]]]:
    """Return a graph of `meetings` meetings among `people` people.

    Also returns the people's names and, for every meeting, two of its participants' names.
    """
    rng = random.Random(seed)
    G = kg.new_graph()
    countries = [f"Country {i:03d}" for i in range(200)]
    for name in countries:
        kg.add_node(G, Country(id=kg.node_id("country", name), label=name, name=name))
    cities = [(f"City {i:04d}", rng.choice(countries)) for i in range(1000)]
    for name, country in cities:
        kg.add_node(G, Location(id=kg.node_id("location", name), label=name, name=name,
                                country=country))
    for area in _AREAS:
        kg.add_node(G, CooperationArea(id=kg.node_id("cooperation_area", area), label=area,
                                       name=area))
    names = _names(rng, people)
    ids = [kg.node_id("person", name) for name in names]
    for pid, name in zip(ids, names, strict=True):
        country = rng.choice(countries)
        kg.add_node(G, Person(id=pid, label=name, name=name, aliases=(name.split()[-1],),
                              titles=(rng.choice(_TITLES),), countries=(country,)))
        kg.add_edge(G, Edge(source=pid, target=kg.node_id("country", country),
                            relation="affiliated_with"))
    # Popularity follows a long tail, as in the news: a few people meet very often.
    ranks = range(people)
    cumulative = list(itertools.accumulate(1 / (rank + 10) for rank in ranks))
    pairs: list[tuple[str, str]] = []
    articles = max(1, meetings // 2)
    for a in range(articles):
        kg.add_node(G, ArticleNode(id=f"article:a{a:06d}", label=f"a{a:06d}.txt",
                                   path=f"a{a:06d}.txt", content_hash=f"{a:040x}"))
    for m in range(meetings):
        chosen: list[int] = []
        while len(chosen) < (3 if rng.random() < 0.1 else 2):
            k = rng.choices(ranks, cum_weights=cumulative)[0] if rng.random() < 0.5 else \
                rng.randrange(people)
            if k not in chosen:
                chosen.append(k)
        date, precision = _date(rng)
        city, _ = rng.choice(cities)
        article = f"article:a{m % articles:06d}"
        who = " – ".join(names[k] for k in chosen)
        source = Source(article=article, evidence=f"{who} met in {city}.", start=0,
                        end=len(who) + 9 + len(city))
        mid = f"meeting:m{m:06d}"
        kg.add_node(G, Meeting(id=mid, label=f"{who} ({date or 'undated'})", date=date,
                               date_precision=precision, status="held", location=city,
                               confidence=0.8, sources=(source,)))
        for k in chosen:
            kg.add_edge(G, Edge(source=ids[k], target=mid, relation="participated_in",
                                sources=(source,)))
        kg.add_edge(G, Edge(source=mid, target=kg.node_id("location", city),
                            relation="held_in", sources=(source,)))
        for area in rng.sample(_AREAS, rng.randint(0, 3)):
            kg.add_edge(G, Edge(source=mid, target=kg.node_id("cooperation_area", area),
                                relation="discussed", sources=(source,)))
        kg.add_edge(G, Edge(source=mid, target=article, relation="reported_by",
                            sources=(source,)))
        pairs.append((names[chosen[0]], names[chosen[1]]))
    return G, names, pairs


def _stats(seconds: list[float]) -> tuple[float, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def time_queries(G: nx.MultiDiGraph, names: list[str], pairs: list[tuple[str, str]], *,
                 count: int = 200, seed: int = 2) -> dict[str, tuple[float, float, float]]:
    """(median s, p95 s, mean rows) per kind of query, over `count` random queries each."""
    rng = random.Random(seed)

    def window(longest: int) -> dict[str, str]:
        start = dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(30 * 365))
        end = start + dt.timedelta(days=rng.randint(1, longest))
        return {"since": start.isoformat(), "until": end.isoformat()}

    def two() -> tuple[str, str]:
        # Half the pairs did meet; the other half are two people taken at random.
        return rng.choice(pairs) if rng.random() < 0.5 else (rng.choice(names),
                                                               rng.choice(names))

    questions: dict[str, list[tuple[Callable[..., list[Any]], tuple[Any, ...], dict]]] = {
        "who_met": [(queries.who_met, (rng.choice(names),), {}) for _ in range(count)],
        # A person's span of years; a span of days of the whole graph.
        "who_met(since, until)": [(queries.who_met, (rng.choice(names),), window(5 * 365))
                                  for _ in range(count)],
        "meetings(since, until)": [(queries.meetings, (), window(60)) for _ in range(count)],
        "meetings_between": [(queries.meetings_between, two(), {}) for _ in range(count)],
        "timeline": [(queries.timeline, (rng.choice(names),), {}) for _ in range(count)],
    }
    results = {}
    for kind, asked in questions.items():
        seconds, rows = [], []
        for query, args, options in asked:
            start = time.perf_counter()
            answer = query(G, *args, **options)
            seconds.append(time.perf_counter() - start)
            rows.append(len(answer))
        median, p95 = _stats(seconds)
        results[kind] = (median, p95, statistics.mean(rows))
    return results


# Each runs in a fresh interpreter: its time, and the peak memory of a process that does only
# that (a command loading a graph, or exporting one).
_PEAK = """
def peak_mib():  # this process's own high-water mark (ru_maxrss would count the parent's)
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM")) / 1024
"""
_LOAD = _PEAK + """
import sys, time
from kg.io import load
start = time.perf_counter()
G = load(sys.argv[1])
seconds = time.perf_counter() - start
print(seconds, peak_mib(),
      G.number_of_nodes(), G.number_of_edges())
"""
_STDLIB_LOAD = _PEAK + """
import sys, time, json
import networkx as nx
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as f:
    G = nx.node_link_graph(json.load(f), edges="links")
seconds = time.perf_counter() - start
print(seconds, peak_mib(),
      G.number_of_nodes(), G.number_of_edges())
"""
_GRAPHML = _PEAK + """
import sys, time
from kg.exports import write_graphml
from kg.io import load
G = load(sys.argv[1])
start = time.perf_counter()
write_graphml(G, sys.argv[2] + "/graph.graphml")
seconds = time.perf_counter() - start
print(seconds, peak_mib(), 0, 0)
"""


def _fresh(script: str, path: Path, folder: str) -> tuple[float, float, list[int]]:
    """Run `script` on `path` in a fresh interpreter: its seconds, peak MiB and graph size."""
    out = subprocess.run([sys.executable, "-c", script, str(path), folder], check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0]), float(out[1]), [int(out[2]), int(out[3])]


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 2**20:,.1f} MiB"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--meetings", type=int, default=100_000, help="meetings (100000)")
    parser.add_argument("--people", type=int, default=20_000, help="people (20000)")
    parser.add_argument("--queries", type=int, default=200, help="queries of each kind (200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    args = parser.parse_args(argv)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    start = time.perf_counter()
    G, names, pairs = synthetic_graph(args.meetings, args.people, seed=args.seed)
    built = time.perf_counter() - start
    print(f"graph: {G.number_of_nodes():,} nodes, {G.number_of_edges():,} edges, "
          f"built in {built:.1f} s with kg.add_node/add_edge; peak memory {_peak_mib():,.0f} MiB")

    start = time.perf_counter()
    queries.who_met(G, names[0])
    print(f"first query (builds the index): {time.perf_counter() - start:.2f} s; "
          f"peak memory {_peak_mib():,.0f} MiB\n")
    print(f"{'query':<24}{'median ms':>10}{'p95 ms':>10}{'mean rows':>11}"
          f"   ({args.queries} random queries each)")
    for kind, (median, p95, rows) in time_queries(G, names, pairs, count=args.queries).items():
        print(f"{kind:<24}{1000 * median:>10.3f}{1000 * p95:>10.3f}{rows:>11.1f}")

    print()
    with tempfile.TemporaryDirectory(prefix="diplograph-queries-") as tmp:
        path, plain = Path(tmp) / "graph.json", Path(tmp) / "plain.json"
        start = time.perf_counter()
        save(G, path)
        saved = time.perf_counter() - start
        peak_saved = _peak_mib()
        start = time.perf_counter()
        plain.write_text(json.dumps(nx.node_link_data(G, edges="links")), encoding="utf-8")
        stdlib = time.perf_counter() - start
        print(f"{'save (JSON)':<24}{saved:>8.2f} s  {_size(path):>12}  "
              f"(json + nx.node_link_data: {stdlib:.2f} s); peak memory of the process "
              f"after building, indexing, querying and saving: {peak_saved:,.0f} MiB")
        size = (G.number_of_nodes(), G.number_of_edges())
        del G  # what follows runs in fresh processes, as a command would
        for label, script in (("load (JSON)", _LOAD), ("stdlib json load", _STDLIB_LOAD),
                              ("GraphML export", _GRAPHML)):
            seconds, peak, got = _fresh(script, path if "plain" not in label else plain, tmp)
            note = f"same size: {got == list(size)}" if "load" in label else ""
            print(f"{label:<24}{seconds:>8.2f} s  peak {peak:>6,.0f} MiB  {note}")
    print(f"\npeak memory of the process: {_peak_mib():,.0f} MiB (the standard library's save "
          "included); "
          f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
