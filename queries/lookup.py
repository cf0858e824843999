"""Find a person or a country by any spelling the graph knows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import networkx as nx

from diplograph.errors import AmbiguousError, NotFoundError
from kg.names import name_key

from ._index import Index, get_index
from .arguments import check_name
from .models import CountryRef, PersonRef

__all__ = ["find_country", "find_person"]

_CLOSE = 3  # how many close matches an error names
_CUTOFF = 75  # the least score (0-100) of a close match


def find_person(G: nx.Graph, text: str) -> PersonRef:
    """Return the one person whom `text` names.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph knowledge graph.
    text : str
        A node id, the person's name, any of their aliases, a transliteration of either
        (``"Yildiz"`` for ``"Yıldız"``), or a surname (the trailing token or tokens of
        exactly one person's name or alias); case and punctuation do not matter.

    Returns
    -------
    PersonRef
        The person, with every spelling, title, country and organisation the graph holds.

    Raises
    ------
    TypeError
        If `text` is not a string.
    diplograph.errors.QueryError
        If `text` has no letter or digit in it.
    diplograph.errors.NotFoundError, diplograph.errors.AmbiguousError
        If no person matches (the message names the close matches) or more than one does (the
        message names them all).

    Examples
    --------
    >>> import kg
    >>> G = kg.example_graph()
    >>> find_person(G, "Nikolai Kovalenko").name
    'Mykola Kovalenko'
    >>> find_person(G, "Yildiz").name
    'Ayşe Yıldız'
    >>> find_person(G, "omar nasser").id
    'person:omar-nasser'
    >>> find_person(G, "Nasser")
    Traceback (most recent call last):
    ...
    diplograph.errors.AmbiguousError: 'Nasser' is ambiguous: Karim Omar Nasser, Omar Nasser
    >>> find_person(G, "Kovalenkko")
    Traceback (most recent call last):
    ...
    diplograph.errors.NotFoundError: no person matches 'Kovalenkko'; close matches: Mykola Kovalenko

    Notes
    -----
    Spellings are compared by `kg.names.name_key`. A full name or alias wins over a surname,
    so ``"Omar Nasser"`` finds Omar Nasser although it also ends ``"Karim Omar Nasser"``.

    See Also
    --------
    find_country
    """
    check_name(text, "text")
    index = get_index(G)
    return index.person(_person_id(index, text))


def find_country(G: nx.Graph, text: str) -> CountryRef:
    """Return the one country node that `text` names.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A diplograph knowledge graph.
    text : str
        A node id, the country's name or label (compared by `kg.names.name_key`, so case and
        diacritics do not matter), or its ISO 3166-1 alpha-2 code. Demonyms (``"Jordanian"``)
        are not names.

    Returns
    -------
    CountryRef
        The country's node id, name and ISO code.

    Raises
    ------
    TypeError
        If `text` is not a string.
    diplograph.errors.QueryError
        If `text` has no letter or digit in it.
    diplograph.errors.NotFoundError, diplograph.errors.AmbiguousError
        If no country matches (the message names the close matches) or more than one does.

    Examples
    --------
    >>> import kg
    >>> G = kg.example_graph()
    >>> find_country(G, "JORDAN").id
    'country:jordan'
    >>> find_country(G, "tr").name
    'Turkey'
    >>> find_country(G, "Nowray")
    Traceback (most recent call last):
    ...
    diplograph.errors.NotFoundError: no country matches 'Nowray'; close matches: Norway

    See Also
    --------
    find_person
    """
    check_name(text, "text")
    index = get_index(G)
    return _country_ref(index, _country_id(index, text))


# -- helpers, shared with the other query modules --------------------------------------------


def _country_ref(index: Index, c: str) -> CountryRef:
    attrs = index.countries[c]
    iso = attrs.get("iso")
    name = attrs.get("name") or attrs.get("label") or c
    return CountryRef(id=c, name=name, iso=iso if isinstance(iso, str) else None)


def _person_candidates(index: Index, text: str) -> tuple[str, set[str]]:
    """Return how `text` matches people (``"exact"``, ``"surname"`` or ``""``) and whom."""
    if text in index.people:
        return "exact", {text}
    key = name_key(text)
    if key in index.full_keys:
        return "exact", index.full_keys[key]
    if key in index.suffix_keys:
        return "surname", index.suffix_keys[key]
    return "", set()


def _country_candidates(index: Index, text: str) -> set[str]:
    if text in index.countries:
        return {text}
    return index.country_keys.get(name_key(text)) or index.country_iso.get(
        text.strip().lower(), set()
    )


def _person_id(index: Index, text: str) -> str:
    """Resolve `text` to one person id, or raise naming the candidates (none or several)."""
    _, ids = _person_candidates(index, text)
    if len(ids) == 1:
        return next(iter(ids))
    if ids:
        raise AmbiguousError(f"{text!r} is ambiguous: {_listing(ids, index.name)}")
    raise NotFoundError(f"no person matches {text!r}{_close_matches(_close_people(index, text))}")


def _country_id(index: Index, text: str) -> str:
    """Resolve `text` to one country id, or raise naming the candidates (none or several)."""
    ids = _country_candidates(index, text)
    if len(ids) == 1:
        return next(iter(ids))
    if ids:
        names = {c: _country_ref(index, c).name for c in ids}
        raise AmbiguousError(f"{text!r} is ambiguous: {_listing(ids, names.__getitem__)}")
    close = _close_countries(index, text)
    raise NotFoundError(f"no country matches {text!r}{_close_matches(close)}")


def _listing(ids: set[str], name: Callable[[str], str]) -> str:
    """The names, sorted, each followed by its id when two share it."""
    names = sorted((name(i), i) for i in ids)
    counts = Counter(n for n, _ in names)
    return ", ".join(f"{n} ({i})" if counts[n] > 1 else n for n, i in names)


def _close(text: str, keys: dict[str, set[str]], name: Callable[[str], str]) -> list[str]:
    """The names of the nodes whose keys are nearest `text`, best first.

    WRatio forgives missing and extra words, Jaro-Winkler swapped letters ("Nowray").
    """
    # Only a name the graph does not know gets here: a query that finds it never pays for
    # rapidfuzz's import (about 20 ms of a command's start-up).
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import JaroWinkler

    query, choices = name_key(text), list(keys)
    scores: dict[str, float] = {}
    for scorer, scale in ((fuzz.WRatio, 1), (JaroWinkler.normalized_similarity, 100)):
        cutoff = _CUTOFF / scale
        for key, score, _i in process.extract(
            query, choices, scorer=scorer, limit=3 * _CLOSE, score_cutoff=cutoff
        ):
            scores[key] = max(scores.get(key, 0), score * scale)
    names: list[str] = []
    for key in sorted(scores, key=lambda k: (-scores[k], k)):
        for node in sorted(keys[key]):
            if (n := name(node)) not in names:
                names.append(n)
    return names[:_CLOSE]


def _close_people(index: Index, text: str) -> list[str]:
    return _close(text, index.spellings, index.name)


def _close_countries(index: Index, text: str) -> list[str]:
    return _close(text, index.country_keys, lambda c: _country_ref(index, c).name)


def _close_matches(names: list[str]) -> str:
    return f"; close matches: {', '.join(names)}" if names else ""
