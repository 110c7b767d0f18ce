"""Transactional outbox: an alert is recorded in the same transaction as the
dedupe decision that produced it, then delivered per route by `Delivery`.

Guarantee: at-least-once per (alert, route). A row whose send was in flight
when the process died is sent again after its lease expires; nothing else is
ever sent twice, because every other transition is a single atomic UPDATE
guarded by the row's status (huey's rule: no read-then-write races).

Times are stored as epoch seconds (REAL): portable across SQLite and PostgreSQL
and trivially comparable; the API takes and returns aware datetimes.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from monitor.models import Alert
from monitor.notify.config import RetryConfig
from monitor.store.db import Database, Tx

STATUSES = ("pending", "sending", "sent", "dead", "held")
_MAX_ERROR = 500  # last_error is for humans; a full traceback belongs in the log

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        alert_id TEXT NOT NULL,
        route TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL,
        lease_until REAL,
        lease_owner TEXT,
        last_error TEXT,
        created_at REAL NOT NULL,
        sent_at REAL,
        digest INTEGER NOT NULL DEFAULT 0,
        event_id TEXT,
        UNIQUE (alert_id, route)
    )""",
    # Updates link back to the first alert of their event.
    "CREATE INDEX IF NOT EXISTS outbox_event ON outbox (event_id, id)",
    "CREATE INDEX IF NOT EXISTS outbox_due ON outbox (status, next_attempt_at)",
    "CREATE INDEX IF NOT EXISTS outbox_route_sent ON outbox (route, sent_at)",
]
_COLS = ("id, alert_id, route, payload, status, attempts, next_attempt_at, lease_until, "
         "last_error, created_at, sent_at, digest")


def _ts(dt: datetime) -> float:
    if dt.tzinfo is None:
        raise ValueError("outbox times must be timezone-aware")
    return dt.timestamp()


def _dt(ts: float | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    alert_id: str
    route: str
    alert: Alert
    status: str
    attempts: int
    next_attempt_at: datetime
    lease_until: datetime | None
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None
    digest: bool  # held once for a digest: goes out in the route's next digest

    @classmethod
    def from_db(cls, r: Sequence[Any]) -> OutboxRow:
        return cls(
            id=int(r[0]), alert_id=r[1], route=r[2], alert=Alert.from_json(json.loads(r[3])),
            status=r[4], attempts=int(r[5]), next_attempt_at=_dt(r[6]),  # type: ignore[arg-type]
            lease_until=_dt(r[7]), last_error=r[8], created_at=_dt(r[9]),  # type: ignore[arg-type]
            sent_at=_dt(r[10]), digest=bool(r[11]),
        )


class Outbox:
    def __init__(self, db: Database, retry: RetryConfig | None = None,
                 rng: random.Random | None = None):
        self.db = db
        self.retry_config = retry or RetryConfig()
        self._rng = rng or random.Random()
        db.migrate(SCHEMA)

    # -- writing, inside the pipeline's transaction ------------------------------
    def enqueue(self, tx: Tx, alert: Alert, routes: Sequence[str],
                now: datetime | None = None) -> int:
        """Add one row per route; repeats are ignored. Returns how many rows are new."""
        ts = _ts(now or datetime.now(UTC))
        payload = json.dumps(alert.to_json(), ensure_ascii=False)
        added = 0
        for route in dict.fromkeys(routes):
            tx.execute(
                "INSERT INTO outbox (alert_id, route, payload, status, attempts,"
                " next_attempt_at, created_at, digest, event_id)"
                " VALUES (?, ?, ?, 'pending', 0, ?, ?, 0, ?)"
                " ON CONFLICT (alert_id, route) DO NOTHING",
                (alert.id, route, payload, ts, ts, alert.event_id),
            )
            added += max(tx.rowcount, 0)
        return added

    def first_of_event(self, tx: Tx, event_id: str) -> Alert | None:
        """The first alert recorded for an incident event, for updates to refer to."""
        row = tx.execute("SELECT payload FROM outbox WHERE event_id = ? ORDER BY id LIMIT 1",
                         (event_id,)).fetchone()
        return Alert.from_json(json.loads(row[0])) if row else None

    # -- delivery ------------------------------------------------------------------
    def claim_due(self, now: datetime, limit: int, lease_seconds: float,
                  worker_id: str) -> list[OutboxRow]:
        """Lease up to `limit` due rows to this worker; no other worker gets them
        until the lease expires. Counts an attempt per claim, so a row that
        crashes the sender every time still dead-letters."""
        ts = _ts(now)
        # SQLite: the whole statement runs under BEGIN IMMEDIATE (db.transaction),
        # so claims are serialised. PostgreSQL: SKIP LOCKED lets concurrent
        # workers take disjoint rows instead of queueing on the same ones.
        lock = " FOR UPDATE SKIP LOCKED" if self.db.dialect == "postgres" else ""
        sql = (
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1,"
            " lease_until = ?, lease_owner = ?"
            " WHERE id IN (SELECT id FROM outbox WHERE"
            "  ((status IN ('pending', 'held') AND next_attempt_at <= ?)"
            "   OR (status = 'sending' AND lease_until <= ?))"
            f"  ORDER BY next_attempt_at, id LIMIT ?{lock})"
            f" RETURNING {_COLS}"
        )
        with self.db.transaction() as tx:
            rows = tx.execute(sql, (ts + lease_seconds, worker_id, ts, ts, limit)).fetchall()
        return sorted((OutboxRow.from_db(r) for r in rows), key=lambda r: (r.next_attempt_at, r.id))

    def mark_sent(self, ids: Sequence[int], now: datetime) -> int:
        with self.db.transaction() as tx:
            return self._update_many(
                tx, "UPDATE outbox SET status = 'sent', sent_at = ?, lease_until = NULL,"
                " lease_owner = NULL, last_error = NULL WHERE status = 'sending' AND id IN ({})",
                (_ts(now),), ids)

    def mark_failed(self, row_id: int, now: datetime, error: str,
                    retry_after: float | None = None) -> str:
        """Schedule a retry with backoff, or dead-letter past max_attempts; returns the status."""
        with self.db.transaction() as tx:
            found = tx.execute("SELECT attempts FROM outbox WHERE id = ? AND status = 'sending'",
                               (row_id,)).fetchone()
            if found is None:
                return "gone"  # someone else finished or re-leased it: leave it alone
            attempts = int(found[0])
            if attempts >= self.retry_config.max_attempts:
                status, next_at = "dead", _ts(now)
            else:
                delay = max(self.backoff(attempts), retry_after or 0.0)
                status, next_at = "pending", _ts(now) + delay
            tx.execute(
                "UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = ?,"
                " lease_until = NULL, lease_owner = NULL WHERE id = ? AND status = 'sending'",
                (status, next_at, error[:_MAX_ERROR], row_id))
            return status

    def backoff(self, attempts: int) -> float:
        """Delay after the n-th failed attempt: capped exponential, ± jitter so a
        recovering service is not hit by every queued row in the same second."""
        c = self.retry_config
        delay = min(c.max_delay_seconds, c.base_delay_seconds * 2 ** min(max(attempts - 1, 0), 30))
        if c.jitter:
            delay *= 1 + self._rng.uniform(-c.jitter, c.jitter)
        return min(delay, c.max_delay_seconds)

    def hold(self, ids: Sequence[int], until: datetime) -> int:
        """Park claimed rows for the route's next digest; the claim was not a send attempt."""
        with self.db.transaction() as tx:
            return self._update_many(
                tx, "UPDATE outbox SET status = 'held', digest = 1, next_attempt_at = ?,"
                " attempts = attempts - 1, lease_until = NULL, lease_owner = NULL"
                " WHERE status = 'sending' AND id IN ({})", (_ts(until),), ids)

    def recover_inflight(self) -> int:
        """Make every leased row due now. Only for a store no other live worker
        shares (a SQLite file): the previous process died mid-send, so waiting
        for its leases to expire would only delay the alerts. The attempt stays
        counted: the send may have gone out (at-least-once)."""
        with self.db.transaction() as tx:
            return tx.execute(
                "UPDATE outbox SET status = 'pending', lease_until = NULL, lease_owner = NULL"
                " WHERE status = 'sending'").rowcount

    def release(self, ids: Sequence[int]) -> int:
        """Give back claimed rows unsent (e.g. their route just failed), attempt uncounted."""
        with self.db.transaction() as tx:
            return self._update_many(
                tx, "UPDATE outbox"
                " SET status = CASE WHEN digest = 1 THEN 'held' ELSE 'pending' END,"
                " attempts = attempts - 1, lease_until = NULL, lease_owner = NULL"
                " WHERE status = 'sending' AND id IN ({})", (), ids)

    def sent_since(self, route: str, since: datetime) -> int:
        """Individual (non-digest) messages this route sent since `since`: the rate-limit count."""
        with self.db.transaction() as tx:
            row = tx.execute("SELECT COUNT(*) FROM outbox WHERE route = ? AND status = 'sent'"
                             " AND digest = 0 AND sent_at >= ?", (route, _ts(since))).fetchone()
        return int(row[0]) if row else 0

    # -- administration ------------------------------------------------------------
    def list(self, status: str | None = None, limit: int = 200) -> list[OutboxRow]:
        where, params = ("WHERE status = ?", [status]) if status else ("", [])
        with self.db.transaction() as tx:
            rows = tx.execute(f"SELECT {_COLS} FROM outbox {where} ORDER BY id DESC LIMIT ?",
                              (*params, limit)).fetchall()
        return [OutboxRow.from_db(r) for r in rows]

    def counts(self) -> dict[str, int]:
        with self.db.transaction() as tx:
            rows = tx.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status").fetchall()
        return {s: 0 for s in STATUSES} | {r[0]: int(r[1]) for r in rows}

    def retry(self, ids: Sequence[int] | None, now: datetime) -> int:
        """Requeue dead rows (all of them when `ids` is None) with a fresh attempt budget."""
        sql = ("UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?"
               " WHERE status = 'dead'")
        with self.db.transaction() as tx:
            if ids is None:
                return max(tx.execute(sql, (_ts(now),)).rowcount, 0)
            return self._update_many(tx, sql + " AND id IN ({})", (_ts(now),), ids)

    def purge(self, status: str, older_than: datetime) -> int:
        """Delete finished rows; pending/sending/held are never purged (that would lose alerts)."""
        if status not in ("sent", "dead"):
            raise ValueError("only 'sent' or 'dead' rows can be purged")
        with self.db.transaction() as tx:
            return max(tx.execute(
                "DELETE FROM outbox WHERE status = ? AND COALESCE(sent_at, created_at) < ?",
                (status, _ts(older_than))).rowcount, 0)

    @staticmethod
    def _update_many(tx: Tx, sql: str, params: tuple[Any, ...], ids: Sequence[int]) -> int:
        ids = list(ids)
        if not ids:
            return 0
        marks = ", ".join("?" for _ in ids)
        return max(tx.execute(sql.format(marks), (*params, *ids)).rowcount, 0)
