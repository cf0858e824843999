"""The English forms of date phrases: one regex per form, each with how it resolves.

A phrase is normalised (``"On the afternoon of 3 June,"`` -> ``"3 june"``) and matched whole
against `FORMS` in order; the first form that matches resolves it against a reference date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Literal, NamedTuple

from diplograph.dates import Precision

from .words import (
    BACK,
    MONTH_NAMES,
    MONTHS,
    MOVES,
    NUMBER,
    SMALL_NUMBERS,
    TENS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    alternatives,
)

__all__ = ["FORMS", "Basis", "Form", "Tense", "When", "from_table", "normalise"]

Tense = Literal["past", "future"]
Basis = Literal["explicit", "relative"]

_TOKENS = {
    "MONTH": rf"(?P<month>{MONTH_NAMES})\.?",
    "WEEKDAY": rf"(?P<weekday>{WEEKDAY_NAMES})",
    "YEAR": r"(?P<year>\d{4})",
    # a day, or the first day of a range ("3-4 June", "3 and 4 June")
    "DAY": (
        r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
        r"(?:(?:\s*[-–—&]\s*|\s+(?:and|to)\s+)\d{1,2}(?:st|nd|rd|th)?)?"
    ),
    "NUMBER": rf"(?P<number>{NUMBER})",
    "MOVE": rf"(?P<move>{alternatives(MOVES)})",
    # "the past month" and "the coming year" are spans of time, not a month or a year
    "UNIT_MOVE": r"(?P<move>last|previous|this|current|next|following)",
    # "2 days ago", "in 2 days": exactly one of `ahead` and `back` is given (checked in `_count`)
    "AHEAD": r"(?:(?P<ahead>in)\s+)?",
    "BACK": rf"(?:\s+(?P<back>{alternatives(BACK)}))?",
}
_TOKEN = re.compile("|".join(_TOKENS))


class When(NamedTuple):
    """What a form resolved to: a year (None when unknown), maybe a month, maybe a day."""

    year: int | None
    month: int | None = None
    day: int | None = None


_Resolver = Callable[[re.Match[str], dt.date | None, Tense], When | None]


def _month(match: re.Match[str]) -> int:
    name = match["month"]
    return int(name) if name.isdigit() else MONTHS[name]


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    return sum(TENS.get(word, SMALL_NUMBERS.get(word, 0)) for word in re.split(r"[-\s]", text))


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    year, index = divmod(year * 12 + month - 1 + months, 12)
    return year, index + 1


def _on_day(reference: dt.date, days: int) -> When | None:
    try:
        day = reference + dt.timedelta(days=days)
    except OverflowError:
        return None
    return When(day.year, day.month, day.day)


def _step(move: int, tense: Tense) -> tuple[int, bool]:
    """Direction (-1 back, 1 ahead) and whether the reference's own day or month is excluded.

    "last"/"next" exclude it; a bare form ("Tuesday", "in March") or "this" go by the tense and
    include it: on a Tuesday, "on Tuesday" in past tense is that very Tuesday.
    """
    if move:
        return move, True
    return (-1 if tense == "past" else 1), False


# -- resolvers: (match, reference, tense) -> When | None ------------------------------------


def _written(match: re.Match[str], reference: dt.date | None, tense: Tense) -> When | None:
    """A date whose year is written: "3 June 2024", "2024-06-03", "June 2024", "2024"."""
    groups = match.groupdict()
    month = _month(match) if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    return When(int(match["year"]), month, day)


def _month_day(match: re.Match[str], reference: dt.date | None, tense: Tense) -> When | None:
    """A day without a year: the nearest such day on the tense's side of the reference."""
    month, day = _month(match), int(match["day"])
    if reference is None:
        return When(None, month, day)
    direction = -1 if tense == "past" else 1
    # eight years reach the next 29 February even across a non-leap century year
    for year in range(reference.year, reference.year + 9 * direction, direction):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if (candidate - reference).days * direction >= 0:
            return When(year, month, day)
    return None


def _month_alone(match: re.Match[str], reference: dt.date | None, tense: Tense) -> When | None:
    """A month without a year ("in March", "last March"): the nearest such month."""
    month, move = _month(match), MOVES.get(match["move"] or "", 0)
    if reference is None:
        return None if move else When(None, month)
    direction, strict = _step(move, tense)
    year = reference.year
    if (month - reference.month) * direction < int(strict):
        year += direction
    return When(year, month)


def _weekday(match: re.Match[str], reference: dt.date | None, tense: Tense) -> When | None:
    """A weekday, on or before the reference in past tense ("last": strictly before)."""
    if reference is None:
        return None
    direction, strict = _step(MOVES.get(match["move"] or "", 0), tense)
    days = (WEEKDAYS[match["weekday"]] - reference.weekday()) * direction % 7
    if strict and not days:
        days = 7
    return _on_day(reference, direction * days)


def _days(offset: int) -> _Resolver:
    """A fixed number of days from the reference ("yesterday": -1)."""

    def resolve(match: re.Match[str], reference: dt.date | None, tense: Tense) -> When | None:
        return None if reference is None else _on_day(reference, offset)

    return resolve


def _moved(unit: Precision) -> _Resolver:
    """The reference's month or year, moved: "last month", "this year", "next year"."""

    def resolve(match: re.Match[str], reference: dt.date | None, tense: Tense) -> When | None:
        return None if reference is None else _move(reference, unit, MOVES[match["move"]])

    return resolve


def _month_of_year(match: re.Match[str], reference: dt.date | None, tense: Tense,
                   ) -> When | None:
    """A month of a year named relative to the reference: "March this year", "May last year"."""
    if reference is None:
        return None
    return When(reference.year + MOVES[match["move"]], _month(match))


def _year_of(match: re.Match[str], reference: dt.date | None, tense: Tense) -> When | None:
    """A part of a written year, at year precision: "the first quarter of 2026"."""
    return When(int(match["year"]))


def _week_month(match: re.Match[str], reference: dt.date | None, tense: Tense) -> When | None:
    """The month in which "last week" or "this week" began."""
    if reference is None:
        return None
    back = 7 if match["move"] in ("last", "previous") else reference.weekday()
    start = reference - dt.timedelta(days=back)
    return When(start.year, start.month)


def _current(unit: Precision) -> _Resolver:
    """The reference's own month or year: "the end of the month"."""

    def resolve(match: re.Match[str], reference: dt.date | None, tense: Tense) -> When | None:
        return None if reference is None else _move(reference, unit, 0)

    return resolve


def _count(unit: Precision) -> _Resolver:
    """A count of units from the reference: "two days ago", "in 3 months", "ten years later"."""

    def resolve(match: re.Match[str], reference: dt.date | None, tense: Tense) -> When | None:
        if reference is None or bool(match["ahead"]) == bool(match["back"]):
            return None
        sign = 1 if match["ahead"] else BACK[match["back"]]
        return _move(reference, unit, sign * _number(match["number"]))

    return resolve


def _move(reference: dt.date, unit: Precision, count: int) -> When | None:
    if unit == "day":
        return _on_day(reference, count)
    if unit == "month":
        return When(*_shift_month(reference.year, reference.month, count))
    return When(reference.year + count)


# -- the table: (name, pattern, resolver, basis); patterns match a whole normalised phrase --------

_FORM_TABLE: list[tuple[str, str, _Resolver, Basis]] = [
    ("iso date", r"YEAR-(?P<month>\d{1,2})-(?P<day>\d{1,2})", _written, "explicit"),
    ("dotted date", r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.YEAR", _written, "explicit"),
    ("month day year", r"MONTH\s*DAY(?:,\s*|\s+)YEAR", _written, "explicit"),
    ("day month year", r"DAY\s+(?:of\s+)?MONTH,?\s+YEAR", _written, "explicit"),
    ("month year", r"MONTH,?\s+(?:of\s+)?YEAR", _written, "explicit"),
    ("part of year", r"(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|half)"
     r"|spring|summer|autumn|fall|winter)\s+(?:of\s+)?YEAR", _year_of, "explicit"),
    ("month of a year", r"MONTH\s+(?:of\s+)?UNIT_MOVE\s+year", _month_of_year, "relative"),
    ("year", r"(?:year\s+)?YEAR", _written, "explicit"),
    ("month day", r"MONTH\s*DAY", _month_day, "relative"),
    ("day month", r"DAY\s+(?:of\s+)?MONTH", _month_day, "relative"),
    ("month", r"(?:MOVE\s+)?MONTH", _month_alone, "relative"),
    ("weekday", r"(?:MOVE\s+)?WEEKDAY", _weekday, "relative"),
    ("today", r"today|tonight|this\s+(?:morning|afternoon|evening|night)"
     r"|(?:earlier|later)\s+(?:in\s+)?(?:the|that)\s+day|(?:the\s+)?same\s+day|that\s+day",
     _days(0), "relative"),
    ("yesterday", r"yesterday|last\s+night", _days(-1), "relative"),
    ("tomorrow", r"tomorrow", _days(1), "relative"),
    ("two days back", r"day\s+before\s+yesterday", _days(-2), "relative"),
    ("two days ahead", r"day\s+after\s+tomorrow", _days(2), "relative"),
    ("day before", r"day\s+(?:before|earlier)|previous\s+day", _days(-1), "relative"),
    ("day after", r"day\s+(?:after|later)|(?:next|following)\s+day", _days(1), "relative"),
    ("days", r"AHEADNUMBER\s+days?BACK", _count("day"), "relative"),
    ("months", r"AHEADNUMBER\s+months?BACK", _count("month"), "relative"),
    ("years", r"AHEADNUMBER\s+years?BACK", _count("year"), "relative"),
    ("month moved", r"UNIT_MOVE\s+month", _moved("month"), "relative"),
    # "at the end of the month": the words before it are cut, "the month" is this month
    ("the month", r"month", _current("month"), "relative"),
    ("the day", r"day", _days(0), "relative"),  # "earlier in the day"
    # a week is no precision of ours: the month it began in ("last week" on the 3rd is the
    # month before)
    ("week", r"(?P<move>last|previous|this)\s+week", _week_month, "relative"),
    ("year moved", r"UNIT_MOVE\s+year", _moved("year"), "relative"),
]


class Form(NamedTuple):
    name: str
    pattern: re.Pattern[str]
    resolve: _Resolver
    basis: Basis


FORMS = [
    Form(name, re.compile(_TOKEN.sub(lambda m: _TOKENS[m[0]], pattern)), resolve, basis)
    for name, pattern, resolve, basis in _FORM_TABLE
]

# -- normalisation: "On the afternoon of 3 June," -> "3 june" -----------------------------------

_PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
# one leading word (or two) that does not change the date: removed one at a time
_LEADING = re.compile(
    r"(?:(?:on|at|during|of|the|from|for|around|about|circa"
    # "in 2024", but not "in two days", which the table reads as ahead of the reference
    rf"|in(?!\s+(?:{NUMBER})\s+(?:day|week|month|year)s?\b)"
    rf"|(?:early\s+|late\s+)?{_PART_OF_DAY}\s+of|(?:beginning|start|middle|end)\s+of"
    r"|earlier|later)\s+"
    r"|(?:early|mid|late)(?:\s+|-))"
)
_TRAILING = re.compile(rf"(?P<rest>.+?)\s+{_PART_OF_DAY}")
_DAY_NAME_BEFORE_DATE = re.compile(rf"(?:{WEEKDAY_NAMES}),?\s+(?=\d|(?:{MONTH_NAMES})\b)")
_PUNCTUATION = " \t\n,.;:!?\"'()[]{}«»“”‘’"


def normalise(text: str) -> str:
    phrase = " ".join(text.lower().split()).strip(_PUNCTUATION)
    while leading := _LEADING.match(phrase):
        phrase = phrase[leading.end() :]
    trailing = _TRAILING.fullmatch(phrase)
    if trailing and trailing["rest"] not in {"this", "last"}:
        phrase = trailing["rest"]
    return _DAY_NAME_BEFORE_DATE.sub("", phrase, count=1)


def from_table(phrase: str) -> tuple[Form, re.Match[str]] | None:
    """The first form that matches the whole phrase, and its match."""
    for form in FORMS:
        match = form.pattern.fullmatch(phrase)
        if match:
            return form, match
    return None
