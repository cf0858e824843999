"""How long the query commands take, whole process, against ``python -c "import networkx"``.

    python benchmarks/commands.py [--rounds 15]

Builds the seed graph once (into a temporary folder), then runs ``diplograph who-met``,
``meetings``, ``people``, ``timeline`` and ``--help`` on it in fresh processes, alternating with
the baseline for `--rounds` rounds; the median counts. Also lists what a query command imports
beyond networkx that costs the most (``python -X importtime``), and checks that it imports
nothing of spaCy, trafilatura, dateparser or `extract`.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from machine import load_average

__all__ = ["main"]

ROOT = Path(__file__).resolve().parent.parent
_CLI = [sys.executable, "-m", "diplograph"]
_BASELINE = [sys.executable, "-c", "import networkx"]
_NEVER = ("spacy", "trafilatura", "dateparser", "extract")


def _seconds(command: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def _commands(graph: str) -> dict[str, list[str]]:
    on_graph = ["--graph", graph]
    return {
        "who-met": ["who-met", *on_graph],
        "meetings": ["meetings", *on_graph],
        "people": ["people", *on_graph],
        "timeline": ["timeline", "Lukashenko", *on_graph],
        "--help": ["--help"],
    }


def _imports(command: Sequence[str]) -> list[tuple[int, str]]:
    """Top-level imports of a run and their cumulative microseconds, costliest first."""
    done = subprocess.run([sys.executable, "-X", "importtime", *command[1:]],
                          capture_output=True, text=True, check=True)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if cumulative.strip().isdigit() and not name.startswith("  "):
            rows.append((int(cumulative), name.strip()))
    return sorted(rows, reverse=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    print(f"load average {load_average()}; {args.rounds} alternating rounds, medians")
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-") as tmp:
        graph = str(Path(tmp) / "seeds.json")
        subprocess.run([*_CLI, "build", str(ROOT / "seeds"), "--no-cache", "--out", graph],
                       check=True, capture_output=True)
        commands = _commands(graph)
        base: list[float] = []
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            base.append(_seconds(_BASELINE))
            for name, command in commands.items():
                times[name].append(_seconds([*_CLI, *command]))
        b = statistics.median(base)
        print(f"  python -c 'import networkx'  {b:6.3f} s")
        for name, seconds in times.items():
            t = statistics.median(seconds)
            print(f"  diplograph {name:18s} {t:6.3f} s  {t / b:5.2f}x")
        imported = _imports([*_CLI, *commands["who-met"]])
    names = {name.split(".")[0] for _, name in imported}
    print(f"\nwho-met imports none of {', '.join(_NEVER)}: "
          f"{'yes' if names.isdisjoint(_NEVER) else 'NO: ' + ', '.join(names & set(_NEVER))}")
    print("its costliest top-level imports (ms, cumulative):")
    for micros, name in imported[:8]:
        print(f"  {micros / 1000:6.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
