"""Score the extractor on a split of the corpus, as `diplograph eval` scores.

    python training/score.py test              # the pipeline as it ships
    python training/score.py test --rules-only # the rules alone, on the same pages

The pages are read with their addresses (``manifest.jsonl``), as a crawler's JSON lines would
give them. Only the summary is printed: the misses of the test split are never read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from reader import pages  # noqa: E402

from evaluation import evaluate, format_report, load_gold  # noqa: E402
from extract.model import load_pipeline  # noqa: E402
from extract.pipeline import extract_articles  # noqa: E402
from kg.building import graph_from_extractions  # noqa: E402

SUMMARY_LINES = 12


def score(split: str, *, learned: bool = True, misses: bool = False) -> str:
    """The report of one split: its summary, and its misses where asked (never for test)."""
    folder = ROOT / split
    nlp = load_pipeline(learned=learned)
    G = graph_from_extractions(extract_articles(pages(folder), nlp=nlp))
    report = format_report(evaluate(G, load_gold(folder))).splitlines()
    return "\n".join(report if misses and split != "test" else report[:SUMMARY_LINES])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("split", choices=("train", "dev", "test"))
    parser.add_argument("--rules-only", action="store_true", help="without the learned reader")
    parser.add_argument("--misses", action="store_true", help="list misses (not for test)")
    args = parser.parse_args()
    print(score(args.split, learned=not args.rules_only, misses=args.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
