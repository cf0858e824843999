"""Comparison keys for names, so that one person matches however an article spells them."""

from __future__ import annotations

import re

from anyascii import anyascii

__all__ = ["name_key", "name_tokens"]


def name_tokens(name: str) -> tuple[str, ...]:
    """Return the lowercase ASCII tokens of a name.

    >>> name_tokens("Alaksandar Łukašenka")
    ('alaksandar', 'lukasenka')
    """
    return tuple(re.findall(r"[a-z0-9]+", anyascii(name).lower()))


def name_key(name: str) -> str:
    """Return the exact-match key of a name: its tokens joined by spaces.

    >>> name_key("  Khalifa   HAFTAR ")
    'khalifa haftar'
    """
    return " ".join(name_tokens(name))
