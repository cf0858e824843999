"""Scoring a diplograph graph against hand-made gold annotations (tests/gold/README.md).

>>> import kg
>>> from pathlib import Path
>>> report = evaluate(kg.new_graph(), Path(__file__).parent.parent / "tests" / "gold")
>>> report.articles.meetings.gold, report.events.events.gold
(10, 4)
"""

from .gold import GoldArticle, GoldEvent, GoldEvents, GoldMeeting, GoldPerson, GoldSet, load_gold
from .report import ArticlesReport, EventsReport, FileReport, Report, Score, Share, format_report
from .scoring import evaluate

__all__ = [
    "ArticlesReport",
    "EventsReport",
    "FileReport",
    "GoldArticle",
    "GoldEvent",
    "GoldEvents",
    "GoldMeeting",
    "GoldPerson",
    "GoldSet",
    "Report",
    "Score",
    "Share",
    "evaluate",
    "format_report",
    "load_gold",
]
