"""The only module that imports apscheduler: one job per feed, delivery, pruning.

APScheduler 3.x with its in-memory job store, rebuilt from config at start:
3.x cannot share a job store between processes (FACTS.md), so replicas
coordinate through per-tick leases in the shared database instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from monitor.app import App
from monitor.heartbeat import write_heartbeat


class Daemon:
    def __init__(self, app: App, *, once: bool = False):
        self.app = app
        self.once = once
        self.log = app.log.bind(stage="scheduler")
        self._stop = asyncio.Event()
        self._inflight: set[asyncio.Task[Any]] = set()
        self._delivery_lock = asyncio.Lock()
        # A SQLite file has one daemon; only a shared PostgreSQL store needs leases.
        self._shared_store = app.db.dialect == "postgres"

    async def poll_feed(self, feed: Any) -> None:
        """A scheduled tick. Never raises: one bad feed must not stop the others."""
        if self._stop.is_set():
            return
        task = asyncio.current_task()
        if task:
            self._inflight.add(task)
        try:
            if self._shared_store and not self.once:
                # Replicas sharing PostgreSQL: the first to claim (feed, tick) polls it.
                tick = int(datetime.now(UTC).timestamp() // feed.interval_seconds)
                if not await asyncio.to_thread(self.app.feedstate.claim_tick, feed.name, tick,
                                               self.app.instance_id):
                    self.log.debug("another replica polls this tick", feed=feed.name)
                    return
            outcome = await self.app.poller.poll(feed)
            write_heartbeat(self.app.settings.data_dir, feed=feed.name, status=outcome.status)
            if outcome.alerts:
                await self.deliver()
        except Exception:  # a bug in one poll is logged, the daemon goes on
            self.log.exception("poll crashed", feed=feed.name)
        finally:
            if task:
                self._inflight.discard(task)

    async def deliver(self) -> None:
        async with self._delivery_lock:
            try:
                await self.app.deliver_once()
            except Exception:
                self.log.exception("delivery crashed")

    async def housekeeping(self) -> None:
        try:
            await asyncio.to_thread(self.app.prune, datetime.now(UTC))
        except Exception:
            self.log.exception("housekeeping crashed")

    async def check_sources(self) -> None:
        """Silent feeds never reach a poll's health check when polling itself stalls."""
        try:
            await asyncio.to_thread(self.app.check_silence, datetime.now(UTC))
        except Exception:
            self.log.exception("source check crashed")

    def _request_stop(self, signame: str) -> None:
        if not self._stop.is_set():
            self.log.info("stopping", signal=signame)
            self._stop.set()

    async def run(self) -> int:
        settings = self.app.settings
        feeds = settings.enabled_feeds
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, self._request_stop, sig.name)
        self.log.info("starting", feeds=len(feeds), store=self.app.db.label,
                      routes=self.app.route_names)
        if not self._shared_store:
            recovered = await asyncio.to_thread(self.app.outbox.recover_inflight)
            if recovered:
                self.log.warning("resending alerts that were in flight at the last stop",
                                 stage="deliver", count=recovered)
        if self.once:
            await asyncio.gather(*(self.poll_feed(f) for f in feeds))
            await self.deliver()
            write_heartbeat(settings.data_dir, status="once")
            return 0
        sched = AsyncIOScheduler(timezone=UTC, job_defaults={"coalesce": True, "max_instances": 1})
        now = datetime.now(UTC)
        for i, feed in enumerate(feeds):
            jitter = feed.jitter_seconds if feed.jitter_seconds is not None \
                else settings.scheduler.default_jitter_seconds
            sched.add_job(
                self.poll_feed, IntervalTrigger(seconds=feed.interval_seconds, jitter=jitter),
                args=[feed], id=f"feed:{feed.name}", name=feed.name,
                # First poll right away (staggered), so a new user sees alerts at once.
                next_run_time=now + timedelta(seconds=0.2 * i),
                misfire_grace_time=feed.interval_seconds,
            )
        sched.add_job(self.deliver, IntervalTrigger(
            seconds=settings.scheduler.delivery_interval_seconds), id="delivery",
            misfire_grace_time=60)
        sched.add_job(self.housekeeping, IntervalTrigger(
            hours=settings.scheduler.prune_interval_hours), id="housekeeping",
            next_run_time=now + timedelta(seconds=30), misfire_grace_time=3600)
        sched.add_job(self.check_sources, IntervalTrigger(minutes=5), id="sources",
                      misfire_grace_time=600)
        sched.start()
        try:
            await self._stop.wait()
        finally:
            sched.shutdown(wait=False)
            await self._drain(settings.scheduler.shutdown_grace_seconds)
        self.log.info("stopped")
        return 0

    async def _drain(self, grace: float) -> None:
        """Let in-flight polls finish within the grace period, then cancel them.

        Cancelling is safe: an item's dedupe decision and outbox rows commit in
        one transaction, so an abandoned poll is simply redone next start.
        """
        pending = {t for t in self._inflight if not t.done()}
        if pending:
            self.log.info("waiting for in-flight polls", count=len(pending))
            _, still = await asyncio.wait(pending, timeout=grace)
            for t in still:
                t.cancel()
            if still:
                await asyncio.gather(*still, return_exceptions=True)
        # Last chance to send what was just enqueued; unsent rows stay in the outbox.
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.app.deliver_once(), timeout=max(grace, 1.0))
