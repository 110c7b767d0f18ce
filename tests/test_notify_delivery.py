"""Delivery from the outbox through real local services, with an injected clock."""

# Fixtures are imported from tests/*server.py, then requested by parameter name.
# ruff: noqa: F811

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import structlog
from pydantic import SecretStr

from monitor.models import Incident
from monitor.notify.admin import sample_alert
from monitor.notify.config import NotifyConfig, QuietHours, RateLimit, RetryConfig, Route
from monitor.notify.delivery import Delivery
from monitor.notify.senders import build_senders
from monitor.outbox import Outbox
from tests.smtpserver import make_smtp_server, smtp_server  # noqa: F401
from tests.webhookserver import webhook_server  # noqa: F401

T0 = datetime(2026, 11, 21, 12, 0, 30, tzinfo=UTC)  # 15:00 in Damascus (UTC+3)
RETRY = RetryConfig(max_attempts=5, base_delay_seconds=30, max_delay_seconds=600, jitter=0)


def normal(i: int, **kw):
    inc = Incident(type="arrest", governorate="Raqqa")
    return replace(sample_alert(T0), id=f"a{i}", title=f"headline {i}", severity="normal",
                   incident=inc, **kw)


def high(i: int):
    return replace(sample_alert(T0), id=f"h{i}", title=f"urgent {i}", severity="high")


class Harness:
    def __init__(self, db, *routes: Route, retry: RetryConfig = RETRY):
        self.config = NotifyConfig(console=False, routes=list(routes), retry=retry)
        self.outbox = Outbox(db, retry)
        self.delivery = Delivery(self.outbox, build_senders(self.config), self.config,
                                 clock=lambda: T0)

    def enqueue(self, *alerts, now=T0):
        with self.outbox.db.transaction() as tx:
            for a in alerts:
                self.outbox.enqueue(tx, a, self.config.routes_for(a.tags, a.severity), now=now)

    def run(self, now):
        return asyncio.run(self.delivery.run_once(now))

    def run_until_settled(self, start=T0, step=timedelta(minutes=20), rounds=30):
        now = start
        for _ in range(rounds):
            self.run(now)
            now += step
        return now

    def row(self, route):
        return next(r for r in self.outbox.list() if r.route == route)


def json_route(server, path="/hook", **kw) -> Route:
    return Route(name=kw.pop("name", "hook"), url=SecretStr(server.apprise_url(path)),
                 tags=["test"], timeout_seconds=kw.pop("timeout_seconds", 5), **kw)


def test_smtp_refusing_then_accepting_delivers_exactly_once(db, make_smtp_server):
    srv = make_smtp_server(refuse_first=2, stage="DATA", code="451 4.3.0 Try again later")
    h = Harness(db, Route(name="mail", url=SecretStr(srv.apprise_url()), tags=["test"],
                              throttle_seconds=0))
    h.enqueue(sample_alert(T0))
    first = h.run(T0)
    assert first.failed == 1 and srv.messages == []
    assert "451" in (h.row("mail").last_error or "") or h.row("mail").last_error
    h.run_until_settled(T0 + timedelta(seconds=30))
    assert len(srv.messages) == 1
    row = h.row("mail")
    assert row.status == "sent" and row.attempts == 3 and srv.attempts == 3


def test_webhook_500_429_hang_then_200_is_delivered_once(db, webhook_server):
    webhook_server.script("/hook", [500, 429, "hang", 200])
    h = Harness(db, json_route(webhook_server, timeout_seconds=0.5))
    h.enqueue(sample_alert(T0))
    h.run_until_settled()
    assert [r.answer for r in webhook_server.requests] == [500, 429, "hang", 200]
    assert len(webhook_server.delivered) == 1
    row = h.row("hook")
    assert row.status == "sent" and row.attempts == 4


def test_dead_route_neither_blocks_nor_duplicates_another(db, smtp_server, webhook_server):
    webhook_server.script("/dead", [500] * 100)
    h = Harness(db, json_route(webhook_server, "/dead", name="slack"),
                Route(name="mail", url=SecretStr(smtp_server.apprise_url()), tags=["test"],
                      throttle_seconds=0))
    h.enqueue(sample_alert(T0), replace(sample_alert(T0), id="second"))
    h.run(T0)
    assert len(smtp_server.messages) == 2  # mail went out on the first pass
    h.run_until_settled(T0, step=timedelta(hours=1))
    assert len(smtp_server.messages) == 2  # and never again
    dead = h.outbox.list("dead")
    assert {r.route for r in dead} == {"slack"} and len(dead) == 2
    assert all(r.attempts == RETRY.max_attempts for r in dead)
    assert "FAILURE" in (dead[0].last_error or "")


def test_failing_route_releases_the_rest_of_its_batch(db, webhook_server):
    webhook_server.script("/hook", [500])
    h = Harness(db, json_route(webhook_server))
    h.enqueue(normal(1), normal(2), normal(3))
    stats = h.run(T0)
    assert stats.failed == 1 and stats.released == 2 and len(webhook_server.requests) == 1
    # Released rows keep their attempt budget and go out on the next pass.
    stats = h.run(T0 + timedelta(seconds=1))
    assert stats.sent == 2
    assert sorted((r.status, r.attempts) for r in h.outbox.list()) == [
        ("pending", 1), ("sent", 1), ("sent", 1)]


def test_rate_limit_overflow_goes_out_as_one_digest_at_window_end(db, webhook_server):
    h = Harness(db, json_route(webhook_server,
                               rate_limit=RateLimit(max_alerts=2, window_seconds=3600)))
    h.enqueue(*(normal(i) for i in range(5)))
    stats = h.run(T0)
    assert (stats.sent, stats.held) == (2, 3)
    window_end = datetime(2026, 11, 21, 13, 0, tzinfo=UTC)
    h.run(window_end - timedelta(seconds=1))
    assert len(webhook_server.delivered) == 2
    stats = h.run(window_end)
    assert stats.digests == 1 and stats.sent == 3
    titles = [b["title"] for b in webhook_server.delivered]
    assert titles[:2] == ["ARREST – headline 0", "ARREST – headline 1"]
    assert titles[2] == "Digest: 3 alerts for hook"
    assert all(f"headline {i}" in webhook_server.delivered[2]["message"] for i in (2, 3, 4))
    h.run_until_settled(window_end)
    assert len(webhook_server.delivered) == 3
    assert h.outbox.counts()["sent"] == 5


def test_high_severity_bypasses_rate_limit_and_quiet_hours(db, webhook_server):
    quiet = QuietHours(start="14:00", end="16:00", timezone="Asia/Damascus")  # T0 is 15:00
    h = Harness(db, json_route(webhook_server, quiet_hours=quiet,
                               rate_limit=RateLimit(max_alerts=1, window_seconds=3600)))
    h.enqueue(high(1), high(2), high(3), normal(9))
    stats = h.run(T0)
    assert stats.sent == 3 and stats.held == 1
    assert [b["title"] for b in webhook_server.delivered] == [
        "[HIGH] IED – urgent 1", "[HIGH] IED – urgent 2", "[HIGH] IED – urgent 3"]


def test_quiet_hours_hold_until_the_end_then_one_digest(db, webhook_server):
    quiet = QuietHours(start="22:00", end="07:00", timezone="Asia/Damascus")
    h = Harness(db, json_route(webhook_server, quiet_hours=quiet))
    night = datetime(2026, 11, 21, 20, 30, tzinfo=UTC)  # 23:30 Damascus
    h.enqueue(normal(1), normal(2), now=night)
    h.enqueue(normal(3), now=night + timedelta(hours=2))
    assert h.run(night).held == 2
    assert h.run(night + timedelta(hours=2)).held == 1
    quiet_end = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)  # 07:00 Damascus
    h.run(quiet_end - timedelta(minutes=1))
    assert webhook_server.delivered == []
    stats = h.run(quiet_end)
    assert stats.digests == 1 and stats.sent == 3
    (digest,) = webhook_server.delivered
    assert digest["title"] == "Digest: 3 alerts for hook"


def test_digest_only_route_batches_everything_per_window(db, webhook_server):
    h = Harness(db, json_route(webhook_server, digest_only=True, digest_window_seconds=3600))
    h.enqueue(normal(1), normal(2))
    h.run(T0)
    h.enqueue(normal(3), now=T0 + timedelta(minutes=10))
    h.run(T0 + timedelta(minutes=10))
    assert webhook_server.delivered == []
    h.run(datetime(2026, 11, 21, 13, 0, tzinfo=UTC))
    (digest,) = webhook_server.delivered
    assert digest["title"] == "Digest: 3 alerts for hook"


def test_update_mode_digest_holds_updates_for_the_window(db, webhook_server):
    h = Harness(db, json_route(webhook_server, digest_window_seconds=3600))
    upd = replace(normal(2, kind="update"), extra={"digest": True})
    h.enqueue(normal(1), upd)
    h.run(T0)
    assert len(webhook_server.delivered) == 1, "the alert goes now, the update waits"
    assert "headline 1" in json.dumps(webhook_server.delivered[0], ensure_ascii=False)
    h.run(datetime(2026, 11, 21, 13, 0, tzinfo=UTC))
    assert len(webhook_server.delivered) == 2
    assert "headline 2" in json.dumps(webhook_server.delivered[1], ensure_ascii=False)


def test_failed_digest_is_retried_as_a_digest(db, webhook_server):
    webhook_server.script("/hook", [500])
    h = Harness(db, json_route(webhook_server, digest_only=True, digest_window_seconds=3600))
    h.enqueue(normal(1), normal(2))
    h.run(T0)
    end = datetime(2026, 11, 21, 13, 0, tzinfo=UTC)
    assert h.run(end).failed == 2
    h.run(end + timedelta(minutes=5))
    assert [r.answer for r in webhook_server.requests] == [500, 200]
    assert webhook_server.delivered[0]["title"] == "Digest: 2 alerts for hook"


def test_crash_mid_send_resends_after_lease_but_sent_rows_never_repeat(db, webhook_server):
    h = Harness(db, json_route(webhook_server))
    h.enqueue(normal(1), normal(2))
    h.run(T0)  # both sent
    h.enqueue(normal(3))
    # A worker claims row 3 and dies before sending: nothing is sent until its
    # lease expires, then another pass sends it; rows 1 and 2 are never resent.
    (claimed,) = h.outbox.claim_due(T0, 10, 600, "crashed-worker")
    h.run(T0 + timedelta(seconds=599))
    assert len(webhook_server.delivered) == 2
    h.run(T0 + timedelta(seconds=601))
    assert [b["title"] for b in webhook_server.delivered] == [
        "ARREST – headline 1", "ARREST – headline 2", "ARREST – headline 3"]
    h.run_until_settled(T0 + timedelta(seconds=601))
    assert len(webhook_server.delivered) == 3


def test_delivery_logs_and_errors_carry_no_secrets(db, caplog):
    caplog.set_level(logging.DEBUG)
    password = "Pa55-w0rd-XYZZY"
    # Nothing listens on port 9: every attempt fails, and the reason is logged and stored.
    h = Harness(db, Route(name="mail", tags=["test"], throttle_seconds=0, url=SecretStr(
        f"mailto://analyst:{password}@127.0.0.1:9?from=alerts@example.com&to=ops@example.com")),
        retry=RetryConfig(max_attempts=2, base_delay_seconds=30, jitter=0))
    h.enqueue(sample_alert(T0))
    with structlog.testing.capture_logs() as ours:
        h.run_until_settled(T0, step=timedelta(hours=1), rounds=3)
    (row,) = h.outbox.list("dead")
    assert row.last_error and "FAILURE" in row.last_error
    assert [e["decision"] for e in ours] == ["failed", "failed", "dead"]
    for text in (caplog.text, repr(ours), row.last_error, h.delivery.senders["mail"].display):
        assert password not in text


def test_unknown_route_rows_are_kept_and_dead_lettered(db, webhook_server):
    h = Harness(db, json_route(webhook_server))
    with h.outbox.db.transaction() as tx:
        h.outbox.enqueue(tx, normal(1), ["removed-route"], now=T0)
    h.run_until_settled(T0, step=timedelta(hours=1))
    (row,) = h.outbox.list()
    assert row.status == "dead" and "removed-route" in (row.last_error or "")


def test_update_is_a_short_follow_up(db, webhook_server):
    h = Harness(db, json_route(webhook_server))
    upd = replace(normal(1), id="a1:update:1", kind="update", reasons=("killed rose to 4",),
                  extra={"first_title": "headline 1", "first_link": "https://example.org/1"})
    h.enqueue(upd)
    h.run(T0)
    (body,) = webhook_server.delivered
    assert body["title"] == "Update: headline 1"
    assert "https://example.org/1" in body["message"] and "killed rose to 4" in body["message"]


def test_default_config_delivers_offline_to_console_and_jsonl(db, tmp_path, capsys):
    cfg = NotifyConfig(jsonl_path=tmp_path / "alerts.jsonl")
    outbox = Outbox(db, RETRY)
    a = sample_alert(T0)
    with db.transaction() as tx:
        assert outbox.enqueue(tx, a, cfg.routes_for(["anything"]), now=T0) == 2
    stats = asyncio.run(Delivery(outbox, build_senders(cfg), cfg).run_once(T0))
    assert stats.sent == 2
    assert "Deir ez-Zor" in capsys.readouterr().out
    (line,) = (tmp_path / "alerts.jsonl").read_text("utf-8").splitlines()
    assert json.loads(line)["title"] == a.title
