"""Custom spaCy components of the extraction pipeline."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["LINE_BREAKS"]

LINE_BREAKS = "diplograph_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Scraped articles put headlines, speaker lines and list items on lines of their own, with no
    final stop; without this the parser glues them to the next sentence and misreads both. The
    parser respects boundaries set before it runs.
    """
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc
