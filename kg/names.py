"""Comparison keys for names, so that one person matches however an article spells them."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from anyascii import anyascii
from rapidfuzz import fuzz

__all__ = [
    "RULES",
    "NameParts",
    "fold",
    "fold_key",
    "match_names",
    "match_surnames",
    "match_tokens",
    "name_key",
    "name_parts",
    "name_tokens",
]

# How a match was decided, weakest last; a merge is labelled with the weakest step it needed.
RULES = ("exact", "transliteration", "middle-name", "fuzzy")

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
_VOWELS = re.compile(r"[aeiou]")
# Joining words inside a name ("Hassan Ali al-Amiri", "Mohammed bin Salman", "Ursula von
# der Leyen"): skipped in the middle of a name, never as its first or last word.
_PARTICLES = frozenset("al el ad ar as ash at az bin ibn bint ben van von der den de da di du "
                       "la le dos das del".split())
_GIVEN_SIMILARITY = 85  # rapidfuzz ratio of two folded given (or middle) names
_SKELETON_SIMILARITY = 70  # ... when their consonants agree: Alexander, Aliaksandr
_SURNAME_SIMILARITY = 88  # ... of two folded surnames of five letters or more


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


def _skeleton(folded: str) -> str:
    """The first letter and the consonants after it: "alexander" and "alaxandar" are "alxndr"."""
    return folded[:1] + _DOUBLE.sub(r"\1", _VOWELS.sub("", folded[1:]))


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


def _ends_in_a(folded: str) -> bool:
    # Aleksandr and Aleksandra, Ivanov and Ivanova are two people.
    return folded.endswith("a")


@lru_cache(maxsize=262144)
def match_tokens(a: str, b: str) -> str | None:
    """Return how two given (or middle) names match, or None if they are different names.

    An initial matches any name it begins; otherwise names match when they fold alike
    ("transliteration"), when their consonants agree and they are similar enough
    ("transliteration": Alexander, Aleksandr, Aliaksandr), or, with the same first
    letter, by a rapidfuzz ratio of 85 or more ("fuzzy"). A name ending in "a" never matches
    one that does not (Aleksandr and Aleksandra).

    >>> match_tokens("alexander", "aliaksandr"), match_tokens("qasem", "qassem")
    ('transliteration', 'transliteration')
    >>> match_tokens("omar", "karim") is None, match_tokens("mahmoud", "mohammed") is None
    (True, True)
    """
    if a == b:
        return "exact"
    if len(a) == 1 or len(b) == 1:
        return "fuzzy" if a[0] == b[0] else None
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return "transliteration"
    if _ends_in_a(fa) != _ends_in_a(fb) or fa[0] != fb[0]:
        return None
    ratio = fuzz.ratio(fa, fb)
    if _skeleton(fa) == _skeleton(fb) and ratio >= _SKELETON_SIMILARITY:
        return "transliteration"
    return "fuzzy" if ratio >= _GIVEN_SIMILARITY else None


@lru_cache(maxsize=262144)
def match_surnames(a: str, b: str) -> str | None:
    """Return how two surnames match: "exact", "transliteration", "fuzzy" or None.

    >>> match_surnames("moshenko", "mosenka"), match_surnames("barakah", "baraka")
    ('transliteration', 'transliteration')
    >>> match_surnames("markovich", "markovic"), match_surnames("ivanov", "ivanova")
    ('fuzzy', None)
    """
    if a == b:
        return "exact"
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return "transliteration"
    if min(len(fa), len(fb)) < 5 or _ends_in_a(fa) != _ends_in_a(fb):
        return None
    return "fuzzy" if fuzz.ratio(fa, fb) >= _SURNAME_SIMILARITY else None


def _weakest(*labels: str) -> str:
    return max(labels, key=RULES.index)


def _match_middles(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """Middle names agree when one side has none, or the shorter list runs in the longer."""
    if a == b:
        return "exact"
    if not a or not b:
        return "middle-name"
    short, long_ = sorted((a, b), key=len)
    labels, rest = [], iter(long_)
    for token in short:
        label = next((m for t in rest if (m := match_tokens(token, t))), None)
        if label is None:
            return None
        labels.append(label)
    return _weakest(*labels, "middle-name" if len(short) < len(long_) else "exact")


@lru_cache(maxsize=262144)
def match_names(a: NameParts, b: NameParts) -> str | None:
    """Return how two full names match (one of `RULES`), or None if they name two people.

    The surnames must match and so must the first given names; middle names and patronymics
    count only when both names have them (then the shorter list must run in the longer one).
    A given name never matches a middle name: "Karim Omar Nasser" is not "Omar Nasser".
    Lone surnames are not compared here (see `kg.resolve`).

    Examples
    --------
    >>> omar = name_parts("Omar Nasser")
    >>> match_names(omar, name_parts("Omar Yusuf Nasser"))
    'middle-name'
    >>> match_names(omar, name_parts("Karim Omar Nasser")) is None
    True
    >>> match_names(name_parts("Alexander Moshenko"), name_parts("Aliaksandr Mošenka"))
    'transliteration'
    >>> match_names(name_parts("Abdulrahman Barakah"), name_parts("Abdul Rahman Baraka"))
    'transliteration'
    """
    if a.given is None or b.given is None:  # a lone surname
        raise ValueError("match_names compares full names, not lone surnames")
    surname = match_surnames(a.surname, b.surname)
    if surname is None:
        return None
    given = match_tokens(a.given, b.given)
    if given == "exact" and a.middles == b.middles:
        return surname
    if given is not None:
        middles = _match_middles(a.middles, b.middles)
        return None if middles is None else _weakest(surname, given, middles)
    # "Abdulrahman" and "Abdul Rahman": the given names written as one word or two.
    joined_a = "".join(fold(t) for t in (a.given, *a.middles))
    joined_b = "".join(fold(t) for t in (b.given, *b.middles))
    if joined_a == joined_b:
        return _weakest(surname, "transliteration")
    return None
