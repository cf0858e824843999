"""Put the trained reader where the extractor loads it: ``extract/data/meeting_pairs``.

Run by ``make model`` after ``spacy train``. The pipeline folder is copied as it is, but for its
meta: it names this project, and it asks for the spaCy versions the project itself allows.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import srsly

ROOT = Path(__file__).resolve().parent
TRAINED = ROOT / "model" / "model-best"
SHIPPED = ROOT.parent / "extract" / "data" / "meeting_pairs"


def ship(trained: Path = TRAINED, shipped: Path = SHIPPED) -> Path:
    """Copy a trained pipeline folder into the package; return where it went."""
    shutil.rmtree(shipped, ignore_errors=True)
    shutil.copytree(trained, shipped)
    meta = srsly.read_json(shipped / "meta.json")
    meta.update(name="diplograph_meeting_pairs", version="1.0.0",
                spacy_version=">=3.8.0,<3.9.0",
                description="The learned reader of meetings of diplograph (training/README.md)")
    srsly.write_json(shipped / "meta.json", meta)
    return shipped


if __name__ == "__main__":
    print(f"shipped {ship()}")
    sys.exit(0)
