"""People for scoring: which person node a gold person is, by any spelling of the name."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kg.names import name_key

from .gold import GoldPerson

__all__ = ["GoldIdentity", "Roster", "SystemPerson", "links", "name_keys", "noise"]


def name_keys(*forms: str | None) -> frozenset[str]:
    """The `name_key` of each form given, empty ones left out.

    >>> sorted(name_keys("Łukašenka", None, "A. Lukashenko"))
    ['a lukashenko', 'lukasenka']
    """
    return frozenset(k for k in (name_key(f) for f in forms if f) if k)


def _ends(keys: Iterable[str]) -> frozenset[tuple[str, str]]:
    return frozenset((t[0], t[-1]) for t in (k.split() for k in keys) if len(t) >= 2)


@dataclass(frozen=True, eq=False)
class GoldIdentity:
    """One gold person; compared by identity, one object per person of a gold scope."""

    label: str
    names: frozenset[str]  # keys of the name, `same_as`, or the string as written
    aliases: frozenset[str]  # keys of the other spellings

    @property
    def ends(self) -> frozenset[tuple[str, str]]:
        return _ends(self.names)


@dataclass(frozen=True)
class SystemPerson:
    """A person node of the graph, with the keys of its name and aliases."""

    id: str
    name: str
    name_key: str
    keys: frozenset[str]  # name and aliases
    ends: frozenset[tuple[str, str]]

    @classmethod
    def of(cls, node: str, attrs: dict[str, Any]) -> SystemPerson:
        """The person of node `node` with attributes `attrs`.

        >>> SystemPerson.of("person:a-b", {"name": "A B", "aliases": ["B"]}).keys == {"a b", "b"}
        True
        """
        name = str(attrs.get("name") or attrs.get("label") or node)
        aliases = [a for a in attrs.get("aliases") or () if isinstance(a, str)]
        keys = name_keys(name, *aliases)
        return cls(id=node, name=name, name_key=name_key(name), keys=keys, ends=_ends(keys))


def links(gold: GoldIdentity, person: SystemPerson, *, loose: bool = True) -> bool:
    """Whether `person` is `gold` by a spelling; `loose` lets first and last tokens do.

    >>> anna = GoldIdentity("Anna Berg", name_keys("Anna Berg"), name_keys("Berg"))
    >>> links(anna, SystemPerson.of("p", {"name": "Anna Maria Berg"}))
    True
    >>> links(anna, SystemPerson.of("p", {"name": "Anna Maria Berg"}), loose=False)
    False
    """
    # A one-word gold alias (a bare surname, which a father and son share) only links to a
    # person's name, never to one of their aliases.
    return bool(
        gold.names & person.keys
        or person.name_key in gold.aliases
        or {a for a in gold.aliases if " " in a} & person.keys
        or (loose and (gold.ends & person.ends or _tail_of(person.name_key, gold.names)))
    )


def _tail_of(key: str, names: Iterable[str]) -> bool:
    """Whether a name of three words or more ends one of ``names``, which only adds words
    in front: an honorific ("Sayyid Talal bin Nasser Al Harthy") or a first given name."""
    return len(key.split()) >= 3 and any(n.endswith(f" {key}") for n in names)


class Roster:
    """The gold people of one scope (an article, or the events file), found by any spelling.

    >>> roster = Roster([GoldPerson(name="Anna Berg", aliases=("Berg",))], ["Carl Dunn"])
    >>> [p.label for p in roster.people], roster["BERG"].label
    (['Anna Berg', 'Carl Dunn'], 'Anna Berg')
    """

    def __init__(self, entries: Iterable[GoldPerson], written: Iterable[str]) -> None:
        self.people: list[GoldIdentity] = []
        self._index: dict[str, GoldIdentity] = {}
        for entry in entries:
            names = name_keys(entry.name, entry.same_as)
            self.people.append(GoldIdentity(entry.name, names, name_keys(*entry.aliases) - names))
        # Names before aliases: a spelling that is one person's name and another's alias
        # stands for the person whose name it is.
        for person in self.people:
            for key in person.names:
                self._index.setdefault(key, person)
        for person in self.people:
            for key in person.aliases:
                self._index.setdefault(key, person)
        for text in written:
            key = name_key(text)
            if key not in self._index:
                self._index[key] = GoldIdentity(text, name_keys(text), frozenset())
                self.people.append(self._index[key])

    def __getitem__(self, text: str) -> GoldIdentity:
        return self._index[name_key(text)]

    def find(self, text: str) -> GoldIdentity:
        """The gold person `text` names, or a new one (not added to the roster)."""
        return self._index.get(name_key(text)) or GoldIdentity(text, name_keys(text), frozenset())

    def linked(self, person: SystemPerson) -> frozenset[GoldIdentity]:
        """Every gold person that `person` may be."""
        return frozenset(g for g in self.people if links(g, person))


def noise(persons: dict[str, SystemPerson], strings: Iterable[str]) -> tuple[str, ...]:
    """The person nodes named like one of `strings`, as ``"string (node id)"``.

    >>> noise({"person:x": SystemPerson.of("person:x", {"name": "Likes  own"})}, ["Likes Own"])
    ('Likes Own (person:x)',)
    """
    found = {k: s for s in strings for k in name_keys(s)}
    hits = []
    for pid, person in persons.items():
        hit = next((found[k] for k in sorted(person.keys) if k in found), None)
        if hit is not None:
            hits.append(f"{hit} ({pid})")
    return tuple(hits)
