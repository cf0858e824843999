"""Find the people of one article, reading its tokens in order and linking every mention."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from diplograph.countries import country_name

from ..budget import check
from ..lexicon import marks
from ..vocabulary import Words
from .linking import (
    Cast,
    Linker,
    apply_chain,
    delegations,
    kinship,
    last_subject,
    resolve_description,
)
from .mentions import name_mentions
from .names import is_name_token, outside_or_alone
from .titles import TitleChain, inside_name, title_chains

__all__ = ["find_people"]

MEDIA_RANK = "media"  # the rank of reporters, editors and photographers in titles.jsonl
PRONOUN_REACH = 60  # tokens: a pronoun continues a person named this near (a sentence or two)


def find_people(doc: Doc, *, body: list[bool], quoted: list[bool], words: Words) -> Cast:
    """Find the people of an article and link every mention of them.

    Parameters
    ----------
    doc : Doc
        The parsed clean text, with ``doc.spans["diplograph"]`` from the span ruler.
    body : list of bool
        Per token, whether it stands in a body line (people are only created from prose).
    quoted : list of bool
        Per token, whether it stands in quoted speech (no pronoun there is linked).
    words : Words
        The vocabulary of the rules.
    """
    titles = marks(doc, "TITLE")
    title_tokens = {i for s in titles for i in range(s.start, s.end)}
    meeting_words = {i for s in marks(doc, "MEETING") for i in range(s.start, s.end)}
    chains = title_chains(doc, [s for s in titles if not inside_name(s, title_tokens)],
                          meeting_words, words)
    linker = Linker()
    name_at = {tokens[0].i: (tokens, around)
               for tokens, *around in name_mentions(doc, chains, body, words)}
    description_at = {c.start: c for c in chains if not c.name and body[c.start]}
    pronouns = words["pronouns"]
    for token in doc:
        if token.i % 256 == 0:
            check()  # the article's time budget (see `extract.budget`)
        i = token.i
        if i in name_at:
            _link_name(linker, *name_at[i])
        elif i in description_at and i not in linker.token_person:
            _link_description(linker, doc, description_at[i], words)
        elif i not in linker.token_person and body[i] and is_name_token(token, words) and (
                outside_or_alone(token)
                and (index := linker.resolve_single(token.text, before=i)) is not None):
            linker.mark(index, i, i + 1)  # a surname the model did not tag as a person
        elif token.lower_ in pronouns and not quoted[i] and body[i] and linker.last_seen:
            _link_pronoun(linker, token, words)
    kinship(doc, linker, words)
    cast = Cast(linker.people, linker.token_person, delegations(doc, linker))
    # Known only as a correspondent or an editor: the page's own people, not the story's.
    return cast.without({k for k, p in enumerate(cast.people) if p.ranks == {MEDIA_RANK}})


def _link_name(linker: Linker, tokens: list[Token], around: list[TitleChain | None]) -> None:
    """A name, with the titles before and after it: "President X Y of Peru"."""
    doc = tokens[0].doc
    index = linker.link_name(tokens)
    for chain in filter(None, around):
        apply_chain(linker.people[index], chain)
        for k in range(chain.start, chain.end):
            linker.token_person.setdefault(k, index)
    after = tokens[-1].i + 1
    if after + 1 < len(doc) and doc[after].lower_ == "of" and (
            c := country_name(doc[after + 1].text)):
        linker.people[index].add(linker.people[index].countries, [c])


def _link_description(linker: Linker, doc: Doc, chain: TitleChain, words: Words) -> None:
    """ "the Kenyan leader", "the Admiral": the person holding the title; but "the country's
    former leader" is not the leader the article is about."""
    past = chain.start > 0 and doc[chain.start - 1].lower_ in words["past_holders"]
    index = None if past else resolve_description(linker, chain, words)
    if index is not None:
        person = linker.people[index]
        person.add(person.countries, chain.countries)
        person.ranks |= chain.ranks
        linker.mark(index, chain.start, chain.end)


def _link_pronoun(linker: Linker, pronoun: Token, words: Words) -> None:
    """ "he", "she": the last person who was a subject, else the last person named, if near."""
    index = last_subject(pronoun, linker.token_person, words)
    if index is None:
        index = max(linker.last_seen, key=linker.last_seen.__getitem__)
    if pronoun.i - linker.last_seen[index] < PRONOUN_REACH:
        linker.token_person[pronoun.i] = index
