"""Check annotated pages mechanically: every quoted string occurs in its page, every field fits.

    python training/check.py training/incoming/af            # one batch folder
    python training/check.py training/train training/dev     # any folders laid out alike

A folder holds `articles/<id>.txt`, `<id>.json` gold files and, for incoming batches, a
`manifest.jsonl`. Exit status 1 when anything is wrong, with one line per fault.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
STATUSES = {"held", "planned", "cancelled"}
MODES = {"in_person", "phone_call", "video", None}
DATE_BASES = {"token", "header", "dateline", "url", "none"}
KINDS = {"meeting", "no_meeting"}


def _faults_of_gold(gold: dict, text: str) -> list[str]:
    faults = []
    for key in ("file", "meetings", "people", "not_people"):
        if key not in gold:
            faults.append(f"no `{key}`")
    for n, meeting in enumerate(gold.get("meetings", [])):
        where = f"meetings[{n}]"
        for name in meeting.get("participants", []) + meeting.get("optional_participants", []):
            if name not in text:
                faults.append(f"{where}: participant {name!r} is not in the page")
        evidence = meeting.get("evidence") or ""
        if not evidence or evidence not in text:
            faults.append(f"{where}: evidence is not a substring of the page: {evidence[:60]!r}")
        for date in [meeting.get("date"), *meeting.get("alt_dates", [])]:
            if date is not None and not ISO.match(date):
                faults.append(f"{where}: date {date!r} is not YYYY[-MM[-DD]]")
        if meeting.get("status") not in STATUSES:
            faults.append(f"{where}: status {meeting.get('status')!r}")
        if meeting.get("mode") not in MODES:
            faults.append(f"{where}: mode {meeting.get('mode')!r}")
    for person in gold.get("people", []):
        if person.get("name", "") not in text:
            faults.append(f"person {person.get('name')!r} is not in the page")
    for name in gold.get("not_people", []):
        if name not in text:
            faults.append(f"not_people {name!r} is not in the page")
    return faults


def _faults_of_manifest(folder: Path, ids: set[str]) -> list[str]:
    path = folder / "manifest.jsonl"
    if not path.exists():
        return []
    faults, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            faults.append(f"{path}:{number}: not JSON ({e.msg})")
            continue
        seen.add(row.get("id"))
        if row.get("date_basis") not in DATE_BASES:
            faults.append(f"{path}:{number}: date_basis {row.get('date_basis')!r}")
        if row.get("kind") not in KINDS:
            faults.append(f"{path}:{number}: kind {row.get('kind')!r}")
        if row.get("file") != f"{row.get('id')}.txt":
            faults.append(f"{path}:{number}: file {row.get('file')!r} is not the id's page")
        if not row.get("url"):
            faults.append(f"{path}:{number}: no url")
    faults += [f"{path}: no manifest line for {i}" for i in sorted(ids - seen)]
    return faults


def check(folder: Path) -> list[str]:
    """Every fault of one folder, one line each."""
    faults = []
    ids = set()
    for page in sorted((folder / "articles").glob("*.txt")):
        ids.add(page.stem)
        gold_path = folder / f"{page.stem}.json"
        if not gold_path.exists():
            faults.append(f"{gold_path}: missing")
            continue
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            faults.append(f"{gold_path}: not JSON ({e.msg}, line {e.lineno})")
            continue
        if gold.get("file") != page.name:
            faults.append(f"{gold_path}: `file` is {gold.get('file')!r}, not {page.name!r}")
        text = page.read_text(encoding="utf-8")
        faults += [f"{gold_path}: {f}" for f in _faults_of_gold(gold, text)]
    for gold_path in sorted(folder.glob("*.json")):
        if gold_path.stem not in ids:
            faults.append(f"{gold_path}: no page articles/{gold_path.stem}.txt")
    return faults + _faults_of_manifest(folder, ids)


def main(folders: list[str]) -> int:
    faults = [f for folder in folders for f in check(Path(folder))]
    print("\n".join(faults) if faults else "ok")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
