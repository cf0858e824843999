"""Run extraction over many articles: clean each page, parse in batches, read the stories.

Reading a page is two stages. The model's components, the letters and the span ruler parse
the clean text in batches (`nlp.pipe`); a text longer than `PIECE_CHARS` is parsed in pieces
and joined back into one Doc. Then the rule components (`extract.components.RULES`) read each
whole story, and `extract.recording.records_of` turns what they found into records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from diplograph.limits import PIECE_CHARS, SECONDS_PER_PIECE

from .budget import ArticleTimeout, budget_for, time_budget
from .clean import CleanText, clean_page
from .components import RULES, Page
from .dating.dateline import detach_dateline
from .model import load_pipeline
from .recording import records_of
from .records import Article, ArticleExtraction

__all__ = ["OnPiece", "Skipped", "extract_article", "extract_articles", "read_docs"]

# (path, piece number from 1, pieces): what a progress line is told of a long article.
OnPiece = Callable[[str, int, int], object]
# Longer texts are parsed in paragraph chunks and joined back into one Doc, so no text is ever
# dropped (see `extract.limits`).


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
              batch_size: int = 16, timeout: float | None = SECONDS_PER_PIECE,
              on_piece: OnPiece | None = None) -> Iterator[Doc | Skipped]:
    """Read articles into Docs that every component of the pipeline has annotated.

    Each Doc carries its page (``doc._.page``) and what the rule components found
    (``doc._.people``, ``doc._.meetings``, ...; see `extract.components`). An article that
    takes longer than its time budget (`timeout` seconds for each 100,000 characters; None
    for no limit) to clean or to read gives a `Skipped` instead, and the others go on.
    """
    nlp = nlp or load_pipeline()
    rules = [(name, proc) for name, proc in nlp.pipeline if name in RULES]
    skipped: dict[str, Skipped] = {}

    def pieces() -> Iterator[tuple[str, tuple[Article, CleanText, int, int]]]:
        for article in articles:
            try:
                with time_budget(budget_for(len(article.text), timeout)):
                    clean = detach_dateline(clean_page(article.text))
            except ArticleTimeout:
                skipped[article.id] = Skipped(article, _too_long(article, timeout))
                clean = CleanText()
            parts = _chunks(clean.text, PIECE_CHARS)
            for k, part in enumerate(parts):
                yield part, (article, clean, k, len(parts))

    pending: list[Doc] = []
    for doc, (article, clean, k, total) in nlp.pipe(pieces(), as_tuples=True,
                                                    batch_size=batch_size,
                                                    disable=[name for name, _ in rules]):
        pending.append(doc)
        if on_piece is not None and total > 1:
            on_piece(article.path, k + 1, total)
        if k < total - 1:
            continue
        # Without the tensor: a piece whose letters were given back has none (the rules never
        # read it), and spaCy cannot join pieces with and without one.
        # spaCy's stub of Doc.from_docs lacks its `exclude` argument (there since spaCy 3.3).
        story = pending[0] if total == 1 else Doc.from_docs(  # type: ignore[call-arg]
            pending, ensure_whitespace=False, exclude=["tensor"])
        pending = []
        if article.id in skipped:
            yield skipped.pop(article.id)
            continue
        story._.page = Page(article, clean)
        try:
            with time_budget(budget_for(len(article.text), timeout)):
                for _, proc in rules:
                    story = proc(story)
        except ArticleTimeout:
            yield Skipped(article, _too_long(article, timeout))
            continue
        yield story


@dataclass(frozen=True)
class Skipped:
    """An article the pipeline gave up on, and why."""

    article: Article
    reason: str


def _too_long(article: Article, timeout: float | None) -> str:
    return f"took longer than {budget_for(len(article.text), timeout):g} s to read"


def extract_articles(articles: Iterable[Article], *, nlp: Language | None = None,
                     batch_size: int = 16, timeout: float | None = SECONDS_PER_PIECE,
                     on_piece: OnPiece | None = None) -> Iterator[ArticleExtraction]:
    """Extract people, meetings and topics from articles, lazily and in order.

    Parameters
    ----------
    articles : iterable of Article
    nlp : Language, optional
        The extraction pipeline (`extract.model.load_pipeline()` by default).
    batch_size : int
        Articles per `nlp.pipe` batch.
    timeout : float, optional
        Seconds an article may take for each 100,000 characters it holds (None: no limit); an
        article past it gives no records but ``skipped``, its reason.
    on_piece : callable, optional
        Told of each piece of a long article as it is parsed (see `read_docs`).
    """
    for doc in read_docs(articles, nlp=nlp, batch_size=batch_size, timeout=timeout,
                         on_piece=on_piece):
        if isinstance(doc, Skipped):
            yield ArticleExtraction(article=doc.article, skipped=doc.reason)
        else:
            yield records_of(doc)


def extract_article(article: Article, *, nlp: Language | None = None) -> ArticleExtraction:
    """Extract one article (see `extract_articles`)."""
    return next(extract_articles([article], nlp=nlp))
