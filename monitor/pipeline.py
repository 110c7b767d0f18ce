"""One feed poll, stage by stage: fetch → 304? → parse → detect → dedupe → outbox.

Reads top to bottom like Miniflux's RefreshFeed. Delivery is not here: alerts go
into the outbox in the same transaction as their dedupe decision, and the
delivery worker sends them, so a crash between the two loses nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from monitor.errors import FetchError, ParseError
from monitor.fetch import Validators
from monitor.models import Alert, Decision, Detection, Item
from monitor.parse import parse_feed
from monitor.store.db import Database

SUMMARY_CHARS = 400


class DetectorLike(Protocol):
    def detect(self, item: Item) -> list[Detection]: ...


class Router(Protocol):
    """Watchlist tags (and severity) → names of the routes that receive the alert."""

    def routes_for(self, tags: Sequence[str], severity: str = "normal") -> list[str]: ...


def primary_detection(detections: Sequence[Detection]) -> Detection | None:
    """Incident watchlists outrank digest ones; then the higher score wins."""
    matched = [d for d in detections if d.matched]
    if not matched:
        return None
    return max(matched, key=lambda d: (d.kind == "incident", d.score))


def build_alert(item: Item, det: Detection, res: Any, now: datetime,
                severity: Callable[[Alert], str] | None = None) -> Alert:
    kind = "update" if res.decision == "update" else "alert"
    first_seen = res.first_seen or now
    reasons = tuple(res.reasons) + tuple(getattr(res, "new_facts", ()) or ())
    alert = Alert(
        # Stable across restarts and replays: the outbox's idempotency key.
        id=f"{res.item_key}:{kind}",
        kind=kind,
        watchlist=det.watchlist,
        tags=det.tags,
        title=item.title,
        link=item.link,
        source=item.source or item.feed,
        feed=item.feed,
        published=item.published.isoformat() if item.published else None,
        first_seen=first_seen.isoformat(),
        event_id=res.event_id,
        incident=det.incident,
        terms=det.terms[:12],
        summary=item.text[:SUMMARY_CHARS],
        other_sources=tuple(getattr(res, "other_sources", ()) or ()),
        reasons=reasons[:6],
        extra={"watchlist_kind": det.kind, "score": round(det.score, 3)},
    )
    if severity is not None:
        alert = replace(alert, severity=severity(alert))
    return alert


@dataclass
class PollOutcome:
    feed: str
    status: str  # "ok" | "not_modified" | "error" | "skipped"
    items: int = 0
    decisions: list[Decision] = field(default_factory=list)
    error: str | None = None
    bozo: str | None = None

    @property
    def alerts(self) -> int:
        return sum(d.decision in ("alert", "update") for d in self.decisions)


class Pipeline:
    """Per-item processing, shared by the daemon and `monitor replay`."""

    def __init__(self, *, db: Database, detector: DetectorLike, deduper: Any, outbox: Any,
                 router: Router, log: Any, update_mode: str = "send",
                 severity: Callable[[Alert], str] | None = None):
        self.db = db
        self.detector = detector
        self.deduper = deduper
        self.outbox = outbox
        self.router = router
        self.log = log
        self.update_mode = update_mode
        self.severity = severity

    def process(self, item: Item, now: datetime, *, guard_before: datetime | None = None,
                enqueue: bool = True, accept_old: bool = False) -> Decision:
        """Decide one item. `guard_before`: first-poll flood guard cut-off;
        `accept_old`: the feed is an archive, judge old items too."""
        log = self.log.bind(feed=item.feed, item=item.id or item.link)
        if self.deduper.is_known(item):
            # The common case on every poll: skip detection entirely.
            decision = Decision(item, "duplicate", item_key="", reasons=("same item already seen",))
            log.debug("decision", stage="dedupe", decision="duplicate", reason="known item")
            return decision
        detections = self.detector.detect(item)
        det = primary_detection(detections)
        reasons: tuple[str, ...] = ()
        with self.db.transaction() as tx:
            res = self.deduper.decide(tx, item, det, now, accept_old=accept_old)
            kind = res.decision
            reasons = tuple(res.reasons)
            guarded = (guard_before is not None and item.published is not None
                       and item.published < guard_before)
            if kind in ("alert", "update") and det is not None:
                if guarded:
                    reasons += ("first poll of this feed: older item recorded, not alerted",)
                elif kind == "update" and self.update_mode == "suppress":
                    reasons += ("updates suppressed by dedupe.update_mode",)
                elif enqueue:
                    alert = build_alert(item, det, res, now, self.severity)
                    if kind == "update":
                        first = self.outbox.first_of_event(tx, res.event_id) if res.event_id else None
                        if first is not None:
                            alert.extra.update(first_title=first.title, first_link=first.link)
                        if self.update_mode == "digest":
                            alert.extra["digest"] = True
                    routes = self.router.routes_for(list(det.tags), alert.severity)
                    if routes:
                        self.outbox.enqueue(tx, alert, routes)
                    else:
                        reasons += ("no enabled route carries tags " + ",".join(det.tags),)
        if det is None:
            why = dict.fromkeys(r for d in detections for r in d.reasons)  # ordered, unique
            reasons = tuple(why)[:4] + reasons
        decision = Decision(item, kind, res.item_key, det, res.event_id, reasons)
        log.info("decision", stage="decide", decision=kind, watchlist=det.watchlist if det else None,
                 event_id=res.event_id, score=round(det.score, 2) if det else None,
                 reasons=list(reasons[:3]))
        return decision


class Poller:
    """Polls one feed: the only place that combines fetch, parse and the pipeline."""

    def __init__(self, *, fetcher: Any, feedstate: Any, pipeline: Pipeline, health: Any,
                 backoff: Callable[[int, float], float], log: Any,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        self.fetcher = fetcher
        self.feedstate = feedstate
        self.pipeline = pipeline
        self.health = health
        self.backoff = backoff
        self.log = log
        self.clock = clock

    async def poll(self, feed: Any) -> PollOutcome:
        log = self.log.bind(feed=feed.name)
        state = await asyncio.to_thread(self.feedstate.get, feed.name)
        now = self.clock()
        if state.next_poll_at and now < state.next_poll_at:
            log.debug("backing off", stage="fetch", until=state.next_poll_at.isoformat())
            return PollOutcome(feed.name, "skipped")
        guard_hours = feed.first_poll_max_age_hours
        # First poll, or back after a long pause (re-enabled, long outage): the feed's
        # backlog is history, not news.
        first_poll = state.last_success_at is None or (
            guard_hours is not None and now - state.last_success_at > timedelta(hours=guard_hours))
        try:
            result = await self.fetcher.fetch(feed.url, Validators(state.etag, state.last_modified))
            if result.status == 304:
                log.info("not modified", stage="fetch", decision="not_modified")
                await asyncio.to_thread(self._succeeded, feed, now, result.validators, 0)
                return PollOutcome(feed.name, "not_modified")
            parsed = await asyncio.to_thread(
                parse_feed, result.body or b"", feed=feed.name, url=result.final_url,
                language=feed.language, source=feed.outlet, content_type=result.content_type)
        except (FetchError, ParseError) as exc:
            return await asyncio.to_thread(self._failed, feed, now, exc, state.consecutive_failures)
        if parsed.malformed:
            log.warning("malformed feed, entries recovered", stage="parse",
                        decision="recovered", error=parsed.bozo, items=len(parsed.items))
        elif parsed.bozo:
            log.info("feed quirk tolerated", stage="parse", bozo=parsed.bozo)
        guard_before = None
        if first_poll and guard_hours is not None and not feed.archive:
            guard_before = now - timedelta(hours=guard_hours)
        # Oldest first, so the first report of an incident is the one alerted.
        items = sorted(parsed.items, key=lambda i: i.published or now)
        decisions = await asyncio.to_thread(
            lambda: [self.pipeline.process(i, now, guard_before=guard_before,
                                           accept_old=feed.archive) for i in items])
        fresh = sum(1 for d in decisions if d.item_key)  # not skipped as already known
        await asyncio.to_thread(self._succeeded, feed, now, result.validators, fresh)
        outcome = PollOutcome(feed.name, "ok", len(items), decisions, bozo=parsed.bozo)
        log.info("polled", stage="poll", items=len(items), alerts=outcome.alerts)
        return outcome

    def _succeeded(self, feed: Any, now: datetime, validators: Any, new_items: int) -> None:
        self.feedstate.record_success(feed.name, now, validators.etag, validators.last_modified)
        if self.health is not None:
            # new_items feeds the "silent source" check: polls that bring nothing new
            # for many intervals mean the feed is stale even though HTTP succeeds.
            self.health.feed_ok(feed, now, new_items)

    def _failed(self, feed: Any, now: datetime, exc: Exception, failures: int) -> PollOutcome:
        delay = self.backoff(failures + 1, feed.interval_seconds)
        count = self.feedstate.record_failure(feed.name, now, str(exc),
                                              now + timedelta(seconds=delay))
        stage = "fetch" if isinstance(exc, FetchError) else "parse"
        self.log.warning("poll failed", feed=feed.name, stage=stage, decision="error",
                         error=str(exc), failures=count, retry_in=round(delay))
        if self.health is not None:
            self.health.feed_failed(feed, now, str(exc))
        return PollOutcome(feed.name, "error", error=str(exc))
