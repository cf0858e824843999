"""What the model reads: a name's letters without their marks ("Vučić" -> "Vucic").

The small English model tags "Vucic" as a person far more often than "Vučić". The tokenizer
(`FoldingTokenizer`) hands the model the text with its marks taken off, one letter for one, so
that every offset stays the same; the ``diplograph_letters`` component, right after the model's
own components, gives the Doc its own words back with everything the model set.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from anyascii import anyascii
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

__all__ = ["LETTERS", "FoldingTokenizer", "fold_letters", "restore_letters"]

LETTERS = "diplograph_letters"
_ORIGINAL = "diplograph.original_text"  # doc.user_data: the text before folding
_PARSE_ATTRS: list[int | str] = ["TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB",
                                 "ENT_TYPE"]


@functools.cache
def _folded(char: str) -> str:
    ascii_ = anyascii(char)
    return ascii_ if len(ascii_) == 1 and ascii_.isascii() and ascii_.isalpha() else char


def fold_letters(text: str) -> str:
    """Take the marks off the letters of ``text``, one letter for one.

    >>> fold_letters("Vučić met Erdoğan in Łódź; tête-à-tête, 東京")
    'Vucic met Erdogan in Lodz; tete-a-tete, 東京'
    """
    return text if text.isascii() else "".join(map(_folded, text))


class FoldingTokenizer:
    """spaCy's tokenizer, over the text with its letters' marks taken off.

    It stands in for ``nlp.tokenizer`` and passes everything else (special cases, infixes,
    serialisation) to the tokenizer it wraps.
    """

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        folded = fold_letters(text)
        doc = self.tokenizer(folded)
        if folded != text:
            doc.user_data[_ORIGINAL] = text
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path: str | Path, **kwargs: Any) -> FoldingTokenizer:
        self.tokenizer.from_disk(path, **kwargs)
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> FoldingTokenizer:
        self.tokenizer.from_bytes(data, **kwargs)
        return self


@Language.factory(LETTERS)
def make_letters(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """The component that gives a Doc read without marks its own words back."""
    return restore_letters


def restore_letters(doc: Doc) -> Doc:
    """The Doc of folded text with the words of the original text and what the model set.

    A Doc whose text had no marks is returned as it is.
    """
    text = doc.user_data.pop(_ORIGINAL, None)
    if text is None:
        return doc
    words = [text[t.idx:t.idx + len(t.text)] for t in doc]
    restored = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    restored.user_data.update(doc.user_data)
    restored._context = doc._context  # what `nlp.pipe(..., as_tuples=True)` pairs it with
    # spaCy's stubs disagree with themselves: to_array is said to give floats, from_array to
    # take ints (the array holds attribute ids, uint64).
    return restored.from_array(_PARSE_ATTRS, doc.to_array(_PARSE_ATTRS))  # type: ignore[arg-type]
