"""Who took part in a meeting, read off the parse around its meeting word.

Each rule is a function that returns the people it finds; `parties` runs them and records, for
the evidence, which of them found someone:

- ``verb_arguments``: the subject and objects of a meeting verb ("X received Y", "X met with Y");
- ``name_before``: the person named right before a verb the parser left without a subject;
- ``noun_attachments``: "talks with X", "X's visit", "a visit led by X";
- ``light_verb``: the subject and objects of the verb a meeting noun hangs on ("X held talks
  with Y", "X thanked Y for the meeting");
- ``delegation_head``: the head of a delegation the sentence names;
- ``inviter``: "at the invitation of X" (X is the host).

A meeting whose subject is a group ("they", "the two ministers") takes its people from the
meeting just told or the last people named (`group_subject`, `pair_for_group`).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..people import HEAD_RANK, Cast
from ..records import Role
from ..vocabulary import Words
from ..walks import VERBS
from .grammar import OBJECTS, SUBJECTS, governor, people_in, subjects, verb_of

__all__ = ["fits_group", "group_subject", "last_named", "parties", "subject_pair_before"]


def subject_people(verb: Token, cast: Cast, quoted: list[bool], *,
                   skip: int | None = None) -> list[int]:
    """The people of a verb's subjects (inherited along clause chains)."""
    return list(dict.fromkeys(p for subj in subjects(verb)
                              for p in people_in(subj, cast, quoted, skip=skip)))


def object_people(verb: Token, cast: Cast, quoted: list[bool], words: Words, *,
                  skip: int | None = None) -> list[int]:
    """The people of a verb's objects and company: "received X", "met with X", "by X"."""
    objects: list[int] = []
    for child in verb.children:
        if child.i == skip:
            continue
        if child.dep_ in OBJECTS and verb.lower_ not in words["discussing"]:
            objects += people_in(child, cast, quoted, skip=skip)
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in words["company"]):
            for pobj in child.children:
                objects += people_in(pobj, cast, quoted, skip=skip)
        elif child.dep_ == "prep":  # "met at the ministry with X": "with" misattached
            objects += misattached_company(child, cast, quoted)
    return objects


def name_before(verb: Token, cast: Cast, quoted: list[bool]) -> list[int]:
    """The person named right before a verb the parser left without a subject: "On 16 June,
    in Colombo, Deputy Prime Minister, Minister X Y held talks" (X Y hung on the city)."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    person = cast.person_at(verb.doc[i]) if i >= verb.sent.start and not quoted[i] else None
    return [] if person is None else [person]


def misattached_company(prep: Token, cast: Cast, quoted: list[bool]) -> list[int]:
    """People of a "with X" the parser hung on the place before it ("at the ministry")."""
    return [p for pobj in prep.children for nested in pobj.children
            if nested.dep_ == "prep" and nested.lower_ in ("with", "between")
            for grand in nested.children for p in people_in(grand, cast, quoted)]


def noun_attachments(noun: Token, cast: Cast, quoted: list[bool], words: Words) -> list[int]:
    """People attached to a meeting noun: "talks with X", "X's visit", "visit of X"."""
    company = words["company"]
    found: list[int] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "appos"):
            found += people_in(child, cast, quoted)
        elif child.dep_ == "prep" and (child.lower_ in company or child.lower_ in ("of", "on")):
            for pobj in child.children:  # "a call on X"
                found += people_in(pobj, cast, quoted)
        elif child.dep_ == "prep":  # "talks at the ministry with X": "with" misattached
            found += misattached_company(child, cast, quoted)
        elif child.dep_ == "acl":  # "a visit led by X"
            found += people_in(child, cast, quoted)
    return found + after_its_date(noun, cast, quoted, words)


def after_its_date(noun: Token, cast: Cast, quoted: list[bool], words: Words) -> list[int]:
    """People of "a meeting on Wednesday of the ministers X, Y and Z", where the parser hung
    "of the ministers" on the date that follows the noun."""
    doc, end = noun.doc, noun.right_edge.i + 1
    if end >= len(doc) or doc[end].dep_ != "prep" or doc[end].head.i != noun.head.i:
        return []
    company = words["company"]
    return [p for date in doc[end].children if date.ent_type_ in ("DATE", "TIME")
            for prep in date.children
            if prep.dep_ == "prep" and (prep.lower_ in company or prep.lower_ == "of")
            for pobj in prep.children for p in people_in(pobj, cast, quoted)]


def inviters(trigger: Token, cast: Cast, quoted: list[bool]) -> list[int]:
    """Who invited: "a visit ... at the invitation of his counterpart, X" (X is the host)."""
    verb = verb_of(trigger)
    found: list[int] = []
    for t in (trigger, verb):
        for prep in t.children:
            for invitation in prep.children:
                if invitation.lower_ == "invitation":
                    found += [p for of in invitation.children if of.lower_ == "of"
                              for pobj in of.children for p in people_in(pobj, cast, quoted)]
    return found


def parties(trigger: Token, kind: str, cast: Cast, quoted: list[bool], words: Words,
            ) -> tuple[dict[int, Role], list[str]]:
    """The participants of a meeting word with their roles, and the rules that found them."""
    roles: dict[int, Role] = {}
    rules: list[str] = []
    visiting = kind in words["visiting_kinds"]
    if trigger.pos_ in VERBS and trigger.tag_ != "NN":
        named = bool(subjects(trigger))
        found = subject_people(trigger, cast, quoted) if named else name_before(
            trigger, cast, quoted)
        objects = [o for o in object_people(trigger, cast, quoted, words) if o not in found]
        hosting = kind in words["hosting_kinds"]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in trigger.children)
        for person in found:
            roles[person] = ("guest" if passive else "host") if hosting else (
                "guest" if visiting else "participant")
        for person in objects:
            roles.setdefault(person, ("host" if passive else "guest") if hosting else "participant")
        rules += ["verb_arguments" if named else "name_before"] if found else []
        rules += ["verb_arguments"] if objects else []
    else:
        for person in noun_attachments(trigger, cast, quoted, words):
            roles.setdefault(person, "guest" if visiting else "participant")
        rules += ["noun_attachments"] if roles else []
        verb = governor(trigger)
        through_preposition = (trigger.dep_ == "pobj" and trigger.head.head.i == verb.i
                               and verb.lower_ not in words["commenting"])
        if verb.i != trigger.i and verb.pos_ in VERBS and (
                through_preposition or verb.lower_ in words["light_verbs"]):
            found = subject_people(verb, cast, quoted, skip=trigger.i) if subjects(verb) \
                else name_before(verb, cast, quoted)
            around = found + [o for o in object_people(verb, cast, quoted, words, skip=trigger.i)
                              if o not in found]
            rules += ["light_verb"] if any(p not in roles for p in around) else []
            for person in around:
                roles.setdefault(person, "participant")
    for token, head in cast.delegations.items():
        if head in roles and trigger.sent.start <= token < trigger.sent.end:
            roles[head] = "delegation_head"
            rules += ["delegation_head"]
    if hosts := inviters(trigger, cast, quoted):
        rules += ["inviter"]
    for host in hosts:
        roles[host] = "host"
    return roles, list(dict.fromkeys(rules))


def group_subject(trigger: Token, words: Words) -> str | None:
    """The group a meeting's subject names, if it is a pair already named.

    "they" and "both" give "", "the two ministers" gives "minister"; None when the subject
    names people of its own.
    """
    verb = verb_of(trigger)
    anyone = words["anyone"]
    for subj in subjects(verb):
        if subj.lower_ in ("they", "both"):
            return ""
        if subj.tag_ == "NNS" and any(c.lower_ in words["group_words"] for c in subj.children):
            return "" if subj.lower_ in anyone else subj.lower_.rstrip("s")
    # "their meeting", "the ministers' meeting"
    for c in trigger.children:
        if c.dep_ == "poss" and (c.lower_ == "their" or c.tag_ == "NNS"):
            return "" if c.lower_ == "their" else c.lower_.rstrip("s'")
    return None


def last_named(cast: Cast, trigger: Token, group: str) -> list[int]:
    """The last two people named before the sentence whose titles fit the group's noun."""
    if not group:
        return []
    seen: set[int] = set()
    fitting: list[int] = []
    for i in range(trigger.sent.start - 1, -1, -1):  # the nearest first, and no further
        person = cast.token_person.get(i)
        if person is not None and person not in seen:
            seen.add(person)
            if fits_group(cast, person, group):
                fitting.append(person)
                if len(fitting) == 2:
                    return fitting
    return []


def fits_group(cast: Cast, person: int, group: str) -> bool:
    """Whether a person is one of "the two <group>s": "leaders" are heads of state or
    government, "ministers" hold a minister's title; "they" fits anyone."""
    holder = cast.people[person]
    return not group or any(group in t.lower() for t in holder.titles) or (
        group in ("leader", "head") and HEAD_RANK in holder.ranks)


def subject_pair_before(trigger: Token, cast: Cast) -> list[int]:
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
