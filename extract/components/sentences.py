"""Sentence boundaries at line ends: the component that runs before the parser."""

from __future__ import annotations

import functools
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["LINE_BREAKS"]

LINE_BREAKS = "diplograph_line_breaks"
SENTENCE_END = frozenset(".!?:;\"”’'»)…")
SHORT_LINE = 8  # tokens: a line this short that ends without a stop is a heading or a label


@Language.factory(LINE_BREAKS, default_config={"abbreviations": []})
def make_line_breaks(nlp: Language, name: str,
                     abbreviations: list[str]) -> Callable[[Doc], Doc]:
    """The sentence-boundary component; no sentence starts after one of ``abbreviations``
    ("Hon.", "H.E."): the parser takes their stop for a sentence's end."""
    return functools.partial(line_breaks, abbreviations=frozenset(abbreviations))


def line_breaks(doc: Doc, abbreviations: frozenset[str] = frozenset()) -> Doc:
    """Start a sentence where a line ends a sentence, a heading or a paragraph.

    Scraped articles put headlines, speaker lines and list items on lines of their own, with no
    final stop; without this the parser glues them to the next sentence and misreads both. A
    hard-wrapped paragraph, whose lines break mid-sentence, is left to the parser. The parser
    respects boundaries set before it runs.
    """
    for token in doc[:-1]:
        if token.lower_ in abbreviations and "\n" not in token.whitespace_:
            doc[token.i + 1].is_sent_start = False
    line_start = 0
    for token in doc[:-1]:
        breaks = token.whitespace_ + (token.text if token.is_space else "")
        if "\n" not in breaks:
            continue
        last = token if not token.is_space else doc[max(token.i - 1, 0)]
        ends = (
            "\n\n" in breaks
            or last.text[-1:] in SENTENCE_END
            or token.i + 1 - line_start < SHORT_LINE
        )
        if ends:
            doc[token.i + 1].is_sent_start = True
        line_start = token.i + 1
    return doc

