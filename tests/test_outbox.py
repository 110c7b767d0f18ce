"""Outbox contract, run against SQLite and PostgreSQL (skipped when absent)."""

from __future__ import annotations

import random
import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from monitor.notify.admin import sample_alert
from monitor.notify.config import RetryConfig
from monitor.outbox import Outbox
from monitor.store.db import open_database

T0 = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
NO_JITTER = RetryConfig(max_attempts=4, base_delay_seconds=30, max_delay_seconds=100, jitter=0)


def alert(i: int):
    return replace(sample_alert(T0), id=f"alert-{i}", severity="normal")


@pytest.fixture
def outbox(db) -> Outbox:
    return Outbox(db, NO_JITTER)


def enqueue(outbox: Outbox, a, routes, now=T0) -> int:
    with outbox.db.transaction() as tx:
        return outbox.enqueue(tx, a, routes, now=now)


def test_enqueue_is_idempotent_per_alert_and_route(outbox):
    assert enqueue(outbox, alert(1), ["slack", "email"]) == 2
    assert enqueue(outbox, alert(1), ["slack", "email"]) == 0
    assert enqueue(outbox, alert(1), ["email", "jsonl"]) == 1
    rows = outbox.list()
    assert sorted((r.alert_id, r.route) for r in rows) == [
        ("alert-1", "email"), ("alert-1", "jsonl"), ("alert-1", "slack")]
    assert {r.status for r in rows} == {"pending"}
    assert rows[0].alert == alert(1)  # payload round-trips, Arabic included


def test_enqueue_rolls_back_with_the_callers_transaction(outbox):
    with pytest.raises(RuntimeError), outbox.db.transaction() as tx:
        outbox.enqueue(tx, alert(1), ["slack"], now=T0)
        raise RuntimeError("dedupe write failed")
    assert outbox.list() == []


def test_claim_leases_due_rows_once_and_expired_leases_come_back(outbox):
    enqueue(outbox, alert(1), ["slack"])
    enqueue(outbox, alert(2), ["slack"], now=T0 + timedelta(minutes=5))  # not yet due
    first = outbox.claim_due(T0, 10, 60, "w1")
    assert [r.alert_id for r in first] == ["alert-1"]
    assert first[0].status == "sending" and first[0].attempts == 1
    assert outbox.claim_due(T0 + timedelta(seconds=59), 10, 60, "w2") == []
    # Worker 1 "crashed" mid-send: once the lease runs out the row is due again.
    again = outbox.claim_due(T0 + timedelta(seconds=61), 10, 60, "w2")
    assert [r.alert_id for r in again] == ["alert-1"]
    assert again[0].attempts == 2


def test_claim_respects_limit_and_order(outbox):
    for i in range(5):
        enqueue(outbox, alert(i), ["r"], now=T0 + timedelta(seconds=i))
    got = outbox.claim_due(T0 + timedelta(minutes=1), 3, 60, "w")
    assert [r.alert_id for r in got] == ["alert-0", "alert-1", "alert-2"]


def test_two_workers_never_claim_the_same_row(store_url, outbox):
    for i in range(60):
        enqueue(outbox, alert(i), ["slack", "email"])
    other = open_database(store_url)
    try:
        boxes = [outbox, Outbox(other, NO_JITTER)]
        claimed: list[list[int]] = [[], []]
        barrier = threading.Barrier(2)

        def work(k: int) -> None:
            barrier.wait()
            while rows := boxes[k].claim_due(T0, 7, 300, f"w{k}"):
                claimed[k].extend(r.id for r in rows)

        threads = [threading.Thread(target=work, args=(k,)) for k in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not set(claimed[0]) & set(claimed[1])
        assert len(claimed[0]) + len(claimed[1]) == 120
    finally:
        other.close()


def test_backoff_grows_exponentially_up_to_the_cap_then_dead_letters(outbox):
    enqueue(outbox, alert(1), ["slack"])
    now, delays, statuses = T0, [], []
    for _ in range(4):
        (row,) = outbox.claim_due(now, 1, 60, "w")
        statuses.append(outbox.mark_failed(row.id, now, "HTTP 500"))
        (after,) = outbox.list()
        delays.append((after.next_attempt_at - now).total_seconds())
        now = after.next_attempt_at
    assert statuses == ["pending", "pending", "pending", "dead"]
    assert delays[:3] == [30, 60, 100]  # 30, 60, 120 capped at max_delay 100
    (dead,) = outbox.list("dead")
    assert dead.attempts == 4 and dead.last_error == "HTTP 500"
    assert outbox.claim_due(now + timedelta(days=1), 10, 60, "w") == []


def test_jitter_stays_within_bounds(db):
    ob = Outbox(db, RetryConfig(base_delay_seconds=100, max_delay_seconds=10_000, jitter=0.2),
                rng=random.Random(7))
    samples = [ob.backoff(3) for _ in range(200)]  # nominal 400 s
    assert all(320 <= s <= 480 for s in samples)
    assert len(set(samples)) > 100  # actually jittered


def test_retry_requeues_dead_rows_with_fresh_budget(outbox):
    for i in (1, 2):
        enqueue(outbox, alert(i), ["slack"])
    now = T0
    for _ in range(4):
        for row in outbox.claim_due(now, 10, 60, "w"):
            outbox.mark_failed(row.id, now, "down")
        now += timedelta(hours=1)
    dead = outbox.list("dead")
    assert len(dead) == 2
    assert outbox.retry([dead[0].id], now) == 1
    assert [r.id for r in outbox.list("pending")] == [dead[0].id]
    assert outbox.retry(None, now) == 1
    assert outbox.counts()["pending"] == 2 and outbox.counts()["dead"] == 0
    assert all(r.attempts == 0 for r in outbox.list("pending"))
    assert len(outbox.claim_due(now, 10, 60, "w")) == 2


def test_mark_sent_is_final_and_late_failures_are_ignored(outbox):
    enqueue(outbox, alert(1), ["slack"])
    (row,) = outbox.claim_due(T0, 1, 60, "w")
    assert outbox.mark_sent([row.id], T0) == 1
    assert outbox.mark_failed(row.id, T0, "late timeout") == "gone"
    (sent,) = outbox.list("sent")
    assert sent.sent_at == T0 and sent.last_error is None
    assert outbox.claim_due(T0 + timedelta(days=1), 10, 60, "w") == []


def test_hold_parks_rows_as_digest_and_release_gives_them_back(outbox):
    for i in (1, 2):
        enqueue(outbox, alert(i), ["slack"])
    a, b = outbox.claim_due(T0, 10, 60, "w")
    until = T0 + timedelta(hours=1)
    assert outbox.hold([a.id], until) == 1
    assert outbox.release([b.id]) == 1
    by_id = {r.id: r for r in outbox.list()}
    assert by_id[a.id].status == "held" and by_id[a.id].digest and by_id[a.id].attempts == 0
    assert by_id[b.id].status == "pending" and by_id[b.id].attempts == 0
    assert [r.id for r in outbox.claim_due(T0, 10, 60, "w")] == [b.id]
    outbox.mark_sent([b.id], T0)
    (held,) = outbox.claim_due(until, 10, 60, "w")
    assert held.id == a.id and held.digest


def test_purge_only_removes_finished_rows_older_than_cutoff(outbox):
    for i in (1, 2, 3):
        enqueue(outbox, alert(i), ["slack"])
    rows = outbox.claim_due(T0, 10, 60, "w")
    outbox.mark_sent([rows[0].id], T0)
    outbox.mark_sent([rows[1].id], T0 + timedelta(days=10))
    with pytest.raises(ValueError):
        outbox.purge("pending", T0 + timedelta(days=30))
    assert outbox.purge("sent", T0 + timedelta(days=5)) == 1
    assert sorted(r.alert_id for r in outbox.list()) == ["alert-2", "alert-3"]


def test_rate_limit_count_ignores_digests(outbox):
    for i in (1, 2, 3):
        enqueue(outbox, alert(i), ["slack"])
    a, b, c = outbox.claim_due(T0, 10, 60, "w")
    outbox.mark_sent([a.id], T0)
    outbox.hold([b.id], T0)
    (b,) = outbox.claim_due(T0, 10, 60, "w")
    outbox.mark_sent([b.id], T0)
    assert outbox.sent_since("slack", T0 - timedelta(minutes=1)) == 1
