"""The synthetic corpus of benchmarks/corpus.py: deterministic, complete, and true to its gold."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from evaluation import load_gold
from extract.sources import read_articles

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.py"


@pytest.fixture(scope="module")
def corpus():
    """benchmarks/corpus.py as a module (benchmarks/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("diplograph_bench_corpus", CORPUS)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_files(corpus, tmp_path):
    one = corpus.write_corpus(tmp_path / "one", 12, seed=3)
    two = corpus.write_corpus(tmp_path / "two", 12, seed=3)
    for a, b in zip(one, two, strict=True):
        assert files(a) == files(b)


def test_another_seed_other_articles(corpus):
    one = {a.text for a in corpus.generate(5, seed=1)}
    assert one.isdisjoint(a.text for a in corpus.generate(5, seed=2))


@pytest.fixture(scope="module")
def written(corpus, tmp_path_factory):
    return corpus.write_corpus(tmp_path_factory.mktemp("corpus"), 40, seed=1)


def test_n_distinct_articles_and_n_gold_files(written):
    articles, gold = written
    texts = files(articles)
    assert len(texts) == 40 and len(set(texts.values())) == 40
    assert sorted(p.stem for p in gold.iterdir()) == sorted(Path(n).stem for n in texts)


def test_articles_are_read_with_their_date(written):
    articles, _ = written
    read = list(read_articles([articles]))
    assert len(read) == 40
    assert all(a.published is not None for a in read)
    assert len({a.content_hash for a in read}) == 40


def test_gold_loads_and_every_participant_is_in_the_text(written):
    articles, gold = written
    gold_set = load_gold(gold)
    assert len(gold_set.articles) == 40
    for article in gold_set.articles:
        text = (articles / article.file).read_text("utf-8")
        assert article.meetings
        for meeting in article.meetings:
            assert len(meeting.participants) == 2
            for name in (*meeting.participants, *meeting.optional_participants):
                assert name in text, (article.file, name)
            assert meeting.evidence in text
        for person in article.people:
            assert person.name in text


def test_the_corpus_has_every_kind_of_meeting(written):
    _, gold = written
    meetings = [m for p in sorted(gold.iterdir())
                for m in json.loads(p.read_text("utf-8"))["meetings"]]
    assert {m["mode"] for m in meetings} == {"in_person", "phone_call", "video"}
    assert {m["status"] for m in meetings} == {"held", "planned"}
    assert any(m["historical"] for m in meetings)
    assert any(m["optional_participants"] for m in meetings)
    assert len({m["note"] for m in meetings}) >= 12  # phrasings


def test_page_noise_is_in_the_text_and_not_in_the_gold(written):
    articles, gold = written
    texts = [p.read_text("utf-8") for p in sorted(articles.iterdir())]
    assert all("https://" in t and "Related news" in t for t in texts)
    assert any("Comments (" in t and " min ago" in t for t in texts)
    for path in sorted(gold.iterdir()):
        data = json.loads(path.read_text("utf-8"))
        names = {p["name"] for p in data["people"]}
        assert names.isdisjoint(data["not_people"])


def test_the_command_line(corpus, tmp_path, capsys):
    assert corpus.main(["--n", "3", "--out", str(tmp_path), "--seed", "5"]) == 0
    assert capsys.readouterr().out == (
        f"wrote 3 articles to {tmp_path / 'articles'} and their gold to {tmp_path / 'gold'}\n")
    assert len(list((tmp_path / "articles").iterdir())) == 3
