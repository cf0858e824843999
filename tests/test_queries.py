"""The queries, on the hand-built `small_graph` whose every fact is in its docstring."""

from __future__ import annotations

import datetime as dt
import importlib

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
import queries
from diplograph.errors import AmbiguousError, NotFoundError, QueryError
from kg.schema import Country, Edge, Location, Meeting, Organisation, Person
from queries import (
    AreaCount,
    cooperation_areas,
    encounters,
    find_country,
    find_person,
    meeting_path,
    meetings,
    meetings_between,
    most_connected,
    timeline,
    who_met,
)

ANNA, CARL, EVA = "person:anna-berg", "person:carl-dunn", "person:eva-ferreira-lukasz"
OSLO = "meeting:2024-05-02-anna-berg-carl-dunn"  # 2024-05-02, Oslo: trade, energy
SUDPORT = "meeting:2024-09-anna-berg-carl-dunn"  # 2024-09 (month), Sudport: energy
CALL = "meeting:2023-01-15-carl-dunn-eva-ferreira-lukasz"  # 2023-01-15, phone: healthcare


def _add_person(G: nx.MultiDiGraph, name: str, **attrs) -> str:
    return kg.add_node(G, Person(id=kg.node_id("person", name), label=name, name=name, **attrs))


def _add_meeting(G: nx.MultiDiGraph, mid: str, people: tuple[str, ...], **attrs) -> str:
    kg.add_node(G, Meeting(id=mid, label=mid, **attrs))
    for person in people:
        kg.add_edge(G, Edge(source=person, target=mid, relation="participated_in"))
    return mid


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


# -- meetings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [CALL, OSLO, SUDPORT]),
        ({"participant": "Berg"}, [OSLO, SUDPORT]),
        ({"participant": "Eva Ferreira-Lukasz"}, [CALL]),
        ({"location": "oslo"}, [OSLO]),  # the meeting's own location, any case
        ({"location": "SUDPORT"}, [SUDPORT]),  # a held_in place's name
        ({"location": "Sudia"}, [SUDPORT]),  # the country of a held_in place
        ({"location": "Portia"}, []),
        ({"topic": "energy"}, [OSLO, SUDPORT]),
        ({"topic": "Healthcare"}, [CALL]),
        ({"topic": "tourism"}, []),
        ({"status": "held"}, [CALL, OSLO, SUDPORT]),
        ({"status": "planned"}, []),
        ({"since": "2024-09-30"}, [SUDPORT]),
        ({"until": "2024-05"}, [CALL, OSLO]),
        ({"since": "2024-05-03", "until": "2024-09-01"}, [SUDPORT]),
        ({"participant": "Dunn", "topic": "energy", "since": "2024-06"}, [SUDPORT]),
        ({"participant": "Eva Ferreira-Łukasz", "topic": "energy"}, []),
    ],
)
def test_meetings_filters(small_graph, filters, expected):
    assert [m.id for m in meetings(small_graph, **filters)] == expected


@pytest.mark.parametrize(
    ("filters", "error", "message"),
    [
        (
            {"status": "done"},
            ValueError,
            "status must be one of held, planned, cancelled, not 'done'",
        ),
        (
            {"status": "Held"},
            ValueError,
            "status must be one of held, planned, cancelled, not 'Held'",
        ),
        ({"location": 3}, TypeError, "location must be a str, not int"),
        ({"topic": ""}, ValueError, "topic must contain a letter or a digit, not ''"),
        ({"participant": "Nobody"}, NotFoundError, "no person matches 'Nobody'"),
    ],
)
def test_meetings_checks_its_arguments(small_graph, filters, error, message):
    with pytest.raises(error) as info:
        meetings(small_graph, **filters)
    assert info.value.args == (message,)


def test_meetings_by_status(small_graph):
    _add_meeting(small_graph, "meeting:planned", (ANNA, EVA), date="2025-01", status="planned")
    assert [m.id for m in meetings(small_graph, status="planned")] == ["meeting:planned"]
    assert [m.id for m in meetings(small_graph, status="held", since="2025")] == []


def test_meeting_view_json_is_the_documented_item(small_graph):
    [view] = meetings(small_graph, location="Sudport")
    assert view.model_dump(mode="json") == {
        "id": SUDPORT,
        "date": "2024-09",
        "date_precision": "month",
        "status": "held",
        "mode": "in_person",
        "historical": False,
        "location": "Sudport",
        "venue": None,
        "participants": [
            {"id": ANNA, "name": "Anna Berg", "aliases": ["Berg", "A. Berg"], "role": "guest"},
            {"id": CARL, "name": "Carl Dunn", "aliases": ["Dunn"], "role": "host"},
        ],
        "topics": ["energy"],
        "sources": [
            {
                "article": "article:two",
                "evidence": "In September Berg visited Sudport.",
                "start": 0,
                "end": 34,
            },
        ],
        "conflicts": ["date: 2024-09 (article:two) vs 2024-10 (other)"],
    }
    assert list(view.model_dump(mode="json")) == [
        "id",
        "date",
        "date_precision",
        "status",
        "mode",
        "historical",
        "location",
        "venue",
        "participants",
        "topics",
        "sources",
        "conflicts",
    ]


def test_meeting_view_location_falls_back_to_held_in(small_graph):
    kg.add_node(small_graph, Location(id="location:bergen", label="Bergen", name="Bergen"))
    _add_meeting(small_graph, "meeting:bergen", (ANNA, EVA), date="2025-02-01")
    kg.add_edge(
        small_graph, Edge(source="meeting:bergen", target="location:bergen", relation="held_in")
    )
    [view] = meetings(small_graph, location="bergen")
    assert (view.id, view.location, view.mode) == ("meeting:bergen", "Bergen", "in_person")


def test_person_ref_json_is_the_documented_item(small_graph):
    kg.add_node(small_graph, Organisation(id="organisation:un", label="UN", name="UN"))
    kg.add_edge(
        small_graph, Edge(source=ANNA, target="organisation:un", relation="affiliated_with")
    )
    assert find_person(small_graph, "Anna Berg").model_dump(mode="json") == {
        "id": ANNA,
        "name": "Anna Berg",
        "aliases": ["Berg", "A. Berg"],
        "titles": ["President"],
        "countries": ["Norland"],  # the attribute and the affiliated_with node, once
        "organisations": ["UN"],  # from the affiliated_with organisation node
    }


def test_results_are_frozen(small_graph):
    [view, _] = meetings_between(small_graph, "Berg", "Dunn")
    with pytest.raises(ValueError, match="frozen"):
        view.status = "cancelled"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Anna Berg", "Carl Dunn", [OSLO, SUDPORT]),
        ("dunn", "berg", [OSLO, SUDPORT]),
        ("Carl Dunn", "Lukasz", [CALL]),
        ("Anna Berg", "Eva Ferreira-Łukasz", []),
    ],
)
def test_meetings_between(small_graph, a, b, expected):
    assert [m.id for m in meetings_between(small_graph, a, b)] == expected


# -- timelines and cooperation areas ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "Carl Dunn",
            [
                ("2023-01-15", CALL, "phone call", ("Carl Dunn",), ("Eva Ferreira-Łukasz",), None),
                ("2024-05-02", OSLO, "meeting", ("Carl Dunn",), ("Anna Berg",), "Oslo"),
                ("2024-09", SUDPORT, "meeting", ("Carl Dunn",), ("Anna Berg",), "Sudport"),
            ],
        ),
        (
            "Norland",
            [
                ("2024-05-02", OSLO, "meeting", ("Anna Berg",), ("Carl Dunn",), "Oslo"),
                ("2024-09", SUDPORT, "meeting", ("Anna Berg",), ("Carl Dunn",), "Sudport"),
            ],
        ),
        (
            "portia",
            [
                ("2023-01-15", CALL, "phone call", ("Eva Ferreira-Łukasz",), ("Carl Dunn",), None),
            ],
        ),
    ],
)
def test_timeline(small_graph, name, expected):
    entries = timeline(small_graph, name)
    assert [
        (e.date, e.meeting_id, e.what, e.people, e.counterparts, e.location) for e in entries
    ] == expected


def test_timeline_of_a_country_includes_meetings_held_there(small_graph):
    _add_person(small_graph, "Olaf Lund", countries=("Norland",))
    _add_meeting(
        small_graph, "meeting:visit", (EVA, "person:olaf-lund"), date="2025-03", status="planned"
    )
    kg.add_edge(
        small_graph, Edge(source="meeting:visit", target="location:sudport", relation="held_in")
    )
    entries = timeline(small_graph, "Sudia")
    assert [(e.meeting_id, e.what, e.people, e.counterparts) for e in entries] == [
        (CALL, "phone call", ("Carl Dunn",), ("Eva Ferreira-Łukasz",)),
        (OSLO, "meeting", ("Carl Dunn",), ("Anna Berg",)),
        (SUDPORT, "meeting", ("Carl Dunn",), ("Anna Berg",)),
        ("meeting:visit", "planned meeting", (), ("Eva Ferreira-Łukasz", "Olaf Lund")),
    ]
    assert [e.meeting_id for e in timeline(small_graph, "Norland")][-1] == "meeting:visit"


def test_timeline_unknown(small_graph):
    with pytest.raises(NotFoundError) as info:
        timeline(small_graph, "Sudiaa")
    assert info.value.args == ("no person or country matches 'Sudiaa'; close matches: Sudia",)


def test_cooperation_areas(small_graph):
    assert cooperation_areas(small_graph, "Norland", "Sudia") == [
        AreaCount(area="energy", count=2, meetings=(OSLO, SUDPORT)),
        AreaCount(area="trade", count=1, meetings=(OSLO,)),
    ]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Sudia", "Norland", [("energy", 2), ("trade", 1)]),
        ("Sudia", "portia", [("healthcare", 1)]),
        ("Norland", "Portia", []),
        ("Norland", "Norland", []),  # two different people of one country never met
    ],
)
def test_cooperation_areas_counts(small_graph, a, b, expected):
    assert [(c.area, c.count) for c in cooperation_areas(small_graph, a, b)] == expected


def test_cooperation_areas_unknown_country(small_graph):
    with pytest.raises(NotFoundError, match=r"^no country matches 'Atlantis'$"):
        cooperation_areas(small_graph, "Norland", "Atlantis")


# -- paths and connections ----------------------------------------------------------------------


def test_meeting_path(small_graph):
    path = meeting_path(small_graph, "Anna Berg", "Eva Ferreira-Łukasz")
    assert [(s.person.name, s.meeting_id, s.counterpart.name) for s in path] == [
        ("Anna Berg", OSLO, "Carl Dunn"),
        ("Carl Dunn", CALL, "Eva Ferreira-Łukasz"),
    ]


def test_meeting_path_to_oneself_is_empty(small_graph):
    assert meeting_path(small_graph, "Berg", "Anna Berg") == []


def test_meeting_path_none(small_graph):
    _add_person(small_graph, "Olaf Lund")
    with pytest.raises(nx.NetworkXNoPath, match="no chain of meetings links Anna Berg and Olaf"):
        meeting_path(small_graph, "Anna Berg", "Olaf Lund")


@pytest.mark.parametrize(
    ("k", "expected"),
    [
        (1, [("Carl Dunn", 2)]),
        (10, [("Carl Dunn", 2), ("Anna Berg", 1), ("Eva Ferreira-Łukasz", 1)]),
    ],
)
def test_most_connected(small_graph, k, expected):
    assert [(p.name, n) for p, n in most_connected(small_graph, k=k)] == expected


@pytest.mark.parametrize("k", [0, -1, 1.5, "3", True, None])
def test_most_connected_checks_k(small_graph, k):
    with pytest.raises(QueryError, match="k must be a positive integer"):
        most_connected(small_graph, k=k)


# -- the index beside the graph ------------------------------------------------------------------


def test_a_new_meeting_shows_after_a_first_query(small_graph):
    assert [e.counterpart.name for e in who_met(small_graph, "Eva Ferreira-Łukasz")] == [
        "Carl Dunn"
    ]
    _add_meeting(small_graph, "meeting:new", (ANNA, EVA), date="2025-01-01")
    assert [e.counterpart.name for e in who_met(small_graph, "Eva Ferreira-Łukasz")] == [
        "Carl Dunn",
        "Anna Berg",
    ]
    assert [m.id for m in meetings(small_graph, since="2025")] == ["meeting:new"]


def test_a_new_edge_alone_shows(small_graph):
    assert meetings_between(small_graph, "Anna Berg", "Lukasz") == []
    kg.add_edge(small_graph, Edge(source=EVA, target=OSLO, relation="participated_in"))
    assert [m.id for m in meetings_between(small_graph, "Anna Berg", "Lukasz")] == [OSLO]


def test_removals_show(small_graph):
    assert len(who_met(small_graph, "Carl Dunn")) == 3
    small_graph.remove_node(CALL)
    assert [e.meeting_id for e in who_met(small_graph, "Carl Dunn")] == [OSLO, SUDPORT]
    small_graph.remove_edge(ANNA, SUDPORT, key="participated_in")
    assert [e.meeting_id for e in who_met(small_graph, "Carl Dunn")] == [OSLO]


def test_attributes_changed_in_place_show_after_clearing_the_cache(small_graph):
    assert [m.id for m in meetings(small_graph, since="2025")] == []
    small_graph.nodes[OSLO]["date"] = "2025-05-02"
    small_graph.__networkx_cache__.clear()  # as networkx asks after in-place changes
    assert [m.id for m in meetings(small_graph, since="2025")] == [OSLO]


def test_the_graph_holds_plain_values_only(small_graph):
    before = dict(small_graph.graph)
    who_met(small_graph, "Anna Berg")
    meetings(small_graph, since="2024")
    assert small_graph.graph == before


def test_each_graph_has_its_own_index(small_graph):
    other = small_graph.copy()
    _add_meeting(other, "meeting:other", (ANNA, EVA), date="2025-01-01")
    assert [m.id for m in meetings(small_graph, since="2025")] == []
    assert [m.id for m in meetings(other, since="2025")] == ["meeting:other"]


def test_people(small_graph):
    assert [p.id for p in queries.people(small_graph)] == [ANNA, CARL, EVA]
    assert queries.people(small_graph)[0] == find_person(small_graph, "Anna Berg")


def test_public_api():
    assert sorted(queries.__all__) == queries.__all__
    assert {"who_met", "meetings", "find_person", "MeetingView", "PersonRef"} <= set(
        queries.__all__
    )
    assert callable(queries.people)  # the function, not the submodule of the same name
    assert queries.people is importlib.import_module("queries.people").people
