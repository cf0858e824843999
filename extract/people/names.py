"""Which tokens make a person's name, where a name starts and ends, and what is no name.

Each function is one rule over tokens; `find_people` (see `extract.people.find`) runs them.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Token

from diplograph.countries import country_name, is_city

from ..vocabulary import Words

__all__ = [
    "FUNCTION_POS",
    "after_title_word",
    "clean_name",
    "given_names_before",
    "glued_hyphen",
    "is_credit",
    "is_name_token",
    "is_place",
    "name_run",
    "org_heads",
    "outside_or_alone",
    "placelike",
    "text_of",
]

# A regnal number after a ruler's name ("Mohammed VI"), an initial glued to a surname
# ("U.Khurelsukh", as the Mongolian press writes names), and a given name cut short before
# the rest ("Md. Touhid Hossain"); titles ("Dr.", "Gen.") are matched before names are.
_REGNAL = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI)$")
_GLUED_INITIAL = re.compile(r"^[A-Z][a-z]?\.[A-Z][a-z]+$")
_SHORT_GIVEN = re.compile(r"^[A-Z][a-z]{1,3}\.$")
# Parts of speech of the words a model takes into a name by mistake: "When X Y met ...".
FUNCTION_POS = frozenset({"SCONJ", "ADV", "ADP", "DET", "PRON", "CCONJ", "AUX", "PART"})
_NOT_NAME_ENTS = frozenset({"DATE", "CARDINAL", "ORDINAL", "MONEY", "TIME", "PERCENT"})


def org_heads(words: Words) -> frozenset[str]:
    """Words that end an organisation's name or a title's portfolio."""
    return words.union("organisation_ends", "portfolio_words")


@functools.lru_cache(maxsize=8)
def _particle_prefix(prefixes: frozenset[str]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{'|'.join(sorted(prefixes))})-[A-Z]")


def is_name_token(token: Token, words: Words) -> bool:
    """Whether a token can be part of a name: a capitalised word, a particle ("bin"), an
    initial, a glued prefix ("al-Nuaimi"), a regnal number or a suffix after a name."""
    text = token.text
    if token.lower_ in words["name_particles"] or ("-" in text and _particle_prefix(
            words["particle_prefixes"]).match(text)):
        return True  # "bin", "al-Nuaimi", "el-Sayed"
    if not text[:1].isupper():
        return False  # what follows needs a capital (most words of a text stop here)
    if len(text) == 2 and text[0].isupper() and text[1] == ".":
        return True  # an initial: "Joseph K. Chebet"
    after_name = token.i > 0 and token.nbor(-1).text[:1].isupper()
    before_name = token.i + 1 < len(token.doc) and token.nbor().text[:1].isupper()
    if _GLUED_INITIAL.match(text) or ((_REGNAL.match(text) or text in words["name_suffixes"])
                                      and after_name) \
            or (_SHORT_GIVEN.match(text) and before_name):
        return True
    return (
        "–" not in text and "—" not in text  # "the Kyiv–Warsaw talks" joins two names
        and text[:1].isupper()
        and any(c.islower() for c in text)
        and token.is_alpha | ("-" in text) | ("'" in text)
        and token.ent_type_ not in _NOT_NAME_ENTS
        and not (token.ent_type_ == "NORP" and country_name(text))
    )


def clean_name(tokens: list[Token], words: Words) -> list[Token]:
    """Trim possessives, particles at the edges, and anything not a name."""
    ends = next((k for k, t in enumerate(tokens) if "\n" in t.whitespace_ or t.is_space), None)
    if ends is not None:  # a name never runs on to the next line
        tokens = tokens[:ends + (not tokens[ends].is_space)]
    heads, particles = org_heads(words), words["name_particles"]
    while tokens and tokens[0].lower_ in heads:  # "[Environment] X Y" after a portfolio
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in ("'s", "’s", "'", "’") or tokens[-1].is_punct):
        tokens = tokens[:-1]
    while tokens and (tokens[0].lower_ in particles or tokens[0].lower_ == "the"
                      or (tokens[0].is_stop and tokens[0].pos_ in FUNCTION_POS
                          and not after_title_word(tokens[0]))):
        tokens = tokens[1:]  # "When X Y met ...": the model took the conjunction in
    while tokens and tokens[-1].lower_ in particles:
        tokens = tokens[:-1]
    return tokens


def after_title_word(token: Token) -> bool:
    """A capitalised word before: "General Secretary To Lam" keeps its "To"."""
    return token.i > 0 and not token.is_sent_start and token.nbor(-1).text[:1].isupper()


def name_run(doc: Doc, start: int, titles: set[int], words: Words, limit: int = 7,
             ) -> list[Token]:
    """The capitalised name tokens starting at ``start`` (none if a title or a place begins).

    The name stays in the sentence of its title; seven words fit "Talal bin Nasser Al Harthy".
    """
    run: list[Token] = []
    i = start
    while (i < len(doc) and len(run) < limit and i not in titles
           and is_name_token(doc[i], words)
           and not (i > 0 and doc[i - 1].text in (".", "!", "?") and doc[i].is_sent_start)):
        run.append(doc[i])
        i += 1
        if glued_hyphen(doc, i):  # "Ji-hoon", "al-Nuaimi", "Villanueva-Dizon": one name part
            run += [doc[i], doc[i + 1]]
            i += 2
    run = clean_name(run, words)
    if not run or is_place(run) or run[-1].lower_ in org_heads(words):
        return []
    return run


def given_names_before(tokens: list[Token], titles: set[int], words: Words) -> list[Token]:
    """Extend a person entity over the given names the model left out: "Tarek [Abdel-Moneim]"."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    i = tokens[0].i
    while (i > 0 and tokens[-1].i - i < 4 and doc[i - 1].ent_iob_ == "O" and i - 1 not in titles
           and doc[i - 1].whitespace_ and is_name_token(doc[i - 1], words)):
        i -= 1
    # Only a whole capitalised run: in "... and Egyptian Expatriates Tarek X" the words before
    # the name belong to a title, and where it ends cannot be told.
    if i < tokens[0].i and i > 0 and doc[i - 1].text[:1].isupper() and i - 1 not in titles:
        return tokens
    return [doc[k] for k in range(i, tokens[0].i)] + tokens


def glued_hyphen(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen joining two words with no space around it."""
    return (0 < i < len(doc) - 1 and doc[i].text in ("-", "‐") and not doc[i - 1].whitespace_
            and not doc[i].whitespace_ and doc[i + 1].is_alpha)


def text_of(tokens: list[Token]) -> str:
    """The words of a name as written (a hyphenated part stays one word)."""
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text


def is_place(tokens: list[Token]) -> bool:
    """A country or a known city, not a person: "Saint Lucia", "Nay Pyi Taw", "Paramaribo"."""
    text = text_of(tokens)
    return all(country_name(t.text) for t in tokens) or bool(country_name(text)) or is_city(text)


def placelike(tokens: list[Token], words: Words) -> bool:
    """A name the model took for a person that reads as a place, a building or a company."""
    doc = tokens[0].doc
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    possessive = after is not None and after.lower_ in ("'s", "’s")
    return (tokens[-1].lower_ in words["not_name_ends"] or tokens[-1].lower_ in org_heads(words)
            or (len(tokens) > 1 and tokens[0].lower_ in words["place_starts"])
            or (before is not None and before.lower_ in words["locatives"] and not possessive))


def outside_or_alone(token: Token) -> bool:
    """Whether a token is in no entity, or is the whole of its entity."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.ent_iob_ == "O" or (token.ent_iob_ == "B"
                                     and (after is None or after.ent_iob_ != "I"))


def is_credit(tokens: list[Token], words: Words) -> bool:
    """A picture's credit, not a person of the story: "(X Y/Agency)", "... Photo: X Y".

    The name is followed by a slash and a capitalised word (its agency), or comes a few words
    after a credit's label and its colon.
    """
    doc = tokens[0].doc
    after = tokens[-1].i + 1
    if after + 1 < len(doc) and doc[after].text == "/" and not tokens[-1].whitespace_ \
            and doc[after + 1].text[:1].isupper():
        return True
    before = doc[max(tokens[0].i - 3, 0):tokens[0].i]
    return any(t.text == ":" and t.i > 0 and doc[t.i - 1].lower_ in words["credit_labels"]
               for t in before)
