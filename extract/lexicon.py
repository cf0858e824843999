"""The span ruler's marks: titles, meeting words, topics, agreements and cooperation cues.

The ruler (``diplograph_lexicon`` in the pipeline) writes labelled spans to
``doc.spans["diplograph"]``, each carrying its pattern's id: a title's rank, a meeting word's
kind and mode ("receive:in_person"), a topic's area. The patterns are data (``data/*.jsonl``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

__all__ = ["LEXICON", "LEXICON_PIPE", "PATTERN_FILES", "marks"]

LEXICON = "diplograph"  # the doc.spans key the span ruler writes to
LEXICON_PIPE = "diplograph_lexicon"  # the span ruler
# Titles, meeting language, cooperation areas, agreement words and the words that say a
# sentence is about cooperation.
PATTERN_FILES = (
    "titles.jsonl", "triggers.jsonl", "topics.jsonl", "agreements.jsonl", "cues.jsonl",
)


def marks(doc: Doc, label: str) -> list[Span]:
    """The ruler's spans of one label (TITLE, MEETING, TOPIC, AGREEMENT, COOPERATION), the
    longest where they overlap, in text order."""
    return filter_spans([s for s in doc.spans.get(LEXICON, []) if s.label_ == label])
