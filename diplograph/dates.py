"""The one date value of diplograph: when a meeting happened, as precisely as the text says.

A `Date` is a day, a month or a year, or a day or month whose year the text does not give
(a partial date, ``--06-03``), with how it was found (its `basis`). Extraction makes them,
resolution across articles compares and ranks them, the graph stores their ISO form, and
queries and exports read that form back with `Date.parse`.

>>> d = Date.of(2024, 6, 3, basis="relative", text="on Monday")
>>> d.value, d.precision, d.partial
('2024-06-03', 'day', False)
>>> Date.parse("2024-06").contains(d)
True
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

__all__ = ["BASES", "Basis", "Date", "Precision", "interval_of", "is_historical"]

Precision = Literal["day", "month", "year"]
Basis = Literal["explicit", "relative", "partial", "article"]
# How a date was found, best first: written with its year; worked out from the article's date
# ("on Monday"); written without a year that nothing could supply ("on 3 June"); the date of the
# article itself, which says least about when its meeting happened. The one ranking of bases.
BASES: tuple[Basis, ...] = ("explicit", "relative", "partial", "article")
_PRECISIONS: tuple[Precision, ...] = ("day", "month", "year")
_ISO = re.compile(r"(?P<year>[0-9]{4}|-)(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")
_LEAP_YEAR = 2000  # stands in for an unknown year, so that "29 February" is a real day


class Date(BaseModel):
    """A date at its precision, with how it was found and the phrase it was read from.

    `value` is ISO: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, or ``--MM-DD`` / ``--MM`` when the
    year is unknown (`partial`). `basis` is one of `BASES`. A partial date given a year from
    another report keeps the basis "partial", so that the graph says where its year came from.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    value: str
    precision: Precision
    basis: Basis
    text: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Date:
        match = _ISO.fullmatch(self.value)
        if match is None or (match["year"] == "-" and match["month"] is None):
            raise ValueError(f"not an ISO or partial date: {self.value!r}")
        if _precision_of(match) != self.precision:
            raise ValueError(f"{self.value!r} is a {_precision_of(match)}, not a {self.precision}")
        _first_day(_parts(match))  # a real day, month or year
        return self

    # -- making dates --------------------------------------------------------------------------

    @classmethod
    def of(cls, year: int | None, month: int | None = None, day: int | None = None, *,
           basis: Basis = "explicit", text: str = "") -> Date:
        """The date of a year (None when unknown), maybe a month, maybe a day.

        Raises ValueError if it is no real date.

        >>> Date.of(None, 2, 29).value, Date.of(None, 2, 29).basis
        ('--02-29', 'partial')
        """
        value = "-" if year is None else f"{year:04d}"
        value += "".join(f"-{part:02d}" for part in (month, day) if part is not None)
        precision: Precision = "year" if month is None else "month" if day is None else "day"
        return cls(value=value, precision=precision,
                   basis="partial" if year is None else basis, text=text)

    @classmethod
    def parse(cls, value: str, *, basis: Basis = "explicit", text: str = "") -> Date:
        """The date of an ISO or partial value, as the graph stores it.

        Raises ValueError if `value` is no such date.

        >>> Date.parse("2024-02").interval()
        (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
        """
        match = _ISO.fullmatch(value) if isinstance(value, str) else None
        if match is None:
            raise ValueError(f"not an ISO or partial date: {value!r}")
        partial = match["year"] == "-"
        return cls(value=value, precision=_precision_of(match),
                   basis="partial" if partial else basis, text=text)

    @classmethod
    def of_day(cls, day: dt.date, *, basis: Basis = "explicit", text: str = "") -> Date:
        """The date of a calendar day."""
        return cls.of(day.year, day.month, day.day, basis=basis, text=text)

    def with_year(self, year: int) -> Date | None:
        """This day or month of a partial date in `year` (None if that is no real date, as 29
        February in a common year); a date with a year is returned as it is."""
        if not self.partial:
            return self
        try:
            return self.model_copy(update={"value": f"{year:04d}{self.value[1:]}"}).checked()
        except ValueError:
            return None

    def checked(self) -> Date:
        """This date validated again (after `model_copy`, which does not validate)."""
        return Date.model_validate(self.model_dump())

    # -- reading dates -------------------------------------------------------------------------

    @property
    def partial(self) -> bool:
        """Whether the year is unknown (``--MM-DD``, ``--MM``)."""
        return self.value.startswith("--")

    @property
    def year(self) -> int | None:
        return self._parts[0]

    @property
    def month(self) -> int | None:
        return self._parts[1]

    @property
    def day(self) -> int | None:
        return self._parts[2]

    @property
    def _parts(self) -> tuple[int | None, int | None, int | None]:
        match = _ISO.fullmatch(self.value)
        assert match is not None, "validated on construction"
        return _parts(match)

    def interval(self) -> tuple[dt.date, dt.date]:
        """The first and the last day the date covers (in a leap year if it is partial)."""
        return _interval(self._parts)

    @property
    def rank(self) -> tuple[int, int]:
        """How much the date says, for ranking (larger is better): its basis, then its
        precision."""
        return len(BASES) - BASES.index(self.basis), len(_PRECISIONS) - _PRECISIONS.index(
            self.precision)

    # -- comparing dates -----------------------------------------------------------------------

    def in_common_year(self, other: Date) -> tuple[Date, Date] | None:
        """Both dates with a year: a partial one takes the other's (a leap year if neither has
        one). None if that makes no real date."""
        year = self.year or other.year or _LEAP_YEAR
        a, b = self.with_year(year), other.with_year(year)
        return None if a is None or b is None else (a, b)

    def gap(self, other: Date) -> int | None:
        """Days between the two dates (0 when one contains the other), a partial one in the
        other's year; None when that year makes either no real date.

        >>> Date.parse("2024-05-02").gap(Date.parse("--05-04"))
        2
        """
        pair = self.in_common_year(other)
        if pair is None:
            return None
        (a1, a2), (b1, b2) = pair[0].interval(), pair[1].interval()
        if a1 <= b2 and b1 <= a2:  # ISO intervals overlap only when one holds the other
            return 0
        return max(a1 - b2, b1 - a2).days

    def contains(self, other: Date) -> bool:
        """Whether one of the two dates holds the other (a partial one in the other's year).

        >>> Date.parse("2024").contains(Date.parse("--05-04"))
        True
        """
        return self.gap(other) == 0

    def agrees(self, other: Date, *, days: int = 0) -> bool:
        """Whether the two can be one meeting's date: one holds the other, or both are days
        at most `days` apart.

        >>> Date.parse("2025-02-17").agrees(Date.parse("2025-02-18"), days=1)
        True
        """
        gap = self.gap(other)
        if gap is None or gap == 0:
            return gap == 0
        return self.precision == other.precision == "day" and gap <= days


@functools.lru_cache(maxsize=65536)
def interval_of(value: object) -> tuple[dt.date, dt.date] | None:
    """The first and the last day of a stored date with a year (``YYYY[-MM[-DD]]``); None for
    anything else, a partial date included. For reading graph attributes in bulk.

    >>> interval_of("2024-02")
    (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    >>> interval_of("2024-13"), interval_of("--02-03"), interval_of(None)
    (None, None, None)
    """
    match = _ISO.fullmatch(value) if isinstance(value, str) else None
    if match is None or match["year"] == "-":
        return None
    try:
        return _interval(_parts(match))
    except ValueError:
        return None


def _interval(parts: tuple[int | None, int | None, int | None]) -> tuple[dt.date, dt.date]:
    first = _first_day(parts)
    if parts[2] is not None:
        return first, first
    if parts[1] is not None:
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, first.replace(month=12, day=31)


def _parts(match: re.Match[str]) -> tuple[int | None, int | None, int | None]:
    year = None if match["year"] == "-" else int(match["year"])
    return (year, int(match["month"]) if match["month"] else None,
            int(match["day"]) if match["day"] else None)


def _precision_of(match: re.Match[str]) -> Precision:
    return "day" if match["day"] else "month" if match["month"] else "year"


def _first_day(parts: tuple[int | None, int | None, int | None]) -> dt.date:
    year, month, day = parts
    try:
        return dt.date(_LEAP_YEAR if year is None else year, 1 if month is None else month,
                       1 if day is None else day)
    except ValueError:
        raise ValueError(f"no real date: {parts}") from None


def is_historical(date: Date, reference: dt.date, *, years: int = 2) -> bool:
    """Return True when all of `date` lies more than `years` years before `reference`.

    Parameters
    ----------
    date : Date
        A date with a year.
    reference : datetime.date
        The article's publication date.
    years : int
        How many years back a meeting stops being news and becomes history.

    Raises
    ------
    ValueError
        If `date` is partial or `years` is negative.

    Examples
    --------
    >>> is_historical(Date.parse("2001"), dt.date(2024, 6, 5))
    True
    >>> is_historical(Date.parse("2024-01"), dt.date(2024, 6, 5))
    False
    """
    if years < 0:
        raise ValueError(f"years must not be negative, not {years}")
    if date.partial:
        raise ValueError(f"a partial date has no year: {date.value!r}")
    last = date.interval()[1]
    year = reference.year - years
    if year < dt.MINYEAR:
        return False
    day = min(reference.day, calendar.monthrange(year, reference.month)[1])
    return last < dt.date(year, reference.month, day)
