"""Resolving people across spellings and meetings across reports, with a user's alias rules."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.dates import Date
from extract.records import (
    Article,
    ArticleExtraction,
    Evidence,
    MeetingRecord,
    ParticipantRecord,
    PersonRecord,
    TopicRecord,
)
from kg.aliases import AliasFileError, AliasRules, load_rules
from kg.names import fold, match_names, match_tokens, name_parts
from kg.resolve import MeetingEntity, PersonEntity, Resolution, resolve

ROOT = Path(__file__).resolve().parent.parent
GOLD = json.loads((ROOT / "tests" / "gold" / "seeds_events.json").read_text(encoding="utf-8"))

# -- building records by hand ---------------------------------------------------------------


def _evidence(article: str, text: str = "It was said.") -> Evidence:
    return Evidence(article=article, sentence=text, start=0, end=len(text))


def person(name: str, *aliases: str, countries: tuple[str, ...] = (),
           relations: tuple[tuple[str, str], ...] = ()) -> PersonRecord:
    """A person record; its key is set by `article`."""
    return PersonRecord(key="?", name=name, aliases=aliases, countries=countries,
                        relations=relations)


def when(value: str, basis: str = "explicit") -> Date:
    """A date record; the precision follows from the value ("2025", "2025-02", "--10-21")."""
    parts = value.removeprefix("--").split("-")
    precision = {1: "year", 2: "month", 3: "day"}[len(parts) + value.startswith("--")]
    return Date(value=value, precision=precision, basis=basis)


def meeting(*people: int, date: Date | None = None, **fields: object) -> tuple[
        tuple[int, ...], dict[str, object]]:
    """A meeting of the article's people, by their position in `article`."""
    return people, {"date": date, **fields}


def article(aid: str, *people: PersonRecord, meetings=(), published: str | None = None,
            ) -> ArticleExtraction:
    """An article's extraction: people keyed p0, p1... and meetings of those keys."""
    keyed = tuple(p.model_copy(update={"key": f"p{i}", "evidence": (_evidence(aid, p.name),)})
                  for i, p in enumerate(people))
    records = []
    for who, given_fields in meetings:
        fields = dict(given_fields)
        topics = tuple(TopicRecord(area=t, evidence=_evidence(aid)) for t in
                       fields.pop("topics", ()))  # type: ignore[attr-defined]
        records.append(MeetingRecord(
            participants=tuple(ParticipantRecord(person=f"p{i}") for i in who), topics=topics,
            evidence=(_evidence(aid, f"Meeting in {aid}."),), **fields))
    return ArticleExtraction(
        article=Article(id=aid, path=f"{aid}.txt", text="", content_hash=aid,
                        published=dt.date.fromisoformat(published) if published else None),
        people=keyed, meetings=tuple(records))


def people_named(res: Resolution) -> dict[str, PersonEntity]:
    return {p.name: p for p in res.people.values()}


def only_meeting(res: Resolution) -> MeetingEntity:
    assert len(res.meetings) == 1, [m.id for m in res.meetings]
    return res.meetings[0]


LUKASHENKO = person("Alexander Lukashenko", countries=("Belarus",))
HAFTAR = person("Khalifa Haftar", countries=("Libya",))
SADDAM = person("Saddam Khalifa Haftar", countries=("Libya",))

# -- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b", [
    ("alexander", "alaksandar"), ("alexander", "aleksandr"), ("alexander", "aliaksandr"),
    ("aleksandr", "aliaksandr"), ("mohammed", "muhammad"), ("belqasim", "belqassim"),
    ("dmitry", "dmitriy"), ("yevgeny", "evgeny"),
])
def test_given_name_variants_match(a, b):
    assert match_tokens(a, b) == "transliteration"


@pytest.mark.parametrize("a, b", [
    ("khalifa", "saddam"), ("aleksandr", "aleksandra"), ("mahmoud", "mohammed"),
    ("maria", "mario"), ("osama", "omar"),
])
def test_different_given_names_do_not_match(a, b):
    assert match_tokens(a, b) is None


@pytest.mark.parametrize("a, b", [
    ("Lukashenko", "Łukašenka"), ("Tymoshenko", "Tymoshenka"), ("Khodorkovsky", "Hodorkovski"),
    ("Gaddafi", "Gadhafi"),
])
def test_surnames_fold_alike(a, b):
    assert fold(name_parts(a).surname) == fold(name_parts(b).surname)


@pytest.mark.parametrize("a, b, rule", [
    ("Khalifa Haftar", "Khalifa Belqasim Haftar", "middle-name"),
    ("Khalifa Haftar", "Khalifa Belqasim Omar Haftar", "middle-name"),
    ("Khalifa Belqasim Haftar", "Khalifa Belqassim Haftar", "transliteration"),
    ("Khalifa Belqassim Haftar", "Khalifa Belqasim Omar Haftar", "middle-name"),
    ("Alexander Lukashenko", "Alaksandar Łukašenka", "transliteration"),
    ("Abdul Hamid Dbeibah", "Abdul Hamid al-Dbeibah", "exact"),
    ("Viktor Karankevich", "Viktor Karankevic", "fuzzy"),
    ("Khalifa Haftar", "Saddam Khalifa Haftar", None),
    ("Khalifa Omar Haftar", "Khalifa Belqasim Haftar", None),
    ("Sergei Ivanov", "Sergei Ivanova", None),
])
def test_match_names(a, b, rule):
    assert match_names(name_parts(a), name_parts(b)) == rule
    assert match_names(name_parts(b), name_parts(a)) == rule


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
def test_name_matching_never_crashes(a, b):
    pa, pb = name_parts(a), name_parts(b)
    if pa and pb and not pa.lone and not pb.lone:
        assert match_names(pa, pb) in (None, "exact", "transliteration", "middle-name", "fuzzy")


# -- people ---------------------------------------------------------------------------------


def test_transliterations_are_one_person():
    res = resolve([article("a1", LUKASHENKO),
                   article("a2", person("Alaksandar Łukašenka", countries=("Belarus",)))])
    (luka,) = res.people.values()
    assert (luka.id, luka.name, luka.aliases) == (
        "person:alexander-lukashenko", "Alexander Lukashenko", ["Alaksandar Łukašenka"])
    assert luka.alias_sources == {"Alexander Lukashenko": ["a1"], "Alaksandar Łukašenka": ["a2"]}
    assert luka.merged_by == ["transliteration"]
    assert res.person_of == {("a1", "p0"): luka.id, ("a2", "p0"): luka.id}


@pytest.mark.parametrize("variant", [
    "Khalifa Belqasim Haftar", "Khalifa Belqasim Omar Haftar", "Khalifa Belqassim Haftar",
])
def test_middle_names_may_be_missing(variant):
    res = resolve([article("a1", HAFTAR), article("a2", person(variant)),
                   article("a3", person("Khalifa Haftar"))])
    (haftar,) = res.people.values()
    assert (haftar.name, haftar.aliases, haftar.merged_by) == (
        "Khalifa Haftar", [variant], ["exact", "middle-name"])


def test_father_and_son_stay_two_people():
    res = resolve([article("a1", HAFTAR), article("a2", SADDAM),
                   article("a3", person("Saddam Haftar"), person("Khalifa Belqasim Haftar")),
                   article("a4", HAFTAR, SADDAM)])
    named = people_named(res)
    assert sorted(named) == ["Khalifa Haftar", "Saddam Khalifa Haftar"]
    assert named["Saddam Khalifa Haftar"].aliases == ["Saddam Haftar"]
    assert named["Khalifa Haftar"].aliases == ["Khalifa Belqasim Haftar"]


def test_different_middle_names_are_two_people():
    res = resolve([article("a1", person("Khalifa Omar Haftar")),
                   article("a2", person("Khalifa Belqasim Haftar"))])
    assert len(res.people) == 2


def test_conflicting_countries_keep_namesakes_apart():
    res = resolve([article("a1", person("Ahmed Ali", countries=("Egypt",))),
                   article("a2", person("Ahmed Ali", countries=("Somalia",))),
                   article("a3", person("Ahmed Ali"))])
    assert sorted(res.people) == ["person:ahmed-ali", "person:ahmed-ali-2"]
    assert res.person_of[("a1", "p0")] != res.person_of[("a2", "p0")]
    assert res.person_of[("a3", "p0")] == res.person_of[("a1", "p0")]


@pytest.mark.parametrize("others, merged", [
    ([], False),  # no context: a near spelling is not enough
    ([person("Alexander Lukashenko")], True),  # they both met Lukashenko
])
def test_a_fuzzy_match_needs_context(others, merged):
    def report(aid: str, name: str) -> ArticleExtraction:
        met = [meeting(0, 1)] if others else []
        return article(aid, person(name), *others, meetings=met)

    res = resolve([report("a1", "Viktor Karankevich"), report("a2", "Viktor Karankevic")])
    assert (res.person_of[("a1", "p0")] == res.person_of[("a2", "p0")]) is merged
    if merged:
        assert res.people[res.person_of[("a1", "p0")]].merged_by == ["fuzzy"]


@pytest.mark.parametrize("full_names, merged", [
    (["Muammar Gaddafi"], True),
    (["Khalifa Haftar", "Saddam Khalifa Haftar"], False),
])
def test_a_lone_surname_joins_the_only_full_name(full_names, merged):
    lone = "Gaddafi" if merged else "Haftar"
    res = resolve([*(article(f"a{i}", person(n)) for i, n in enumerate(full_names)),
                   article("b", person(lone))])
    joined = res.person_of[("b", "p0")]
    assert (res.people[joined].name != lone) is merged
    assert len(res.people) == len(full_names) + (not merged)
    if merged:
        assert res.people[joined].merged_by == ["surname-only"]


@pytest.mark.parametrize("names, rules_used", [
    (["Gaddafi", "Gaddafi"], ["exact"]),
    (["Lukashenko", "Łukašenka"], ["transliteration"]),
    (["Lukashenko", "Łukašenka", "Lukashenko"], ["exact", "transliteration"]),
])
def test_lone_surnames_join_each_other_without_a_full_name(names, rules_used):
    res = resolve([article(f"a{i}", person(name)) for i, name in enumerate(names)])
    (found,) = res.people.values()
    assert (found.name, found.merged_by) == (names[0], rules_used)


def test_a_lone_surname_stays_with_its_own_article():
    """The extractor kept "Gaddafi" apart from the article's own Muammar Gaddafi."""
    res = resolve([article("a1", person("Muammar Gaddafi"), person("Gaddafi"))])
    assert len(res.people) == 2


def test_relations_point_at_resolved_people():
    son = person("Saddam Haftar", relations=(("child_of", "p1"),))
    res = resolve([article("a1", HAFTAR, SADDAM), article("a2", son, person("Khalifa Haftar"))])
    assert people_named(res)["Saddam Khalifa Haftar"].relations == [
        ("child_of", "person:khalifa-haftar")]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.text(min_size=1, max_size=25), min_size=1, max_size=3),
                min_size=1, max_size=4))
def test_resolving_any_names_never_crashes(names):
    """Every record becomes one person, whatever the names (empty, odd scripts, digits...)."""
    corpus = [article(f"a{i}", *map(person, group), meetings=[meeting(*range(len(group)))])
              for i, group in enumerate(names)]
    res = resolve(corpus)
    assert set(res.person_of) == {(x.article.id, p.key) for x in corpus for p in x.people}
    assert all(len(m.participants) >= 2 for m in res.meetings)


# -- alias rules ----------------------------------------------------------------------------


def rules(text: str) -> AliasRules:
    return load_rules(io.BytesIO(text.encode()))


def test_a_user_merge_joins_any_spellings():
    corpus = [article("a1", person("Muammar Gaddafi", countries=("Libya",))),
              article("a2", person("Moammar Kadhafi")), article("a3", person("Muammar Gaddafi"))]
    assert len(resolve(corpus).people) == 2
    res = resolve(corpus, rules=rules('[[merge]]\nnames = ["Muammar Gaddafi", "Moammar Kadhafi"]'))
    (gaddafi,) = res.people.values()
    assert (gaddafi.name, gaddafi.aliases, gaddafi.merged_by) == (
        "Muammar Gaddafi", ["Moammar Kadhafi"], ["user:merge"])


def test_a_user_merge_matches_spellings_loosely():
    res = resolve([article("a1", LUKASHENKO), article("a2", person("Łukašenka"))],
                  rules=rules('[[merge]]\nnames = ["Alexander Lukashenko", "Lukashenka"]'))
    assert len(res.people) == 1


def test_keep_apart_wins_over_automatic_merges():
    corpus = [article("a1", LUKASHENKO), article("a2", person("Alaksandar Łukašenka"))]
    res = resolve(corpus, rules=rules(
        '[[keep_apart]]\nnames = ["Alexander Lukashenko", "Alaksandar Łukašenka"]'))
    assert sorted(res.people) == ["person:alaksandar-lukasenka", "person:alexander-lukashenko"]


def test_load_rules_reads_a_file(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text('[[merge]]\nnames = ["Alexander Lukashenko", "Lukashenka"]\n\n'
                    '[[keep_apart]]\nnames = ["Khalifa Haftar", "Saddam Khalifa Haftar"]\n',
                    encoding="utf-8")
    loaded = load_rules(path)
    assert [g.names for g in loaded.merge] == [("Alexander Lukashenko", "Lukashenka")]
    assert [g.names for g in loaded.keep_apart] == [("Khalifa Haftar", "Saddam Khalifa Haftar")]
    assert load_rules(str(path)) == loaded


@pytest.mark.parametrize("text, message", [
    ('[[merge]]\nnames = ["Gaddafi"]', "merge[0].names: needs two names or more, not 1"),
    ('[[merge]]\nnames = ["Gaddafi", "--"]', "merge[0].names: '--' is not a name"),
    ('[[merges]]\nnames = ["A B", "C D"]', "merges: Extra inputs are not permitted"),
    ('[[merge]]\nname = ["A B", "C D"]', "merge[0].names: Field required"),
    ('[[merge]]\nnames = "A B"', "merge[0].names: Input should be a valid tuple"),
    ('[[merge]]\nnames = ["A B", "C D"]\n[[merge]]\nnames = ["C D", "E F"]\n'
     '[[keep_apart]]\nnames = ["A B", "E F"]',
     "keep_apart names 'A B' and 'E F', which are one person by the merge rules or by spelling"),
    ('[[merge]\nnames = 1', "not valid TOML: Expected ']]' at the end of an array declaration "
                            "(at line 1, column 8)"),
])
def test_a_bad_alias_file_is_one_line_naming_it(tmp_path, text, message):
    path = tmp_path / "aliases.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AliasFileError) as info:
        load_rules(path)
    assert str(info.value) == f"{path}: {message}"


def test_a_missing_alias_file(tmp_path):
    with pytest.raises(AliasFileError, match=r"nope\.toml: No such file or directory$"):
        load_rules(tmp_path / "nope.toml")


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
