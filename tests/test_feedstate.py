"""Feed polling state and per-tick leases, on a real SQLite file and real PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.feedstate import FeedStateStore
from monitor.heartbeat import check_heartbeat, write_heartbeat
from monitor.store.db import open_database, redact_dsn

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def test_new_feed_has_empty_state(store_url: str) -> None:
    fs = FeedStateStore(open_database(store_url))
    st = fs.get("a")
    assert st.etag is None and st.last_success_at is None and st.consecutive_failures == 0


def test_success_then_failures_then_success(store_url: str) -> None:
    db = open_database(store_url)
    fs = FeedStateStore(db)
    fs.record_success("a", T0, '"v1"', "Wed, 01 Jan 2026 12:00:00 GMT")
    assert fs.record_failure("a", T0 + timedelta(minutes=5), "HTTP 500", T0 + timedelta(hours=1)) == 1
    assert fs.record_failure("a", T0 + timedelta(minutes=10), "HTTP 500", T0 + timedelta(hours=2)) == 2
    st = fs.get("a")
    assert st.consecutive_failures == 2 and st.last_error == "HTTP 500"
    assert st.next_poll_at == T0 + timedelta(hours=2)
    assert st.etag == '"v1"', "a failure keeps the validators for the next conditional GET"
    fs.record_success("a", T0 + timedelta(hours=3), '"v2"', None)
    st = fs.get("a")
    assert (st.consecutive_failures, st.next_poll_at, st.etag) == (0, None, '"v2"')
    assert st.first_polled_at == T0
    db.close()
    # State survives a restart (a new connection to the same store).
    assert FeedStateStore(open_database(store_url)).get("a").etag == '"v2"'


def test_tick_lease_has_one_winner_across_connections(store_url: str) -> None:
    stores = [FeedStateStore(open_database(store_url)) for _ in range(4)]
    wins: list[str] = []
    barrier = threading.Barrier(len(stores))

    def claim(i: int) -> None:
        barrier.wait()
        for tick in range(20):
            if stores[i].claim_tick("feed", tick, f"replica-{i}"):
                wins.append(f"{tick}")

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(stores))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(wins, key=int) == [str(t) for t in range(20)], "exactly one winner per tick"
    assert stores[0].prune_leases(datetime.now(UTC) - timedelta(days=1)) == 0
    stores[0].claim_tick("old", 1, "r", now=datetime.now(UTC) - timedelta(days=2))
    assert stores[0].prune_leases(datetime.now(UTC) - timedelta(days=1)) == 1
    assert stores[0].claim_tick("old", 1, "late")  # a pruned claim can be made again
    assert not stores[0].claim_tick("feed", 15, "late")
    for st in stores:
        st.db.close()


def test_redact_dsn_drops_credentials() -> None:
    assert redact_dsn("postgresql://user:pw@db.example:5433/mon") == "postgresql://db.example:5433/mon"
    assert "pw" not in redact_dsn("postgres://user:pw@h/db")


def test_heartbeat_roundtrip(tmp_path: Path) -> None:
    ok, reason = check_heartbeat(tmp_path, 60)
    assert not ok and "no heartbeat" in reason
    write_heartbeat(tmp_path, feeds=3)
    ok, _ = check_heartbeat(tmp_path, 60)
    assert ok
    ok, reason = check_heartbeat(tmp_path, 60, now=datetime.now(UTC) + timedelta(minutes=5))
    assert not ok and "limit" in reason
    (tmp_path / "heartbeat.json").write_text("{broken")
    ok, reason = check_heartbeat(tmp_path, 60)
    assert not ok and "unreadable" in reason


def test_postgres_connection_is_reopened_after_the_server_drops_it(pg_schema_dsn: str) -> None:
    import psycopg

    db = open_database(pg_schema_dsn)
    fs = FeedStateStore(db)
    fs.record_success("a", T0, '"v1"', None)
    with db.read() as tx:
        pid = tx.execute("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg.connect(pg_schema_dsn, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(psycopg.OperationalError):
        fs.get("a")  # the in-flight transaction fails and is reported …
    assert fs.get("a").etag == '"v1"'  # … and the next one reconnects
    db.close()
