"""Names, words and countries for the synthetic corpus: its cast and its page furniture."""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES_FILE = ROOT / "diplograph" / "data" / "countries.tsv"

# Invented names from syllables: pronounceable, unlike any real leader's.
_FIRST_HEADS = ("Ar", "Be", "Ka", "Lo", "Mi", "Ta", "Ve", "Zo", "Da", "No", "Ri", "Sa", "El",
                "Or", "Fe", "Ju", "Ha", "Ilo", "Ma", "Te")
_FIRST_TAILS = ("len", "mir", "dan", "tas", "rio", "nja", "vik", "sel", "bor", "mat", "ric",
                "lia", "ran", "don", "mena", "ko", "lis", "ver")
_LAST_HEADS = ("Var", "Kol", "Bren", "Tor", "Mal", "Dre", "Hal", "Ost", "Sav", "Lun", "Per",
               "Zan", "Gro", "Vel", "Mar", "Ruz", "Sten", "Dav", "Kir", "Bal", "Nor", "Fal")
_LAST_MIDS = ("", "", "a", "e", "o", "i", "an", "er")
_LAST_TAILS = ("enko", "ova", "ardi", "sson", "ez", "ani", "berg", "ovic", "ski", "ato",
               "elli", "ide", "mann", "oglu", "escu", "ulu", "ston", "ak")
_TITLES = ("President", "Prime Minister", "Foreign Minister", "Vice President",
           "Deputy Prime Minister", "Minister of Foreign Affairs", "Chancellor")
_VENUES = ("the Palace of Independence", "the presidential palace", "the Foreign Ministry",
           "the government house", "the presidential residence", "the Palace of Nations",
           "the national assembly building", "the state guest house")
# One plain word or phrase per cooperation area of the taxonomy (extract/data/topics.jsonl).
_TOPICS = {
    "agriculture": "agriculture", "energy": "energy", "trade": "trade",
    "healthcare": "healthcare", "education": "education", "tourism": "tourism",
    "transport": "transport", "security": "security", "culture": "culture",
    "investment": "investment", "technology": "technology", "industry": "industry",
    "infrastructure": "infrastructure", "food security": "food security",
    "mining": "mining", "finance": "finance",
}  # fmt: skip
_HEADLINE_WORDS = ("Ties", "Partnership", "Cooperation", "Dialogue", "Relations")
_NAV = ("Home", "World", "Politics", "Economy", "Business", "Sport", "Culture", "Opinion")
_NAV_HEADLINES = (
    "Markets Close Higher On Energy Hopes", "Storm Warning Issued For Coastal Areas",
    "New Bridge Opens To Traffic", "Football Cup Final Draws Record Crowd",
    "Central Bank Keeps Rates Unchanged", "Museum Night Returns This Weekend",
    "Rail Strike Called Off After Talks", "Harvest Festival Marks Its Tenth Year",
)
_COMMENTS = ("Good news for both countries.", "Let's see if anything comes of it.",
             "Finally some progress.", "Words are cheap, show us results.",
             "Who pays for all these visits?", "Great to see this friendship grow.")
# Background prose with no meeting words, topic words or names: the bulk of a real story.
_FILLER = (
    "Turnover between {a} and {b} reached {n} million dollars last year, officials said.",
    "The two countries established diplomatic relations in {year}.",
    "Analysts say {a} is looking for new partners far beyond its own region.",
    "{b} has opened {k} consulates abroad over the past decade.",
    "Officials did not disclose further details.",
    "The {da} side noted the steady growth of contacts at every level.",
    "According to the {db} embassy, more than {n} citizens of {b} live in {a}.",
    "Both sides pointed to the long history of friendly relations between their peoples.",
    "Observers noted that the schedule of the delegation was unusually busy.",
    "The last high-level contact between the two countries took place several years ago.",
    "A joint commission is expected to review progress before the end of the year.",
    "Local newspapers gave the event wide coverage on their front pages.",
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Used when diplograph/data/countries.tsv is not there: (name, demonym, capital).
_FALLBACK_COUNTRIES = (
    ("Belarus", "Belarusian", "Minsk"), ("Libya", "Libyan", "Tripoli"),
    ("Kenya", "Kenyan", "Nairobi"), ("Chile", "Chilean", "Santiago"),
    ("Norway", "Norwegian", "Oslo"), ("Vietnam", "Vietnamese", "Hanoi"),
    ("Egypt", "Egyptian", "Cairo"), ("Peru", "Peruvian", "Lima"),
    ("Hungary", "Hungarian", "Budapest"), ("Indonesia", "Indonesian", "Jakarta"),
    ("Morocco", "Moroccan", "Rabat"), ("Mongolia", "Mongolian", "Ulaanbaatar"),
)


@dataclass(frozen=True)
class Country:
    name: str
    demonym: str
    capital: str


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    title: str
    country: Country

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def full(self) -> str:
        """``President Arlen Varenko`` (or ``Foreign Minister ...``)."""
        return f"{self.title} {self.name}"

    def gold(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "country": self.country.name,
                "aliases": [self.last]}


def load_countries(path: Path = COUNTRIES_FILE) -> list[Country]:
    """The countries of ``diplograph/data/countries.tsv`` with a demonym and a capital."""
    if not path.exists():
        return [Country(*row) for row in _FALLBACK_COUNTRIES]
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    countries = []
    for row in rows:
        demonym = (row.get("demonyms") or "").split("|")[0].strip()
        capital = (row.get("capital") or "").strip()
        name = (row.get("name") or "").strip()
        # Plain names only: "Saint John's" or "Bosnia and Herzegovina" would blur the test.
        if name and demonym and capital and name.replace(" ", "").isalpha() and \
                capital.replace(" ", "").isalpha() and len(name.split()) <= 2:
            countries.append(Country(name, demonym, capital))
    return countries or [Country(*row) for row in _FALLBACK_COUNTRIES]


def _people(rng: random.Random, countries: Sequence[Country], count: int) -> list[Person]:
    """`count` people with distinct first names + surnames, and distinct surnames."""
    people: list[Person] = []
    surnames: set[str] = set()
    while len(people) < count:
        last = rng.choice(_LAST_HEADS) + rng.choice(_LAST_MIDS) + rng.choice(_LAST_TAILS)
        if last in surnames:
            continue
        surnames.add(last)
        first = rng.choice(_FIRST_HEADS) + rng.choice(_FIRST_TAILS)
        people.append(Person(first, last, rng.choice(_TITLES), rng.choice(countries)))
    return people
