"""People as one article knows them, and the linking of each mention to a person.

A surname is linked to the person the passage is about, "the Kenyan leader" or "the Admiral"
to the person holding that title, "he" to the person just named, "the X delegation" to its
head, and "X, the son of Y" relates two people.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from diplograph.countries import country_name

from ..vocabulary import Words
from .names import text_of
from .titles import TitleChain

__all__ = ["HEAD_RANK", "SUBJECTS", "Cast", "Linker", "Person", "apply_chain", "delegations",
           "kinship", "last_subject", "resolve_description", "same_person"]

HEAD_RANK = "head"  # the rank of heads of state and government in titles.jsonl
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


@dataclass
class Person:
    """A person as one article knows them: names, titles, countries, organisations."""

    key: str
    names: list[str] = field(default_factory=list)  # every name form, first seen first
    titles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    relations: list[tuple[str, str]] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    ranks: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        """The fullest name form: most tokens, then first seen."""
        return max(self.names, key=lambda n: (len(n.split()), -self.names.index(n)))

    @property
    def tokens(self) -> list[str]:
        return self.name.split()

    def add(self, values: list[str], new: list[str] | tuple[str, ...]) -> None:
        for value in new:
            if value and value not in values:
                values.append(value)


@dataclass
class Cast:
    """The people of one article and which tokens refer to whom."""

    people: list[Person]
    token_person: dict[int, int]  # token index -> index into people
    delegations: dict[int, int]  # token index of "delegation" -> index of its head

    def without(self, gone: set[int]) -> Cast:
        """The cast with some people taken out (and every reference to them)."""
        if not gone:
            return self
        kept = [k for k in range(len(self.people)) if k not in gone]
        index = {old: new for new, old in enumerate(kept)}
        return Cast([self.people[k] for k in kept],
                     {t: index[p] for t, p in self.token_person.items() if p in index},
                     {t: index[p] for t, p in self.delegations.items() if p in index})

    def person_at(self, token: Token) -> int | None:
        """The person a token refers to (a name, a title, a pronoun or a delegation)."""
        found = self.token_person.get(token.i)
        return found if found is not None else self.delegations.get(token.i)


def same_person(tokens: list[str], person: Person) -> bool:
    """Full-name compatibility: a compatible first name, and the same surname or a shorter form.

    "X Y" is "X Q Y" (a middle name left out) and "X Y" is "X Q Y Z" (a second surname left
    out, as Spanish names are shortened); "Q Y" is never "X Q Y" (another first name).
    """
    other = person.tokens
    if len(tokens) < 2 or len(other) < 2:
        return False
    a, b = tokens[0].lower(), other[0].lower()
    if not (a == b or (len(a) <= 2 and b.startswith(a.rstrip("."))) or (
            len(b) <= 2 and a.startswith(b.rstrip(".")))):
        return False
    short, long_ = sorted(([t.lower() for t in tokens[1:]], [t.lower() for t in other[1:]]),
                          key=len)
    return short[-1] == long_[-1] or _in_order(short, long_)


def _in_order(short: list[str], long_: list[str]) -> bool:
    """Whether ``short`` is an ordered subsequence of ``long_``."""
    rest = iter(long_)
    return all(word in rest for word in short)


class Linker:
    """Builds people from mentions in reading order, linking each mention to a person.

    Each person's name words are indexed as they come, so that a mention is compared with the
    people who share a word with it, not with everyone: a long text names hundreds.
    """

    def __init__(self) -> None:
        self.people: list[Person] = []
        self.token_person: dict[int, int] = {}
        self.last_seen: dict[int, int] = {}  # person -> token index of last mention
        self._ends: dict[str, set[int]] = {}  # a first or last name word -> people
        self._surnames: dict[str, set[int]] = {}  # a last name word -> people
        self._inner: dict[str, set[int]] = {}  # a word between the first and the last
        self._words: dict[str, set[int]] = {}  # any name word but the first -> people

    def mark(self, index: int, start: int, end: int) -> None:
        self.people[index].mentions.append((start, end))
        for i in range(start, end):
            self.token_person[i] = index
        self.last_seen[index] = start

    def _new(self, name: str) -> int:
        self.people.append(Person(key=f"p{len(self.people)}", names=[]))
        return len(self.people) - 1

    def _name(self, index: int, name: str) -> None:
        person = self.people[index]
        if name in person.names:
            return
        person.names.append(name)
        words = [w.lower() for w in name.split()]
        if not words:
            return
        for word in {words[0], words[-1]}:
            self._ends.setdefault(word, set()).add(index)
        self._surnames.setdefault(words[-1], set()).add(index)
        for word in words[1:-1]:
            self._inner.setdefault(word, set()).add(index)
        for word in words[1:]:
            self._words.setdefault(word, set()).add(index)

    def _sharing(self, index: dict[str, set[int]], words: list[str]) -> list[int]:
        """The people with any of `words` in `index`, in the order they were first met."""
        return sorted(set().union(*(index.get(w.lower(), ()) for w in words)))

    def link_name(self, tokens: list[Token]) -> int:
        name = text_of(tokens)
        words = name.split()
        # Two full names can be one person only when a word after the first is shared.
        index = next((k for k in self._sharing(self._words, words[1:])
                      if same_person(words, self.people[k])), None)
        if index is None and len(words) == 1:
            index = self.resolve_single(words[0], before=tokens[0].i)
        if index is None and len(words) >= 2:
            # A fuller name for someone first met by surname alone ("Okafor" then "X Okafor",
            # "Garduño Rivas" then "Lucía Garduño Rivas"), but not a father met with his title
            # before his son ("Marshal Khalifa Haftar", "Saddam Khalifa Haftar").
            ending = self._sharing(self._surnames, words[-1:])
            index = next((k for k in ending
                          if is_tail(self.people[k].tokens, words)
                          and (len(self.people[k].tokens) == 1 or not self.people[k].titles)
                          and not any(
                              len(self.people[q].tokens) > len(self.people[k].tokens)
                              and is_tail(self.people[k].tokens, self.people[q].tokens)
                              for q in ending)), None)
        if index is None:
            index = self._new(name)
        self._name(index, name)
        self.mark(index, tokens[0].i, tokens[-1].i + 1)
        return index

    def resolve_single(self, word: str, *, before: int) -> int | None:
        """A lone surname or given name: the most recently mentioned person it fits."""
        low = word.lower()
        fits = self._sharing(self._ends, [low])
        if not fits:
            # A first surname of two ("Cavalcanti" of "João Paulo Cavalcanti Medeiros"), when
            # only one person has it.
            inner = self._sharing(self._inner, [low])
            return inner[0] if len(inner) == 1 else None
        surname = [k for k in fits if k in self._surnames.get(low, ())]
        pool = surname or fits
        return max(pool, key=lambda k: self.last_seen.get(k, -1))


def is_tail(short: list[str], words: list[str]) -> bool:
    """Whether ``short`` is the last words of the longer ``words``, letter case aside."""
    return 0 < len(short) < len(words) and [w.lower() for w in words[-len(short):]] == [
        w.lower() for w in short]


def apply_chain(person: Person, chain: TitleChain) -> None:
    person.add(person.titles, chain.titles)
    person.add(person.countries, chain.countries)
    person.add(person.organisations, chain.organisations)
    person.ranks |= chain.ranks


@functools.lru_cache(maxsize=4096)
def _title_core(title: str) -> str:
    return re.sub(r"\s+of\s.*$", "", title.lower()).strip()


def resolve_description(linker: Linker, chain: TitleChain, words: Words) -> int | None:
    """'the Kenyan leader', 'the Admiral': the person holding that title."""
    cores = {_title_core(t) for t in chain.titles}
    people = linker.people
    candidates = [
        k for k, p in enumerate(people)
        if cores & {_title_core(t) for t in p.titles}
        and (not chain.countries or not p.countries or set(chain.countries) & set(p.countries))
    ]
    if not candidates and (cores & words["generic_leaders"] or HEAD_RANK in chain.ranks):
        candidates = [
            k for k, p in enumerate(people)
            if HEAD_RANK in p.ranks
            and (not chain.countries or set(chain.countries) & set(p.countries))
        ]
        if not candidates and chain.countries:
            # Nobody holds the title yet: the most mentioned person of that country, or of none.
            candidates = [k for k, p in enumerate(people)
                          if not p.countries or set(chain.countries) & set(p.countries)]
            if candidates:
                top = max(candidates, key=lambda k: len(people[k].mentions))
                candidates = [top]
    if not candidates:
        return None
    return max(candidates, key=lambda k: (len(people[k].mentions) if len(candidates) > 1 and
                                          not chain.countries else 0,
                                          linker.last_seen.get(k, -1)))


def last_subject(pronoun: Token, token_person: dict[int, int], words: Words) -> int | None:
    """The person a subject pronoun continues: the last person who was a subject, in this
    sentence or the one before ("X conveyed a message from Y, who met Z. He will ..." is X).
    """
    if pronoun.dep_ not in SUBJECTS:
        return None
    start = pronoun.sent.start
    if start > 0:
        start = pronoun.doc[start - 1].sent.start
    return next((token_person[k] for k in range(pronoun.i - 1, start - 1, -1)
                 if k in token_person and pronoun.doc[k].dep_ in SUBJECTS
                 and pronoun.doc[k].lower_ not in words["pronouns"] | {"who"}), None)


def kinship(doc: Doc, linker: Linker, words: Words) -> None:
    """'X, the son of Y' and 'X ... his father, Y': child_of relations."""
    people = linker.people
    for token in doc:
        relation = ("child_of" if token.lower_ in words["child_words"] else
                    "parent" if token.lower_ in words["parent_words"] else None)
        if relation is None:
            continue
        sent = token.sent
        if relation == "child_of":  # "the son of Y": Y follows, the child came before
            parent = next((linker.token_person[k] for k in range(token.i + 1, sent.end)
                           if k in linker.token_person), None)
            child = next((linker.token_person[k] for k in range(token.i - 1, sent.start - 1, -1)
                          if k in linker.token_person and linker.token_person[k] != parent), None)
        else:  # "his father, Y": Y is named just after; "his" is the person before
            parent = next((linker.token_person[k] for k in range(token.i + 1,
                           min(token.i + 8, sent.end)) if k in linker.token_person), None)
            child = next((linker.token_person[k] for k in range(token.i - 1, sent.start - 1, -1)
                          if k in linker.token_person and linker.token_person[k] != parent), None)
        if parent is not None and child is not None and parent != child:
            rel = ("child_of", people[parent].key)
            if rel not in people[child].relations:
                people[child].relations.append(rel)


def delegations(doc: Doc, linker: Linker) -> dict[int, int]:
    """'a delegation headed by X', 'the X delegation' (whose head was named earlier)."""
    heads: dict[int, int] = {}
    by_country: dict[str | None, int] = {}
    for token in doc:
        if token.lower_ not in ("delegation", "delegations"):
            continue
        country = next((c for child in token.children if child.dep_ in ("amod", "compound")
                        if (c := country_name(child.text))), None)
        head = None
        for desc in token.subtree:
            if desc.i != token.i and desc.i in linker.token_person and desc.dep_ != "relcl":
                head = linker.token_person[desc.i]
                break
        if head is None and token.head.lower_ in ("leading", "led", "heading", "headed"):
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            head = linker.token_person.get(subject.i) if subject is not None else None
            if head is None:  # "X, ..., arrived ..., leading a delegation"
                verb = token.head.head
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                head = linker.token_person.get(subject.i) if subject is not None else None
        if head is None:
            head = by_country.get(country)
        if head is not None:
            heads[token.i] = head
            by_country[country] = head
            if country:
                linker.people[head].add(linker.people[head].countries, [country])
    return heads
