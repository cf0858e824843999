"""Resolve a date phrase near a meeting ("on 3 June", "two days ago") to a `Date`.

A phrase is first matched against the form table (`extract.dating.forms`), English regexes
with one entry per form; `dateparser` is only the fallback for what the table does not cover
(other languages, numeric forms such as ``2024/06/03``). The table comes first for two reasons:
it is fast (dateparser is slow to import and, when a phrase is not English, slow to detect its
language), and it knows whether the year was written, which decides the basis ("explicit" or
"relative") and, without a reference date, whether a year-less day can be kept as a partial
value (``--06-03``). dateparser turns almost anything with a number into a date ("35mm",
"2.5"), so it is only asked about phrases that look like a date in a language it must detect,
and never about English relative phrases (weeks, durations, ages), which the table answers or
rejects on purpose.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING, Literal

from diplograph.dates import Date, Precision

from .forms import Basis, Tense, When, from_table, normalise
from .words import MONTH_NAMES, NOT_FOR_DATEPARSER, alternatives

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["resolve_date"]

# Years outside this range are not dates of meetings reported in the news (a "1066" is a count).
_FIRST_YEAR, _LAST_YEAR = 1900, 2100
# Languages dateparser may detect in the fallback; detecting among all of its ~200 locales costs
# seconds once per process and misreads short tokens, so the languages of the sources are named.
_FALLBACK_LANGUAGES = ("en", "ru", "be", "uk", "pl", "de", "fr", "es", "it", "ar", "tr", "zh")

# -- the dateparser fallback ------------------------------------------------------------------

# English words the table answers, or that make a phrase no date of an event on purpose:
# weeks, durations, ages, repetition, and bounds ("by March", "until 2030")
_ENGLISH_RELATIVE = re.compile(rf"\b(?:{alternatives(NOT_FOR_DATEPARSER)})\b")
_ENGLISH_MONTH = re.compile(rf"\b(?:{MONTH_NAMES})\b")
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
def _parser(reference: dt.date | None, tense: Tense) -> DateDataParser:
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
    phrase: str, reference: dt.date | None, tense: Tense
) -> tuple[When, Basis] | None:
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
        when = When(day.year)
    elif precision == "month":
        when = When(day.year, day.month)
    else:
        when = When(day.year, day.month, day.day)
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
    phrase = normalise(text)
    matched = from_table(phrase)
    if matched is None:
        found = _from_dateparser(phrase, reference, tense)
    else:  # the table's answer is final, None included ("30 February", "yesterday" alone)
        form, match = matched
        when = form.resolve(match, reference, tense)
        found = None if when is None else (when, form.basis)
    return None if found is None else _record(*found, text=text)


def _record(when: When, basis: Basis, *, text: str) -> Date | None:
    """The date resolved, or None if it is no real day, month or year in range."""
    year, month, day = when
    if year is not None and not _FIRST_YEAR <= year <= _LAST_YEAR:
        return None
    try:
        return Date.of(year, month, day, basis=basis, text=text)
    except ValueError:
        return None
