"""The story's own date, and the year of dates that give none.

An article's meetings are dated against its day: the dateline's, or else the publication's.
When neither gives a year, the story itself may tell it: a year it names as its present, or the
one year in which the lead's weekday falls on the dateline's day (`story_year`). In an undated
story, a day without a year takes the year nearest the latest date the story states in full
(`place_partial`), and history is judged against that date (`historical_flags`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from diplograph.dates import Date, is_historical

from ..vocabulary import Words
from .words import weekday_number

__all__ = ["STORY_YEARS", "StoryDates", "historical_flags", "place_partial", "story_dates",
           "story_year"]

# How many years from the latest a story names its own year is looked for (see `story_year`).
STORY_YEARS = 5
PUBLISHED_LAG = 3  # days: a page is published up to this long after its dateline's day
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ORDINAL = re.compile(r"(\d{1,3})(?:st|nd|rd|th)", re.IGNORECASE)
_PATH_YEAR = re.compile(r"/((?:19|20)\d\d)/(?:0?[1-9]|1[0-2])/")


@dataclass(frozen=True)
class StoryDates:
    """The day the story's relative dates count from, and the date its meetings take when
    their sentence states none (the article's day, or a dateline's partial day)."""

    reference: dt.date | None
    fallback: Date | None
    # The day the lead states (see `extract.dating.lead`): the day of the story's event.
    lead: Date | None = None


def story_dates(doc: Doc, *, published: dt.date | None, dateline: Date | None,
                dateline_end: int, page_text: str, body: list[bool], words: Words,
                ) -> StoryDates:
    """The story's dates.

    The dateline's day is the story's day; the publication date, often a day later (or a
    scrape's date), dates the story when no dateline does. A dateline without a year takes the
    publication's, or else the year the story tells (see `story_year`).

    Parameters
    ----------
    doc : Doc
        The parsed story.
    published : datetime.date, optional
        The page's publication date.
    dateline : Date, optional
        The dateline's day (see `extract.dating.dateline.read_dateline`).
    dateline_end : int
        Where the dateline ends in the text (0 without one): the lead starts after it.
    page_text : str
        The page as read, links included: a link's path may name the story's year.
    body : list of bool
        Per token, whether it stands in prose.
    words : Words
        The vocabulary (plans, targets and bounds, whose years are not the story's own).
    """
    if dateline is not None and dateline.partial:
        if published is not None:
            year: int | None = published.year - (
                f"{published.year}{dateline.value[1:]}" > published.isoformat())
        else:
            years, current = _years(doc, page_text, body, words)
            year = story_year(dateline.value, years, weekday=_lead_weekday(doc, dateline_end),
                              current=current)
        filled = dateline.with_year(year) if year is not None else None
        if filled is not None:
            dateline = filled.model_copy(update={"basis": "relative"})
    day = (dt.date.fromisoformat(dateline.value)
           if dateline is not None and not dateline.partial else None)
    if published is not None and (day is None or not 0 <= (published - day).days <= PUBLISHED_LAG):
        day = published
    if day is None:
        return StoryDates(None, dateline)
    return StoryDates(day, Date.of_day(day, basis="article"))


def _anniversary(sent: Span) -> int | None:
    """The N of "the Nth anniversary" in a sentence, if it names one."""
    for token in sent[1:]:
        if token.lower_ == "anniversary" and (m := _ORDINAL.fullmatch(token.nbor(-1).text)):
            return int(m[1])
    return None


def _years(doc: Doc, page_text: str, body: list[bool], words: Words,
           ) -> tuple[list[int], list[int]]:
    """The years the story names, and those it names as its present.

    Plans and targets ("by 2030", "will ... in 2027") are left out; a year in a sentence that
    also says "on Wednesday" or "today", or in a link's path ("/2026/04/"), is the story's
    present, and so is the year an anniversary falls in ("the 75th anniversary of relations,
    established in 1950").
    """
    future = words.union("future_auxiliaries", "planning", "targets")
    bounds, present = words["bound_words"], words["present_words"]
    current = [int(y) for y in _PATH_YEAR.findall(page_text)]
    years: list[int] = []
    for token in doc:
        if not (body[token.i] and _YEAR.fullmatch(token.text)) or (
                token.i and doc[token.i - 1].lower_ in bounds):
            continue
        sent = token.sent
        if any(t.lower_ in future for t in sent):
            continue
        years.append(int(token.text))
        if any(weekday_number(t.text) is not None or t.lower_ in present for t in sent):
            current.append(int(token.text))
        if (age := _anniversary(sent)) is not None:  # "the 75th anniversary of ... 1950"
            current.append(int(token.text) + age)
    return years, current


def _lead_weekday(doc: Doc, dateline_end: int) -> int | None:
    """The weekday the lead names ("CITY, March 3 (Agency) - X met Y on Monday"), if any.

    The lead is the sentence after the dateline, which `detach_dateline` ended with a line
    break.
    """
    first = next((t for t in doc if t.idx >= dateline_end and not t.is_space), None)
    if dateline_end == 0 or first is None:
        return None
    return next((n for t in first.sent if (n := weekday_number(t.text)) is not None), None)


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


def place_partial(dates: list[Date | None]) -> list[Date | None]:
    """In an undated story, give a day or month without a year ("on Feb 4") the year that puts
    it nearest the latest date the story states in full ("from Feb 3 to 5, 2026").

    >>> [d.value for d in place_partial([Date.parse("2026-02-03"), Date.parse("--12-30")])]
    ['2026-02-03', '2025-12-30']
    """
    stated = [d for d in dates if d is not None and not d.partial and d.precision != "year"]
    if not stated:
        return dates
    anchor = max(stated, key=lambda d: d.value).interval()[0]
    placed: list[Date | None] = []
    for date in dates:
        if date is not None and date.partial:
            options = [o for year in (anchor.year - 1, anchor.year, anchor.year + 1)
                       if (o := date.with_year(year)) is not None]
            near = min(options, default=None, key=lambda o: abs((o.interval()[0] - anchor).days))
            date = near.model_copy(update={"basis": "relative"}) if near is not None else date
        placed.append(date)
    return placed


def historical_flags(dates: list[Date | None]) -> list[bool]:
    """In an undated story, which dates are history, judged against the latest date the story
    states.

    >>> historical_flags([Date.parse("2026-02-03"), Date.parse("2011"), None])
    [False, True, False]
    """
    stated = [d for d in dates if d is not None and not d.partial]
    if not stated:
        return [False] * len(dates)
    reference = max(stated, key=lambda d: d.value).interval()[1]
    return [d is not None and not d.partial and is_historical(d, reference) for d in dates]
