"""The learned reader of meetings: its candidates and features, its decisions, its weights, and
the corpus it is trained on (training/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from evaluation import load_gold
from evaluation.agreement import agreement, graph_of
from extract import load_pipeline
from extract.learned.candidates import Candidate, candidates, features
from extract.learned.component import PAIRS, featurize
from extract.learned.decide import _groups, decide
from extract.vocabulary import Words

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "training"
WORDS = Words.load()


@pytest.fixture(scope="module")
def rules():
    """The pipeline without the learned reader: the rules' reading, the reader's input."""
    return load_pipeline(learned=False)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def names(doc, candidate):
    return {doc._.people[candidate.a].name, doc._.people[candidate.b].name}


def test_every_two_people_of_a_sentence_are_a_candidate(rules):
    doc = rules("President Ana Silva received Prime Minister Jonas Berg and Carl Dunn. "
                "Later Eva Lund spoke.")
    found = candidates(doc, WORDS)
    assert [names(doc, c) for c in found] == [
        {"Ana Silva", "Jonas Berg"}, {"Ana Silva", "Carl Dunn"}, {"Jonas Berg", "Carl Dunn"}]
    assert all(c.start == 0 for c in found)


def test_a_pair_the_rules_joined_is_a_candidate_though_not_both_are_named_there(rules):
    doc = rules("President Ana Silva and Prime Minister Jonas Berg are old friends. "
                "They first met in 2009.")
    found = [c for c in candidates(doc, WORDS) if c.start > 0]
    assert [names(doc, c) for c in found] == [{"Ana Silva", "Jonas Berg"}]
    assert "pair:not_both_mentioned" in features(doc, found[0], WORDS)


@pytest.mark.parametrize("text", [
    "Jonas Berg thanked President Ana Silva for the talks and conveyed Erik Lund's greetings.",
    "President Ana Silva received Jonas Berg, who brought a message from President Erik Lund.",
    "President Ana Silva received Jonas Berg, the son of Field Marshal Erik Lund, in Oslo.",
])
def test_who_only_sends_greetings_or_is_named_as_kin_is_in_no_pair(rules, text):
    doc = rules(text)
    assert [names(doc, c) for c in candidates(doc, WORDS)] == [{"Ana Silva", "Jonas Berg"}]


def test_kin_who_take_part_stay_in_pairs(rules):
    doc = rules("President Ana Silva met Jonas Berg and his father, Erik Lund, in Oslo.")
    assert len(candidates(doc, WORDS)) == 3


def test_features_say_what_the_rules_the_parse_and_the_words_say(rules):
    doc = rules("President Ana Silva received Prime Minister Jonas Berg in Lisbon on Monday.")
    (candidate,) = candidates(doc, WORDS)
    found = features(doc, candidate, WORDS)
    for feature in ("bias", "rule:pair", "rule:verb_arguments", "rule:kind:receive",
                    "trigger:receive:in_person", "sent:date", "path:nsubj^dobj",
                    "path:top:received", "verb:kind:receive"):
        assert feature in found


def test_featurize_hashes_every_feature_of_every_candidate():
    keys, values, lengths = featurize([["bias", "a"], ["bias"]])
    assert keys.dtype.name == "uint64" and len(keys) == 3
    assert keys[0] == keys[2]  # one feature, one key
    assert values.tolist() == [1.0, 1.0, 1.0] and lengths.tolist() == [2, 1]


def test_decide_joins_accepted_pairs_into_meetings_and_drops_refused_ones(rules):
    doc = rules("President Ana Silva received Prime Minister Jonas Berg and Minister Carl Dunn.")
    found = candidates(doc, WORDS)
    scores = [0.9 if "Ana Silva" in names(doc, c) else 0.0 for c in found]
    decide(doc, found, scores, 0.5, WORDS)
    assert [sorted(doc._.people[p].name for p in m.participants) for m in doc._.meetings] == [
        ["Ana Silva", "Carl Dunn", "Jonas Berg"]]
    decide(doc, found, [0.0] * len(found), 0.5, WORDS)
    assert doc._.meetings == []


@pytest.mark.parametrize(("text", "meetings"), [
    ("President Ana Silva held separate meetings with Prime Minister Jonas Berg and Minister "
     "Carl Dunn.", [["Ana Silva", "Carl Dunn"], ["Ana Silva", "Jonas Berg"]]),
    ("Prime Minister Jonas Berg and Minister Carl Dunn met separately with President Ana "
     "Silva.", [["Ana Silva", "Carl Dunn"], ["Ana Silva", "Jonas Berg"]]),
    # without the word, a list is one meeting
    ("President Ana Silva held meetings with Prime Minister Jonas Berg and Minister Carl Dunn.",
     [["Ana Silva", "Carl Dunn", "Jonas Berg"]]),
])
def test_separate_meetings_are_one_with_each(rules, text, meetings):
    doc = rules(text)
    found = candidates(doc, WORDS)
    decide(doc, found, [0.9] * len(found), 0.5, WORDS)
    assert sorted(sorted(doc._.people[p].name for p in m.participants)
                  for m in doc._.meetings) == meetings


def _members(groups):
    return [sorted({p for c, _ in group for p in (c.a, c.b)}) for group in groups]


def test_someone_unsaid_meets_each_named_group_without_gluing_them():
    # 0: the story's host, whom rules bring in (no words in the sentence); 1 and 2 are named.
    # "1's visit follows that of his father 2, who came in February": two drafts, two visits.
    host_1, host_2 = Candidate(0, 9, 0, 1, (), (3,)), Candidate(0, 9, 0, 2, (), (7,))
    drafts = [SimpleNamespace(participants={0: "host", 1: "guest"}),
              SimpleNamespace(participants={0: "host", 2: "guest"})]
    assert _members(_groups([(host_1, 0.9), (host_2, 0.8)], drafts)) == [[0, 1], [0, 2]]
    # "the meeting was attended by 1 and 2": one draft holds both, one meeting of three
    one_draft = [SimpleNamespace(participants={0: "host", 1: "participant", 2: "participant"})]
    assert _members(_groups([(host_1, 0.9), (host_2, 0.8)], one_draft)) == [[0, 1, 2]]
    # named people joined by an accepted pair are one meeting, whatever the drafts say
    named = Candidate(0, 9, 1, 2, (3,), (7,))
    assert _members(_groups([(host_1, 0.9), (host_2, 0.8), (named, 0.7)], drafts)) == [
        [0, 1, 2]]
    # nobody named: the unsaid people meet as they pair
    unsaid = [(Candidate(0, 9, 0, 3, (), ()), 0.9), (Candidate(0, 9, 3, 4, (), ()), 0.9)]
    assert _members(_groups(unsaid, [])) == [[0, 3, 4]]


def test_a_rules_meeting_stands_unless_the_model_is_sure_it_is_none(rules):
    doc = rules("President Ana Silva received Prime Minister Jonas Berg.")
    found = candidates(doc, WORDS)
    decide(doc, found, [0.2], 0.6, WORDS, rule_threshold=0.1)
    assert len(doc._.meetings) == 1 and "learned" in doc._.meetings[0].rules
    doc = rules("President Ana Silva received Prime Minister Jonas Berg.")
    decide(doc, candidates(doc, WORDS), [0.05], 0.6, WORDS, rule_threshold=0.1)
    assert doc._.meetings == []


def test_the_shipped_reader_loads_offline_and_reads_a_meeting(nlp):
    assert PAIRS in nlp.pipe_names
    pairs = nlp.get_pipe(PAIRS)
    assert (pairs.cfg["threshold"], pairs.cfg["rule_threshold"]) == pytest.approx((0.6, 0.1))
    doc = nlp("Foreign Minister Ana Silva held talks with her counterpart Jonas Berg in Oslo.")
    assert [sorted(doc._.people[p].name for p in m.participants) for m in doc._.meetings] == [
        ["Ana Silva", "Jonas Berg"]]
    assert doc.user_data["diplograph.pair_scores"][0] > 0.6


def test_the_reader_is_small_enough_to_ship():
    weights = ROOT / "extract" / "data" / "meeting_pairs"
    assert sum(f.stat().st_size for f in weights.rglob("*") if f.is_file()) < 30 * 2**20


def test_make_model_gives_the_shipped_weights_byte_for_byte(tmp_path):
    # What `make model` runs (about 30 s). Training sums features in order, so a change that
    # only reorders them gives other weights: this says when the reader must be trained again.
    # Another release of a dependency may read a page otherwise and give other weights too:
    # then the check cannot tell, and says so (training/ship.py records what trained them).
    subprocess.run([sys.executable, "-m", "spacy", "train", "training/meeting_pairs.cfg",
                    "--code", "training/reader.py", "--output", str(tmp_path)],
                   cwd=ROOT, check=True, capture_output=True)
    shipped = ROOT / "extract" / "data" / "meeting_pairs"
    trained = (tmp_path / "model-best" / PAIRS / "model").read_bytes()
    if trained != (shipped / PAIRS / "model").read_bytes():
        sys.path.insert(0, str(TRAINING))
        import ship

        recorded = json.loads((shipped / "meta.json").read_text(encoding="utf-8"))["trained_with"]
        installed = ship.installed_requirements()
        moved = {name: f"{version} -> {installed.get(name)}"
                 for name, version in recorded.items() if installed.get(name) != version}
        if moved:
            pytest.skip(f"the shipped weights were trained with other packages: {moved}")
        pytest.fail("make model gives other weights than the shipped ones, with the same "
                    "packages: train the reader again (make model)")


# -- the corpus --------------------------------------------------------------------------------


def test_no_page_appears_twice_in_the_corpus_or_beside_the_projects_own_sets():
    sys.path.insert(0, str(TRAINING))
    import corpus

    assert corpus.check() == []


def test_every_annotation_quotes_its_page_and_every_page_has_a_manifest_line():
    sys.path.insert(0, str(TRAINING))
    import check

    for split in ("train", "dev", "test", "reserve"):
        assert check.check(TRAINING / split) == []
    rows = [json.loads(line) for line in (TRAINING / "manifest.jsonl").read_text().splitlines()]
    for row in rows:
        assert (TRAINING / row["split"] / "articles" / row["file"]).exists()
    assert len(rows) == len({row["url"] for row in rows}) == 970
    assert sum(row["split"] == "test" for row in rows) >= 100
    assert sum(row["kind"] == "no_meeting" for row in rows) / len(rows) >= 0.2


def test_add_moves_a_batch_into_the_reserve_with_its_manifest_line(tmp_path, monkeypatch):
    sys.path.insert(0, str(TRAINING))
    import corpus

    root = tmp_path / "training"
    for folder in corpus.FOLDERS:
        (root / folder / "articles").mkdir(parents=True)
    (root / "manifest.jsonl").write_text("", encoding="utf-8")
    batch = tmp_path / "incoming" / "zz"
    (batch / "articles").mkdir(parents=True)
    (batch / "articles" / "zz001.txt").write_text("Minister Ana Silva met Jonas Berg in Oslo.")
    (batch / "zz001.json").write_text(json.dumps({"file": "zz001.txt", "meetings": []}))
    (batch / "manifest.jsonl").write_text(json.dumps({"id": "zz001", "file": "zz001.txt"}) + "\n")
    monkeypatch.setattr(corpus, "ROOT", root)
    monkeypatch.setattr(corpus, "other_pages", dict)

    with pytest.raises(ValueError, match="not dev"):
        corpus.add([batch], "dev")  # dev and test stay the pages first measured
    for argv in (["add", "--to"], ["add", "--to", "dev", str(batch)], ["add", "--to", "reserve"]):
        assert corpus.main(argv) == 2  # the usage, and nothing moves
    assert corpus.add([batch], "reserve") == []
    assert (root / "reserve" / "articles" / "zz001.txt").exists()
    assert (root / "reserve" / "zz001.json").exists()
    assert not (batch / "articles" / "zz001.txt").exists()
    [line] = (root / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {"id": "zz001", "file": "zz001.txt", "batch": "zz",
                                "split": "reserve"}


def test_two_annotators_agree_as_the_model_card_says():
    first = load_gold(TRAINING / "test")  # any split: agreement keeps the pages both annotated
    articles = tuple(a for split in ("train", "dev", "test", "reserve")
                     for a in load_gold(TRAINING / split).articles)
    report = agreement(first.model_copy(update={"articles": articles}),
                       load_gold(TRAINING / "double"))
    assert len(report.articles.files) == 66
    assert report.articles.meetings.f1 == 0.807


def test_graph_of_a_gold_file_scores_perfectly_against_itself():
    gold = load_gold(TRAINING / "dev")
    report = agreement(gold, gold)
    assert report.articles.meetings.recall == 1.0
    assert graph_of(gold).number_of_nodes() > len(gold.articles)
