"""People across articles: one person per human, however the articles spell them.

See `kg.resolve` for the rules; this module joins people records with union-find.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from rapidfuzz import fuzz, process

from diplograph.slugs import slugify
from extract.records import ArticleExtraction, PersonRecord

from .aliases import AliasRules
from .entities import PersonEntity, source_of
from .matching import RULES, match_names
from .names import NameParts, fold, name_key, name_parts

__all__ = ["MERGE_RULES", "resolve_people"]

MERGE_RULES = (*RULES, "surname-only", "user:merge")  # the values of `PersonEntity.merged_by`

_SURNAME_BLOCK_SIMILARITY = 88  # rapidfuzz ratio of two folded surnames compared across blocks


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
                first, second = sorted((a, b))
                edges.append((RULES.index(rule), first, second, rule))

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


def resolve_people(extractions: list[ArticleExtraction], rules: AliasRules | None) -> tuple[
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

