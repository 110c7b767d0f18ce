"""Crash safety: kill -9 the daemon at random moments; nothing lost, duplicates bounded.

The daemon runs as a real subprocess, polls a real HTTP feed and delivers
through Apprise to a real (deliberately slow) SMTP server, so kills land during
fetches, detection, outbox writes and sends. The contract (README, "Delivery
guarantees"): every alert is delivered; only an alert in flight at a kill may
be delivered twice.
"""

from __future__ import annotations

import asyncio
import email
import random
import re
import signal
import sqlite3
import time
from email import policy
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from aiosmtpd.controller import Controller

from monitor.parse import parse_feed
from tests.daemon import REPO, DaemonProcess, write_config
from tests.feedserver import FeedServer, rss
from tests.smtpserver import _free_port

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

KILLS = 8
LINK = re.compile(r"https?://[^\s<>\"')\]]+")


class SlowSMTP:
    """Accepts everything, slowly, so that kills often land in the middle of a send."""

    def __init__(self, delay: float):
        self.delay = delay
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        await asyncio.sleep(self.delay)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def one_big_feed() -> tuple[bytes, int]:
    """Every dev-set item in one RSS feed: one feed keeps the processing order fixed."""
    items = []
    for path in sorted((REPO / "fixtures" / "devset").glob("*.xml")):
        for it in parse_feed(path.read_bytes(), feed=path.stem, url=path.as_uri()).items:
            pub = it.published.strftime("%a, %d %b %Y %H:%M:%S +0000") if it.published else ""
            items.append({"guid": escape(it.id or it.link), "link": escape(it.link),
                          "title": escape(it.title), "pubDate": pub, "description": escape(it.text)})
    return rss(items, title="all"), len(items)


def outbox_rows(root: Path) -> list[tuple[str, str, str]]:
    db = root / "data" / "monitor.db"
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute("SELECT alert_id, route, status FROM outbox").fetchall()
        except sqlite3.OperationalError:
            return []


def delivered_links(smtp: SlowSMTP) -> list[str]:
    out = []
    for msg in smtp.messages:
        text = msg.get_body(("plain",)).get_content() if msg.is_multipart() else msg.get_content()
        links = [m for m in LINK.findall(text) if "example.invalid" not in m]
        out.append(links[0] if links else "")
    return out


def configure(root: Path, feed_url: str, smtp_port: int) -> Path:
    route = {"name": "email", "tags": ["*"], "throttle_seconds": 0, "timeout_seconds": 10,
             "url": f"mailto://127.0.0.1:{smtp_port}?from=monitor@example.com&to=desk@example.com"}
    return write_config(root, [{"name": "all", "url": feed_url, "interval_seconds": 2,
                                "archive": True}],
                        settings={"notify": {"console": False, "jsonl_path": None,
                                             "routes": [route], "batch_size": 5,
                                             "lease_seconds": 10}})


def test_kill_minus_nine_loses_nothing(tmp_path: Path, feed_server: FeedServer) -> None:
    body, n_items = one_big_feed()
    feed_url = feed_server.feed("/all.xml", body)
    handler = SlowSMTP(delay=0.05)
    port = _free_port()
    smtp = Controller(handler, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        # Reference: the same feed, uninterrupted, in a separate data dir.
        ref_root = tmp_path / "ref"
        ref = DaemonProcess(configure(ref_root, feed_url, port), tmp_path / "ref.log")
        done = ref.wait_for(lambda: (rows := outbox_rows(ref_root)) != [] and all(
            s == "sent" for _, _, s in rows), timeout=240)
        ref.stop()
        assert done, "reference run did not deliver everything"
        expected = {a for a, _, _ in outbox_rows(ref_root)}
        ref_links = set(delivered_links(handler))
        assert len(expected) >= 50, f"too few alerts to make the test meaningful: {len(expected)}"
        handler.messages.clear()

        rng = random.Random(20261121)
        root = tmp_path / "chaos"
        cfg = configure(root, feed_url, port)
        for i in range(KILLS):
            d = DaemonProcess(cfg, tmp_path / f"chaos-{i}.log")
            time.sleep(rng.uniform(0.5, 4.0))
            d.proc.send_signal(signal.SIGKILL)
            d.kill()
        final = DaemonProcess(cfg, tmp_path / "final.log")
        done = final.wait_for(lambda: (rows := outbox_rows(root)) != [] and all(
            s == "sent" for _, _, s in rows) and {a for a, _, _ in rows} >= expected, timeout=240)
        code = final.stop()
        rows = outbox_rows(root)
        assert done, (f"not everything delivered after restart: statuses "
                      f"{sorted({s for _, _, s in rows})}, missing {sorted(expected - {a for a, _, _ in rows})}, "
                      f"unexpected {sorted({a for a, _, _ in rows} - expected)}")
        assert code == 0
    finally:
        smtp.stop()

    got = {a for a, _, _ in outbox_rows(root)}
    assert got == expected, "kills changed which alerts were decided"
    links = delivered_links(handler)
    assert set(links) == ref_links, "some alert never reached the mailbox"
    extra = len(links) - len(set(links))
    # At most the batch in flight at each kill may go out again.
    assert extra <= KILLS * 5, f"{extra} duplicate deliveries for {KILLS} kills"
    print(f"\n{n_items} items, {len(expected)} alerts, {KILLS} kills, {extra} duplicate deliveries")
