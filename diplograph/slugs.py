"""Readable ASCII slugs: the stable part of article ids and graph node ids."""

from __future__ import annotations

import re

from anyascii import anyascii

__all__ = ["slugify"]


def slugify(text: str, *, empty: str = "unnamed") -> str:
    """Return a readable, ASCII, lowercase slug (``empty`` when nothing is left).

    >>> slugify("Ingrid  Dahl"), slugify("Ayşe Yıldız"), slugify("Kraków summit_2024")
    ('ingrid-dahl', 'ayse-yildiz', 'krakow-summit-2024')
    >>> slugify("!!", empty="article")
    'article'
    """
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-") or empty
