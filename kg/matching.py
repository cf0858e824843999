"""Whether two spellings name one person: given names, surnames and whole names compared.

Used when a graph is built and people are merged (`kg.same_people`); the keys it compares are
`kg.names`'s.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from .names import _DOUBLE, NameParts, fold

__all__ = ["RULES", "match_names", "match_surnames", "match_tokens"]

# How a match was decided, weakest last; a merge is labelled with the weakest step it needed.
RULES = ("exact", "transliteration", "middle-name", "fuzzy")

_GIVEN_SIMILARITY = 85  # rapidfuzz ratio of two folded given (or middle) names
_SKELETON_SIMILARITY = 70  # ... when their consonants agree: Alexander, Aliaksandr
_SURNAME_SIMILARITY = 88  # ... of two folded surnames of five letters or more
_VOWELS = re.compile(r"[aeiou]")


def _skeleton(folded: str) -> str:
    """The first letter and the consonants after it: "alexander" and "alaxandar" are "alxndr"."""
    return folded[:1] + _DOUBLE.sub(r"\1", _VOWELS.sub("", folded[1:]))


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
    >>> from kg.names import name_parts
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
