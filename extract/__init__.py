"""Extract people, meetings, dates, places and topics from news articles.

`extract` knows nothing of graphs: it reads articles and returns records
(`extract.records`), which `kg` resolves and turns into a knowledge graph.

>>> import extract
>>> sorted(extract.__all__)[:3]
['Article', 'ArticleExtraction', 'DiplographError']
"""

from .errors import DiplographError, InputError, ModelNotFoundError
from .model import load_nlp, load_pipeline
from .pipeline import extract_article, extract_articles
from .records import Article, ArticleExtraction, MeetingRecord, PersonRecord
from .sources import Problem, read_article, read_articles

__all__ = [
    "Article",
    "ArticleExtraction",
    "DiplographError",
    "InputError",
    "MeetingRecord",
    "ModelNotFoundError",
    "PersonRecord",
    "Problem",
    "extract_article",
    "extract_articles",
    "load_nlp",
    "load_pipeline",
    "read_article",
    "read_articles",
]
