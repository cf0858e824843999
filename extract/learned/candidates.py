"""Candidate meetings for the learned reader: pairs of people a sentence brings together,
and what the parse, the words and the rules say about each pair.

Every two people a sentence mentions (by name, title, pronoun or delegation, as the people
component linked them) are a candidate, and so is every pair a rule put in one meeting of the
sentence. A candidate's features are strings: which rules joined the pair, the meeting words
of the sentence, the path between the two in the parse, the words between them, their
grammatical roles and titles, and what the sentence says of time, plans and speech.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations
from typing import Any, cast

from spacy.tokens import Doc, Span, Token

from ..ents import sentence_ents
from ..lexicon import mark_ids, marks_in
from ..meetings import Draft
from ..people import HEAD_RANK, Cast
from ..vocabulary import Words
from ..walks import VERBS, upward

__all__ = ["Candidate", "candidates", "features"]

MAX_PATH = 6  # arcs: a longer path between two people is only "far"
MAX_BETWEEN = 8  # words between two mentions read one by one


@dataclass(frozen=True)
class Candidate:
    """Two people of one sentence, each with the tokens that mention them there."""

    start: int  # the sentence's first token
    end: int  # the token after the sentence
    a: int  # person indices into the cast, a < b
    b: int
    a_tokens: tuple[int, ...]
    b_tokens: tuple[int, ...]

    def sentence(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


def candidates(doc: Doc, words: Words) -> list[Candidate]:
    """Every candidate pair of a read Doc, sentence by sentence, in text order.

    A person the sentence names only as the sender of what someone else brings ("conveyed
    X's greetings", "a message from X") or as someone's kin ("Y, the son of X", "X's
    daughter Y") is nobody's counterpart there: no pair holds them.
    """
    owned = words["sent_by_someone_absent"] | words["child_words"] | words["parent_words"]
    named = _rules(doc).named
    cast: Cast = doc._.cast
    by_sentence: dict[int, list[Draft]] = {}
    for draft in doc._.drafts or ():
        by_sentence.setdefault(draft.sentence.start, []).append(draft)
    found: list[Candidate] = []
    for sent in doc.sents:
        if not any(doc._.body[t.i] for t in sent):
            continue
        mentions: dict[int, list[int]] = {}
        for token in sent:
            person = cast.person_at(token)
            if person is not None:
                mentions.setdefault(person, []).append(token.i)
        pairs = {tuple(sorted(p)) for p in combinations(mentions, 2)}
        pairs |= {tuple(sorted(p)) for d in by_sentence.get(sent.start, ())
                  for p in combinations(d.participants, 2)}
        absent = {person for person, tokens in mentions.items()
                  if _named_only_as_owner(doc, named[person] & set(tokens), owned)}
        pairs = {p for p in pairs if not absent & set(p)}
        found += [Candidate(sent.start, sent.end, a, b, tuple(mentions.get(a, ())),
                            tuple(mentions.get(b, ()))) for a, b in sorted(pairs)]
    return found


def _named_only_as_owner(doc: Doc, name: set[int], nouns: frozenset[str]) -> bool:
    """Whether every name among these tokens owns one of `nouns`: "X's greetings", "a message
    from X", "brought a letter from X", "the son of X"."""
    heads = [doc[i] for i in sorted(name) if doc[i].head.i not in name or doc[i].head.i == i]
    return bool(heads) and all(
        (head.dep_ == "poss" and head.head.lower_ in nouns)
        or (head.dep_ == "pobj" and head.head.lower_ in ("from", "of")
            and head.head.head.lower_ in nouns)
        # "brought a message from X": the parser hangs "from" on the verb
        or (head.dep_ == "pobj" and head.head.lower_ == "from"
            and any(c.dep_ == "dobj" and c.lower_ in nouns for c in head.head.head.children))
        for head in heads)


def features(doc: Doc, candidate: Candidate, words: Words) -> list[str]:
    """The features of one candidate, as strings (a learned model hashes them)."""
    sent = candidate.sentence(doc)
    out = ["bias"]
    out += _rule_features(doc, candidate)
    out += _sentence_features(doc, sent, words)
    out += _person_features(doc, candidate, words)
    if candidate.a_tokens and candidate.b_tokens:
        out += _pair_features(doc, candidate, words)
    else:
        out.append("pair:not_both_mentioned")
    return out


@dataclass(frozen=True)
class _Rules:
    """What the rules found in a Doc, indexed once for all its candidates."""

    by_sentence: dict[int, list[Draft]]  # the drafts of each sentence, by its first token
    merged: set[frozenset[int]]  # every pair of people of one merged meeting
    named: dict[int, set[int]]  # for each person, the tokens of their names


def _rules(doc: Doc) -> _Rules:
    # Keyed by the drafts' identity: the learned reader replaces them once it has decided.
    key = ("diplograph.rules_index", id(doc._.drafts))
    # spaCy's stub keys user_data by str; spaCy keys it by tuples too (extension values).
    user_data = cast("dict[object, Any]", doc.user_data)
    if key not in user_data:
        by_sentence: dict[int, list[Draft]] = {}
        for draft in doc._.drafts or ():
            by_sentence.setdefault(draft.sentence.start, []).append(draft)
        merged = {frozenset(p) for m in doc._.meetings or ()
                  for p in combinations(m.participants, 2)}
        named = {k: {i for start, end in p.mentions for i in range(start, end)}
                 for k, p in enumerate(doc._.cast.people)}
        user_data[key] = _Rules(by_sentence, merged, named)
    return user_data[key]


def _rule_features(doc: Doc, candidate: Candidate) -> Iterator[str]:
    pair = {candidate.a, candidate.b}
    rules = _rules(doc)
    for draft in rules.by_sentence.get(candidate.start, ()):
        if pair <= draft.participants.keys():
            yield "rule:pair"
            yield f"rule:kind:{draft.kind}"
            yield f"rule:status:{draft.status}"
            yield f"rule:roles:{'|'.join(sorted(draft.participants[p] for p in pair))}"
            yield from (f"rule:{r}" for r in draft.rules)
            yield f"rule:people:{min(len(draft.participants), 4)}"
        elif pair & draft.participants.keys():
            yield "rule:one_of_pair"
    if frozenset(pair) in rules.merged:
        yield "rule:merged_pair"


def _sentence_features(doc: Doc, sent: Span, words: Words) -> list[str]:
    # Many candidates share a sentence: its features are worked out once.
    known = doc.user_data.setdefault("diplograph.sentence_features", {})
    if sent.start not in known:
        known[sent.start] = list(_read_sentence(doc, sent, words))
    return known[sent.start]


def _read_sentence(doc: Doc, sent: Span, words: Words) -> Iterator[str]:
    # In this order: the trained weights were learnt from features in it, and training sums
    # them in order (floating point), so another order gives other weights.
    triggers = marks_in(sent, "MEETING")
    yield from (f"trigger:{mark.id_}" for mark in triggers)
    yield from (f"trigger_word:{mark.text.lower()}" for mark in triggers)
    if any(e.label_ == "DATE" for e in sentence_ents(sent)):
        yield "sent:date"
    lower = {t.lower_ for t in sent}
    for label in ("future_auxiliaries", "planning", "cancelling", "commenting", "side_words"):
        if lower & words[label]:
            yield f"sent:{label}"
    if any(t.dep_ == "neg" for t in sent):
        yield "sent:negated"
    if sent.start == next(iter(doc.sents)).start:
        yield "sent:first"
    if any(doc._.quoted[t.i] for t in sent):
        yield "sent:quote"
    people = {p for t in sent if (p := doc._.cast.person_at(t)) is not None}
    yield f"sent:people:{min(len(people), 5)}"


def _person_features(doc: Doc, candidate: Candidate, words: Words) -> Iterator[str]:
    cast: Cast = doc._.cast
    kinds = []
    for person, tokens in ((candidate.a, candidate.a_tokens), (candidate.b, candidate.b_tokens)):
        holder = cast.people[person]
        rank = "head" if HEAD_RANK in holder.ranks else next(iter(sorted(holder.ranks)), "none")
        kind = _mention_kind(doc, person, tokens, words)
        # A one-word "person" with no title and no PERSON tag is often a place or a word
        # the model mistook ("Northern", "Savusavu").
        tagged = any(doc[i].ent_type_ == "PERSON" for i in tokens)
        kinds.append((rank, kind, any(doc._.quoted[i] for i in tokens),
                      f"{min(len(holder.tokens), 3)}:{bool(holder.titles)}:{tagged}"))
    for part in range(len(kinds[0])):
        yield f"people:{part}:{'|'.join(sorted(str(k[part]) for k in kinds))}"
    a, b = cast.people[candidate.a], cast.people[candidate.b]
    if set(a.countries) & set(b.countries):
        yield "people:same_country"
    elif a.countries and b.countries:
        yield "people:other_countries"


def _mention_kind(doc: Doc, person: int, tokens: tuple[int, ...], words: Words) -> str:
    if not tokens:
        return "absent"
    named = _rules(doc).named[person]
    if any(doc[i].lower_ in words["pronouns"] for i in tokens):
        return "pronoun"
    return "name" if any(i in named for i in tokens) else "description"


def _pair_features(doc: Doc, candidate: Candidate, words: Words) -> Iterator[str]:
    a, b = _head(doc, candidate.a_tokens), _head(doc, candidate.b_tokens)
    first, second = sorted((a, b), key=lambda t: t.i)
    gap = second.i - first.i
    yield f"pair:gap:{_bucket(gap)}"
    yield f"pair:deps:{'|'.join(sorted((a.dep_, b.dep_)))}"
    for token in (a, b):
        if token.dep_ == "pobj":
            yield f"pair:prep:{token.head.lower_}"
    between = doc[first.i + 1:second.i]
    if len(between) <= MAX_BETWEEN:
        yield from (f"between:{t.lower_}" for t in between if not t.is_punct)
    else:
        yield "between:long"
    path = _path(a, b)
    if path is None or len(path[0]) + len(path[2]) > MAX_PATH:
        yield "path:far"
        return
    up, top, down = path
    shape = f"{'/'.join(up)}^{'/'.join(down)}"
    verb = _governing_verb(top)
    kind = _trigger_kind(doc, verb) if verb is not None else None
    yield f"path:{shape}"
    yield f"path:top:{top.lower_}"
    yield f"path:top_pos:{top.pos_}"
    yield from (f"path:word:{t.lower_}" for t in _path_tokens(a, b, top))
    yield f"path:top_kind:{_trigger_kind(doc, top)}"
    # The verb the pair hangs on, and whether it tells a meeting, with the path's shape: "X
    # and Y held talks", "X received Y", "X told Y", "X, who met Y, said".
    if verb is not None:
        yield f"verb:{verb.lower_}"
        yield f"verb:kind:{kind}"
        yield f"verb:kind:{kind}|{shape}"
        yield f"verb:kind:{kind}|{'|'.join(sorted((a.dep_, b.dep_)))}"
        yield f"verb:{verb.lower_}|{shape}"


def _governing_verb(token: Token) -> Token | None:
    """The first verb at or above a token (within a few arcs)."""
    for t in (token, *list(token.ancestors)[:3]):
        if t.pos_ in VERBS:
            return t
    return None


def _trigger_kind(doc: Doc, token: Token) -> str:
    """The kind of meeting word a token is, or carries as its object or subject ("held
    talks", "the talks were held"); "none" when it carries none."""
    near = {token.i, *(c.i for c in token.children if c.dep_ in ("dobj", "nsubj", "nsubjpass",
                                                                 "attr", "prep", "pobj"))}
    near |= {g.i for c in token.children if c.dep_ == "prep" for g in c.children}
    roots = mark_ids(doc, "MEETING", roots=True)
    return next((roots[i].split(":")[0] for i in sorted(near) if i in roots), "none")


def _path_tokens(a: Token, b: Token, top: Token) -> list[Token]:
    """The words on the path from `a` up to `top` and down to `b`, the two ends left out."""
    return [t for end in (a, b) for t in upward(end, lambda u: u.i != top.i)
            if t.i != top.i][:2 * MAX_PATH]


def _head(doc: Doc, tokens: tuple[int, ...]) -> Token:
    """The mention's token highest in the parse (its first mention in the sentence)."""
    span = [doc[i] for i in tokens]
    first = min(span, key=lambda t: t.i)
    inside = [t for t in span if abs(t.i - first.i) < 8]
    return next((t for t in inside if t.head not in inside), first)


def _path(a: Token, b: Token) -> tuple[list[str], Token, list[str]] | None:
    """The dependency labels from `a` up to the lowest common head, that head, and the labels
    from it down to `b`; None when the two share no head within reach."""
    up_a = [a, *_ancestors(a)]
    up_b = [b, *_ancestors(b)]
    at = {t.i: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t.i in at:
            return ([x.dep_ for x in up_a[:k]], t, [x.dep_ for x in reversed(up_b[:at[t.i]])])
    return None


def _ancestors(token: Token) -> list[Token]:
    found = []
    for ancestor in token.ancestors:
        found.append(ancestor)
        if len(found) >= MAX_PATH:
            break
    return found


def _bucket(n: int) -> str:
    return next(label for bound, label in ((3, "0-3"), (8, "4-8"), (15, "9-15")) if n <= bound) \
        if n <= 15 else "16+"
