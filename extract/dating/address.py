"""The day a page's address gives: news sites file stories under their day.

    https://example.com/world/2022/02/14/ministers-meet/   -> 2022-02-14
    https://example.com/news/2004/jun/21/talks.htm          -> 2004-06-21
    https://example.com/story-2019-09-24-summit             -> 2019-09-24
    https://example.com/mongolia/20180919/2815522            -> 2018-09-19
    https://example.com/world/2012-03/09/content_2485.htm    -> 2012-03-09
    https://example.com/news/201005/t20100510_2642.htm       -> 2010-05-10
    https://example.com/25-Feb-2019/visit-postponed          -> 2019-02-25

An address with only a year and a month ("/2023/12/") gives the month, one with only a year
("/archive/2005/news/") the year (`address_period`).
"""

from __future__ import annotations

import datetime as dt
import re

from diplograph.dates import Date

from .story import PUBLISHED_LAG
from .words import MONTHS

__all__ = ["address_date", "address_period", "filed_day"]

_DAY = r"(?P<day>0?[1-9]|[12]\d|3[01])(?!\d)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_FORMS = (
    # "/2022/02/14/", "/2012-03/09/", "/201910/09/": a month folder, then its day
    re.compile(rf"/{_YEAR}[-/]?(?P<month>0[1-9]|1[0-2]|(?<=/)[1-9])/{_DAY}"),
    re.compile(rf"/{_YEAR}/(?P<month>[a-z]{{3,9}})/{_DAY}", re.IGNORECASE),
    re.compile(rf"(?<!\d){_YEAR}[-_](?P<month>0[1-9]|1[0-2])[-_]{_DAY}"),
    re.compile(rf"/{_DAY}-(?P<month>[a-z]{{3,9}})-{_YEAR}/", re.IGNORECASE),
    # a day in figures ending a part of the path or a word of it, a time after it or not:
    # "/20180919/", "...-and-mexico20220630131708/", "/t20100510_2642.htm", "-20100830-140mu"
    re.compile(rf"(?<!\d){_YEAR}(?P<month>0[1-9]|1[0-2])(?P<day>0[1-9]|[12]\d|3[01])"
               rf"(?:[01]\d|2[0-3])?(?:[0-5]\d){{0,2}}(?=[/.?#_-]|$)"),
)
_MONTH_PATH = re.compile(rf"/{_YEAR}/(?P<month>0?[1-9]|1[0-2])/")
_YEAR_PATH = re.compile(rf"/{_YEAR}/")


def address_date(url: str | None) -> dt.date | None:
    """The day in a page's address, if it gives one whole.

    >>> address_date("https://news.example/2004/jun/21/talks.htm")
    datetime.date(2004, 6, 21)
    >>> address_date("https://news.example/story/2019-09-24-summit")
    datetime.date(2019, 9, 24)
    >>> address_date("https://news.example/x/india-and-mexico20220630131708/")
    datetime.date(2022, 6, 30)
    >>> address_date("https://news.example/2019/09/ministers"), address_date(None)
    (None, None)
    """
    for form in _FORMS:
        for match in form.finditer(url or ""):
            month = match["month"]
            number = int(month) if month.isdigit() else MONTHS.get(month.lower()[:3])
            try:
                return dt.date(int(match["year"]), number or 0, int(match["day"]))
            except ValueError:
                continue
    return None


def address_period(url: str | None) -> Date | None:
    """The month a page's address files it under ("/2023/12/"), or the year ("/2005/"), when
    it gives no day.

    >>> address_period("https://news.example/english/2023/12/talks-held").value
    '2023-12'
    >>> address_period("https://news.example/archive/2005/news/page451.aspx").value
    '2005'
    """
    if match := _MONTH_PATH.search(url or ""):
        return Date.of(int(match["year"]), int(match["month"]), basis="article")
    if match := _YEAR_PATH.search(url or ""):
        return Date.of(int(match["year"]), basis="article")
    return None


def filed_day(published: dt.date | None, url: str | None) -> dt.date | None:
    """The day a story counts from: the day it was published, or the day its address files it
    under when that is days earlier (a date a page shows may be its clock or an update; its
    address was fixed when it went up).

    >>> filed_day(dt.date(2024, 4, 19), "https://news.example/2012/06/07/visit/")
    datetime.date(2012, 6, 7)
    >>> filed_day(dt.date(2012, 6, 8), "https://news.example/2012/06/07/visit/")
    datetime.date(2012, 6, 8)
    """
    filed = address_date(url)
    if published is None or (filed is not None and (published - filed).days > PUBLISHED_LAG):
        return filed
    return published
