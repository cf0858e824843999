"""The rules that read a page around its story: its day (address, credits, dateline, lead),
credits and the page's own people, and contact lines."""

from __future__ import annotations

import datetime as dt

import pytest
from small_docs import doc_of

from diplograph.dates import Date
from extract import load_pipeline
from extract.clean import clean_page
from extract.dating.address import address_date, address_period
from extract.dating.dateline import read_dateline
from extract.dating.lead import lead_day
from extract.dating.page import page_date
from extract.people.names import is_credit
from extract.vocabulary import Words

WORDS = Words.load()


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://news.example/world/2022/02/14/ministers-meet/", dt.date(2022, 2, 14)),
        ("https://news.example/2004/jun/21/talks.htm", dt.date(2004, 6, 21)),
        ("https://news.example/story-2019-09-24-summit", dt.date(2019, 9, 24)),
        ("https://news.example/mongolia/20180919/2815522", dt.date(2018, 9, 19)),
        ("https://news.example/x/held-between-india-and-mexico20220630131708/",
         dt.date(2022, 6, 30)),
        ("https://news.example/world/2012-03/09/content_2485.htm", dt.date(2012, 3, 9)),
        ("https://news.example/premier/201910/09/content_WS5d.html", dt.date(2019, 10, 9)),
        ("https://news.example/eng/201005/t20100510_2642466.htm", dt.date(2010, 5, 10)),
        ("https://news.example/world/leaders-meet-20100830-140mu.html", dt.date(2010, 8, 30)),
        ("https://news.example/25-Feb-2019/visit-postponed", dt.date(2019, 2, 25)),
        ("https://news.example/2019/09/ministers", None),
        ("https://news.example/2011/05/2009/", None),  # a year folder is no day
        ("https://news.example/id/123456789012345/", None),  # a long number is no day
        ("https://news.example/2019/02/30/x", None),  # no such day
        (None, None),
    ],
)
def test_address_date_reads_the_day_a_site_files_its_story_under(url, day):
    assert address_date(url) == day


def test_address_period_gives_the_month_or_year_when_there_is_no_day():
    assert address_period("https://news.example/archive/2005/talks") == Date.parse(
        "2005", basis="article")
    assert address_period("https://news.example/english/2023/12/talks") == Date.parse(
        "2023-12", basis="article")
    assert address_period("https://news.example/english/talks") is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Two ministers met.\n(Xinhua News Agency March 15, 2004)", dt.date(2004, 3, 15)),
        ("ROME (Wire / Agency - 22nd September, 2020) Ministers met.", dt.date(2020, 9, 22)),
        ("Ministers met in Hanoi (on March 10, 2026).", None),  # the story's date in prose
        ("Ministers met.\nSee also (March 15, 2004)\nMore\nand more\nstories", None),
    ],
)
def test_page_date_reads_a_credit_at_the_head_or_the_end(text, day):
    assert page_date(text) == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the site's clock above the headline, then the story's own line
        ("Thursday November 28, 2030\n\nTalks in the capital\n\nPublished : 29 Jan 2019, 00:50",
         dt.date(2019, 1, 29)),
        ("Monday, June 2, 2025\nTalks in the capital\nUpdated: June 4, 2025", dt.date(2025, 6, 2)),
    ],
)
def test_page_date_prefers_the_published_line_to_a_date_standing_alone(text, day):
    assert page_date(text) == day


def test_a_story_counts_from_its_address_when_the_page_shows_a_later_day():
    from extract.dating.address import filed_day

    url = "https://news.example/2012/06/07/leaders-meet/"
    assert filed_day(dt.date(2024, 4, 19), url) == dt.date(2012, 6, 7)  # a clock, years on
    assert filed_day(dt.date(2012, 6, 8), url) == dt.date(2012, 6, 8)  # a day after: its own
    assert filed_day(None, url) == dt.date(2012, 6, 7)
    assert filed_day(dt.date(2012, 6, 8), None) == dt.date(2012, 6, 8)


def test_a_dateline_may_name_its_country_in_brackets():
    date, span = read_dateline(clean_page("Mexico City [Mexico], June 30 (ANI): Talks were held."))
    assert date is not None and date.value == "--06-30"
    assert span[0] == 0


def test_lead_day_is_the_day_the_lead_tells_within_a_week(nlp):
    doc = nlp("Foreign Minister Ana Silva said on Wednesday that trade will grow.\n\n"
              "She spoke by phone with her counterpart Jonas Berg.")
    assert lead_day(doc, dt.date(2025, 3, 6), [True] * len(doc)).value == "2025-03-05"
    # Without the story's own day, or a lead day more than a week back, there is none.
    assert lead_day(doc, None, [True] * len(doc)) is None
    old = nlp("Foreign Minister Ana Silva said on March 1 that trade will grow.")
    assert lead_day(old, dt.date(2025, 3, 20), [True] * len(old)) is None


def test_a_phone_call_after_the_lead_takes_the_lead_day(nlp, make_article):
    from extract.pipeline import extract_article

    x = extract_article(make_article(
        "Foreign Minister Ana Silva said on Wednesday that trade will grow. Silva told her "
        "counterpart, Foreign Minister Jonas Berg, during their first phone call that talks "
        "should go on.", dt.date(2025, 3, 6)), nlp=nlp)
    assert [m.date.value for m in x.meetings] == ["2025-03-05"]


@pytest.mark.parametrize(
    ("words", "spaces", "name", "expected"),
    [
        # "(Ana Silva/Agency)": the name glued to an agency by a slash
        (["(", "Ana", "Silva", "/", "Agency", ")"], [False, True, False, False, False, False],
         slice(1, 3), True),
        # "... summit. Photo: Ana Silva"
        (["the", "summit", ".", "Photo", ":", "Ana", "Silva"], [True, False, True, False, True,
                                                               True, False], slice(5, 7), True),
        (["Ana", "Silva", "met", "Jonas", "Berg"], [True] * 5, slice(0, 2), False),
        # "Ana Silva / Jonas Berg": a slash with spaces joins two names, credits no agency
        (["Ana", "Silva", "/", "Jonas", "Berg"], [True] * 5, slice(0, 2), False),
    ],
)
def test_is_credit_tells_a_pictures_credit_from_a_person(words, spaces, name, expected):
    doc = doc_of(words, spaces=spaces)
    assert is_credit(list(doc[name]), WORDS) is expected


def test_a_correspondent_is_the_pages_not_the_storys(nlp):
    doc = nlp("The new ambassador Xu Bo sat down to speak with Correspondent Joel Richards "
              "in Santiago.")
    assert [p.name for p in doc._.people] == ["Xu Bo"]
    assert doc._.meetings == []


def test_contact_lines_are_page_furniture():
    clean = clean_page("Ministers met in Addis Ababa on Monday to talk about trade.\n"
                       "Enquiries: Kenneth Dube, Institute Office, Tel: +251 11 372 1154\n"
                       "Media contact: press office, Email: press@example.org")
    assert clean.text == "Ministers met in Addis Ababa on Monday to talk about trade."
