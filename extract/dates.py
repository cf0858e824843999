"""Resolve a date phrase near a meeting ("on 3 June", "two days ago") to a `Date`.

A phrase is first matched against `_FORM_TABLE`, English regexes with one entry per form;
`dateparser` is only the fallback for what the table does not cover (other languages, numeric
forms such as ``2024/06/03``). The table comes first for two reasons: it is fast (dateparser is
slow to import and, when a phrase is not English, slow to detect its language), and it knows
whether the year was written, which decides the basis ("explicit" or "relative") and, without a
reference date, whether a year-less day can be kept as a partial value (``--06-03``).
dateparser turns almost anything with a number into a date ("35mm", "2.5"), so it is only asked
about phrases that look like a date in a language it must detect, and never about English
relative phrases (weeks, durations, ages), which the table answers or rejects on purpose.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Literal, NamedTuple

from diplograph.dates import Date, Precision

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["resolve_date", "story_year", "weekday_number"]

_Tense = Literal["past", "future"]
_Basis = Literal["explicit", "relative"]

# Years outside this range are not dates of meetings reported in the news (a "1066" is a count).
_FIRST_YEAR, _LAST_YEAR = 1900, 2100
# Languages dateparser may detect in the fallback; detecting among all of its ~200 locales costs
# seconds once per process and misreads short tokens, so the languages of the sources are named.
_FALLBACK_LANGUAGES = ("en", "ru", "be", "uk", "pl", "de", "fr", "es", "it", "ar", "tr", "zh")

# English names, written out: `calendar.month_name` follows the process's locale.
# fmt: off
_MONTH_LIST = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
_WEEKDAY_LIST = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_UNIT_LIST = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
              "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
              "seventeen", "eighteen", "nineteen")
_TENS_LIST = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# fmt: on
# How many years from the latest a story names its own year is looked for (see `story_year`).
STORY_YEARS = 5
_MONTHS = {name: number for number, name in enumerate(_MONTH_LIST, start=1)}
_MONTHS |= {name[:3]: number for name, number in _MONTHS.items()} | {"sept": 9}
_WEEKDAYS = {name: number for number, name in enumerate(_WEEKDAY_LIST)}
_SMALL_NUMBERS = {word: number for number, word in enumerate(_UNIT_LIST)} | {"a": 1, "an": 1}
_TENS = {word: 10 * number for number, word in enumerate(_TENS_LIST, start=2)}
# Moves relative to the reference: -1 back, 0 the reference's own day/month/year, 1 ahead.
_MOVES = {
    "last": -1, "past": -1, "previous": -1,
    "this": 0, "current": 0,
    "next": 1, "coming": 1, "following": 1,
}  # fmt: skip
_BACK = {"ago": -1, "earlier": -1, "before": -1, "later": 1, "after": 1}


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first so that "sept" wins over "sep"."""
    return "|".join(sorted(map(re.escape, words), key=lambda word: (-len(word), word)))


_MONTH_NAMES = _alternatives(_MONTHS)
_WEEKDAY_NAMES = _alternatives(_WEEKDAYS)
# "3", "a", "seven", "twenty-five"
_NUMBER = (
    rf"\d{{1,4}}|(?:{_alternatives(_TENS)})(?:[-\s](?:{_alternatives(_UNIT_LIST[1:10])}))?"
    rf"|{_alternatives(_SMALL_NUMBERS)}"
)
_TOKENS = {
    "MONTH": rf"(?P<month>{_MONTH_NAMES})\.?",
    "WEEKDAY": rf"(?P<weekday>{_WEEKDAY_NAMES})",
    "YEAR": r"(?P<year>\d{4})",
    # a day, or the first day of a range ("3-4 June", "3 and 4 June")
    "DAY": (
        r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
        r"(?:(?:\s*[-–—&]\s*|\s+(?:and|to)\s+)\d{1,2}(?:st|nd|rd|th)?)?"
    ),
    "NUMBER": rf"(?P<number>{_NUMBER})",
    "MOVE": rf"(?P<move>{_alternatives(_MOVES)})",
    # "the past month" and "the coming year" are spans of time, not a month or a year
    "UNIT_MOVE": r"(?P<move>last|previous|this|current|next|following)",
    # "2 days ago", "in 2 days": exactly one of `ahead` and `back` is given (checked in `_count`)
    "AHEAD": r"(?:(?P<ahead>in)\s+)?",
    "BACK": rf"(?:\s+(?P<back>{_alternatives(_BACK)}))?",
}
_TOKEN = re.compile("|".join(_TOKENS))


class _When(NamedTuple):
    """What a form resolved to: a year (None when unknown), maybe a month, maybe a day."""

    year: int | None
    month: int | None = None
    day: int | None = None


_Resolver = Callable[[re.Match[str], dt.date | None, _Tense], _When | None]


def _month(match: re.Match[str]) -> int:
    name = match["month"]
    return int(name) if name.isdigit() else _MONTHS[name]


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    return sum(_TENS.get(word, _SMALL_NUMBERS.get(word, 0)) for word in re.split(r"[-\s]", text))


def _shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    year, index = divmod(year * 12 + month - 1 + months, 12)
    return year, index + 1


def _on_day(reference: dt.date, days: int) -> _When | None:
    try:
        day = reference + dt.timedelta(days=days)
    except OverflowError:
        return None
    return _When(day.year, day.month, day.day)


def _step(move: int, tense: _Tense) -> tuple[int, bool]:
    """Direction (-1 back, 1 ahead) and whether the reference's own day or month is excluded.

    "last"/"next" exclude it; a bare form ("Tuesday", "in March") or "this" go by the tense and
    include it: on a Tuesday, "on Tuesday" in past tense is that very Tuesday.
    """
    if move:
        return move, True
    return (-1 if tense == "past" else 1), False


# -- resolvers: (match, reference, tense) -> _When | None ------------------------------------


def _written(match: re.Match[str], reference: dt.date | None, tense: _Tense) -> _When | None:
    """A date whose year is written: "3 June 2024", "2024-06-03", "June 2024", "2024"."""
    groups = match.groupdict()
    month = _month(match) if groups.get("month") else None
    day = int(groups["day"]) if groups.get("day") else None
    return _When(int(match["year"]), month, day)


def _month_day(match: re.Match[str], reference: dt.date | None, tense: _Tense) -> _When | None:
    """A day without a year: the nearest such day on the tense's side of the reference."""
    month, day = _month(match), int(match["day"])
    if reference is None:
        return _When(None, month, day)
    direction = -1 if tense == "past" else 1
    # eight years reach the next 29 February even across a non-leap century year
    for year in range(reference.year, reference.year + 9 * direction, direction):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if (candidate - reference).days * direction >= 0:
            return _When(year, month, day)
    return None


def _month_alone(match: re.Match[str], reference: dt.date | None, tense: _Tense) -> _When | None:
    """A month without a year ("in March", "last March"): the nearest such month."""
    month, move = _month(match), _MOVES.get(match["move"] or "", 0)
    if reference is None:
        return None if move else _When(None, month)
    direction, strict = _step(move, tense)
    year = reference.year
    if (month - reference.month) * direction < int(strict):
        year += direction
    return _When(year, month)


def _weekday(match: re.Match[str], reference: dt.date | None, tense: _Tense) -> _When | None:
    """A weekday, on or before the reference in past tense ("last": strictly before)."""
    if reference is None:
        return None
    direction, strict = _step(_MOVES.get(match["move"] or "", 0), tense)
    days = (_WEEKDAYS[match["weekday"]] - reference.weekday()) * direction % 7
    if strict and not days:
        days = 7
    return _on_day(reference, direction * days)


def _days(offset: int) -> _Resolver:
    """A fixed number of days from the reference ("yesterday": -1)."""

    def resolve(match: re.Match[str], reference: dt.date | None, tense: _Tense) -> _When | None:
        return None if reference is None else _on_day(reference, offset)

    return resolve


def _moved(unit: Precision) -> _Resolver:
    """The reference's month or year, moved: "last month", "this year", "next year"."""

    def resolve(match: re.Match[str], reference: dt.date | None, tense: _Tense) -> _When | None:
        return None if reference is None else _move(reference, unit, _MOVES[match["move"]])

    return resolve


def _month_of_year(match: re.Match[str], reference: dt.date | None, tense: _Tense,
                   ) -> _When | None:
    """A month of a year named relative to the reference: "March this year", "May last year"."""
    if reference is None:
        return None
    return _When(reference.year + _MOVES[match["move"]], _month(match))


def _year_of(match: re.Match[str], reference: dt.date | None, tense: _Tense) -> _When | None:
    """A part of a written year, at year precision: "the first quarter of 2026"."""
    return _When(int(match["year"]))


def _week_month(match: re.Match[str], reference: dt.date | None, tense: _Tense) -> _When | None:
    """The month in which "last week" or "this week" began."""
    if reference is None:
        return None
    back = 7 if match["move"] in ("last", "previous") else reference.weekday()
    start = reference - dt.timedelta(days=back)
    return _When(start.year, start.month)


def _current(unit: Precision) -> _Resolver:
    """The reference's own month or year: "the end of the month"."""

    def resolve(match: re.Match[str], reference: dt.date | None, tense: _Tense) -> _When | None:
        return None if reference is None else _move(reference, unit, 0)

    return resolve


def _count(unit: Precision) -> _Resolver:
    """A count of units from the reference: "two days ago", "in 3 months", "ten years later"."""

    def resolve(match: re.Match[str], reference: dt.date | None, tense: _Tense) -> _When | None:
        if reference is None or bool(match["ahead"]) == bool(match["back"]):
            return None
        sign = 1 if match["ahead"] else _BACK[match["back"]]
        return _move(reference, unit, sign * _number(match["number"]))

    return resolve


def _move(reference: dt.date, unit: Precision, count: int) -> _When | None:
    if unit == "day":
        return _on_day(reference, count)
    if unit == "month":
        return _When(*_shift_month(reference.year, reference.month, count))
    return _When(reference.year + count)


# -- the table: (name, pattern, resolver, basis); patterns match a whole normalised phrase --------

_FORM_TABLE: list[tuple[str, str, _Resolver, _Basis]] = [
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


class _Form(NamedTuple):
    name: str
    pattern: re.Pattern[str]
    resolve: _Resolver
    basis: _Basis


_FORMS = [
    _Form(name, re.compile(_TOKEN.sub(lambda m: _TOKENS[m[0]], pattern)), resolve, basis)
    for name, pattern, resolve, basis in _FORM_TABLE
]

# -- normalisation: "On the afternoon of 3 June," -> "3 june" -----------------------------------

_PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
# one leading word (or two) that does not change the date: removed one at a time
_LEADING = re.compile(
    r"(?:(?:on|at|during|of|the|from|for|around|about|circa"
    # "in 2024", but not "in two days", which the table reads as ahead of the reference
    rf"|in(?!\s+(?:{_NUMBER})\s+(?:day|week|month|year)s?\b)"
    rf"|(?:early\s+|late\s+)?{_PART_OF_DAY}\s+of|(?:beginning|start|middle|end)\s+of"
    r"|earlier|later)\s+"
    r"|(?:early|mid|late)(?:\s+|-))"
)
_TRAILING = re.compile(rf"(?P<rest>.+?)\s+{_PART_OF_DAY}")
_DAY_NAME_BEFORE_DATE = re.compile(rf"(?:{_WEEKDAY_NAMES}),?\s+(?=\d|(?:{_MONTH_NAMES})\b)")
_PUNCTUATION = " \t\n,.;:!?\"'()[]{}«»“”‘’"


def _normalise(text: str) -> str:
    phrase = " ".join(text.lower().split()).strip(_PUNCTUATION)
    while leading := _LEADING.match(phrase):
        phrase = phrase[leading.end() :]
    trailing = _TRAILING.fullmatch(phrase)
    if trailing and trailing["rest"] not in {"this", "last"}:
        phrase = trailing["rest"]
    return _DAY_NAME_BEFORE_DATE.sub("", phrase, count=1)


def _from_table(phrase: str) -> tuple[_Form, re.Match[str]] | None:
    """The first form that matches the whole phrase, and its match."""
    for form in _FORMS:
        match = form.pattern.fullmatch(phrase)
        if match:
            return form, match
    return None


# -- the dateparser fallback ------------------------------------------------------------------

# English words the table answers, or that make a phrase no date of an event on purpose:
# weeks, durations, ages, repetition, and bounds ("by March", "until 2030")
_ENGLISH_RELATIVE = re.compile(
    r"\b(?:ago|days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)|hours?|minutes?"
    r"|seconds?|old|every|each|per|last|next|this|these|those|now|today|tonight|tomorrow"
    r"|yesterday|earlier|later|previous|following|since|until|till|by|to|for|over|within"
    r"|before|after|between|through|throughout)\b"
)
_ENGLISH_MONTH = re.compile(rf"\b(?:{_MONTH_NAMES})\b")
_WORD = re.compile(r"[^\W\d_]{3,}")
_NUMBERS = re.compile(r"\d+")
_PERIODS: dict[str, Precision] = {"day": "day", "time": "day", "month": "month", "year": "year"}


def _looks_like_a_date(phrase: str) -> bool:
    """Whether dateparser may be asked: a month name, three numbers, or a number and a word."""
    if _ENGLISH_RELATIVE.search(phrase):
        return False
    numbers = _NUMBERS.findall(phrase)
    return bool(
        _ENGLISH_MONTH.search(phrase) or len(numbers) >= 3 or (numbers and _WORD.search(phrase))
    )


@functools.lru_cache(maxsize=64)
def _parser(reference: dt.date | None, tense: _Tense) -> DateDataParser:
    from dateparser.date import DateDataParser  # slow to import: only when first needed

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": tense,
        "STRICT_PARSING": False,
        "RETURN_TIME_AS_PERIOD": True,
    }
    if reference is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(reference, dt.time(12))
    return DateDataParser(languages=list(_FALLBACK_LANGUAGES), settings=settings)


def _from_dateparser(
    phrase: str, reference: dt.date | None, tense: _Tense
) -> tuple[_When, _Basis] | None:
    if not _looks_like_a_date(phrase):
        return None
    try:
        data = _parser(reference, tense).get_date_data(phrase)
    except (ValueError, OverflowError):  # an outside library's errors are not the caller's
        return None
    precision = _PERIODS.get(data.period or "")
    if data.date_obj is None or precision is None:
        return None
    day = data.date_obj.date()
    written = day.year in {int(number) for number in _NUMBERS.findall(phrase) if len(number) == 4}
    if not written:
        if reference is None:
            return None  # the year came from today's clock, not from the text
        months = (day.year - reference.year) * 12 + day.month - reference.month
        if precision != "year" and abs(months) > 12:
            return None  # a guessed year far from the reference: a number misread as a year
    if precision == "year":
        when = _When(day.year)
    elif precision == "month":
        when = _When(day.year, day.month)
    else:
        when = _When(day.year, day.month, day.day)
    return when, ("explicit" if written else "relative")


# -- public API -------------------------------------------------------------------------------


def resolve_date(
    text: str, *, reference: dt.date | None, tense: Literal["past", "future"] = "past"
) -> Date | None:
    """Return the date a phrase names, resolved against the article's date, with its precision.

    Parameters
    ----------
    text : str
        A date phrase, as found near a meeting: "on 3 June 2024", "the previous day", "in May",
        "two years ago", "last Friday", "on the afternoon of 4 June".
    reference : datetime.date or None
        The article's publication date; relative phrases need it. Without it a day or month
        whose year is not written is returned as a partial value (``--06-03``, ``--06``).
    tense : {"past", "future"}
        Which side of the reference a year-less date or a bare weekday falls on: "past" picks
        the latest such date on or before the reference, "future" the earliest on or after it.
        "last" and "next" always exclude the reference's own day or month.

    Returns
    -------
    Date or None
        `value` is ISO (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``) or partial (``--MM-DD``,
        ``--MM``); `basis` is "explicit" when the year is written, "relative" when it was
        worked out from the reference, "partial" when it is unknown; `text` is `text` as given.
        None when the phrase names no date that can be placed ("some time ago", "next week",
        "every spring"), when it needs a missing reference, or when its year is not in
        1900-2100.

    Raises
    ------
    ValueError
        If `tense` is neither "past" nor "future".

    Examples
    --------
    >>> ref = dt.date(2024, 6, 5)  # a Wednesday
    >>> resolve_date("on June 3, 2024", reference=ref)
    Date(value='2024-06-03', precision='day', basis='explicit', text='on June 3, 2024')
    >>> resolve_date("two days ago", reference=ref).value
    '2024-06-03'
    >>> resolve_date("last Friday", reference=ref).value
    '2024-05-31'
    >>> resolve_date("December 30", reference=ref)
    Date(value='2023-12-30', precision='day', basis='relative', text='December 30')
    >>> resolve_date("in November", reference=ref, tense="future").value
    '2024-11'
    >>> resolve_date("in November", reference=None)
    Date(value='--11', precision='month', basis='partial', text='in November')
    >>> resolve_date("last week", reference=ref).value  # at month precision
    '2024-05'
    >>> resolve_date("next week", reference=ref) is None
    True

    Notes
    -----
    Weeks are not a precision of ours: "last week" and "this week" give the month the week
    began in; "next week" and "two weeks ago" give None.
    Other languages and numeric forms such as ``2024/06/03`` go to `dateparser`, which
    is imported on first use.
    """
    if tense not in ("past", "future"):
        raise ValueError(f"tense must be 'past' or 'future', not {tense!r}")
    phrase = _normalise(text)
    matched = _from_table(phrase)
    if matched is None:
        found = _from_dateparser(phrase, reference, tense)
    else:  # the table's answer is final, None included ("30 February", "yesterday" alone)
        form, match = matched
        when = form.resolve(match, reference, tense)
        found = None if when is None else (when, form.basis)
    return None if found is None else _record(*found, text=text)


def _record(when: _When, basis: _Basis, *, text: str) -> Date | None:
    """The date resolved, or None if it is no real day, month or year in range."""
    year, month, day = when
    if year is not None and not _FIRST_YEAR <= year <= _LAST_YEAR:
        return None
    try:
        return Date.of(year, month, day, basis=basis, text=text)
    except ValueError:
        return None


def weekday_number(word: str) -> int | None:
    """Monday is 0, Sunday 6; None for any other word.

    >>> weekday_number("Wednesday"), weekday_number("week")
    (2, None)
    """
    return _WEEKDAYS.get(word.lower())


def story_year(month_day: str, years: Iterable[int], *, weekday: int | None = None,
               current: Iterable[int] = ()) -> int | None:
    """The year of a dateline that gives none (``--MM-DD``), when the story tells it.

    A year the story names as its own present ("Energy Week 2026, which opened on
    Wednesday", a link's path "/2026/04/") is the year. Otherwise the story comes from the
    latest year it names or a few years after, and only a weekday the lead gives for that day
    ("on Monday") can say which; without one the year stays unknown, since a story names the
    years of its history ("the fall of the government in 2011") as readily as its own.

    Parameters
    ----------
    month_day : str
        ``--MM-DD``, as a dateline without a year is read.
    years : iterable of int
        Every year the story names (the caller leaves out plans and targets).
    weekday : int, optional
        The weekday the lead names (Monday is 0).
    current : iterable of int
        Years the story names as its present.

    Examples
    --------
    >>> story_year("--04-09", [2022, 2026], current=[2026])
    2026
    >>> story_year("--03-03", [2022], weekday=0)  # 3 March was a Monday in 2025
    2025
    >>> story_year("--03-03", [2011]) is None
    True
    """
    present = max(current, default=None)
    if present is not None:
        return present
    latest = max(years, default=None)
    if latest is None or weekday is None:
        return None
    month, day = int(month_day[2:4]), int(month_day[5:7])
    # A day's weekday moves on by one or two a year, so it falls on the lead's weekday in at
    # most one of five years running.
    return next((year for year in range(latest, latest + STORY_YEARS)
                 if _weekday_of(year, month, day) == weekday), None)


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:  # 29 February of a common year
        return None
