"""How much the reader's scores owe to its training seed: train with several seeds, score dev.

    python training/variance.py [--seeds 1 2 3 4 5]   # about a minute and a half a seed
    python training/variance.py --train DIR           # trained on other pages (train + reserve)

Each seed trains with the config of `make model` (which uses seed 1) into training/variance/;
each model is scored on dev, on the seed articles' gold (tests/gold) and on the project's other
gold sets (tests/gold/*/, their mean meetings and pairs F1), never on test.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from curve import meetings_f1  # noqa: E402

import extract.learned  # noqa: E402, F401  (registers the component the trained folder names)
from evaluation import evaluate, load_gold  # noqa: E402
from extract.learned import PAIRS  # noqa: E402
from extract.model import _load_model, load_pipeline  # noqa: E402
from extract.pipeline import extract_articles  # noqa: E402
from extract.sources import read_articles  # noqa: E402
from kg.building import graph_from_extractions  # noqa: E402

GOLD = ROOT.parent / "tests" / "gold"


def train(seed: int, pages: Path | None = None) -> Path:
    """Train with `seed` (on the train split, or on `pages`); return the best model's folder."""
    out = ROOT / "variance" / str(seed)
    other = ["--paths.train", str(pages)] if pages is not None else []
    subprocess.run([sys.executable, "-m", "spacy", "train", str(ROOT / "meeting_pairs.cfg"),
                    "--code", str(ROOT / "reader.py"), "--output", str(out),
                    "--system.seed", str(seed), *other],
                   check=True, capture_output=True, cwd=ROOT.parent)
    return out / "model-best"


def _scores(articles: Path, gold: Path) -> tuple[float, float]:
    """Meetings and pairs F1 of the pipeline on a folder of articles against a gold folder."""
    G = graph_from_extractions(extract_articles(read_articles([articles]), nlp=load_pipeline()))
    report = evaluate(G, load_gold(gold)).articles
    return report.meetings.f1, report.pairs.f1


def seeds_f1() -> float:
    """Meetings F1 on the bundled seed articles against tests/gold."""
    return _scores(ROOT.parent / "seeds", GOLD)[0]


def gold_sets_f1() -> tuple[float, float]:
    """Mean meetings and pairs F1 over the project's gold sets (tests/gold/*/)."""
    scores = [_scores(folder / "articles", folder)
              for folder in sorted(p.parent for p in GOLD.glob("*/articles"))]
    return statistics.mean(m for m, _ in scores), statistics.mean(p for _, p in scores)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    parser.add_argument("--train", type=Path, help="a folder of pages to train on instead")
    args = parser.parse_args()
    nlp = load_pipeline()
    pages = args.train.resolve() if args.train else None  # spaCy trains from the project
    dev, seeds, gold = [], [], []
    for seed in args.seeds:
        trained = _load_model(str(train(seed, pages)), ())
        nlp.remove_pipe(PAIRS)
        nlp.add_pipe(PAIRS, source=trained, before="diplograph_topics")
        dev.append(float(meetings_f1("dev")))
        seeds.append(seeds_f1())
        gold.append(gold_sets_f1())
        print(f"seed {seed}: meetings F1 dev {dev[-1]:.3f}, seed articles {seeds[-1]:.3f}, "
              f"gold sets {gold[-1][0]:.3f} (pairs {gold[-1][1]:.3f})", flush=True)
    if len(dev) > 1:
        print(f"dev {statistics.mean(dev):.3f} ± {statistics.stdev(dev):.3f} (sd), "
              f"seed articles {statistics.mean(seeds):.3f} ± {statistics.stdev(seeds):.3f}, "
              f"gold sets {statistics.mean(m for m, _ in gold):.3f} "
              f"(pairs {statistics.mean(p for _, p in gold):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
