"""Dating meetings in small invented articles: datelines, weekdays, yearless and relative days."""

from __future__ import annotations

import pytest
from conftest import pairs


def test_undated_article_keeps_explicit_dates_only(run):
    x = run("Prime Minister Jonas Berg met President Anna Kowalski in Oslo.", published=None)
    assert pairs(x) == [(frozenset({"Jonas Berg", "Anna Kowalski"}), None)]


def test_dateline_without_year_gives_a_partial_date(run):
    x = run("Headline about the visit\n\nMay 4, Agency. Prime Minister Jonas Berg met President "
            "Anna Kowalski in Oslo.", published=None)
    assert pairs(x) == [(frozenset({"Jonas Berg", "Anna Kowalski"}), "--05-04")]


def test_a_yearless_dateline_takes_the_year_the_story_names_as_its_present(run):
    x = run("Story\n\nVALLETTA, April 9 (Wire) — Economy Minister Clara Vella and Energy Minister "
            "Tomas Ruiz held talks in Valletta on Wednesday, the ministry said.\n\n"
            "The talks opened Energy Week 2031, which began on Wednesday.", published=None)
    assert pairs(x) == [(frozenset({"Clara Vella", "Tomas Ruiz"}), "2031-04-09")]


def test_a_yearless_dateline_stays_partial_when_the_story_names_only_history(run):
    x = run("Story\n\nOctober 21, Agency. Prime Minister Jonas Berg met President Anna Kowalski "
            "in Oslo. Relations cooled after the crisis of 2011.", published=None)
    assert pairs(x) == [(frozenset({"Jonas Berg", "Anna Kowalski"}), "--10-21")]


def test_the_dateline_dates_the_story_before_its_publication(run):
    x = run("Story\n\nOSLO, March 4 Wire - Prime Minister Jonas Berg and President Anna Kowalski "
            "signed a memorandum on energy after their talks.")
    assert [m.date.value for m in x.meetings] == ["2024-03-04"]


def test_a_day_the_model_calls_a_time_dates_the_meeting(run):
    x = run("Foreign Minister Lea Moreau received a phone call on Monday night from Foreign "
            "Minister Oskar Brandt.")
    assert pairs(x) == [(frozenset({"Lea Moreau", "Oskar Brandt"}), "2024-03-04")]


def test_later_the_same_day_is_the_day_of_the_meeting_just_told(run):
    x = run("On Monday, Foreign Minister Lea Moreau held talks with Foreign Minister Oskar Brandt. "
            "Later the same day, a meeting between Moreau and Trade Secretary Ivo Marek focused "
            "on grain.")
    assert (frozenset({"Lea Moreau", "Ivo Marek"}), "2024-03-04") in pairs(x)


def test_a_yearless_dateline_takes_the_year_in_which_the_leads_weekday_fits(run):
    x = run("Story\n\nOSLO, March 3 (Wire) - Prime Minister Jonas Berg met President Anna "
            "Kowalski in Oslo on Monday.\n\nRelations have warmed since the crisis of 2024.",
            published=None)
    assert pairs(x) == [(frozenset({"Jonas Berg", "Anna Kowalski"}), "2025-03-03")]


def test_the_leads_weekday_finds_a_year_some_years_after_the_latest_named(run):
    x = run("Story\n\nOSLO, March 3 (Wire) - Prime Minister Jonas Berg met President Anna "
            "Kowalski in Oslo on Monday.\n\nThe two first met in September 2022.",
            published=None)
    assert (frozenset({"Jonas Berg", "Anna Kowalski"}), "2025-03-03") in pairs(x)


@pytest.mark.parametrize("text", [
    "Foreign Minister Jonas Berg, on his first visit to Warsaw since becoming minister last "
    "October, met President Anna Kowalski.",
    "Foreign Minister Jonas Berg met President Anna Kowalski in Warsaw, and the two "
    "countries opened a consulate in 2021.",
])
def test_a_date_on_another_verb_does_not_date_the_meeting(run, text):
    dates = [date for _, date in pairs(run(text))]
    assert dates and "2023-10" not in dates and "2021" not in dates


def test_an_anniversary_names_the_storys_year(run):
    x = run("Story\n\nOSLO, March 5 (Wire) - Foreign Minister Jonas Berg met President Anna "
            "Kowalski in Oslo on Wednesday. The two countries mark the 75th anniversary of "
            "relations, established in 1950.", published=None)
    assert (frozenset({"Jonas Berg", "Anna Kowalski"}), "2025-03-05") in pairs(x)


@pytest.mark.parametrize(("text", "date"), [
    ("In September 2022, on a state visit, President Anna Kowalski held talks with Prime "
     "Minister Jonas Berg in Oslo on September 6.", "2022-09-06"),
    ("A year later, on September 8, 2023, President Anna Kowalski met Prime Minister Jonas "
     "Berg in Oslo.", "2023-09-08"),
])
def test_the_most_precise_date_a_sentence_gives_its_meeting(run, text, date):
    assert pairs(run(text)) == [(frozenset({"Anna Kowalski", "Jonas Berg"}), date)]


def test_an_undated_story_gives_a_yearless_day_the_year_of_its_dates(run):
    x = run("OSLO: Prime Minister Jonas Berg will make an official visit to Poland from Feb 3 "
            "to 5, 2026. The visit was agreed when Berg and President Anna Kowalski spoke by "
            "phone on Jan 12.", published=None)
    assert (frozenset({"Jonas Berg", "Anna Kowalski"}), "2026-01-12") in pairs(x)


@pytest.mark.parametrize(("url", "date"), [
    ("https://news.example/english/2023/12/talks", ("2023-12", "month")),
    ("https://news.example/archive/2005/news/page4.aspx", ("2005", "year")),
])
def test_a_weekday_in_a_story_filed_under_a_month_or_year_gives_that_period(
        nlp, make_article, url, date):
    from extract.pipeline import extract_article

    article = make_article("Prime Minister Jonas Berg held talks with President Anna Kowalski in "
                           "Oslo on Tuesday, his office said.", published=None)
    x = extract_article(article.model_copy(update={"url": url}), nlp=nlp)
    assert [(m.date.value, m.date.precision) for m in x.meetings] == [date]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # nothing says when: when it was in the news, at the month's precision
        ("Prime Minister Jonas Berg will meet President Anna Kowalski.", "2024-03"),
        ("Prime Minister Jonas Berg cancelled his meeting with President Anna Kowalski.",
         "2024-03"),
        # "also", after a meeting still to come: that one's day
        ("Prime Minister Jonas Berg will visit Oslo on Friday. He will also meet President Anna "
         "Kowalski.", "2024-03-08"),
        # ... but never a day already past
        ("Prime Minister Jonas Berg met Minister Ivo Marek in 2019. Berg will also meet "
         "President Anna Kowalski.", "2024-03"),
    ],
)
def test_a_meeting_to_come_without_a_day_of_its_own(run, text, date):
    x = run(text)
    assert date in [m.date.value for m in x.meetings if m.status != "held" and m.date]
