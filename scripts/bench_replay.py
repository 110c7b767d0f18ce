#!/usr/bin/env python3
"""Replay throughput: the whole decision path vs feedparser alone, on one big feed.

    .venv/bin/python scripts/bench_replay.py [--items 5000]

Builds one RSS feed of --items distinct items from the fixture texts (sentences
of different dev-set items shuffled together with a fixed seed, so dedupe sees
mostly new stories plus some genuine repeats), then in one run times:
  A. feedparser.parse on the bytes (what parsing alone costs);
  B. `monitor replay`'s path: parse_feed → detect → dedupe (real SQLite file) → decision.
Prints items/s for both, the ratio B/A, the decision mix and peak RSS.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import feedparser  # noqa: E402
from rich.progress import track  # noqa: E402

from monitor.parse import parse_feed  # noqa: E402


def build_feed(n: int, seed: int = 7) -> bytes:
    rng = random.Random(seed)
    sources = []
    for path in sorted((ROOT / "fixtures").glob("*/*.xml")):
        sources += parse_feed(path.read_bytes(), feed=path.stem, url=path.as_uri()).items
    sentences = [s.strip() for it in sources for s in it.text.replace("\n", " ").split(".")
                 if len(s.strip()) > 30]
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    out = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>bench</title>'
           "<link>https://bench.invalid/</link><description>d</description>"]
    for i in range(n):
        base = sources[i % len(sources)]
        if rng.random() < 0.1:  # a genuine repeat of a fixture story under a new guid
            title, body = base.title, base.text
        else:  # a new story: the base lead plus sentences from elsewhere
            body = base.text[:300] + " " + ". ".join(rng.sample(sentences, 12)) + "."
            title = f"{base.title} ({i})"
        pub = (t0 + timedelta(minutes=7 * i)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        out.append(f"<item><guid>https://bench.invalid/{i}</guid><link>https://bench.invalid/{i}</link>"
                   f"<title>{escape(title)}</title><pubDate>{pub}</pubDate>"
                   f"<description>{escape(body)}</description></item>")
    out.append("</channel></rss>")
    return "".join(out).encode()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=5000)
    args = ap.parse_args()
    body = build_feed(args.items)
    print(f"feed: {args.items} items, {len(body) / 1e6:.1f} MB")

    t = time.perf_counter()
    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=False, resolve_relative_uris=False)
    a = time.perf_counter() - t
    assert len(parsed.entries) == args.items

    from monitor.app import App
    from monitor.detect import Detector
    from monitor.logs import configure_logging
    from monitor.replay import run_replay
    from monitor.settings import load_settings

    configure_logging("WARNING")
    settings = load_settings(ROOT / "config")
    detector = Detector.load(settings.watchlists_dir)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        items = parse_feed(body, feed="bench", url="https://bench.invalid/").items
        app = App.build(settings, detector=detector, store_url=f"sqlite:///{tmp}/bench.db",
                        durable=False)  # as `monitor replay` opens its temporary store
        mix = Counter(d.decision for d in track(run_replay(app.pipeline, items, notify=False),
                                                 total=len(items), description="replay",
                                                 transient=True))
        b = time.perf_counter() - t
        app.db.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"A feedparser.parse alone : {args.items / a:8.0f} items/s ({a:.2f} s)")
    print(f"B full replay path       : {args.items / b:8.0f} items/s ({b:.2f} s)")
    print(f"ratio B/A                : {a / b:.2f}  (replay runs at this fraction of parse-only speed)")
    print(f"decisions                : {dict(mix)}")
    print(f"peak RSS                 : {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
