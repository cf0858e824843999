"""The attribute ruler matched by table (`extract.components.attributes`) gives what spaCy's
gives: the same parts of speech, morphology, tags and arcs on every token of real pages."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from extract import load_pipeline, read_articles
from extract.components.attributes import TabledAttributeRuler

ROOT = Path(__file__).resolve().parent.parent
ANNOTATED = [TAG, POS, MORPH, LEMMA, HEAD, DEP]


@pytest.fixture(scope="module")
def parsed():
    """Real pages (the seeds and a gold set), tagged and parsed, before any attribute ruler."""
    nlp = load_pipeline()
    texts = [a.text for a in read_articles([ROOT / "seeds", ROOT / "tests/gold/blind/articles"])]
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe(texts))
    return nlp, docs


def _apply(ruler: AttributeRuler, docs):
    out = [copy.copy(doc) for doc in docs]
    for doc in out:
        ruler(doc)
    return [doc.to_array(ANNOTATED) for doc in out]


def test_the_pipeline_uses_the_table(parsed):
    nlp, _ = parsed
    assert isinstance(nlp.get_pipe("attribute_ruler"), TabledAttributeRuler)


def test_the_table_annotates_as_spacy_does(parsed):
    nlp, docs = parsed
    table = nlp.get_pipe("attribute_ruler")
    spacy_ruler = AttributeRuler(nlp.vocab)
    spacy_ruler.add_patterns(table.patterns)
    got, want = _apply(table, docs), _apply(spacy_ruler, docs)
    assert sum(len(a) for a in got) > 5_000
    assert all((a == b).all() for a, b in zip(got, want, strict=True))
    assert {nlp.vocab.strings[int(p)] for a in got for p in a[:, 1]} >= {"PROPN", "VERB", "AUX"}


def test_patterns_of_another_shape_go_to_spacys_matcher(parsed):
    nlp, docs = parsed
    table = TabledAttributeRuler(nlp.vocab)
    # An operator ("OP") the table does not read: the whole set goes to the Matcher.
    table.add([[{"LOWER": "the"}, {"TAG": "NNP", "OP": "+"}]], {"POS": "X"})
    spacy_ruler = AttributeRuler(nlp.vocab)
    spacy_ruler.add([[{"LOWER": "the"}, {"TAG": "NNP", "OP": "+"}]], {"POS": "X"})
    got, want = _apply(table, docs), _apply(spacy_ruler, docs)
    assert all((a == b).all() for a, b in zip(got, want, strict=True))


def test_added_patterns_are_read_at_once(parsed):
    nlp, docs = parsed
    table = TabledAttributeRuler(nlp.vocab)
    table.add([[{"TAG": "NNP"}]], {"POS": "PROPN"})
    doc = copy.copy(docs[0])
    table(doc)
    table.add([[{"TAG": "NNP"}]], {"POS": "X"})  # a later pattern wins, as in spaCy's
    table(doc)
    assert {t.pos_ for t in doc if t.tag_ == "NNP"} == {"X"}
