"""The learned reader of meetings: a spaCy component that scores every candidate pair of people
and decides the story's meetings from the pairs it accepts.

Its model is a logistic regression over hashed features (thinc's ``SparseLinear``): the rules'
findings are among its features, not the final word. It is trained with ``spacy train`` and
``training/meeting_pairs.cfg`` (see ``training/README.md``); the weights ship in
``extract/data/meeting_pairs``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.strings import hash_string  # type: ignore[attr-defined]  # not in spaCy's stub
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import (
    HashEmbed,
    Linear,
    Logistic,
    Model,
    Optimizer,
    Relu,
    SparseLinear,
    add,
    chain,
    reduce_sum,
    with_array,
)
from thinc.types import Floats2d, Ragged

from ..vocabulary import VOCABULARY, Words
from .candidates import Candidate, candidates, features
from .decide import decide

__all__ = ["FEATURES", "LABELS", "PAIRS", "MeetingPairs", "featurize"]

PAIRS = "diplograph_meeting_pairs"
# Set by the training reader: a Doc's candidates' features, and the reference's labels (1, 0,
# or None for a pair of one meeting told in another sentence: neither right nor wrong).
FEATURES = "diplograph.pair_features"
LABELS = "diplograph.pair_labels"
_Keys = tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]


@registry.architectures("diplograph.PairClassifier.v1")
def pair_classifier(length: int = 2**18) -> Model[_Keys, Floats2d]:
    """A logistic regression over hashed features: the probability that a pair met."""
    return chain(SparseLinear(nO=1, length=length), Logistic())


@registry.architectures("diplograph.PairNetwork.v1")
def pair_network(length: int = 2**18, rows: int = 2**14, width: int = 64, hidden: int = 32,
                 dropout: float = 0.2) -> Model[_Keys, Floats2d]:
    """A logistic regression over hashed features (wide) plus a small network over their
    embeddings (deep), which can learn which features matter together."""
    deep: Model[_Keys, Floats2d] = chain(
        _ragged_keys(), with_array(HashEmbed(nO=width, nV=rows, seed=11)), reduce_sum(),
        Relu(nO=hidden, nI=width, dropout=dropout), Linear(nO=1, nI=hidden))
    return chain(add(SparseLinear(nO=1, length=length), deep), Logistic())


def _ragged_keys() -> Model[_Keys, Ragged]:
    def forward(model: Model[_Keys, Ragged], inputs: _Keys, is_train: bool) -> tuple[
            Ragged, Callable[[Ragged], _Keys]]:
        keys, _, lengths = inputs
        # thinc types its arrays as classes of its own, which numpy's arrays are not to mypy.
        ragged = Ragged(model.ops.asarray(keys, dtype="uint64"),  # type: ignore[arg-type]
                        model.ops.asarray1i(lengths))  # type: ignore[arg-type]
        return ragged, lambda d: inputs

    return Model("ragged_keys", forward)


def featurize(feature_lists: Sequence[Sequence[str]]) -> _Keys:
    """The input of the model: every feature's hash, a value of 1 each, and the number of
    features of each candidate."""
    keys = numpy.array([hash_string(f) for fs in feature_lists for f in fs], dtype="uint64")
    return (keys, numpy.ones(len(keys), dtype="float32"),
            numpy.array([len(fs) for fs in feature_lists], dtype="int32"))


class MeetingPairs(TrainablePipe):
    """Scores the candidate pairs of each Doc and decides its meetings (``doc._.meetings``)."""

    def __init__(self, vocab: Vocab, model: Model[_Keys, Floats2d], name: str = PAIRS, *,
                 threshold: float = 0.5, rule_threshold: float | None = None,
                 vocabulary: str | None = None) -> None:
        self.vocab, self.model, self.name = vocab, model, name
        self.cfg: dict[str, Any] = {"threshold": threshold, "rule_threshold": rule_threshold,
                                    "vocabulary": vocabulary}
        self.words = Words.load(vocabulary or VOCABULARY)

    def _features(self, doc: Doc) -> tuple[list[Candidate], list[list[str]]]:
        if FEATURES in doc.user_data:  # a training Doc: read once, by the reader
            return [], doc.user_data[FEATURES]
        found = candidates(doc, self.words)
        return found, [features(doc, c, self.words) for c in found]

    def predict(self, docs: Iterable[Doc]) -> list[tuple[list[Candidate], list[float]]]:
        read = [self._features(doc) for doc in docs]
        flat = [f for _, feats in read for f in feats]
        scores = self.model.predict(featurize(flat))[:, 0].tolist() if flat else []
        out, at = [], 0
        for found, feats in read:
            out.append((found, scores[at:at + len(feats)]))
            at += len(feats)
        return out

    def set_annotations(self, docs: Iterable[Doc],
                        scored: list[tuple[list[Candidate], list[float]]]) -> None:
        for doc, (found, scores) in zip(docs, scored, strict=True):
            doc.user_data["diplograph.pair_scores"] = scores
            if FEATURES not in doc.user_data:
                decide(doc, found, scores, self.cfg["threshold"], self.words,
                       rule_threshold=self.cfg.get("rule_threshold"))

    def update(self, examples: Iterable[Example], *, drop: float = 0.0,
               sgd: Optimizer | None = None,
               losses: dict[str, float] | None = None) -> dict[str, float]:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        feats, labels = [], []
        for eg in examples:
            for fs, label in zip(eg.predicted.user_data[FEATURES],
                                 eg.reference.user_data[LABELS], strict=True):
                if label is not None:
                    feats.append(fs)
                    labels.append(label)
        if not feats:
            return losses
        scores, backprop = self.model.begin_update(featurize(feats))
        gold = numpy.array(labels, dtype="float32").reshape(-1, 1)
        backprop(scores - gold)  # the gradient of the log loss through the logistic
        # numpy's ufuncs are typed for numpy's arrays, not thinc's Floats2d (one at run time).
        losses[self.name] += float(-numpy.mean(
            gold * numpy.log(scores + 1e-9)  # type: ignore[call-overload]
            + (1 - gold) * numpy.log(1 - scores + 1e-9)))
        if sgd is not None:
            self.finish_update(sgd)
        return losses

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *,
                   nlp: Language | None = None) -> None:
        self.model.initialize()

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, float]:
        """Precision, recall and F1 of the accepted pairs against the labels."""
        hits = system = gold = 0
        for eg in examples:
            scores = eg.predicted.user_data.get("diplograph.pair_scores", [])
            for score, label in zip(scores, eg.reference.user_data[LABELS], strict=True):
                if label is None:
                    continue
                accepted = score >= self.cfg["threshold"]
                hits += accepted and label == 1
                system += accepted
                gold += label == 1
        p = hits / system if system else 0.0
        r = hits / gold if gold else 0.0
        return {"pairs_p": p, "pairs_r": r, "pairs_f": 2 * p * r / (p + r) if p + r else 0.0}


@Language.factory(PAIRS, default_config={
    "model": {"@architectures": "diplograph.PairClassifier.v1", "length": 2**18},
    "threshold": 0.5, "rule_threshold": None, "vocabulary": None})
def make_meeting_pairs(nlp: Language, name: str, model: Model[_Keys, Floats2d],
                       threshold: float, rule_threshold: float | None,
                       vocabulary: str | None) -> MeetingPairs:
    """The learned reader of meetings (see `MeetingPairs`): a pair is accepted when scored
    at least `threshold`, or `rule_threshold` where a rule put it in one meeting."""
    return MeetingPairs(nlp.vocab, model, name, threshold=threshold,
                        rule_threshold=rule_threshold, vocabulary=vocabulary)


# The trained pipeline of this one component (`spacy train`'s model-best), which the
# extraction pipeline sources it from.
WEIGHTS = Path(__file__).parent.parent / "data" / "meeting_pairs"
