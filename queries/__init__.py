"""Named questions to ask the diplograph knowledge graph: who met whom, when, where, about what."""

from .lookup import find_country, find_person
from .meetings import cooperation_areas, meetings, meetings_between, timeline
from .models import (
    AreaCount,
    CountryRef,
    Encounter,
    MeetingView,
    Participant,
    PersonRef,
    SourceRef,
    TimelineEntry,
)

# Binds `queries.people` to the function, over the submodule of the same name.
from .people import encounters, meeting_path, most_connected, people, who_met

__all__ = [
    "AreaCount",
    "CountryRef",
    "Encounter",
    "MeetingView",
    "Participant",
    "PersonRef",
    "SourceRef",
    "TimelineEntry",
    "cooperation_areas",
    "encounters",
    "find_country",
    "find_person",
    "meeting_path",
    "meetings",
    "meetings_between",
    "most_connected",
    "people",
    "timeline",
    "who_met",
]
