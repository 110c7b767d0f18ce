#!/usr/bin/env python3
"""One line per item with every watchlist's verdict and the extracted incident.

    .venv/bin/python scripts/dump_decisions.py > /tmp/before.txt
    ... change a rule ...
    .venv/bin/python scripts/dump_decisions.py > /tmp/after.txt
    diff /tmp/before.txt /tmp/after.txt

Why: an aggregate score hides trades (one item fixed, another broken). Diffing the
decisions of every item shows each change a rule makes, to be read one by one.
Items: every labelled fixture feed (fixtures/*/), any extra feed dirs given as
arguments, and the naya posts of ../shared/corpus when present (skipped otherwise).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_detect import naya_items  # noqa: E402  (the same posts, as the benchmark reads them)

from monitor.detect import Detector  # noqa: E402
from monitor.models import Item  # noqa: E402
from monitor.replay import load_items  # noqa: E402


def line(item: Item, det: Detector) -> str:
    parts = []
    for d in det.detect(item):
        inc = d.incident
        what = "-" if inc is None else f"{inc.type}|{inc.governorate}|{inc.place}|{inc.killed}|{inc.injured}"
        parts.append(f"{d.watchlist}={'Y' if d.matched else 'n'}:{what}")
    return f"{item.feed}/{item.id}\t" + " ".join(parts)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="*", type=Path, help="more feed dirs (e.g. a real-news set)")
    ap.add_argument("--no-naya", action="store_true")
    args = ap.parse_args()
    det = Detector.load(ROOT / "config" / "watchlists")
    folders = sorted(p for p in (ROOT / "fixtures").iterdir() if (p / "labels.jsonl").exists()) + args.dirs
    items = list(load_items(folders).items)  # as `monitor eval` reads them
    if not args.no_naya:
        items += naya_items()
    for it in items:
        print(line(it, det))
    print(f"{len(items)} items", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
