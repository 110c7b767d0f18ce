"""Source health: one "down" and one "recovered" notice per outage, persisted."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from monitor.notify.config import SourceHealthConfig
from monitor.outbox import Outbox
from monitor.sourcehealth import SourceHealth, next_poll_delay
from monitor.store.db import open_database

T0 = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
CFG = SourceHealthConfig(failures_before_down=3, silence_factor=4)
MIN = timedelta(minutes=1)


def observe(health, db, ok, now, **kw):
    with db.transaction() as tx:
        return health.observe(tx, "sana", ok, now, 300, **kw)


def test_down_after_n_failures_then_recovered_exactly_once(db):
    h = SourceHealth(CFG, db)
    notices = [observe(h, db, False, T0 + i * MIN, error="HTTP 503") for i in range(10)]
    down = [n for n in notices if n]
    assert len(down) == 1 and notices[2] is down[0]  # the 3rd failure
    assert down[0].kind == "source_down" and "3 polls in a row failed: HTTP 503" in down[0].reason
    rec = [observe(h, db, True, T0 + (20 + i) * MIN) for i in range(3)]
    assert rec[0] is not None and rec[0].kind == "source_recovered" and rec[1:] == [None, None]
    assert rec[0].since == T0 + 2 * MIN and "back after 18 min" in rec[0].reason


def test_state_survives_a_restart(store_url):
    first = open_database(store_url)
    try:
        h = SourceHealth(CFG, first)
        for i in range(3):
            observe(h, first, False, T0 + i * MIN)
    finally:
        first.close()
    second = open_database(store_url)
    try:
        h = SourceHealth(CFG, second)  # a new process: no repeated "down"
        assert observe(h, second, False, T0 + 5 * MIN) is None
        assert observe(h, second, True, T0 + 6 * MIN).kind == "source_recovered"
    finally:
        second.close()


def test_intermittent_failures_do_not_alert(db):
    h = SourceHealth(CFG, db)
    for i in range(20):
        assert observe(h, db, i % 3 != 2, T0 + i * MIN) is None


def test_silent_feed_goes_down_and_recovers_when_it_speaks(db):
    h = SourceHealth(CFG, db)
    feeds = {"sana": 300.0, "busy": 300.0}
    with db.transaction() as tx:
        assert h.check_silence(tx, T0, feeds) == []  # first sight starts the clock
    # Polls keep succeeding but bring nothing new.
    for i in range(1, 20):
        assert observe(h, db, True, T0 + i * MIN, new_items=0) is None
        with db.transaction() as tx:
            h.observe(tx, "busy", True, T0 + i * MIN, 300, new_items=1)
    with db.transaction() as tx:
        assert h.check_silence(tx, T0 + 20 * MIN, feeds) == []  # exactly 4 × 5 min
        (n,) = h.check_silence(tx, T0 + 21 * MIN, feeds)
        assert h.check_silence(tx, T0 + 60 * MIN, {"sana": 300.0}) == []  # no repeat
    assert n.feed == "sana" and n.kind == "source_down" and "nothing new for 21 min" in n.reason
    assert observe(h, db, True, T0 + 61 * MIN, new_items=0) is None  # still silent
    rec = observe(h, db, True, T0 + 62 * MIN, new_items=2)
    assert rec.kind == "source_recovered"


def test_check_silence_accepts_feed_settings_objects(db):
    class Feed:  # the shape of settings' feed entries: .name, .interval_seconds
        def __init__(self, name, interval_seconds):
            self.name, self.interval_seconds = name, interval_seconds

    h = SourceHealth(CFG, db)
    with db.transaction() as tx:
        assert h.check_silence(tx, T0, [Feed("a", 60)]) == []
        (n,) = h.check_silence(tx, T0 + 5 * MIN, [Feed("a", 60)])
    assert n.feed == "a" and n.kind == "source_down"


def test_observe_notices_silence_too(db):
    h = SourceHealth(CFG, db)
    observe(h, db, True, T0, new_items=1)
    assert observe(h, db, True, T0 + 19 * MIN, new_items=0) is None
    assert observe(h, db, True, T0 + 21 * MIN, new_items=0).kind == "source_down"


def test_notice_becomes_an_ops_alert_once_in_the_outbox(db):
    h = SourceHealth(CFG, db)
    outbox = Outbox(db)
    for i in range(3):
        notice = observe(h, db, False, T0 + i * MIN)
    alert = notice.to_alert(["ops"])
    assert alert.kind == "source_down" and alert.tags == ("ops",) and alert.feed == "sana"
    with db.transaction() as tx:
        assert outbox.enqueue(tx, alert, ["ops-slack"], now=T0) == 1
        assert outbox.enqueue(tx, alert, ["ops-slack"], now=T0) == 0
    assert alert.id == notice.to_alert(["ops"]).id


def test_next_poll_delay_is_capped_exponential_with_jitter():
    assert next_poll_delay(0, 60, 3600, jitter=0) == 60
    assert [next_poll_delay(n, 60, 3600, jitter=0) for n in (1, 2, 3, 10, 500)] == [
        120, 240, 480, 3600, 3600]
    rng = random.Random(3)
    samples = [next_poll_delay(2, 60, 3600, jitter=0.2, rng=rng) for _ in range(200)]
    assert all(192 <= s <= 288 for s in samples) and len(set(samples)) > 100
