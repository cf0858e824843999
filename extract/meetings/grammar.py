"""How the rules read the parse: the people a phrase names, a meeting noun's verb, a verb's
subjects, negation and subordinate clauses. Every walk goes through `extract.walks`.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..people import Cast
from ..people.linking import SUBJECTS
from ..walks import VERBS, reachable, upward

__all__ = ["CLAUSE_EDGES", "OBJECTS", "SUBJECTS", "also", "coordinated", "governor",
           "in_relative_clause", "negated", "people_in", "subjects", "verb_of"]

# Dependencies that leave the phrase a participant can stand in.
CLAUSE_EDGES = frozenset({"relcl", "advcl", "ccomp", "parataxis", "csubj", "mark", "punct"})
# "received in Riyadh today His Excellency X": the parser may call a late object npadvmod.
OBJECTS = frozenset({"dobj", "dative", "iobj", "attr", "oprd", "npadvmod"})


def people_in(token: Token, cast: Cast, quoted: list[bool], *,
               skip: int | None = None) -> list[int]:
    """The people a phrase refers to, without entering subordinate clauses or quotes."""
    def follow(t: Token) -> list[Token]:
        if t.i == skip or quoted[t.i]:
            return []
        inside = [c for c in t.children if c.dep_ not in CLAUSE_EDGES]
        if any(c.dep_ == "cc" for c in t.children) and not any(
                c.dep_ == "conj" for c in t.children):
            inside += coordinated(t)
        return inside

    found: list[int] = []
    for t in reachable(token, follow):
        person = None if t.i == skip or quoted[t.i] else cast.person_at(t)
        if person is not None and person not in found:
            found.append(person)
    return found


# The arcs from a meeting noun up to the verb it hangs on.
_GOVERNED = frozenset({"pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "compound", "conj",
                       "appos", "npadvmod"})


def coordinated(token: Token) -> list[Token]:
    """The word after "and" when the parser left "X and Y" without its conj arc."""
    doc = token.doc
    i = token.i + 1
    while i < len(doc) and (doc[i].dep_ == "cc" or doc[i].is_punct):
        i += 1
    return [doc[i]] if i < len(doc) and i > token.i + 1 else []


def governor(token: Token) -> Token:
    """The verb a meeting noun hangs on: "thanked X for [the meeting]" -> thanked."""
    t = token
    for t in upward(token, lambda u: u.dep_ in _GOVERNED):
        if t.pos_ in VERBS:
            return t
    return t


def verb_of(trigger: Token) -> Token:
    """The meeting word itself if it is a verb, else the verb its noun hangs on."""
    return trigger if trigger.pos_ in VERBS else governor(trigger)


def subjects(verb: Token) -> list[Token]:
    """The verb's subjects, inherited along xcomp/advcl/conj chains and relative clauses.

    A verb can have two: the parser sometimes reads "X and Y met" as two subjects.
    """
    t = verb
    for _ in range(4):
        subjects = [c for c in t.children if c.dep_ in SUBJECTS]
        if subjects:
            if t.dep_ == "relcl" and subjects[0].lower_ in ("who", "that", "which"):
                return [t.head]
            return subjects
        if t.dep_ in ("xcomp", "advcl", "conj", "acl") and t.head.i != t.i:
            t = t.head
        elif t.dep_ == "relcl":
            return [t.head]
        else:
            return []
    return []


def negated(trigger: Token) -> bool:
    verb = verb_of(trigger)
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't")
               for t in (trigger, verb) for c in t.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in trigger.children)  # "no meeting"


def in_relative_clause(token: Token) -> bool:
    return any(t.dep_ in ("relcl", "ccomp") for t in (token, *token.ancestors))


def also(trigger: Token) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ == "also" for c in verb_of(trigger).children)
