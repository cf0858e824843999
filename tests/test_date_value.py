"""The one date value: its forms, interval, agreement and ranking."""

from __future__ import annotations

import datetime as dt

import pytest

from diplograph.dates import BASES, Date, is_historical

D = dt.date
REF = D(2025, 10, 21)


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2025", D(2025, 1, 1), D(2025, 12, 31)),
        ("2025-02", D(2025, 2, 1), D(2025, 2, 28)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2025-12", D(2025, 12, 1), D(2025, 12, 31)),
        ("2025-10-21", D(2025, 10, 21), D(2025, 10, 21)),
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29)),
    ],
)
def test_interval(value, first, last):
    assert Date.parse(value).interval() == (first, last)


@pytest.mark.parametrize(
    "value",
    ["", "--", "25", "2025-1", "2025-1-5", "2025/10/21", "2025-13", "2025-02-30", "--02-30",
     "0000", "2025-10-21T10:00", " 2025", "year"],
)  # fmt: skip
def test_parse_rejects(value):
    with pytest.raises(ValueError, match=r"not an ISO or partial date|no real date"):
        Date.parse(value)


@pytest.mark.parametrize(
    ("value", "reference", "years", "expected"),
    [
        ("2000", REF, 2, True),
        ("2025-02", REF, 2, False),
        ("2023-01", D(2025, 10, 1), 2, True),
        ("2023", REF, 2, False),
        ("2023-10-20", REF, 2, True),
        ("2023-10-21", REF, 2, False),
        ("2023-10", REF, 2, False),
        ("2025-10-20", REF, 0, True),
        ("2025-10-21", REF, 0, False),
        ("2015", REF, 10, False),
        ("2014", REF, 10, True),
        ("2022-02-27", D(2024, 2, 29), 2, True),
        ("2022-02-28", D(2024, 2, 29), 2, False),
        ("2025", D(1, 6, 1), 5, False),
    ],
)
def test_is_historical(value, reference, years, expected):
    assert is_historical(Date.parse(value), reference, years=years) is expected


def test_is_historical_checks_arguments():
    with pytest.raises(ValueError, match=r"^years must not be negative, not -1$"):
        is_historical(Date.parse("2000"), REF, years=-1)
    with pytest.raises(ValueError, match=r"^a partial date has no year: '--10'$"):
        is_historical(Date.parse("--10"), REF)


def test_partial_dates_take_a_year_and_a_leap_day_needs_a_leap_year():
    day = Date.parse("--02-29")
    assert day.partial and day.year is None and (day.month, day.day) == (2, 29)
    assert day.with_year(2024).value == "2024-02-29"
    assert day.with_year(2024).basis == "partial"  # where its year came from stays told
    assert day.with_year(2025) is None
    assert Date.parse("2025-02-17").with_year(1999).value == "2025-02-17"


@pytest.mark.parametrize(
    ("a", "b", "gap"),
    [
        ("2025-02-17", "2025-02-18", 1),
        ("2025-02", "2025-02-18", 0),
        ("2025", "2025-02-18", 0),
        ("2025-02", "2025-04", 32),
        ("--02-17", "2025-02-17", 0),
        ("--02-17", "2025-03", 12),
        ("--02", "--02-10", 0),
        ("--02-29", "2025", None),
    ],
)
def test_gap_fills_a_partial_date_with_the_other_year(a, b, gap):
    assert Date.parse(a).gap(Date.parse(b)) == gap
    assert Date.parse(b).gap(Date.parse(a)) == gap


def test_agreement_allows_days_apart_only_between_days():
    feb17, feb18, feb = Date.parse("2025-02-17"), Date.parse("2025-02-18"), Date.parse("2025-02")
    assert not feb17.agrees(feb18)
    assert feb17.agrees(feb18, days=1)
    assert feb.agrees(feb18) and feb18.agrees(feb)
    assert not Date.parse("2025-01").agrees(Date.parse("2025-02"), days=40)


def test_one_ranking_of_how_a_date_was_found():
    ranks = [Date.parse("2025-02-17", basis=b).rank for b in BASES if b != "partial"]
    assert ranks == sorted(ranks, reverse=True)
    written, partial, article = (Date.parse(v, basis=b) for v, b in (
        ("2025-02", "explicit"), ("--02-17", "partial"), ("2025-02-20", "article")))
    assert written.rank > partial.rank > article.rank  # a day the text states beats the article's
    assert Date.parse("2025-02-17").rank > Date.parse("2025-02").rank  # then the finer


def test_a_date_must_be_what_its_precision_says():
    with pytest.raises(ValueError, match="is a month, not a day"):
        Date(value="2025-02", precision="day", basis="explicit")
