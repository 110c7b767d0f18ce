"""Send due outbox rows, route by route.

Rows are per (alert, route), so routes are independent by construction: a
dead Slack webhook backs off its own rows and never makes email re-send.
Per route, in order: quiet hours hold non-urgent rows until the quiet period
ends; digest-only routes hold everything until their digest window ends; a
rate limit sends up to N individual messages per fixed window and holds the
rest. Held rows come back due at that boundary and go out as ONE digest.
Severity "high" bypasses all three.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime

import structlog

from monitor.notify.config import NotifyConfig, Route
from monitor.notify.render import Renderer
from monitor.notify.senders import Sender, SendResult
from monitor.outbox import Outbox, OutboxRow

log = structlog.get_logger("monitor.notify")


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class DeliveryStats:
    claimed: int = 0
    sent: int = 0  # rows delivered (a digest delivers several rows in one message)
    messages: int = 0
    digests: int = 0
    failed: int = 0
    dead: int = 0
    held: int = 0
    released: int = 0

    def add(self, other: DeliveryStats) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))


def _window_end(now: datetime, seconds: int) -> datetime:
    start = int(now.timestamp()) // seconds * seconds
    return datetime.fromtimestamp(start + seconds, now.tzinfo)


class Delivery:
    def __init__(self, outbox: Outbox, senders: Mapping[str, Sender], config: NotifyConfig,
                 clock: Callable[[], datetime] = utcnow, renderer: Renderer | None = None,
                 worker_id: str | None = None):
        self.outbox = outbox
        self.senders = dict(senders)
        self.config = config
        self.clock = clock
        self.renderer = renderer or Renderer(config.templates_dir)
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"

    async def run_once(self, now: datetime | None = None) -> DeliveryStats:
        now = now or self.clock()
        rows = self.outbox.claim_due(now, self.config.batch_size, self.config.lease_seconds,
                                     self.worker_id)
        by_route: dict[str, list[OutboxRow]] = {}
        for r in rows:
            by_route.setdefault(r.route, []).append(r)
        total = DeliveryStats(claimed=len(rows))
        # Routes run concurrently: a route timing out does not delay the others.
        for stats in await asyncio.gather(*(self._deliver_route(name, rs, now)
                                             for name, rs in by_route.items())):
            total.add(stats)
        return total

    async def run(self, stop: asyncio.Event, poll_seconds: float = 5.0) -> None:
        """Loop until `stop` is set; the scheduler may call run_once itself instead."""
        while not stop.is_set():
            try:
                await self.run_once()
            except Exception:  # noqa: BLE001 - keep delivering; the rows stay in the outbox
                log.exception("delivery pass failed", stage="deliver")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), poll_seconds)

    async def _deliver_route(self, name: str, rows: list[OutboxRow],
                             now: datetime) -> DeliveryStats:
        stats = DeliveryStats()
        route, sender = self.config.route(name), self.senders.get(name)
        if route is None or sender is None or not route.enabled:
            # Keep the rows (they dead-letter after max_attempts and can be
            # retried once the route is back) rather than silently dropping alerts.
            for r in rows:
                self._fail(stats, r, now, f"route {name!r} is not configured or not enabled")
            return stats
        batches = self._plan(route, rows, now, stats)
        for i, (is_digest, batch) in enumerate(batches):
            result = await self._send(sender, batch, is_digest, name)
            if result.ok:
                stats.sent += self.outbox.mark_sent([r.id for r in batch], now)
                stats.messages += 1
                stats.digests += int(is_digest)
                log.info("delivered", stage="deliver", decision="sent", route=name,
                         alerts=[r.alert_id for r in batch], digest=is_digest)
                continue
            log.warning("delivery failed", stage="deliver", decision="failed", route=name,
                        reason=result.reason, alerts=[r.alert_id for r in batch])
            for r in batch:
                self._fail(stats, r, now, result.reason or "failed", result.retry_after)
            # The route is failing: hand the rest back uncounted instead of
            # spending their attempts (and the lease) on more timeouts.
            rest = [r.id for _, b in batches[i + 1:] for r in b]
            stats.released += self.outbox.release(rest)
            break
        return stats

    def _plan(self, route: Route, rows: list[OutboxRow], now: datetime,
              stats: DeliveryStats) -> list[tuple[bool, list[OutboxRow]]]:
        """Decide what to send now (high first, singles, one digest) and hold the rest."""
        high = [r for r in rows if r.alert.severity == "high" and not r.alert.extra.get("digest")]
        normal = [r for r in rows if r not in high]
        digest = [r for r in normal if r.digest]
        singles = [r for r in normal if not r.digest]
        # dedupe.update_mode = digest: follow-ups wait for the route's digest window.
        batched = [r for r in singles if r.alert.extra.get("digest")]
        if batched:
            stats.held += self.outbox.hold([r.id for r in batched],
                                           _window_end(now, route.digest_window_seconds))
            singles = [r for r in singles if not r.alert.extra.get("digest")]
        if route.quiet_hours and route.quiet_hours.active(now):
            until = route.quiet_hours.ends_after(now)
            stats.held += self.outbox.hold([r.id for r in normal], until)
            digest, singles = [], []
        if route.digest_only and singles:
            until = _window_end(now, route.digest_window_seconds)
            stats.held += self.outbox.hold([r.id for r in singles], until)
            singles = []
        if route.rate_limit and singles:
            start, end = route.rate_limit.window_bounds(now)
            # High alerts count toward the limit even though they are never held.
            allowance = route.rate_limit.max_alerts - self.outbox.sent_since(route.name, start)
            allowance = max(0, allowance - len(high))
            over, singles = singles[allowance:], singles[:allowance]
            stats.held += self.outbox.hold([r.id for r in over], end)
        plan: list[tuple[bool, list[OutboxRow]]] = [(False, [r]) for r in high + singles]
        if digest:
            plan.append((True, digest))
        return plan

    async def _send(self, sender: Sender, batch: list[OutboxRow], is_digest: bool,
                    route: str) -> SendResult:
        try:
            msg = self.renderer.render([r.alert for r in batch], sender.body_format,
                                       digest=is_digest, route=route)
        except Exception as exc:  # noqa: BLE001 - a broken user template must not stop delivery
            return SendResult(False, f"render failed: {type(exc).__name__}: {exc}"[:500])
        return await sender.send(msg)

    def _fail(self, stats: DeliveryStats, row: OutboxRow, now: datetime, reason: str,
              retry_after: float | None = None) -> None:
        status = self.outbox.mark_failed(row.id, now, reason, retry_after)
        stats.failed += 1
        if status == "dead":
            stats.dead += 1
            log.error("alert dead-lettered", stage="deliver", decision="dead", route=row.route,
                      alert=row.alert_id, attempts=row.attempts, reason=reason)
