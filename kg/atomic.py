"""Write a file so that it is either wholly there or not changed at all.

The content goes to a hidden temporary file in the same folder, which is synced to disk and
then renamed over the target in one step: a crash or an error never leaves a half-written
file, and the temporary file is removed on failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from diplograph.errors import DiplographError

__all__ = ["GraphFileError", "atomic_write"]

_StrPath = str | os.PathLike[str]


class GraphFileError(DiplographError):
    """A graph file that cannot be read or written: the message names the file and the
    reason, on one line."""

    def __init__(self, path: _StrPath, reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = " ".join(reason.split())
        super().__init__(f"{self.path}: {self.reason}")

    def __reduce__(self) -> tuple[type[GraphFileError], tuple[str, str]]:
        # Rebuild from (path, reason), not from the message: errors cross process boundaries
        # (dask workers) by pickling.
        return type(self), (self.path, self.reason)


def atomic_write(path: _StrPath, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` to write a temporary file, then put it in place of `path`.

    The temporary name ends like `path`, so a writer that compresses by suffix (``.gz``)
    still does. Raises `GraphFileError` if the file cannot be written; the previous file, if
    any, is then left as it was (and keeps its permissions once replaced).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     target = atomic_write(Path(folder) / "a.txt", lambda tmp: tmp.write_text("hi"))
    ...     target.read_text(), os.listdir(folder)
    ('hi', ['a.txt'])
    """
    path = Path(path)
    tmp = path.with_name(f".{uuid.uuid4().hex[:12]}.{path.name}")
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        with contextlib.suppress(FileNotFoundError):
            shutil.copymode(path, tmp)  # keep the permissions a user gave the previous file
        os.replace(tmp, path)
    except OSError as err:
        _remove(tmp)
        raise GraphFileError(path, f"cannot write the file: {err.strerror or err}") from err
    except BaseException:  # KeyboardInterrupt too: never leave the temporary file behind
        _remove(tmp)
        raise
    _fsync_folder(path.parent)
    return path


def _remove(tmp: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


def _fsync_folder(folder: Path) -> None:
    # The rename is only durable once the folder is synced; POSIX only, and best effort: the
    # file is already in place, a failure here must not report the save as failed.
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
