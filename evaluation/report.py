"""The report of an evaluation: its pydantic models, and format_report that prints it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pydantic import BaseModel, ConfigDict

__all__ = [
    "ArticlesReport",
    "EventsReport",
    "FileReport",
    "Report",
    "Score",
    "Share",
    "format_report",
    "score",
    "share",
]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Score(_Out):
    """Precision, recall and F1, with the counts they come from.

    ``precision = hits / system`` and ``recall = hits / gold``, each 0.0 when its denominator
    is 0; ``f1`` is their harmonic mean (0.0 when both are 0). All three are rounded to 3
    decimals.
    """

    precision: float
    recall: float
    f1: float
    hits: int
    system: int
    gold: int


class Share(_Out):
    """A share ``hits / total``, rounded to 3 decimals; 0.0 when `total` is 0."""

    share: float
    hits: int
    total: int


class FileReport(_Out):
    """The meeting score of one gold article; `in_graph` is False if no article node has it."""

    file: str
    in_graph: bool
    meetings: Score


class ArticlesReport(_Out):
    """The per-article gold's figures, micro-averaged over all the gold articles."""

    meetings: Score
    duplicates: int
    neutral: int
    pairs: Score
    dates: Share
    locations: Share
    topics: Score
    people: Score
    noise_people: tuple[str, ...]
    misses: tuple[str, ...]
    false_alarms: tuple[str, ...]
    files: tuple[FileReport, ...]


class EventsReport(_Out):
    """The events file's figures, over every meeting and person of the graph."""

    events: Score
    duplicates: int
    neutral: int
    pairs: Score
    dates: Share
    people: Share
    noise_people: tuple[str, ...]
    wrong_merges: tuple[str, ...]
    misses: tuple[str, ...]
    false_alarms: tuple[str, ...]


class Report(_Out):
    """What `evaluate` returns: one part per kind of gold (None when the gold has none)."""

    articles: ArticlesReport | None
    events: EventsReport | None


def score(hits: int, system: int, gold: int) -> Score:
    """The Score of `hits` out of `system` answers and `gold` truths.

    >>> score(2, 3, 4).f1
    0.571
    """
    precision = hits / system if system else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision=round(precision, 3), recall=round(recall, 3), f1=round(f1, 3),
                 hits=hits, system=system, gold=gold)


def share(hits: int, total: int) -> Share:
    """The Share of `hits` out of `total`.

    >>> share(2, 3).share, share(0, 0).share
    (0.667, 0.0)
    """
    return Share(share=round(hits / total, 3) if total else 0.0, hits=hits, total=total)


def _score_rows(rows: Iterable[tuple[str, Score]]) -> list[str]:
    lines = [f"  {'':<13}{'precision':>9}{'recall':>8}{'f1':>7}{'hits':>7}{'system':>8}"
             f"{'gold':>6}"]
    lines += [f"  {name:<13}{s.precision:>9.3f}{s.recall:>8.3f}{s.f1:>7.3f}{s.hits:>7}"
              f"{s.system:>8}{s.gold:>6}" for name, s in rows]
    return lines


def _share_rows(rows: Iterable[tuple[str, Share | int]]) -> list[str]:
    lines = []
    for name, value in rows:
        if isinstance(value, Share):
            lines.append(f"  {name:<13}{value.share:>9.3f}  {value.hits}/{value.total}")
        else:
            lines.append(f"  {name:<13}{value:>9}")
    return lines


def _listing(title: str, items: Sequence[str]) -> list[str]:
    return [f"  {title} ({len(items)})", *(f"    {item}" for item in items)] if items else []


def format_report(report: Report) -> str:
    """Return a report as a compact text block: the figures, then what was missed or wrong.

    Parameters
    ----------
    report : Report
        What `evaluate` returned.

    Returns
    -------
    str
        Aligned columns of figures for each kind of gold, then the lists (misses, false
        alarms, noise people, wrong merges) of those that are not empty.

    Examples
    --------
    >>> import kg
    >>> from evaluation import GoldSet, evaluate
    >>> gold = GoldSet(articles=[{"file": "a.txt", "meetings": [
    ...     {"participants": ["Anna Berg", "Carl Dunn"], "date": "2024-05"}]}])
    >>> print(format_report(evaluate(kg.new_graph(), gold)).splitlines()[0])
    per-article gold: 1 file, 0 in the graph
    """
    lines: list[str] = []
    if report.articles is not None:
        a = report.articles
        n = len(a.files)
        lines.append(f"per-article gold: {n} file{'s' * (n != 1)}, "
                     f"{sum(f.in_graph for f in a.files)} in the graph")
        lines += _score_rows([("meetings", a.meetings), ("pairs", a.pairs),
                              ("topics", a.topics), ("people", a.people)])
        lines.append(f"  {'':<13}{'share':>9}  hits/total")
        lines += _share_rows([("dates", a.dates), ("locations", a.locations),
                              ("duplicates", a.duplicates), ("neutral", a.neutral),
                              ("noise people", len(a.noise_people))])
        lines += _listing("not in the graph", [f.file for f in a.files if not f.in_graph])
        lines += _listing("missed meetings", a.misses)
        lines += _listing("false alarms", a.false_alarms)
        lines += _listing("noise people", a.noise_people)
    if report.events is not None:
        e = report.events
        if lines:
            lines.append("")
        lines.append(f"events gold: {e.events.gold} events with two people or more")
        lines += _score_rows([("events", e.events), ("pairs", e.pairs)])
        lines.append(f"  {'':<13}{'share':>9}  hits/total")
        lines += _share_rows([("dates", e.dates), ("people found", e.people),
                              ("duplicates", e.duplicates), ("neutral", e.neutral),
                              ("noise people", len(e.noise_people)),
                              ("wrong merges", len(e.wrong_merges))])
        lines += _listing("missed events", e.misses)
        lines += _listing("false alarms", e.false_alarms)
        lines += _listing("noise people", e.noise_people)
        lines += _listing("wrong merges", e.wrong_merges)
    return "\n".join(lines)
