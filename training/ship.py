"""Put the trained reader where the extractor loads it: ``extract/data/meeting_pairs``.

Run by ``make model`` after ``spacy train``. The pipeline folder is copied as it is, but for its
meta: it names this project, asks for the spaCy versions the project itself allows, and records
the version of every package the project installs (``trained_with``). Training is deterministic
with its seed, but what it reads is not fixed by the seed alone: another release of a
dependency (a date parser that reads one phrase otherwise, say) changes a few features, and
with them the weights. The record says which environment gives these weights byte for byte.
"""

from __future__ import annotations

import shutil
import sys
from importlib import metadata
from pathlib import Path

import srsly
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent
TRAINED = ROOT / "model" / "model-best"
SHIPPED = ROOT.parent / "extract" / "data" / "meeting_pairs"


def installed_requirements(project: str = "diplograph") -> dict[str, str]:
    """Every package `pip install <project>` brings, with the version installed, by name.

    Extras are left out: the tests' and the cluster's packages do not reach the weights.
    """
    versions: dict[str, str] = {}
    todo = [project]
    while todo:
        for line in metadata.requires(todo.pop()) or []:
            requirement = Requirement(line)
            name = canonicalize_name(requirement.name)
            if name in versions or (requirement.marker
                                    and not requirement.marker.evaluate({"extra": ""})):
                continue
            versions[name] = metadata.version(requirement.name)
            todo.append(requirement.name)
    return dict(sorted(versions.items()))


def ship(trained: Path = TRAINED, shipped: Path = SHIPPED) -> Path:
    """Copy a trained pipeline folder into the package; return where it went."""
    shutil.rmtree(shipped, ignore_errors=True)
    shutil.copytree(trained, shipped)
    meta = srsly.read_json(shipped / "meta.json")
    meta.update(name="diplograph_meeting_pairs", version="1.0.0",
                spacy_version=">=3.8.0,<3.9.0",
                description="The learned reader of meetings of diplograph (training/README.md)",
                trained_with=installed_requirements())
    srsly.write_json(shipped / "meta.json", meta)
    return shipped


if __name__ == "__main__":
    print(f"shipped {ship()}")
    sys.exit(0)
