"""The CLI helpers: list/retry/purge over the outbox, and test-alert."""

# Fixtures are imported from tests/*server.py, then requested by parameter name.
# ruff: noqa: F811

from __future__ import annotations

import asyncio
import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from pydantic import SecretStr
from rich.console import Console

from monitor.notify.admin import (
    list_alerts,
    purge_alerts,
    render_alerts,
    retry_alerts,
    sample_alert,
    send_test_alert,
)
from monitor.notify.config import NotifyConfig, RetryConfig, Route
from monitor.notify.senders import build_senders
from monitor.outbox import Outbox
from monitor.store.db import open_database
from tests.webhookserver import webhook_server  # noqa: F401

T0 = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


def test_list_retry_purge(tmp_path):
    db = open_database(f"sqlite:///{tmp_path}/a.db")
    try:
        ob = Outbox(db, RetryConfig(max_attempts=1))
        with db.transaction() as tx:
            for i in range(3):
                ob.enqueue(tx, replace(sample_alert(T0), id=f"a{i}", title=f"[red]t{i}"),
                           ["r"], now=T0)
        a, b, c = ob.claim_due(T0, 10, 60, "w")
        ob.mark_sent([a.id], T0)
        ob.mark_failed(b.id, T0, "HTTP 500")
        ob.mark_failed(c.id, T0, "HTTP 500")
        assert [r.id for r in list_alerts(ob, "dead")] == [c.id, b.id]
        out = io.StringIO()
        render_alerts(Console(file=out, width=200), list_alerts(ob))
        assert "[red]t1" in out.getvalue() and "HTTP 500" in out.getvalue()  # no markup
        assert retry_alerts(ob, [b.id], now=T0) == 1
        assert retry_alerts(ob, None, now=T0) == 1
        assert purge_alerts(ob, "sent", 2.0, now=T0 + timedelta(days=1)) == 0  # too young
        assert purge_alerts(ob, "sent", T0 + timedelta(days=1)) == 1
        assert sorted(r.status for r in list_alerts(ob)) == ["pending", "pending"]
    finally:
        db.close()


def test_send_test_alert_goes_to_the_named_route(webhook_server):
    cfg = NotifyConfig(console=False, routes=[
        Route(name="hook", url=SecretStr(webhook_server.apprise_url("/t")), tags=["x"])])
    ok, reason = asyncio.run(send_test_alert(build_senders(cfg), "hook"))
    assert ok and reason is None
    (body,) = webhook_server.delivered
    assert "دير الزور" in body["title"] and "Deir ez-Zor" in body["message"]
