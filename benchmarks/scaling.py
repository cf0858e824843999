"""Build time as the corpus grows: the cost per article at 100, 200, 400 and 800 articles.

    python benchmarks/scaling.py [--max 800] [--workers 1] [--seed 1]

For each size, a generated corpus (benchmarks/corpus.py) is built the way `kg.build` builds it,
with the extraction cache off: reading the files, extraction, and the graph (resolution across
articles included), each timed. A cost per article that grows with the size points at a step
that is worse than linear.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

# The scripts of this folder come after the packages, so that `queries` is never this
# folder's queries.py; `corpus` is found here.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE] + [str(_HERE)]

from corpus import write_corpus  # noqa: E402
from machine import load_average  # noqa: E402

from extract.model import load_pipeline  # noqa: E402
from extract.parallel import run_extraction  # noqa: E402
from extract.sources import read_articles  # noqa: E402
from kg.building import graph_from_extractions  # noqa: E402

__all__ = ["SIZES", "main", "measure"]

SIZES = (100, 200, 400, 800)


def measure(folder: Path, *, workers: int = 1) -> dict[str, float]:
    """Seconds to read, extract and build the graph of the articles in `folder`."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    articles = list(read_articles([folder]))
    times["read"] = time.perf_counter() - start
    start = time.perf_counter()
    records = list(run_extraction(articles, workers=workers))
    times["extract"] = time.perf_counter() - start
    start = time.perf_counter()
    G = graph_from_extractions(records)
    times["graph"] = time.perf_counter() - start
    times["total"] = sum(times.values())
    times["articles"] = len(articles)
    times["words"] = sum(len(a.text.split()) for a in articles)
    times["nodes"], times["edges"] = G.number_of_nodes(), G.number_of_edges()
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max", type=int, default=SIZES[-1],
                        help="largest corpus to build (800); sizes double from 100")
    parser.add_argument("--workers", type=int, default=1, help="extraction processes (1)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (1)")
    args = parser.parse_args(argv)
    sizes = [n for n in SIZES if n <= args.max] or [args.max]

    load, _ = _seconds(load_pipeline)
    print(f"pipeline loaded once beforehand ({load:.2f} s), workers: {args.workers}, "
          f"load average at start: {load_average()}\n")
    print(f"{'articles':>8} {'words':>8} {'read s':>7} {'extract s':>9} {'graph s':>8} "
          f"{'total s':>8} {'ms/article':>10} {'graph ms/art':>12} {'nodes':>7} {'edges':>7}")
    with tempfile.TemporaryDirectory(prefix="diplograph-scaling-") as tmp:
        for n in sizes:
            folder, _ = write_corpus(Path(tmp) / str(n), n, seed=args.seed)
            t = measure(folder, workers=args.workers)
            print(f"{n:>8} {t['words']:>8,.0f} {t['read']:>7.2f} {t['extract']:>9.2f} "
                  f"{t['graph']:>8.2f} {t['total']:>8.2f} {1000 * t['total'] / n:>10.1f} "
                  f"{1000 * t['graph'] / n:>12.2f} {t['nodes']:>7,.0f} {t['edges']:>7,.0f}",
                  flush=True)
    print(f"\nload average at the end: {load_average()}")
    return 0


def _seconds(work):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


if __name__ == "__main__":
    raise SystemExit(main())
