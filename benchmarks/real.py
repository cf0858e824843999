"""Real pages, whole processes: `diplograph build` against bare spaCy, the slowest article, and
a long document.

    python benchmarks/real.py [--rounds 3] [--long 1000000]

The pages are every article the project holds (training/{train,dev,test}, tests/gold/*):
real news from many outlets, as they were scraped.

1. **Build.** ``diplograph build --no-cache`` over all the pages, in a fresh process, against a
   fresh process that loads the full small model and runs ``nlp.pipe`` over the same texts
   (batches of 16). The two alternate for `--rounds` rounds; the median counts. Start-up and
   model load are in both.
2. **Slowest article.** Each page read on its own, in this process: the five slowest, with
   their seconds and the default time budget they are held to.
3. **Long document.** Real paragraphs, joined into documents of a quarter, half and all of
   `--long` characters: extraction against bare spaCy over the same text in pieces of 100,000
   characters. The cost per word should stay flat as the document grows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from machine import load_average

from diplograph.limits import PIECE_CHARS, SECONDS_PER_PIECE
from extract.budget import budget_for
from extract.clean import clean_page
from extract.model import load_nlp, load_pipeline
from extract.pipeline import extract_article
from extract.records import Article
from extract.sources import read_articles

__all__ = ["held_pages", "long_text", "main"]

ROOT = Path(__file__).resolve().parent.parent
BATCH = 16

_BARE = """
import sys, time
from pathlib import Path
from extract.model import load_nlp
from extract.sources import read_articles
texts = [a.text for a in read_articles(sys.argv[1:])]
nlp = load_nlp()
for _ in nlp.pipe(texts, batch_size=16):
    pass
"""


def held_pages() -> list[Path]:
    """The folders of real articles the project holds."""
    folders = [ROOT / "training" / split / "articles" for split in ("train", "dev", "test")]
    folders += sorted((ROOT / "tests" / "gold").glob("*/articles"))
    return [f for f in folders if f.is_dir()]


def long_text(articles: Sequence[Article], size: int) -> str:
    """Prose lines of real articles (as cleaning finds them), one paragraph each, joined until
    the text holds `size` characters: a long document, not a page with furniture."""
    paragraphs = [clean.text[start:end] for clean in map(clean_page, (a.text for a in articles))
                  for start, end, kind in clean.lines if kind == "body"]
    text, length, k = [], 0, 0
    while length < size:
        text.append(paragraphs[k % len(paragraphs)])
        length += len(text[-1]) + 2
        k += 1
    return "\n\n".join(text)[:size]


def _seconds(command: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def _build(folders: Sequence[Path], rounds: int, words: int) -> None:
    with tempfile.TemporaryDirectory(prefix="diplograph-bench-") as tmp:
        ours = [sys.executable, "-m", "diplograph", "build", *map(str, folders), "--no-cache",
                "--out", str(Path(tmp) / "g.json")]
        bare = [sys.executable, "-c", _BARE, *map(str, folders)]
        bares, builds = [], []
        for _ in range(rounds):
            bares.append(_seconds(bare))
            builds.append(_seconds(ours))
    b, o = statistics.median(bares), statistics.median(builds)
    print(f"build, whole process, median of {rounds} alternating rounds")
    print(f"  bare spaCy (nlp.pipe)        {b:7.2f} s  {words / b:8,.0f} words/s  "
          + " ".join(f"{t:.2f}" for t in bares))
    print(f"  diplograph build --no-cache  {o:7.2f} s  {words / o:8,.0f} words/s  "
          + " ".join(f"{t:.2f}" for t in builds))
    print(f"  diplograph / bare spaCy: {b / o:.2f}x the words per second\n")


def _slowest(articles: Sequence[Article]) -> None:
    nlp = load_pipeline()
    extract_article(articles[0], nlp=nlp)  # warm up
    times = []
    for article in articles:
        start = time.perf_counter()
        extract_article(article, nlp=nlp)
        times.append((time.perf_counter() - start, article))
    times.sort(key=lambda t: -t[0])
    print(f"slowest articles, one at a time ({len(articles)} pages, "
          f"{sum(t for t, _ in times):.1f} s in all)")
    for seconds, article in times[:5]:
        budget = budget_for(len(article.text), SECONDS_PER_PIECE)
        print(f"  {seconds:6.2f} s  budget {budget:5.0f} s  {len(article.text):>8,} chars  "
              f"{os.path.relpath(article.path, ROOT)}")
    print()


def _long(articles: Sequence[Article], size: int) -> None:
    nlp, bare = load_pipeline(), load_nlp()
    print(f"one long document of real paragraphs; bare spaCy reads it in pieces of "
          f"{PIECE_CHARS:,} characters")
    for part in (size // 4, size // 2, size):
        text = long_text(articles, part)
        words = len(text.split())
        pieces = [text[k:k + PIECE_CHARS] for k in range(0, len(text), PIECE_CHARS)]
        start = time.perf_counter()
        for _ in bare.pipe(pieces, batch_size=1):
            pass
        b = time.perf_counter() - start
        article = articles[0].model_copy(update={"text": text, "id": f"long-{part}"})
        start = time.perf_counter()
        extract_article(article, nlp=nlp)
        o = time.perf_counter() - start
        print(f"  {len(text):>9,} chars  bare {b:6.1f} s  diplograph {o:6.1f} s  "
              f"{o / b:.2f}x bare  {o / words * 1e6:6.0f} µs/word")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds (3)")
    parser.add_argument("--long", type=int, default=1_000_000,
                        help="characters of the longest document (1,000,000)")
    parser.add_argument("--skip", nargs="*", default=(), choices=("build", "slowest", "long"),
                        help="parts not to run")
    args = parser.parse_args(argv)
    folders = held_pages()
    articles = list(read_articles(folders))
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} real pages, {words:,} words; load average {load_average()}\n")
    if "build" not in args.skip:
        _build(folders, args.rounds, words)
    if "slowest" not in args.skip:
        _slowest(articles)
    if "long" not in args.skip:
        _long(articles, args.long)
    print(f"\nload average at the end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
