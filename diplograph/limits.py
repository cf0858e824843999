"""How much text extraction takes at once, and how long it may take.

A text longer than `PIECE_CHARS` is parsed in pieces of at most that many characters, joined
back into one Doc (spaCy's parser needs memory in proportion to a text's length, and refuses a
text over its `SPACY_MAX_LENGTH` outright); an article gets `SECONDS_PER_PIECE` for each piece
it holds before it is skipped (see `extract.budget`).
"""

from __future__ import annotations

__all__ = ["PIECE_CHARS", "SECONDS_PER_PIECE", "SPACY_MAX_LENGTH"]

PIECE_CHARS = 100_000
SPACY_MAX_LENGTH = 1_000_000  # spaCy's own `nlp.max_length`
SECONDS_PER_PIECE = 30.0
