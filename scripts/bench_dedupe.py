"""Benchmark the dedupe store: seed N remembered items, then time real decide() calls.

    .venv/bin/python scripts/bench_dedupe.py --items 1000000 --decisions 20000

Seeding is a fast path (raw sqlite3, journal off, rows pre-sorted, random
signatures: a random signature is what an unrelated text looks like to MinHash)
and runs in a child process, so the peak RSS printed for the measured phase is
that of the daemon's code path alone. The measured phase opens the file with
`open_database` (WAL, synchronous=FULL) and calls `Deduper.decide`, one
transaction per item, exactly as the pipeline does.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import resource
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.dedupe import DedupeConfig, Deduper  # noqa: E402
from monitor.dedupe.events import FAMILIES  # noqa: E402
from monitor.dedupe.fingerprint import band_hashes  # noqa: E402
from monitor.models import GOVERNORATES, Detection, Incident, Item  # noqa: E402
from monitor.store.db import open_database  # noqa: E402

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
DAY = 86400
_VOCAB = ("قتل أصيب عنصر عناصر قوات سوريا الديمقراطية قسد تنظيم الدولة داعش خلايا هجوم "
         "انفجار عبوة ناسفة سيارة عسكرية طريق بلدة قرية ريف دير الزور الرقة الحسكة حلب حمص "
         "البادية الشرقي الغربي الشمالي الجنوبي مصادر محلية ناشطون مسلحون حاجز دورية مداهمة "
         "اعتقال خلية مشتبه منزل حي مدينة مخيم الهول سجن فرار اشتباك مسيرة غارة التحالف الدولي "
         "الجيش الأمن العام مقتل إصابة جرحى مدنيين رعاة أغنام لغم مخلفات الحرب تعزيزات انتشار "
         "صباح مساء اليوم أمس الثلاثاء الأربعاء الخميس الجمعة السبت الأحد الاثنين بحسب وفق "
         "مرصد شبكة وكالة مراسل أفاد قال أكد نفى أعلن تبنى مسؤولية عملية أمنية واسعة"
         )
WORDS = _VOCAB.split()
FOOTER = "تابعونا على قناتنا في تلغرام للاطلاع على آخر الأخبار العاجلة جميع الحقوق محفوظة"


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def seed(path: str, n: int, relevant: float, events_per_day: int, num_perm: int) -> None:
    """Child process: create the schema the normal way, then bulk-insert rows."""
    db = open_database(f"sqlite:///{path}")
    Deduper(db, DedupeConfig(num_perm=num_perm))
    db.close()
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=OFF", "synchronous=OFF", "cache_size=-1000000",
                   "temp_store=MEMORY"):
        conn.execute("PRAGMA " + pragma)
    rng = np.random.default_rng(7)
    t0, chunk = time.time(), 100_000
    banded_ids, banded_sigs = [], []
    keys = np.sort(rng.integers(0, 2**63, size=n, dtype=np.int64))
    for start in range(0, n, chunk):
        m = min(chunk, n - start)
        sigs = rng.integers(0, 2**32, size=(m, num_perm), dtype=np.uint64).astype("<u4")
        seen = (NOW.timestamp() - rng.random(m) * 30 * DAY).astype(np.int64)
        is_rel = rng.random(m) < relevant
        rows = []
        for j in range(m):
            i = start + j + 1
            rows.append((i, f"g:{int(keys[start + j]):020x}", int(seen[j]), f"feed{i % 200}",
                         f"https://outlet{i % 50}.example/news/{i}", f"{rng.bytes(16).hex()}",
                         sigs[j].tobytes(), 60, int(is_rel[j]),
                         "duplicate" if is_rel[j] else "ignored", None))
            if is_rel[j]:
                banded_ids.append(i)
                banded_sigs.append(sigs[j])  # views into the chunk array: no copy
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO dedupe_items (id, key, seen_at, feed, ref, chash, sig, nsh,"
                         " banded, decision, event_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        conn.execute("COMMIT")
        print(f"  seed items {start + m:>9,}/{n:,}  {time.time() - t0:6.1f}s", flush=True)
    conn.execute("BEGIN")
    chashes = sorted((rng.bytes(16).hex(), i, int(NOW.timestamp())) for i in banded_ids)
    conn.executemany("INSERT INTO dedupe_content (chash, item_id, seen_at) VALUES (?,?,?)",
                     chashes)
    conn.execute("COMMIT")
    if banded_ids:  # LSH rows sorted by primary key: appends, not random b-tree inserts
        bands = band_hashes(np.stack(banded_sigs))
        nb = bands.shape[1]
        ids = np.repeat(np.asarray(banded_ids, dtype=np.int64), nb)
        band_no = np.tile(np.arange(nb, dtype=np.int64), len(banded_ids))
        hashes = bands.reshape(-1)
        order = np.lexsort((ids, hashes, band_no))
        lsh = np.stack([band_no[order], hashes[order], ids[order]], axis=1)
        del order, ids, band_no, hashes, bands, banded_sigs
        for s in range(0, len(lsh), 1_000_000):
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO dedupe_lsh (band, hash, item_id) VALUES (?,?,?)",
                             lsh[s:s + 1_000_000].tolist())
            conn.execute("COMMIT")
            print(f"  seed lsh {min(s + 1_000_000, len(lsh)):>11,}/{len(lsh):,} "
                  f"{time.time() - t0:6.1f}s", flush=True)
    fams = sorted(set(FAMILIES.values()))
    events = []
    for k in range(events_per_day * 30):
        at = int(NOW.timestamp() - random.random() * 30 * DAY)
        inc = Incident("attack", place=f"Village {k}", governorate=random.choice(GOVERNORATES))
        events.append((f"ev-seed{k:07d}", random.choice(fams), inc.governorate, at, at, at,
                       json.dumps(inc.to_json()), '["seed"]'))
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO dedupe_events VALUES (?,?,?,?,?,?,?,?)", events)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    print(f"  seeded in {time.time() - t0:.1f}s, seeding peak RSS {_rss_mb():.0f} MB", flush=True)


def workload(count: int, rnd: random.Random) -> list[tuple[str, Item, Detection]]:
    """New items (half relevant), exact repeats, and syndicated near-duplicates."""
    out: list[tuple[str, Item, Detection]] = []
    fresh: list[tuple[Item, Detection]] = []
    for n in range(count):
        roll = rnd.random()
        t = NOW + timedelta(seconds=n * 20)
        if fresh and roll < 0.2:
            it, d = rnd.choice(fresh)
            out.append(("repeat", it, d))
        elif len(fresh) > 5 and roll < 0.4:
            it, d = rnd.choice(fresh[-200:])
            words = it.text.split()
            text = " ".join(words[: int(len(words) * 0.85)]) + " " + FOOTER
            out.append(("near-dup", Item(f"syn{n % 7}", f"syn-{n}", "", it.title, text, t,
                                         source=f"Outlet {n % 7}"), d))
        else:
            text = " ".join(rnd.choices(WORDS, k=rnd.randint(60, 180)))
            it = Item(f"feed{n % 40}", f"bench-{n}", "", " ".join(rnd.choices(WORDS, k=8)),
                      text, t, source=f"Outlet {n % 40}")
            if rnd.random() < 0.5:
                inc = Incident(rnd.choice(list(FAMILIES)), place=rnd.choice([None, f"Town {n}"]),
                               governorate=rnd.choice(GOVERNORATES), killed=rnd.randint(0, 9))
                d = Detection("isis-syria", True, 1.0, inc)
            else:
                d = Detection("isis-syria", False, 0.0)
            fresh.append((it, d))
            out.append(("new", it, d))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=1_000_000, help="remembered items to seed")
    ap.add_argument("--relevant", type=float, default=1.0,
                    help="share of seeded items with fingerprints+LSH bands (1.0 = worst case)")
    ap.add_argument("--events-per-day", type=int, default=50)
    ap.add_argument("--decisions", type=int, default=20_000, help="decide() calls to time")
    ap.add_argument("--num-perm", type=int, default=64)
    ap.add_argument("--db", help="store file (default: a temp file, deleted afterwards)")
    args = ap.parse_args()

    tmp = None if args.db else tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR"))
    path = args.db or str(Path(tmp.name) / "dedupe-bench.db")  # type: ignore[union-attr]
    print(f"seeding {args.items:,} items ({args.relevant:.0%} with LSH bands) into {path}")
    child = mp.get_context("spawn").Process(
        target=seed, args=(path, args.items, args.relevant, args.events_per_day, args.num_perm))
    child.start()
    child.join()
    if child.exitcode:
        sys.exit(f"seeding failed ({child.exitcode})")
    size = sum(Path(p).stat().st_size for p in (path, path + "-wal") if Path(p).exists())
    print(f"store file {size / 2**20:,.0f} MB after seeding")

    db = open_database(f"sqlite:///{path}")
    d = Deduper(db, DedupeConfig(num_perm=args.num_perm))
    work = workload(args.decisions, random.Random(1))
    counts: dict[str, int] = {}
    lat: dict[str, list[float]] = {}
    t0 = time.perf_counter()
    for n, (kind, it, det) in enumerate(work, 1):
        s = time.perf_counter()
        with db.transaction() as tx:
            res = d.decide(tx, it, det, it.published or NOW)
        lat.setdefault(kind, []).append(time.perf_counter() - s)
        counts[f"{kind}->{res.decision}"] = counts.get(f"{kind}->{res.decision}", 0) + 1
        if n % max(1, len(work) // 10) == 0:
            print(f"  decide {n:>7,}/{len(work):,}  {n / (time.perf_counter() - t0):7.0f}/s",
                  flush=True)
    elapsed = time.perf_counter() - t0
    t1 = time.perf_counter()
    known = sum(d.is_known(it) for _, it, _ in work[:2000])
    known_rate = min(2000, len(work)) / (time.perf_counter() - t1)
    db.close()
    size = sum(Path(p).stat().st_size for p in (path, path + "-wal") if Path(p).exists())

    print(f"\ndecide(): {len(work):,} decisions in {elapsed:.1f}s = {len(work) / elapsed:,.0f}/s"
          " (one transaction each, synchronous=FULL)")
    for kind, xs in sorted(lat.items()):
        xs.sort()
        print(f"  {kind:9} n={len(xs):6,}  p50 {xs[len(xs) // 2] * 1e3:6.2f} ms"
              f"  p99 {xs[int(len(xs) * 0.99)] * 1e3:6.2f} ms")
    print("  outcomes: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    print(f"is_known(): {known_rate:,.0f}/s ({known} of 2000 known)")
    print(f"store file {size / 2**20:,.0f} MB; peak RSS measured process {_rss_mb():.0f} MB, "
          f"seeding child {_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
