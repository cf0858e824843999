"""A time budget per article: a page that makes the extractor misbehave costs its own time,
never the rest of the batch.

The budget is enforced two ways. In a process's main thread (one process, or the worker
processes of ``--workers``) a timer interrupts the article wherever it is. Elsewhere (dask
runs tasks in threads) the walks over the parse and the rules' loops look at the clock
(`check`), so a walk that would never end stops at the deadline.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import FrameType

from diplograph.errors import DiplographError
from diplograph.limits import PIECE_CHARS

__all__ = ["ArticleTimeout", "budget_for", "check", "time_budget"]

_DEADLINE: ContextVar[float | None] = ContextVar("diplograph_deadline", default=None)


class ArticleTimeout(DiplographError):
    """An article took longer than its time budget to read."""


def budget_for(characters: int, seconds: float | None) -> float | None:
    """The seconds an article of `characters` gets: `seconds` for each piece it is read in.

    >>> budget_for(2_000, 30.0), budget_for(250_000, 30.0), budget_for(2_000, None)
    (30.0, 90.0, None)
    """
    if seconds is None:
        return None
    return seconds * max(1, -(-characters // PIECE_CHARS))


def check() -> None:
    """Raise `ArticleTimeout` once the running article's budget is spent."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise ArticleTimeout("the time budget is spent")


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Run the block within `seconds` (no limit for None), or raise `ArticleTimeout`.

    >>> with time_budget(5.0):
    ...     pass
    >>> try:
    ...     with time_budget(0.05):
    ...         while True:
    ...             check()
    ... except ArticleTimeout:
    ...     print("stopped")
    stopped
    """
    if seconds is None:
        yield
        return
    token = _DEADLINE.set(time.monotonic() + seconds)
    interrupts = threading.current_thread() is threading.main_thread() and hasattr(
        signal, "setitimer")
    installed = False
    try:
        # Inside the try: a timer that fires before the block starts still leaves things tidy.
        if interrupts:
            previous = signal.signal(signal.SIGALRM, _expire)
            installed = True
            signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        if installed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        _DEADLINE.reset(token)


def _expire(signum: int, frame: FrameType | None) -> None:
    # The timer may fire at any instruction, even in the cleanup above: the deadline goes
    # with it, so that no later article inherits a spent budget.
    _DEADLINE.set(None)
    raise ArticleTimeout("the time budget is spent")
