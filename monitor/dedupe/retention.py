"""Forgetting: delete what is older than the retention window, in batches.

LSH rows carry no age column of their own (it would add a second index to the
largest table). Instead each expiring item's bands are recomputed from its
stored signature and deleted by primary key — the same index seeks a lookup
uses, so pruning never scans the band table.
"""

from __future__ import annotations

import numpy as np

from monitor.dedupe.fingerprint import band_hashes
from monitor.store.db import Database

BATCH = 5000  # rows per transaction: keeps the writer lock short for the daemon


def prune(db: Database, cutoff: int) -> int:
    """Delete rows last seen before `cutoff` (epoch seconds); the number deleted."""
    total = 0
    while True:
        with db.transaction() as tx:
            rows = tx.execute(
                "SELECT id, sig, banded FROM dedupe_items WHERE seen_at < ? "
                "ORDER BY seen_at LIMIT ?", (cutoff, BATCH)).fetchall()
            if not rows:
                break
            banded = [(int(r[0]), bytes(r[1])) for r in rows if r[2] and r[1] is not None]
            if banded:
                sigs = np.stack([np.frombuffer(s, dtype="<u4") for _, s in banded])
                lsh = [(band, int(h), item_id)
                       for (item_id, _), hs in zip(banded, band_hashes(sigs), strict=True)
                       for band, h in enumerate(hs)]
                tx.executemany("DELETE FROM dedupe_lsh WHERE band = ? AND hash = ? "
                               "AND item_id = ?", lsh)
                total += len(lsh)
            ids = [int(r[0]) for r in rows]
            tx.execute(f"DELETE FROM dedupe_items WHERE id IN ({','.join('?' * len(ids))})", ids)
            total += len(ids)
    with db.transaction() as tx:
        total += tx.execute("DELETE FROM dedupe_content WHERE seen_at < ?", (cutoff,)).rowcount
        # An event lives as long as reports keep arriving: judged by its last one.
        total += tx.execute("DELETE FROM dedupe_events WHERE last_seen < ?", (cutoff,)).rowcount
    return total
