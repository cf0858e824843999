"""Extraction throughput: diplograph's build against bare spaCy, two workers, and the cache.

    python benchmarks/throughput.py [--n 200] [--rounds 3] [--workers 2]

On the same generated articles (benchmarks/corpus.py), in one process:

1. bare spaCy: the full model (`load_nlp()`), ``list(nlp.pipe(texts))`` on the raw texts;
   diplograph's build: extraction (cache off, one process) and the graph. The two alternate,
   `--rounds` times, so that a slow spell of the machine hits both; the median round counts.
2. `--workers` processes against one, alternating too (this process and `--workers` - 1
   worker processes, whose start-up is included), and a check that the records
   and the graph are identical.
3. a rebuild from a warm extraction cache against the first build that filled it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

# The scripts of this folder come after the packages, so that `queries` is never this
# folder's queries.py; `corpus` is found here.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE] + [str(_HERE)]

import networkx as nx  # noqa: E402
from corpus import write_corpus  # noqa: E402
from machine import load_average  # noqa: E402

from extract.cache import ExtractionCache  # noqa: E402
from extract.model import load_nlp, load_pipeline  # noqa: E402
from extract.parallel import run_extraction  # noqa: E402
from extract.records import Article, ArticleExtraction  # noqa: E402
from extract.sources import read_articles  # noqa: E402
from kg.building import graph_from_extractions  # noqa: E402

__all__ = ["build_graph", "main", "same_graph", "timed"]


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    """Run `work` once; return the seconds it took and what it returned."""
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def build_graph(articles: Sequence[Article], **options: Any,
                ) -> tuple[nx.MultiDiGraph, list[ArticleExtraction]]:
    """Extract (with `run_extraction` options) and build the graph, as `kg.build` does."""
    records = list(run_extraction(articles, **options))
    return graph_from_extractions(records), records


def same_graph(G: nx.MultiDiGraph, H: nx.MultiDiGraph) -> bool:
    """Whether two graphs have the same nodes, edges, keys and attributes."""
    return (G.graph == H.graph and dict(G.nodes(data=True)) == dict(H.nodes(data=True))
            and sorted(G.edges(keys=True, data=True), key=repr)
            == sorted(H.edges(keys=True, data=True), key=repr))


_REBUILD = """
import sys, time
start = time.perf_counter()
from extract.cache import ExtractionCache
from extract.model import load_nlp
from extract.parallel import run_extraction
from extract.sources import read_articles
from kg.building import graph_from_extractions
cache = ExtractionCache(sys.argv[2])
G = graph_from_extractions(run_extraction(read_articles([sys.argv[1]]), cache=cache))
print(time.perf_counter() - start, load_nlp.cache_info().currsize > 0, cache.hits, cache.misses)
"""


def _fresh_process_rebuild(folder: Path, cache: Path) -> tuple[float, bool, int, int]:
    """Rebuild from the cache in a new interpreter, as the command line would.

    Returns the seconds, whether the spaCy model was loaded, and the cache's hits and misses.
    """
    out = subprocess.run([sys.executable, "-c", _REBUILD, str(folder), str(cache)],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), out[1] == "True", int(out[2]), int(out[3])


def _row(label: str, seconds: float, words: int | None = None, note: str = "") -> str:
    rate = f"{words / seconds:>10,.0f} words/s" if words else " " * 18
    return f"  {label:<34}{seconds:>8.2f} s  {rate}  {note}".rstrip()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200, help="articles (200)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (1)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (3)")
    parser.add_argument("--workers", type=int, default=2, help="processes to compare with one")
    parser.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size (16)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="diplograph-bench-") as tmp:
        folder, _ = write_corpus(Path(tmp) / "corpus", args.n, seed=args.seed)
        articles = list(read_articles([folder]))
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)
        print(f"{len(articles)} generated articles, {words:,} words "
              f"({words / len(articles):.0f} per article); load average {load_average()}\n")

        load_bare, bare_nlp = timed(load_nlp)
        load_ours, _ = timed(load_pipeline)
        print("model load")
        print(_row("bare spaCy (load_nlp)", load_bare))
        print(_row("extraction pipeline", load_ours, note="(shares nothing with the bare one)"))
        # Warm up both, so that the first round pays for no lazy initialisation.
        list(bare_nlp.pipe(texts[:8]))
        build_graph(articles[:8], batch_size=args.batch_size)

        bare_times, build_times = [], []
        for _ in range(args.rounds):
            bare_times.append(timed(lambda: list(bare_nlp.pipe(texts,
                                                               batch_size=args.batch_size)))[0])
            build_times.append(timed(lambda: build_graph(articles,
                                                         batch_size=args.batch_size))[0])
        bare, build = statistics.median(bare_times), statistics.median(build_times)
        print(f"\nbare spaCy against the build, median of {args.rounds} alternating rounds")
        print(_row("bare spaCy: nlp.pipe", bare, words,
                   "rounds " + " ".join(f"{t:.2f}" for t in bare_times)))
        print(_row("diplograph: extract + graph", build, words,
                   "rounds " + " ".join(f"{t:.2f}" for t in build_times)))
        print(f"  build / bare: {build / bare:.2f}x the time "
              f"({bare / build:.0%} of bare spaCy's words per second)")

        if args.workers > 1:
            ones, manys = [], []
            for _ in range(args.rounds):
                one, (G1, r1) = timed(lambda: build_graph(articles, batch_size=args.batch_size))
                many, (G2, r2) = timed(lambda: build_graph(articles, workers=args.workers,
                                                           batch_size=args.batch_size))
                ones.append(one)
                manys.append(many)
            one, many = statistics.median(ones), statistics.median(manys)
            print(f"\n{args.workers} worker processes against one, median of {args.rounds} "
                  "alternating rounds")
            print(_row("1 process (model already loaded)", one, words,
                       "rounds " + " ".join(f"{t:.2f}" for t in ones)))
            print(_row(f"{args.workers} processes (start-up included)", many, words,
                       "rounds " + " ".join(f"{t:.2f}" for t in manys)))
            print(f"  speed-up: {one / many:.2f}x; with the single process paying its model "
                  f"load too: {(one + load_ours) / many:.2f}x")
            print(f"  identical records: {r1 == r2}; identical graph: {same_graph(G1, G2)}")

        cache_folder = Path(tmp) / "cache"
        cache = ExtractionCache(cache_folder)
        first, (G1, _) = timed(lambda: build_graph(list(read_articles([folder])), cache=cache,
                                                   batch_size=args.batch_size))
        again = ExtractionCache(cache_folder)
        rebuild, (G2, _) = timed(lambda: build_graph(list(read_articles([folder])),
                                                     cache=again, batch_size=args.batch_size))
        print("\nextraction cache (reading the files included)")
        print(_row("first build (fills the cache)", first, words))
        print(_row("rebuild from the cache", rebuild, words,
                   f"{again.hits} hits, {again.misses} misses"))
        print(f"  speed-up: {first / rebuild:.1f}x; identical graph: {same_graph(G1, G2)}")
        seconds, loaded, hits, misses = _fresh_process_rebuild(folder, cache_folder)
        print(_row("rebuild in a fresh process", seconds, words,
                   f"imports included; {hits} hits, {misses} misses; model loaded: {loaded}"))
        if misses:
            print("  (misses in a fresh process: the extract package changed since the cache "
                  "was filled, so its fingerprint did)")
    print(f"\nload average at the end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
