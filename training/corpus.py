"""The training corpus: its splits, and the check that no page appears twice.

    python training/corpus.py check    # no page twice across splits, nor in tests/gold or seeds
    python training/corpus.py stats    # pages, meetings, countries, outlets, years by split
    python training/corpus.py agreement  # meeting F1 between the two annotators of double/
    python training/corpus.py add training/incoming/ph ...  # checked batches join train
    python training/corpus.py add --to reserve training/incoming/ph ...  # or the reserve

The corpus is ``training/{train,dev,test}/``: gold files in the format of
``tests/gold/README.md`` and the pages in ``articles/``; ``manifest.jsonl`` has a line per
page (its address, outlet, publication date and how it was found, its split). Pages were split
once, by `split` with `SEED`, keeping pages that tell one story in overlapping words together.
Pages collected later join train or the reserve (`add`), so dev and test stay the pages first
measured; ``reserve/`` holds pages annotated and checked but not trained on (the check covers
them).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent
PROJECT = ROOT.parent
SPLITS = ("train", "dev", "test")
# Annotated and checked, but not trained on: see training/README.md, "The reserve".
RESERVE = "reserve"
FOLDERS = (*SPLITS, RESERVE)
SEED = 20261204
TEST_PAGES, DEV_PAGES = 110, 90
SHINGLE_WORDS = 5
# Jaccard similarity of 5-word shingles: two pages this alike tell one story in the same words.
SAME_STORY = 0.5
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> frozenset[tuple[str, ...]]:
    """The page's runs of `size` words, lowercase.

    >>> sorted(shingles("The ministers met in Oslo today", size=5))
    [('ministers', 'met', 'in', 'oslo', 'today'), ('the', 'ministers', 'met', 'in', 'oslo')]
    """
    words = _WORD.findall(text.lower())
    return frozenset(tuple(words[i:i + size]) for i in range(max(len(words) - size + 1, 1)))


def similarity(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Jaccard similarity of two shingle sets (0 when both are empty)."""
    return len(a & b) / len(a | b) if a or b else 0.0


def alike(pages: dict[str, str], threshold: float = SAME_STORY) -> list[tuple[str, str, float]]:
    """Every pair of pages at least `threshold` alike, most alike first."""
    sets = {name: shingles(text) for name, text in pages.items()}
    # Only pages sharing a shingle can be alike: compare within the pages of each shingle.
    holders: dict[tuple[str, ...], list[str]] = {}
    for name, found in sets.items():
        for shingle in found:
            holders.setdefault(shingle, []).append(name)
    candidates = {tuple(sorted(pair)) for names in holders.values() if len(names) < 50
                  for pair in combinations(names, 2)}
    pairs = [(a, b, round(similarity(sets[a], sets[b]), 3)) for a, b in candidates]
    return sorted((p for p in pairs if p[2] >= threshold), key=lambda p: (-p[2], p[0], p[1]))


def corpus_pages(splits: Iterable[str] = FOLDERS) -> dict[str, str]:
    """The text of every page of the corpus, by ``split/file``."""
    return {f"{split}/{path.name}": path.read_text(encoding="utf-8")
            for split in splits for path in sorted((ROOT / split / "articles").glob("*.txt"))}


def other_pages() -> dict[str, str]:
    """The project's other articles: the seeds and every gold set's."""
    paths = [*(PROJECT / "seeds").glob("*.txt"),
             *(PROJECT / "tests" / "gold").glob("*/articles/*.txt")]
    return {str(p.relative_to(PROJECT)): p.read_text(encoding="utf-8") for p in sorted(paths)}


def split(groups: list[list[str]], seed: int = SEED) -> dict[str, str]:
    """Assign groups of pages (a story told in overlapping words is one group) to test, dev
    and train, shuffled with `seed`: test and dev take whole groups until they hold
    `TEST_PAGES` and `DEV_PAGES` pages."""
    order = sorted(groups)
    random.Random(seed).shuffle(order)
    assigned: dict[str, str] = {}
    sizes = Counter[str]()
    for group in order:
        name = ("test" if sizes["test"] < TEST_PAGES else
                "dev" if sizes["dev"] < DEV_PAGES else "train")
        for page in group:
            assigned[page] = name
        sizes[name] += len(group)
    return assigned


def check() -> list[str]:
    """Faults: a page in two splits (or twice in one), or a page of the project's own sets."""
    pages = corpus_pages()
    faults = [f"{a} and {b} are {s:.0%} alike" for a, b, s in alike(pages)
              if a.split("/")[0] != b.split("/")[0]]
    faults += [f"{a} and {b} are {s:.0%} alike" for a, b, s in alike({**pages, **other_pages()})
               if (a in pages) != (b in pages)]
    return faults


def add(batches: list[Path], to: str = "train") -> list[str]:
    """Move checked batches of pages into train (or the reserve: `to`), with their manifest
    lines; a page alike to one the project holds, or to an earlier one of the batches, is left
    behind, and named. Dev and test stay the pages first measured."""
    if to not in ("train", RESERVE):
        raise ValueError(f"pages join train or {RESERVE}, not {to}")
    held = {**corpus_pages(), **other_pages()}
    incoming = {f"{batch.name}/{path.name}": path.read_text(encoding="utf-8")
                for batch in batches for path in sorted((batch / "articles").glob("*.txt"))}
    twice: set[str] = set()
    for a, b, _ in alike({**held, **incoming}):
        if a in incoming and b in incoming:  # two new pages alike: the first one stays
            first, later = sorted((a, b))
            if first not in twice:
                twice.add(later)
        elif a in incoming or b in incoming:
            twice.add(a if a in incoming else b)
    rows = [(batch, json.loads(line)) for batch in batches
            for line in (batch / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    kept = [(batch, row) for batch, row in rows if f"{batch.name}/{row['file']}" not in twice]
    # The manifest first: a move that fails then leaves a page unlisted, never a line pageless.
    with (ROOT / "manifest.jsonl").open("a", encoding="utf-8") as manifest:
        manifest.writelines(json.dumps({**row, "batch": batch.name, "split": to},
                                       ensure_ascii=False) + "\n" for batch, row in kept)
    for batch, row in kept:
        shutil.move(batch / "articles" / row["file"], ROOT / to / "articles" / row["file"])
        shutil.move(batch / f"{row['id']}.json", ROOT / to / f"{row['id']}.json")
    return [f"left behind, alike to another page: {name}" for name in sorted(twice)]


def stats() -> str:
    """Pages, meetings, countries, outlets and years, by split."""
    rows = [json.loads(line) for line in (ROOT / "manifest.jsonl").read_text().splitlines()]
    lines = []
    for name in (*FOLDERS, "all"):
        part = [r for r in rows if name in (r["split"], "all")]
        golds = [json.loads((ROOT / r["split"] / f"{r['id']}.json").read_text()) for r in part]
        held = sum(m["status"] == "held" and len(m["participants"]) >= 2
                   for g in golds for m in g["meetings"])
        years = [r["year"] for r in part if r.get("year")]
        empty = sum(r["kind"] == "no_meeting" for r in part)
        countries = len({c for r in part for c in r["countries"]})
        lines.append(
            f"{name:<7} pages {len(part):>4}  no meeting {empty:>3}  held meetings {held:>4}"
            f"  countries {countries:>3}  outlets {len({r['outlet'] for r in part}):>3}"
            f"  years {min(years)}-{max(years)}")
    return "\n".join(lines)


def agreement() -> str:
    """The second annotations of ``double/`` scored against the corpus's own."""
    from evaluation import format_report, load_gold
    from evaluation.agreement import agreement as score
    from evaluation.gold import GoldSet

    first = GoldSet(articles=tuple(a for split in FOLDERS
                                   for a in load_gold(ROOT / split).articles))
    report = score(first, load_gold(ROOT / "double"))
    return "\n".join(format_report(report).splitlines()[:12])


def main(argv: list[str]) -> int:
    if argv == ["check"]:
        faults = check()
        print("\n".join(faults) if faults else "ok: no page twice")
        return 1 if faults else 0
    to, names = "train", argv[1:]
    if argv[1:2] == ["--to"]:  # "add --to reserve <batch>..."
        to, names = (argv[2] if len(argv) > 2 else ""), argv[3:]
    if argv[:1] == ["add"] and names and to in ("train", RESERVE):
        from check import check as faults_of

        batches = [Path(a) for a in names]
        faults = [f"{batch}: {fault}" for batch in batches for fault in faults_of(batch)]
        if faults:  # nothing moves while any batch has a fault
            print("\n".join(faults))
            return 1
        notes = add(batches, to)
        print("\n".join(notes) if notes else f"ok: every page joined {to}")
        return 0
    if argv == ["stats"]:
        print(stats())
        return 0
    if argv == ["agreement"]:
        sys.path.insert(0, str(PROJECT))
        print(agreement())
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
