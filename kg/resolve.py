"""Resolve what many articles say into entities: one person per human, one meeting per event.

People
------
Each article's people records (already linked within the article by the extractor) are joined
across articles, strongest evidence first, and two groups are joined only if nothing speaks
against it: they share no article (the extractor already told an article's people apart), their
countries do not conflict (two non-empty, disjoint sets), every full name of one matches every
full name of the other (`kg.names.match_names`), and no ``keep_apart`` rule separates them.

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
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from anyascii import anyascii
from rapidfuzz import fuzz, process

from diplograph.countries import city_country, country_name
from extract.dates import date_interval
from extract.records import ArticleExtraction, DateRecord, Evidence, MeetingRecord, PersonRecord

from .aliases import AliasRules
from .names import RULES, NameParts, fold, match_names, name_key, name_parts
from .schema import Source, slugify

__all__ = ["MeetingEntity", "PersonEntity", "Resolution", "resolve", "source_of"]

MERGE_RULES = (*RULES, "surname-only", "user:merge")  # the values of `PersonEntity.merged_by`

_SURNAME_BLOCK_SIMILARITY = 88  # rapidfuzz ratio of two folded surnames compared across blocks
_BASIS = {"explicit": 3, "relative": 2, "article": 1, "partial": 0}
_PRECISION = {"year": 0, "month": 1, "day": 2}
_ROLES = ("host", "guest", "delegation_head")
_FAR = 10**6  # days: the distance of an article without a date from anything


def source_of(evidence: Evidence) -> Source:
    """The graph's provenance record for a piece of evidence."""
    return Source(article=evidence.article, evidence=evidence.sentence, start=evidence.start,
                  end=evidence.end)


@dataclass
class PersonEntity:
    """One real person, gathered from every article that names them."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    alias_sources: dict[str, list[str]] = field(default_factory=dict)  # spelling -> articles
    titles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    merged_by: list[str] = field(default_factory=list)  # values of MERGE_RULES
    relations: list[tuple[str, str]] = field(default_factory=list)  # (relation, person id)


@dataclass
class MeetingEntity:
    """One real meeting, with every report of it and any disagreement between them."""

    id: str
    participants: dict[str, str]  # person id -> role
    date: DateRecord | None
    status: str
    historical: bool
    location: str | None
    venue: str | None
    mode: str
    confidence: float
    sources: list[Source] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    topics: dict[str, list[Source]] = field(default_factory=dict)
    agreements: list[tuple[str, str, tuple[str, ...], Source]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    # How the date was put together from several reports, e.g. a year given to a partial date.
    date_note: str | None = None


@dataclass
class Resolution:
    people: dict[str, PersonEntity]
    person_of: dict[tuple[str, str], str]  # (article id, person key) -> person id
    meetings: list[MeetingEntity]


# -- people -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Record:
    article: str
    record: PersonRecord
    forms: tuple[str, ...]  # name keys, the record's name first


class _Groups:
    """Union-find over people records, keeping what decides whether two groups may join."""

    def __init__(self, records: list[_Record], parts: dict[str, NameParts],
                 coparticipants: list[set[int]]) -> None:
        self.parts = parts
        self.coparticipants = coparticipants
        self.parent = list(range(len(records)))
        self.members = [[i] for i in range(len(records))]
        self.articles = [{r.article} for r in records]
        self.countries = [set(r.record.countries) for r in records]
        self.full = [{f for f in r.forms if not parts[f].lone} for r in records]
        self.apart: list[dict[int, set[int]]] = [{} for _ in records]
        self.rules: list[set[str]] = [set() for _ in records]

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def _kept_apart(self, a: int, b: int) -> bool:
        return any(len(names | self.apart[b][group]) > 1
                   for group, names in self.apart[a].items() if group in self.apart[b])

    def _blocked(self, a: int, b: int) -> bool:
        small, large = sorted((self.articles[a], self.articles[b]), key=len)
        if any(article in large for article in small):
            return True
        if self.countries[a] and self.countries[b] and not self.countries[a] & self.countries[b]:
            return True
        return any(fa != fb and match_names(self.parts[fa], self.parts[fb]) is None
                   for fa in self.full[a] for fb in self.full[b])

    def _in_context(self, a: int, b: int) -> bool:
        """Whether two groups share a country or a fellow participant in some meeting."""
        if self.countries[a] & self.countries[b]:
            return True
        met = [{self.find(c) for m in self.members[g] for c in self.coparticipants[m]}
               for g in (a, b)]
        return bool(met[0] & met[1])

    def union(self, i: int, j: int, rule: str, *, forced: bool = False) -> bool:
        """Join the groups of records `i` and `j` if nothing speaks against it."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        if self._kept_apart(a, b):
            return False
        if not forced and (self._blocked(a, b)
                           or (rule == "fuzzy" and not self._in_context(a, b))):
            return False
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a] += self.members[b]
        self.articles[a] |= self.articles[b]
        self.countries[a] |= self.countries[b]
        self.full[a] |= self.full[b]
        for group, names in self.apart[b].items():
            self.apart[a].setdefault(group, set()).update(names)
        self.rules[a] |= self.rules[b] | {rule}
        return True


def _records(extractions: list[ArticleExtraction]) -> list[_Record]:
    return [_Record(x.article.id, p, tuple(dict.fromkeys(
                k for k in map(name_key, (p.name, *p.aliases)) if k)))
            for x in extractions for p in x.people]


def _coparticipants(extractions: list[ArticleExtraction], records: list[_Record]) -> list[set[int]]:
    index = {(r.article, r.record.key): i for i, r in enumerate(records)}
    met: list[set[int]] = [set() for _ in records]
    for x in extractions:
        for meeting in x.meetings:
            ids = {index[(x.article.id, p.person)] for p in meeting.participants
                   if (x.article.id, p.person) in index}
            for i in ids:
                met[i] |= ids - {i}
    return met


def _folded_key(form: str) -> str:
    return " ".join(fold(t) for t in form.split())


def _apply_rules(groups: _Groups, records: list[_Record], rules: AliasRules) -> None:
    holders: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(records):
        for key in dict.fromkeys(map(_folded_key, r.forms)):
            holders[key].append(i)
    for number, group in enumerate(rules.keep_apart):
        for name, key in enumerate(group.keys):
            for i in holders.get(key, []):
                groups.apart[i].setdefault(number, set()).add(name)
    for group in rules.merge:
        ids = sorted({i for key in group.keys for i in holders.get(key, [])})
        for i in ids[1:]:
            groups.union(ids[0], i, "user:merge", forced=True)


def _join_each(groups: _Groups, ids: list[int], rule: str) -> None:
    """Join each record to the first group of those before it that will take it."""
    roots: list[int] = []
    for i in ids:
        if not any(groups.union(root, i, rule) for root in roots):
            roots.append(i)
        roots = list(dict.fromkeys(groups.find(r) for r in roots))


def _similar_surnames(keys: list[str]) -> list[tuple[str, str]]:
    """Pairs of folded surnames that nearly match, found among those sharing the first or the
    last three letters (never all pairs)."""
    buckets: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if len(key) >= 5:
            buckets["<" + key[:3]].append(key)
            buckets[">" + key[-3:]].append(key)
    pairs: set[tuple[str, str]] = set()
    for bucket in buckets.values():
        for key in bucket:
            for other, _, _ in process.extract(key, bucket, scorer=fuzz.ratio, limit=None,
                                               score_cutoff=_SURNAME_BLOCK_SIMILARITY):
                if key < other:
                    pairs.add((key, other))
    return sorted(pairs)


def _form_edges(blocks: dict[str, list[str]], parts: dict[str, NameParts]) -> list[
        tuple[int, str, str, str]]:
    """(strength, form, form, rule) for every pair of different full names that match."""
    edges = []

    def compare(forms_a: list[str], forms_b: list[str] | None = None) -> None:
        pairs = combinations(forms_a, 2) if forms_b is None else (
            (a, b) for a in forms_a for b in forms_b)
        for a, b in pairs:
            rule = match_names(parts[a], parts[b])
            if rule is not None:
                edges.append((RULES.index(rule), *sorted((a, b)), rule))

    for key in sorted(blocks):
        compare(blocks[key])
    for key_a, key_b in _similar_surnames(sorted(blocks)):
        compare(blocks[key_a], blocks[key_b])
    return sorted(edges)


def _group_records(extractions: list[ArticleExtraction], rules: AliasRules | None) -> tuple[
        list[_Record], _Groups]:
    records = _records(extractions)
    parts = {f: p for r in records for f in r.forms if (p := name_parts(f)) is not None}
    groups = _Groups(records, parts, _coparticipants(extractions, records))
    if rules is not None:
        _apply_rules(groups, records, rules)

    holders: dict[str, list[int]] = defaultdict(list)  # full name -> records using it
    for i, r in enumerate(records):
        for form in r.forms:
            if not parts[form].lone:
                holders[form].append(i)
    for form in sorted(holders):
        _join_each(groups, holders[form], "exact")

    blocks: dict[str, list[str]] = defaultdict(list)  # folded surname -> full names
    for form in sorted(holders):
        blocks[parts[form].folded_surname].append(form)
    for _, a, b, rule in _form_edges(blocks, parts):
        for i in sorted({groups.find(i) for i in holders[a]}):
            for j in sorted({groups.find(j) for j in holders[b]}):
                groups.union(i, j, rule)

    lone: dict[str, list[int]] = defaultdict(list)  # folded surname -> records named by it alone
    for i, r in enumerate(records):
        if r.forms and parts[r.forms[0]].lone:
            lone[parts[r.forms[0]].folded_surname].append(i)
    for surname in sorted(lone):
        alone = [i for i in lone[surname] if not groups.full[groups.find(i)]]
        named = sorted({groups.find(i) for form in blocks.get(surname, []) for i in holders[form]})
        if len(named) == 1:
            for i in alone:
                groups.union(named[0], i, "surname-only")
        elif not named:
            spelt: dict[str, list[int]] = defaultdict(list)
            for i in alone:
                spelt[records[i].forms[0]].append(i)
            for ids in spelt.values():
                _join_each(groups, ids, "exact")
            _join_each(groups, [spelt[key][0] for key in sorted(spelt)], "transliteration")
    return records, groups


def _display_name(members: list[_Record]) -> str:
    """The full name most articles use (on a tie: written in ASCII, then the fullest), in its
    most used spelling."""
    articles: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for r in members:
        for form in dict.fromkeys((r.record.name, *r.record.aliases)):
            key = name_key(form)
            articles[key].add(r.article)
            spellings[key][form] += 1
    best = min(articles, key=lambda k: (
        " " not in k, -len(articles[k]), not all(s.isascii() for s in spellings[k]),
        -len(k.split()), k))
    return min(spellings[best], key=lambda s: (-spellings[best][s], s))


def _person(pid: str, name: str, members: list[_Record]) -> PersonEntity:
    """A person from their records, everything in the records' order without repeats."""
    spellings: dict[str, dict[str, None]] = {}
    for r in members:
        for form in (r.record.name, *r.record.aliases):
            spellings.setdefault(form, {})[r.article] = None

    def union(values: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(v for v in values if v))

    return PersonEntity(
        id=pid, name=name, aliases=[s for s in spellings if s != name],
        alias_sources={s: list(articles) for s, articles in spellings.items()},
        titles=union(t for r in members for t in r.record.titles),
        countries=union(c for r in members for c in r.record.countries),
        organisations=union(o for r in members for o in r.record.organisations),
        sources=list(dict.fromkeys(source_of(e) for r in members for e in r.record.evidence)),
    )


def _resolve_people(extractions: list[ArticleExtraction], rules: AliasRules | None) -> tuple[
        dict[str, PersonEntity], dict[tuple[str, str], str]]:
    records, groups = _group_records(extractions, rules)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        members[groups.find(i)].append(i)
    named = sorted(((_display_name([records[i] for i in ids]), ids) for ids in members.values()),
                   key=lambda item: (slugify(item[0]), item[1][0]))
    people: dict[str, PersonEntity] = {}
    person_of: dict[tuple[str, str], str] = {}
    for name, ids in named:
        pid = base = f"person:{slugify(name)}"
        n = 2
        while pid in people:
            pid, n = f"{base}-{n}", n + 1
        people[pid] = _person(pid, name, [records[i] for i in ids])
        if len(ids) > 1:
            rules_used = groups.rules[groups.find(ids[0])]
            people[pid].merged_by = [rule for rule in MERGE_RULES if rule in rules_used]
        for i in ids:
            person_of[(records[i].article, records[i].record.key)] = pid
    for r in records:
        child = people[person_of[(r.article, r.record.key)]]
        for relation, other in r.record.relations:
            target = person_of.get((r.article, other))
            if target and target != child.id and (relation, target) not in child.relations:
                child.relations.append((relation, target))
    return people, person_of


# -- dates ------------------------------------------------------------------------------------


def _partial(value: str) -> bool:
    return value.startswith("--")


def _year(value: str) -> int | None:
    return None if _partial(value) else int(value[:4])


def _with_year(value: str, year: int) -> str | None:
    """A partial ``--MM-DD`` or ``--MM`` in a given year; None if that is no real date."""
    filled = f"{year:04d}{value[1:]}"
    try:
        date_interval(filled)
    except ValueError:
        return None
    return filled


@lru_cache(maxsize=65536)
def _interval(value: str) -> tuple[dt.date, dt.date] | None:
    try:
        return date_interval(value)
    except ValueError:
        return None


def _distance(a: str, b: str) -> int | None:
    """Days between two dates with years: 0 if one contains the other; None if either is bad."""
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return None
    if ia[0] <= ib[1] and ib[0] <= ia[1]:  # ISO intervals overlap only when one holds the other
        return 0
    return max(ia[0] - ib[1], ib[0] - ia[1]).days


def _in_common_year(a: str, b: str) -> tuple[str | None, str | None]:
    """Two date values, a partial one given the other's year (a leap year if neither has one)."""
    year = _year(a) or _year(b) or 2000
    return (_with_year(a, year) if _partial(a) else a), (_with_year(b, year) if _partial(b) else b)


def _date_gap(a: DateRecord | None, b: DateRecord | None) -> int | None:
    """How far apart two dates are in days (0 when they agree); None when they disagree."""
    if a is None or b is None or a.value == b.value:
        return 0
    va, vb = _in_common_year(a.value, b.value)
    gap = None if va is None or vb is None else _distance(va, vb)
    if gap is None or gap == 0:
        return gap
    days = a.precision == "day" and b.precision == "day"
    return gap if days and gap <= 1 else None


@dataclass(frozen=True)
class _Report:
    """One article's record of a meeting, with its participants resolved."""

    article: str
    index: int
    published: dt.date | None
    participants: dict[str, str]
    record: MeetingRecord

    @property
    def order(self) -> tuple[int, int, int, str, int]:
        """Best-dated reports first: a full date, then a partial one, then none."""
        date = self.record.date
        if date is None:
            return (2, 0, 0, self.article, self.index)
        return (int(_partial(date.value)), -_BASIS[date.basis], -_PRECISION[date.precision],
                self.article, self.index)


def _articles(reports: Iterable[_Report]) -> str:
    return ", ".join(sorted({r.article for r in reports}))


@dataclass
class _Claim:
    """One date value and the reports that state it (partial ones given a year)."""

    value: str
    reports: list[_Report] = field(default_factory=list)
    dates: list[DateRecord] = field(default_factory=list)

    @property
    def precision(self) -> int:
        return _PRECISION[self.dates[0].precision]

    def key(self) -> tuple[int, int, int, int, str]:
        """Smaller is better: basis, then support, then precision, then the report written
        nearest the date, then the earlier date."""
        start = _interval(self.value)
        near = min((abs((r.published - start[0]).days) for r in self.reports
                    if r.published and start), default=_FAR)
        return (-max(_BASIS[d.basis] for d in self.dates), -len({r.article for r in self.reports}),
                -self.precision, near, self.value)


def _claims(dated: list[tuple[_Report, DateRecord]], year: int | None) -> dict[str, _Claim]:
    claims: dict[str, _Claim] = {}
    for report, date in dated:
        value = date.value
        if _partial(value) and year is not None:
            value = _with_year(value, year) or value
        claim = claims.setdefault(value, _Claim(value))
        claim.reports.append(report)
        claim.dates.append(date)
    return claims


def _nested(a: str, b: str) -> bool:
    """Whether one date value contains the other (a partial one taking the other's year)."""
    va, vb = _in_common_year(a, b)
    return va is not None and vb is not None and _distance(va, vb) == 0


def _best_date(reports: list[_Report]) -> tuple[DateRecord | None, list[str], str | None]:
    """The best-supported date, the dates that disagree with it, and how it was put together.

    Explicit beats relative beats the article's date beats a partial date; then more articles
    beat fewer, a day beats a month, and a report written nearer the date beats a later one.
    A finer date that agrees with the best one (a day of its month) refines it; a partial date
    takes the best date's year.
    """
    dated = [(r, r.record.date) for r in reports if r.record.date is not None]
    if not dated:
        return None, [], None
    full = [(r, d) for r, d in dated if not _partial(d.value)]
    anchor = min(_claims(full or dated, None).values(), key=_Claim.key)
    year = _year(anchor.value)
    claims = _claims(dated, year)
    best = claims[anchor.value]
    while finer := [c for c in claims.values() if c.precision > best.precision
                    and _nested(c.value, best.value)]:
        best = min(finer, key=_Claim.key)

    stated = [d for d in best.dates if d.value == best.value]
    first = best.dates[0]
    date = max(stated, key=lambda d: _BASIS[d.basis]) if stated else DateRecord(
        value=best.value, precision=first.precision, basis="partial", text=first.text)
    agree = [c for c in claims.values() if _nested(c.value, best.value)]
    others = sorted((c for c in claims.values() if not _nested(c.value, best.value)),
                    key=_Claim.key)
    conflicts = [f"date: {best.value} ({_articles(best.reports)}) vs " + " vs ".join(
        f"{c.value} ({_articles(c.reports)})" for c in others)] if others else []
    partials: dict[str, list[_Report]] = defaultdict(list)
    for claim in agree:
        for report, d in zip(claim.reports, claim.dates, strict=True):
            if d.value != claim.value:
                partials[d.value].append(report)
    note = "; ".join(
        f"year of {value} ({_articles(partials[value])}) taken from {anchor.value} "
        f"({_articles(anchor.reports)})" for value in sorted(partials))
    return date, conflicts, note or None


# -- meetings ---------------------------------------------------------------------------------


def _place_key(place: str) -> str:
    return " ".join(anyascii(place).lower().split())


@lru_cache(maxsize=65536)
def _places_conflict(a: str, b: str) -> bool:
    """Two places conflict unless they are one place, one country, or a city and its country."""
    if _place_key(a) == _place_key(b):
        return False
    country_a, country_b = country_name(a), country_name(b)
    if country_a and country_b:
        return country_a != country_b
    if country_a or country_b:
        return city_country(b if country_a else a) != (country_a or country_b)
    return True


@dataclass
class _Event:
    """The reports of one meeting, as they are gathered."""

    reports: list[_Report]
    participants: set[str]
    dates: dict[str, DateRecord]  # every distinct date value
    places: set[str]

    @classmethod
    def of(cls, report: _Report) -> _Event:
        event = cls([], set(), {}, set())
        event.add(report)
        return event

    def add(self, report: _Report) -> None:
        self.reports.append(report)
        self.participants |= report.participants.keys()
        record = report.record
        if record.date is not None:
            self.dates.setdefault(record.date.value, record.date)
        if record.location:
            self.places.add(record.location)

    def gap(self, report: _Report) -> int | None:
        """The largest date gap to the report in days (0: agree), or None if it cannot join."""
        record = report.record
        if record.status != self.reports[0].record.status:
            return None
        if record.location and any(_places_conflict(record.location, p) for p in self.places):
            return None
        gaps = [_date_gap(record.date, d) for d in self.dates.values()]
        return None if None in gaps else max(gaps, default=0)  # type: ignore[type-var]


def _pairs(participants: Iterable[str]) -> Iterable[tuple[str, str]]:
    return combinations(sorted(participants), 2)


def _group_reports(reports: list[_Report]) -> list[_Event]:
    events: list[_Event] = []
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for report in sorted(reports, key=lambda r: r.order):
        fits = []
        for n in sorted({n for pair in _pairs(report.participants) for n in by_pair.get(pair, [])}):
            gap = events[n].gap(report)
            if gap is not None:
                shared = len(events[n].participants & report.participants.keys())
                fits.append(((gap, -shared), n))
        fits.sort()
        if fits and (len(fits) == 1 or fits[0][0] < fits[1][0]):
            event, n = events[fits[0][1]], fits[0][1]
            new = report.participants.keys() - event.participants
            event.add(report)
        else:
            event, n = _Event.of(report), len(events)
            events.append(event)
            new = event.participants
        for pair in _pairs(event.participants):
            if new.intersection(pair):
                by_pair[pair].append(n)
    return events


def _majority(values: list[tuple[str, _Report]], what: str, conflicts: list[str]) -> str | None:
    """The value most articles give (the best-dated report's on a tie); disagreement noted."""
    if not values:
        return None
    articles: dict[str, list[_Report]] = {}
    for value, report in values:
        articles.setdefault(value, []).append(report)
    ranked = sorted(articles, key=lambda v: -len({r.article for r in articles[v]}))
    if len(ranked) > 1:
        conflicts.append(f"{what}: " + " vs ".join(
            f"{v} ({_articles(articles[v])})" for v in ranked))
    return ranked[0]


def _role(roles: list[str]) -> str:
    named = Counter(r for r in roles if r != "participant")
    if not named:
        return "participant"
    return min(named, key=lambda r: (-named[r], _ROLES.index(r) if r in _ROLES else len(_ROLES)))


def _meeting(event: _Event, people: dict[str, PersonEntity]) -> MeetingEntity:
    reports = sorted(event.reports, key=lambda r: r.order)
    records = [r.record for r in reports]
    date, conflicts, note = _best_date(reports)
    roles: dict[str, list[str]] = defaultdict(list)
    for report in reports:
        for pid, role in report.participants.items():
            roles[pid].append(role)
    participants = {pid: _role(roles[pid])
                    for pid in sorted(roles, key=lambda p: (people[p].name, p))}
    places = [(m.location, r) for m, r in zip(records, reports, strict=True) if m.location]
    cities = [(p, r) for p, r in places if not country_name(p)]
    location = _majority(cities or places, "location", [])
    venue = _majority([(m.venue, r) for m, r in zip(records, reports, strict=True) if m.venue],
                      "venue", conflicts)
    mode = _majority([(m.mode, r) for m, r in zip(records, reports, strict=True)], "mode",
                     conflicts)
    articles = sorted({r.article for r in reports})
    top = max(m.confidence for m in records)
    sources = sorted({source_of(e) for m in records for e in m.evidence},
                     key=lambda s: (s.article, s.start, s.end, s.evidence))
    topics: dict[str, set[Source]] = defaultdict(set)
    agreements: dict[tuple[str, str], tuple[str, str, tuple[str, ...], Source]] = {}
    for m in records:
        for topic in m.topics:
            topics[topic.area].add(source_of(topic.evidence))
        for a in m.agreements:
            agreements.setdefault((a.kind, a.text.casefold()),
                                  (a.kind, a.text, a.sectors, source_of(a.evidence)))
    slugs = "-".join(sorted(pid.split(":", 1)[1] for pid in participants))
    when = date.value if date is not None and not _partial(date.value) else "undated"
    return MeetingEntity(
        id=f"meeting:{when}-{slugs}", participants=participants, date=date,
        status=records[0].status, historical=any(m.historical for m in records),
        location=location, venue=venue, mode=mode or "in_person",
        confidence=max(top, min(0.95, top + 0.05 * (len(articles) - 1))),
        sources=sources, conflicts=conflicts,
        topics={area: sorted(topics[area], key=lambda s: (s.article, s.start, s.end))
                for area in sorted(topics)},
        agreements=sorted(agreements.values(), key=lambda a: (a[3].article, a[3].start, a[0])),
        articles=articles, date_note=note,
    )


def _resolve_meetings(extractions: list[ArticleExtraction], person_of: dict[tuple[str, str], str],
                      people: dict[str, PersonEntity]) -> list[MeetingEntity]:
    reports: list[_Report] = []
    described: list[_Report] = []  # one person named, the other only described
    for x in extractions:
        for index, record in enumerate(x.meetings):
            participants: dict[str, str] = {}
            for p in record.participants:
                pid = person_of.get((x.article.id, p.person))
                if pid is not None and participants.get(pid, "participant") == "participant":
                    participants[pid] = p.role
            report = _Report(x.article.id, index, x.article.published, participants, record)
            if len(participants) >= 2:
                reports.append(report)
            elif participants and record.counterpart:
                described.append(report)
    events = _group_reports(reports)
    for report in described:
        _name_the_counterpart(report, events)
    meetings = sorted((_meeting(e, people) for e in events),
                      key=lambda m: (m.id, m.sources[0].article if m.sources else "",
                                     m.articles))
    taken: set[str] = set()
    for meeting in meetings:
        base, n = meeting.id, 2
        while meeting.id in taken:
            meeting.id, n = f"{base}-{n}", n + 1
        taken.add(meeting.id)
    return meetings


def _name_the_counterpart(report: _Report, events: list[_Event]) -> None:
    """Join a report that names one person ("he met the country's former leader") to the one
    meeting of that person, told elsewhere, that it fits; with none or several, drop it."""
    (person,) = report.participants
    fits = [e for e in events if person in e.participants and e.gap(report) is not None
            and e.reports[0].record.historical == report.record.historical]
    if len(fits) == 1:
        fits[0].add(report)


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
    people, person_of = _resolve_people(extractions, rules)
    return Resolution(people, person_of, _resolve_meetings(extractions, person_of, people))
