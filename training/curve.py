"""The learning curve of the reader: train on a share of the train split, score dev and test.

    python training/curve.py            # 25, 50 and 100 % of train (a few minutes)

Each share trains with the same config and seed as `make model`, into training/curve/; the
scores are summaries only (the misses of test are never printed).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from score import score  # noqa: E402

import extract.learned  # noqa: E402, F401  (registers the component the trained folder names)
from extract.learned import PAIRS  # noqa: E402
from extract.model import _load_model, load_pipeline  # noqa: E402

SHARES = (0.25, 0.5, 1.0)


def train(share: float) -> Path:
    """Train on `share` of the train split; return the best model's folder."""
    out = ROOT / "curve" / f"{round(share * 100)}"
    subprocess.run([sys.executable, "-m", "spacy", "train", str(ROOT / "meeting_pairs.cfg"),
                    "--code", str(ROOT / "reader.py"), "--output", str(out),
                    "--paths.train_share", str(share)],
                   check=True, capture_output=True, cwd=ROOT.parent)
    return out / "model-best"


def meetings_f1(split: str) -> str:
    line = next(row for row in score(split).splitlines() if row.strip().startswith("meetings"))
    return line.split()[3]


def main() -> int:
    nlp = load_pipeline()
    for share in SHARES:
        trained = _load_model(str(train(share)), ())
        nlp.remove_pipe(PAIRS)
        nlp.add_pipe(PAIRS, source=trained, before="diplograph_topics")
        print(f"{share:>5.0%} of train: meetings F1 dev {meetings_f1('dev')}, "
              f"test {meetings_f1('test')}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
