"""Cooperation areas and agreements: which meeting of an article discussed or produced them.

An area mentioned in a meeting's own sentence belongs to that meeting. Any other mention in the
story belongs to the article's main meeting (the first one it reports, which is what a news
story is about), unless its sentence states another meeting, or it stands in a trailing
headline that no prose follows (a link to another story).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span

from .ents import sentence_ents
from .lexicon import LEXICON, marks
from .vocabulary import Words

__all__ = ["Mention", "agreement_mentions", "assign", "assign_topics", "topic_mentions"]

@dataclass(frozen=True)
class Mention:
    """A cooperation area or an agreement named in one sentence."""

    name: str  # the area ("food security") or the agreement's words
    kind: str  # "topic" or the agreement kind ("memorandum", "contract", ...)
    sentence: Span
    sectors: tuple[str, ...] = ()


def topic_mentions(doc: Doc, *, in_story: Callable[[int], bool]) -> list[Mention]:
    """Every cooperation area named in the story where a sentence speaks of cooperation.

    "Illegal migrants head north" is background; "cooperation in humanitarian spheres" and
    "discussions included the supply of machinery" are what a meeting was about. A sentence
    counts when it holds a cooperation word or meeting language (see the pattern files).
    """
    about = {s.sent.start for s in doc.spans.get(LEXICON, [])
             if s.label_ in ("COOPERATION", "MEETING")}
    return [Mention(s.id_, "topic", s.sent) for s in marks(doc, "TOPIC")
            if in_story(s.start) and s.sent.start in about]


def agreement_mentions(doc: Doc, *, in_story: Callable[[int], bool], words: Words,
                       ) -> list[Mention]:
    """Agreements signed or adopted: a document word in a sentence that signs something."""
    topics_by_sent: dict[int, list[str]] = {}
    for span in marks(doc, "TOPIC"):
        topics_by_sent.setdefault(span.sent.start, []).append(span.id_)
    found: list[Mention] = []
    for span in marks(doc, "AGREEMENT"):
        sent = span.sent
        if not in_story(span.start) or not any(t.lower_ in words["signing"] for t in sent):
            continue
        # "memorandums of understanding across sectors": the document's own noun phrase.
        end = span.end
        while end + 1 < sent.end and doc[end].lower_ == "of" and doc[end + 1].lower_ in (
                "understanding", "intent", "cooperation"):
            end += 2
        text = doc[span.start:end].text
        kind = span.root.lower_.rstrip("s").replace("memoranda", "memorandum")
        sectors = tuple(dict.fromkeys(topics_by_sent.get(sent.start, [])))
        found.append(Mention(text, kind, sent, sectors))
    return found


def assign(mentions: list[Mention], meetings: list[list[Span]], *, stated: set[int]) -> list[
        list[Mention]]:
    """Give each mention to a meeting: the one stated in its sentence, else the main one.

    Parameters
    ----------
    mentions : list of Mention
    meetings : list of list of Span
        For each meeting of the article, the sentences that state it; the first meeting is the
        main one.
    stated : set of int
        Start tokens of sentences that state any meeting, kept or not: their mentions belong to
        that meeting only.
    """
    owner = {s.start: k for k, sents in enumerate(meetings) for s in sents}
    result: list[list[Mention]] = [[] for _ in meetings]
    for mention in mentions:
        start = mention.sentence.start
        if start in owner:
            result[owner[start]].append(mention)
        elif start not in stated and meetings:
            result[0].append(mention)
    return result


class _HasTopics(Protocol):
    """A meeting draft, as far as topics go: its sentences, and where its topics go."""

    sentences: list[Span]
    topics: list[Mention]
    agreements: list[Mention]


def assign_topics(doc: Doc, meetings: Sequence[_HasTopics], words: Words) -> None:
    """Give each meeting of a Doc its cooperation areas and agreements.

    A sentence that states another meeting (people of its own, or a date of its own) keeps
    its topics; "discussions included X" without either is about the main one. The Doc's
    ``doc._.story`` says which tokens belong to the story (a trailing headline does not).
    """
    in_story = doc._.story.__getitem__
    stated = {d.sentence.start for d in doc._.drafts} | {
        t.sent.start for t in marks(doc, "MEETING")
        if not doc._.quoted[t.root.i] and any(e.label_ == "DATE" for e in sentence_ents(t.sent))}
    sentences = [m.sentences for m in meetings]
    topics = assign(topic_mentions(doc, in_story=in_story), sentences, stated=stated)
    agreements = assign(agreement_mentions(doc, in_story=in_story, words=words), sentences,
                        stated=set())
    for meeting, found, signed in zip(meetings, topics, agreements, strict=True):
        meeting.topics, meeting.agreements = found, signed
