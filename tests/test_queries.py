"""The queries, on the hand-built `small_graph` whose every fact is in its docstring."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ANNA, CALL, CARL, EVA, OSLO, SUDPORT, _add_meeting, _add_person
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from diplograph.errors import AmbiguousError, NotFoundError, QueryError
from kg.schema import Country, Person
from queries import (
    encounters,
    find_country,
    find_person,
    meetings,
    who_met,
)

# -- looking people and countries up -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Berg", ANNA),  # the name
        ("anna berg", ANNA),  # case
        ("  ANNA   BERG ", ANNA),
        ("A. Berg", ANNA),  # an alias
        ("Berg", ANNA),
        ("Dunn", CARL),
        ("person:carl-dunn", CARL),  # a node id
        ("Eva Ferreira-Łukasz", EVA),
        ("Eva Ferreira-Lukasz", EVA),  # a transliteration: Ł -> L
        ("eva ferreira lukasz", EVA),
        ("Ferreira-Lukasz", EVA),  # an alias
        ("Łukasz", EVA),  # a surname: the last token of exactly one person's name
        ("lukasz", EVA),
    ],
)
def test_find_person(small_graph, text, expected):
    assert find_person(small_graph, text).id == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Anna Bergg", "no person matches 'Anna Bergg'; close matches: Anna Berg"),
        ("Carl Dumm", "no person matches 'Carl Dumm'; close matches: Carl Dunn"),
        (
            "Ferreira Lukas",
            "no person matches 'Ferreira Lukas'; close matches: Eva Ferreira-Łukasz",
        ),
        ("Zbigniew", "no person matches 'Zbigniew'"),
    ],
)
def test_find_person_unknown_names_close_matches(small_graph, text, message):
    with pytest.raises(NotFoundError) as info:
        find_person(small_graph, text)
    assert info.value.args == (message,)


@pytest.fixture
def haftars(small_graph):
    """`small_graph` with two people who share a surname, and one more Łukasz."""
    _add_person(small_graph, "Khalifa Haftar")
    _add_person(small_graph, "Saddam Khalifa Haftar")
    _add_person(small_graph, "Piotr Łukasz")
    return small_graph


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Haftar", "'Haftar' is ambiguous: Khalifa Haftar, Saddam Khalifa Haftar"),
        ("Lukasz", "'Lukasz' is ambiguous: Eva Ferreira-Łukasz, Piotr Łukasz"),
    ],
)
def test_find_person_ambiguous_surname(haftars, text, message):
    with pytest.raises(AmbiguousError) as info:
        find_person(haftars, text)
    assert info.value.args == (message,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Khalifa Haftar", "person:khalifa-haftar"),  # a full name wins over a surname
        ("Saddam Khalifa Haftar", "person:saddam-khalifa-haftar"),
        ("Eva Ferreira-Lukasz", EVA),
        ("Piotr Lukasz", "person:piotr-lukasz"),
    ],
)
def test_find_person_full_name_wins(haftars, text, expected):
    assert find_person(haftars, text).id == expected


def test_find_person_same_name_twice_names_the_ids(small_graph):
    kg.add_node(small_graph, Person(id="person:anna-berg-2", label="Anna Berg", name="Anna Berg"))
    with pytest.raises(AmbiguousError) as info:
        find_person(small_graph, "Anna Berg")
    assert info.value.args == (
        "'Anna Berg' is ambiguous: Anna Berg (person:anna-berg), Anna Berg (person:anna-berg-2)",
    )


@pytest.mark.parametrize(
    ("text", "error"), [(None, TypeError), (3, TypeError), ("", ValueError), (" -. ", ValueError)]
)
def test_find_person_checks_its_argument(small_graph, text, error):
    with pytest.raises(error):
        find_person(small_graph, text)


# These only read the graph, so every example may share the test's one `small_graph`.
_READ_ONLY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_READ_ONLY
@given(text=st.text(max_size=30))
def test_find_person_never_crashes(small_graph, text):
    try:
        found = find_person(small_graph, text)
    except (LookupError, ValueError):
        return
    assert found.id in {ANNA, CARL, EVA}


@_READ_ONLY
@given(since=st.text(max_size=12), until=st.none() | st.dates().map(dt.date.isoformat))
def test_meetings_since_until_never_crash(small_graph, since, until):
    try:
        found = meetings(small_graph, since=since, until=until)
    except ValueError:
        return
    assert {m.id for m in found} <= {CALL, OSLO, SUDPORT}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norland", "country:norland"),
        ("SUDIA", "country:sudia"),
        ("country:portia", "country:portia"),
    ],
)
def test_find_country(small_graph, text, expected):
    assert find_country(small_graph, text).id == expected


def test_find_country_by_iso_code(small_graph):
    kg.add_node(small_graph, Country(id="country:libya", label="Libya", name="Libya", iso="LY"))
    assert find_country(small_graph, "ly").model_dump() == {
        "id": "country:libya",
        "name": "Libya",
        "iso": "LY",
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Norlnd", "no country matches 'Norlnd'; close matches: Norland"),
        ("Anna Berg", "no country matches 'Anna Berg'"),
    ],
)
def test_find_country_unknown(small_graph, text, message):
    with pytest.raises(NotFoundError) as info:
        find_country(small_graph, text)
    assert info.value.args == (message,)


# -- who met whom --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Anna Berg",
            [
                ("Carl Dunn", "2024-05-02", OSLO, "Oslo"),
                ("Carl Dunn", "2024-09", SUDPORT, "Sudport"),
            ],
        ),
        (
            "Dunn",
            [
                ("Eva Ferreira-Łukasz", "2023-01-15", CALL, None),
                ("Anna Berg", "2024-05-02", OSLO, "Oslo"),
                ("Anna Berg", "2024-09", SUDPORT, "Sudport"),
            ],
        ),
        ("Eva Ferreira-Lukasz", [("Carl Dunn", "2023-01-15", CALL, None)]),
    ],
)
def test_who_met(small_graph, name, expected):
    found = who_met(small_graph, name)
    assert [(e.counterpart.name, e.date, e.meeting_id, e.location) for e in found] == expected
    assert {e.person.id for e in found} == {find_person(small_graph, name).id}


def test_who_met_carries_the_sources(small_graph):
    [first, _] = who_met(small_graph, "Anna Berg")
    assert first.model_dump(mode="json")["sources"] == [
        {
            "article": "article:one",
            "evidence": "Anna Berg met Carl Dunn in Oslo.",
            "start": 0,
            "end": 32,
        },
    ]
    assert first.counterpart == find_person(small_graph, "Carl Dunn")


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("2024", None, [OSLO, SUDPORT]),
        (None, "2023", [CALL]),
        ("2024-09-15", None, [SUDPORT]),  # 2024-09 is 1-30 September: it overlaps
        ("2024-09-30", "2024-12-31", [SUDPORT]),
        (None, "2024-09-01", [CALL, OSLO, SUDPORT]),
        (None, "2024-08-31", [CALL, OSLO]),
        ("2024-10", None, []),
        ("2024-05", "2024-05", [OSLO]),  # until a month runs to its last day
        ("2024-05-02", "2024-05-02", [OSLO]),
        ("2024-05-03", "2024-08", []),
        (dt.date(2024, 9, 30), None, [SUDPORT]),
        (dt.datetime(2023, 1, 15, 23, 59), dt.date(2023, 1, 15), [CALL]),
    ],
)
def test_who_met_since_until_at_the_meetings_precision(small_graph, since, until, expected):
    found = who_met(small_graph, "Carl Dunn", since=since, until=until)
    assert [e.meeting_id for e in found] == expected


@pytest.mark.parametrize(
    ("since", "until", "error", "message"),
    [
        ("2024/09", None, QueryError, "since must be YYYY, YYYY-MM or YYYY-MM-DD, not '2024/09'"),
        (None, "2024-13", QueryError, "until must be YYYY, YYYY-MM or YYYY-MM-DD, not '2024-13'"),
        (
            "2024-02-30",
            None,
            ValueError,
            "since must be YYYY, YYYY-MM or YYYY-MM-DD, not '2024-02-30'",
        ),
        ("2025", "2024-12", QueryError, "since (2025) is after until (2024-12)"),
        (2024, None, TypeError, "since must be a date or an ISO date string, not int"),
    ],
)
def test_since_until_are_checked(small_graph, since, until, error, message):
    with pytest.raises(error) as info:
        who_met(small_graph, "Carl Dunn", since=since, until=until)
    assert info.value.args == (message,)
    with pytest.raises(error):
        meetings(small_graph, since=since, until=until)


def test_who_met_counts_held_meetings_only(small_graph):
    _add_meeting(small_graph, "meeting:planned", (ANNA, EVA), date="2025-01", status="planned")
    _add_meeting(small_graph, "meeting:cancelled", (ANNA, EVA), date="2025", status="cancelled")
    assert [e.meeting_id for e in who_met(small_graph, "Anna Berg")] == [OSLO, SUDPORT]


def test_who_met_undated_last_and_out_of_any_range(small_graph):
    _add_meeting(small_graph, "meeting:undated", (ANNA, EVA))
    assert [e.meeting_id for e in who_met(small_graph, "Berg")] == [
        OSLO,
        SUDPORT,
        "meeting:undated",
    ]
    assert [e.meeting_id for e in who_met(small_graph, "Berg", since="2000")] == [OSLO, SUDPORT]


def test_who_met_without_a_name_points_to_encounters(small_graph):
    with pytest.raises(TypeError, match=r"encounters\(G\) lists every pair who met"):
        who_met(small_graph, None)


def test_who_met_unknown_person(small_graph):
    with pytest.raises(NotFoundError, match="close matches: Anna Berg"):
        who_met(small_graph, "Ana Berg")


def test_encounters_every_pair(small_graph):
    assert [(e.person.name, e.counterpart.name, e.meeting_id) for e in encounters(small_graph)] == [
        ("Carl Dunn", "Eva Ferreira-Łukasz", CALL),
        ("Anna Berg", "Carl Dunn", OSLO),
        ("Anna Berg", "Carl Dunn", SUDPORT),
    ]
    assert [e.meeting_id for e in encounters(small_graph, since="2024-06")] == [SUDPORT]


def test_encounters_three_people_make_three_pairs(small_graph):
    _add_meeting(small_graph, "meeting:summit", (EVA, CARL, ANNA), date="2025-03-01")
    summit = [e for e in encounters(small_graph) if e.meeting_id == "meeting:summit"]
    assert [(e.person.name, e.counterpart.name) for e in summit] == [
        ("Anna Berg", "Carl Dunn"),
        ("Anna Berg", "Eva Ferreira-Łukasz"),
        ("Carl Dunn", "Eva Ferreira-Łukasz"),
    ]
