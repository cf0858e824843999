"""The meeting, timeline and cooperation-area queries, on the hand-built `small_graph`."""

from __future__ import annotations

import pytest
from conftest import ANNA, CALL, CARL, EVA, OSLO, SUDPORT, _add_meeting, _add_person

import kg
from diplograph.errors import NotFoundError
from kg.schema import Edge, Location, Organisation
from queries import (
    AreaCount,
    cooperation_areas,
    find_person,
    meetings,
    meetings_between,
    timeline,
)

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


