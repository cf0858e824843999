"""Small Docs and casts built by hand, for the unit tests of the extraction rules.

A parse from the model can change with the model; a Doc built by hand states the shape a rule
reads, so a test fails only when the rule does. The vocabulary is a blank English one: the
rules read ``lower_``, ``is_alpha`` and ``is_stop``, which a bare `Vocab` leaves unset.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from extract.people import Cast, Person

__all__ = ["VOCAB", "cast_of", "doc_of"]

VOCAB = spacy.blank("en").vocab


def doc_of(words: list[str], **annotations: list) -> Doc:
    """A Doc of ``words`` with the annotations `spacy.tokens.Doc` takes (``heads`` as absolute
    indices, ``deps``, ``pos``, ``tags``, ``ents`` in IOB form, ``spaces``, ``sent_starts``).

    >>> doc = doc_of(["Ana", "met", "Bo"], heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"])
    >>> [(t.text, t.dep_, t.head.text) for t in doc][2]
    ('Bo', 'dobj', 'met')
    """
    return Doc(VOCAB, words=words, **annotations)


def cast_of(mentions: dict[str, list[int]], *, titles: dict[str, list[str]] | None = None,
            ranks: dict[str, set[str]] | None = None,
            countries: dict[str, list[str]] | None = None,
            delegations: dict[int, int] | None = None) -> Cast:
    """A cast of the people named in ``mentions`` (name -> the tokens that refer to them),
    in that order, with their titles, ranks and countries.

    >>> cast = cast_of({"Ana Silva": [0, 1], "Jonas Berg": [3]})
    >>> cast.token_person, cast.people[1].name
    ({0: 0, 1: 0, 3: 1}, 'Jonas Berg')
    """
    titles, ranks, countries = titles or {}, ranks or {}, countries or {}
    people = [Person(key=f"p{k}", names=[name], titles=titles.get(name, []),
                     ranks=ranks.get(name, set()), countries=countries.get(name, []))
              for k, name in enumerate(mentions)]
    token_person = {i: k for k, tokens in enumerate(mentions.values()) for i in tokens}
    return Cast(people, token_person, delegations or {})
