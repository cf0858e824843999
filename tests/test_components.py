"""The pipeline's own components (`extract.components`) and the vocabulary they hold
(`extract.vocabulary`): what each writes on a Doc, their order, trimming, and saving.
"""

from __future__ import annotations

import re

import pytest
import spacy
from spacy.tokens import Doc

from extract import load_pipeline
from extract.components import (
    CONTEXT,
    DATES,
    LETTERS,
    LINE_BREAKS,
    MEETINGS,
    PAIRS,
    PEOPLE,
    TOPICS,
    FoldingTokenizer,
)
from extract.components.context import page_of, quote_mask, read_context
from extract.components.letters import fold_letters, restore_letters
from extract.components.rules import RULE_COMPONENTS
from extract.components.sentences import line_breaks
from extract.dating.story import StoryDates
from extract.lexicon import LEXICON_PIPE
from extract.vocabulary import VOCABULARY, Words

STORY = ("Talks in Lisbon\nPresident Ana Silva received Prime Minister Jonas Berg in Lisbon on "
         'Monday. "We discussed trade and energy," she said.')


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def story(nlp) -> Doc:
    return nlp(STORY)


def tokens_of(doc: Doc, flags: list[bool]) -> str:
    return " ".join(t.text for t, flag in zip(doc, flags, strict=True) if flag)


# -- order and trimming ----------------------------------------------------------------------

def test_pipe_names_put_our_components_around_the_models(nlp):
    assert nlp.pipe_names == [
        "tok2vec", "tagger", LINE_BREAKS, "parser", "attribute_ruler", "ner", LETTERS,
        LEXICON_PIPE, CONTEXT, PEOPLE, DATES, MEETINGS, PAIRS, TOPICS]


def test_select_pipes_trims_the_rule_components_for_a_block(nlp):
    with nlp.select_pipes(disable=[MEETINGS, PAIRS, TOPICS]):
        doc = nlp("President Ana Silva received Prime Minister Jonas Berg.")
    assert [p.name for p in doc._.people] == ["Ana Silva", "Jonas Berg"]
    assert (doc._.drafts, doc._.meetings) == (None, None)
    assert nlp.pipe_names[-3:] == [MEETINGS, PAIRS, TOPICS]  # back after the block


# -- the extensions nlp(text) sets -----------------------------------------------------------

def test_context_marks_prose_stories_and_quotes(story):
    assert story._.page.article.id == "text" and story._.page.clean.text == STORY
    assert tokens_of(story, [not b for b in story._.body]) == "Talks in Lisbon \n"
    assert tokens_of(story, [not s for s in story._.story]) == "\n"  # a heading prose follows
    assert tokens_of(story, story._.quoted) == '" We discussed trade and energy , "'
    assert (story._.dateline, story._.dateline_span) == (None, (0, 0))


def test_context_reads_the_dateline(nlp):
    doc = nlp("LISBON, March 3, 2025 (Agency) - Ana Silva met Jonas Berg.")
    assert (doc._.dateline.value, doc._.dateline_span) == ("2025-03-03", (0, 32))


def test_people_sets_the_cast(story):
    assert [(p.name, p.titles) for p in story._.people] == [
        ("Ana Silva", ["President"]), ("Jonas Berg", ["Prime Minister"])]
    assert story._.cast.people is story._.people


def test_dates_set_the_story_dates(story, nlp):
    assert story._.story_dates == StoryDates(None, None)  # plain text: no publication date
    dated = nlp("LISBON, March 3, 2025 (Agency) - Ana Silva met Jonas Berg.")
    assert dated._.story_dates.reference.isoformat() == "2025-03-03"


def test_meetings_set_drafts_and_meetings(story):
    [meeting] = story._.meetings
    assert len(story._.drafts) == 1
    assert ({story._.people[k].name: r for k, r in meeting.participants.items()},
            meeting.location) == ({"Ana Silva": "host", "Jonas Berg": "guest"}, "Lisbon")


def test_topics_give_each_meeting_its_topics(nlp):
    doc = nlp("President Ana Silva received Prime Minister Jonas Berg in Lisbon on Monday. "
              "They discussed trade and energy.")
    assert [[m.name for m in meeting.topics] for meeting in doc._.meetings] == [
        ["trade", "energy"]]


# -- letters, line breaks, quotes, the page --------------------------------------------------

def test_fold_letters_keeps_one_letter_for_one():
    folded = fold_letters("Zoë Dragić met Ştefan Bârlă in Łódź")
    assert folded == "Zoe Dragic met Stefan Barla in Lodz"
    assert len(folded) == len("Zoë Dragić met Ştefan Bârlă in Łódź")


def test_folding_tokenizer_reads_folded_text_and_restore_letters_gives_it_back(nlp):
    assert isinstance(nlp.tokenizer, FoldingTokenizer)
    folded = nlp.tokenizer("Zoë Dragić arrived.")
    assert folded.text == "Zoe Dragic arrived."
    assert restore_letters(folded).text == "Zoë Dragić arrived."
    plain = nlp.tokenizer("Ana arrived.")
    assert restore_letters(plain) is plain


def test_letters_keep_the_models_reading_on_the_restored_words(nlp):
    doc = nlp("President Zoë Dragić received Jonas Berg.")
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "PERSON"] == [
        ("Zoë Dragić", "PERSON"), ("Jonas Berg", "PERSON")]
    assert doc[3].dep_ == "ROOT" and doc[3].text == "received"


@pytest.mark.parametrize(("text", "abbreviations", "starts"), [
    ("Talks in Oslo\nAna Silva met Jonas Berg.", (), [4]),  # after a short line
    ("Ana Silva met Jonas Berg in Oslo.\nThey talked.", (), [9]),  # after a stop
    ("Ana Silva met Jonas Berg in Oslo on a long\nday of talks.", (), []),  # a hard wrap
])
def test_line_breaks_start_a_sentence_where_a_line_ends_one(nlp, text, abbreviations, starts):
    doc = line_breaks(nlp.tokenizer(text), frozenset(abbreviations))
    assert [t.i for t in doc[1:] if t.is_sent_start] == starts


def test_line_breaks_start_no_sentence_after_an_abbreviation(nlp):
    doc = line_breaks(nlp.tokenizer("Hon. Ana Silva spoke."), frozenset({"hon."}))
    assert doc[0].text == "Hon." and doc[1].is_sent_start is False


def test_quote_mask_marks_the_tokens_of_quoted_speech(nlp):
    doc = nlp.tokenizer('Ana said "we met Bo" and “he left” but «not yet» soon.')
    assert tokens_of(doc, quote_mask(doc)) == '" we met Bo " “ he left ” « not yet »'


def test_page_of_a_plain_text_is_a_clean_story_of_its_own(nlp):
    doc = nlp.tokenizer("Talks\nThe two ministers met in Oslo.")
    page = page_of(doc)
    assert (page.article.id, page.article.path, page.article.published) == ("text", "<text>", None)
    assert [kind for _, _, kind in page.clean.lines] == ["heading", "body"]
    assert page_of(doc) is page  # set once, on the Doc


def test_read_context_sets_body_story_and_quoted(nlp):
    doc = read_context(nlp.tokenizer('Talks\nAna Silva said "we met Bo" in Oslo.\nShare this'))
    assert tokens_of(doc, doc._.body) == 'Ana Silva said " we met Bo " in Oslo .'
    assert tokens_of(doc, doc._.story) == 'Talks Ana Silva said " we met Bo " in Oslo .'
    assert tokens_of(doc, doc._.quoted) == '" we met Bo "'


# -- saving ----------------------------------------------------------------------------------

SMALL_WORDS = Words({"pronouns": frozenset({"zed", "zir"}), "side_words": frozenset()})


@pytest.mark.parametrize("name", list(RULE_COMPONENTS))
def test_a_rule_component_keeps_its_vocabulary_on_disk_and_in_bytes(name, tmp_path):
    component = RULE_COMPONENTS[name](SMALL_WORDS)
    component.to_disk(tmp_path / name)
    from_disk = RULE_COMPONENTS[name](Words.load()).from_disk(tmp_path / name)
    from_bytes = RULE_COMPONENTS[name](Words.load()).from_bytes(component.to_bytes())
    assert dict(from_disk.words) == dict(from_bytes.words) == dict(SMALL_WORDS)


@pytest.fixture(scope="module")
def reloaded(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("pipeline")
    nlp.to_disk(path)
    return spacy.util.load_model_from_path(path)


def test_a_saved_pipeline_loads_with_its_components_and_vocabularies(nlp, reloaded):
    assert reloaded.pipe_names == nlp.pipe_names
    for name in RULE_COMPONENTS:
        assert dict(reloaded.get_pipe(name).words) == dict(nlp.get_pipe(name).words)
    doc = reloaded("President Ana Silva received Prime Minister Jonas Berg in Lisbon.")
    assert [sorted(doc._.people[k].name for k in m.participants) for m in doc._.meetings] == [
        ["Ana Silva", "Jonas Berg"]]


@pytest.mark.xfail(strict=True, reason="nlp.to_disk saves the tokenizer FoldingTokenizer wraps, "
                                       "so a pipeline loaded back reads names with their marks "
                                       "on, and the model tags them differently")
def test_a_saved_pipeline_reads_letters_without_their_marks(reloaded):
    assert reloaded.tokenizer("Zoë Dragić arrived.").text == "Zoe Dragic arrived."


# -- the vocabulary --------------------------------------------------------------------------

def test_words_load_splits_strings_and_keeps_phrases():
    words = Words.load()
    assert words["pronouns"] == frozenset({"he", "she", "him", "her"})
    assert "head of state" in words["generic_leaders"]  # an array of phrases
    assert Words.load() is words  # read once


def test_words_load_reads_any_vocabulary_file(tmp_path):
    path = tmp_path / "vocabulary.toml"
    path.write_text('[pronouns]\nwords = "zed zir"\n\n[leaders]\nwords = ["head of state"]\n',
                    encoding="utf-8")
    words = Words.load(path)
    assert (sorted(words), words["pronouns"], words["leaders"]) == (
        ["leaders", "pronouns"], frozenset({"zed", "zir"}), frozenset({"head of state"}))
    assert VOCABULARY.name == "vocabulary.toml" and Words.load(VOCABULARY) is Words.load()


def test_words_union_joins_lists_once():
    words = Words.load()
    union = words.union("pronouns", "past_holders")
    assert union == words["pronouns"] | words["past_holders"]
    assert words.union("pronouns", "past_holders") is union


def test_an_unknown_label_is_a_key_error_naming_the_labels():
    with pytest.raises(KeyError, match=re.escape(
            "no word list 'pronoun'; there are pronouns, side_words")):
        SMALL_WORDS["pronoun"]


def test_words_round_trip_through_disk(tmp_path):
    words = Words.load()
    words.to_disk(tmp_path / "words.json")
    back = Words.from_disk(tmp_path / "words.json")
    assert dict(back) == dict(words) and len(back) == len(words)
