"""Run extraction over many articles: clean, parse in batches, read people, meetings and topics."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator

from anyascii import anyascii
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from diplograph.countries import country_name
from diplograph.dates import Date, is_historical

from .clean import CleanText, clean_page
from .dates import resolve_date, story_year, weekday_number
from .meetings import FUTURE_AUX, PLANNING, Draft, find_meetings, merge_drafts
from .model import LEXICON, LEXICON_PIPE, load_pipeline
from .people import Cast, find_people, quote_mask
from .records import (
    AgreementRecord,
    Article,
    ArticleExtraction,
    EntityRecord,
    Evidence,
    MeetingRecord,
    ParticipantRecord,
    PersonRecord,
    TopicRecord,
)
from .topics import Mention, agreement_mentions, assign, topic_mentions

__all__ = ["CHUNK_CHARS", "extract_article", "extract_articles"]

# spaCy's parser needs memory in proportion to a doc's length: longer texts are parsed in
# paragraph chunks and joined back into one Doc, so no text is ever dropped.
CHUNK_CHARS = 100_000
DATELINE_LINES = 3
# "October 21, Agency. ..." or "CITY, March 4 (Agency) — ...": a day with or without a year.
_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Za-z .'’-]{1,40},\s+)?"
    r"((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)(?:,?\s+(\d{4}))?"
    r"[ \t]*(?:\([^)]{1,40}\)[ \t]*|[A-Z][A-Za-z]{1,15}[ \t]+)?[,.:–—\n-]",
    re.IGNORECASE,
)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ORDINAL = re.compile(r"(\d{1,3})(?:st|nd|rd|th)", re.IGNORECASE)
_PATH_YEAR = re.compile(r"/((?:19|20)\d\d)/(?:0?[1-9]|1[0-2])/")
TARGET_WORDS = frozenset({"by", "until", "till", "through", "to", "before", "-", "–"})
PRESENT_WORDS = frozenset({"today", "yesterday", "tonight"})
# Plans, and targets a story sets: their years are not the story's own.
FUTURE_WORDS = FUTURE_AUX | PLANNING | {"target", "aims", "next"}


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


def _parse(nlp: Language, cleaned: Iterable[tuple[CleanText, Article]], batch_size: int,
           ) -> Iterator[tuple[Doc, CleanText, Article]]:
    """Parse every article in batches; long ones in chunks, joined back into one Doc."""
    def stream() -> Iterator[tuple[str, tuple[CleanText, Article, int, int]]]:
        for clean, article in cleaned:
            parts = _chunks(clean.text, CHUNK_CHARS)
            for k, part in enumerate(parts):
                yield part, (clean, article, k, len(parts))

    ruler = nlp.get_pipe(LEXICON_PIPE)
    pending: list[Doc] = []
    folded = ((fold_letters(text), context) for text, context in stream())
    for doc, (clean, article, k, total) in nlp.pipe(folded, as_tuples=True,
                                                     batch_size=batch_size,
                                                     disable=[LEXICON_PIPE]):
        start = sum(len(d.text) for d in pending)
        doc = ruler(_unfold(doc, clean.text[start:start + len(doc.text)]))
        pending.append(doc)
        if k == total - 1:
            joined = pending[0] if total == 1 else Doc.from_docs(pending, ensure_whitespace=False)
            pending = []
            yield joined, clean, article


# What the model reads: a name's letters without their marks ("Vučić" -> "Vucic"), which the
# small English model tags as a person far more often. A letter is replaced only by one
# letter, so that every offset stays the same and the Doc gets its own words back (`_unfold`).
_PARSE_ATTRS = ["TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE"]


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


def _unfold(doc: Doc, text: str) -> Doc:
    """The parsed ``doc`` of folded text, with the words of the original ``text``."""
    if doc.text == text:
        return doc
    words = [text[t.idx:t.idx + len(t.text)] for t in doc]
    restored = Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in doc])
    return restored.from_array(_PARSE_ATTRS, doc.to_array(_PARSE_ATTRS))


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
    nlp = nlp or load_pipeline()
    cleaned = ((_detach_dateline(clean_page(article.text)), article) for article in articles)
    for doc, clean, article in _parse(nlp, cleaned, batch_size):
        yield read_doc(doc, clean, article)


def extract_article(article: Article, *, nlp: Language | None = None) -> ArticleExtraction:
    """Extract one article (see `extract_articles`)."""
    return next(extract_articles([article], nlp=nlp))


def _body_mask(doc: Doc, clean: CleanText) -> list[bool]:
    return [clean.kind_at(t.idx) == "body" for t in doc]


def _story_mask(doc: Doc, clean: CleanText) -> list[bool]:
    """Tokens of the story: body lines, and headings that prose follows (section titles)."""
    last_body = max((end for _, end, kind in clean.lines if kind == "body"), default=0)
    return [clean.kind_at(t.idx) is not None and t.idx < last_body for t in doc]


def _dateline_match(clean: CleanText) -> re.Match[str] | None:
    # The dateline opens one of the first paragraphs (after a headline, a byline, a caption).
    starts = [start for start, _, kind in clean.lines if kind == "body"][:DATELINE_LINES]
    return next(filter(None, (_DATELINE.match(clean.text, start) for start in starts)), None)


def _detach_dateline(clean: CleanText) -> CleanText:
    """End the dateline with a line break, so that the lead's sentence starts after it.

    Parsed as one sentence, "CITY, April 9 (Agency) — Minister X and Minister Y held talks"
    makes X an apposition of the city, and the meeting loses its subject.
    """
    m = _dateline_match(clean)
    if m is None or m.group(0)[-1] == "\n":
        return clean
    end = m.end() - 1
    return dataclasses.replace(clean, text=f"{clean.text[:end]}\n{clean.text[end + 1:]}")


def _dateline(clean: CleanText) -> tuple[Date | None, tuple[int, int]]:
    """A dateline opening a first paragraph of prose ("October 21, Agency. ..."), and where."""
    m = _dateline_match(clean)
    if m is None:
        return None, (0, 0)
    phrase = m.group(1) + (f", {m.group(2)}" if m.group(2) else "")
    return resolve_date(phrase, reference=None), m.span()


def _anniversary(sent: Span) -> int | None:
    """The N of "the Nth anniversary" in a sentence, if it names one."""
    for token in sent[1:]:
        if token.lower_ == "anniversary" and (m := _ORDINAL.fullmatch(token.nbor(-1).text)):
            return int(m[1])
    return None


class _Reader:
    """Reads one parsed article into records."""

    def __init__(self, doc: Doc, clean: CleanText, article: Article) -> None:
        self.doc, self.clean, self.article = doc, clean, article
        self.body = _body_mask(doc, clean)
        self.story = _story_mask(doc, clean)
        self.quoted = quote_mask(doc)
        self.dateline, self.dateline_span = _dateline(clean)

    def evidence(self, span: Span) -> Evidence:
        start = self.clean.to_original(span.start_char)
        end = self.clean.to_original(span.end_char, end=True)
        return Evidence(article=self.article.id, sentence=self.article.text[start:end],
                        start=start, end=end)

    def dates(self) -> tuple[dt.date | None, Date | None]:
        """(reference date, fallback date of the article's meetings).

        The dateline's day is the story's day; the publication date, often a day later (or a
        scrape's date), dates the story when no dateline does. A dateline without a year takes
        the publication's, or else the latest year the story names (see `story_year`).
        """
        published, dateline = self.article.published, self.dateline
        if dateline is not None and dateline.partial:
            dateline = self._with_year(dateline, published)
        day = (dt.date.fromisoformat(dateline.value)
               if dateline is not None and not dateline.partial else None)
        if published is not None and (day is None or not 0 <= (published - day).days <= 3):
            day = published
        if day is None:
            return None, dateline
        return day, Date.of_day(day, basis="article")

    def _with_year(self, dateline: Date, published: dt.date | None) -> Date:
        """A dateline without a year, given the year of the publication or the story's own."""
        if published is not None:
            year: int | None = published.year - (
                f"{published.year}{dateline.value[1:]}" > published.isoformat())
        else:
            years, current = self._years()
            year = story_year(dateline.value, years, weekday=self._lead_weekday(),
                              current=current)
        filled = dateline.with_year(year) if year is not None else None
        return dateline if filled is None else filled.model_copy(update={"basis": "relative"})

    def _years(self) -> tuple[list[int], list[int]]:
        """The years the story names, and those it names as its present.

        Plans and targets ("by 2030", "will ... in 2027") are left out; a year in a sentence
        that also says "on Wednesday" or "today", or in a link's path ("/2026/04/"), is the
        story's present, and so is the year an anniversary falls in ("the 75th anniversary of
        relations, established in 1950").
        """
        current = [int(y) for y in _PATH_YEAR.findall(self.article.text)]
        years: list[int] = []
        for token in self.doc:
            if not (self.body[token.i] and _YEAR.fullmatch(token.text)) or (
                    token.i and self.doc[token.i - 1].lower_ in TARGET_WORDS):
                continue
            sent = token.sent
            if any(t.lower_ in FUTURE_WORDS for t in sent):
                continue
            years.append(int(token.text))
            if any(weekday_number(t.text) is not None or t.lower_ in PRESENT_WORDS
                   for t in sent):
                current.append(int(token.text))
            if (age := _anniversary(sent)) is not None:  # "the 75th anniversary of ... 1950"
                current.append(int(token.text) + age)
        return years, current

    def _lead_weekday(self) -> int | None:
        """The weekday the lead names ("CITY, March 3 (Agency) - X met Y on Monday"), if any.

        The lead is the sentence after the dateline, which `_detach_dateline` ended with a
        line break.
        """
        end = self.dateline_span[1]
        first = next((t for t in self.doc if t.idx >= end and not t.is_space), None)
        if end == 0 or first is None:
            return None
        return next((n for t in first.sent if (n := weekday_number(t.text)) is not None), None)

    def people(self, cast: Cast, meetings: list[MeetingRecord]) -> list[PersonRecord]:
        """People the story supports: a full name, a title, or a part in a meeting.

        A lone capitalised word that nothing else supports ("Explainer: ...") is not kept.
        """
        taking_part = {q.person for m in meetings for q in m.participants}
        records = []
        for person in cast.people:
            if len(person.tokens) < 2 and not person.titles and person.key not in taking_part:
                continue
            first = self.doc[person.mentions[0][0]] if person.mentions else None
            evidence = (self.evidence(first.sent),) if first is not None else ()
            aliases = [n for n in person.names if n != person.name]
            records.append(PersonRecord(
                key=person.key, name=person.name, aliases=tuple(aliases),
                titles=tuple(person.titles), countries=tuple(person.countries),
                organisations=tuple(person.organisations),
                relations=tuple(person.relations), evidence=evidence,
            ))
        return records

    def entities(self, cast: Cast) -> list[EntityRecord]:
        seen: dict[tuple[str, str], list[Evidence]] = {}
        for ent in self.doc.ents:
            if not self.body[ent.start] or ent.start in cast.token_person:
                continue
            text = re.sub(r"^(the|The)\s+|['’]s?$", "", ent.text).strip()
            if not text or "\n" in text:
                continue
            country = country_name(text) if ent.label_ in ("GPE", "NORP") else None
            if country:
                kind, name = "country", country
            elif ent.label_ == "ORG":
                kind, name = "organisation", text
            elif ent.label_ in ("GPE", "LOC", "FAC"):
                kind, name = "location", text
            else:
                continue
            seen.setdefault((kind, name), []).append(self.evidence(ent.sent))
        return [EntityRecord(kind=kind, name=name, evidence=tuple(ev[:1]))  # type: ignore[arg-type]
                for (kind, name), ev in seen.items()]

    def meetings(self, cast: Cast) -> list[MeetingRecord]:
        reference, fallback = self.dates()
        triggers = filter_spans([s for s in self.doc.spans.get(LEXICON, [])
                                 if s.label_ == "MEETING"])
        drafts = find_meetings(self.doc, cast, reference=reference, body=self.body,
                               quoted=self.quoted, triggers=triggers, fallback=fallback,
                               dateline=self.dateline_span)
        if reference is None:
            _place_partial(drafts)
            _mark_historical(drafts)
        merged = merge_drafts(drafts)
        # A sentence that states another meeting (people of its own, or a date of its own)
        # keeps its topics; "discussions included X" without either is about the main one.
        stated = {d.sentence.start for d in drafts} | {
            t.sent.start for t in triggers
            if not self.quoted[t.root.i] and any(e.label_ == "DATE" for e in t.sent.ents)}
        in_story = self.story.__getitem__
        topics = assign(topic_mentions(self.doc, in_story=in_story),
                        [d.sentences for d in merged], stated=stated)
        agreements = assign(agreement_mentions(self.doc, in_story=in_story),
                            [d.sentences for d in merged], stated=set())
        return [self._meeting(d, cast, t, a)
                for d, t, a in zip(merged, topics, agreements, strict=True)]

    def _meeting(self, draft: Draft, cast: Cast, topics: list[Mention],
                 agreements: list[Mention]) -> MeetingRecord:
        seen_topics: dict[str, TopicRecord] = {}
        for mention in topics:
            seen_topics.setdefault(mention.name, TopicRecord(
                area=mention.name, evidence=self.evidence(mention.sentence)))
        return MeetingRecord(
            participants=tuple(ParticipantRecord(person=cast.people[p].key, role=role)
                               for p, role in draft.participants.items()),
            date=draft.date,
            status=draft.status,
            historical=draft.historical,
            location=draft.location,
            venue=draft.venue,
            mode=draft.mode,
            topics=tuple(seen_topics.values()),
            agreements=tuple(AgreementRecord(kind=m.kind, text=m.name, sectors=m.sectors,
                                             evidence=self.evidence(m.sentence))
                             for m in agreements),
            confidence=round(draft.confidence, 2),
            evidence=tuple(self.evidence(s) for s in draft.sentences),
            counterpart=draft.counterpart,
        )


def _place_partial(drafts: list[Draft]) -> None:
    """In an undated article, give a day or month without a year ("on Feb 4") the year that
    puts it nearest the latest date the text states in full ("from Feb 3 to 5, 2026")."""
    stated = [d.date for d in drafts if d.date is not None
              and not d.date.partial and d.date.precision != "year"]
    if not stated:
        return
    anchor = max(stated, key=lambda d: d.value).interval()[0]
    for draft in drafts:
        if draft.date is not None and draft.date.partial:
            options = [o for year in (anchor.year - 1, anchor.year, anchor.year + 1)
                       if (o := draft.date.with_year(year)) is not None]
            near = min(options, default=None, key=lambda o: abs((o.interval()[0] - anchor).days))
            if near is not None:
                draft.date = near.model_copy(update={"basis": "relative"})


def _mark_historical(drafts: list[Draft]) -> None:
    """In an undated article, judge 'historical' against the latest date the text states."""
    stated = [d.date for d in drafts if d.date is not None and not d.date.partial]
    if not stated:
        return
    reference = max(stated, key=lambda d: d.value).interval()[1]
    for draft in drafts:
        if draft.date is not None and not draft.date.partial:
            draft.historical = draft.historical or is_historical(draft.date, reference)


def read_doc(doc: Doc, clean: CleanText, article: Article) -> ArticleExtraction:
    """Read the records of one parsed article."""
    reader = _Reader(doc, clean, article)
    start, end = reader.dateline_span  # "BEIJING, May 13 (Agency) --": the agency is nobody
    cast = find_people(doc, body=[b and not start <= t.idx < end
                                  for b, t in zip(reader.body, doc, strict=True)])
    meetings = reader.meetings(cast)
    return ArticleExtraction(
        article=article,
        people=tuple(reader.people(cast, meetings)),
        entities=tuple(reader.entities(cast)),
        meetings=tuple(meetings),
    )
