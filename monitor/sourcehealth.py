"""Is each feed alive? One "source down" notice per outage and one "recovered".

A feed is down after N consecutive failed polls, or when it has been silent
(no activity) for longer than factor × its expected interval: a channel that
moved or a URL frozen on an old snapshot still answers 200 but says nothing.
State lives in `feed_health` so a restart neither forgets an outage nor
repeats its notice; the transition is an UPDATE guarded by the `down` flag.
Notices become ordinary Alerts (kind source_down / source_recovered) for the
ops tags, so they travel through the same outbox as incident alerts.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from monitor.models import Alert
from monitor.notify.config import SourceHealthConfig
from monitor.store.db import Database, Tx

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS feed_health (
        feed TEXT PRIMARY KEY,
        failures INTEGER NOT NULL DEFAULT 0,
        last_ok_at REAL,
        last_activity_at REAL NOT NULL,
        last_error TEXT,
        down INTEGER NOT NULL DEFAULT 0,
        down_reason TEXT,
        down_since REAL
    )""",
]


@dataclass(frozen=True, slots=True)
class Notice:
    feed: str
    kind: str  # "source_down" | "source_recovered"
    reason: str
    at: datetime
    since: datetime  # when the outage began (for recovered: how long it lasted)

    def to_alert(self, ops_tags: list[str] | tuple[str, ...]) -> Alert:
        # The id embeds the outage start, so enqueueing the same notice twice
        # (a retried transaction) is a no-op in the outbox.
        stamp = int(self.since.timestamp())
        return Alert(
            id=f"{self.kind}:{self.feed}:{stamp}", kind=self.kind, watchlist="ops",
            tags=tuple(ops_tags), title=f"{self.kind.replace('_', ' ')}: {self.feed}",
            link="", source=self.feed, feed=self.feed, published=None,
            first_seen=self.since.isoformat(), event_id=None, incident=None,
            reasons=(self.reason,), severity="normal",
        )


def _ts(dt: datetime) -> float:
    if dt.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return dt.timestamp()


def _dt(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def _ago(seconds: float) -> str:
    if seconds >= 5400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 60:.0f} min"


class SourceHealth:
    def __init__(self, config: SourceHealthConfig, db: Database | None = None):
        self.config = config
        if db is not None:
            db.migrate(SCHEMA)

    @staticmethod
    def migrations() -> list[str]:
        return list(SCHEMA)

    def observe(self, tx: Tx, feed: str, ok: bool, now: datetime, expected_interval: float,
                *, new_items: int | None = None, error: str | None = None) -> Notice | None:
        """Record one poll. `new_items=None` counts any successful poll as activity;
        pass a number to count only polls that brought new entries."""
        ts = _ts(now)
        tx.execute("INSERT INTO feed_health (feed, last_activity_at) VALUES (?, ?)"
                   " ON CONFLICT (feed) DO NOTHING", (feed, ts))
        row = tx.execute("SELECT failures, down, down_reason, down_since, last_activity_at"
                         " FROM feed_health WHERE feed = ?", (feed,)).fetchone()
        assert row is not None
        failures, down, down_reason, down_since, last_activity = row
        if ok:
            active = new_items is None or new_items > 0
            tx.execute("UPDATE feed_health SET failures = 0, last_ok_at = ?, last_error = NULL,"
                       " last_activity_at = CASE WHEN ? = 1 THEN ? ELSE last_activity_at END"
                       " WHERE feed = ?", (ts, 1 if active else 0, ts, feed))
            # A silent feed recovers only when it says something again.
            if down and (down_reason == "failing" or active):
                return self._recover(tx, feed, now, down_since)
            if not down and not active:
                return self._check_one(tx, feed, now, expected_interval, last_activity)
            return None
        failures = int(failures) + 1
        tx.execute("UPDATE feed_health SET failures = ?, last_error = ? WHERE feed = ?",
                   (failures, (error or "")[:300] or None, feed))
        if not down and failures >= self.config.failures_before_down:
            detail = f": {error[:200]}" if error else ""
            return self._go_down(tx, feed, now, "failing",
                                 f"{failures} polls in a row failed{detail}")
        return None

    def check_silence(self, tx: Tx, now: datetime,
                      feeds: Mapping[str, float] | Iterable[Any]) -> list[Notice]:
        """Feeds silent too long; call periodically, because a feed whose polls
        stopped altogether never reaches `observe`. `feeds`: name → expected
        interval (seconds), or feed settings objects with `.name` and `.interval_seconds`."""
        out = []
        ts = _ts(now)
        pairs = (feeds.items() if isinstance(feeds, Mapping)
                 else ((f.name, float(f.interval_seconds)) for f in feeds))
        for feed, interval in pairs:
            # First sight starts the clock, so a newly added feed is not "silent".
            tx.execute("INSERT INTO feed_health (feed, last_activity_at) VALUES (?, ?)"
                       " ON CONFLICT (feed) DO NOTHING", (feed, ts))
            row = tx.execute("SELECT down, last_activity_at FROM feed_health WHERE feed = ?",
                             (feed,)).fetchone()
            if row and not row[0]:
                notice = self._check_one(tx, feed, now, interval, row[1])
                if notice:
                    out.append(notice)
        return out

    def _check_one(self, tx: Tx, feed: str, now: datetime, interval: float,
                   last_activity: float) -> Notice | None:
        silent_for = _ts(now) - float(last_activity)
        if silent_for > self.config.silence_factor * interval:
            return self._go_down(tx, feed, now, "silent",
                                 f"nothing new for {_ago(silent_for)} (expected every "
                                 f"{_ago(interval)})", since=_dt(float(last_activity)))
        return None

    def _go_down(self, tx: Tx, feed: str, now: datetime, why: str, reason: str,
                 since: datetime | None = None) -> Notice | None:
        since = since or now
        # Guarded by down = 0: two racing pollers cannot both announce the outage.
        n = tx.execute("UPDATE feed_health SET down = 1, down_reason = ?, down_since = ?"
                       " WHERE feed = ? AND down = 0", (why, _ts(since), feed)).rowcount
        return Notice(feed, "source_down", reason, now, since) if n == 1 else None

    def _recover(self, tx: Tx, feed: str, now: datetime, down_since: float | None) -> Notice | None:
        n = tx.execute("UPDATE feed_health SET down = 0, down_reason = NULL, down_since = NULL"
                       " WHERE feed = ? AND down = 1", (feed,)).rowcount
        if n != 1:
            return None
        since = _dt(float(down_since)) if down_since is not None else now
        return Notice(feed, "source_recovered",
                      f"back after {_ago(_ts(now) - _ts(since))}", now, since)


def next_poll_delay(failures: int, base_interval: float, max_delay: float,
                    jitter: float = 0.2, rng: random.Random | None = None) -> float:
    """Seconds until the next poll: base after success, doubling per consecutive
    failure, capped; ± jitter so feeds on one host do not retry in lockstep."""
    delay = min(max_delay, base_interval * 2 ** min(max(failures, 0), 30))
    if jitter:
        delay *= 1 + (rng or random).uniform(-jitter, jitter)
    return min(delay, max_delay)
