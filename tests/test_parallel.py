"""run_extraction: the same records from one process, two processes, dask, and the cache."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

import extract.model
from extract import parallel
from extract.cache import ExtractionCache, extractor_fingerprint, open_cache
from extract.parallel import EngineError, run_extraction
from extract.pipeline import extract_article, extract_articles
from extract.records import Article

TEXTS = [
    "President Anna Kowalski of Poland held talks with Prime Minister Jonas Berg of Norway "
    "in Warsaw on March 3, 2024. They discussed energy and trade.",
    "Foreign Minister Lea Moreau received Deputy Foreign Minister Oskar Brandt in Bern "
    "yesterday. The sides discussed healthcare.",
    "Chancellor Ivo Marek welcomed President Sara Lind to Prague on Monday.\n\n"
    "Marek said the visit opened a new page in relations.",
    "Prime Minister Tomas Ruiz spoke by phone with President Nadia Haddad on March 1.",
    "President Elena Petrova will visit Chile next month to meet President Diego Soto.",
    "King Harald Sten hosted a delegation led by Vice President Mira Okafor in Oslo. "
    "The talks covered agriculture and education.",
]


def make_article(text: str, name: str) -> Article:
    digest = hashlib.sha1(text.encode()).hexdigest()
    return Article(id=f"{name}-{digest[:8]}", path=f"{name}.txt", text=text,
                   content_hash=digest, published=dt.date(2024, 3, 5))


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [make_article(text, f"a{i}") for i, text in enumerate(TEXTS)]


@pytest.fixture(scope="module")
def serial(articles):
    """What plain extract_articles gives: the reference every other way must match."""
    return list(extract_articles(articles, nlp=extract.model.load_pipeline()))


@pytest.fixture
def no_nlp(monkeypatch):
    """Make any use of the NLP pipeline fail the test."""
    def fail(*args, **kwargs):
        raise AssertionError("the NLP pipeline was used")
    monkeypatch.setattr(parallel, "_extract_chunk", fail)
    monkeypatch.setattr(extract.model, "load_pipeline", fail)
    monkeypatch.setattr(extract.model, "load_nlp", fail)


@pytest.fixture
def parsed(monkeypatch):
    """The ids of the articles parsed in this process, in order."""
    seen: list[str] = []
    real = parallel._Runner.parse_here

    def counting(self, chunk):
        seen.extend(a.id for a in chunk)
        return real(self, chunk)
    monkeypatch.setattr(parallel._Runner, "parse_here", counting)
    return seen


def test_serial_run_is_extract_articles(articles, serial):
    assert serial[0].meetings  # the articles do state meetings
    assert list(run_extraction(articles, chunk_size=4)) == serial


def test_two_workers_give_the_same_records(articles, serial, parsed):
    assert list(run_extraction(articles, workers=2, chunk_size=2)) == serial
    assert 0 < len(parsed) < len(articles)  # this process parsed some, the worker the rest


def test_workers_are_forked_only_while_no_other_thread_runs(monkeypatch):
    monkeypatch.setattr(parallel.sys, "platform", "linux")
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    assert parallel._start_method() == "fork"
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 2)  # a progress thread, say
    assert parallel._start_method() == "spawn"
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel.sys, "platform", "darwin")
    assert parallel._start_method() == "spawn"


def test_spawned_workers_give_the_same_records(articles, serial, monkeypatch):
    monkeypatch.setattr(parallel, "_start_method", lambda: "spawn")
    assert list(run_extraction(articles[:4], workers=2, chunk_size=1)) == serial[:4]


def test_dask_local_cluster_gives_the_same_records(articles, serial):
    pytest.importorskip("dask.distributed")
    got = list(run_extraction(articles[:4], workers=2, engine="dask", chunk_size=1))
    assert got == serial[:4]


def test_an_unreachable_scheduler_is_one_clear_error(articles):
    dask = pytest.importorskip("dask")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), pytest.raises(
            EngineError, match=r"^cannot reach the dask scheduler at tcp://127\.0\.0\.1:9: "):
        list(run_extraction(articles, engine="dask", scheduler="tcp://127.0.0.1:9"))


def test_second_run_comes_from_the_cache_without_nlp(tmp_path, articles, serial, request):
    cache = ExtractionCache(tmp_path)
    assert list(run_extraction(articles, cache=cache)) == serial
    assert (cache.hits, cache.misses, cache.writes) == (0, 6, 6)
    request.getfixturevalue("no_nlp")
    again = ExtractionCache(tmp_path)
    assert list(run_extraction(articles, cache=again, workers=2, engine="dask")) == serial
    assert (again.hits, again.misses, again.writes) == (6, 0, 0)


def test_hits_and_misses_come_back_in_input_order(tmp_path, articles, serial, parsed):
    cache = ExtractionCache(tmp_path)
    for record in serial[::2]:
        cache.put(record)
    assert list(run_extraction(articles, cache=cache, chunk_size=1)) == serial
    assert parsed == [a.id for a in articles[1::2]]


def test_same_text_at_another_path_gets_its_own_article(tmp_path, serial, request):
    moved = make_article(TEXTS[0], "elsewhere")
    fresh = extract_article(moved, nlp=extract.model.load_pipeline())
    cache = ExtractionCache(tmp_path)
    cache.put(serial[0])
    request.getfixturevalue("no_nlp")
    got = cache.get(moved)
    assert got == fresh
    evidence = [e for m in got.meetings for e in m.evidence]
    evidence += [e for p in got.people for e in p.evidence]
    assert evidence and {e.article for e in evidence} == {moved.id}


def test_another_date_is_another_entry(tmp_path, serial):
    cache = ExtractionCache(tmp_path)
    cache.put(serial[0])
    undated = serial[0].article.model_copy(update={"published": None})
    assert cache.get(undated) is None


CORRUPTIONS = {
    "empty": lambda entry: b"",
    "truncated": lambda entry: json.dumps(entry).encode()[:-10],
    "not JSON": lambda entry: b"{not json",
    "not UTF-8": lambda entry: b"\xff\xfe\x00",
    "a list": lambda entry: b"[]",
    "no records": lambda entry: b'{"format": 1}',
    "invalid records": lambda entry: json.dumps(
        {**entry, "records": {**entry["records"], "people": 3}}).encode(),
    "another article's": lambda entry: json.dumps({**entry, "content_hash": "0" * 40}).encode(),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_a_corrupt_entry_is_recomputed(tmp_path, articles, serial, corrupt, parsed):
    cache = ExtractionCache(tmp_path)
    cache.put(serial[1])
    entry = cache.path(articles[1])
    entry.write_bytes(corrupt(json.loads(entry.read_bytes())))
    assert cache.get(articles[1]) is None
    assert list(run_extraction(articles[1:2], cache=cache)) == serial[1:2]
    assert parsed == [articles[1].id]
    assert ExtractionCache(tmp_path).get(articles[1]) == serial[1]  # rewritten


@pytest.mark.parametrize("content_hash", ["../../escape", "h", "x" * 300, "ünïcode"])
def test_any_content_hash_gives_a_file_inside_the_folder(tmp_path, serial, content_hash):
    article = serial[0].article.model_copy(update={"content_hash": content_hash})
    cache = ExtractionCache(tmp_path / "cache")
    assert cache.path(article).resolve().is_relative_to((tmp_path / "cache").resolve())
    record = serial[0].model_copy(update={"article": article})
    assert cache.put(record) and cache.get(article) == record


def test_entries_of_another_extractor_are_not_read(tmp_path, serial):
    ExtractionCache(tmp_path, fingerprint="old").put(serial[0])
    assert ExtractionCache(tmp_path, fingerprint="new").get(serial[0].article) is None


def test_an_unwritable_cache_warns_once_and_goes_on(tmp_path, serial):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be")
    cache = ExtractionCache(blocker)
    with pytest.warns(RuntimeWarning, match="cannot be written"):
        assert cache.put(serial[0]) is False
    assert cache.put(serial[1]) is False  # no second warning (pytest fails on an unexpected one)
    assert cache.get(serial[0].article) is None


@pytest.fixture
def package_copy(tmp_path) -> Path:
    source = Path(extract.model.__file__).parent
    copy = tmp_path / "extract"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.parametrize("change", ["data/topics.jsonl", "data/new.tsv", "dates.py",
                                    "people/names.py", "data/vocabulary.toml"])
def test_the_fingerprint_changes_with_the_extractor(package_copy, change):
    before = extractor_fingerprint(package_copy, model="m 1.0")
    path = package_copy / change
    path.write_text((path.read_text("utf-8") if path.exists() else "") + "\n", "utf-8")
    assert extractor_fingerprint(package_copy, model="m 1.0") != before


def test_the_fingerprint_changes_with_the_model(package_copy):
    assert extractor_fingerprint(package_copy, model="m 1.0") != extractor_fingerprint(
        package_copy, model="m 1.1")


def test_the_fingerprint_ignores_byte_code(package_copy):
    before = extractor_fingerprint(package_copy, model="m")
    (package_copy / "__pycache__").mkdir()
    (package_copy / "__pycache__" / "dates.cpython-311.pyc").write_bytes(b"\0")
    assert extractor_fingerprint(package_copy, model="m") == before


def test_open_cache_reads_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DIPLOGRAPH_CACHE", str(tmp_path))
    assert open_cache().folder == tmp_path
    monkeypatch.setenv("DIPLOGRAPH_CACHE", "off")
    assert open_cache() is None
    assert open_cache(tmp_path / "x").folder == tmp_path / "x"


@pytest.mark.parametrize(("options", "message"), [
    ({"workers": 0}, "workers must be a positive integer, not 0"),
    ({"workers": 1.5}, "workers must be a positive integer, not 1.5"),
    ({"batch_size": 0}, "batch_size must be a positive integer, not 0"),
    ({"chunk_size": True}, "chunk_size must be a positive integer, not True"),
    ({"engine": "ray"}, "engine must be one of local, dask, not 'ray'"),
    ({"scheduler": "tcp://127.0.0.1:8786"}, "a scheduler address needs engine='dask'"),
])
def test_bad_options_raise_before_any_work(options, message):
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        run_extraction(iter(()), **options)


def test_a_cache_of_the_wrong_type_is_refused():
    with pytest.raises(TypeError, match="cache must be an ExtractionCache or None, not str"):
        run_extraction([], cache=".diplograph-cache")
