"""Each rule of `extract.dating` but the phrases (`tests/test_dates.py`): the dateline, the
story's own day, and the date a sentence states for its meeting.

Date phrases resolve against a Wednesday, 5 March 2025.
"""

from __future__ import annotations

import datetime as dt

import pytest
from small_docs import doc_of
from spacy.tokens import Doc

from diplograph.dates import Date
from extract import load_pipeline
from extract.clean import clean_page
from extract.dating.dateline import detach_dateline, read_dateline
from extract.dating.forms import Tense
from extract.dating.meeting_date import meeting_date, path_is_clausemate, within
from extract.dating.story import (
    StoryDates,
    historical_flags,
    place_partial,
    story_dates,
    story_year,
)
from extract.lexicon import marks
from extract.vocabulary import Words

WORDS = Words.load()
WEDNESDAY = dt.date(2025, 3, 5)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def partial(value: str) -> Date:
    return Date.parse(value, basis="partial")


def article_day(day: dt.date) -> StoryDates:
    """The story dates of a story whose day is known: its meetings fall back on that day."""
    return StoryDates(day, Date.of_day(day, basis="article"))


# -- dateline --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "span"), [
    ("LISBON, March 3, 2025 (Agency) - Ana Silva met Jonas Berg.", "2025-03-03", (0, 32)),
    ("LISBON, March 3 (Agency) - Ana Silva met Jonas Berg.", "--03-03", (0, 26)),
    ("3 March: Ana Silva met Jonas Berg.", "--03-03", (0, 8)),
    ("Ana Silva met Jonas Berg on March 3.", None, (0, 0)),  # a date, but no dateline
])
def test_read_dateline_reads_the_day_and_where_it_stands(text, value, span):
    date, where = read_dateline(clean_page(text))
    assert (date and date.value, where) == (value, span)


@pytest.mark.xfail(strict=True, reason="the dateline pattern takes no comma before the agency: "
                                       "'October 21, Agency.' ends at the comma, so the lead "
                                       "starts at 'Agency.' and its weekday is never read")
def test_read_dateline_ends_after_the_agency_of_a_day_first_dateline():
    # The form the module names: "October 21, Agency. ..."
    date, where = read_dateline(clean_page("October 21, Agency. Ana Silva met Jonas Berg."))
    assert (date.value, where) == ("--10-21", (0, 19))


def test_read_dateline_looks_only_in_the_first_paragraphs():
    lead = "LISBON, March 3 (Agency) - Ana met Cy."
    paragraphs = ["Ana Silva met Bo Lind.", "Bo Lind left the hall.", "Cy Moe came in later."]
    third = "\n\n".join([*paragraphs[:2], lead])
    fourth = "\n\n".join([*paragraphs, lead])
    assert read_dateline(clean_page(third))[0].value == "--03-03"
    assert read_dateline(clean_page(fourth)) == (None, (0, 0))


def test_detach_dateline_ends_the_dateline_with_a_line_break():
    clean = clean_page("LISBON, March 3, 2025 (Agency) - Ana Silva met Jonas Berg.")
    assert detach_dateline(clean).text == (
        "LISBON, March 3, 2025 (Agency) \n Ana Silva met Jonas Berg.")
    undated = clean_page("Ana Silva met Jonas Berg.")
    assert detach_dateline(undated) is undated


# -- the story's day -------------------------------------------------------------------------

@pytest.mark.parametrize(("published", "dateline", "expected"), [
    (WEDNESDAY, None, article_day(WEDNESDAY)),
    (WEDNESDAY, Date.parse("2025-03-03"), article_day(dt.date(2025, 3, 3))),  # two days before
    (WEDNESDAY, Date.parse("2025-02-20"), article_day(WEDNESDAY)),  # too long before
    (None, Date.parse("2025-02-20"), article_day(dt.date(2025, 2, 20))),
    (WEDNESDAY, partial("--03-03"), article_day(dt.date(2025, 3, 3))),  # the publication's year
    (dt.date(2025, 1, 2), partial("--12-30"), article_day(dt.date(2024, 12, 30))),  # year before
    (None, partial("--03-03"), StoryDates(None, partial("--03-03"))),  # no year told
    (None, None, StoryDates(None, None)),
])
def test_story_dates_take_the_datelines_day_or_the_publications(nlp, published, dateline,
                                                                 expected):
    doc = nlp("Ana Silva met Jonas Berg.")
    found = story_dates(doc, published=published, dateline=dateline, dateline_end=0,
                        page_text=doc.text, body=[True] * len(doc), words=WORDS)
    assert found == expected


@pytest.mark.parametrize(("text", "page", "month_day", "expected"), [
    # The lead's weekday: 3 March was a Monday in 2025, the first such year from 2024.
    ("LISBON, March 3 (Agency)\nAna Silva met Jonas Berg on Monday. Trade grew in 2024.", "",
     "--03-03", dt.date(2025, 3, 3)),
    # A year the story names as its present; a target's year is not the story's.
    ("LISBON, April 9 (Agency)\nEnergy Week 2026 opened today. Trade will double by 2030.", "",
     "--04-09", dt.date(2026, 4, 9)),
    # A link's path names the year.
    ("LISBON, April 9 (Agency)\nAna Silva met Jonas Berg.", "https://news.example/2026/04/talks",
     "--04-09", dt.date(2026, 4, 9)),
])
def test_story_dates_give_a_dateline_without_a_year_the_year_the_story_tells(
        nlp, text, page, month_day, expected):
    doc = nlp(text)
    found = story_dates(doc, published=None, dateline=partial(month_day),
                        dateline_end=text.index("\n"), page_text=page or text,
                        body=[True] * len(doc), words=WORDS)
    assert found == article_day(expected)


@pytest.mark.parametrize(("years", "weekday", "current", "expected"), [
    ([2022], 0, [2026], 2026),  # the story's present wins over a weekday
    ([2021], 3, [], 2024),  # 29 February, a Thursday, in a leap year only
    ([2024], None, [], None),  # no weekday: the latest year may be history
    ([], 0, [], None),
])
def test_story_year_is_the_present_or_the_year_the_weekday_falls_in(years, weekday, current,
                                                                     expected):
    month_day = "--02-29" if weekday == 3 else "--03-03"
    assert story_year(month_day, years, weekday=weekday, current=current) == expected


def test_place_partial_puts_each_partial_date_nearest_the_latest_full_date():
    placed = place_partial([Date.parse("2026-02-03"), partial("--02-04"), None, partial("--11")])
    assert [d and (d.value, d.basis) for d in placed] == [
        ("2026-02-03", "explicit"), ("2026-02-04", "relative"), None, ("2025-11", "relative")]


def test_place_partial_leaves_dates_alone_without_a_day_or_month_stated_in_full():
    dates = [Date.parse("2011"), partial("--02-04")]
    assert place_partial(dates) == dates


def test_historical_flags_judge_against_the_latest_date_stated():
    dates = [Date.parse("2026-02"), Date.parse("2023-12-01"), Date.parse("2024-03-01"),
             partial("--02-04"), None]
    assert historical_flags(dates) == [False, True, False, False, False]


# -- a meeting's date ------------------------------------------------------------------------

def dated(doc: Doc, *, tense: Tense = "past", skip: tuple[int, int] = (0, 0),
          ) -> tuple[str | None, bool]:
    """The value of the date the first meeting word of ``doc`` is given, and whether stated."""
    trigger = marks(doc, "MEETING")[0].root
    date, stated = meeting_date(trigger, trigger.sent, WEDNESDAY, tense=tense, skip=skip)
    return date and date.value, stated


@pytest.mark.parametrize(("text", "tense", "expected"), [
    ("Ana Silva met Jonas Berg on Monday.", "past", ("2025-03-03", True)),
    ("Ana Silva will meet Jonas Berg on Monday.", "future", ("2025-03-10", True)),
    # Another event's date, in a relative clause.
    ("Ana Silva met Jonas Berg, who arrived the day before, on Tuesday.", "past",
     ("2025-03-04", True)),
    ("Ana Silva, who was elected in 2019, met Jonas Berg on Monday.", "past",
     ("2025-03-03", True)),
    ("Ana Silva met Jonas Berg, since becoming minister last October.", "past", (None, False)),
    # How long, not when; counted from a day just told.
    ("Ana Silva met Jonas Berg for the first time in seven years.", "past", (None, False)),
    ("A year later, Ana Silva met Jonas Berg.", "past", (None, False)),
    # A time no calendar gives still dates the meeting.
    ("Ana Silva met Jonas Berg last autumn.", "past", (None, True)),
    # The day within the month already told.
    ("In September 2022, Ana Silva held talks with Jonas Berg on September 6.", "past",
     ("2022-09-06", True)),
])
def test_meeting_date_is_the_date_its_clause_states(nlp, text, tense, expected):
    assert dated(nlp(text), tense=tense) == expected


def test_meeting_date_leaves_out_the_dateline(nlp):
    doc = nlp("Ana Silva met Jonas Berg on Monday.")
    monday = next(e for e in doc.ents if e.text == "Monday")
    assert dated(doc, skip=(monday.start_char, monday.end_char)) == (None, False)


# "Ana met Bo , who arrived Monday": the date is in the relative clause.
CLAUSES = doc_of(["Ana", "met", "Bo", ",", "who", "arrived", "Monday", "and", "signed", "Friday"],
                 heads=[1, 1, 1, 2, 5, 2, 5, 1, 1, 8],
                 deps=["nsubj", "ROOT", "dobj", "punct", "nsubj", "relcl", "npadvmod", "cc",
                       "conj", "npadvmod"],
                 pos=["PROPN", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "PROPN", "CCONJ",
                      "VERB", "PROPN"])


@pytest.mark.parametrize(("token", "anchor", "expected"), [
    (2, 1, True),  # the object of the meeting verb
    (6, 5, True),  # within the relative clause, to its own verb
    (6, 1, False),  # out of a relative clause
    (9, 1, False),  # on a verb of its own
])
def test_path_is_clausemate_stays_within_one_clause(token, anchor, expected):
    assert path_is_clausemate(CLAUSES[token], CLAUSES[anchor]) is expected


@pytest.mark.parametrize(("period", "phrase", "expected"), [
    (Date.parse("2017-04"), "on April 8", "2017-04-08"),
    (Date.parse("2017"), "on April 8", "2017-04-08"),
    (Date.parse("2017-04"), "on May 8", None),  # not in the period
    (Date.parse("2017-04-02"), "on April 8", None),  # a day holds no other day
    (Date.parse("2017-04", basis="relative"), "on April 8", None),  # a period worked out
    (None, "on April 8", None),
])
def test_within_places_a_day_in_a_period_already_told(period, phrase, expected):
    day = within(period, phrase)
    assert (day and day.value) == expected
