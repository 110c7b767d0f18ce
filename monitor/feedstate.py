"""Per-feed polling state in the store: validators, failures, backoff, leases.

Kept in the database rather than in memory so that a restart resumes
conditional GETs (no refetch storm) and keeps a failing feed backed off, and
so several replicas sharing PostgreSQL agree on who polls a feed at each tick.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from monitor.store.db import Database, Tx

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS feed_state (
        feed TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        first_polled_at REAL,
        last_attempt_at REAL,
        last_success_at REAL,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        next_poll_at REAL,
        last_error TEXT
    )""",
    # One row per (feed, tick): the replica whose INSERT wins polls that tick.
    """CREATE TABLE IF NOT EXISTS poll_lease (
        feed TEXT NOT NULL,
        tick INTEGER NOT NULL,
        owner TEXT NOT NULL,
        claimed_at REAL NOT NULL,
        PRIMARY KEY (feed, tick)
    )""",
    "CREATE INDEX IF NOT EXISTS poll_lease_claimed ON poll_lease (claimed_at)",
]


@dataclass(frozen=True, slots=True)
class FeedState:
    feed: str
    etag: str | None = None
    last_modified: str | None = None
    first_polled_at: datetime | None = None
    last_success_at: datetime | None = None
    consecutive_failures: int = 0
    next_poll_at: datetime | None = None
    last_error: str | None = None


def _ts(dt: datetime | None) -> float | None:
    return dt.timestamp() if dt else None


def _dt(ts: float | None) -> datetime | None:
    return datetime.fromtimestamp(ts, UTC) if ts is not None else None


class FeedStateStore:
    def __init__(self, db: Database):
        self.db = db
        db.migrate(SCHEMA)

    def get(self, feed: str) -> FeedState:
        with self.db.transaction() as tx:
            row = tx.execute(
                "SELECT etag, last_modified, first_polled_at, last_success_at,"
                " consecutive_failures, next_poll_at, last_error FROM feed_state WHERE feed = ?",
                (feed,),
            ).fetchone()
        if row is None:
            return FeedState(feed)
        return FeedState(feed, row[0], row[1], _dt(row[2]), _dt(row[3]), int(row[4]),
                         _dt(row[5]), row[6])

    def _upsert(self, tx: Tx, feed: str, now: datetime) -> None:
        tx.execute(
            "INSERT INTO feed_state (feed, first_polled_at) VALUES (?, ?)"
            " ON CONFLICT (feed) DO NOTHING",
            (feed, _ts(now)),
        )

    def record_success(self, feed: str, now: datetime, etag: str | None,
                       last_modified: str | None) -> None:
        with self.db.transaction() as tx:
            self._upsert(tx, feed, now)
            tx.execute(
                "UPDATE feed_state SET etag = ?, last_modified = ?, last_attempt_at = ?,"
                " last_success_at = ?, consecutive_failures = 0, next_poll_at = NULL,"
                " last_error = NULL WHERE feed = ?",
                (etag, last_modified, _ts(now), _ts(now), feed),
            )

    def record_failure(self, feed: str, now: datetime, error: str,
                       next_poll_at: datetime) -> int:
        """Returns the number of consecutive failures, this one included."""
        with self.db.transaction() as tx:
            self._upsert(tx, feed, now)
            tx.execute(
                "UPDATE feed_state SET last_attempt_at = ?, consecutive_failures ="
                " consecutive_failures + 1, next_poll_at = ?, last_error = ? WHERE feed = ?",
                (_ts(now), _ts(next_poll_at), error[:500], feed),
            )
            row = tx.execute("SELECT consecutive_failures FROM feed_state WHERE feed = ?",
                             (feed,)).fetchone()
        return int(row[0]) if row else 1

    def claim_tick(self, feed: str, tick: int, owner: str, now: datetime | None = None) -> bool:
        """True for exactly one replica per (feed, tick); see FACTS.md on APScheduler 3."""
        with self.db.transaction() as tx:
            row = tx.execute(
                "INSERT INTO poll_lease (feed, tick, owner, claimed_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING RETURNING owner",
                (feed, tick, owner, _ts(now or datetime.now(UTC))),
            ).fetchone()
        return row is not None

    def prune_leases(self, before: datetime) -> int:
        """Forget claims older than `before`: only the current tick's claim matters."""
        with self.db.transaction() as tx:
            return tx.execute("DELETE FROM poll_lease WHERE claimed_at < ?",
                              (_ts(before),)).rowcount
