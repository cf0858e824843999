"""Strip page furniture from a scraped article, keeping a map back to the original offsets.

Scraped pages carry image URLs, glued navigation headlines, reward widgets and comment threads.
None of it may reach the NLP: it is cut here, before spaCy, and every character of the clean text
still maps to its place in the original so evidence offsets point into the article as read.

Lines are kept as one of two kinds: ``body`` (prose: people, meetings and topics may come from it)
and ``heading`` (short unpunctuated lines: headlines, section titles, widget labels). Headings
stay in the text so the parser sees the article's structure, but nobody is found in them alone.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal

from .vocabulary import read_data

__all__ = ["CleanText", "clean_page"]

LineKind = Literal["body", "heading"]

_URL = re.compile(r"(?:https?://|www\.)\S+(?:\s+\d{2,5}w\b,?)?", re.IGNORECASE)
# A bare domain such as "news.example.com" standing alone in the text (a site name in a header).
_DOMAIN = re.compile(r"(?<![\w@/])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:[a-z]{2,6})(?![\w/])")
_DATE_TOKEN = re.compile(
    r"^\s*(?:date|published|updated)\s*:?\s*\d{4}-\d{2}-\d{2}(?:[T ][\d:.+\-Z]*)?\s*",
    re.IGNORECASE,
)
# Words glued together by a scraper that dropped the markup between two links:
# "PoliticsThe", "prisonersThe" (but not "McDonald" or "DeSantis", whose glue is one letter).
_GLUED = re.compile(r"[a-z]{3,}[A-Z][a-z]")
# What of a page is not the story, by kind: patterns as data (``data/page_lines.toml``).
_LINES = read_data("page_lines.toml")
_COMMENTS_START = re.compile("|".join(_LINES["comment_thread_starts"]), re.IGNORECASE)
_FURNITURE = re.compile(rf"^\s*(?:{'|'.join(_LINES['furniture'])})\s*$", re.IGNORECASE)
_LINKS_HEADER = re.compile(rf"^\s*(?:{'|'.join(_LINES['link_list_headings'])})\s*:?\s*$",
                           re.IGNORECASE)
_CREDIT = re.compile("|".join(_LINES["credits"]), re.IGNORECASE)
# A picture's caption tells what the picture shows, not what the story says happened: a line
# that opens with its label ("Photo: ...", "[Image: ...").
_CAPTION = re.compile(r"\s*\[?\s*(?:image|photo|picture|caption|pictured|file photo)\s*[:\]]",
                      re.IGNORECASE)
_BULLET = re.compile(r"^\s*[-–—•*·▪►]\s*")
_TERMINAL = re.compile(r"[.!?:;\"”’'»)\]…]\s*$")
_WORD = re.compile(r"\w+")

BODY_MIN_WORDS = 5  # a punctuated line shorter than this is a label, not prose
WRAPPED_MIN_WORDS = 8  # every line but the last of a hard-wrapped paragraph is this long
PROSE_MIN_WORDS = 15  # an unpunctuated line this long is prose all the same
FIELD_BARS = 2  # a line of fields split by this many bars is a page's header, never prose


@dataclass
class CleanText:
    """The clean text of an article, its line kinds, and the map back to the original."""

    text: str = ""
    # (clean_start, original_start) of each kept piece, in order: offsets are piecewise shifts.
    _pieces: list[tuple[int, int]] = field(default_factory=list)
    # (clean_start, clean_end, kind) of each kept line.
    lines: list[tuple[int, int, LineKind]] = field(default_factory=list)

    def to_original(self, offset: int, *, end: bool = False) -> int:
        """Map an offset of the clean text to the original text.

        With ``end=True`` the offset is an exclusive end, mapped through the character before it.
        """
        probe = offset - 1 if end and offset > 0 else offset
        i = max(bisect.bisect_right(self._pieces, (probe, float("inf"))) - 1, 0)
        clean_start, original_start = self._pieces[i] if self._pieces else (0, 0)
        return original_start + (offset - clean_start)

    @classmethod
    def verbatim(cls, text: str) -> CleanText:
        """A text taken as clean as it is: its offsets are the original's, and each line is
        prose or a heading by its own length and punctuation.

        >>> text = "Talks\\nThe two ministers met in Oslo."
        >>> [kind for _, _, kind in CleanText.verbatim(text).lines]
        ['heading', 'body']
        """
        lines: list[tuple[int, int, LineKind]] = []
        start = 0
        for line in text.split("\n"):
            if line.strip():
                lines.append((start, start + len(line), _line_kind(line)))
            start += len(line) + 1
        return cls(text=text, _pieces=[(0, 0)], lines=lines)

    def kind_at(self, offset: int) -> LineKind | None:
        """The kind of the line holding a clean offset (None between lines)."""
        i = bisect.bisect_right(self.lines, (offset, float("inf"), "")) - 1
        if i >= 0 and self.lines[i][0] <= offset < self.lines[i][1]:
            return self.lines[i][2]
        return None


def _line_kind(line: str) -> LineKind:
    if line.count("|") >= FIELD_BARS or _CAPTION.match(line):  # "Source: A | Editor: X | Print"
        return "heading"
    words = len(_WORD.findall(line))
    if words >= PROSE_MIN_WORDS or (words >= BODY_MIN_WORDS and _TERMINAL.search(line)):
        return "body"
    return "heading"


def _is_navigation(line: str) -> bool:
    """A line of glued link texts, or a bullet holding a bare link label."""
    if _GLUED.search(line):
        return True
    if _BULLET.match(line):
        rest = _BULLET.sub("", line)
        return not _TERMINAL.search(rest) and len(_WORD.findall(rest)) < BODY_MIN_WORDS
    return False


def _kept_spans(line: str, first: bool) -> list[tuple[int, int]]:
    """Spans of a line left once URLs, bare domains and a leading date token are cut."""
    cut: list[tuple[int, int]] = []
    if first and (m := _DATE_TOKEN.match(line)):
        cut.append(m.span())
    cut += [m.span() for m in _URL.finditer(line)]
    cut += [m.span() for m in _DOMAIN.finditer(line)]
    spans, pos = [], 0
    for start, end in sorted(cut):
        if start > pos:
            spans.append((pos, start))
        pos = max(pos, end)
    spans.append((pos, len(line)))
    return [(s, e) for s, e in spans if line[s:e].strip(" ,;|")]


def clean_page(text: str) -> CleanText:
    """Return the article without page furniture, with a map back to the original offsets.

    Examples
    --------
    >>> page = "date 2024-05-02 https://img.example.com/a.webp 480w\\n"
    >>> page += "The two ministers met in Oslo.\\n3 Comments\\nAvatar of Kim\\nKim\\nGreat!"
    >>> clean = clean_page(page)
    >>> clean.text
    'The two ministers met in Oslo.'
    >>> page[clean.to_original(4):clean.to_original(7, end=True)]
    'two'
    """
    out = CleanText()
    chunks: list[str] = []
    clean_pos = 0
    first = True
    blank_pending = False
    offset = 0
    blocks: list[int] = []  # for each kept line, the paragraph it belongs to
    in_links = False  # under a "Related" or "Read more" heading
    block = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        line_start, offset = offset, offset + len(raw)
        if _COMMENTS_START.match(line):
            break
        in_links = in_links and bool(line.strip())  # a list of links runs to a blank line
        if in_links or not line.strip() or _FURNITURE.match(line) or _CREDIT.match(line) or (
                _is_navigation(line)):
            in_links = in_links or bool(_LINKS_HEADER.match(line))
            blank_pending = blank_pending or bool(chunks)
            first = first and not line.strip()
            continue
        spans = _kept_spans(line, first)
        first = False
        if not spans:
            continue
        block += blank_pending
        if chunks:
            sep = "\n\n" if blank_pending else "\n"
            chunks.append(sep)
            clean_pos += len(sep)
        blank_pending = False
        line_clean_start = clean_pos
        for i, (s, e) in enumerate(spans):
            if i:
                chunks.append(" ")
                clean_pos += 1
            out._pieces.append((clean_pos, line_start + s))
            chunks.append(line[s:e])
            clean_pos += e - s
        kept = " ".join(line[s:e] for s, e in spans)
        out.lines.append((line_clean_start, clean_pos, _line_kind(kept)))
        blocks.append(block)
    out.text = "".join(chunks)
    _mark_wrapped_paragraphs(out, blocks)
    return out


def _mark_wrapped_paragraphs(out: CleanText, blocks: list[int]) -> None:
    """Lines of a hard-wrapped paragraph of prose are all prose, its short last line too."""
    lines = out.lines
    start = 0
    while start < len(lines):
        end = start
        while end + 1 < len(lines) and blocks[end + 1] == blocks[start]:
            end += 1
        group = lines[start:end + 1]
        words = [len(_WORD.findall(out.text[s:e])) for s, e, _ in group]
        whole = " ".join(out.text[s:e] for s, e, _ in group)
        if len(group) > 1 and min(words[:-1]) >= WRAPPED_MIN_WORDS and _line_kind(whole) == "body":
            lines[start:end + 1] = [(s, e, "body") for s, e, _ in group]
        start = end + 1
