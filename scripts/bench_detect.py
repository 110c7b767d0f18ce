#!/usr/bin/env python3
"""Throughput of the detection stage (normalise + match + extract), one core.

    .venv/bin/python scripts/bench_detect.py [--seconds 3] [--against OTHER_CHECKOUT] [--stages]

Workloads: ~5 KB Arabic news items built from the seed articles
(fixtures/seeds or /work/shared/seeds; all about ISIS, so all take the full
analysis path), naya-stream posts joined into ~5 KB items, and the short
naya-stream posts themselves (/work/shared/corpus/naya-stream.jsonl). A
workload whose data is absent is skipped with a message.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor.detect import Detector  # noqa: E402
from monitor.models import Item  # noqa: E402

SHARED = ROOT.parent / "shared"
NOW = datetime(2025, 12, 18, tzinfo=UTC)


def seed_items() -> list[Item]:
    for folder in (ROOT / "fixtures" / "seeds", SHARED / "seeds"):
        files = sorted(folder.glob("*.txt")) if folder.is_dir() else []
        if files:
            break
    else:
        return []
    items = []
    for i, f in enumerate(files * 4):
        title, _, body = f.read_text(encoding="utf-8").partition("\n")
        body = (body * 2)[:5000]  # ~5 KB each, like a full article
        items.append(Item("bench", f"{f.stem}-{i}", "", title, body, NOW))
    return items


def naya_items() -> list[Item]:
    path = SHARED / "corpus" / "naya-stream.jsonl"
    if not path.exists():
        return []
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        items.append(Item("naya", d["id"], d["id"], "", d.get("body") or "", NOW))
    return items


def naya_5kb_items() -> list[Item]:
    """Consecutive naya posts joined into ~5 KB items: long, real, mostly not about ISIS."""
    posts = naya_items()
    out, buf = [], []
    for p in posts:
        buf.append(p.text)
        if sum(map(len, buf)) >= 5000:
            out.append(Item("naya", f"joined-{len(out)}", "", buf[0][:80], "\n\n".join(buf)[:5000], NOW))
            buf = []
    return out


def naya_5kb_no_isis_items(det: Detector) -> list[Item]:
    """naya posts that name no ISIS, joined into ~5 KB items: long items on the cheap path.

    Most items of a real feed are of this kind: the detector normalises them and
    finds no ISIS name, so no analysis follows.
    """
    out, buf = [], []
    for p in naya_items():
        if any(d.reasons[:1] != ("no reference to ISIS",) for d in det.detect(p)):
            continue
        buf.append(p.text)
        if sum(map(len, buf)) >= 5000:
            out.append(Item("naya", f"joined-{len(out)}", "", buf[0][:80], "\n\n".join(buf)[:5000], NOW))
            buf = []
    return out


def run(det: Detector, items: list[Item], seconds: float) -> tuple[float, int]:
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for it in items:
            det.detect(it)
        n += len(items)
    return n / (time.perf_counter() - t0), n


def against(other: Path, seconds: float, rounds: int) -> int:
    """Alternate this checkout and another one (e.g. a `git worktree` of an older commit),
    best of `rounds` each, and print the ratios: on a noisy machine only same-run ratios count."""
    best: dict[str, dict[str, int]] = {}
    for _ in range(rounds):
        for name, root in (("other", other), ("this", ROOT)):
            out = subprocess.run([sys.executable, str(root / "scripts" / "bench_detect.py"), "--seconds", str(seconds)],
                                 cwd=root, capture_output=True, text=True, check=True).stdout
            for line in out.splitlines():
                m = re.match(r"(.*?): ([\d,]+) items/s", line)
                if m:
                    row = best.setdefault(m.group(1), {})
                    row[name] = max(row.get(name, 0), int(m.group(2).replace(",", "")))
    for workload, row in best.items():
        a, b = row.get("other", 0), row.get("this", 0)
        print(f"{workload}: other {a:,} / this {b:,} items/s" + (f", ratio {b / a:.2f}" if a else ""))
    return 0


def stages(det: Detector, items: list[Item], rounds: int = 60) -> None:
    """Per-stage µs per item (best of `rounds` passes over the items): where the time goes."""
    from monitor.detect.actors import resolve_actors, resolve_places
    from monitor.detect.detector import Analysis, _facts
    from monitor.detect.evidence import gather
    from monitor.detect.extract import extract
    from monitor.text import normalise

    k = det.k
    best: dict[str, float] = {}
    for _ in range(rounds):
        spent = dict.fromkeys(("normalise", "evidence", "ISIS and places", "candidates and extraction", "judging"), 0.0)
        for it in items:
            t0 = time.perf_counter()
            texts = normalise(it.title), normalise(it.text)
            t1 = time.perf_counter()
            ev = gather(it, k, texts)
            t2 = time.perf_counter()
            af, pf = resolve_actors(ev), resolve_places(ev, k.places)
            t3 = time.perf_counter()
            inc = extract(ev, k, af, pf)
            t4 = time.perf_counter()
            facts, why = _facts(af, pf, inc)
            for w in det.watchlists:
                det._judge(w, Analysis(ev, af, pf, inc, facts, why))
            t5 = time.perf_counter()
            for name, dt in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
                spent[name] += dt
        for name, v in spent.items():
            best[name] = min(best.get(name, float("inf")), v)
    print(", ".join(f"{name} {v / len(items) * 1e6:.0f} µs" for name, v in best.items()))
    floor(k, items, rounds)


def floor(k, items: list[Item], rounds: int) -> None:
    """What the text alone costs before any analysis: normalising both fields and one pass
    of the term automaton over the body (no hit handled in Python). These are C-level calls
    (str.translate, regex, pyahocorasick), so this is the floor of any pure-Python design."""
    from monitor.text import normalise
    from monitor.text.matcher import _spaced

    auto = k.index._auto
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for it in items:
            normalise(it.title)
            for _hit in auto.iter(_spaced(normalise(it.text))):
                pass
        best = min(best, time.perf_counter() - t0)
    per = best / len(items) * 1e6
    print(f"floor (normalise + automaton scan, no analysis): {per:.0f} µs per item = {1e6 / per:,.0f} items/s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--against", type=Path, help="another checkout to compare with, alternating runs")
    ap.add_argument("--rounds", type=int, default=2, help="with --against: runs of each (best kept)")
    ap.add_argument("--stages", action="store_true", help="per-stage µs per item on the ~5 KB seed items")
    args = ap.parse_args()
    if args.against:
        return against(args.against.resolve(), args.seconds, args.rounds)
    if args.stages:
        stages(Detector.load(ROOT / "config" / "watchlists"), seed_items())
        return 0
    det = Detector.load(ROOT / "config" / "watchlists")
    workloads = (("seeds ~5KB (every item about ISIS: full analysis)", seed_items()),
                 ("naya posts joined to ~5KB (real mix)", naya_5kb_items()),
                 ("naya posts naming no ISIS joined to ~5KB (no analysis)", naya_5kb_no_isis_items(det)),
                 ("naya-stream posts", naya_items()))
    for name, items in workloads:
        if not items:
            print(f"{name}: skipped (data not found)")
            continue
        size = sum(len(i.title) + len(i.text) for i in items) / len(items)
        rate, n = run(det, items, args.seconds)
        print(f"{name}: {rate:,.0f} items/s ({n} items, mean {size:,.0f} chars/item)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
