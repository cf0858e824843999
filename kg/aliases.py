"""A user's alias file: people to merge whatever their names, and people never to merge.

The file is TOML. Each ``[[merge]]`` table lists spellings of one person that automatic
resolution would not join; each ``[[keep_apart]]`` table lists people automatic resolution
must never join, one name each::

    # aliases.toml
    [[merge]]
    names = ["Mykola Kovalenko", "Kavalenka"]

    [[merge]]
    names = ["Mohammed al-Qasimi", "Muhammad Qasemi"]

    [[keep_apart]]
    names = ["Omar Nasser", "Karim Omar Nasser"]

A name matches every article record that spells a person that way, as its fullest name or as
an alias, ignoring case, accents and transliteration variants (`kg.names.fold_key`):
"Mohammed al-Qasimi" matches "Mohammed al-Qāsimī" and "MOHAMMED AL KASIMI". A name that no
article uses is ignored. ``keep_apart`` wins over everything, and a file whose rules contradict
each other (two names merged, directly or through a third, and kept apart) is rejected.
"""

from __future__ import annotations

import os
import sys
from typing import IO

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from diplograph.errors import InputError

from .names import fold_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    try:
        import tomli as tomllib
    except ImportError:
        tomllib = None

__all__ = ["AliasFileError", "AliasRules", "NameGroup", "load_rules"]


class AliasFileError(InputError):
    """An alias file could not be read or breaks the format: the message names the file."""


class NameGroup(BaseModel):
    """Two or more names, as one ``[[merge]]`` or ``[[keep_apart]]`` table of the file."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    names: tuple[str, ...]

    @field_validator("names")
    @classmethod
    def _real_names(cls, names: tuple[str, ...]) -> tuple[str, ...]:
        if len(names) < 2:
            raise ValueError(f"needs two names or more, not {len(names)}")
        for name in names:
            if not fold_key(name):
                raise ValueError(f"{name!r} is not a name")
        return names

    @property
    def keys(self) -> tuple[str, ...]:
        """The names' transliteration-blind keys, in order."""
        return tuple(fold_key(n) for n in self.names)


class AliasRules(BaseModel):
    """The rules of an alias file: forced merges and forbidden ones.

    Examples
    --------
    >>> rules = AliasRules.model_validate(
    ...     {"merge": [{"names": ["Mykola Kovalenko", "Kavalenka"]}]})
    >>> rules.merge[0].keys
    ('mikola kovalenk', 'kavalenk')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    merge: tuple[NameGroup, ...] = ()
    keep_apart: tuple[NameGroup, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> AliasRules:
        root: dict[str, str] = {}

        def find(key: str) -> str:
            while root.setdefault(key, key) != key:
                key = root[key]
            return key

        for group in self.merge:
            first, *rest = group.keys
            for key in rest:
                root[find(key)] = find(first)
        for group in self.keep_apart:
            seen: dict[str, str] = {}
            for name, key in zip(group.names, group.keys, strict=True):
                other = seen.setdefault(find(key), name)
                if other != name:
                    raise ValueError(f"keep_apart names {other!r} and {name!r}, which are one "
                                     "person by the merge rules or by spelling")
        return self


def _reason(error: ValidationError) -> str:
    """The first validation error as one line: where in the file, and what is wrong."""
    first = error.errors()[0]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"]).lstrip(".")
    message = first["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def load_rules(source: str | os.PathLike[str] | IO[bytes]) -> AliasRules:
    """Read an alias file.

    Parameters
    ----------
    source : str, path or binary file
        The TOML file, or a file opened in binary mode.

    Returns
    -------
    AliasRules

    Raises
    ------
    AliasFileError
        If the file cannot be read, is not TOML, or breaks the format; the one-line message
        names the file.

    Examples
    --------
    >>> import io
    >>> load_rules(io.BytesIO(b'[[keep_apart]]\\nnames = ["Omar Nasser", "Karim Nasser"]'))
    AliasRules(merge=(), keep_apart=(NameGroup(names=('Omar Nasser', 'Karim Nasser')),))
    >>> load_rules(io.BytesIO(b'[[merge]]\\nnames = ["Qasemi"]'))
    Traceback (most recent call last):
    ...
    kg.aliases.AliasFileError: <stream>: merge[0].names: needs two names or more, not 1
    """
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
    else:
        name = getattr(source, "name", None)
        path = name if isinstance(name, str) else "<stream>"
    if tomllib is None:  # pragma: no cover - Python 3.10 without tomli
        raise AliasFileError(path, "reading alias files needs Python 3.11 or the tomli package")
    try:
        if isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as f:
                data = tomllib.load(f)
        else:
            data = tomllib.load(source)
    except OSError as e:
        raise AliasFileError(path, e.strerror or str(e)) from None
    except tomllib.TOMLDecodeError as e:
        raise AliasFileError(path, f"not valid TOML: {e}") from None
    except UnicodeDecodeError:
        raise AliasFileError(path, "not UTF-8 text") from None
    try:
        return AliasRules.model_validate(data)
    except ValidationError as e:
        raise AliasFileError(path, _reason(e)) from None
