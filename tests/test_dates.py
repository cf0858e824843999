"""Resolving date phrases against an article's date, and the ISO helpers."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.dates import Date
from extract.dating import resolve_date

REF = dt.date(2025, 10, 21)  # a Tuesday: the date line of a seed article
D = dt.date
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip

# (phrase, reference, tense, value, precision, basis)
CASES = [
    # the year is written
    ("October 21, 2025", REF, "past", "2025-10-21", "day", "explicit"),
    ("21 October 2025", REF, "past", "2025-10-21", "day", "explicit"),
    ("Oct. 21, 2025", REF, "past", "2025-10-21", "day", "explicit"),
    ("Sept 3, 2024", REF, "past", "2024-09-03", "day", "explicit"),
    ("2025-10-21", REF, "past", "2025-10-21", "day", "explicit"),
    ("21.10.2025", REF, "past", "2025-10-21", "day", "explicit"),
    ("1.2.2025", REF, "past", "2025-02-01", "day", "explicit"),
    ("on the evening of October 20, 2025", REF, "past", "2025-10-20", "day", "explicit"),
    ("Tuesday, October 21, 2025", REF, "past", "2025-10-21", "day", "explicit"),
    ("the 21st of October 2025", REF, "past", "2025-10-21", "day", "explicit"),
    ("October 20-21, 2025", REF, "past", "2025-10-20", "day", "explicit"),
    ("October 21, 2025", REF, "future", "2025-10-21", "day", "explicit"),
    ("October 21, 2025", None, "past", "2025-10-21", "day", "explicit"),
    ("February 2025", REF, "past", "2025-02", "month", "explicit"),
    ("in February 2025", None, "past", "2025-02", "month", "explicit"),
    ("in 2000", REF, "past", "2000", "year", "explicit"),
    ("2000", None, "past", "2000", "year", "explicit"),
    ("the year 2000", REF, "past", "2000", "year", "explicit"),
    ("mid-2024", REF, "past", "2024", "year", "explicit"),
    ("in 1900", REF, "past", "1900", "year", "explicit"),
    ("2100", REF, "future", "2100", "year", "explicit"),
    # a day without a year: the nearest such day on the tense's side of the reference
    ("March 10", REF, "past", "2025-03-10", "day", "relative"),
    ("10 March", REF, "past", "2025-03-10", "day", "relative"),
    ("On the morning of March 11", D(2025, 3, 12), "past", "2025-03-11", "day", "relative"),
    ("On the morning of March 11", D(2025, 3, 10), "past", "2024-03-11", "day", "relative"),
    ("On the morning of March 11", D(2025, 3, 10), "future", "2025-03-11", "day", "relative"),
    ("on February 18", D(2025, 2, 17), "past", "2024-02-18", "day", "relative"),
    ("October 21", REF, "past", "2025-10-21", "day", "relative"),
    ("October 21", REF, "future", "2025-10-21", "day", "relative"),
    ("October 22", REF, "past", "2024-10-22", "day", "relative"),
    ("October 20", REF, "future", "2026-10-20", "day", "relative"),
    ("December 30", D(2025, 1, 2), "past", "2024-12-30", "day", "relative"),
    ("December 30", D(2025, 1, 2), "future", "2025-12-30", "day", "relative"),
    ("January 5", D(2024, 12, 30), "future", "2025-01-05", "day", "relative"),
    ("February 29", D(2025, 3, 1), "past", "2024-02-29", "day", "relative"),
    ("February 29", D(2025, 3, 1), "future", "2028-02-29", "day", "relative"),
    ("29 February", D(2024, 2, 29), "past", "2024-02-29", "day", "relative"),
    ("20-21 October", REF, "past", "2025-10-20", "day", "relative"),
    ("on 20 and 21 October", REF, "past", "2025-10-20", "day", "relative"),
    ("October 20 & 21, 2025", REF, "past", "2025-10-20", "day", "explicit"),
    ("the 21st of October", REF, "past", "2025-10-21", "day", "relative"),
    # a month without a year
    ("in February", REF, "past", "2025-02", "month", "relative"),
    ("February", REF, "future", "2026-02", "month", "relative"),
    ("in October", REF, "past", "2025-10", "month", "relative"),
    ("in October", REF, "future", "2025-10", "month", "relative"),
    ("in December", D(2025, 1, 15), "past", "2024-12", "month", "relative"),
    ("in January", D(2024, 12, 30), "future", "2025-01", "month", "relative"),
    ("in April", D(2025, 2, 17), "future", "2025-04", "month", "relative"),
    ("last October", REF, "past", "2024-10", "month", "relative"),
    ("next October", REF, "past", "2026-10", "month", "relative"),
    ("last September", REF, "future", "2025-09", "month", "relative"),
    ("late March", REF, "past", "2025-03", "month", "relative"),
    ("from March 10", REF, "past", "2025-03-10", "day", "relative"),
    ("around 2000", REF, "past", "2000", "year", "explicit"),
    ("the end of March", REF, "past", "2025-03", "month", "relative"),
    # days around the reference
    ("today", REF, "past", "2025-10-21", "day", "relative"),
    ("this morning", REF, "past", "2025-10-21", "day", "relative"),
    ("tonight", REF, "future", "2025-10-21", "day", "relative"),
    ("earlier today", REF, "past", "2025-10-21", "day", "relative"),
    ("yesterday", REF, "past", "2025-10-20", "day", "relative"),
    ("yesterday", D(2025, 3, 1), "past", "2025-02-28", "day", "relative"),
    ("yesterday", D(2024, 3, 1), "past", "2024-02-29", "day", "relative"),
    ("yesterday", D(2025, 1, 1), "past", "2024-12-31", "day", "relative"),
    ("yesterday evening", REF, "past", "2025-10-20", "day", "relative"),
    ("last night", REF, "past", "2025-10-20", "day", "relative"),
    ("the day before", REF, "past", "2025-10-20", "day", "relative"),
    ("the previous day", D(2025, 10, 1), "past", "2025-09-30", "day", "relative"),
    ("a day earlier", REF, "past", "2025-10-20", "day", "relative"),
    ("the day before yesterday", REF, "past", "2025-10-19", "day", "relative"),
    ("tomorrow", D(2025, 12, 31), "future", "2026-01-01", "day", "relative"),
    ("tomorrow morning", REF, "future", "2025-10-22", "day", "relative"),
    ("the next day", REF, "past", "2025-10-22", "day", "relative"),
    ("the following day", D(2024, 2, 28), "past", "2024-02-29", "day", "relative"),
    ("the day after tomorrow", REF, "future", "2025-10-23", "day", "relative"),
    ("3 days ago", REF, "past", "2025-10-18", "day", "relative"),
    ("two days ago", D(2025, 3, 1), "past", "2025-02-27", "day", "relative"),
    ("two days later", REF, "past", "2025-10-23", "day", "relative"),
    ("in two days", REF, "future", "2025-10-23", "day", "relative"),
    ("twenty-one days ago", REF, "past", "2025-09-30", "day", "relative"),
    # weekdays: on or before the reference in the past tense, on or after it in the future;
    # "last" and "next" skip the reference's own day
    ("Tuesday", REF, "past", "2025-10-21", "day", "relative"),
    ("on Tuesday", REF, "future", "2025-10-21", "day", "relative"),
    ("last Tuesday", REF, "past", "2025-10-14", "day", "relative"),
    ("next Tuesday", REF, "past", "2025-10-28", "day", "relative"),
    ("on Monday", REF, "past", "2025-10-20", "day", "relative"),
    ("Monday", REF, "future", "2025-10-27", "day", "relative"),
    ("Wednesday", REF, "past", "2025-10-15", "day", "relative"),
    ("this Wednesday", REF, "future", "2025-10-22", "day", "relative"),
    ("on Tuesday evening", REF, "past", "2025-10-21", "day", "relative"),
    ("last Friday", D(2025, 3, 3), "past", "2025-02-28", "day", "relative"),
    ("next Sunday", D(2025, 12, 29), "future", "2026-01-04", "day", "relative"),
    # months and years around the reference
    ("last month", REF, "past", "2025-09", "month", "relative"),
    ("last month", D(2025, 1, 15), "past", "2024-12", "month", "relative"),
    ("next month", D(2025, 12, 3), "future", "2026-01", "month", "relative"),
    ("this month", REF, "past", "2025-10", "month", "relative"),
    ("earlier this month", REF, "past", "2025-10", "month", "relative"),
    ("6 months ago", REF, "past", "2025-04", "month", "relative"),
    ("eleven months ago", REF, "past", "2024-11", "month", "relative"),
    ("in three months", REF, "future", "2026-01", "month", "relative"),
    ("this year", REF, "past", "2025", "year", "relative"),
    ("later this year", REF, "future", "2025", "year", "relative"),
    ("last year", REF, "past", "2024", "year", "relative"),
    ("next year", REF, "future", "2026", "year", "relative"),
    ("25 years ago", REF, "past", "2000", "year", "relative"),
    ("twenty-five years ago", REF, "past", "2000", "year", "relative"),
    ("a year ago", REF, "past", "2024", "year", "relative"),
    ("three years ago", D(2025, 1, 1), "past", "2022", "year", "relative"),
    # forms the table leaves to dateparser
    ("2025/10/21", REF, "past", "2025-10-21", "day", "explicit"),
    ("31/12/2024", REF, "past", "2024-12-31", "day", "explicit"),
    ("21 октября 2025 года", REF, "past", "2025-10-21", "day", "explicit"),
    ("21 octobre 2025", None, "past", "2025-10-21", "day", "explicit"),
    ("21 octobre", REF, "past", "2025-10-21", "day", "relative"),
    ("vor 2 Monaten", REF, "past", "2025-08", "month", "relative"),
    ("3 года назад", REF, "past", "2022", "year", "relative"),
    ("October 21, 2025 at 10:00", REF, "past", "2025-10-21", "day", "explicit"),
    # no reference: a year-less day or month is kept as a partial value
    ("March 10", None, "past", "--03-10", "day", "partial"),
    ("on the 10th of March", None, "future", "--03-10", "day", "partial"),
    ("February 29", None, "past", "--02-29", "day", "partial"),
    ("in February", None, "past", "--02", "month", "partial"),
    ("October", None, "past", "--10", "month", "partial"),
]


@pytest.mark.parametrize(("phrase", "reference", "tense", "value", "precision", "basis"), CASES)
def test_resolve_date(phrase, reference, tense, value, precision, basis):
    expected = Date(value=value, precision=precision, basis=basis, text=phrase)
    assert resolve_date(phrase, reference=reference, tense=tense) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        # no date that can be placed
        "these days",
        "in these days",
        "many years",
        "the coming weeks",
        "recently",
        "a long time",
        "in a long time",
        "81-year-old",
        "480w",
        "every year",
        "now",
        "At the Palace today",
        "",
        "  ",
        "the",
        # weeks are not a precision (but see test_last_week_is_a_month)
        "next week",
        "two weeks ago",
        # spans of time, not dates
        "2 days",
        "30 years",
        "over the past 30 years",
        "the past month",
        "the coming year",
        "days ago",
        "in 2 days ago",
        # numbers that dateparser would make dates of
        "1066",
        "in 1850",
        "2101",
        "2000s",
        "the 1990s",
        "12:30",
        "2.5",
        "10",
        "5th",
        "Q3 2025",
        "3 hours ago",
        "since 2011",
        "by March",
        "by October 21, 2025",
        "until 2030",
        "throughout 2024",
        "between March and May",
        "20 et 21 octobre",  # dateparser reads "21" as the year
        # no such day
        "February 30",
        "February 30, 2025",
        "29 February 2025",
        "2025-02-30",
        "2025-13-01",
        "32.10.2025",
        "0 March",
        "300 years ago",
    ],
)
def test_resolve_date_none(phrase):
    assert resolve_date(phrase, reference=REF) is None
    assert resolve_date(phrase, reference=None) is None


@pytest.mark.parametrize(
    "phrase",
    [
        "today",
        "yesterday",
        "the day before",
        "tomorrow",
        "two days ago",
        "on Tuesday",
        "last Tuesday",
        "last month",
        "this year",
        "25 years ago",
        "last October",
        "21 octobre",
    ],
)
def test_resolve_date_needs_reference(phrase):
    assert resolve_date(phrase, reference=None) is None


def test_resolve_date_checks_tense():
    with pytest.raises(ValueError, match=r"^tense must be 'past' or 'future', not 'present'$"):
        resolve_date("today", reference=REF, tense="present")  # type: ignore[arg-type]


# -- properties --------------------------------------------------------------------------------

WORDS = [
    "on", "in", "the", "of", "last", "next", "this", "ago", "day", "days", "month", "months",
    "year", "years", "week", "before", "after", "earlier", "later", "yesterday", "today",
    "tomorrow", "morning", "evening", "a", "two", "twenty-five", "March", "Oct.", "February",
    "Tuesday", "Sunday", ",", "-", ".", "/", "21", "29", "30", "2024", "2025", "0", "9999",
    "octobre", "октября",
]  # fmt: skip
phrases = st.text() | st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)
references = st.none() | st.dates()
tenses = st.sampled_from(["past", "future"])


@settings(max_examples=150, deadline=None, database=None)
@given(text=phrases, reference=references, tense=tenses)
def test_resolve_date_never_raises(text, reference, tense):
    record = resolve_date(text, reference=reference, tense=tense)
    if record is None:
        return
    assert record.text == text
    assert (record.basis == "partial") == record.value.startswith("--")
    if record.basis == "partial":
        assert re.fullmatch(r"--\d\d(-\d\d)?", record.value)
    else:
        first, last = record.interval()
        assert 1900 <= first.year <= last.year <= 2100
    if record.precision == "day" and record.basis != "partial":
        assert dt.date.fromisoformat(record.value) == first
    if record.basis == "relative":
        assert reference is not None


days_in_range = st.dates(min_value=D(1900, 1, 1), max_value=D(2100, 12, 31))


@settings(deadline=None, database=None)
@given(day=days_in_range, reference=references)
def test_written_dates_round_trip(day, reference):
    month = MONTHS[day.month - 1]
    for phrase in (
        day.isoformat(),
        f"{month} {day.day}, {day.year}",
        f"on {day.day} {month} {day.year}",
    ):
        expected = Date(value=day.isoformat(), precision="day", basis="explicit", text=phrase)
        assert resolve_date(phrase, reference=reference) == expected


@settings(deadline=None, database=None)
@given(day=days_in_range, reference=days_in_range, tense=tenses)
def test_year_less_day_falls_on_the_tense_side(day, reference, tense):
    phrase = f"{MONTHS[day.month - 1]} {day.day}"
    record = resolve_date(phrase, reference=reference, tense=tense)
    if record is None:  # the year it needs is outside 1900-2100
        return
    found = dt.date.fromisoformat(record.value)
    assert (found.month, found.day) == (day.month, day.day)
    gap = (reference - found).days if tense == "past" else (found - reference).days
    assert 0 <= gap < (366 if (day.month, day.day) != (2, 29) else 8 * 366)


@pytest.mark.parametrize(("phrase", "reference", "expected"), [
    ("last week", dt.date(2025, 3, 3), "2025-02"),
    ("last week", dt.date(2025, 3, 20), "2025-03"),
    ("this week", dt.date(2025, 3, 3), "2025-03"),
    ("this week", dt.date(2025, 3, 1), "2025-02"),  # a Saturday: the week began in February
])
def test_last_week_is_a_month(phrase, reference, expected):
    record = resolve_date(phrase, reference=reference)
    assert (record.value, record.precision) == (expected, "month")
