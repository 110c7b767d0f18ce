"""Wiring: build every component once from Settings and hand each its slice.

The only place that knows all concrete classes. The daemon (`scheduler.py`),
`replay`, `explain` and `test-alert` all start from `App.build`, so they run the
same code path as production.
"""

from __future__ import annotations

import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from monitor.dedupe import Deduper
from monitor.detect import Detector
from monitor.feedstate import FeedStateStore
from monitor.fetch import FetchLimits, HttpFetcher
from monitor.logs import get_logger
from monitor.notify.delivery import Delivery
from monitor.notify.senders import build_senders
from monitor.outbox import Outbox
from monitor.pipeline import Pipeline, Poller, Router
from monitor.settings import Settings
from monitor.sourcehealth import SourceHealth, next_poll_delay
from monitor.store.db import Database, open_database


def fetch_limits(settings: Settings) -> FetchLimits:
    f = settings.fetch
    return FetchLimits(connect_timeout=f.connect_timeout, read_timeout=f.read_timeout,
                       deadline=f.deadline, max_bytes=f.max_bytes,
                       max_redirects=f.max_redirects, user_agent=f.user_agent)


class HealthReporter:
    """Feeds' successes and failures → source-down / recovered notices in the outbox."""

    def __init__(self, health: SourceHealth, db: Database, outbox: Outbox, router: Router,
                 ops_tags: list[str], log: Any):
        self.health, self.db, self.outbox, self.router = health, db, outbox, router
        self.ops_tags = ops_tags
        self.log = log

    def _emit(self, notice: Any, tx: Any) -> None:
        if notice is None:
            return
        routes = self.router.routes_for(self.ops_tags)
        self.log.warning("source health", feed=getattr(notice, "feed", None),
                         decision=notice.kind, routes=routes)
        if routes:
            self.outbox.enqueue(tx, notice.to_alert(self.ops_tags), routes)

    def observe(self, feed: Any, now: datetime, ok: bool, error: str | None = None,
                new_items: int | None = None) -> None:
        cadence = feed.silence_interval
        with self.db.transaction() as tx:
            # Without an expected cadence any successful poll counts as activity,
            # so only failures can take the source down.
            notice = self.health.observe(
                tx, feed.name, ok, now, expected_interval=cadence or feed.interval_seconds,
                new_items=new_items if cadence else None, error=error)
            self._emit(notice, tx)

    def feed_ok(self, feed: Any, now: datetime, new_items: int | None = None) -> None:
        self.observe(feed, now, True, new_items=new_items)

    def feed_failed(self, feed: Any, now: datetime, error: str) -> None:
        self.observe(feed, now, False, error)

    def check_silence(self, now: datetime, feeds: Any) -> None:
        cadences = {f.name: f.silence_interval for f in feeds if f.silence_interval}
        with self.db.transaction() as tx:
            for notice in self.health.check_silence(tx, now, cadences):
                self._emit(notice, tx)


@dataclass
class App:
    settings: Settings
    log: Any
    db: Database
    detector: Detector
    deduper: Deduper
    outbox: Outbox
    feedstate: FeedStateStore
    pipeline: Pipeline
    poller: Poller
    delivery: Delivery
    health: HealthReporter
    route_names: list[str]
    instance_id: str

    @classmethod
    def build(cls, settings: Settings, *, store_url: str | None = None,
              detector: Detector | None = None, senders: dict[str, Any] | None = None,
              durable: bool = True) -> App:
        log = get_logger()
        detector = detector or Detector.load(settings.watchlists_dir)
        if senders is None:
            senders = build_senders(settings.notify, data_dir=settings.data_dir)
        db = open_database(store_url or settings.store_url, durable=durable)
        deduper = Deduper(db, settings.dedupe)
        outbox = Outbox(db, settings.notify.retry)
        feedstate = FeedStateStore(db)
        router = settings.notify
        health = HealthReporter(SourceHealth(settings.notify.source_health, db), db, outbox, router,
                                list(settings.notify.ops_tags), log)
        pipeline = Pipeline(db=db, detector=detector, deduper=deduper, outbox=outbox,
                            router=router, log=log, update_mode=settings.dedupe.update_mode,
                            severity=lambda a: settings.notify.severity.classify(a.incident))
        max_backoff = settings.scheduler.max_backoff_seconds
        poller = Poller(
            fetcher=HttpFetcher(fetch_limits(settings)), feedstate=feedstate, pipeline=pipeline,
            health=health, log=log,
            backoff=lambda failures, base: next_poll_delay(failures, base, max_backoff))
        delivery = Delivery(outbox, senders, settings.notify)
        return cls(settings, log, db, detector, deduper, outbox, feedstate, pipeline, poller,
                   delivery, health, [r.name for r in settings.notify.all_routes(settings.data_dir) if r.enabled],
                   f"{socket.gethostname()}:{uuid.uuid4().hex[:8]}")

    async def deliver_once(self) -> Any:
        return await self.delivery.run_once(datetime.now(UTC))

    def prune(self, now: datetime) -> None:
        """Keep the store bounded over months: dedupe memory, delivered alerts, leases.
        Dead alerts are kept for `monitor alerts` until purged by hand."""
        retention = timedelta(days=self.settings.dedupe.retention_days)
        removed = self.deduper.prune(now)
        sent = self.outbox.purge("sent", now - retention)
        leases = self.feedstate.prune_leases(now - timedelta(days=1))
        self.log.info("pruned", stage="housekeeping", rows=removed, sent_alerts=sent,
                      leases=leases)

    def check_silence(self, now: datetime) -> None:
        self.health.check_silence(now, self.settings.enabled_feeds)

    async def aclose(self) -> None:
        await self.poller.fetcher.aclose()
        self.db.close()
