"""Deduplication: item identity, near-duplicate copies, incident clustering.

    d = Deduper(db, DedupeConfig())
    if not d.is_known(item):                      # cheap, before detection
        with db.transaction() as tx:
            res = d.decide(tx, item, detection, now)  # + outbox row, same tx
"""

from monitor.dedupe.config import DedupeConfig, DedupeResult
from monitor.dedupe.deduper import Deduper
from monitor.dedupe.keys import canonical_link, item_key
from monitor.dedupe.store import SchemeMismatch

__all__ = ["DedupeConfig", "DedupeResult", "Deduper", "SchemeMismatch", "canonical_link",
           "item_key"]
