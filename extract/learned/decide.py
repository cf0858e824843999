"""From scored pairs to meetings: the people a sentence brings together, dated and placed.

The pairs a learned model accepts in one sentence are joined into meetings: people joined by
accepted pairs are one meeting. A meeting takes what the rules read of its
sentence when a rule's draft there holds one of its people (date, status, mode, place);
otherwise it is dated and placed from the sentence itself, as the rules date a meeting word.
Drafts are then merged across the story as the rules' are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from itertools import combinations, pairwise

import networkx as nx
from spacy.tokens import Doc, Span, Token

from ..dating.story import historical_flags, place_partial
from ..lexicon import LEXICON, mark_ids, marks_in
from ..meetings import Draft, merge_drafts
from ..meetings.drafts import dated_draft, set_the_scene
from ..meetings.grammar import SUBJECTS
from ..records import Role, as_mode
from ..vocabulary import Words
from ..walks import VERBS, upward
from .candidates import Candidate

__all__ = ["decide"]


def decide(doc: Doc, candidates: Sequence[Candidate], scores: Sequence[float],
           threshold: float, words: Words, *, rule_threshold: float | None = None) -> None:
    """Set ``doc._.drafts`` and ``doc._.meetings`` from the pairs scored at least
    `threshold`, or at least `rule_threshold` where a rule put the two in one meeting of the
    sentence; drafts of the rules with one person (a described counterpart) stay."""
    rule_drafts: list[Draft] = list(doc._.drafts or ())
    ruled = {(d.sentence.start, a, b) for d in rule_drafts
             for a, b in combinations(sorted(d.participants), 2)}
    lower = threshold if rule_threshold is None else rule_threshold
    accepted: dict[int, list[tuple[Candidate, float]]] = {}
    for candidate, score in zip(candidates, scores, strict=True):
        bar = lower if (candidate.start, candidate.a, candidate.b) in ruled else threshold
        if score >= bar:
            accepted.setdefault(candidate.start, []).append((candidate, score))
    drafts = [d for d in rule_drafts if len(d.participants) < 2]
    titles = {i for s in doc.spans.get(LEXICON, []) if s.label_ == "TITLE"
              for i in range(s.start, s.end)}
    by_sentence: dict[int, list[Draft]] = {}
    for draft in rule_drafts:
        by_sentence.setdefault(draft.sentence.start, []).append(draft)
    for start in sorted(accepted):
        here = by_sentence.get(start, [])
        for group in (g for whole in _groups(accepted[start], here)
                      for g in _one_by_one(doc, whole, words)):
            decided = _draft(doc, group, here, titles, words)
            if decided is not None:
                drafts.append(decided)
    drafts.sort(key=lambda d: d.sentence.start)
    if doc._.story_dates.reference is None:  # an undated story: its own dates tell
        placed = place_partial([d.date for d in drafts])
        for draft, date, old in zip(drafts, placed, historical_flags(placed), strict=True):
            draft.date, draft.historical = date, draft.historical or old
    doc._.drafts = drafts
    doc._.meetings = merge_drafts(drafts, words)


def _groups(pairs: list[tuple[Candidate, float]],
            here: list[Draft]) -> list[list[tuple[Candidate, float]]]:
    """The meetings of a sentence: people joined by accepted pairs. "X met Y and his father
    Z" is one meeting of three even when Y-Z alone reads as none.

    Someone the sentence leaves unsaid (the story's host or guest, whom a rule brings in)
    joins each group of people it names without gluing them into one: "Y's visit follows that
    of his father Z, who came in February" is two visits to the host, not one of three. Named
    people a rule drafted into one meeting stay together ("the meeting was attended by Y and
    Z").
    """
    mentioned = {p for c, _ in pairs for p, tokens in ((c.a, c.a_tokens), (c.b, c.b_tokens))
                 if tokens}
    joined = nx.Graph()
    joined.add_nodes_from(mentioned)
    joined.add_edges_from((c.a, c.b) for c, _ in pairs if {c.a, c.b} <= mentioned)
    for draft in here:
        named = sorted(draft.participants.keys() & mentioned)
        joined.add_edges_from(pairwise(named))
    group_of = {p: i for i, group in enumerate(sorted(sorted(g) for g in
                                                      nx.connected_components(joined)))
                for p in group}
    joins: dict[int, set[int]] = {}  # someone unsaid: the named groups they met
    for c, _ in pairs:
        for away, other in ((c.a, c.b), (c.b, c.a)):
            if away not in group_of and other in group_of:
                joins.setdefault(away, set()).add(group_of[other])
    placed = group_of.keys() | joins.keys()
    unsaid = nx.Graph()  # pairs of people the sentence names neither of: joined as they pair
    unsaid.add_edges_from((c.a, c.b) for c, _ in pairs if not {c.a, c.b} & placed)
    loose = {p: min(g) for g in nx.connected_components(unsaid) for p in g}
    groups: dict[tuple[int, int], list[tuple[Candidate, float]]] = {}
    for candidate, score in pairs:
        said = {group_of[p] for p in (candidate.a, candidate.b) if p in group_of}
        keys = said or joins.get(candidate.a, set()) | joins.get(candidate.b, set())
        for key in sorted((0, k) for k in keys) or [(1, loose[candidate.a])]:
            groups.setdefault(key, []).append((candidate, score))
    return [sorted(group, key=lambda p: (p[0].a, p[0].b)) for _, group in sorted(groups.items())]


def _one_by_one(doc: Doc, group: list[tuple[Candidate, float]],
                words: Words) -> list[list[tuple[Candidate, float]]]:
    """ "X held separate meetings with Y and Z", "Y and Z met separately with X": one meeting
    of X with each of the others, not one of three.

    The one met by all is the one person on their side of the clause (its subject, or the
    rest); a group whose sides are not one against several stays whole.
    """
    sentence = group[0][0].sentence(doc)
    meeting_words = mark_ids(doc, "MEETING", roots=True)
    if not any(t.lower_ in words["one_by_one"] and (
            t.head.i in meeting_words or t.head.pos_ == "VERB") for t in sentence):
        return [group]
    tokens = {p: tokens for c, _ in group
              for p, tokens in ((c.a, c.a_tokens), (c.b, c.b_tokens))}
    if len(tokens) < 3 or not all(tokens.values()):
        return [group]
    subject = {p for p, mention in tokens.items()
               if any(_in_subject(doc[i]) for i in mention)}
    sides = [side for side in (subject, tokens.keys() - subject) if len(side) == 1]
    if len(sides) != 1:
        return [group]
    [[hub]] = sides
    return [[(c, score)] for c, score in group if hub in (c.a, c.b)]


def _in_subject(token: Token) -> bool:
    """Whether a token stands in the subject of its clause's verb."""
    below_verb = upward(token, lambda t: t.pos_ not in VERBS)
    return any(t.dep_ in SUBJECTS for t in (token, *below_verb))


def _draft(doc: Doc, group: list[tuple[Candidate, float]], here: list[Draft],
           titles: set[int], words: Words) -> Draft | None:
    people = sorted({p for candidate, _ in group for p in (candidate.a, candidate.b)})
    best = max(group, key=lambda p: p[1])
    rule = max(here, key=lambda d: len(d.participants.keys() & set(people)), default=None)
    if rule is not None and rule.participants.keys() & set(people):
        roles: dict[int, Role] = {p: rule.participants.get(p, "participant") for p in people}
        return dataclasses.replace(
            rule, participants=roles, sentences=list(rule.sentences),
            rules=[*rule.rules, "learned"], topics=[], agreements=[],
            confidence=round(best[1], 2))
    sentence = best[0].sentence(doc)
    anchor = _anchor(doc, best[0], sentence)
    mode = as_mode(next((s.id_.split(":")[1] for s in marks_in(sentence, "MEETING")),
                        "in_person"))
    roles = dict.fromkeys(people, "participant")
    draft, _ = dated_draft(doc, anchor, "meet", mode, roles, None, words)
    if draft is None:
        return None
    set_the_scene(draft, anchor, "meet", doc._.cast, titles, words)
    draft.rules, draft.confidence = ["learned"], round(best[1], 2)
    return draft


def _anchor(doc: Doc, candidate: Candidate, sentence: Span) -> Token:
    """The word the meeting hangs on: a meeting word of the sentence, else its root."""
    trigger = next((s.root for s in marks_in(sentence, "MEETING")), None)
    return trigger if trigger is not None else sentence.root
