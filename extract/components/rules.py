"""The rule components: people, the story's dates, meetings and their topics.

Each is a spaCy component with one job that reads what the components before it wrote on the
Doc and writes its own extension. Each holds the vocabulary its rules read (`Words`), set from
the pipeline config (``vocabulary``: a TOML file; the bundled one by default) and saved with
``nlp.to_disk``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from ..dating.address import address_period, filed_day
from ..dating.lead import lead_day
from ..dating.story import historical_flags, place_partial, story_dates
from ..meetings import find_meetings, merge_drafts
from ..people import find_people
from ..topics import assign_topics
from ..vocabulary import VOCABULARY, Words
from .context import page_of

__all__ = ["DATES", "MEETINGS", "PEOPLE", "RULE_COMPONENTS", "TOPICS"]

PEOPLE = "diplograph_people"
DATES = "diplograph_dates"
MEETINGS = "diplograph_meetings"
TOPICS = "diplograph_topics"
_CONFIG = {"vocabulary": None}


class _RuleComponent:
    """A component that runs rules with a vocabulary, saved and loaded with the pipeline."""

    def __init__(self, words: Words) -> None:
        self.words = words

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        self.words.to_disk(Path(path) / "words.json")

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> _RuleComponent:
        self.words = Words.from_disk(Path(path) / "words.json")
        return self

    def to_bytes(self, *, exclude: tuple[str, ...] = ()) -> bytes:
        return srsly.msgpack_dumps({k: sorted(v) for k, v in self.words.items()})

    def from_bytes(self, data: bytes, *, exclude: tuple[str, ...] = ()) -> _RuleComponent:
        self.words = Words({k: frozenset(v) for k, v in srsly.msgpack_loads(data).items()})
        return self


def _words(vocabulary: str | None) -> Words:
    return Words.load(vocabulary or VOCABULARY)


class People(_RuleComponent):
    """``doc._.cast``: the people of the story and which tokens refer to whom."""

    def __call__(self, doc: Doc) -> Doc:
        start, end = doc._.dateline_span  # "BEIJING, May 13 (Agency) --": the agency is nobody
        body = [b and not start <= t.idx < end for b, t in zip(doc._.body, doc, strict=True)]
        doc._.cast = find_people(doc, body=body, quoted=doc._.quoted, words=self.words)
        return doc


class StoryDates(_RuleComponent):
    """``doc._.story_dates``: the day the story counts from, and its meetings' fallback."""

    def __call__(self, doc: Doc) -> Doc:
        article = page_of(doc).article
        dates = story_dates(
            doc, published=filed_day(article.published, article.url),
            dateline=doc._.dateline, dateline_end=doc._.dateline_span[1],
            page_text=f"{article.url or ''}\n{article.text}", body=doc._.body, words=self.words)
        # With no day of its own, a story is of the month (or year) its address files it under.
        fallback = dates.fallback or address_period(article.url)
        doc._.story_dates = dataclasses.replace(
            dates, fallback=fallback, lead=lead_day(doc, dates.reference, doc._.body))
        return doc


class Meetings(_RuleComponent):
    """``doc._.drafts``, a draft per meeting word, and ``doc._.meetings``, merged."""

    def __call__(self, doc: Doc) -> Doc:
        drafts = find_meetings(doc, self.words)
        if doc._.story_dates.reference is None:  # an undated story: its own dates tell
            placed = place_partial([d.date for d in drafts])
            for draft, date, old in zip(drafts, placed, historical_flags(placed), strict=True):
                draft.date, draft.historical = date, draft.historical or old
        doc._.drafts = drafts
        doc._.meetings = merge_drafts(drafts, self.words)
        return doc


class Topics(_RuleComponent):
    """The cooperation areas and agreements of each of ``doc._.meetings``."""

    def __call__(self, doc: Doc) -> Doc:
        assign_topics(doc, doc._.meetings, self.words)
        return doc


RULE_COMPONENTS = {PEOPLE: People, DATES: StoryDates, MEETINGS: Meetings, TOPICS: Topics}


def _factory(component: type[_RuleComponent]) -> Any:
    def make(nlp: Language, name: str, vocabulary: str | None) -> _RuleComponent:
        return component(_words(vocabulary))

    make.__doc__ = component.__doc__
    return make


for _name, _component in RULE_COMPONENTS.items():
    Language.factory(_name, default_config=_CONFIG, func=_factory(_component))
