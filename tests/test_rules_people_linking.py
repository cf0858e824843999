"""Each rule of `extract.people` on a small Doc: linking mentions to people, and finding them."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from conftest import texts
from small_docs import doc_of

from extract.people import Cast, Person, find_people
from extract.people.linking import (
    Linker,
    apply_chain,
    delegations,
    is_tail,
    kinship,
    last_subject,
    resolve_description,
    same_person,
)
from extract.people.titles import TitleChain
from extract.vocabulary import Words

WORDS = Words.load()


def chain_of(titles: list[str], *, ranks: Iterable[str] = (), countries: Iterable[str] = (),
             ) -> TitleChain:
    """A title chain that names nobody ("the Kenyan leader"), as `title_chains` makes it."""
    return TitleChain(0, 1, list(titles), set(ranks), list(countries), [], [])


# -- linking ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "other", "expected"), [
    ("Ana Silva", "Ana Maria Silva", True),  # a middle name left out
    ("Ana Silva", "Ana Silva Costa", True),  # a second surname left out
    ("A. Silva", "Ana Silva", True),  # an initial
    ("Maria Silva", "Ana Maria Silva", False),  # another first name
    ("Ana Costa", "Ana Silva", False),
    ("Silva", "Ana Silva", False),  # a lone surname is not a full name
])
def test_same_person_compares_full_names(name, other, expected):
    assert same_person(name.split(), Person(key="p0", names=[other])) is expected


@pytest.mark.parametrize(("short", "words", "expected"), [
    (["Okafor"], ["Chidi", "Okafor"], True),
    (["okafor"], ["Chidi", "Okafor"], True),  # letter case aside
    (["Chidi"], ["Chidi", "Okafor"], False),
    (["Chidi", "Okafor"], ["Chidi", "Okafor"], False),  # not shorter
])
def test_is_tail_is_the_last_words_of_a_longer_name(short, words, expected):
    assert is_tail(short, words) is expected


def test_person_name_is_the_fullest_form_first_seen():
    person = Person(key="p0", names=["Silva", "Ana Silva", "Ana Maria Silva", "Ana Mara Silva"])
    assert person.name == "Ana Maria Silva"


def test_cast_person_at_reads_names_then_delegations():
    doc = doc_of(["Ana", "Silva", "'s", "delegation"])
    cast = Cast([Person(key="p0", names=["Ana Silva"])], {0: 0, 1: 0}, {3: 0})
    assert [cast.person_at(t) for t in doc] == [0, 0, None, 0]


def test_linker_links_a_surname_and_a_full_name_to_one_person():
    doc = doc_of("Ana Silva met Jonas Berg . Silva thanked Berg".split())
    linker = Linker()
    found = [linker.link_name(list(doc[span])) for span in
             (slice(0, 2), slice(3, 5), slice(6, 7), slice(8, 9))]
    assert found == [0, 1, 0, 1]
    assert linker.token_person == {0: 0, 1: 0, 3: 1, 4: 1, 6: 0, 8: 1}


def test_linker_gives_a_fuller_name_to_someone_met_by_surname():
    doc = doc_of("Okafor arrived . Chidi Okafor spoke".split())
    linker = Linker()
    assert [linker.link_name(list(doc[0:1])), linker.link_name(list(doc[3:5]))] == [0, 0]
    assert linker.people[0].names == ["Okafor", "Chidi Okafor"]


def test_linker_resolves_a_first_surname_of_two():
    doc = doc_of("Rui Pedro Tavares Lobo".split())
    linker = Linker()
    linker.link_name(list(doc))
    assert linker.resolve_single("Tavares", before=10) == 0
    assert linker.resolve_single("Costa", before=10) is None


def test_apply_chain_adds_titles_countries_organisations_and_ranks_once():
    person = Person(key="p0", names=["Omar Tal"], titles=["Commander"])
    chain = TitleChain(0, 2, ["Commander", "Field Marshal"], {"military"}, ["Libya"],
                       ["Libyan National Army"], [])
    apply_chain(person, chain)
    assert (person.titles, person.countries, person.organisations, person.ranks) == (
        ["Commander", "Field Marshal"], ["Libya"], ["Libyan National Army"], {"military"})


def _linker_of(*people: Person) -> Linker:
    linker = Linker()
    linker.people.extend(people)
    for k, person in enumerate(people):
        linker.last_seen[k] = person.mentions[-1][0] if person.mentions else -1
    return linker


def test_resolve_description_finds_the_holder_of_the_same_title():
    linker = _linker_of(Person(key="p0", names=["Ana Silva"], titles=["President"]),
                        Person(key="p1", names=["Omar Tal"], titles=["Admiral"]))
    assert resolve_description(linker, chain_of(["Admiral"]), WORDS) == 1


def test_resolve_description_takes_a_leader_for_the_head_of_state_of_its_country():
    linker = _linker_of(
        Person(key="p0", names=["Ana Silva"], countries=["Portugal"], ranks={"head"},
               titles=["President"], mentions=[(0, 2)]),
        Person(key="p1", names=["Jonas Berg"], countries=["Norway"], ranks={"head"},
               titles=["Prime Minister"], mentions=[(5, 7)]))
    chain = chain_of(["leader"], ranks={"head"}, countries=["Portugal"])
    assert resolve_description(linker, chain, WORDS) == 0


def test_resolve_description_takes_the_most_mentioned_of_a_country_when_nobody_holds_it():
    linker = _linker_of(
        Person(key="p0", names=["Ana Silva"], countries=["Portugal"], mentions=[(0, 2), (9, 10)]),
        Person(key="p1", names=["Rui Lobo"], countries=["Portugal"], mentions=[(5, 7)]))
    assert resolve_description(linker, chain_of(["leader"], countries=["Portugal"]), WORDS) == 0


def test_resolve_description_finds_nobody_for_a_title_nobody_holds():
    linker = _linker_of(Person(key="p0", names=["Ana Silva"], titles=["President"]))
    assert resolve_description(linker, chain_of(["Admiral"]), WORDS) is None


def test_last_subject_is_the_person_who_was_last_a_subject(nlp):
    doc = nlp("Ana Silva met Jonas Berg. He thanked her.")
    assert [(t.text, t.dep_) for t in doc[6:9]] == [("He", "nsubj"), ("thanked", "ROOT"),
                                                    ("her", "dobj")]
    token_person = {0: 0, 1: 0, 3: 1, 4: 1}
    assert last_subject(doc[6], token_person, WORDS) == 0
    assert last_subject(doc[8], token_person, WORDS) is None  # an object continues nobody


@pytest.mark.parametrize(("text", "child", "parent"), [
    ("Omar Tal, the son of Idris Tal, arrived in Accra.", (0, 2), (6, 8)),
    ("Omar Tal arrived with his father, Idris Tal.", (0, 2), (7, 9)),
])
def test_kinship_relates_a_child_to_a_parent(nlp, text, child, parent):
    doc = nlp(text)
    linker = Linker()
    linker.link_name(list(doc[slice(*child)]))
    linker.link_name(list(doc[slice(*parent)]))
    kinship(doc, linker, WORDS)
    assert texts(doc[slice(*parent)]) == ["Idris", "Tal"]
    assert [p.relations for p in linker.people] == [[("child_of", "p1")], []]


def test_delegations_go_to_the_head_named_in_them_and_by_country_later(nlp):
    doc = nlp("A Portuguese delegation headed by Ana Silva arrived. The Portuguese delegation "
              "met officials.")
    linker = Linker()
    linker.link_name(list(doc[5:7]))
    assert delegations(doc, linker) == {2: 0, 11: 0}
    assert linker.people[0].countries == ["Portugal"]


# -- find ------------------------------------------------------------------------------------

def test_find_people_links_surnames_descriptions_and_pronouns(nlp):
    doc = nlp("Portuguese President Ana Silva met Prime Minister Jonas Berg in Lisbon. "
              "Silva said he was welcome. The Portuguese leader thanked Berg.")
    cast = find_people(doc, body=[True] * len(doc), quoted=[False] * len(doc), words=WORDS)
    assert [(p.name, p.titles, p.countries) for p in cast.people] == [
        ("Ana Silva", ["President"], ["Portugal"]), ("Jonas Berg", ["Prime Minister"], [])]
    linked = {t.text: cast.person_at(t) for t in doc[12:] if cast.person_at(t) is not None}
    assert linked == {"Silva": 0, "he": 0, "The": 0, "Portuguese": 0, "leader": 0, "Berg": 1}


def test_find_people_links_no_pronoun_in_quoted_speech(nlp):
    doc = nlp('Ana Silva arrived. He will sign, an aide said.')
    quoted = [t.i >= 4 for t in doc]
    linked = find_people(doc, body=[True] * len(doc), quoted=[False] * len(doc), words=WORDS)
    unlinked = find_people(doc, body=[True] * len(doc), quoted=quoted, words=WORDS)
    assert doc[4].text == "He"
    assert (linked.person_at(doc[4]), unlinked.person_at(doc[4])) == (0, None)


def test_find_people_takes_a_former_leader_for_nobody_named(nlp):
    doc = nlp("President Ana Silva of Portugal met the country's former leader in Lisbon.")
    cast = find_people(doc, body=[True] * len(doc), quoted=[False] * len(doc), words=WORDS)
    assert [p.name for p in cast.people] == ["Ana Silva"]
    assert [cast.person_at(t) for t in doc[7:10]] == [None, None, None]  # "former leader"


def test_find_people_creates_nobody_outside_prose(nlp):
    doc = nlp("President Ana Silva received Jonas Berg.")
    cast = find_people(doc, body=[False] * len(doc), quoted=[False] * len(doc), words=WORDS)
    assert (cast.people, cast.token_person) == ([], {})
