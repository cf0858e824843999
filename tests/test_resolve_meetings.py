"""Resolving meetings across reports: merging, order independence, the seed articles."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from small_records import HAFTAR, LUKASHENKO, SADDAM, article, meeting, person, rules, when

from diplograph.dates import Date
from extract.records import ArticleExtraction
from kg.resolve import MeetingEntity, PersonEntity, Resolution, resolve

ROOT = Path(__file__).resolve().parent.parent
GOLD = json.loads((ROOT / "tests" / "gold" / "seeds_events.json").read_text(encoding="utf-8"))


def only_meeting(res: Resolution) -> MeetingEntity:
    assert len(res.meetings) == 1, [m.id for m in res.meetings]
    return res.meetings[0]


# -- meetings -------------------------------------------------------------------------------


def two_reports(first: dict[str, object], second: dict[str, object], *,
                published: tuple[str | None, str | None] = (None, None),
                ) -> list[ArticleExtraction]:
    """Lukashenko and Haftar meeting, as two articles report it."""
    return [article(aid, LUKASHENKO, HAFTAR, meetings=[meeting(0, 1, **fields)], published=day)
            for aid, fields, day in zip(("a1", "a2"), (first, second), published, strict=True)]


def test_a_one_day_drift_is_one_meeting_with_the_conflict_recorded():
    res = resolve(two_reports({"date": when("2025-02-17", "relative")},
                              {"date": when("2025-02-18", "relative")},
                              published=("2025-02-17", "2025-03-10")))
    found = only_meeting(res)
    assert found.id == "meeting:2025-02-17-alexander-lukashenko-khalifa-haftar"
    assert found.date == when("2025-02-17", "relative")
    assert found.conflicts == ["date: 2025-02-17 (a1) vs 2025-02-18 (a2)"]
    assert found.articles == ["a1", "a2"]
    assert [s.article for s in found.sources] == ["a1", "a2"]


@pytest.mark.parametrize("first, second, date, conflicts", [
    # an explicit date beats the article's own
    (when("2025-10-20", "article"), when("2025-10-21"), when("2025-10-21"),
     ["date: 2025-10-21 (a2) vs 2025-10-20 (a1)"]),
    # a day refines the month it lies in
    (when("2025-02"), when("2025-02-17", "relative"), when("2025-02-17", "relative"), []),
    (when("2000"), None, when("2000"), []),
])
def test_the_best_supported_date_wins(first, second, date, conflicts):
    found = only_meeting(resolve(two_reports({"date": first}, {"date": second})))
    assert (found.date, found.conflicts, found.date_note) == (date, conflicts, None)


@pytest.mark.parametrize("dated, partial, value, note", [
    ("2025-10-21", "--10-21", "2025-10-21", "year of --10-21 (a2) taken from 2025-10-21 (a1)"),
    ("2025-02-17", "--02", "2025-02-17", "year of --02 (a2) taken from 2025-02-17 (a1)"),
    ("2000", "--10-21", "2000-10-21", "year of --10-21 (a2) taken from 2000 (a1)"),
])
def test_a_partial_date_takes_the_year(dated, partial, value, note):
    found = only_meeting(resolve(two_reports({"date": when(dated)},
                                             {"date": when(partial, "partial")})))
    assert (found.date.value, found.date_note, found.conflicts) == (value, note, [])
    assert found.id.startswith(f"meeting:{value}-")


@pytest.mark.parametrize("first, second", [
    ({"date": when("2025-02-17")}, {"date": when("2025-02-19")}),
    ({"date": when("2025-02")}, {"date": when("2025-03-01")}),
    ({"date": when("2025-10-21")}, {"date": when("--11-21", "partial")}),
    ({"date": when("2024-10-21")}, {"date": when("2025-10-21")}),
    ({"status": "held"}, {"status": "planned"}),
    ({"location": "Minsk"}, {"location": "Benghazi"}),
    ({"location": "Minsk"}, {"location": "Libya"}),
])
def test_different_meetings_stay_apart(first, second):
    assert len(resolve(two_reports(first, second)).meetings) == 2


def test_a_city_and_its_country_agree():
    found = only_meeting(resolve(two_reports({"location": "Belarus"}, {"location": "Minsk"})))
    assert found.location == "Minsk"


def test_a_later_report_enriches_the_meeting():
    first = article("a1", LUKASHENKO, HAFTAR,
                    meetings=[meeting(0, 1, date=when("2025-02-17"), topics=["trade"])])
    second = article("a2", person("Alaksandar Łukašenka"), HAFTAR, SADDAM, meetings=[
        meeting(0, 1, 2, date=when("--02-17", "partial"), venue="Palace of Independence",
                topics=["agriculture", "trade"])])
    found = only_meeting(resolve([first, second]))
    assert found.id == ("meeting:2025-02-17-alexander-lukashenko-khalifa-haftar-"
                        "saddam-khalifa-haftar")
    assert (found.venue, sorted(found.topics)) == ("Palace of Independence",
                                                   ["agriculture", "trade"])
    assert [s.article for s in found.topics["trade"]] == ["a1", "a2"]
    assert found.conflicts == []


def test_a_report_that_fits_two_meetings_starts_its_own():
    res = resolve([
        article("a1", LUKASHENKO, HAFTAR, meetings=[meeting(0, 1, date=when("2024-10-21"))]),
        article("a2", LUKASHENKO, HAFTAR, meetings=[meeting(0, 1, date=when("2025-10-21"))]),
        article("a3", LUKASHENKO, HAFTAR, meetings=[meeting(0, 1, date=when("--10-21",
                                                                            "partial"))]),
    ])
    assert [m.id for m in res.meetings] == [
        "meeting:2024-10-21-alexander-lukashenko-khalifa-haftar",
        "meeting:2025-10-21-alexander-lukashenko-khalifa-haftar",
        "meeting:undated-alexander-lukashenko-khalifa-haftar",
    ]


def test_meetings_left_with_one_person_are_dropped():
    corpus = [article("a1", LUKASHENKO, person("Lukashenka"), meetings=[meeting(0, 1)]),
              article("a2", HAFTAR, meetings=[meeting(0)])]
    assert len(resolve(corpus).meetings) == 1
    merged = rules('[[merge]]\nnames = ["Alexander Lukashenko", "Lukashenka"]')
    assert resolve(corpus, rules=merged).meetings == []


def test_namesake_meetings_get_distinct_ids():
    res = resolve(two_reports({"date": when("2025-02-17"), "location": "Minsk"},
                              {"date": when("2025-02-17"), "location": "Tripoli"}))
    assert [m.id for m in res.meetings] == [
        "meeting:2025-02-17-alexander-lukashenko-khalifa-haftar",
        "meeting:2025-02-17-alexander-lukashenko-khalifa-haftar-2",
    ]


# -- order independence ---------------------------------------------------------------------

CORPUS = [
    *two_reports({"date": when("2025-02-17", "relative")}, {"date": when("2025-02-18")}),
    article("a3", person("Alaksandar Łukašenka"), SADDAM, person("Khalifa Belqasim Haftar"),
            meetings=[meeting(0, 1, date=when("--10-21", "partial")),
                      meeting(0, 1, 2, date=when("--02", "partial"))]),
    article("a4", SADDAM, LUKASHENKO, meetings=[meeting(0, 1, date=when("2025-10-20", "article"),
                                                        location="Minsk")]),
    article("a5", person("Muammar Gaddafi"), person("Lukashenko"),
            meetings=[meeting(0, 1, date=when("2000"), historical=True)]),
    article("a6", person("Gaddafi"), person("Haftar")),
]


@settings(max_examples=20, deadline=None)
@given(st.permutations(CORPUS))
def test_the_order_of_articles_does_not_matter(shuffled):
    assert resolve(shuffled) == resolve(CORPUS)


def test_an_article_given_twice_counts_once():
    assert resolve([*CORPUS, *CORPUS]) == resolve(CORPUS)


def test_the_seed_order_does_not_matter(seed_extractions):
    shuffled = list(seed_extractions)
    random.Random(7).shuffle(shuffled)
    assert resolve(shuffled) == resolve(seed_extractions)


# -- the seed articles ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_extractions() -> list[ArticleExtraction]:
    from extract.pipeline import extract_articles
    from extract.sources import read_articles

    return list(extract_articles(read_articles([str(ROOT / "seeds")])))


@pytest.fixture(scope="module")
def seeds(seed_extractions) -> Resolution:
    return resolve(seed_extractions)


def person_called(res: Resolution, name: str) -> PersonEntity:
    (found,) = [p for p in res.people.values() if name == p.name or name in p.aliases]
    return found


def test_seed_lukashenko_is_one_person(seeds):
    luka = person_called(seeds, "Alexander Lukashenko")
    assert luka.name == "Alexander Lukashenko"
    assert "Alaksandar Łukašenka" in luka.aliases
    assert "transliteration" in luka.merged_by
    assert sorted(luka.alias_sources["Alaksandar Łukašenka"]) == [
        "004-15cde3fe8340a8d6-d8e64b1b"]


@pytest.mark.parametrize("pair", GOLD["must_not_be_merged"], ids="/".join)
def test_seed_people_that_must_stay_apart(seeds, pair):
    first, second = (person_called(seeds, name) for name in pair)
    assert first.id != second.id


@pytest.mark.parametrize("name", [
    pytest.param(p["name"], marks=pytest.mark.xfail(
        reason="the extractor does not yet report 004's lone 'Łukašenka' as an alias",
        strict=False)) if p["name"] == "Alexander Lukashenko" else p["name"]
    for p in GOLD["people"]
])
def test_seed_people_keep_every_spelling(seeds, name):
    gold = next(p for p in GOLD["people"] if p["name"] == name)
    found = person_called(seeds, name)
    assert set(gold["aliases"]) <= {found.name, *found.aliases}


def _matches(event: dict, found: MeetingEntity, seeds: Resolution) -> bool:
    """The gold README's rule: two of the required people, nobody from outside the event, and
    the date at the gold's precision (or an alternative date)."""
    names = {seeds.people[p].name for p in found.participants}
    allowed = {*event["participants"], *event.get("optional_participants", [])}
    dated = found.date is not None and not found.date.value.startswith("--")
    return (len(names & set(event["participants"])) >= 2 and names <= allowed and dated
            and any(found.date.value.startswith(d) for d in [event["date"],
                                                             *event.get("alt_dates", [])]))


@pytest.mark.parametrize("event", [e for e in GOLD["events"] if e["participants"]],
                         ids=lambda e: e["id"])
def test_seed_meetings_appear_exactly_once(seeds, event):
    assert sum(_matches(event, m, seeds) for m in seeds.meetings) == 1


def test_seed_meetings_record_where_the_reports_disagree(seeds):
    conflicts = {m.date.value: m.conflicts for m in seeds.meetings if m.date}
    assert conflicts["2025-02-17"] == [
        "date: 2025-02-17 (001-cb6f4a863f9e3ab0-19f26376) vs "
        "2025-02-18 (002-f02823ec117fac57-c1cbfe69)"]
    assert conflicts["2025-10-21"] == [
        "date: 2025-10-21 (003-cd3b7688e12d323e-5278ed14, 004-15cde3fe8340a8d6-d8e64b1b) vs "
        "2025-10-20 (000-3df79da8f18f291c-4cb0d03c)"]


def test_a_described_counterpart_is_named_by_another_report():
    """'She met the country's former president' joins the one such meeting another article
    names; with two candidates it is dropped."""
    from extract.records import (
        Article,
        ArticleExtraction,
        MeetingRecord,
        ParticipantRecord,
        PersonRecord,
    )

    def article(aid, people, meetings):
        return ArticleExtraction(
            article=Article(id=aid, path=aid, text="", content_hash=aid),
            people=tuple(PersonRecord(key=f"p{i}", name=n) for i, n in enumerate(people)),
            meetings=tuple(meetings))

    def meeting(*keys, counterpart=None, year=None):
        return MeetingRecord(
            participants=tuple(ParticipantRecord(person=k) for k in keys), historical=True,
            counterpart=counterpart,
            date=Date(value=year, precision="year", basis="explicit") if year else None)

    named = article("a", ["Anna Kowalski", "Ramon Ortiz"], [meeting("p0", "p1", year="1999")])
    described = article("b", ["Anna Kowalski"],
                        [meeting("p0", counterpart="the country's former president")])
    [joined] = resolve([named, described]).meetings
    assert joined.articles == ["a", "b"]
    other = article("c", ["Anna Kowalski", "Luis Vega"], [meeting("p0", "p1", year="2003")])
    assert all(m.articles != ["a", "b"] for m in resolve([named, described, other]).meetings)
