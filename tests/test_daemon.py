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


@pytest.mark.postgres
def test_two_replicas_on_postgres_alert_once(tmp_path: Path, feed_server: FeedServer,
                                             pg_schema_dsn: str) -> None:
    """Two daemons share one PostgreSQL store: each feed tick is polled by one of them,
    each alert is decided once and delivered once, whichever replica sends it."""
    import psycopg

    feeds = [dict(f, interval_seconds=2) for f in serve_fixtures(feed_server)]
    pg = {"MONITOR_STORE__URL": pg_schema_dsn}
    roots = [tmp_path / "a", tmp_path / "b"]
    replicas = [DaemonProcess(write_config(r, feeds), tmp_path / f"{r.name}.log", extra_env=pg)
                for r in roots]

    def outbox() -> list[tuple[str, str]]:
        try:
            with psycopg.connect(pg_schema_dsn) as conn:
                return conn.execute("SELECT alert_id, status FROM outbox").fetchall()
        except psycopg.Error:
            return []

    try:
        # Several ticks each, so both replicas race for the same (feed, tick) many times.
        done = replicas[0].wait_for(
            lambda: len(feed_server.requests) >= 4 * len(feeds)
            and (rows := outbox()) != [] and all(s == "sent" for _, s in rows), timeout=90)
    finally:
        codes = [r.stop() for r in replicas]
    assert done, f"outbox not drained: {outbox()}"
    assert codes == [0, 0]
    delivered = [a["id"] for r in roots for a in alerts(r)]
    assert len(delivered) == len(set(delivered)), "an alert was delivered by both replicas"
    assert set(delivered) == {a for a, _ in outbox()}
    polls_by = [sum(1 for x in r.log_lines() if x.get("event") in ("polled", "not modified"))
                for r in replicas]
    with psycopg.connect(pg_schema_dsn) as conn:
        leases = conn.execute("SELECT count(*) FROM poll_lease").fetchone()[0]
    # A poll happens only after winning its (feed, tick) claim, so no tick is polled twice;
    # a claim may lack its poll log line only when SIGTERM interrupted that poll.
    assert leases - len(feeds) <= sum(polls_by) <= leases, f"polls {polls_by} vs {leases} claimed ticks"
    assert sum(polls_by) >= 3 * len(feeds)
