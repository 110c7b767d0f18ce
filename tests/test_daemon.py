"""The daemon end to end, as a real subprocess against real local HTTP feeds."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.daemon import FIXTURE_FEEDS, DaemonProcess, alerts, run_once, write_config
from tests.feedserver import FeedServer, entity_blowup_feed

pytestmark = pytest.mark.slow

SEED_LINK_MARKERS = {  # seeds that report one new incident each (fixtures/README.md)
    "002": "arrest", "003": "raid", "004": "attack",
}


def serve_fixtures(feed_server: FeedServer) -> list[dict[str, object]]:
    feeds = []
    for path in sorted(FIXTURE_FEEDS.glob("*.xml")):
        url = feed_server.feed(f"/{path.name}", path.read_bytes())
        feeds.append({"name": path.stem, "url": url, "interval_seconds": 3600,
                      "archive": True})
    assert feeds, "fixtures/feeds/ must hold the generated fixture feeds"
    return feeds


def test_once_alerts_incidents_and_restart_sends_nothing_twice(
        tmp_path: Path, feed_server: FeedServer) -> None:
    cfg = write_config(tmp_path, serve_fixtures(feed_server))
    first = run_once(cfg)
    assert first.returncode == 0, first.stderr[-3000:]
    sent = alerts(tmp_path)
    types = sorted(a["incident"]["type"] for a in sent if a["kind"] == "alert" and a["incident"])
    for expected in SEED_LINK_MARKERS.values():
        assert expected in types, f"no {expected} alert in {types}"
    ids = [a["id"] for a in sent]
    assert len(ids) == len(set(ids)), "an alert was delivered twice"

    # Restart: validators make every fetch conditional, and nothing is re-alerted.
    hits_before = len(feed_server.requests)
    second = run_once(cfg)
    assert second.returncode == 0, second.stderr[-3000:]
    assert alerts(tmp_path) == sent, "a restart re-sent alerts"
    repeat = feed_server.requests[hits_before:]
    assert repeat and all("If-None-Match" in h for _, h in repeat)


def test_bad_feeds_are_logged_and_healthy_feeds_keep_polling(
        tmp_path: Path, feed_server: FeedServer) -> None:
    seed_feed = sorted(FIXTURE_FEEDS.glob("*.xml"))[0]
    good = feed_server.feed("/good.xml", seed_feed.read_bytes())
    bad = {
        "http500": feed_server.status("/500", 500),
        "hang": feed_server.hang("/hang", 20, drip=True),  # only the overall deadline stops it
        "malformed": feed_server.feed("/bad.xml", b"<rss><channel><item><title>x</ti"),
        "huge": feed_server.huge("/huge", 5_000_000),
        "bomb": feed_server.feed("/bomb.xml", entity_blowup_feed()),
        "unreachable": "http://127.0.0.1:9/feed.xml",  # discard port: connection refused
    }
    feeds = [{"name": "good", "url": good, "interval_seconds": 1,
              "archive": True}]
    feeds += [{"name": n, "url": u, "interval_seconds": 1} for n, u in bad.items()]
    cfg = write_config(tmp_path, feeds, settings={
        "fetch": {"deadline": 1.5, "read_timeout": 1, "max_bytes": 1_000_000}})
    daemon = DaemonProcess(cfg, tmp_path / "daemon.log")
    try:
        polled = daemon.wait_for(
            lambda: sum(p == "/good.xml" for p, _ in feed_server.requests) >= 4, timeout=60)
    finally:
        code = daemon.stop(signal.SIGTERM)
    logs = daemon.log_lines()
    assert polled, "the healthy feed was not polled repeatedly: " + str(logs[-20:])
    assert code == 0, f"daemon exit code {code}"
    warned = {r.get("feed"): r.get("error", "") for r in logs
              if r.get("level") == "warning" and r.get("feed") in bad}
    assert set(bad) <= set(warned), f"not every bad feed was logged: {set(bad) - set(warned)}"
    failed = {r.get("feed") for r in logs if r.get("event") == "poll failed"}
    assert set(bad) - {"malformed"} <= failed
    assert "500" in warned["http500"]
    assert "entit" in warned["bomb"].lower()
    assert "deadline" in warned["hang"].lower() or "timed out" in warned["hang"].lower()
    assert "limit" in warned["huge"].lower() or "cap" in warned["huge"].lower() \
        or "bytes" in warned["huge"].lower()
    # feedparser's loose parser recovers the malformed feed's entry: a warning, no loss.
    assert "unclosed" in warned["malformed"].lower() or "token" in warned["malformed"].lower()
    assert any(r.get("event") == "stopped" for r in logs)
    ids = [a["id"] for a in alerts(tmp_path)]
    assert ids and len(ids) == len(set(ids))


@pytest.mark.postgres
def test_postgres_store_end_to_end(tmp_path: Path, feed_server: FeedServer, pg_schema_dsn: str) -> None:
    """The same daemon on PostgreSQL (the multi-replica store): alerts once, restart quiet."""
    cfg = write_config(tmp_path, serve_fixtures(feed_server))
    # Trust auth ignores the password: it is there to prove no secret reaches the logs.
    pg = {"MONITOR_STORE__URL": pg_schema_dsn.replace("://postgres@", "://postgres:s3cret-pw@")}
    first = run_once(cfg, extra_env=pg)
    assert first.returncode == 0, first.stderr[-3000:]
    sent = alerts(tmp_path)
    assert {"arrest", "raid", "attack"} <= {a["incident"]["type"] for a in sent if a["incident"]}
    assert "s3cret-pw" not in first.stderr + first.stdout
    assert "127.0.0.1:5432" in first.stderr, "the redacted store label is logged at start"
    second = run_once(cfg, extra_env=pg)
    assert second.returncode == 0, second.stderr[-3000:]
    assert alerts(tmp_path) == sent
    assert not (tmp_path / "data" / "monitor.db").exists(), "SQLite must not be used when a DSN is set"
