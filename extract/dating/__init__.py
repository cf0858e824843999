"""Dates in stories: phrases to `Date` values, the story's own day, and a meeting's date.

- `extract.dating.phrases`: "on 3 June", "two days ago" -> `Date` (`resolve_date`);
- `extract.dating.dateline`: the dateline's day;
- `extract.dating.story`: the day the story counts from, and the years of dates without one;
- `extract.dating.meeting_date`: which date of a sentence is its meeting's.
"""

from .phrases import resolve_date
from .words import weekday_number

__all__ = ["resolve_date", "weekday_number"]
