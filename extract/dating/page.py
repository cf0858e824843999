"""The day a page was published, as the page itself prints it.

A scraped page states its date in a few places: a line below its masthead ("Published:
18/06/2025", "14 January 2026, 13:40"), a credit in parentheses after the dateline's city
("ANTAKYA (Agency / Wire - 22nd September, 2020) ..."), or a credit closing the story
("(Xinhua News Agency March 15, 2004)"). A date the story's sentences give is the story's, not
the page's, and is never taken.
"""

from __future__ import annotations

import datetime as dt
import re

from .phrases import resolve_date

__all__ = ["HEAD_CHARS", "page_date", "parse_iso"]

HEAD_CHARS = 3000  # how far into a page its publication line is looked for
TAIL_LINES = 3  # the last lines of a page, where a closing credit may stand
_ISO_DATE = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"(?:[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?"
    r"(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
# A page's date below its masthead, as a line or a "|" field of one: "Published : 2024-06-12
# 09:12 KST", "14 January 2026, 13:40", "Updated: Mon, 09 Jun 2025 14:05 CST", "Monday,
# November 24, 2025". A date with text around it is a caption's or the story's, not the page's.
_DATE_FIELD = re.compile(
    r"(?P<label>(?:first )?(?:published|posted|updated)(?: on)?\s*[:–—-]?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|(?P<day>[0-9]{1,2})[/.](?P<month>[0-9]{1,2})[/.](?P<year>[0-9]{4})"
    r"|[0-9]{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+[0-9]{4}"
    r"|[a-z]{3,9}\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+[0-9]{4})"
    r"(?:[\s,]+[0-9]{1,2}[:.][0-9]{2}(?:[:.][0-9]{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s+\(?[a-z]{2,5}(?:\s*[+-]\s*[0-9]{1,2}(?::?[0-9]{2})?)?\)?)?)?",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(r"(?:first )?(?:published|posted)", re.IGNORECASE)
_WRITTEN = (r"[0-9]{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+[0-9]{4}"
            r"|[a-z]{3,9}\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s+[0-9]{4}")
# A credit in parentheses that ends with the day: "(Agency March 15, 2004)", "(UrduPoint News /
# Sputnik - 22nd September, 2020)"; before it, nothing on its line but a dateline's city.
_CREDIT = re.compile(
    rf"^(?:[A-Z][A-Z .,'’-]*\s)?\((?P<credit>[^()0-9]{{2,60}}?)[\s,/–—-]*(?P<date>{_WRITTEN})\)",
    re.IGNORECASE,
)
_UPPER_CITY = re.compile(r"^(?:[A-Z][A-Z .,'’-]*\s)?\(")


def page_date(text: str) -> dt.date | None:
    """The day a page prints as its own: a line of its head, or a credit at its head or end.

    >>> page_date("Masthead | Home\\n14 January 2026, 13:40\\nHeadline")
    datetime.date(2026, 1, 14)
    >>> page_date("By Staff | Updated: Mon, 09 Jun 2025 14:05 CST | 5 min read")
    datetime.date(2025, 6, 9)
    >>> page_date("Friday, April 19, 2030\\nHeadline\\nPublished: 29 Jan 2019, 00:50")
    datetime.date(2019, 1, 29)
    >>> page_date("Two ministers met.\\n(Xinhua News Agency March 15, 2004)")
    datetime.date(2004, 3, 15)
    >>> page_date("ROME (Wire / Agency - 22nd September, 2020) Ministers met.")
    datetime.date(2020, 9, 22)
    >>> page_date("Ministers met in Hanoi, March 10, 2026.") is None
    True
    """
    head = text[:HEAD_CHARS]
    tail = [line for line in text.splitlines() if line.strip()][-TAIL_LINES:]
    return _head_date(head) or next(filter(None, map(_credit_date, [*head.splitlines(), *tail])),
                                    None)


def _credit_date(line: str) -> dt.date | None:
    match = _CREDIT.match(line.strip()) if _UPPER_CITY.match(line.strip()) else None
    if match is None:
        return None
    date = resolve_date(match["date"], reference=None)
    return dt.date.fromisoformat(date.value) if date is not None and date.precision == "day" \
        and not date.partial else None


def _head_date(head: str) -> dt.date | None:
    """The date a page's head gives after "Published" or "Posted", else the first it gives
    alone or after "Updated": a date alone above the headline may be the site's clock."""
    alone = None
    for line in head.splitlines():
        for field in line.split("|"):
            field = field.strip()
            match = _DATE_FIELD.match(field)
            if match is None or not (match["label"] or match.end() == len(field)):
                continue
            day = _numeric_date(match) if match["day"] else _written_date(match["date"])
            if day is not None and _PUBLISHED.match(match["label"] or ""):
                return day
            alone = alone or day
    return alone


def _written_date(text: str) -> dt.date | None:
    date = resolve_date(text, reference=None)
    if date is None or date.precision != "day" or date.basis != "explicit":
        return None
    return dt.date.fromisoformat(date.value)


def _numeric_date(match: re.Match[str]) -> dt.date | None:
    """A day written in figures ("18/06/2025", "06/18/2025", "18.06.2025"), when it can only
    be read one way: "05/06/2025" is 5 June or 6 May, by the site's country."""
    day, month, year = int(match["day"]), int(match["month"]), int(match["year"])
    if day <= 12 and month <= 12 and day != month:
        return None
    if month > 12:
        day, month = month, day  # "06/18/2025": the American order
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_iso(value: str) -> dt.date | None:
    """Return the date of an ISO date or date-time, or None if it is not one.

    >>> parse_iso("2024-06-12T08:30:00Z"), parse_iso("2024-13-45")
    (datetime.date(2024, 6, 12), None)
    """
    match = _ISO_DATE.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match["date"])
    except ValueError:
        return None


