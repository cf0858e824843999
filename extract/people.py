"""Find the people of one article: names, titles, countries, and every way the text refers to them.

spaCy's small model often tags "General X Y" as an organisation or misses a name in a
speaker line, so names come from three sources: PERSON entities, names anchored by a title
("Deputy Prime Minister X Y", "Chief of Staff of the Z Forces X Y") and names followed by an
appositive title ("X Y, head of the Z Company:"). Mentions are then linked within the article:
a surname to the person the passage is about, "the Kenyan leader" or "the Admiral" to the
person holding that title, "he" to the person just named, "the X delegation" to its head.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from diplograph.countries import countries_in, country_name, is_city

from .model import LEXICON

__all__ = ["Cast", "Person", "find_people", "quote_mask"]

# Words that end an organisation's name: "of the Defence Forces X Y" ends at "Forces".
ORG_HEADS = frozenset(
    """army armies company corporation group party ministry council forces force government
    command bank union organization organisation committee agency office assembly parliament
    front movement court university institute fund association federation commission service
    services police guard guards navy staff affairs defence defense representatives nations
    league alliance authority department directorate center centre chamber board academy
    administration cabinet senate congress duma secretariat mission embassy division brigade
    corps republic kingdom emirate state states""".split()
) | frozenset(
    # The portfolios of ministers and secretaries: "of Natural Resources and Environment X Y".
    """affairs resources environment trade industry industries finance economy economic defence
    defense health education agriculture energy justice interior planning development
    transport transportation culture tourism labour labor communications information
    investment commerce fisheries mines mining water youth sports security cooperation
    integration expatriates emigration immigration diaspora welfare housing infrastructure
    technology science innovation telecommunications territory territories relations
    reconstruction reform reforms budget treasury households livestock forestry food rural
    urban land lands oceans maritime climate women family families children gender employment
    veterans heritage arts media digital religious endowments petroleum oil gas electricity
    power works services local regional statistics customs revenue irrigation solidarity
    affairs humanitarian disaster disasters refugees minorities promotion privatisation
    privatization enterprise enterprises entrepreneurship aviation shipping ports logistics
    minerals hydrocarbons wildlife transition sustainability
    africa america americas asia caribbean europe eurasia oceania pacific balkans""".split()
)
NAME_PARTICLES = frozenset(
    "bin ibn bint al el abu de da di du van von der den la le del dos".split()
    # Turkic patronymics: "Elchin Rafig oglu Huseynli", "Aigerim Nurlan kyzy"
    + "oglu ogly oğlu qizi kyzy kizi uulu uly".split()
)
# A regnal number after a ruler's name ("Mohammed VI"), an initial glued to a surname
# ("U.Khurelsukh", as the Mongolian press writes names).
_REGNAL = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI)$")
_GLUED_INITIAL = re.compile(r"^[A-Z]\.[A-Z][a-z]+$")
# "Francisco Tiu Laurel Jr.", and a given name cut short before the rest ("Md. Touhid
# Hossain", "Ma. Elena Villanueva"); titles ("Dr.", "Gen.") are matched before names are.
SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr"})
_SHORT_GIVEN = re.compile(r"^[A-Z][a-z]{1,3}\.$")
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ag|an|ar|as|ash|at|az|ad|bin|ibn|abu|ben)-[A-Z]")
HEAD_RANK = "head"
GENERIC_LEADER = frozenset({"leader", "ruler", "head of state", "head of government", "president"})
PRONOUNS = frozenset({"he", "she", "him", "her"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
MONARCHS = frozenset(
    """king queen sultan emir amir prince princess emperor empress shah tsar raja rajah
    maharaja""".split()
)
FUNCTION_POS = frozenset({"SCONJ", "ADV", "ADP", "DET", "PRON", "CCONJ", "AUX", "PART"})
# A "person" the model found that ends in one of these words is a place, a building, a
# company or a page's link: "Vanua Levu", "North-South Commuter Railway", "Cookie Policy".
NOT_NAME_ENDS = frozenset(
    """island islands isle levu river lake bay mountain mountains valley coast park square
    street avenue road highway railway railways corridor bridge airport port harbour harbor
    station terminal palace hall house tower towers hotel centre center stadium building
    campus district province county region city town village pharma pharmaceuticals
    laboratories labs airways airlines motors holdings industries policy terms cookies
    newsletter subscribe""".split()
)
# Place words that begin a name in many languages: "Ciudad Hidalgo", "Wisma Putra".
PLACE_STARTS = frozenset(
    """ciudad villa puerto porto port fort lake mount monte cape isla ilha wisma dataran
    kampung bandar kota pulau sungai rio río lago colonia san santa santo são sao saint st
    bahía bahia sierra cerro nueva nuevo new north south east west upper lower greater""".split()
)
# Where a place, not a person, is named: "in Savusavu", "near Frontera Comalapa".
LOCATIVE = frozenset({"in", "near", "outside", "across", "throughout", "around", "at"})
PAST_HOLDER = frozenset({"former", "late", "ex", "previous", "then", "erstwhile"})
KINSHIP = {"son": "child_of", "daughter": "child_of", "father": "parent", "mother": "parent"}
_QUOTES = re.compile(r"\"[^\"\n]{2,}?\"|“[^”\n]{2,}?”|«[^»\n]{2,}?»")


@dataclass
class Person:
    """A person as one article knows them: names, titles, countries, organisations."""

    key: str
    names: list[str] = field(default_factory=list)  # every name form, first seen first
    titles: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    relations: list[tuple[str, str]] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token spans
    ranks: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        """The fullest name form: most tokens, then first seen."""
        return max(self.names, key=lambda n: (len(n.split()), -self.names.index(n)))

    @property
    def tokens(self) -> list[str]:
        return self.name.split()

    def add(self, values: list[str], new: list[str] | tuple[str, ...]) -> None:
        for value in new:
            if value and value not in values:
                values.append(value)


@dataclass
class Cast:
    """The people of one article and which tokens refer to whom."""

    people: list[Person]
    token_person: dict[int, int]  # token index -> index into people
    delegations: dict[int, int]  # token index of "delegation" -> index of its head

    def person_at(self, token: Token) -> int | None:
        """The person a token refers to (a name, a title, a pronoun or a delegation)."""
        found = self.token_person.get(token.i)
        return found if found is not None else self.delegations.get(token.i)


def quote_mask(doc: Doc) -> list[bool]:
    """For each token, whether it stands inside quoted speech."""
    inside = [False] * len(doc)
    for m in _QUOTES.finditer(doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                inside[i] = True
    return inside


def _outside_or_alone(token: Token) -> bool:
    """Whether a token is in no entity, or is the whole of its entity."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.ent_iob_ == "O" or (token.ent_iob_ == "B"
                                     and (after is None or after.ent_iob_ != "I"))


def _lexicon(doc: Doc, label: str) -> list[Span]:
    return filter_spans([s for s in doc.spans.get(LEXICON, []) if s.label_ == label])


def _is_name_token(token: Token) -> bool:
    text = token.text
    if token.lower_ in NAME_PARTICLES or _PARTICLE_PREFIX.match(text):
        return True  # "bin", "al-Nuaimi", "el-Sayed"
    if len(text) == 2 and text[0].isupper() and text[1] == ".":
        return True  # an initial: "Joseph K. Chebet"
    after_name = token.i > 0 and token.nbor(-1).text[:1].isupper()
    before_name = token.i + 1 < len(token.doc) and token.nbor().text[:1].isupper()
    if _GLUED_INITIAL.match(text) or ((_REGNAL.match(text) or text in SUFFIXES) and after_name) \
            or (_SHORT_GIVEN.match(text) and before_name):
        return True
    return (
        "–" not in text and "—" not in text  # "the Kyiv–Warsaw talks" joins two names
        and text[:1].isupper()
        and any(c.islower() for c in text)
        and token.is_alpha | ("-" in text) | ("'" in text)
        and token.ent_type_ not in ("DATE", "CARDINAL", "ORDINAL", "MONEY", "TIME", "PERCENT")
        and not (token.ent_type_ == "NORP" and country_name(text))
    )


def _clean_name(tokens: list[Token]) -> list[Token]:
    """Trim possessives, particles at the edges, and anything not a name."""
    ends = next((k for k, t in enumerate(tokens) if "\n" in t.whitespace_ or t.is_space), None)
    if ends is not None:  # a name never runs on to the next line
        tokens = tokens[:ends + (not tokens[ends].is_space)]
    while tokens and tokens[0].lower_ in ORG_HEADS:  # "[Environment] X Y" after a portfolio
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in ("'s", "’s", "'", "’") or tokens[-1].is_punct):
        tokens = tokens[:-1]
    while tokens and (tokens[0].lower_ in NAME_PARTICLES or tokens[0].lower_ == "the"
                      or (tokens[0].is_stop and tokens[0].pos_ in FUNCTION_POS
                          and not _after_title_word(tokens[0]))):
        tokens = tokens[1:]  # "When X Y met ...": the model took the conjunction in
    while tokens and tokens[-1].lower_ in NAME_PARTICLES:
        tokens = tokens[:-1]
    return tokens


def _after_title_word(token: Token) -> bool:
    """A capitalised word before: "General Secretary To Lam" keeps its "To"."""
    return token.i > 0 and not token.is_sent_start and token.nbor(-1).text[:1].isupper()


def _name_run(doc: Doc, start: int, titles: set[int], limit: int = 7) -> list[Token]:
    """The capitalised name tokens starting at ``start`` (none if a title or a place begins).

    The name stays in the sentence of its title; seven words fit "Talal bin Nasser Al Harthy".
    """
    run: list[Token] = []
    i = start
    while (i < len(doc) and len(run) < limit and i not in titles and _is_name_token(doc[i])
           and not (i > 0 and doc[i - 1].text in (".", "!", "?") and doc[i].is_sent_start)):
        run.append(doc[i])
        i += 1
        if _glued_hyphen(doc, i):  # "Ji-hoon", "al-Nuaimi", "Villanueva-Dizon": one name part
            run += [doc[i], doc[i + 1]]
            i += 2
    run = _clean_name(run)
    if not run or _is_place(run) or run[-1].lower_ in ORG_HEADS:
        return []
    return run


def _given_names_before(tokens: list[Token], titles: set[int]) -> list[Token]:
    """Extend a person entity over the given names the model left out: "Tarek [Abdel-Moneim]"."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    i = tokens[0].i
    while (i > 0 and tokens[-1].i - i < 4 and doc[i - 1].ent_iob_ == "O" and i - 1 not in titles
           and doc[i - 1].whitespace_ and _is_name_token(doc[i - 1])):
        i -= 1
    # Only a whole capitalised run: in "... and Egyptian Expatriates Tarek X" the words before
    # the name belong to a title, and where it ends cannot be told.
    if i < tokens[0].i and i > 0 and doc[i - 1].text[:1].isupper() and i - 1 not in titles:
        return tokens
    return [doc[k] for k in range(i, tokens[0].i)] + tokens


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a hyphen joining two words with no space around it."""
    return (0 < i < len(doc) - 1 and doc[i].text in ("-", "‐") and not doc[i - 1].whitespace_
            and not doc[i].whitespace_ and doc[i + 1].is_alpha)


def _text(tokens: list[Token]) -> str:
    """The words of a name as written (a hyphenated part stays one word)."""
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text


def _is_place(tokens: list[Token]) -> bool:
    """A country or a known city, not a person: "Saint Lucia", "Nay Pyi Taw", "Paramaribo"."""
    text = _text(tokens)
    return all(country_name(t.text) for t in tokens) or bool(country_name(text)) or is_city(text)


@dataclass
class _TitleChain:
    start: int  # first token of the chain (titles, complements)
    end: int  # token after it
    titles: list[str]
    ranks: set[str]
    countries: list[str]
    organisations: list[str]
    name: list[Token]  # the name the chain is anchored to (may be empty: a description)


def _complement(doc: Doc, i: int) -> int:
    """Extend over "of [the] Org Name" after a title; return the index after the complement.

    A title that already ends in a portfolio ("Minister of Foreign Affairs") extends over a
    list of more: "..., Emigration and Expatriates".
    """
    listed = (i + 1 < len(doc) and doc[i].lower_ in (",", "and", "&")
              and doc[i - 1].lower_ in ORG_HEADS and doc[i + 1].text[:1].isupper())
    if i >= len(doc) or (doc[i].lower_ not in ("of", "for", "to") and not listed):
        return i
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    run_end = j
    while run_end < len(doc) and (doc[run_end].text[:1].isupper() or doc[run_end].lower_ in (
            "of", "and", "for", "-", "in", "&") or (  # "of Foreign Affairs, Trade and Industry"
            doc[run_end].text == "," and run_end + 1 < len(doc)
            and doc[run_end + 1].text[:1].isupper())):
        run_end += 1
    # End at the last word that closes an organisation or names a country.
    best = None
    for k in range(j, run_end):
        if doc[k].lower_ in ORG_HEADS or country_name(doc[k].text):
            best = k + 1
    if best is None:
        return i
    if best < len(doc) and doc[best].text == "(":  # "(LNA)"
        close = next((k for k in range(best, min(best + 6, len(doc))) if doc[k].text == ")"), None)
        best = close + 1 if close is not None else best
    return best


def _title_chains(doc: Doc, title_spans: list[Span], stops: set[int]) -> list[_TitleChain]:
    """Titles with their complements, joined by "and", and the name they precede, if any.

    A name ends at a title or at a token of ``stops``: "Ambassador [Hosts] Luncheon" in a
    headline's capitals names nobody.
    """
    by_start = {s.start: s for s in title_spans}
    title_tokens = {i for s in title_spans for i in range(s.start, s.end)} | stops
    chains: list[_TitleChain] = []
    i = 0
    while i < len(doc):
        span = by_start.get(i)
        if span is None:
            i += 1
            continue
        start, titles, ranks, countries, orgs = i, [], set(), [], []
        # A demonym or a country's possessive before the title: "the Chilean Minister".
        if start > 0 and (c := country_name(doc[start - 1].text)):
            countries.append(c)
            start -= 1
        if start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        joined = False  # "Deputy" right before "Foreign Minister": one title
        while span is not None:
            end = _complement(doc, span.end)
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
        name = _name_run(doc, i + comma, title_tokens)
        if comma and name and not (i + comma + len(name) >= len(doc) or doc[
                i + comma + len(name)].is_punct):
            name = []  # "the Minister, Foreign ..." is not a name
        if len(name) == 1 and not comma and doc[i - 1].lower_ in MONARCHS:
            name = [doc[i - 1], *name]  # "Sultan Ibrahim": a ruler's given name is no surname
        chains.append(_TitleChain(start, i, titles, ranks, countries, orgs, name))
        i = max(i, start + 1)
    return chains


def _names(doc: Doc, chains: list[_TitleChain], body: list[bool]) -> list[
        tuple[list[Token], _TitleChain | None, _TitleChain | None]]:
    """Every name mention, with the title chains that introduce it and follow it."""
    found: dict[int, tuple[list[Token], _TitleChain | None]] = {}
    for chain in chains:
        if chain.name:
            found[chain.name[0].i] = (chain.name, chain)
    taken = {t.i for tokens, _ in found.values() for t in tokens}
    title_tokens = {i for c in chains for i in range(c.start, c.end)}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        tokens = _given_names_before([t for t in ent if t.i not in title_tokens], title_tokens)
        tokens = _clean_name(tokens)
        if len(tokens) == 1 and tokens[0].pos_ != "PROPN":
            continue  # "Observers noted": a capitalised common noun, not a name
        if tokens and _placelike(tokens):
            continue
        if tokens and not _is_place(tokens) and not any(t.i in taken for t in tokens):
            found[tokens[0].i] = (tokens, None)
            taken.update(t.i for t in tokens)
    # Title chains that name nobody: descriptions, or titles in apposition to a name.
    unnamed = {c.start: c for c in chains if not c.name}
    # "X Y, head of the Z Company:" where the model saw a place or nothing at all.
    for sent in doc.sents:
        first = sent.start
        run = _name_run(doc, first, title_tokens, limit=4)
        after = first + len(run)
        if len(run) >= 2 and after + 1 < len(doc) and doc[after].text == ",":
            nxt = after + 1 + (doc[after + 1].lower_ == "the")
            chain = unnamed.get(nxt) or unnamed.get(after + 1)
            if chain and not any(t.i in taken for t in run):
                found[run[0].i] = (run, chain)
                taken.update(t.i for t in run)
    names = [found[k] for k in sorted(found) if body[found[k][0][0].i]]
    # An appositive chain right after a name: "X Y, the Deputy Commander-in-Chief of ...".
    result = []
    for tokens, chain in names:
        after = tokens[-1].i + 1
        comma = after < len(doc) and doc[after].text == ","
        result.append((tokens, chain, unnamed.get(after + 1) if comma else None))
    return result


def _placelike(tokens: list[Token]) -> bool:
    """A name the model took for a person that reads as a place, a building or a company."""
    doc = tokens[0].doc
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    possessive = after is not None and after.lower_ in ("'s", "’s")
    return (tokens[-1].lower_ in NOT_NAME_ENDS or tokens[-1].lower_ in ORG_HEADS
            or (len(tokens) > 1 and tokens[0].lower_ in PLACE_STARTS)
            or (before is not None and before.lower_ in LOCATIVE and not possessive))


def _inside_name(title: Span, title_tokens: set[int]) -> bool:
    """A title word the model reads as part of a name: "Hassan Sheikh Mohamud", an honorific
    ending one ("Shehbaz Sharif"), but not "Prime Minister Datuk Seri Anwar Ibrahim", where the
    words before are a title too."""
    first, doc = title[0], title.doc
    ends_name = title.id_ == "honorific" and (  # "Shehbaz Sharif": a surname, after a name
        title.end == len(doc) or doc[title.end].ent_iob_ != "I")
    return (first.ent_iob_ == "I" and first.ent_type_ == "PERSON"
            and (ends_name or (title.end < len(doc) and doc[title.end].ent_iob_ == "I"))
            and first.i > 0 and first.nbor(-1).pos_ == "PROPN" and first.i - 1 not in title_tokens)


def _same_person(tokens: list[str], person: Person) -> bool:
    """Full-name compatibility: a compatible first name, and the same surname or a shorter form.

    "X Y" is "X Q Y" (a middle name left out) and "X Y" is "X Q Y Z" (a second surname left
    out, as Spanish names are shortened); "Q Y" is never "X Q Y" (another first name).
    """
    other = person.tokens
    if len(tokens) < 2 or len(other) < 2:
        return False
    a, b = tokens[0].lower(), other[0].lower()
    if not (a == b or (len(a) <= 2 and b.startswith(a.rstrip("."))) or (
            len(b) <= 2 and a.startswith(b.rstrip(".")))):
        return False
    short, long_ = sorted(([t.lower() for t in tokens[1:]], [t.lower() for t in other[1:]]),
                          key=len)
    return short[-1] == long_[-1] or _in_order(short, long_)


def _in_order(short: list[str], long_: list[str]) -> bool:
    """Whether ``short`` is an ordered subsequence of ``long_``."""
    rest = iter(long_)
    return all(word in rest for word in short)


class _Linker:
    """Builds people from mentions in reading order, linking each mention to a person."""

    def __init__(self) -> None:
        self.people: list[Person] = []
        self.token_person: dict[int, int] = {}
        self.last_seen: dict[int, int] = {}  # person -> token index of last mention

    def _mark(self, index: int, start: int, end: int) -> None:
        self.people[index].mentions.append((start, end))
        for i in range(start, end):
            self.token_person[i] = index
        self.last_seen[index] = start

    def _new(self, name: str) -> int:
        self.people.append(Person(key=f"p{len(self.people)}", names=[name]))
        return len(self.people) - 1

    def link_name(self, tokens: list[Token]) -> int:
        name = _text(tokens)
        words = name.split()
        index = next((k for k, p in enumerate(self.people) if _same_person(words, p)), None)
        if index is None and len(words) == 1:
            index = self.resolve_single(words[0], before=tokens[0].i)
        if index is None and len(words) >= 2:
            # A fuller name for someone first met by surname alone ("Okafor" then "X Okafor",
            # "Garduño Rivas" then "Lucía Garduño Rivas"), but not a father met with his title
            # before his son ("Marshal Khalifa Haftar", "Saddam Khalifa Haftar").
            index = next((k for k, p in enumerate(self.people)
                          if _tail(p.tokens, words)
                          and (len(p.tokens) == 1 or not p.titles) and not any(
                              len(q.tokens) > len(p.tokens) and _tail(p.tokens, q.tokens)
                              for q in self.people)), None)
        if index is None:
            index = self._new(name)
        self.people[index].add(self.people[index].names, [name])
        self._mark(index, tokens[0].i, tokens[-1].i + 1)
        return index

    def resolve_single(self, word: str, *, before: int) -> int | None:
        """A lone surname or given name: the most recently mentioned person it fits."""
        low = word.lower()
        fits = [k for k, p in enumerate(self.people)
                if any(low in (n.split()[-1].lower(), n.split()[0].lower()) for n in p.names)]
        if not fits:
            # A first surname of two ("Cavalcanti" of "João Paulo Cavalcanti Medeiros"), when
            # only one person has it.
            inner = [k for k, p in enumerate(self.people)
                     if any(low in (w.lower() for w in n.split()[1:-1]) for n in p.names)]
            return inner[0] if len(inner) == 1 else None
        surname = [k for k in fits
                   if any(n.split()[-1].lower() == low for n in self.people[k].names)]
        pool = surname or fits
        return max(pool, key=lambda k: self.last_seen.get(k, -1))


def _tail(short: list[str], words: list[str]) -> bool:
    """Whether ``short`` is the last words of the longer ``words``, letter case aside."""
    return 0 < len(short) < len(words) and [w.lower() for w in words[-len(short):]] == [
        w.lower() for w in short]


def _apply_chain(person: Person, chain: _TitleChain) -> None:
    person.add(person.titles, chain.titles)
    person.add(person.countries, chain.countries)
    person.add(person.organisations, chain.organisations)
    person.ranks |= chain.ranks


def _title_core(title: str) -> str:
    return re.sub(r"\s+of\s.*$", "", title.lower()).strip()


def _resolve_description(linker: _Linker, chain: _TitleChain) -> int | None:
    """'the Kenyan leader', 'the Admiral': the person holding that title."""
    cores = {_title_core(t) for t in chain.titles}
    people = linker.people
    candidates = [
        k for k, p in enumerate(people)
        if cores & {_title_core(t) for t in p.titles}
        and (not chain.countries or not p.countries or set(chain.countries) & set(p.countries))
    ]
    if not candidates and (cores & GENERIC_LEADER or HEAD_RANK in chain.ranks):
        candidates = [
            k for k, p in enumerate(people)
            if HEAD_RANK in p.ranks
            and (not chain.countries or set(chain.countries) & set(p.countries))
        ]
        if not candidates and chain.countries:
            # Nobody holds the title yet: the most mentioned person of that country, or of none.
            candidates = [k for k, p in enumerate(people)
                          if not p.countries or set(chain.countries) & set(p.countries)]
            if candidates:
                top = max(candidates, key=lambda k: len(people[k].mentions))
                candidates = [top]
    if not candidates:
        return None
    return max(candidates, key=lambda k: (len(people[k].mentions) if len(candidates) > 1 and
                                          not chain.countries else 0,
                                          linker.last_seen.get(k, -1)))


def find_people(doc: Doc, *, body: list[bool]) -> Cast:
    """Find the people of an article and link every mention of them.

    Parameters
    ----------
    doc : Doc
        The parsed clean text, with ``doc.spans["diplograph"]`` from the span ruler.
    body : list of bool
        Per token, whether it stands in a body line (people are only created from prose).
    """
    quoted = quote_mask(doc)
    titles = _lexicon(doc, "TITLE")
    title_tokens = {i for s in titles for i in range(s.start, s.end)}
    meeting_words = {i for s in _lexicon(doc, "MEETING") for i in range(s.start, s.end)}
    chains = _title_chains(doc, [s for s in titles if not _inside_name(s, title_tokens)],
                           meeting_words)
    names = _names(doc, chains, body)
    linker = _Linker()
    name_at = {tokens[0].i: (tokens, chains) for tokens, *chains in names}
    description_at = {c.start: c for c in chains if not c.name and body[c.start]}
    pronoun_at = {t.i for t in doc if t.lower_ in PRONOUNS and not quoted[t.i] and body[t.i]}
    for i in range(len(doc)):
        if i in name_at:
            tokens, around = name_at[i]
            index = linker.link_name(tokens)
            for chain in filter(None, around):
                _apply_chain(linker.people[index], chain)
                for k in range(chain.start, chain.end):
                    linker.token_person.setdefault(k, index)
            after = tokens[-1].i + 1  # "President X Y of Peru"
            if after + 1 < len(doc) and doc[after].lower_ == "of" and (
                    c := country_name(doc[after + 1].text)):
                linker.people[index].add(linker.people[index].countries, [c])
        elif i in description_at and i not in linker.token_person:
            chain = description_at[i]
            # "the country's former leader" is not the leader the article is about
            past = chain.start > 0 and doc[chain.start - 1].lower_ in PAST_HOLDER
            index = None if past else _resolve_description(linker, chain)
            if index is not None:
                person = linker.people[index]
                person.add(person.countries, chain.countries)
                person.ranks |= chain.ranks
                linker._mark(index, chain.start, chain.end)
        elif i not in linker.token_person and body[i] and _is_name_token(doc[i]) and (
                _outside_or_alone(doc[i])
                and (index := linker.resolve_single(doc[i].text, before=i)) is not None):
            linker._mark(index, i, i + 1)  # a surname the model did not tag as a person
        elif i in pronoun_at and linker.last_seen:
            index = _last_subject(doc[i], linker.token_person)
            if index is None:
                index = max(linker.last_seen, key=linker.last_seen.get)
            if i - linker.last_seen[index] < 60:  # same or previous sentence, roughly
                linker.token_person[i] = index
    _kinship(doc, linker)
    delegations = _delegations(doc, linker)
    return Cast(linker.people, linker.token_person, delegations)


def _last_subject(pronoun: Token, token_person: dict[int, int]) -> int | None:
    """The person a subject pronoun continues: the last person who was a subject, in this
    sentence or the one before ("X conveyed a message from Y, who met Z. He will ..." is X).
    """
    if pronoun.dep_ not in SUBJECTS:
        return None
    start = pronoun.sent.start
    if start > 0:
        start = pronoun.doc[start - 1].sent.start
    return next((token_person[k] for k in range(pronoun.i - 1, start - 1, -1)
                 if k in token_person and pronoun.doc[k].dep_ in SUBJECTS
                 and pronoun.doc[k].lower_ not in PRONOUNS | {"who"}), None)


def _kinship(doc: Doc, linker: _Linker) -> None:
    """'X, the son of Y' and 'X ... his father, Y': child_of relations."""
    people = linker.people
    for token in doc:
        relation = KINSHIP.get(token.lower_)
        if relation is None:
            continue
        sent = token.sent
        if relation == "child_of":  # "the son of Y": Y follows, the child came before
            parent = next((linker.token_person[k] for k in range(token.i + 1, sent.end)
                           if k in linker.token_person), None)
            child = next((linker.token_person[k] for k in range(token.i - 1, sent.start - 1, -1)
                          if k in linker.token_person and linker.token_person[k] != parent), None)
        else:  # "his father, Y": Y is named just after; "his" is the person before
            parent = next((linker.token_person[k] for k in range(token.i + 1,
                           min(token.i + 8, sent.end)) if k in linker.token_person), None)
            child = next((linker.token_person[k] for k in range(token.i - 1, sent.start - 1, -1)
                          if k in linker.token_person and linker.token_person[k] != parent), None)
        if parent is not None and child is not None and parent != child:
            rel = ("child_of", people[parent].key)
            if rel not in people[child].relations:
                people[child].relations.append(rel)


def _delegations(doc: Doc, linker: _Linker) -> dict[int, int]:
    """'a delegation headed by X', 'the X delegation' (whose head was named earlier)."""
    heads: dict[int, int] = {}
    by_country: dict[str | None, int] = {}
    for token in doc:
        if token.lower_ not in ("delegation", "delegations"):
            continue
        country = next((c for child in token.children if child.dep_ in ("amod", "compound")
                        if (c := country_name(child.text))), None)
        head = None
        for desc in token.subtree:
            if desc.i != token.i and desc.i in linker.token_person and desc.dep_ != "relcl":
                head = linker.token_person[desc.i]
                break
        if head is None and token.head.lower_ in ("leading", "led", "heading", "headed"):
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            head = linker.token_person.get(subject.i) if subject is not None else None
            if head is None:  # "X, ..., arrived ..., leading a delegation"
                verb = token.head.head
                subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                head = linker.token_person.get(subject.i) if subject is not None else None
        if head is None:
            head = by_country.get(country)
        if head is not None:
            heads[token.i] = head
            by_country[country] = head
            if country:
                linker.people[head].add(linker.people[head].countries, [country])
    return heads

