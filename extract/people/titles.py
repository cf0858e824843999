"""Titles and the names they introduce: "Deputy Prime Minister X Y", "His Excellency the
Minister of Foreign Affairs, Engineer X Y", "the Chilean Minister".

A title chain is the titles, their complements ("of the Libyan National Army") and the name
after them, if any; a chain that names nobody describes someone ("the Kenyan leader").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from diplograph.countries import countries_in, country_name

from ..vocabulary import Words
from .names import name_run, org_heads

__all__ = ["TitleChain", "inside_name", "title_chains", "title_complement"]


@dataclass
class TitleChain:
    start: int  # first token of the chain (titles, complements)
    end: int  # token after it
    titles: list[str]
    ranks: set[str]
    countries: list[str]
    organisations: list[str]
    name: list[Token]  # the name the chain is anchored to (may be empty: a description)


def title_complement(doc: Doc, i: int, words: Words, titles: frozenset[int] = frozenset(),
                     ) -> int:
    """Extend over "of [the] Org Name" after a title; return the index after the complement.

    A title that already ends in a portfolio ("Minister of Foreign Affairs") extends over a
    list of more: "..., Emigration and Expatriates". It ends before the next title of a list
    (`titles` holds the tokens titles start at).
    """
    heads = org_heads(words)
    listed = (i + 1 < len(doc) and doc[i].lower_ in (",", "and", "&")
              and doc[i - 1].lower_ in heads and doc[i + 1].text[:1].isupper())
    if i >= len(doc) or (doc[i].lower_ not in ("of", "for", "to") and not listed):
        return i
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    run_end = j
    while run_end < len(doc) and not _next_title(doc, run_end, titles) and (
            doc[run_end].text[:1].isupper() or doc[run_end].lower_ in (
                "of", "and", "for", "-", "in", "&") or (  # "of Foreign Affairs, Trade and Industry"
                doc[run_end].text == "," and run_end + 1 < len(doc)
                and doc[run_end + 1].text[:1].isupper())):
        run_end += 1
    # End at the last word that closes an organisation or names a country.
    best = None
    for k in range(j, run_end):
        if doc[k].lower_ in heads or country_name(doc[k].text):
            best = k + 1
    if best is None:
        return i
    if best < len(doc) and doc[best].lower_ == "to":  # "Ambassador of Colombia to Mongolia"
        best = title_complement(doc, best, words, titles)
    if best < len(doc) and doc[best].text == "(":  # "(LNA)"
        close = next((k for k in range(best, min(best + 6, len(doc))) if doc[k].text == ")"), None)
        best = close + 1 if close is not None else best
    return best


def _next_title(doc: Doc, i: int, titles: frozenset[int]) -> bool:
    """Whether another person's title starts at token `i`: "Ambassador of Indonesia X Y,
    Ambassador of Egypt Z" is two titles, each with its name, not one complement running to
    the last country; but "Envoy of the President", "Adviser to His Majesty" are one."""
    return i in titles and doc[i - 1].lower_ not in ("of", "the", "to", "for")


def title_chains(doc: Doc, title_spans: list[Span], stops: set[int], words: Words,
                 ) -> list[TitleChain]:
    """Titles with their complements, joined by "and", and the name they precede, if any.

    A name ends at a title or at a token of ``stops``: "Ambassador [Hosts] Luncheon" in a
    headline's capitals names nobody.
    """
    by_start = {s.start: s for s in title_spans}
    starts = frozenset(by_start)
    title_tokens = {i for s in title_spans for i in range(s.start, s.end)} | stops
    chains: list[TitleChain] = []
    i = 0
    while i < len(doc):
        span = by_start.get(i)
        if span is None:
            i += 1
            continue
        start, ranks, countries, orgs = i, set(), [], []
        titles: list[str] = []
        # A demonym or a country's possessive before the title: "the Chilean Minister".
        if start > 0 and (c := country_name(doc[start - 1].text)):
            countries.append(c)
            start -= 1
        if start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        joined = False  # "Deputy" right before "Foreign Minister": one title
        while span is not None:
            end = title_complement(doc, span.end, words, starts)
            text = doc[span.start:end].text
            if span.id_ == "honorific":
                pass  # "His Excellency", "Mr.": they anchor a name but are nobody's title
            elif joined and titles:
                titles[-1] = f"{titles[-1]} {text}"
            else:
                titles.append(text)
            ranks.add(span.id_)
            complement = doc[span.end:end].text
            countries += countries_in(complement)
            if end > span.end:
                orgs.append(re.sub(r"^of (the )?", "", complement))
            i = end
            joined = end == span.end and i in by_start
            # "X and Y Z", "His Excellency the Minister", "the Deputy Minister, Mr. Y Z": one
            # chain of titles before one name.
            nxt = i + (1 if i < len(doc) and doc[i].lower_ in ("and", "&", ",") else 0)
            if nxt < len(doc) and doc[nxt].lower_ == "the" and (nxt > i or span.id_ == "honorific"):
                nxt += 1
            span = by_start.get(nxt) if nxt > i or joined else None
            if span is not None:
                i = nxt
        comma = 1 if i < len(doc) and doc[i].text == "," else 0
        name = name_run(doc, i + comma, title_tokens, words)
        if comma and name and not (i + comma + len(name) >= len(doc) or doc[
                i + comma + len(name)].is_punct):
            name = []  # "the Minister, Foreign ..." is not a name
        if len(name) == 1 and not comma and doc[i - 1].lower_ in words["monarchs"]:
            name = [doc[i - 1], *name]  # "Sultan Ibrahim": a ruler's given name is no surname
        chains.append(TitleChain(start, i, titles, ranks, countries, orgs, name))
        i = max(i, start + 1)
    return chains


def inside_name(title: Span, title_tokens: set[int]) -> bool:
    """A title word the model reads as part of a name: "Hassan Sheikh Mohamud", an honorific
    ending one ("Shehbaz Sharif"), but not "Prime Minister Datuk Seri Anwar Ibrahim", where the
    words before are a title too."""
    first, doc = title[0], title.doc
    ends_name = title.id_ == "honorific" and (  # "Shehbaz Sharif": a surname, after a name
        title.end == len(doc) or doc[title.end].ent_iob_ != "I")
    return (first.ent_iob_ == "I" and first.ent_type_ == "PERSON"
            and (ends_name or (title.end < len(doc) and doc[title.end].ent_iob_ == "I"))
            and first.i > 0 and first.nbor(-1).pos_ == "PROPN" and first.i - 1 not in title_tokens)
