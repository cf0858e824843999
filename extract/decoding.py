"""The bytes of an input and their text: standard input or a file, capped in size, decoded
from UTF-8, UTF-16/32 with a byte order mark, or the likeliest code page."""

from __future__ import annotations

import codecs
import sys
from typing import BinaryIO

from charset_normalizer import from_bytes

__all__ = ["MAX_FILE_BYTES", "STDIN", "Unreadable", "decode", "os_reason", "read_bytes"]

# Files above this size are refused, not truncated: no news article comes near it.
MAX_FILE_BYTES = 50_000_000
STDIN = "-"


# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Without a byte order mark these are never the answer: their ASCII has NUL bytes.
_NOT_GUESSED = ["utf_7", "utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]


class Unreadable(Exception):
    """An input that cannot be read as text; the message says why, in a few words."""


def read_bytes(path: str) -> bytes:
    """The bytes of a file, or of standard input for ``-``, up to `MAX_FILE_BYTES`."""
    if path == STDIN:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise Unreadable("standard input is not available")
        return _read_capped(stream)
    try:
        with open(path, "rb") as stream:
            return _read_capped(stream)
    except OSError as exc:
        raise Unreadable(os_reason(exc)) from None


def _read_capped(stream: BinaryIO) -> bytes:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable(f"file too large (over {MAX_FILE_BYTES:,} bytes)")
    return data


def os_reason(exc: OSError) -> str:
    """Why the system could not read a path, in its own words ("Permission denied")."""
    return exc.strerror or str(exc)


def decode(data: bytes) -> tuple[str, str | None]:
    """Return the text of `data` and its encoding, None for UTF-8.

    UTF-16/32 when a byte order mark says so, else UTF-8, else the likeliest code page.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    if b"\x00" in data:
        raise Unreadable("binary file")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        return _guess_encoding(data)


def _guess_encoding(data: bytes) -> tuple[str, str]:
    """Return the text and encoding charset-normalizer finds likeliest, cp1252 winning ties.

    Short texts fit many code pages equally well; the commonest for English news wins.
    """
    matches = from_bytes(data, cp_exclusion=_NOT_GUESSED)
    best = matches.best()
    if best is None:
        raise Unreadable("binary file")
    for match in matches:
        tied = (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if tied and "cp1252" in match.could_be_from_charset:
            return str(match), "cp1252"
    return str(best), best.encoding
