"""Run extraction over many articles: clean each page, parse in batches, read the stories.

Reading a page is two stages. The model's components, the letters and the span ruler parse
the clean text in batches (`nlp.pipe`); a text longer than `CHUNK_CHARS` is parsed in pieces
and joined back into one Doc. Then the rule components (`extract.components.RULES`) read each
whole story, and `extract.recording.records_of` turns what they found into records.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .clean import CleanText, clean_page
from .components import RULES, Page
from .dating.dateline import detach_dateline
from .model import load_pipeline
from .recording import records_of
from .records import Article, ArticleExtraction

__all__ = ["CHUNK_CHARS", "extract_article", "extract_articles", "read_docs"]

# spaCy's parser needs memory in proportion to a doc's length: longer texts are parsed in
# paragraph chunks and joined back into one Doc, so no text is ever dropped.
CHUNK_CHARS = 100_000


def _chunks(text: str, limit: int) -> list[str]:
    """Split at paragraph breaks into pieces of at most ``limit`` characters (joined = text)."""
    if len(text) <= limit:
        return [text]
    pieces, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            cut = cut if cut > start else text.rfind("\n", start, end)
            cut = cut if cut > start else text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        pieces.append(text[start:end])
        start = end
    return pieces


def read_docs(articles: Iterable[Article], *, nlp: Language | None = None,
              batch_size: int = 16) -> Iterator[Doc]:
    """Read articles into Docs that every component of the pipeline has annotated.

    Each Doc carries its page (``doc._.page``) and what the rule components found
    (``doc._.people``, ``doc._.meetings``, ...; see `extract.components`).
    """
    nlp = nlp or load_pipeline()
    rules = [(name, proc) for name, proc in nlp.pipeline if name in RULES]

    def pieces() -> Iterator[tuple[str, tuple[Article, CleanText, int, int]]]:
        for article in articles:
            clean = detach_dateline(clean_page(article.text))
            parts = _chunks(clean.text, CHUNK_CHARS)
            for k, part in enumerate(parts):
                yield part, (article, clean, k, len(parts))

    pending: list[Doc] = []
    for doc, (article, clean, k, total) in nlp.pipe(pieces(), as_tuples=True,
                                                    batch_size=batch_size,
                                                    disable=[name for name, _ in rules]):
        pending.append(doc)
        if k < total - 1:
            continue
        story = pending[0] if total == 1 else Doc.from_docs(pending, ensure_whitespace=False)
        pending = []
        story._.page = Page(article, clean)
        for _, proc in rules:
            story = proc(story)
        yield story


def extract_articles(articles: Iterable[Article], *, nlp: Language | None = None,
                     batch_size: int = 16) -> Iterator[ArticleExtraction]:
    """Extract people, meetings and topics from articles, lazily and in order.

    Parameters
    ----------
    articles : iterable of Article
    nlp : Language, optional
        The extraction pipeline (`extract.model.load_pipeline()` by default).
    batch_size : int
        Articles per `nlp.pipe` batch.
    """
    for doc in read_docs(articles, nlp=nlp, batch_size=batch_size):
        yield records_of(doc)


def extract_article(article: Article, *, nlp: Language | None = None) -> ArticleExtraction:
    """Extract one article (see `extract_articles`)."""
    return next(extract_articles([article], nlp=nlp))
