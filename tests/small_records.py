"""Extraction records built by hand, for the tests of `kg.resolve` (test_resolve*.py)."""

from __future__ import annotations

import datetime as dt
import io

from diplograph.dates import Date
from extract.records import (
    Article,
    ArticleExtraction,
    Evidence,
    MeetingRecord,
    ParticipantRecord,
    PersonRecord,
    TopicRecord,
)
from kg.aliases import AliasRules, load_rules

__all__ = ["HAFTAR", "LUKASHENKO", "SADDAM", "article", "meeting", "person", "rules", "when"]


def _evidence(article: str, text: str = "It was said.") -> Evidence:
    return Evidence(article=article, sentence=text, start=0, end=len(text))


def person(name: str, *aliases: str, countries: tuple[str, ...] = (),
           relations: tuple[tuple[str, str], ...] = ()) -> PersonRecord:
    """A person record; its key is set by `article`."""
    return PersonRecord(key="?", name=name, aliases=aliases, countries=countries,
                        relations=relations)


def when(value: str, basis: str = "explicit") -> Date:
    """A date record; the precision follows from the value ("2025", "2025-02", "--10-21")."""
    parts = value.removeprefix("--").split("-")
    precision = {1: "year", 2: "month", 3: "day"}[len(parts) + value.startswith("--")]
    return Date(value=value, precision=precision, basis=basis)


def meeting(*people: int, date: Date | None = None, **fields: object) -> tuple[
        tuple[int, ...], dict[str, object]]:
    """A meeting of the article's people, by their position in `article`."""
    return people, {"date": date, **fields}


def article(aid: str, *people: PersonRecord, meetings=(), published: str | None = None,
            ) -> ArticleExtraction:
    """An article's extraction: people keyed p0, p1... and meetings of those keys."""
    keyed = tuple(p.model_copy(update={"key": f"p{i}", "evidence": (_evidence(aid, p.name),)})
                  for i, p in enumerate(people))
    records = []
    for who, given_fields in meetings:
        fields = dict(given_fields)
        topics = tuple(TopicRecord(area=t, evidence=_evidence(aid)) for t in
                       fields.pop("topics", ()))  # type: ignore[attr-defined]
        records.append(MeetingRecord(
            participants=tuple(ParticipantRecord(person=f"p{i}") for i in who), topics=topics,
            evidence=(_evidence(aid, f"Meeting in {aid}."),), **fields))
    return ArticleExtraction(
        article=Article(id=aid, path=f"{aid}.txt", text="", content_hash=aid,
                        published=dt.date.fromisoformat(published) if published else None),
        people=keyed, meetings=tuple(records))


def rules(text: str) -> AliasRules:
    return load_rules(io.BytesIO(text.encode()))


LUKASHENKO = person("Alexander Lukashenko", countries=("Belarus",))
HAFTAR = person("Khalifa Haftar", countries=("Libya",))
SADDAM = person("Saddam Khalifa Haftar", countries=("Libya",))
