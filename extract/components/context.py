"""The page around a Doc: which tokens are prose, which are quoted speech, where the dateline is.

The driver (`extract.pipeline`) reads a page, cleans it and sets ``doc._.page`` before the
pipeline runs; a Doc made from a plain text (``nlp("...")``) is taken as a clean story of its
own, with no publication date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..clean import CleanText
from ..dating.dateline import read_dateline
from ..records import Article

__all__ = ["CONTEXT", "Page", "page_of", "quote_mask", "read_context"]

CONTEXT = "diplograph_context"
_QUOTES = re.compile(r"\"[^\"\n]{2,}?\"|“[^”\n]{2,}?”|«[^»\n]{2,}?»")


@dataclass(frozen=True)
class Page:
    """A Doc's page: the article as read, and its clean text with the map back to it."""

    article: Article
    clean: CleanText


def page_of(doc: Doc) -> Page:
    """The page a Doc was read from, or the Doc's own text taken as a clean story."""
    if doc._.page is None:
        doc._.page = Page(Article(id="text", path="<text>", text=doc.text, content_hash=""),
                          CleanText.verbatim(doc.text))
    return doc._.page


@Language.factory(CONTEXT)
def make_context(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The component that marks prose, quoted speech and the dateline of a Doc."""
    return read_context


def read_context(doc: Doc) -> Doc:
    """Set ``doc._.body`` (tokens of prose lines), ``doc._.story`` (prose, and headings that
    prose follows), ``doc._.quoted`` (tokens in quoted speech), ``doc._.dateline`` and
    ``doc._.dateline_span`` (its characters)."""
    clean = page_of(doc).clean
    starts = doc.to_array("IDX").tolist()
    kinds = [clean.kind_at(idx) for idx in starts]
    doc._.body = [kind == "body" for kind in kinds]
    last_body = max((end for _, end, kind in clean.lines if kind == "body"), default=0)
    doc._.story = [kind is not None and idx < last_body
                   for kind, idx in zip(kinds, starts, strict=True)]
    doc._.quoted = quote_mask(doc)
    doc._.dateline, doc._.dateline_span = read_dateline(clean)
    return doc


def quote_mask(doc: Doc) -> list[bool]:
    """For each token, whether it stands inside quoted speech."""
    inside = [False] * len(doc)
    for m in _QUOTES.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                inside[i] = True
    return inside
