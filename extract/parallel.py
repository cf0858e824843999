"""Run extraction over many articles: from the cache, in worker processes, or on a dask cluster."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Literal, Protocol

from diplograph.errors import DiplographError
from diplograph.limits import SECONDS_PER_PIECE

from .cache import ExtractionCache
from .records import Article, ArticleExtraction

__all__ = ["CHUNK_SIZE", "ENGINES", "EngineError", "run_extraction"]

ENGINES = ("local", "dask")
Engine = Literal["local", "dask"]
# Articles sent to a worker at a time: small enough that the last chunks spread over every
# worker, large enough that shipping them costs nothing next to parsing them.
CHUNK_SIZE = 8
_LOCK = threading.Lock()  # one pipeline per worker process, used by one thread at a time


class EngineError(DiplographError):
    """The workers cannot be had: dask is not installed, the scheduler cannot be reached, or a
    worker process died."""


def _extract_chunk(articles: list[Article], batch_size: int,
                   timeout: float | None = SECONDS_PER_PIECE,
                   on_piece: Callable[[str, int, int], object] | None = None,
                   ) -> list[ArticleExtraction]:
    """Extract a chunk of articles in a worker, loading the pipeline once per process."""
    from .model import load_pipeline
    from .pipeline import extract_articles

    with _LOCK:
        return list(extract_articles(articles, nlp=load_pipeline(), batch_size=batch_size,
                                     timeout=timeout, on_piece=on_piece))


def _warm_up() -> None:
    """Load the pipeline as a worker process starts, so that workers load it side by side.

    A failure is left for the first chunk to raise: an error in a pool's initializer only
    breaks the pool, without saying why.
    """
    from .model import load_pipeline

    with contextlib.suppress(Exception):
        load_pipeline()


def _start_method() -> str:
    """How to start worker processes: "fork" where it is safe, else "spawn".

    A forked worker inherits this process's loaded pipeline (and shares its memory until
    either writes to it), so it parses from the first moment; spaCy's own ``nlp.pipe(n_process=)``
    forks the same way. Forking is unsafe once other threads run (a lock one of them holds is
    copied held) and on macOS, whose system libraries do not survive it: there each worker is a
    clean "spawn"ed interpreter that loads the pipeline itself.
    """
    if (sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1):
        return "fork"
    return "spawn"


class _Result(Protocol):
    def done(self) -> bool: ...

    def result(self) -> list[ArticleExtraction]: ...


class _Guarded:
    """A process pool's future whose broken pool is reported as an `EngineError`."""

    def __init__(self, future: Future[list[ArticleExtraction]]) -> None:
        self.future = future

    def done(self) -> bool:
        return self.future.done()

    def result(self) -> list[ArticleExtraction]:
        try:
            return self.future.result()
        except BrokenProcessPool as e:
            raise EngineError(f"a worker process died: {e}") from None


class _Runner:
    """Where chunks are parsed: in this process, in worker processes, or on a dask cluster.

    With the local engine this process is one of the workers: it parses a chunk whenever the
    others have enough waiting, so no core waits on a process that only hands out work. Workers
    are started when the first chunk is sent, so a run that needs no NLP starts nothing (and
    loads no model).
    """

    def __init__(self, workers: int, engine: Engine, scheduler: str | None,
                 batch_size: int, timeout: float | None = SECONDS_PER_PIECE,
                 on_piece: Callable[[str, int, int], object] | None = None) -> None:
        self.engine, self.scheduler, self.batch_size = engine, scheduler, batch_size
        self.timeout, self.on_piece = timeout, on_piece
        self.helps = engine == "local"  # this process parses too
        self.others = workers - 1 if self.helps else workers  # processes to send chunks to
        self.submit: Callable[[list[Article]], _Result] | None = None
        self.closers: list[Callable[[], object]] = []

    def parse_here(self, articles: list[Article]) -> list[ArticleExtraction]:
        return _extract_chunk(articles, self.batch_size, self.timeout, self.on_piece)

    def send(self, articles: list[Article]) -> _Result:
        if self.submit is None:
            self.submit = self._dask() if self.engine == "dask" else self._processes()
        return self.submit(articles)

    def _processes(self) -> Callable[[list[Article]], _Result]:
        method = _start_method()
        if method == "fork":
            from .model import load_pipeline

            load_pipeline()  # before the fork, so that every worker starts with it loaded
        pool = ProcessPoolExecutor(self.others, mp_context=multiprocessing.get_context(method),
                                   initializer=_warm_up)
        self.closers.append(lambda: pool.shutdown(wait=True, cancel_futures=True))
        return lambda chunk: _Guarded(pool.submit(_extract_chunk, chunk, self.batch_size,
                                                  self.timeout))

    def _dask(self) -> Callable[[list[Article]], _Result]:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - dask is an optional dependency
            raise EngineError("the dask engine needs dask.distributed: "
                              "pip install 'diplograph[dask]'") from None
        if self.scheduler is None:
            cluster = LocalCluster(n_workers=self.others, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            self.closers.append(cluster.close)
            client = Client(cluster)
        else:
            try:
                client = Client(self.scheduler)
            except (OSError, ValueError) as e:
                raise EngineError(
                    f"cannot reach the dask scheduler at {self.scheduler}: {e}") from None
            self.others = max(1, len(client.scheduler_info().get("workers", {})))
        self.closers.insert(0, client.close)
        return lambda chunk: client.submit(_extract_chunk, chunk, self.batch_size, self.timeout,
                                           pure=False)

    def close(self) -> None:
        for close in self.closers:
            close()
        self.closers.clear()


def run_extraction(
    articles: Iterable[Article],
    *,
    workers: int = 1,
    cache: ExtractionCache | None = None,
    engine: Engine = "local",
    scheduler: str | None = None,
    batch_size: int = 16,
    chunk_size: int = CHUNK_SIZE,
    timeout: float | None = SECONDS_PER_PIECE,
    on_piece: Callable[[str, int, int], object] | None = None,
) -> Iterator[ArticleExtraction]:
    """Extract articles, lazily and in input order, using the cache and several processes.

    The output is the same as `extract.pipeline.extract_articles` gives, whatever the engine
    and the number of workers.

    Parameters
    ----------
    articles : iterable of Article
        Read lazily, a few chunks ahead of what has been returned.
    workers : int
        Processes that parse articles. With the local engine, this process is one of them:
        ``workers=1`` parses here, and ``workers=N`` also starts N - 1 worker processes
        (forked with the pipeline loaded, or "spawn"ed where forking is unsafe: see
        `_start_method`), fed `chunk_size` articles at a time; this
        process parses a chunk whenever they have enough waiting. With dask, `workers` is the
        size of the local cluster.
    cache : ExtractionCache, optional
        Articles found in it are not parsed; fresh results are put into it. Lookups and writes
        happen in this process. The pipeline is loaded (and workers started) only when some
        article is not in the cache.
    engine : {"local", "dask"}
        "dask" sends chunks to a dask.distributed cluster: a `LocalCluster` of `workers`
        single-threaded processes, or the scheduler at `scheduler`, whose workers need
        diplograph installed. The pipeline is loaded once per worker process.
    scheduler : str, optional
        The address of a dask scheduler ("tcp://host:8786"); only with ``engine="dask"``.
    batch_size : int
        Articles per `nlp.pipe` batch.
    chunk_size : int
        Articles per task sent to a worker (with one local worker, at least `batch_size`).
    timeout : float, optional
        Seconds an article may take for each 100,000 characters (None: no limit); an article
        past it comes back with ``skipped`` set, is not cached, and the run goes on (see
        `extract.budget`).
    on_piece : callable, optional
        Told of each piece of a long article parsed in this process (see
        `extract.pipeline.read_docs`); worker processes tell nothing.

    Returns
    -------
    iterator of ArticleExtraction
        One per article, in the order of `articles`.

    Raises
    ------
    ValueError
        If `workers`, `batch_size` or `chunk_size` is not a positive integer, `engine` is
        unknown, or `scheduler` is given without the dask engine.
    TypeError
        If `cache` is not an `ExtractionCache` or None.
    EngineError
        While iterating: dask.distributed is not installed, the scheduler cannot be reached
        (within dask's ``distributed.comm.timeouts.connect``), or a worker process died. An
        error raised in a worker is raised here as it was.

    Examples
    --------
    >>> list(run_extraction([]))
    []
    >>> run_extraction([], workers=0)
    Traceback (most recent call last):
    ...
    ValueError: workers must be a positive integer, not 0

    Notes
    -----
    Worker processes and clusters are shut down when the iterator is exhausted or closed.
    A worker's error is raised here, in this process.
    """
    for name, value in (("workers", workers), ("batch_size", batch_size),
                        ("chunk_size", chunk_size)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{name} must be a positive integer, not {value!r}")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    if scheduler is not None and engine != "dask":
        raise ValueError("a scheduler address needs engine='dask'")
    if cache is not None and not isinstance(cache, ExtractionCache):
        raise TypeError(f"cache must be an ExtractionCache or None, not {type(cache).__name__}")
    runner = _Runner(workers, engine, scheduler, batch_size, timeout, on_piece)
    if engine == "local" and workers == 1:
        chunk_size = max(chunk_size, batch_size)  # nothing to spread: keep batches full
    return _run(iter(articles), runner, cache, chunk_size)


class _Chunk:
    """Articles parsed together, and their records once parsed."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.future: _Result | None = None  # when sent to a worker process
        self.records: list[ArticleExtraction] | None = None

    @property
    def ready(self) -> bool:
        """Whether the records are here, without waiting for a worker."""
        return self.records is not None or (self.future is not None and self.future.done())

    def record(self, position: int) -> ArticleExtraction:
        """The records of one article of the chunk, waiting for them if need be."""
        if self.records is None:
            assert self.future is not None, "a chunk is parsed or sent before it is read"
            self.records = self.future.result()
        return self.records[position]


def _run(articles: Iterator[Article], runner: _Runner, cache: ExtractionCache | None,
         chunk_size: int) -> Iterator[ArticleExtraction]:
    # In input order: an extraction found in the cache, or (chunk, position) still to come.
    slots: deque[ArticleExtraction | tuple[_Chunk, int]] = deque()
    out: deque[_Chunk] = deque()  # chunks sent to worker processes, oldest first
    filling = _Chunk()
    ahead = 2  # chunks out per worker process: one being parsed, one waiting its turn

    def flush() -> None:
        """Parse the filling chunk here if the worker processes have enough, else send it."""
        nonlocal filling
        chunk, filling = filling, _Chunk()
        if runner.helps and len(out) >= ahead * runner.others:
            chunk.records = runner.parse_here(chunk.articles)
        else:
            chunk.future = runner.send(chunk.articles)
            out.append(chunk)

    def pop(*, wait: bool) -> Iterator[ArticleExtraction]:
        """Yield records from the front while they are here (all of them if `wait`)."""
        while slots:
            head = slots[0]
            if isinstance(head, tuple):
                chunk, position = head
                if not (wait or chunk.ready):
                    return
                head = chunk.record(position)
                if cache is not None and head.skipped is None:
                    cache.put(head)
            slots.popleft()
            yield head

    # Records waiting behind the oldest unfinished chunk, at most (about).
    limit = 4 * ahead * max(1, runner.others) * chunk_size
    try:
        for article in articles:
            found = cache.get(article) if cache is not None else None
            if found is not None:
                slots.append(found)
            else:
                slots.append((filling, len(filling.articles)))
                filling.articles.append(article)
                if len(filling.articles) >= chunk_size:
                    flush()
            while out and out[0].ready:
                out.popleft()
            # Stay a bounded distance ahead of what has been returned: wait for the oldest
            # chunk when the workers have enough (and this process does not parse), or when
            # too many records wait behind it; and parse a part-filled chunk rather than keep
            # many cached records waiting behind it.
            if out and (len(slots) > limit
                        or (not runner.helps and len(out) >= ahead * runner.others)):
                out[0].record(0)
            elif filling.articles and len(slots) > limit:
                flush()
            yield from pop(wait=False)
        if filling.articles:
            flush()
        yield from pop(wait=True)
    finally:
        runner.close()
