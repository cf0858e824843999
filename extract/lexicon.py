"""The span ruler's marks: titles, meeting words, topics, agreements and cooperation cues.

The ruler (``diplograph_lexicon`` in the pipeline) writes labelled spans to
``doc.spans["diplograph"]``, each carrying its pattern's id: a title's rank, a meeting word's
kind and mode ("receive:in_person"), a topic's area. The patterns are data (``data/*.jsonl``).
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

__all__ = ["LEXICON", "LEXICON_PIPE", "PATTERN_FILES", "mark_ids", "marks", "marks_in"]

LEXICON = "diplograph"  # the doc.spans key the span ruler writes to
LEXICON_PIPE = "diplograph_lexicon"  # the span ruler
# Titles, meeting language, cooperation areas, agreement words and the words that say a
# sentence is about cooperation.
PATTERN_FILES = (
    "titles.jsonl", "triggers.jsonl", "topics.jsonl", "agreements.jsonl", "cues.jsonl",
)


_KEY = "diplograph.marks"  # doc.user_data: label -> (start, end, id) of its marks, in order


def _index(doc: Doc, label: str) -> list[tuple[int, int, str]]:
    # Read once per Doc and label: rules ask per sentence and per pair, and filtering every
    # span of a long Doc each time costs the square of its length. Plain values, so that the
    # Doc still serialises.
    index = doc.user_data.setdefault(_KEY, {})
    if label not in index:
        index[label] = [(s.start, s.end, s.id_) for s in filter_spans(
            [s for s in doc.spans.get(LEXICON, []) if s.label_ == label])]
    return index[label]


def marks(doc: Doc, label: str) -> list[Span]:
    """The ruler's spans of one label (TITLE, MEETING, TOPIC, AGREEMENT, COOPERATION), the
    longest where they overlap, in text order."""
    return [Span(doc, start, end, label=label, span_id=mark)
            for start, end, mark in _index(doc, label)]


def marks_in(span: Span, label: str) -> list[Span]:
    """The marks of one label that start within a span (a sentence, say)."""
    index = _index(span.doc, label)
    first = bisect.bisect_left(index, (span.start, -1, ""))
    found = []
    for start, end, mark in index[first:]:
        if start >= span.end:
            break
        found.append(Span(span.doc, start, end, label=label, span_id=mark))
    return found


def mark_ids(doc: Doc, label: str, *, roots: bool = False) -> dict[int, str]:
    """For every token a mark of one label covers (only its root, with `roots`), the mark's
    id ("receive:in_person")."""
    index = doc.user_data.setdefault(_KEY, {})
    key = f"{label}:{'roots' if roots else 'ids'}"
    if key not in index:
        index[key] = {i: mark for start, end, mark in _index(doc, label)
                      for i in ([doc[start:end].root.i] if roots else range(start, end))}
    return index[key]
