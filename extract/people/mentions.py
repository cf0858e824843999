"""Every mention of a person's name: after a title, a PERSON entity, or a name followed by an
appositive title ("X Y, head of the Z Company:")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..vocabulary import Words
from ..walks import VERBS
from .linking import SUBJECTS
from .names import clean_name, given_names_before, is_credit, is_place, name_run, placelike
from .titles import TitleChain

__all__ = ["name_mentions"]


def name_mentions(doc: Doc, chains: list[TitleChain], body: list[bool], words: Words,
                  ) -> list[tuple[list[Token], TitleChain | None, TitleChain | None]]:
    """Every name mention, with the title chains that introduce it and follow it."""
    found: dict[int, tuple[list[Token], TitleChain | None]] = {}
    for titled in chains:
        if titled.name:
            found[titled.name[0].i] = (titled.name, titled)
    taken = {t.i for tokens, _ in found.values() for t in tokens}
    title_tokens = {i for c in chains for i in range(c.start, c.end)}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        tokens = given_names_before([t for t in ent if t.i not in title_tokens], title_tokens,
                                    words)
        tokens = clean_name(tokens, words)
        if len(tokens) == 1 and tokens[0].pos_ != "PROPN":
            continue  # "Observers noted": a capitalised common noun, not a name
        if tokens and placelike(tokens, words):
            continue
        if tokens and not is_place(tokens) and not any(t.i in taken for t in tokens):
            found[tokens[0].i] = (tokens, None)
            taken.update(t.i for t in tokens)
    # Title chains that name nobody: descriptions, or titles in apposition to a name.
    unnamed = {c.start: c for c in chains if not c.name}
    # "X Y, head of the Z Company:" where the model saw a place or nothing at all.
    for sent in doc.sents:
        first = sent.start
        run = name_run(doc, first, title_tokens, words, limit=4)
        after = first + len(run)
        if len(run) >= 2 and after + 1 < len(doc) and doc[after].text == ",":
            nxt = after + 1 + (doc[after + 1].lower_ == "the")
            chain = unnamed.get(nxt) or unnamed.get(after + 1)
            if chain and not any(t.i in taken for t in run):
                found[run[0].i] = (run, chain)
                taken.update(t.i for t in run)
    names = [found[k] for k in sorted(found)
             if body[found[k][0][0].i] and not is_credit(found[k][0], words)]
    # An appositive chain right after a name: "X Y, the Deputy Commander-in-Chief of ...";
    # not the subject of the clause after a phrase that ends in a name ("In his meeting with
    # X Y, the president discussed ...").
    result = []
    for tokens, chain in names:
        after = tokens[-1].i + 1
        comma = after < len(doc) and doc[after].text == ","
        title = unnamed.get(after + 1) if comma else None
        if title is not None and _subject(doc[title.start:title.end]):
            title = None
        result.append((tokens, chain, title))
    return result


def _subject(chain: Span) -> bool:
    """Whether a chain is the subject of a verb after it ("..., the president discussed")
    rather than set off by commas ("X Y, the president, said")."""
    root = chain.root
    closed = chain.end < len(chain.doc) and chain.doc[chain.end].text == ","
    return not closed and root.dep_ in SUBJECTS and root.head.i > root.i \
        and root.head.pos_ in VERBS
