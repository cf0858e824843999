"""Resolve what many articles say into entities: one person per human, one meeting per event.

People
------
Each article's people records (already linked within the article by the extractor) are joined
across articles, strongest evidence first, and two groups are joined only if nothing speaks
against it: they share no article (the extractor already told an article's people apart), their
countries do not conflict (two non-empty, disjoint sets), every full name of one matches every
full name of the other (`kg.matching.match_names`), and no ``keep_apart`` rule separates them.

1. ``user:merge``: names the alias file merges (`kg.aliases`).
2. ``exact``: the same name, or a name one article gives as an alias.
3. ``transliteration``, ``middle-name``, ``fuzzy``: names whose surnames fold alike (a block),
   or fold to nearly the same key; compared form by form, never person by person. A
   ``fuzzy`` match also needs context: a shared country or a shared fellow participant.
4. ``surname-only``: a lone surname ("Nasser") joins the one person of the corpus with a full
   name and that surname; if there are several it stays alone, and if there is none it joins
   the other lone uses of that surname.

Meetings
--------
Reports of one meeting (after people are resolved) are joined when they share at least two
participants, their status is the same, their dates agree (the coarser contains the finer, two
days lie at most a day apart, and a date without a year takes the other's year), and their
places do not conflict (two places conflict unless they are the same or a city and its
country). Reports are compared only with meetings sharing a pair of participants, best-dated
reports first; a report that fits several meetings equally well starts its own.

The people are joined in `kg.same_people`, the meetings in `kg.same_meetings`, and a meeting's
date is chosen among its reports' in `kg.meeting_dates`.
"""

from __future__ import annotations

from collections.abc import Iterable

from extract.records import ArticleExtraction

from .aliases import AliasRules
from .entities import MeetingEntity, PersonEntity, Resolution, source_of
from .same_meetings import resolve_meetings
from .same_people import MERGE_RULES, resolve_people

__all__ = ["MERGE_RULES", "MeetingEntity", "PersonEntity", "Resolution", "resolve", "source_of"]


def _unique(extractions: Iterable[ArticleExtraction]) -> list[ArticleExtraction]:
    """The extractions in article order, one per article, whatever order they came in."""
    by_id: dict[str, ArticleExtraction] = {}
    for x in extractions:
        if x.article.id not in by_id or x.model_dump_json() < by_id[x.article.id].model_dump_json():
            by_id[x.article.id] = x
    return [by_id[a] for a in sorted(by_id)]


def resolve(extractions: Iterable[ArticleExtraction], *, rules: AliasRules | None = None,
            ) -> Resolution:
    """Resolve people across spellings and meetings across reports.

    Parameters
    ----------
    extractions : iterable of ArticleExtraction
        What each article states; the order does not matter (nor does an article given twice).
    rules : AliasRules, optional
        A user's forced and forbidden merges of people (`kg.aliases.load_rules`).

    Returns
    -------
    Resolution
        The people (by id), the person each article's record became, and the meetings (by id).
        Meetings left with fewer than two people are dropped.

    Examples
    --------
    >>> from extract.records import Article, ArticleExtraction, PersonRecord
    >>> def naming(aid, name):
    ...     return ArticleExtraction(article=Article(id=aid, path=aid, text="", content_hash=aid),
    ...                              people=(PersonRecord(key="p0", name=name),))
    >>> res = resolve([naming("b", "Aliaksandr Mošenka"), naming("a", "Alexander Moshenko")])
    >>> [(p.id, p.aliases, p.merged_by) for p in res.people.values()]
    [('person:alexander-moshenko', ['Aliaksandr Mošenka'], ['transliteration'])]
    """
    extractions = _unique(extractions)
    people, person_of = resolve_people(extractions, rules)
    return Resolution(people, person_of, resolve_meetings(extractions, person_of, people))
