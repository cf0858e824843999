"""Resolving people across spellings and transliterations, with a user's alias rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from small_records import HAFTAR, LUKASHENKO, SADDAM, article, meeting, person, rules

from extract.records import ArticleExtraction
from kg.aliases import AliasFileError, load_rules
from kg.matching import match_names, match_tokens
from kg.names import fold, name_parts
from kg.resolve import PersonEntity, Resolution, resolve


def people_named(res: Resolution) -> dict[str, PersonEntity]:
    return {p.name: p for p in res.people.values()}


# -- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b", [
    ("alexander", "alaksandar"), ("alexander", "aleksandr"), ("alexander", "aliaksandr"),
    ("aleksandr", "aliaksandr"), ("mohammed", "muhammad"), ("belqasim", "belqassim"),
    ("dmitry", "dmitriy"), ("yevgeny", "evgeny"),
])
def test_given_name_variants_match(a, b):
    assert match_tokens(a, b) == "transliteration"


@pytest.mark.parametrize("a, b", [
    ("khalifa", "saddam"), ("aleksandr", "aleksandra"), ("mahmoud", "mohammed"),
    ("maria", "mario"), ("osama", "omar"),
])
def test_different_given_names_do_not_match(a, b):
    assert match_tokens(a, b) is None


@pytest.mark.parametrize("a, b", [
    ("Lukashenko", "Łukašenka"), ("Tymoshenko", "Tymoshenka"), ("Khodorkovsky", "Hodorkovski"),
    ("Gaddafi", "Gadhafi"),
])
def test_surnames_fold_alike(a, b):
    assert fold(name_parts(a).surname) == fold(name_parts(b).surname)


@pytest.mark.parametrize("a, b, rule", [
    ("Khalifa Haftar", "Khalifa Belqasim Haftar", "middle-name"),
    ("Khalifa Haftar", "Khalifa Belqasim Omar Haftar", "middle-name"),
    ("Khalifa Belqasim Haftar", "Khalifa Belqassim Haftar", "transliteration"),
    ("Khalifa Belqassim Haftar", "Khalifa Belqasim Omar Haftar", "middle-name"),
    ("Alexander Lukashenko", "Alaksandar Łukašenka", "transliteration"),
    ("Abdul Hamid Dbeibah", "Abdul Hamid al-Dbeibah", "exact"),
    ("Viktor Karankevich", "Viktor Karankevic", "fuzzy"),
    ("Khalifa Haftar", "Saddam Khalifa Haftar", None),
    ("Khalifa Omar Haftar", "Khalifa Belqasim Haftar", None),
    ("Sergei Ivanov", "Sergei Ivanova", None),
])
def test_match_names(a, b, rule):
    assert match_names(name_parts(a), name_parts(b)) == rule
    assert match_names(name_parts(b), name_parts(a)) == rule


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
def test_name_matching_never_crashes(a, b):
    pa, pb = name_parts(a), name_parts(b)
    if pa and pb and not pa.lone and not pb.lone:
        assert match_names(pa, pb) in (None, "exact", "transliteration", "middle-name", "fuzzy")


# -- people ---------------------------------------------------------------------------------


def test_transliterations_are_one_person():
    res = resolve([article("a1", LUKASHENKO),
                   article("a2", person("Alaksandar Łukašenka", countries=("Belarus",)))])
    (luka,) = res.people.values()
    assert (luka.id, luka.name, luka.aliases) == (
        "person:alexander-lukashenko", "Alexander Lukashenko", ["Alaksandar Łukašenka"])
    assert luka.alias_sources == {"Alexander Lukashenko": ["a1"], "Alaksandar Łukašenka": ["a2"]}
    assert luka.merged_by == ["transliteration"]
    assert res.person_of == {("a1", "p0"): luka.id, ("a2", "p0"): luka.id}


@pytest.mark.parametrize("variant", [
    "Khalifa Belqasim Haftar", "Khalifa Belqasim Omar Haftar", "Khalifa Belqassim Haftar",
])
def test_middle_names_may_be_missing(variant):
    res = resolve([article("a1", HAFTAR), article("a2", person(variant)),
                   article("a3", person("Khalifa Haftar"))])
    (haftar,) = res.people.values()
    assert (haftar.name, haftar.aliases, haftar.merged_by) == (
        "Khalifa Haftar", [variant], ["exact", "middle-name"])


def test_father_and_son_stay_two_people():
    res = resolve([article("a1", HAFTAR), article("a2", SADDAM),
                   article("a3", person("Saddam Haftar"), person("Khalifa Belqasim Haftar")),
                   article("a4", HAFTAR, SADDAM)])
    named = people_named(res)
    assert sorted(named) == ["Khalifa Haftar", "Saddam Khalifa Haftar"]
    assert named["Saddam Khalifa Haftar"].aliases == ["Saddam Haftar"]
    assert named["Khalifa Haftar"].aliases == ["Khalifa Belqasim Haftar"]


def test_different_middle_names_are_two_people():
    res = resolve([article("a1", person("Khalifa Omar Haftar")),
                   article("a2", person("Khalifa Belqasim Haftar"))])
    assert len(res.people) == 2


def test_conflicting_countries_keep_namesakes_apart():
    res = resolve([article("a1", person("Ahmed Ali", countries=("Egypt",))),
                   article("a2", person("Ahmed Ali", countries=("Somalia",))),
                   article("a3", person("Ahmed Ali"))])
    assert sorted(res.people) == ["person:ahmed-ali", "person:ahmed-ali-2"]
    assert res.person_of[("a1", "p0")] != res.person_of[("a2", "p0")]
    assert res.person_of[("a3", "p0")] == res.person_of[("a1", "p0")]


@pytest.mark.parametrize("others, merged", [
    ([], False),  # no context: a near spelling is not enough
    ([person("Alexander Lukashenko")], True),  # they both met Lukashenko
])
def test_a_fuzzy_match_needs_context(others, merged):
    def report(aid: str, name: str) -> ArticleExtraction:
        met = [meeting(0, 1)] if others else []
        return article(aid, person(name), *others, meetings=met)

    res = resolve([report("a1", "Viktor Karankevich"), report("a2", "Viktor Karankevic")])
    assert (res.person_of[("a1", "p0")] == res.person_of[("a2", "p0")]) is merged
    if merged:
        assert res.people[res.person_of[("a1", "p0")]].merged_by == ["fuzzy"]


@pytest.mark.parametrize("full_names, merged", [
    (["Muammar Gaddafi"], True),
    (["Khalifa Haftar", "Saddam Khalifa Haftar"], False),
])
def test_a_lone_surname_joins_the_only_full_name(full_names, merged):
    lone = "Gaddafi" if merged else "Haftar"
    res = resolve([*(article(f"a{i}", person(n)) for i, n in enumerate(full_names)),
                   article("b", person(lone))])
    joined = res.person_of[("b", "p0")]
    assert (res.people[joined].name != lone) is merged
    assert len(res.people) == len(full_names) + (not merged)
    if merged:
        assert res.people[joined].merged_by == ["surname-only"]


@pytest.mark.parametrize("names, rules_used", [
    (["Gaddafi", "Gaddafi"], ["exact"]),
    (["Lukashenko", "Łukašenka"], ["transliteration"]),
    (["Lukashenko", "Łukašenka", "Lukashenko"], ["exact", "transliteration"]),
])
def test_lone_surnames_join_each_other_without_a_full_name(names, rules_used):
    res = resolve([article(f"a{i}", person(name)) for i, name in enumerate(names)])
    (found,) = res.people.values()
    assert (found.name, found.merged_by) == (names[0], rules_used)


def test_a_lone_surname_stays_with_its_own_article():
    """The extractor kept "Gaddafi" apart from the article's own Muammar Gaddafi."""
    res = resolve([article("a1", person("Muammar Gaddafi"), person("Gaddafi"))])
    assert len(res.people) == 2


def test_relations_point_at_resolved_people():
    son = person("Saddam Haftar", relations=(("child_of", "p1"),))
    res = resolve([article("a1", HAFTAR, SADDAM), article("a2", son, person("Khalifa Haftar"))])
    assert people_named(res)["Saddam Khalifa Haftar"].relations == [
        ("child_of", "person:khalifa-haftar")]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.text(min_size=1, max_size=25), min_size=1, max_size=3),
                min_size=1, max_size=4))
def test_resolving_any_names_never_crashes(names):
    """Every record becomes one person, whatever the names (empty, odd scripts, digits...)."""
    corpus = [article(f"a{i}", *map(person, group), meetings=[meeting(*range(len(group)))])
              for i, group in enumerate(names)]
    res = resolve(corpus)
    assert set(res.person_of) == {(x.article.id, p.key) for x in corpus for p in x.people}
    assert all(len(m.participants) >= 2 for m in res.meetings)


# -- alias rules ----------------------------------------------------------------------------


def test_a_user_merge_joins_any_spellings():
    corpus = [article("a1", person("Muammar Gaddafi", countries=("Libya",))),
              article("a2", person("Moammar Kadhafi")), article("a3", person("Muammar Gaddafi"))]
    assert len(resolve(corpus).people) == 2
    res = resolve(corpus, rules=rules('[[merge]]\nnames = ["Muammar Gaddafi", "Moammar Kadhafi"]'))
    (gaddafi,) = res.people.values()
    assert (gaddafi.name, gaddafi.aliases, gaddafi.merged_by) == (
        "Muammar Gaddafi", ["Moammar Kadhafi"], ["user:merge"])


def test_a_user_merge_matches_spellings_loosely():
    res = resolve([article("a1", LUKASHENKO), article("a2", person("Łukašenka"))],
                  rules=rules('[[merge]]\nnames = ["Alexander Lukashenko", "Lukashenka"]'))
    assert len(res.people) == 1


def test_keep_apart_wins_over_automatic_merges():
    corpus = [article("a1", LUKASHENKO), article("a2", person("Alaksandar Łukašenka"))]
    res = resolve(corpus, rules=rules(
        '[[keep_apart]]\nnames = ["Alexander Lukashenko", "Alaksandar Łukašenka"]'))
    assert sorted(res.people) == ["person:alaksandar-lukasenka", "person:alexander-lukashenko"]


def test_load_rules_reads_a_file(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text('[[merge]]\nnames = ["Alexander Lukashenko", "Lukashenka"]\n\n'
                    '[[keep_apart]]\nnames = ["Khalifa Haftar", "Saddam Khalifa Haftar"]\n',
                    encoding="utf-8")
    loaded = load_rules(path)
    assert [g.names for g in loaded.merge] == [("Alexander Lukashenko", "Lukashenka")]
    assert [g.names for g in loaded.keep_apart] == [("Khalifa Haftar", "Saddam Khalifa Haftar")]
    assert load_rules(str(path)) == loaded


@pytest.mark.parametrize("text, message", [
    ('[[merge]]\nnames = ["Gaddafi"]', "merge[0].names: needs two names or more, not 1"),
    ('[[merge]]\nnames = ["Gaddafi", "--"]', "merge[0].names: '--' is not a name"),
    ('[[merges]]\nnames = ["A B", "C D"]', "merges: Extra inputs are not permitted"),
    ('[[merge]]\nname = ["A B", "C D"]', "merge[0].names: Field required"),
    ('[[merge]]\nnames = "A B"', "merge[0].names: Input should be a valid tuple"),
    ('[[merge]]\nnames = ["A B", "C D"]\n[[merge]]\nnames = ["C D", "E F"]\n'
     '[[keep_apart]]\nnames = ["A B", "E F"]',
     "keep_apart names 'A B' and 'E F', which are one person by the merge rules or by spelling"),
    ('[[merge]\nnames = 1', "not valid TOML: Expected ']]' at the end of an array declaration "
                            "(at line 1, column 8)"),
])
def test_a_bad_alias_file_is_one_line_naming_it(tmp_path, text, message):
    path = tmp_path / "aliases.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AliasFileError) as info:
        load_rules(path)
    assert str(info.value) == f"{path}: {message}"


def test_a_missing_alias_file(tmp_path):
    with pytest.raises(AliasFileError, match=r"nope\.toml: No such file or directory$"):
        load_rules(tmp_path / "nope.toml")
