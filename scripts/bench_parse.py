#!/usr/bin/env python3
"""Parse throughput: feedparser alone vs parse_feed, on a big feed built from fixtures.

    .venv/bin/python scripts/bench_parse.py [--items 5000] [--repeat 3]

Builds one RSS 2.0 document of >= --items items by repeating the RSS fixture
items (fixtures/feeds + fixtures/devset) with unique guids, then times, best of
--repeat: feedparser.parse with its defaults (sanitise + resolve URIs),
feedparser.parse as parse_feed calls it, and parse_feed itself (entity check +
feedparser + HTML->text + Items). Prints items/s, ratios and peak RSS.
"""

from __future__ import annotations

import argparse
import io
import resource
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import feedparser  # noqa: E402

from monitor.parse import parse_feed  # noqa: E402

CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"


def big_feed(n: int) -> tuple[bytes, int]:
    ET.register_namespace("content", CONTENT)
    ET.register_namespace("dc", DC)
    items = []
    for path in sorted((ROOT / "fixtures").glob("*/*.xml")):
        root = ET.parse(path).getroot()
        if root.tag == "rss":
            items += root.iter("item")
    if not items:
        sys.exit("no RSS fixture items: run scripts/build_fixtures.py first")
    rss = ET.Element("rss", {"version": "2.0"})
    ch = ET.SubElement(rss, "channel")
    ET.SubElement(ch, "title").text = "bench"
    ET.SubElement(ch, "link").text = "https://example.invalid/"
    ET.SubElement(ch, "description").text = "bench"
    for i in range(n):
        src = items[i % len(items)]
        it = ET.SubElement(ch, "item")
        for child in src:
            c = ET.SubElement(it, child.tag, dict(child.attrib))
            c.text = child.text
            if child.tag == "guid":
                c.text = f"{child.text}#bench-{i}"
    body = b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="utf-8")
    return body, n


def best(fn: Callable[[], int], repeat: int) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        count = fn()
        times.append(time.perf_counter() - t)
    return min(times), count


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    body, n = big_feed(args.items)
    print(f"feed: {n} items, {len(body) / 1e6:.1f} MB, {len(body) // n} bytes/item")
    headers = {"content-type": "application/rss+xml", "content-location": "https://example.invalid/feed"}
    runs = {
        "feedparser.parse (defaults)": lambda: len(feedparser.parse(
            io.BytesIO(body), response_headers=headers).entries),
        "feedparser.parse (no sanitise/resolve)": lambda: len(feedparser.parse(
            io.BytesIO(body), response_headers=headers, sanitize_html=False,
            resolve_relative_uris=False).entries),
        "parse_feed": lambda: len(parse_feed(body, feed="bench", url="https://example.invalid/feed",
                                             content_type="application/rss+xml").items),
    }
    results = {}
    for name, fn in runs.items():
        secs, count = best(fn, args.repeat)
        assert count == n, (name, count)
        results[name] = secs
        print(f"{name:42s} {secs:6.2f} s  {n / secs:8.0f} items/s")
    base = results["feedparser.parse (defaults)"]
    print(f"parse_feed / feedparser defaults: {base / results['parse_feed']:.2f}x throughput")
    print(f"parse_feed overhead over the feedparser call it makes: "
          f"{results['parse_feed'] / results['feedparser.parse (no sanitise/resolve)'] - 1:+.0%}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"peak RSS: {peak / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
