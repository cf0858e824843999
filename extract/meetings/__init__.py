"""Find the meetings of one article: a draft per meeting word (`extract.meetings.drafts`), its
people (`extract.meetings.parties`) and setting (`extract.meetings.setting`), then one meeting
per gathering (`extract.meetings.merging`)."""

from .drafts import Draft, find_meetings
from .merging import merge_drafts

__all__ = ["Draft", "find_meetings", "merge_drafts"]
