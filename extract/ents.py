"""The named entities of each sentence, gathered in one pass over the Doc.

`Span.ents` walks every entity of the Doc on each call, so rules that read a sentence's
entities once per meeting cost the square of a document's length. This index costs one pass.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

__all__ = ["sentence_ents"]

_KEY = "diplograph.sentence_ents"  # doc.user_data: sentence start -> its entities


def sentence_ents(sent: Span) -> list[Span]:
    """The entities of a sentence, in order, as ``sent.ents`` gives them.

    >>> import spacy
    >>> nlp = spacy.blank("en"); nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
    <...>
    >>> doc = nlp("Ann met Bo. Then Cy left.")
    >>> doc.ents = [doc.char_span(0, 3, "PERSON"), doc.char_span(17, 19, "PERSON")]
    >>> [[e.text for e in sentence_ents(s)] for s in doc.sents]
    [['Ann'], ['Cy']]
    """
    index = sent.doc.user_data.get(_KEY)
    if index is None:
        index = sent.doc.user_data[_KEY] = _index(sent.doc)
    return [Span(sent.doc, start, end, label=label)
            for start, end, label in index.get(sent.start, ()) if end <= sent.end]


def _index(doc: Doc) -> dict[int, list[tuple[int, int, str]]]:
    # Plain values, so that the Doc's user_data still serialises.
    start_of = [0] * len(doc)
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            start_of[i] = sent.start
    index: dict[int, list[tuple[int, int, str]]] = {}
    for ent in doc.ents:
        index.setdefault(start_of[ent.start], []).append((ent.start, ent.end, ent.label_))
    return index
