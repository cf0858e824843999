"""Walks over a dependency parse that end whatever shape the parse takes.

A parse is meant to be a tree, but the rules that read it jump across it ("X and Y" without its
conj arc jumps to the word after "and"), and a parse built by hand, or a model's odd output, can
hold a cycle. Every walk of the extractor goes through these two functions, so each visits a
token at most once and none can run for ever.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Token

from .budget import check

__all__ = ["VERBS", "reachable", "upward"]

# The parts of speech a clause hangs on: the small model tags "held", "was", "is to" either way.
VERBS = frozenset({"VERB", "AUX"})


def reachable(start: Token, follow: Callable[[Token], Iterable[Token]]) -> Iterator[Token]:
    """Yield `start` and every token `follow` leads to from it, each once, depth first.

    `follow` gives the tokens to go on to from a token (its children, say); a token already
    yielded is not entered again, so the walk ends on any graph.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["a", "b", "c"], heads=[1, 0, 2], deps=["dep", "dep", "ROOT"])
    >>> [t.text for t in reachable(doc[0], lambda t: [t.head])]  # a -> b -> a: a cycle
    ['a', 'b']
    """
    seen: set[int] = set()
    stack = [start]
    while stack:
        check()  # the article's time budget (see `extract.budget`)
        token = stack.pop()
        if token.i in seen:
            continue
        seen.add(token.i)
        yield token
        stack.extend(t for t in follow(token) if t.i not in seen)


def upward(token: Token, through: Callable[[Token], bool]) -> Iterator[Token]:
    """Yield the heads above `token`, nearest first, while `through` holds of the token below.

    The climb stops at the root, at a token seen before (a cycle) or where `through` fails.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["a", "b", "c"], heads=[1, 2, 2], deps=["pobj", "prep", "ROOT"])
    >>> [t.text for t in upward(doc[0], lambda t: t.dep_ in ("pobj", "prep"))]
    ['b', 'c']
    """
    seen = {token.i}
    while through(token) and token.head.i not in seen:
        check()
        token = token.head
        seen.add(token.i)
        yield token
