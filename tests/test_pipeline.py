"""One feed poll through the real stages: flood guard, 304s, backoff, recovery."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from monitor.app import App
from monitor.settings import FeedConfig, load_settings
from tests.daemon import REPO
from tests.feedserver import FeedServer
from tests.feedserver import rss as feed_rss

NOW = datetime.now(UTC)
RAQQA = ("اعتقال قيادي في داعش بمدينة الرقة",
         "اعتقلت قوات الأمن الداخلي صباح اليوم قياديا في تنظيم داعش خلال مداهمة في حي المشلب بمدينة الرقة.")
DEIR = ("مقتل جنديين بهجوم لداعش في ريف دير الزور",
        "قتل جنديان من الجيش السوري فجر اليوم بهجوم شنته خلايا تنظيم داعش على حاجز في بلدة ذيبان بريف دير الزور الشرقي.")
HASAKAH = ("انفجار عبوة ناسفة بدورية لقسد في الحسكة",
           "أصيب ثلاثة عناصر من قسد بانفجار عبوة ناسفة زرعتها خلايا داعش في بلدة الشدادي جنوب الحسكة اليوم.")


def rss(items: list[tuple[str, tuple[str, str], datetime]]) -> bytes:
    return feed_rss([{"guid": f"https://news.invalid/{g}", "link": f"https://news.invalid/{g}",
                      "title": escape(t), "pubDate": d.strftime("%a, %d %b %Y %H:%M:%S +0000"),
                      "description": escape(b)} for g, (t, b), d in items])


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MONITOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MONITOR_NOTIFY__CONSOLE", "false")
    settings = load_settings(REPO / "config")
    application = App.build(settings, store_url=f"sqlite:///{tmp_path / 'm.db'}")
    yield application
    asyncio.run(application.aclose())


def poll(app: App, feed: FeedConfig, now: datetime):
    app.poller.clock = lambda: now
    return asyncio.run(app.poller.poll(feed))


def test_first_poll_flood_guard_then_new_items_alert(app: App, feed_server: FeedServer) -> None:
    old = NOW - timedelta(days=3)
    url = feed_server.feed("/f.xml", rss([("g1", RAQQA, old), ("g2", DEIR, NOW - timedelta(hours=1))]))
    feed = FeedConfig(name="f", url=url, first_poll_max_age_hours=24)
    out = poll(app, feed, NOW)
    by = {d.item.id.rsplit("/", 1)[-1]: d for d in out.decisions}
    assert by["g1"].decision == "alert" and any("first poll" in r for r in by["g1"].reasons)
    assert by["g2"].decision == "alert"
    assert [r.alert_id for r in app.outbox.list()] != []
    queued = {r.alert.link for r in app.outbox.list()}
    assert "https://news.invalid/g1" not in queued, "the old item was recorded, not alerted"
    assert "https://news.invalid/g2" in queued

    # Later polls: an item that newly appears is alerted even if it is dated 3 days back.
    feed_server.feed("/f.xml", rss([("g1", RAQQA, old), ("g3", HASAKAH, old)]))
    out = poll(app, feed, NOW + timedelta(minutes=5))
    assert {d.item.id: d.decision for d in out.decisions if d.item_key} == {"https://news.invalid/g3": "alert"}
    assert "https://news.invalid/g3" in {r.alert.link for r in app.outbox.list()}


def test_unchanged_feed_is_not_modified_and_failures_back_off(app: App, feed_server: FeedServer) -> None:
    url = feed_server.feed("/f.xml", rss([("g2", DEIR, NOW)]))
    feed = FeedConfig(name="f", url=url)
    assert poll(app, feed, NOW).status == "ok"
    assert poll(app, feed, NOW + timedelta(minutes=5)).status == "not_modified"

    feed_server.status("/f.xml", 503)
    out = poll(app, feed, NOW + timedelta(minutes=10))
    assert out.status == "error" and "503" in (out.error or "")
    state = app.feedstate.get("f")
    assert state.consecutive_failures == 1 and state.next_poll_at > NOW + timedelta(minutes=10)
    # Inside the backoff window the feed is not fetched at all.
    hits = len(feed_server.requests)
    assert poll(app, feed, NOW + timedelta(minutes=10, seconds=1)).status == "skipped"
    assert len(feed_server.requests) == hits
    feed_server.feed("/f.xml", rss([("g2", DEIR, NOW)]))
    assert poll(app, feed, state.next_poll_at + timedelta(seconds=1)).status in ("ok", "not_modified")
    assert app.feedstate.get("f").consecutive_failures == 0


def test_reenabled_feed_is_guarded_again(app: App, feed_server: FeedServer) -> None:
    url = feed_server.feed("/f.xml", rss([("g2", DEIR, NOW - timedelta(days=10))]))
    feed = FeedConfig(name="f", url=url, first_poll_max_age_hours=24)
    poll(app, feed, NOW - timedelta(days=10))  # polled long ago, then disabled
    feed_server.feed("/f.xml", rss([("g2", DEIR, NOW - timedelta(days=10)),
                                    ("g9", HASAKAH, NOW - timedelta(days=5))]))
    out = poll(app, feed, NOW)
    g9 = next(d for d in out.decisions if d.item.id.endswith("/g9"))
    assert any("first poll" in r for r in g9.reasons)
    assert "https://news.invalid/g9" not in {r.alert.link for r in app.outbox.list()}


def test_housekeeping_keeps_the_store_bounded(app: App, feed_server: FeedServer) -> None:
    url = feed_server.feed("/f.xml", rss([("g2", DEIR, NOW)]))
    feed = FeedConfig(name="f", url=url)
    poll(app, feed, NOW)
    asyncio.run(app.deliver_once())
    app.feedstate.claim_tick("f", 1, "me", now=NOW)
    assert [r.status for r in app.outbox.list()] == ["sent"]  # the jsonl route (console is off)
    app.prune(NOW + timedelta(days=1))
    assert len(app.outbox.list()) == 1, "recent history is kept"
    app.prune(NOW + timedelta(days=app.settings.dedupe.retention_days + 1))
    assert app.outbox.list() == [], "delivered alerts past retention are purged"
    assert app.feedstate.claim_tick("f", 1, "again"), "old tick claims are forgotten"
