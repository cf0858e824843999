"""Extract people, meetings, dates, places and topics from news articles.

`extract` knows nothing of graphs: it reads articles and returns records
(`extract.records`), which `kg` resolves and turns into a knowledge graph. Its public names are
imported on first use, so that reading files or the cache never imports spaCy.

>>> import extract
>>> sorted(extract.__all__)[:3]
['Article', 'ArticleExtraction', 'DiplographError']
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "Article": "records",
    "ArticleExtraction": "records",
    "MeetingRecord": "records",
    "PersonRecord": "records",
    "DiplographError": "errors",
    "InputError": "errors",
    "ModelNotFoundError": "errors",
    "load_nlp": "model",
    "load_pipeline": "model",
    "extract_article": "pipeline",
    "extract_articles": "pipeline",
    "Problem": "sources",
    "read_article": "sources",
    "read_articles": "sources",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'extract' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
