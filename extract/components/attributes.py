"""The model's attribute ruler, its patterns matched by table: the same annotations, faster.

spaCy's ``attribute_ruler`` sets each token's coarse part of speech and morphology from the
tagger's fine tag, with exceptions for some words. It runs a Matcher of some 180 patterns over
every token, and on news that costs as much as the parser. The model's patterns look only at
the TAG, LOWER, DEP and IS_SPACE of one token or of two in a row, so the patterns that match at
a token depend only on those values of the token (and of the next): they are worked out once
for each distinct token, and looked up after. The matches, and the code that applies them
(`AttributeRuler.set_annotations`), are the ones spaCy's would give; patterns of any other shape
(another model's) are matched by spaCy's Matcher as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

__all__ = ["ATTRIBUTES", "TabledAttributeRuler"]

ATTRIBUTES = "diplograph_attributes"

_READ = ("TAG", "LOWER", "DEP", "IS_SPACE")  # the order of a token's values below
_ARRAY = [TAG, LOWER, DEP, IS_SPACE]

Match = tuple[int, int, int]  # attribute id, match id, length in tokens


class TabledAttributeRuler(AttributeRuler):
    """An `AttributeRuler` whose one- and two-token patterns are matched by table lookups."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._table: _Table | None = None  # worked out on the first Doc after a change
        super().__init__(*args, **kwargs)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if self._table is None:
            self._table = _Table.of(self.vocab.strings, self.patterns)
        table = self._table
        if table is None or not len(doc):
            return super().match(doc)
        masks = [table.mask(tuple(row)) for row in doc.to_array(_ARRAY).tolist()]
        found = [(attr, key, i, i + length)
                 for i, mask in enumerate(masks)
                 for attr, key, length in table.matches(mask, masks[i + 1] if i + 1 < len(masks)
                                                        else 0)]
        found.sort()
        return found

    def add(self, patterns: Any, attrs: dict[str, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._table = None

    def clear(self) -> None:
        super().clear()
        self._table = None


class _Table:
    """The pattern tokens a token satisfies, as the bits of one integer.

    Bit j stands for the j-th token of all patterns. A token's mask is the AND, over the values
    it is read by, of the tokens each value satisfies; each value's mask is worked out once
    (equalities and IN lists by index, other tests on the value), and so is each token's.
    """

    def __init__(self, strings: Any, tokens: list[dict[str, Any]],
                 patterns: list[tuple[Match, list[int]]]) -> None:
        self.strings = strings
        self.patterns = patterns
        everyone = (1 << len(tokens)) - 1
        self.free = [everyone] * len(_READ)  # per value read: the tokens that do not read it
        self.equal: list[dict[Any, int]] = [{} for _ in _READ]
        self.tests: list[list[tuple[int, Callable[[Any], bool]]]] = [[] for _ in _READ]
        for j, token in enumerate(tokens):
            for name, wanted in token.items():
                k = _READ.index(name)
                self.free[k] &= ~(1 << j)
                if not isinstance(wanted, dict):
                    wanted = {"IN": [wanted]}
                [(op, arg)] = wanted.items()
                if op == "IN":
                    for value in arg:
                        self.equal[k][value] = self.equal[k].get(value, 0) | 1 << j
                else:
                    self.tests[k].append((j, _TESTS[op](arg)))
        self.by_value: list[dict[Any, int]] = [{} for _ in _READ]
        self.by_row: dict[tuple[int, ...], int] = {}
        self.by_mask: dict[tuple[int, int], list[Match]] = {}
        self.firsts = 0  # tokens that start a two-token pattern
        for _, place in patterns:
            if len(place) == 2:
                self.firsts |= 1 << place[0]

    @classmethod
    def of(cls, strings: Any, entries: Sequence[dict[str, Any]]) -> _Table | None:
        """The table of an AttributeRuler's patterns; None if one has another shape."""
        tokens: list[dict[str, Any]] = []
        patterns: list[tuple[Match, list[int]]] = []
        for attr_id, entry in enumerate(entries):
            key = strings.add(str(attr_id))  # the match id AttributeRuler.add gives the entry
            for pattern in entry["patterns"]:
                if not 1 <= len(pattern) <= 2 or not all(map(_readable, pattern)):
                    return None
                patterns.append(((attr_id, key, len(pattern)),
                                 list(range(len(tokens), len(tokens) + len(pattern)))))
                tokens.extend(pattern)
        return cls(strings, tokens, patterns)

    def mask(self, row: tuple[int, ...]) -> int:
        mask = self.by_row.get(row)
        if mask is None:
            mask = -1
            for k, number in enumerate(row):
                value = bool(number) if _READ[k] == "IS_SPACE" else self.strings[number]
                mask &= self._value_mask(k, value)
            self.by_row[row] = mask
        return mask

    def _value_mask(self, k: int, value: Any) -> int:
        mask = self.by_value[k].get(value)
        if mask is None:
            mask = self.free[k] | self.equal[k].get(value, 0)
            for j, test in self.tests[k]:
                if test(value):
                    mask |= 1 << j
            self.by_value[k][value] = mask
        return mask

    def matches(self, mask: int, after: int) -> list[Match]:
        """The patterns that match at a token of `mask`, followed by a token of `after`."""
        key = (mask, after if mask & self.firsts else 0)
        found = self.by_mask.get(key)
        if found is None:
            found = self.by_mask[key] = [
                match for match, place in self.patterns
                if mask >> place[0] & 1 and (len(place) == 1 or after >> place[1] & 1)]
        return found


def _not_in(arg: Any) -> Callable[[Any], bool]:
    excluded = frozenset(arg)
    return lambda value: value not in excluded


def _regex(arg: Any) -> Callable[[Any], bool]:
    pattern = re.compile(arg)
    return lambda value: bool(pattern.search(value))


_TESTS: dict[str, Callable[[Any], Callable[[Any], bool]]] = {"NOT_IN": _not_in, "REGEX": _regex}


def _readable(token: dict[str, Any]) -> bool:
    """Whether the table can read this pattern token (the model's all are)."""
    return all(name in _READ and (not isinstance(wanted, dict) or (
        len(wanted) == 1 and next(iter(wanted)) in {"IN", *_TESTS}))
        for name, wanted in token.items())


@Language.factory(ATTRIBUTES, default_config={"validate": False})
def make_attributes(nlp: Language, name: str, validate: bool) -> TabledAttributeRuler:
    return TabledAttributeRuler(nlp.vocab, name, validate=validate)
