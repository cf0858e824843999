"""Find meetings in one parsed article: who took part, when, where, how, and in what status.

A meeting starts from meeting language (the span ruler's MEETING spans: met, talks, received,
a visit, a phone call...). Its participants come from the dependency parse, not from every
name in the sentence: the subject and objects of a meeting verb, "with X" and "X's" on a
meeting noun, the subject and object of the verb a meeting noun hangs on ("X thanked Y for the
meeting"), and the head of a delegation. Quoted speech never states a meeting.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from diplograph.countries import city_country, country_name, is_city
from diplograph.dates import Date, is_historical

from .dates import resolve_date
from .model import LEXICON
from .people import HEAD_RANK, Cast
from .walks import reachable, upward

__all__ = ["Draft", "find_meetings", "merge_drafts"]

# Dependencies that leave the phrase a participant can stand in.
CLAUSE_EDGES = frozenset({"relcl", "advcl", "ccomp", "parataxis", "csubj", "mark", "punct"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# "received in Riyadh today His Excellency X": the parser may call a late object npadvmod.
OBJECTS = frozenset({"dobj", "dative", "iobj", "attr", "oprd", "npadvmod"})
COMPANY = frozenset({"with", "between", "among", "by", "and", "from"})
HOSTING = frozenset({"receive", "welcome", "host"})
# "X and his counterpart Y agreed on Wednesday to ...", "X and Y sat down in Z": a joint verb
# tells a meeting only when two people named in its own subject or company did it together.
JOINT = frozenset({"joint"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
PLANNING = frozenset(
    """expected anticipated planned scheduled due plans plan planning intends intend set
    upcoming forthcoming proposed invited invite invites""".split()
)
CANCELLING = frozenset(
    "cancelled canceled cancel cancels postponed postpone scrapped called-off".split()
)
NO_DATE_TENSES = frozenset({"had"})
# Verbs that only carry a meeting noun ("held talks with X"): their subject and objects are the
# meeting's participants even when the noun is their subject or object.
LIGHT_VERBS = frozenset(
    """hold holds held holding have has had having conduct conducts conducted conducting
    attend attends attended attending organise organised organize organized begin began begun
    start started conclude concluded end ended wrap wrapped receive receives received receiving
    make makes made making pay pays paid paying bring brings brought bringing gather gathers
    gathered chair chairs chaired chairing co-chair co-chairs co-chaired co-chairing
    join joins joined joining""".split()
)  # past perfect: an earlier meeting, not the day of the story


@dataclass
class Draft:
    """A meeting as first read from one sentence, before merging within the article."""

    participants: dict[int, str]  # person index -> role
    sentence: Span
    kind: str
    mode: str
    date: Date | None = None
    status: str = "held"
    historical: bool = False
    location: str | None = None
    venue: str | None = None
    confidence: float = 0.5
    sentences: list[Span] = field(default_factory=list)
    # "took part in the talks", "after the meeting": a meeting already told, named again
    definite: bool = False
    counterpart: str | None = None  # "met the country's former leader": described, unnamed


def _people_in(token: Token, cast: Cast, quoted: list[bool], *,
               skip: int | None = None) -> list[int]:
    """The people a phrase refers to, without entering subordinate clauses or quotes."""
    def follow(t: Token) -> list[Token]:
        if t.i == skip or quoted[t.i]:
            return []
        inside = [c for c in t.children if c.dep_ not in CLAUSE_EDGES]
        if any(c.dep_ == "cc" for c in t.children) and not any(
                c.dep_ == "conj" for c in t.children):
            inside += _coordinated(t)
        return inside

    found: list[int] = []
    for t in reachable(token, follow):
        person = None if t.i == skip or quoted[t.i] else cast.person_at(t)
        if person is not None and person not in found:
            found.append(person)
    return found


# The arcs from a meeting noun up to the verb it hangs on.
_GOVERNED = frozenset({"pobj", "prep", "dobj", "nsubj", "nsubjpass", "attr", "compound", "conj",
                       "appos", "npadvmod"})


def _coordinated(token: Token) -> list[Token]:
    """The word after "and" when the parser left "X and Y" without its conj arc."""
    doc = token.doc
    i = token.i + 1
    while i < len(doc) and (doc[i].dep_ == "cc" or doc[i].is_punct):
        i += 1
    return [doc[i]] if i < len(doc) and i > token.i + 1 else []


def _governor(token: Token) -> Token:
    """The verb a meeting noun hangs on: "thanked X for [the meeting]" -> thanked."""
    t = token
    for t in upward(token, lambda u: u.dep_ in _GOVERNED):
        if t.pos_ in ("VERB", "AUX"):
            return t
    return t


def _verb_of(trigger: Token) -> Token:
    """The meeting word itself if it is a verb, else the verb its noun hangs on."""
    return trigger if trigger.pos_ in ("VERB", "AUX") else _governor(trigger)


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects, inherited along xcomp/advcl/conj chains and relative clauses.

    A verb can have two: the parser sometimes reads "X and Y met" as two subjects.
    """
    t = verb
    for _ in range(4):
        subjects = [c for c in t.children if c.dep_ in SUBJECTS]
        if subjects:
            if t.dep_ == "relcl" and subjects[0].lower_ in ("who", "that", "which"):
                return [t.head]
            return subjects
        if t.dep_ in ("xcomp", "advcl", "conj", "acl") and t.head.i != t.i:
            t = t.head
        elif t.dep_ == "relcl":
            return [t.head]
        else:
            return []
    return []


GROUP_WORDS = frozenset({"two", "both"})
# "the two men", "both counterparts": a group any two people fit, whatever their titles.
ANYONE = frozenset({"men", "women", "counterparts"})
# "Commenting on the visit, X said": X speaks about the meeting, X was not at it.
COMMENTING = frozenset(
    """comment comments commented commenting refer refers referred referring reflect
    reflecting reflected describe describes described describing praise praised praising
    hail hailed hailing say says said saying note noted noting ask asked asking write wrote
    writing react reacted reacting""".split()
)
DISCUSSING = frozenset({"discuss", "discussed", "discusses", "discussing"})


def _negated(trigger: Token) -> bool:
    verb = _verb_of(trigger)
    return any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't")
               for t in (trigger, verb) for c in t.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in trigger.children)  # "no meeting"


def _group_subject(trigger: Token) -> str | None:
    """The group a meeting's subject names, if it is a pair already named.

    "they" and "both" give "", "the two ministers" gives "minister"; None when the subject
    names people of its own.
    """
    verb = _verb_of(trigger)
    for subj in _subjects(verb):
        if subj.lower_ in ("they", "both"):
            return ""
        if subj.tag_ == "NNS" and any(c.lower_ in GROUP_WORDS for c in subj.children):
            return "" if subj.lower_ in ANYONE else subj.lower_.rstrip("s")
    # "their meeting", "the ministers' meeting"
    for c in trigger.children:
        if c.dep_ == "poss" and (c.lower_ == "their" or c.tag_ == "NNS"):
            return "" if c.lower_ == "their" else c.lower_.rstrip("s'")
    return None


def _last_named(cast: Cast, trigger: Token, group: str) -> list[int]:
    """The last two people named before the sentence whose titles fit the group's noun."""
    named: list[int] = []
    for i in range(trigger.sent.start - 1, -1, -1):
        person = cast.token_person.get(i)
        if person is not None and person not in named:
            named.append(person)
    fitting = [p for p in named if group and _fits(cast, p, group)]
    return fitting[:2] if len(fitting) >= 2 else []


def _fits(cast: Cast, person: int, group: str) -> bool:
    """Whether a person is one of "the two <group>s": "leaders" are heads of state or
    government, "ministers" hold a minister's title; "they" fits anyone."""
    holder = cast.people[person]
    return not group or any(group in t.lower() for t in holder.titles) or (
        group in ("leader", "head") and HEAD_RANK in holder.ranks)


def _subject_pair_before(trigger: Token, cast: Cast) -> list[int]:
    """The people of "X and Y" as a subject in one of the two sentences before: who "they"
    are in "X and Y are not strangers. They first met in 2019"."""
    doc = trigger.doc
    start = trigger.sent.start
    for _ in range(2):
        if start == 0:
            return []
        sent = doc[start - 1].sent
        for token in sent:
            if token.dep_ in SUBJECTS and cast.person_at(token) is not None:
                pair = list(dict.fromkeys(
                    p for t in (token, *token.conjuncts) if (p := cast.person_at(t)) is not None))
                if len(pair) >= 2:
                    return pair
        start = sent.start
    return []


def _verb_parties(verb: Token, cast: Cast, quoted: list[bool], *, skip: int | None = None,
                  ) -> tuple[list[int], list[int]]:
    """(subject people, object people) of a verb."""
    found = _subjects(verb)
    subjects = [p for subj in found for p in _people_in(subj, cast, quoted, skip=skip)]
    if not found:
        subjects = _name_before(verb, cast, quoted)
    subjects = list(dict.fromkeys(subjects))
    objects: list[int] = []
    for child in verb.children:
        if child.i == skip:
            continue
        if child.dep_ in OBJECTS and verb.lower_ not in DISCUSSING:  # you discuss a topic
            objects += _people_in(child, cast, quoted, skip=skip)
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in COMPANY):
            for pobj in child.children:
                objects += _people_in(pobj, cast, quoted, skip=skip)
        elif child.dep_ == "prep":  # "met at the ministry with X": "with" misattached
            objects += _misattached_company(child, cast, quoted)
    return subjects, [o for o in objects if o not in subjects]


def _name_before(verb: Token, cast: Cast, quoted: list[bool]) -> list[int]:
    """The person named right before a verb the parser left without a subject: "On 16 June,
    in Colombo, Deputy Prime Minister, Minister X Y held talks" (X Y hung on the city)."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    person = cast.person_at(verb.doc[i]) if i >= verb.sent.start and not quoted[i] else None
    return [] if person is None else [person]


def _misattached_company(prep: Token, cast: Cast, quoted: list[bool]) -> list[int]:
    """People of a "with X" the parser hung on the place before it ("at the ministry")."""
    return [p for pobj in prep.children for nested in pobj.children
            if nested.dep_ == "prep" and nested.lower_ in ("with", "between")
            for grand in nested.children for p in _people_in(grand, cast, quoted)]


def _noun_parties(noun: Token, cast: Cast, quoted: list[bool]) -> list[int]:
    """People attached to a meeting noun: "talks with X", "X's visit", "visit of X"."""
    found: list[int] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "appos"):
            found += _people_in(child, cast, quoted)
        elif child.dep_ == "prep" and child.lower_ in (*COMPANY, "of", "on"):  # "a call on X"
            for pobj in child.children:
                found += _people_in(pobj, cast, quoted)
        elif child.dep_ == "prep":  # "talks at the ministry with X": "with" misattached
            found += _misattached_company(child, cast, quoted)
        elif child.dep_ == "acl":  # "a visit led by X"
            found += _people_in(child, cast, quoted)
    return found + _after_its_date(noun, cast, quoted)


def _after_its_date(noun: Token, cast: Cast, quoted: list[bool]) -> list[int]:
    """People of "a meeting on Wednesday of the ministers X, Y and Z", where the parser hung
    "of the ministers" on the date that follows the noun."""
    doc, end = noun.doc, noun.right_edge.i + 1
    if end >= len(doc) or doc[end].dep_ != "prep" or doc[end].head.i != noun.head.i:
        return []
    return [p for date in doc[end].children if date.ent_type_ in ("DATE", "TIME")
            for prep in date.children if prep.dep_ == "prep" and prep.lower_ in (*COMPANY, "of")
            for pobj in prep.children for p in _people_in(pobj, cast, quoted)]


def _parties(trigger: Token, kind: str, cast: Cast, quoted: list[bool]) -> dict[int, str]:
    """Participants with their roles."""
    roles: dict[int, str] = {}
    if trigger.pos_ in ("VERB", "AUX") and trigger.tag_ != "NN":
        subjects, objects = _verb_parties(trigger, cast, quoted)
        hosting = kind in HOSTING
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
        for person in subjects:
            roles[person] = ("guest" if passive else "host") if hosting else (
                "guest" if kind == "visit" else "participant")
        for person in objects:
            roles.setdefault(person, ("host" if passive else "guest") if hosting else "participant")
    else:
        for person in _noun_parties(trigger, cast, quoted):
            roles.setdefault(person, "guest" if kind == "visit" else "participant")
        verb = _governor(trigger)
        through_preposition = (trigger.dep_ == "pobj" and trigger.head.head.i == verb.i
                               and verb.lower_ not in COMMENTING)
        if verb.i != trigger.i and verb.pos_ in ("VERB", "AUX") and (
                through_preposition or verb.lower_ in LIGHT_VERBS):
            subjects, objects = _verb_parties(verb, cast, quoted, skip=trigger.i)
            for person in subjects + objects:
                roles.setdefault(person, "participant")
    for token, head in cast.delegations.items():
        if head in roles and trigger.sent.start <= token < trigger.sent.end:
            roles[head] = "delegation_head"
    for host in _inviters(trigger, cast, quoted):
        roles[host] = "host"
    return roles


def _inviters(trigger: Token, cast: Cast, quoted: list[bool]) -> list[int]:
    """Who invited: "a visit ... at the invitation of his counterpart, X" (X is the host)."""
    verb = _verb_of(trigger)
    found: list[int] = []
    for t in (trigger, verb):
        for prep in t.children:
            for invitation in prep.children:
                if invitation.lower_ == "invitation":
                    found += [p for of in invitation.children if of.lower_ == "of"
                              for pobj in of.children for p in _people_in(pobj, cast, quoted)]
    return found


def _path_is_clausemate(token: Token, anchor: Token) -> bool:
    """Whether ``token`` hangs on ``anchor`` without crossing into another clause."""
    t = token
    for _ in range(12):
        if t.i == anchor.i:
            return True
        # A date in a relative or reported clause is another event's ("which arrived the day
        # before"), as is one on a verb of its own ("since becoming minister last October",
        # "... and signed a pact in 2023"); one on a participial phrase ("a delegation led by
        # X on Monday") is ours.
        if t.dep_ in ("relcl", "ccomp", "parataxis", "pcomp") or t.head.i == t.i or (
                t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")):
            return False
        t = t.head
    return False


# The arcs from a meeting word up to the words whose dates are its own.
_DATED_THROUGH = frozenset({"xcomp", "advcl", "pobj", "prep", "dobj", "nsubjpass", "nsubj", "conj"})


def _meeting_date(trigger: Token, sent: Span, reference: dt.date | None,
                  *, tense: str, skip: tuple[int, int]) -> tuple[Date | None, bool]:
    """The date stated for the meeting in its sentence, and whether the sentence dates it.

    A date phrase that cannot be placed ("last autumn") still dates the meeting: it is not the
    day of the article, so the article's date is not used for it.
    """
    anchors = [trigger, *upward(trigger, lambda t: t.dep_ in _DATED_THROUGH)]
    stated = False
    phrases = []
    for ent in sent.ents:
        # "on Monday night" is a TIME to the model: a time that names no day is left out
        if ent.label_ not in ("DATE", "TIME") or skip[0] <= ent.start_char < skip[1]:
            continue
        phrase = _with_preposition(ent)
        if _DURATION.match(phrase) or _LATER.search(phrase):
            continue
        if any(_path_is_clausemate(ent.root, a) for a in anchors):
            phrases.append(phrase)
            stated = stated or (ent.label_ == "DATE" and _placeless(ent))
    records = [r for p in phrases if (r := resolve_date(p, reference=reference, tense=tense))]
    if not records:
        return None, stated
    # "In September 2022, ... held talks ... on September 6": the day within the month
    return next(filter(None, (_within(records[0], r.text) for r in records[1:])),
                records[0]), True


def _within(period: Date | None, phrase: str) -> Date | None:
    """The day a year-less phrase ("on April 8") names inside a period already told
    ("in April 2017"), if it names one there."""
    if period is None or period.basis != "explicit" or period.precision == "day":
        return None
    first, last = period.interval()
    day = resolve_date(phrase, reference=last)
    if day is None or day.precision != "day" or day.basis == "explicit" \
            or not first.isoformat() <= day.value <= last.isoformat():
        return None
    return day


# "A year later", "two days later": counted from a day just told, not from the article's.
_LATER = re.compile(r"\b(?:days?|weeks?|months?|years?|decades?)\s+later\b", re.IGNORECASE)
# "the first visit in seven years", "for two decades": how long, not when.
_DURATION = re.compile(
    r"^(?:in|for|over|after|within)\s+(?:the\s+(?:past|last)\s+)?(?:\d+|a|an|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|several|many|a\s+few)\s+(?:years?|months?|weeks?|decades?)$",
    re.IGNORECASE,
)


_SAME_DAY = re.compile(r"\b(?:same|that)\s+day\b", re.IGNORECASE)


def _placeless(ent: Span) -> bool:
    """A time the meeting happened that no calendar date can be given ("last autumn")."""
    return not any(t.like_num for t in ent) and ent.root.lower_ not in ("years", "days", "weeks")


def _with_preposition(ent: Span) -> str:
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return f"{before.text} {ent.text}" if before is not None and before.dep_ == "prep" else ent.text


def _status(trigger: Token, sent: Span) -> str:
    near = [trigger, *trigger.ancestors]
    words = {c.lower_ for t in near for c in t.children} | {t.lower_ for t in near}
    if words & CANCELLING:
        return "cancelled"
    if words & FUTURE_AUX or words & PLANNING:
        return "planned"
    return "held"


VISITING = frozenset({"visit", "visits", "visited", "visiting", "toured", "tour", "tours"})


def _visited(ent: Span) -> bool:
    """The place a visit verb takes as its object: "visited X in 2001 to meet Y"."""
    return ent.root.dep_ == "dobj" and ent.root.head.lower_ in VISITING


def _is_place(ent: Span, name: str) -> bool:
    """A place entity, or a known city or country the model labelled as something else."""
    return ent.label_ in ("GPE", "LOC") or is_city(name) or bool(country_name(name))


def _place(trigger: Token, sent: Span) -> tuple[str | None, str | None]:
    """(location, venue) stated in the sentence."""
    venue = None
    places: list[str] = []
    for ent in sent.ents:
        name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        if ent.label_ == "FAC" and venue is None:
            venue = name
        elif _is_place(ent, name) and (_visited(ent) or (
                ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("in", "to", "at"))):
            places.append(name)  # "talks in X", "a visit to X", "visited X"
    # A city says more than its country: "visited Peru ... talks in Cusco" is Cusco.
    cities = [p for p in places if not country_name(p)]
    return (cities or places or [None])[0], venue


def find_meetings(doc: Doc, cast: Cast, *, reference: dt.date | None, body: list[bool],
                  quoted: list[bool], triggers: list[Span],
                  fallback: Date | None,
                  dateline: tuple[int, int] = (0, 0)) -> list[Draft]:
    """Read one draft per meeting word that has at least one participant.

    A meeting whose sentence states no date takes ``fallback`` (the article's date, or a
    dateline without a year), unless it is planned or told in the past perfect; "the summit"
    takes the date of the meeting words just before it ("leaders met on Saturday"). The
    dateline itself (character span ``dateline``) dates the story, not a meeting.
    """
    drafts: list[Draft] = []
    told: Date | None = None  # the date last stated next to meeting words
    for span in triggers:
        trigger = span.root
        if quoted[trigger.i] or not body[trigger.i] or _negated(trigger):
            continue  # quoted speech, headlines, "did not attend the talks"
        kind, mode = span.id_.split(":")
        roles = _parties(trigger, kind, cast, quoted)
        if kind in JOINT and (len(roles) < 2 or _in_relative_clause(trigger)):
            continue  # "..., who agreed on a tariff": the clause tells of a meeting told
        group = _group_subject(trigger) if len(roles) < 2 else None
        if group is not None:
            # "The two ministers last met in August", "They first met in 2009": the people
            # of the meeting just told, or else the last two ministers named.
            earlier = [list(d.participants) for d in drafts if len(d.participants) >= 2]
            here = [list(d.participants) for d in drafts
                    if len(d.participants) >= 2 and d.sentence.start == trigger.sent.start]
            # "a meeting with Y, at which the two leaders discussed": the meeting just told
            pairs = [*reversed(here), _subject_pair_before(trigger, cast), *reversed(earlier),
                     _last_named(cast, trigger, group)]
            pair = next((p for p in pairs if p and all(_fits(cast, k, group) for k in p)), [])
            for person in pair:
                roles.setdefault(person, "participant")
        sent = trigger.sent
        status = _status(trigger, sent)
        tense = "past" if status == "held" else "future"  # a cancelled one was still to come
        date, stated = _meeting_date(trigger, sent, reference, tense=tense, skip=dateline)
        if date is not None and _SAME_DAY.search(date.text) and told is not None \
                and told.precision == "day":
            date = told  # "later the same day": the day of the meeting just told
        definite = trigger.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that")
            for c in trigger.children)
        if not roles:
            if not _in_relative_clause(trigger):  # "the CEPA, which was signed in January"
                told = date or told
            continue
        perfect = any(c.lower_ in NO_DATE_TENSES for c in trigger.children) or any(
            c.lower_ in NO_DATE_TENSES for c in _governor(trigger).children)
        if date is None and status == "held" and not perfect and not stated:
            # "the talks", "X also met Y": the occasion just told, on its day
            date = (told if definite or _also(trigger) or _on_the_side(sent) else None) \
                or fallback
        if date is not None and reference is not None and date.precision == "day" \
                and not date.partial and date.value > reference.isoformat() \
                and status == "held":
            status = "planned"
        historical = bool(date and reference and not date.partial
                          and is_historical(date, reference)) or perfect
        location, venue = _place(trigger, sent)
        host = _implied_host(kind, roles, cast, location)
        if host is not None:
            roles[host] = "host"
        confidence = _confidence(trigger, roles, implied=host is not None)
        counterpart = _described_counterpart(trigger, cast) if len(roles) == 1 else None
        drafts.append(Draft(roles, sent, kind, mode, date, status, historical, location, venue,
                            confidence if stated or date else confidence - 0.1, [sent],
                            definite, counterpart))
        told = date if stated else told
    return drafts


def _in_relative_clause(token: Token) -> bool:
    return any(t.dep_ in ("relcl", "ccomp") for t in (token, *token.ancestors))


def _also(trigger: Token) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ == "also" for c in _verb_of(trigger).children)


def _described_counterpart(trigger: Token, cast: Cast) -> str | None:
    """The counterpart a meeting verb's object describes without a name: "met with the
    country's former leader", "received the ambassador" (a title, and nobody it names)."""
    if trigger.pos_ not in ("VERB", "AUX"):
        return None
    titles = {i for s in trigger.doc.spans.get(LEXICON, []) if s.label_ == "TITLE"
              for i in range(s.start, s.end)}
    phrases = [c for c in trigger.children if c.dep_ in ("dobj", "dative")]
    phrases += [p for c in trigger.children if c.dep_ == "prep" and c.lower_ == "with"
                for p in c.children]
    for phrase in phrases:
        words = list(phrase.subtree)
        if any(t.i in titles for t in words) and all(cast.person_at(t) is None for t in words):
            return trigger.doc[words[0].i:words[-1].i + 1].text
    return None


def _implied_host(kind: str, roles: dict[int, str], cast: Cast, location: str | None,
                  ) -> int | None:
    """The host of a visit to a country, when the sentence names no counterpart.

    "X visited Ghana": received by Ghana's head of state, if the article names exactly one.
    """
    if kind != "visit" or len(roles) != 1 or not location:
        return None
    return _head_of(country_name(location) or city_country(location), cast, roles)


def _confidence(trigger: Token, roles: dict[int, str], *, implied: bool) -> float:
    """How much the text says: a verb with both people as its arguments says most."""
    if implied:
        return 0.5
    if len(roles) >= 2:
        return 0.9 if trigger.pos_ == "VERB" else 0.8
    return 0.6


def _head_of(country: str | None, cast: Cast, roles: dict[int, str]) -> int | None:
    """The one head of state or government of ``country`` the article names, if any."""
    heads = [k for k, p in enumerate(cast.people)
             if country in p.countries and HEAD_RANK in p.ranks and k not in roles]
    return heads[0] if country and len(heads) == 1 else None


def _dates_agree(a: Date | None, b: Date | None) -> bool:
    if a is None or b is None:
        return True
    # The article's own date yields to a date the text states.
    return "article" in (a.basis, b.basis) or a.contains(b)


def _better_date(a: Date | None, b: Date | None) -> Date | None:
    return max((d for d in (a, b) if d is not None), key=lambda d: d.rank, default=None)


def _absorb(into: Draft, other: Draft) -> None:
    for person, role in other.participants.items():
        if into.participants.get(person, "participant") == "participant":
            into.participants[person] = role
    into.date = _better_date(into.date, other.date)
    into.location = into.location or other.location
    into.venue = into.venue or other.venue
    into.confidence = min(0.95, max(into.confidence, other.confidence) + 0.05)
    into.sentences += [s for s in other.sentences if s not in into.sentences]
    if other.mode != "in_person":
        into.mode = other.mode


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """Merge the drafts of one meeting within an article; drop drafts left with one person.

    Two drafts are one meeting when their status and historical flag agree, their dates agree,
    and they share two participants. "The meeting", "the talks" name a meeting already told:
    such a draft, and a lone-participant one that shares its person, joins the nearest
    earlier (or, failing that, any) such meeting.
    """
    merged: list[Draft] = []
    for draft in (d for d in drafts if len(d.participants) >= 2):
        same = next((m for m in merged if _compatible(m, draft)
                     and len(set(m.participants) & set(draft.participants)) >= 2
                     and not ((_on_the_side(draft.sentence) or _on_the_side(m.sentence))
                              and set(m.participants) != set(draft.participants))), None)
        same = same or (_told_before(draft, merged) if draft.definite else None)
        if same is None:
            merged.append(draft)
        else:
            _absorb(same, draft)
    described = []
    for draft in (d for d in drafts if len(d.participants) < 2):
        hosts = [m for m in merged if _compatible(m, draft)
                 and set(draft.participants) <= set(m.participants)]
        host = _told_before(draft, merged) if draft.definite else None
        if host is None and hosts:
            host = min(hosts, key=lambda m: abs(m.sentence.start - draft.sentence.start))
        if host is not None:
            _absorb(host, draft)
        elif draft.counterpart and draft.participants:
            described.append(draft)  # kept for resolution across articles to name the other
    return merged + described


# "On the sidelines, X held a bilateral meeting with Y": a meeting of its own, apart from the
# summit the two also attended.
SIDE_WORDS = frozenset({"sidelines", "margins", "bilateral", "separate", "separately"})


def _on_the_side(sentence: Span) -> bool:
    return any(t.lower_ in SIDE_WORDS for t in sentence)


def _told_before(draft: Draft, merged: list[Draft]) -> Draft | None:
    """The nearest compatible meeting told before ``draft``, or in its own sentence."""
    earlier = [m for m in merged if _compatible(m, draft)
               and m.sentence.start <= draft.sentence.start]
    return max(earlier, key=lambda m: m.sentence.start) if earlier else None


def _compatible(a: Draft, b: Draft) -> bool:
    return a.status == b.status and a.historical == b.historical and _dates_agree(a.date, b.date)
