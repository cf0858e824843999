"""The training examples of the learned reader: every candidate pair of people of a page, with
its features and its label from the page's gold annotation.

``spacy train training/meeting_pairs.cfg --code training/reader.py`` reads a split with the
registered reader ``diplograph.PairExamples.v1``. A page is read once by the extraction
pipeline (rules included); its candidates' features ride on a small Doc of the page's id, and
their labels on the reference Doc, so that training never parses a page twice.

A pair is labelled 1 when both people took part in one gold meeting and the sentence states it
(it overlaps the meeting's evidence); a pair of one gold meeting seen in another sentence, or
with a person the gold only thinks probably took part, is left out (None); any other pair is 0.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.training import Example  # noqa: E402
from spacy.util import registry  # noqa: E402

from evaluation.gold import GoldArticle, load_gold  # noqa: E402
from evaluation.people import GoldIdentity, Roster, SystemPerson  # noqa: E402
from extract.components import Page  # noqa: E402
from extract.learned.candidates import Candidate, candidates, features  # noqa: E402
from extract.learned.component import FEATURES, LABELS  # noqa: E402
from extract.model import load_pipeline  # noqa: E402
from extract.pipeline import read_docs  # noqa: E402
from extract.records import Article  # noqa: E402
from extract.sources import read_article  # noqa: E402
from extract.vocabulary import Words  # noqa: E402
from kg.names import name_key  # noqa: E402

__all__ = ["labelled_pages", "pages", "pair_examples"]


def pages(folder: Path) -> list[Article]:
    """The articles of a corpus folder, as `diplograph` reads them, with their addresses."""
    urls = {row["file"]: row["url"] for row in map(json.loads, (
        ROOT / "manifest.jsonl").read_text(encoding="utf-8").splitlines())}
    return [read_article(path).model_copy(update={"url": urls.get(path.name)})
            for path in sorted((folder / "articles").glob("*.txt"))]


def _labels(doc: Doc, found: list[Candidate], gold: GoldArticle) -> list[int | None]:
    page: Page = doc._.page
    written = [p for m in gold.meetings for p in (*m.participants, *m.optional_participants)]
    roster = Roster(gold.people, written)
    linked = [_linked(roster, p.names) for p in doc._.cast.people]
    meetings = []
    for m in gold.meetings:
        at = page.article.text.find(m.evidence or "\0")
        span = (at, at + len(m.evidence or "")) if at >= 0 else None
        meetings.append(({roster[p] for p in m.participants},
                         {roster[p] for p in m.optional_participants}, span))
    labels: list[int | None] = []
    for c in found:
        start = page.clean.to_original(doc[c.start].idx)
        end = page.clean.to_original(doc[c.end - 1].idx + len(doc[c.end - 1]), end=True)
        label: int | None = 0
        for required, optional, span in meetings:
            if linked[c.a] & required and linked[c.b] & required and (
                    span is not None and start < span[1] and span[0] < end):
                label = 1
                break
            if linked[c.a] & (required | optional) and linked[c.b] & (required | optional):
                label = None
        labels.append(label)
    return labels


def _linked(roster: Roster, names: list[str]) -> frozenset[GoldIdentity]:
    """The gold people a person of the page may be: as the scorer links them, or by a name
    whose every word the person's name has ("Emperor Naruhito" is "Naruhito"). Labels are
    looser than scores, so that a title the reader left in a name does not teach it that a
    meeting was none."""
    person = SystemPerson.of(names[0], {"name": names[0], "aliases": names})
    words = [set(name_key(n).split()) for n in names]
    return roster.linked(person) | {g for g in roster.people
                                    if any(set(key.split()) <= w for key in g.names
                                           for w in words)}


@functools.cache
def labelled_pages(folder: str) -> tuple[tuple[str, tuple[tuple[str, ...], ...],
                                               tuple[int | None, ...]], ...]:
    """(page file, candidates' features, labels) of every page of a corpus folder."""
    nlp = load_pipeline(learned=False)  # the rules' reading: the features of the candidates
    words = Words.load()
    gold = {a.file: a for a in load_gold(folder).articles}
    out = []
    for doc in read_docs(pages(Path(folder)), nlp=nlp, timeout=None):
        name = Path(doc._.page.article.path).name
        found = candidates(doc, words)
        out.append((name, tuple(tuple(features(doc, c, words)) for c in found),
                    tuple(_labels(doc, found, gold[name]))))
    return tuple(out)


@registry.readers("diplograph.PairExamples.v1")
def pair_examples(path: str, limit: float = 1.0) -> Callable[[Language], Iterator[Example]]:
    """The examples of a corpus folder; `limit` keeps that share of its pages (in name order
    shuffled with a fixed seed), for learning curves."""

    def read(nlp: Language) -> Iterator[Example]:
        labelled = _share(labelled_pages(str(Path(path).resolve())), limit)
        for name, feats, labels in labelled:
            predicted = Doc(nlp.vocab, words=[name])
            reference = Doc(nlp.vocab, words=[name])
            predicted.user_data[FEATURES] = [list(f) for f in feats]
            reference.user_data[LABELS] = list(labels)
            yield Example(predicted, reference)

    return read


def _share(items: Iterable[tuple], limit: float) -> list[tuple]:
    import random

    items = sorted(items)
    random.Random(0).shuffle(items)
    return items[:max(1, round(len(items) * limit))]
