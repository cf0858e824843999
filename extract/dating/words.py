"""The words of dates (``data/date_words.toml``) and the regex pieces made of them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..vocabulary import read_data

__all__ = ["BACK", "MONTHS", "MONTH_NAMES", "MOVES", "NOT_FOR_DATEPARSER", "NUMBER",
           "SMALL_NUMBERS", "TENS", "WEEKDAYS", "WEEKDAY_NAMES", "alternatives", "weekday_number"]

_WORDS = read_data("date_words.toml")
MONTHS = {name: number for number, name in enumerate(_WORDS["months"], start=1)}
MONTHS |= {name[:3]: number for name, number in MONTHS.items()}
MONTHS |= _WORDS["month_abbreviations"]
WEEKDAYS = {name: number for number, name in enumerate(_WORDS["weekdays"])}
SMALL_NUMBERS = {word: number for number, word in enumerate(_WORDS["units"])} | {"a": 1, "an": 1}
TENS = {word: 10 * number for number, word in enumerate(_WORDS["tens"], start=2)}
NOT_FOR_DATEPARSER = frozenset(_WORDS["not_for_dateparser"])
# Moves relative to the reference: -1 back, 0 the reference's own day/month/year, 1 ahead.
MOVES = {
    "last": -1, "past": -1, "previous": -1,
    "this": 0, "current": 0,
    "next": 1, "coming": 1, "following": 1,
}  # fmt: skip
BACK = {"ago": -1, "earlier": -1, "before": -1, "later": 1, "after": 1}


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first so that "sept" wins over "sep"."""
    return "|".join(sorted(map(re.escape, words), key=lambda word: (-len(word), word)))


MONTH_NAMES = alternatives(MONTHS)
WEEKDAY_NAMES = alternatives(WEEKDAYS)
# "3", "a", "seven", "twenty-five"
NUMBER = (
    rf"\d{{1,4}}|(?:{alternatives(TENS)})(?:[-\s](?:{alternatives(_WORDS['units'][1:10])}))?"
    rf"|{alternatives(SMALL_NUMBERS)}"
)


def weekday_number(word: str) -> int | None:
    """Monday is 0, Sunday 6; None for any other word.

    >>> weekday_number("Wednesday"), weekday_number("week")
    (2, None)
    """
    return WEEKDAYS.get(word.lower())
