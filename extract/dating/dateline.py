"""A story's dateline: "CITY, March 4 (Agency) — ...", "CITY [Country], June 30 (Agency):",
"October 21, Agency. ...".

The dateline opens one of the first paragraphs of prose (after a headline, a byline, a
caption). Its day is read, and it is ended with a line break before parsing, so that the lead's
sentence starts after it: parsed as one sentence, "CITY, April 9 (Agency) — Minister X and
Minister Y held talks" makes X an apposition of the city, and the meeting loses its subject.
"""

from __future__ import annotations

import dataclasses
import re

from diplograph.dates import Date

from ..clean import CleanText
from .phrases import resolve_date

__all__ = ["DATELINE_LINES", "detach_dateline", "read_dateline"]

DATELINE_LINES = 3  # the dateline opens one of the first paragraphs of prose
# A day with or without a year, after an optional city, before an optional agency.
_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Za-z .'’-]{1,40}(?:\s*\[[^\]\n]{1,30}\])?,\s+)?"
    r"((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)(?:,?\s+(\d{4}))?"
    r"[ \t]*(?:\([^)]{1,40}\)[ \t]*|[A-Z][A-Za-z]{1,15}[ \t]+)?[,.:–—\n-]",
    re.IGNORECASE,
)


def _dateline_match(clean: CleanText) -> re.Match[str] | None:
    starts = [start for start, _, kind in clean.lines if kind == "body"][:DATELINE_LINES]
    return next(filter(None, (_DATELINE.match(clean.text, start) for start in starts)), None)


def detach_dateline(clean: CleanText) -> CleanText:
    """End the dateline with a line break (in place of its last mark), so that the lead's
    sentence starts after it.

    >>> from extract.clean import clean_page
    >>> detach_dateline(clean_page("ROME, May 3 (Agency) - Two ministers met at length.")).text
    'ROME, May 3 (Agency) \\n Two ministers met at length.'
    """
    m = _dateline_match(clean)
    if m is None or m.group(0)[-1] == "\n":
        return clean
    end = m.end() - 1
    return dataclasses.replace(clean, text=f"{clean.text[:end]}\n{clean.text[end + 1:]}")


def read_dateline(clean: CleanText) -> tuple[Date | None, tuple[int, int]]:
    """The dateline's day (partial when it gives no year) and where it stands in the clean
    text; (None, (0, 0)) without one.

    >>> from extract.clean import clean_page
    >>> read_dateline(clean_page("ROME, May 3 (Agency) - Two ministers met at length."))[0].value
    '--05-03'
    >>> read_dateline(clean_page("Rome [Italy], May 3 (Agency): Two ministers met."))[0].value
    '--05-03'
    """
    m = _dateline_match(clean)
    if m is None:
        return None, (0, 0)
    phrase = m.group(1) + (f", {m.group(2)}" if m.group(2) else "")
    return resolve_date(phrase, reference=None), m.span()
