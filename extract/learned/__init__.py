"""The learned reader of meetings: candidate pairs of people (`extract.learned.candidates`),
scored by a trained model (`extract.learned.component`), decided into meetings
(`extract.learned.decide`)."""

from .component import PAIRS, WEIGHTS, MeetingPairs

__all__ = ["PAIRS", "WEIGHTS", "MeetingPairs"]
