"""The setting of a meeting its sentence states: status, place and venue, a described
counterpart, an implied host, and how confident the reading is."""

from __future__ import annotations

from spacy.tokens import Span, Token

from diplograph.countries import city_country, country_name, is_city

from ..ents import sentence_ents
from ..people import HEAD_RANK, Cast
from ..records import Role, Status
from ..vocabulary import Words
from ..walks import VERBS

__all__ = ["confidence_of", "described_counterpart", "head_of", "implied_host", "is_place",
           "on_the_side", "place_of", "status_of", "visited"]


def status_of(trigger: Token, words: Words) -> Status:
    """Held, planned or cancelled, by the words on the meeting word's path to the root and
    their children: "was cancelled", "will meet", "is expected to visit"."""
    near = [trigger, *trigger.ancestors]
    around = {c.lower_ for t in near for c in t.children} | {t.lower_ for t in near}
    if around & words["cancelling"]:
        return "cancelled"
    if around & words.union("future_auxiliaries", "planning"):
        return "planned"
    return "held"


def visited(ent: Span, words: Words) -> bool:
    """The place a visit verb takes as its object: "visited X in 2001 to meet Y"."""
    return ent.root.dep_ == "dobj" and ent.root.head.lower_ in words["visiting"]


def is_place(ent: Span, name: str) -> bool:
    """A place entity, or a known city or country the model labelled as something else."""
    return ent.label_ in ("GPE", "LOC") or is_city(name) or bool(country_name(name))


def place_of(sent: Span, words: Words) -> tuple[str | None, str | None]:
    """(location, venue) stated in the sentence."""
    venue = None
    places: list[str] = []
    for ent in sentence_ents(sent):
        name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        if ent.label_ == "FAC" and venue is None:
            venue = name
        elif is_place(ent, name) and (visited(ent, words) or (
                ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("in", "to", "at"))):
            places.append(name)  # "talks in X", "a visit to X", "visited X"
    # A city says more than its country: "visited Peru ... talks in Cusco" is Cusco.
    cities = [p for p in places if not country_name(p)]
    return next(iter(cities or places), None), venue


def described_counterpart(trigger: Token, cast: Cast, titles: set[int]) -> str | None:
    """The counterpart a meeting verb's object describes without a name: "met with the
    country's former leader", "received the ambassador" (a title, of the tokens ``titles``,
    and nobody it names)."""
    if trigger.pos_ not in VERBS:
        return None
    phrases = [c for c in trigger.children if c.dep_ in ("dobj", "dative")]
    phrases += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with"
                for p in c.children]
    for phrase in phrases:
        tokens = list(phrase.subtree)
        if any(t.i in titles for t in tokens) and all(cast.person_at(t) is None for t in tokens):
            return trigger.doc[tokens[0].i:tokens[-1].i + 1].text
    return None


def implied_host(kind: str, roles: dict[int, Role], cast: Cast, location: str | None,
                 words: Words) -> int | None:
    """The host of a visit to a country, when the sentence names no counterpart.

    "X visited Ghana": received by Ghana's head of state, if the article names exactly one.
    """
    if kind not in words["visiting_kinds"] or len(roles) != 1 or not location:
        return None
    return head_of(country_name(location) or city_country(location), cast, roles)


def confidence_of(trigger: Token, roles: dict[int, Role], *, implied: bool) -> float:
    """How much the text says: a verb with both people as its arguments says most."""
    if implied:
        return 0.5
    if len(roles) >= 2:
        return 0.9 if trigger.pos_ == "VERB" else 0.8
    return 0.6


def head_of(country: str | None, cast: Cast, roles: dict[int, Role]) -> int | None:
    """The one head of state or government of ``country`` the article names, if any."""
    heads = [k for k, p in enumerate(cast.people)
             if country in p.countries and HEAD_RANK in p.ranks and k not in roles]
    return heads[0] if country and len(heads) == 1 else None


def on_the_side(sentence: Span, words: Words) -> bool:
    """"On the sidelines, X held a bilateral meeting with Y": a meeting of its own, apart from
    the summit the two also attended."""
    return any(t.lower_ in words["side_words"] for t in sentence)
