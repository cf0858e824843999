"""Generate a seeded corpus of news-like articles about meetings, with gold annotations.

Every article is a ``.txt`` file whose first line is ``date YYYY-MM-DD``, followed by a headline,
a story stating one to three meetings (and sometimes things that are not meetings: a quote, a
plan, a visit decades ago), and page noise: navigation links, image URLs, a comment thread.
Beside each article, a gold file in the per-article format of ``tests/gold/README.md`` says what
the story states, so extraction quality can be scored at any scale (``evaluation.evaluate``).

    python benchmarks/corpus.py --n 200 --out /tmp/corpus --seed 1

writes ``/tmp/corpus/articles/*.txt`` and ``/tmp/corpus/gold/*.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# This folder's modules come after the packages, as in the other scripts; put it on the path
# also when this file is loaded from its path (tests/test_corpus.py), not run or imported here.
_HERE = Path(__file__).resolve().parent
if all(Path(p or ".").resolve() != _HERE for p in sys.path):
    sys.path.append(str(_HERE))

from corpus_words import (  # noqa: E402
    _COMMENTS,
    _FILLER,
    _FIRST_HEADS,
    _FIRST_TAILS,
    _HEADLINE_WORDS,
    _LAST_HEADS,
    _LAST_TAILS,
    _MONTHS,
    _NAV,
    _NAV_HEADLINES,
    _TOPICS,
    _VENUES,
    _WEEKDAYS,
    Country,
    Person,
    _people,
    load_countries,
)

__all__ = ["Country", "GeneratedArticle", "Person", "generate", "main", "write_corpus"]


@dataclass(frozen=True)
class GeneratedArticle:
    """One article: its file name, its text and its gold annotation."""

    file: str
    text: str
    gold: dict[str, Any]


def _day(date: dt.date) -> str:
    return f"{_MONTHS[date.month - 1]} {date.day}"


@dataclass
class _Story:
    """An article being written: sentences of the story, and its gold."""

    date: dt.date
    rng: random.Random
    paragraphs: list[str] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    countries: list[str] = field(default_factory=list)

    def met(self, *people: Person) -> None:
        for p in people:
            self.people.setdefault(p.name, p)
            if p.country.name not in self.countries:
                self.countries.append(p.country.name)

    def when(self) -> tuple[str, str | None, list[str]]:
        """A date phrase for a meeting held up to a week before the article date.

        Returns the phrase (may be empty), the gold date and other defensible dates.
        """
        kind = self.rng.choice(("explicit", "explicit_year", "yesterday", "today", "weekday",
                                "none"))
        back = self.rng.randint(1, 6)
        day = self.date - dt.timedelta(days=back)
        if kind == "explicit":
            return f"on {_day(day)}", day.isoformat(), []
        if kind == "explicit_year":
            return f"on {day.day} {_MONTHS[day.month - 1]} {day.year}", day.isoformat(), []
        if kind == "yesterday":
            day = self.date - dt.timedelta(days=1)
            return "yesterday", day.isoformat(), []
        if kind == "today":
            return "today", self.date.isoformat(), []
        if kind == "weekday":
            return f"on {_WEEKDAYS[day.weekday()]}", day.isoformat(), []
        return "", self.date.isoformat(), [(self.date - dt.timedelta(days=1)).isoformat()]


def _join(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _sentence(*parts: str) -> str:
    text = " ".join(p for p in parts if p)
    return text[0].upper() + text[1:] + "."


# The phrasings of the main meeting, in the order `_main_meeting` writes them.
_PHRASINGS = ("met in", "held talks with", "was received by", "hosted a delegation led by",
              "discussed by phone", "welcomed to", "during a visit met with",
              "held a video conference", "received at", "talks between took place",
              "spoke by phone with")


def _main_meeting(story: _Story, a: Person, b: Person, extra: Person | None) -> None:
    """The meeting the article is about, in one of many phrasings, with its follow-up."""
    rng = story.rng
    phrase, date, alt = story.when()
    city, venue = a.country.capital, rng.choice(_VENUES)
    topics = rng.sample(sorted(_TOPICS), rng.randint(1, 3))
    mode, location, place_venue = "in_person", city, None
    form = rng.randrange(len(_PHRASINGS))
    if form == 0:
        s = _sentence(a.full(), "met", b.full(), f"in {city}", phrase)
    elif form == 1:
        s = _sentence(a.full(), "held talks with", b.full(), f"of {b.country.name}",
                      f"at {venue} in {city}", phrase)
        place_venue = venue
    elif form == 2:
        s = _sentence(b.full(), "was received by", a.full(), f"at {venue} in {city}", phrase)
        place_venue = venue
    elif form == 3:
        article = "an" if b.country.demonym[0] in "AEIOU" else "a"
        s = _sentence(a.full(), f"hosted {article} {b.country.demonym} delegation led by", b.full(),
                      f"in {city}", phrase)
    elif form == 4:
        s = _sentence(a.full(), "and", b.full(), "discussed",
                      _join([_TOPICS[t] for t in topics]), "by phone", phrase)
        mode, location = "phone_call", None
    elif form == 5:
        s = _sentence(a.full(), "welcomed", b.full(), f"to {city}", phrase)
    elif form == 6:
        s = _sentence(f"during an official visit to {a.country.name},", b.full(), "met with",
                      a.full(), phrase)
        location = a.country.name
    elif form == 7:
        s = _sentence(a.full(), "and", b.full(), "held a video conference", phrase)
        mode, location = "video", None
    elif form == 8:
        s = _sentence(a.full(), "received", b.full(), f"at {venue}", phrase)
        location, place_venue = None, venue
    elif form == 9:
        s = _sentence(f"talks between {a.full()} and {b.full()} took place in {city}", phrase)
    else:
        s = _sentence(a.full(), "spoke by phone with", b.full(), phrase)
        mode, location = "phone_call", None
    story.met(a, b)
    paragraph = [s]
    optional: list[str] = []
    if extra is not None:
        paragraph.append(_sentence(f"the talks were also attended by {extra.full()}"))
        optional.append(extra.name)
        story.met(extra)
    if form != 4:
        paragraph.append(_sentence(
            "the sides discussed cooperation in", _join([_TOPICS[t] for t in topics])))
    agreements = []
    if rng.random() < 0.3:
        agreement = f"a memorandum of understanding on {_TOPICS[topics[0]]} cooperation"
        paragraph.append(_sentence("following the talks, the two sides signed", agreement))
        agreements.append(agreement)
    paragraph.append(_sentence(
        f"{a.last} said that {b.country.name} was a reliable partner of {a.country.name}"))
    story.paragraphs.append(" ".join(paragraph))
    story.meetings.append({
        "participants": [a.name, b.name], "optional_participants": optional,
        "date": date, "alt_dates": alt, "location": location, "venue": place_venue,
        "mode": mode, "status": "held", "historical": False, "topics": sorted(topics),
        "agreements": agreements, "evidence": s, "note": f"phrasing: {_PHRASINGS[form]}",
    })


def _quote(story: _Story, a: Person, b: Person) -> None:
    """A quote naming the guest and a meeting word: not a meeting of its own."""
    line = story.rng.choice((
        f"\u201cI have known {b.name} for many years and we meet as friends,\u201d {a.last} said.",
        f"\u201cOur meeting with {b.name} opens a new page,\u201d the {a.country.demonym} "
        "side said in a statement.",
        f"\u201cWe welcome every visit of {b.name} and the delegation,\u201d {a.last} told "
        "reporters.",
    ))
    story.paragraphs.append(line)


def _planned(story: _Story, a: Person, c: Person) -> None:
    """A visit announced for next month: a planned meeting."""
    year, month = divmod(story.date.year * 12 + story.date.month, 12)
    month_value = f"{year:04d}-{month + 1:02d}"
    s = _sentence(a.last, f"will visit {c.country.name} next month to meet", c.full())
    story.met(c)
    story.paragraphs.append(s + f" The visit was agreed during the talks, {a.last} added.")
    story.meetings.append({
        "participants": [a.name, c.name], "optional_participants": [], "date": month_value,
        "alt_dates": [], "location": c.country.name, "venue": None, "mode": "in_person",
        "status": "planned", "historical": False, "topics": [], "agreements": [],
        "evidence": s, "note": "phrasing: will visit (planned)",
    })


def _historical(story: _Story, a: Person, h: Person) -> None:
    """A visit years ago, recalled in the story: a historical meeting."""
    year = story.rng.randint(1995, story.date.year - 8)
    s = _sentence(f"relations go back a long way: {a.last} visited {h.country.capital} in "
                  f"{year} to meet {h.full()}")
    story.met(h)
    story.paragraphs.append(s)
    story.meetings.append({
        "participants": [a.name, h.name], "optional_participants": [], "date": str(year),
        "alt_dates": [], "location": h.country.capital, "venue": None, "mode": "in_person",
        "status": "held", "historical": True, "topics": [], "agreements": [], "evidence": s,
        "note": "phrasing: visited in a year to meet (historical)",
    })


def _phone(story: _Story, a: Person, c: Person) -> None:
    """A second, separate phone call earlier in the month."""
    back = story.rng.randint(8, 20)
    day = story.date - dt.timedelta(days=back)
    s = _sentence(f"earlier, on {_day(day)}, {a.last} had a phone call with {c.full()}")
    story.met(c)
    story.paragraphs.append(s)
    story.meetings.append({
        "participants": [a.name, c.name], "optional_participants": [], "date": day.isoformat(),
        "alt_dates": [], "location": None, "venue": None, "mode": "phone_call",
        "status": "held", "historical": False, "topics": [], "agreements": [], "evidence": s,
        "note": "phrasing: had a phone call (earlier)",
    })


def _noise(rng: random.Random, date: dt.date, commenters: list[str]) -> tuple[str, str]:
    """Page furniture before and after the story: navigation, image URLs, comments."""
    top = " | ".join(rng.sample(_NAV, 5))
    image = (f"https://cdn.example-news.test/img/{date:%Y/%m/%d}/"
             f"{rng.getrandbits(48):012x}.jpg")
    lines = [f"Photo: {image}", "", "Related news"]
    lines += [f"- {h}" for h in rng.sample(_NAV_HEADLINES, 3)]
    lines += ["", f"Comments ({len(commenters)})"]
    for name in commenters:
        lines += [f"{name} \u00b7 {rng.randint(1, 59)} min ago", rng.choice(_COMMENTS), "Reply"]
    lines += ["", "Share: Facebook | X | Telegram | Email"]
    return top, "\n".join(lines)


def _article(index: int, rng: random.Random, people: Sequence[Person]) -> GeneratedArticle:
    date = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    cast = rng.sample(people, 6)
    a, b, c, h, extra = cast[0], cast[1], cast[2], cast[3], cast[4]
    # The guest is from another country than the host.
    if b.country == a.country:
        b = cast[5]
    story = _Story(date=date, rng=rng)
    _main_meeting(story, a, b, extra if rng.random() < 0.3 else None)
    if rng.random() < 0.6:
        _quote(story, a, b)
    for add, other in ((_planned, c), (_historical, h), (_phone, c)):
        if rng.random() < 0.3 and other.name not in story.people and \
                other.country != a.country:
            add(story, a, other)
    story.paragraphs.append(_sentence(
        f"the {a.country.demonym} and {b.country.demonym} sides agreed to keep in close contact"))
    for _ in range(rng.randint(2, 4)):
        filler = rng.sample(_FILLER, rng.randint(3, 5))
        story.paragraphs.insert(rng.randint(1, len(story.paragraphs)), " ".join(
            f.format(a=a.country.name, b=b.country.name, da=a.country.demonym,
                     db=b.country.demonym, n=rng.randint(20, 900), k=rng.randint(2, 30),
                     year=rng.randint(1960, 2000)) for f in filler))
    commenters = [f"{rng.choice(_FIRST_HEADS)}{rng.choice(_FIRST_TAILS)} "
                  f"{rng.choice(_LAST_HEADS)}{rng.choice(_LAST_TAILS)}"
                  for _ in range(rng.randint(0, 3))]
    # A commenter who happens to share a name with someone in the story would blur the gold.
    commenters = [n for n in dict.fromkeys(commenters) if n not in story.people]
    top, bottom = _noise(rng, date, commenters)
    headline = (f"{a.last} and {b.last} Discuss {b.country.demonym} "
                f"{rng.choice(_HEADLINE_WORDS)}")
    text = "\n\n".join([f"date {date.isoformat()}", top, headline, *story.paragraphs, bottom])
    slug = f"{a.last}-{b.last}".lower()
    file = f"{index:05d}_{slug}.txt"
    gold = {
        "file": file,
        "meetings": story.meetings,
        "people": [p.gold() for p in story.people.values()],
        "organisations": [],
        "countries": story.countries,
        "not_people": [*commenters, *_NAV_HEADLINES],
    }
    return GeneratedArticle(file=file, text=text + "\n", gold=gold)


def generate(n: int, *, seed: int = 1) -> list[GeneratedArticle]:
    """Return `n` distinct articles, the same ones for the same seed.

    Examples
    --------
    >>> a = generate(3, seed=7)
    >>> [x.text for x in a] == [x.text for x in generate(3, seed=7)]
    True
    >>> a[0].text.startswith("date ")
    True
    """
    if not isinstance(n, int) or n < 0:
        raise ValueError(f"n must be a non-negative integer, not {n!r}")
    rng = random.Random(seed)
    people = _people(rng, load_countries(), max(24, n // 2))
    articles: list[GeneratedArticle] = []
    texts: set[str] = set()
    while len(articles) < n:
        article = _article(len(articles), rng, people)
        if article.text not in texts:
            texts.add(article.text)
            articles.append(article)
    return articles


def write_corpus(out: str | Path, n: int, *, seed: int = 1) -> tuple[Path, Path]:
    """Write `n` articles to ``out/articles`` and their gold to ``out/gold``.

    Both folders are emptied first. Returns the two folders.
    """
    out = Path(out)
    folders = out / "articles", out / "gold"
    for folder in folders:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    for article in generate(n, seed=seed):
        (folders[0] / article.file).write_text(article.text, encoding="utf-8")
        gold = json.dumps(article.gold, ensure_ascii=False, indent=1) + "\n"
        (folders[1] / article.file).with_suffix(".json").write_text(gold, encoding="utf-8")
    return folders


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200, help="articles to write (200)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1)")
    args = parser.parse_args(argv)
    articles, gold = write_corpus(args.out, args.n, seed=args.seed)
    print(f"wrote {args.n} articles to {articles} and their gold to {gold}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
