#!/usr/bin/env python3
"""Push feedparser's own test corpus through fetch(file://) -> parse_feed -> detect.

    .venv/bin/python scripts/robustness_feedparser.py [CORPUS_DIR] [--timeout 10]

The corpus (2,106 well-formed, ill-formed, encoding and entity feeds, BSD) lives
outside the project (FACTS.md says: use it, do not copy it). A file may end as
ok (items, maybe empty), a FetchError/ParseError (expected for hostile input),
a crash (any other exception: must be 0) or a hang (over the per-file timeout:
must be 0). Exit status 1 when there are crashes or hangs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from monitor.errors import FetchError, ParseError  # noqa: E402
from monitor.fetch import FetchLimits, HttpFetcher  # noqa: E402
from monitor.parse import parse_feed  # noqa: E402

# ../shared beside the checkout (as CI lays it out); optional: skipped when absent.
DEFAULT = ROOT.parent / "shared" / "reference" / "feedparser-tests"


def detect_hook() -> tuple[Callable[[Any], Any] | None, str]:
    """The shipped watchlists' Detector, so the whole fetch→parse→detect path is exercised."""
    from monitor.detect import Detector

    det = Detector.load(ROOT / "config" / "watchlists")
    return det.detect, "detect hook on: Detector.detect with config/watchlists"


async def run(corpus: Path, files: list[Path], timeout: float,
              detect: Callable[[Any], Any] | None) -> int:
    counts: Counter[str] = Counter()
    crashes: list[str] = []
    slowest: list[tuple[float, str]] = []
    items_total = 0
    pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="parse")
    loop = asyncio.get_running_loop()

    def work(body: bytes, path: Path) -> int:
        pf = parse_feed(body, feed=path.stem, url=path.as_uri())
        if detect is not None:
            for item in pf.items:
                detect(item)
        return len(pf.items)

    progress = _progress(len(files))
    async with HttpFetcher(FetchLimits(deadline=timeout)) as fetcher:
        for path in files:
            started = time.perf_counter()
            rel = str(path.relative_to(corpus))
            try:
                res = await fetcher.fetch(path.as_uri(), None)
                n = await asyncio.wait_for(
                    loop.run_in_executor(pool, work, res.body or b"", path), timeout)
                counts["ok"] += 1
                items_total += n
            except FetchError:
                counts["fetch errors"] += 1
            except ParseError:
                counts["parse errors"] += 1
            except TimeoutError:
                counts["hangs"] += 1
                crashes.append(f"HANG {rel}")
            except Exception:
                counts["crashes"] += 1
                crashes.append(f"CRASH {rel}\n{traceback.format_exc(limit=3)}")
            slowest.append((time.perf_counter() - started, rel))
            progress()
    print()
    slowest.sort(reverse=True)
    print(f"files: {len(files)}  ok: {counts['ok']}  parse errors: {counts['parse errors']}  "
          f"fetch errors: {counts['fetch errors']}  crashes: {counts['crashes']}  "
          f"hangs: {counts['hangs']}  items: {items_total}")
    print("slowest: " + ", ".join(f"{rel} {t * 1000:.0f} ms" for t, rel in slowest[:3]))
    for c in crashes[:20]:
        print(c)
    if counts["hangs"]:
        os._exit(1)  # a hung parse thread cannot be joined
    pool.shutdown()
    return 1 if crashes else 0


def _progress(total: int) -> Callable[[], None]:
    done = [0]

    tty = sys.stdout.isatty()

    def tick() -> None:
        done[0] += 1
        if tty and (done[0] % 50 == 0 or done[0] == total):
            print(f"\r{done[0]}/{total}", end="", flush=True)

    return tick


def main() -> int:
    ap = argparse.ArgumentParser(description="feedparser corpus through fetch -> parse -> detect")
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--timeout", type=float, default=10.0, help="per-file seconds")
    ap.add_argument("--no-detect", action="store_true")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        print(f"skipped: corpus not found at {args.corpus}")
        return 0
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.name != "LICENSE")
    detect, note = (None, "detect hook off (--no-detect)") if args.no_detect else detect_hook()
    print(f"{len(files)} files from {args.corpus}; {note}")
    return asyncio.run(run(args.corpus, files, args.timeout, detect))


if __name__ == "__main__":
    sys.exit(main())
