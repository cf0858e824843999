"""The arguments queries take, checked: dates and date ranges, names, statuses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from diplograph.dates import interval_of
from diplograph.errors import QueryError
from kg.names import name_key

__all__ = ["STATUSES", "check_name", "date_range", "day_span"]

STATUSES = ("held", "planned", "cancelled")


def day_span(text: Any) -> tuple[int, int] | None:
    """Return the first and last day (as ordinals) of an ISO date at its precision, or None.

    >>> [dt.date.fromordinal(o).isoformat() for o in day_span("2024-02")]
    ['2024-02-01', '2024-02-29']
    >>> day_span("2024-13") is None
    True
    """
    interval = interval_of(text)
    return None if interval is None else (interval[0].toordinal(), interval[1].toordinal())


def _bound(value: Any, what: str, *, end: bool) -> int | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.toordinal()
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a date or an ISO date string, not {type(value).__name__}")
    span = day_span(value.strip())
    if span is None:
        raise QueryError(f"{what} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return span[1] if end else span[0]


def date_range(since: Any, until: Any) -> tuple[int | None, int | None]:
    """Check `since` and `until`; return the first day of `since` and the last day of `until`.

    >>> lo, hi = date_range("2024-09", "2024")
    >>> dt.date.fromordinal(lo), dt.date.fromordinal(hi)
    (datetime.date(2024, 9, 1), datetime.date(2024, 12, 31))
    """
    lo = _bound(since, "since", end=False)
    hi = _bound(until, "until", end=True)
    if lo is not None and hi is not None and lo > hi:
        raise QueryError(f"since ({since}) is after until ({until})")
    return lo, hi


def check_name(value: Any, what: str = "name") -> str:
    """Return `value` if it is a string with a letter or digit in it; raise otherwise."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    if not name_key(value):
        raise QueryError(f"{what} must contain a letter or a digit, not {value!r}")
    return value
