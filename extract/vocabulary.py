"""The labelled word lists the extraction rules read (``data/vocabulary.toml``).

Rules never hold word lists of their own: a component loads a `Words` and hands it to the rules
it runs, so that a list is changed in one data file, and a pipeline saved with
``nlp.to_disk`` carries the lists it was built with.

>>> words = Words.load()
>>> "oglu" in words["name_particles"], "he" in words["pronouns"]
(True, True)
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["VOCABULARY", "Words", "read_data"]

DATA = Path(__file__).parent / "data"
VOCABULARY = DATA / "vocabulary.toml"


def read_data(name: str) -> dict[str, Any]:
    """The tables of one of the extractor's TOML data files (``data/<name>``)."""
    return _read_toml(DATA / name)


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


class Words(Mapping[str, frozenset[str]]):
    """Word lists by label; a missing label is a `KeyError` naming the labels there are."""

    def __init__(self, lists: Mapping[str, frozenset[str]]) -> None:
        self._lists = dict(lists)
        self._unions: dict[tuple[str, ...], frozenset[str]] = {}

    @classmethod
    def load(cls, path: str | Path = VOCABULARY) -> Words:
        """Read a vocabulary file: a TOML table per label, its ``words`` a string of words
        split on white space or an array of phrases."""
        return _load(Path(path))

    def __getitem__(self, label: str) -> frozenset[str]:
        try:
            return self._lists[label]
        except KeyError:
            raise KeyError(f"no word list {label!r}; there are {', '.join(sorted(self))}") from None

    def union(self, *labels: str) -> frozenset[str]:
        """The words of several lists (worked out once)."""
        if labels not in self._unions:
            self._unions[labels] = frozenset().union(*(self[label] for label in labels))
        return self._unions[labels]

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)

    def to_disk(self, path: str | Path) -> None:
        """Write the lists as JSON, for a component's ``to_disk``."""
        import srsly  # only pipelines saved to disk need it: reading pages does without

        srsly.write_json(path, {label: sorted(words) for label, words in self._lists.items()})

    @classmethod
    def from_disk(cls, path: str | Path) -> Words:
        """Read lists written by `to_disk`."""
        import srsly

        return cls({label: frozenset(words) for label, words in srsly.read_json(path).items()})


@functools.cache
def _load(path: Path) -> Words:
    tables = _read_toml(path)
    return Words({label: frozenset(table["words"].split() if isinstance(table["words"], str)
                                   else table["words"])
                  for label, table in tables.items()})
