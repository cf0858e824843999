"""Countries, demonyms and cities: names, aliases, plurals, possessives, misspellings, phrases."""

from __future__ import annotations

import csv

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph import countries
from diplograph.countries import (
    city_country,
    countries_in,
    country_name,
    is_city,
    is_demonym,
    iso2,
)


def _rows(name: str) -> list[dict[str, str]]:
    with (countries.DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.fixture(scope="module")
def country_rows() -> list[dict[str, str]]:
    return _rows("countries.tsv")


@pytest.fixture(scope="module")
def city_rows() -> list[dict[str, str]]:
    return _rows("cities.tsv")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Belarus", "Belarus"),
        ("Libya", "Libya"),
        ("Libyan", "Libya"),
        ("Russian", "Russia"),
        ("Belarusian", "Belarus"),
        ("the Republic of Belarus", "Belarus"),
        ("The Gambia", "Gambia"),
        ("the Netherlands", "Netherlands"),
        ("Russian Federation", "Russia"),
        ("Islamic Republic of Iran", "Iran"),
        ("Republic of Korea", "South Korea"),
        ("Democratic People's Republic of Korea", "North Korea"),
        ("Viet Nam", "Vietnam"),
        ("Türkiye", "Turkey"),
        ("Czechia", "Czech Republic"),
        ("Côte d’Ivoire", "Ivory Coast"),
        ("Cote d'Ivoire", "Ivory Coast"),
        ("Swaziland", "Eswatini"),
        ("Burma", "Myanmar"),
        ("Holland", "Netherlands"),
        ("Britain", "United Kingdom"),
        ("Беларусь", "Belarus"),  # transliterated
        ("LIBYA", "Libya"),  # a headline in capitals
        ("UK", "United Kingdom"),
        ("U.S.", "United States"),
        ("US", "United States"),
        ("UAE", "United Arab Emirates"),
        ("DRC", "Democratic Republic of the Congo"),
        ("Kosovo", "Kosovo"),
    ],
)
def test_country_name_of_names_and_aliases(text, expected):
    assert country_name(text) == expected


@pytest.mark.parametrize(
    ("demonym", "expected"),
    [
        ("Ethiopian", "Ethiopia"),
        ("Nigerian", "Nigeria"),
        ("Nigerien", "Niger"),
        ("Kenyan", "Kenya"),
        ("South African", "South Africa"),
        ("Egyptian", "Egypt"),
        ("Emirati", "United Arab Emirates"),
        ("Saudi", "Saudi Arabia"),
        ("Saudi Arabian", "Saudi Arabia"),
        ("Vietnamese", "Vietnam"),
        ("Kazakh", "Kazakhstan"),
        ("Kazakhstani", "Kazakhstan"),
        ("Indonesian", "Indonesia"),
        ("Filipino", "Philippines"),
        ("Chinese", "China"),
        ("Japanese", "Japan"),
        ("South Korean", "South Korea"),
        ("North Korean", "North Korea"),
        ("Iranian", "Iran"),
        ("Brazilian", "Brazil"),
        ("Argentine", "Argentina"),
        ("Argentinian", "Argentina"),
        ("Mexican", "Mexico"),
        ("Canadian", "Canada"),
        ("American", "United States"),
        ("British", "United Kingdom"),
        ("Dutch", "Netherlands"),
        ("French", "France"),  # not Martinique or Réunion, which share the dataset's demonym
        ("Swiss", "Switzerland"),
        ("Polish", "Poland"),
        ("Ukrainian", "Ukraine"),
        ("Australian", "Australia"),
        ("New Zealander", "New Zealand"),
        ("Congolese", "Democratic Republic of the Congo"),
    ],
)
def test_country_name_of_demonyms(demonym, expected):
    assert country_name(demonym) == expected
    assert is_demonym(demonym)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Belarusians", "Belarus"),
        ("Libyans", "Libya"),
        ("Emiratis", "United Arab Emirates"),
        ("Filipinos", "Philippines"),
        ("Britons", "United Kingdom"),
        ("South Koreans", "South Korea"),
        ("Frenchmen", "France"),
        ("Belarus'", "Belarus"),
        ("Belarus’", "Belarus"),
        ("Belarus's", "Belarus"),
        ("Libya's", "Libya"),
        ("Libya’s", "Libya"),
        ("U.S.'s", "United States"),
        ("the Philippines'", "Philippines"),
    ],
)
def test_country_name_of_plurals_and_possessives(text, expected):
    assert country_name(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lybia", "Libya"),  # inner letters reordered
        ("Ukriane", "Ukraine"),
        ("Belaruss", "Belarus"),  # a letter too many
        ("Kazakstan", "Kazakhstan"),  # a letter missing
        ("Phillipines", "Philippines"),
        ("Azerbaidjan", "Azerbaijan"),
        ("Lybia's", "Libya"),
    ],
)
def test_country_name_tolerates_small_misspellings(text, expected):
    assert country_name(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Lybian",  # demonyms are never matched approximately
        "Irak",  # nor short names
        "Chda",
        "Frances",  # a name, not France: the last letter differs
        "Cameron",  # a name, not Cameroon: a dictionary word or name is never a misspelling
        "Hungry",
        "Indira",
        "Tango",
    ],
)
def test_country_name_does_not_guess_at_words(text):
    assert country_name(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "African",
        "European",
        "Asian",
        "Western",
        "Minsk",  # a city
        "Tripoli",
        "Commander",
        "General",
        "President",
        "Field",
        "Palace",
        "Independence",
        "Korean",  # which Korea?
        "libya",  # a name begins with a capital
        "turkey",
        "us",
        "Us",
        "",
        "the",
    ],
)
def test_country_name_of_other_words_is_none(text):
    assert country_name(text) is None


@pytest.mark.parametrize("name", ["Chad", "Georgia", "Jordan", "Turkey", "Guinea", "Niger", "Oman"])
def test_countries_named_like_words_are_countries(name):
    assert country_name(name) == name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Belarusian-Libyan", ["Belarus", "Libya"]),
        ("Belarusian–Libyan talks", ["Belarus", "Libya"]),
        ("Prime Minister of Belarus", ["Belarus"]),
        ("the Libyan National Army", ["Libya"]),
        ("the eastern-based Libyan National Army (LNA)", ["Libya"]),
        ("Minister of Foreign Affairs of the Republic of Belarus", ["Belarus"]),
        ("Belarus’ and Libya’s ministers", ["Belarus", "Libya"]),
        ("U.S.-Russia talks", ["United States", "Russia"]),
        ("Libya, Libyans and the Libyan people", ["Libya"]),
        ("South Africa and Papua New Guinea", ["South Africa", "Papua New Guinea"]),
        ("Guinea-Bissau and Guinea", ["Guinea-Bissau", "Guinea"]),
        ("Trinidad & Tobago", ["Trinidad and Tobago"]),
        ("St. Lucia", ["Saint Lucia"]),
        ("the Democratic Republic of the Congo", ["Democratic Republic of the Congo"]),
        ("Latin American and South American leaders", []),
        ("Northern Ireland", []),
        ("New Mexico", []),
        ("Field Marshal Khalifa Haftar in Benghazi", []),
        ("", []),
    ],
)
def test_countries_in(text, expected):
    assert countries_in(text) == expected


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("Benghazi", "Libya"),
        ("Tripoli", "Libya"),  # not Tripoli, Lebanon: the most populous wins
        ("Tokyo", "Japan"),
        ("Minsk", "Belarus"),
        ("Minsk's", "Belarus"),
        ("Paris", "France"),
        ("Moscow", "Russia"),
        ("Washington", "United States"),
        ("Astana", "Kazakhstan"),
        ("Nur-Sultan", "Kazakhstan"),  # the datasets' older name of the capital
        ("São Paulo", "Brazil"),
        ("Sao Paulo", "Brazil"),
        ("Vaduz", "Liechtenstein"),  # a small capital
    ],
)
def test_city_country(city, expected):
    assert city_country(city) == expected
    assert is_city(city)


@pytest.mark.parametrize("name", ["Belarus", "Libyan", "Commander", "minsk", ""])
def test_is_city_is_false_for_other_names(name):
    assert not is_city(name)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Belarusian", True), ("Libyans", True), ("Belarus", False), ("African", False),
     ("libyan", False), ("Lybian", False)],
)
def test_is_demonym(word, expected):
    assert is_demonym(word) is expected


@pytest.mark.parametrize(
    ("country", "expected"),
    [("Belarus", "BY"), ("Libya", "LY"), ("United Kingdom", "GB"), ("Libyan", "LY"),
     ("Kosovo", "XK"), ("Atlantis", None)],
)
def test_iso2(country, expected):
    assert iso2(country) == expected


@pytest.mark.parametrize("function", [country_name, countries_in, is_demonym, city_country])
def test_non_strings_raise_type_error(function):
    with pytest.raises(TypeError, match="must be a string"):
        function(None)


def test_countries_tsv_covers_every_country(country_rows):
    assert len(country_rows) >= 240
    assert all(row["name"] and len(row["iso2"]) == 2 for row in country_rows)
    assert len({row["name"] for row in country_rows}) == len(country_rows)
    assert len({row["iso2"] for row in country_rows}) == len(country_rows)


def test_every_country_name_resolves_to_itself(country_rows):
    assert [r["name"] for r in country_rows if country_name(r["name"]) != r["name"]] == []


def test_every_capital_is_a_city(country_rows):
    capitals = [r["capital"] for r in country_rows if r["capital"]]
    assert len(capitals) >= 240
    assert [c for c in capitals if not is_city(c)] == []


def test_cities_tsv(city_rows, country_rows):
    codes = {row["iso2"] for row in country_rows}
    assert len(city_rows) > 4000
    assert all(row["name"] and row["ascii"].isascii() and row["iso2"] in codes
               for row in city_rows)
    populations = [int(row["population"]) for row in city_rows]
    assert populations == sorted(populations, reverse=True)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_never_crashes(text):
    name = country_name(text)
    assert name is None or iso2(name) is not None
    assert all(iso2(c) is not None for c in countries_in(text))
    assert isinstance(is_demonym(text), bool)
    assert isinstance(is_city(text), bool)
