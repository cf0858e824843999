"""Comparison keys for names, so that one person matches however an article spells them.

Keys only: queries look names up by them. Deciding whether two spellings name one person is
`kg.matching`'s (it needs rapidfuzz, which reading a graph does without).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from anyascii import anyascii

__all__ = ["NameParts", "fold", "fold_key", "name_key", "name_parts", "name_tokens"]

# Letters that transliterations of one name write differently: consonants first, then (on
# the result, doubles made single) vowels, so that "Yevgeny" gives "ievgeni", then "evgeni".
_CLUSTERS = (
    {"kh": "h", "zh": "z", "sh": "s", "ph": "f", "th": "t", "dh": "d", "gh": "g", "ck": "k",
     "ks": "x", "q": "k", "w": "v", "y": "i"},
    {"ou": "u", "ie": "e"},
)
_CLUSTER_PATTERNS = tuple(re.compile("|".join(table)) for table in _CLUSTERS)
_DOUBLE = re.compile(r"(.)\1+")
_ENDINGS = ((re.compile(r"enk[oa]$"), "enk"), (re.compile(r"ah$"), "a"))
# Joining words inside a name ("Hassan Ali al-Amiri", "Mohammed bin Salman", "Ursula von
# der Leyen"): skipped in the middle of a name, never as its first or last word.
_PARTICLES = frozenset("al el ad ar as ash at az bin ibn bint ben van von der den de da di du "
                       "la le dos das del".split())


@lru_cache(maxsize=1 << 17)
def name_tokens(name: str) -> tuple[str, ...]:
    """Return the lowercase ASCII tokens of a name (cached: the same names come back often).

    >>> name_tokens("Aliaksandr Mošenka"), name_tokens("Ayşe Yıldız")
    (('aliaksandr', 'mosenka'), ('ayse', 'yildiz'))
    """
    return tuple(re.findall(r"[a-z0-9]+", anyascii(name).lower()))


def name_key(name: str) -> str:
    """Return the exact-match key of a name: its tokens joined by spaces.

    >>> name_key("  Omar   NASSER ")
    'omar nasser'
    """
    return " ".join(name_tokens(name))


def _by_table(table: dict[str, str]) -> Callable[[re.Match[str]], str]:
    """What `re.sub` puts for a match: its replacement in `table`."""
    return lambda m: table[m[0]]


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """Return the transliteration-blind form of one lowercase ASCII name token.

    Clusters that transliterations write differently are written one way (kh, sh, zh, ks, y,
    ou, ie, q, w...), double letters are single, and the East Slavic surname endings -enka and
    -enko are one.

    >>> fold("moshenko"), fold("mosenka"), fold("aleksandr"), fold("qassem")
    ('mosenk', 'mosenk', 'alexandr', 'kasem')
    >>> fold("dmitriy"), fold("dmitry"), fold("barakah")
    ('dmitri', 'dmitri', 'baraka')
    """
    folded = token
    for pattern, table in zip(_CLUSTER_PATTERNS, _CLUSTERS, strict=True):
        folded = _DOUBLE.sub(r"\1", pattern.sub(_by_table(table), folded))
    for pattern, ending in _ENDINGS:
        folded = pattern.sub(ending, folded)
    return folded


def fold_key(name: str) -> str:
    """Return the transliteration-blind key of a whole name.

    >>> fold_key("Alexander Moshenko") == fold_key("Aleksandr Moshenka")
    False
    >>> fold_key("Yusuf Qassem Mansour") == fold_key("Yousuf Kasem Mansur")
    True
    """
    return " ".join(fold(t) for t in name_tokens(name))


class NameParts(NamedTuple):
    """A name split into the parts that are compared: lowercase ASCII tokens, and folded."""

    given: str | None  # the first given name; None for a lone surname ("Nasser")
    middles: tuple[str, ...]  # middle names and patronymics, particles left out
    surname: str

    @property
    def lone(self) -> bool:
        return self.given is None

    @property
    def folded_surname(self) -> str:
        return fold(self.surname)


def name_parts(name: str) -> NameParts | None:
    """Split a name into first given name, middle names and surname; None if it has no letters.

    >>> name_parts("Karim Yusuf Omar Nasser")
    NameParts(given='karim', middles=('yusuf', 'omar'), surname='nasser')
    >>> name_parts("Hassan Ali al-Amiri")
    NameParts(given='hassan', middles=('ali',), surname='amiri')
    >>> name_parts("Nasser")
    NameParts(given=None, middles=(), surname='nasser')
    """
    tokens = name_tokens(name)
    if not tokens:
        return None
    if len(tokens) == 1:
        return NameParts(None, (), tokens[0])
    middles = tuple(t for t in tokens[1:-1] if t not in _PARTICLES)
    return NameParts(tokens[0], middles, tokens[-1])
