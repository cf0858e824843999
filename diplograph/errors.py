"""The error family of diplograph: one base class, so callers can catch everything we raise."""

from __future__ import annotations

import functools
from collections.abc import Callable

__all__ = ["AmbiguousError", "DiplographError", "InputError", "ModelNotFoundError", "NotFoundError",
           "QueryError"]


class DiplographError(Exception):
    """Base class of every error diplograph raises on purpose; its message is one clear line."""


class InputError(DiplographError):
    """An input could not be read: the message names the file (and line) and the reason."""

    def __init__(self, path: str, reason: str, *, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")

    def __reduce__(self) -> tuple[Callable[..., InputError], tuple[str, str]]:
        # Pickle by constructor arguments, so the error crosses process and cluster boundaries.
        return (functools.partial(type(self), line=self.line), (self.path, self.reason))


class ModelNotFoundError(DiplographError):
    """No English spaCy model is installed."""


class NotFoundError(DiplographError, LookupError):
    """A name, id or place a query asked about is not in the graph; the message lists the
    nearest ones there are."""


class AmbiguousError(DiplographError, LookupError):
    """A name a query asked about fits several people or countries; the message lists them."""


class QueryError(DiplographError, ValueError):
    """A query's argument is malformed: a date that is no date, an unknown status, a count
    that is not positive."""
