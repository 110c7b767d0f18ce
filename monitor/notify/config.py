"""Notification settings: plain pydantic models the lead embeds under `notify:`.

Nothing here reads the environment; `Settings` builds these once and hands them
to constructors (arq's rule: settings are data, not a global).
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from monitor.models import INCIDENT_TYPES, Incident

Severity = Literal["normal", "high"]
_SEVERITY_RANK = {"normal": 0, "high": 1}
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
ALL_TAGS = "*"  # a route tagged "*" receives every alert (the local sinks default to it)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RateLimit(_Model):
    """At most `max_alerts` individual messages per fixed window; the rest go in one digest."""

    max_alerts: int = Field(ge=1)
    window_seconds: int = Field(ge=60)

    def window_bounds(self, now: datetime) -> tuple[datetime, datetime]:
        # Fixed windows aligned to the epoch, so restarts and replicas agree on
        # where a window ends without storing any window state.
        w = self.window_seconds
        start = int(now.timestamp()) // w * w
        tz = now.tzinfo
        return datetime.fromtimestamp(start, tz), datetime.fromtimestamp(start + w, tz)


class QuietHours(_Model):
    """Local wall-clock span in which non-urgent alerts are held for a digest."""

    start: str
    end: str
    timezone: str = "Asia/Damascus"

    @field_validator("start", "end")
    @classmethod
    def _hhmm(cls, v: str) -> str:
        if not _HHMM.match(v):
            raise ValueError("must be HH:MM (24-hour), e.g. 22:30")
        return v

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown IANA time zone {v!r}") from None
        return v

    def _t(self, s: str) -> time:
        h, m = s.split(":")
        return time(int(h), int(m))

    def active(self, now: datetime) -> bool:
        local = now.astimezone(ZoneInfo(self.timezone)).time().replace(second=0, microsecond=0)
        start, end = self._t(self.start), self._t(self.end)
        if start == end:
            return False
        if start < end:
            return start <= local < end
        return local >= start or local < end  # spans midnight, e.g. 22:00–07:00

    def ends_after(self, now: datetime) -> datetime:
        """The next end of the quiet period after `now`, as an aware datetime in now's zone."""
        tz = ZoneInfo(self.timezone)
        local = now.astimezone(tz)
        end = self._t(self.end)
        # Build the wall time and let zoneinfo resolve DST; try today then the next days.
        for days in range(0, 3):
            d = (local + timedelta(days=days)).date()
            cand = datetime.combine(d, end, tzinfo=tz)
            if cand > local:
                return cand.astimezone(now.tzinfo)
        raise AssertionError("unreachable: an end time exists within two days")


class Route(_Model):
    name: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    # An Apprise URL, or our own `console://` / `jsonl:///path`. Secret: it
    # holds webhook tokens and SMTP passwords; only redacted forms are logged.
    url: SecretStr
    tags: list[str] = Field(default_factory=list)
    enabled: bool = True
    rate_limit: RateLimit | None = None
    quiet_hours: QuietHours | None = None
    # Everything batched into one digest per digest window (the context watchlist).
    digest_only: bool = False
    digest_window_seconds: int = Field(default=3600, ge=60)
    min_severity: Severity = "normal"
    timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    # Minimum gap between two sends on this route; None keeps Apprise's per-service default.
    throttle_seconds: float | None = Field(default=None, ge=0)

    def accepts(self, tags: tuple[str, ...] | list[str], severity: str) -> bool:
        if not self.enabled:
            return False
        if _SEVERITY_RANK.get(severity, 0) < _SEVERITY_RANK[self.min_severity]:
            return False
        return ALL_TAGS in self.tags or bool(set(self.tags) & set(tags))


class RetryConfig(_Model):
    max_attempts: int = Field(default=8, ge=1)
    base_delay_seconds: float = Field(default=30, gt=0)
    max_delay_seconds: float = Field(default=3600, gt=0)
    jitter: float = Field(default=0.2, ge=0, lt=1)


class SourceHealthConfig(_Model):
    failures_before_down: int = Field(default=5, ge=1)
    silence_factor: float = Field(default=4.0, gt=1)


class SeverityRule(_Model):
    """`high` bypasses quiet hours and rate limits: mass-casualty or the types analysts page on."""

    high_casualties: int = Field(default=5, ge=1)  # killed + injured ≥ this
    high_types: list[str] = Field(default_factory=lambda: ["attack", "ied", "escape"])

    @field_validator("high_types")
    @classmethod
    def _types(cls, v: list[str]) -> list[str]:
        bad = [t for t in v if t not in INCIDENT_TYPES]
        if bad:
            raise ValueError(f"unknown incident type(s) {bad}; known: {list(INCIDENT_TYPES)}")
        return v

    def classify(self, incident: Incident | None) -> Severity:
        if incident is None:
            return "normal"
        if incident.type in self.high_types:
            return "high"
        casualties = (incident.killed or 0) + (incident.injured or 0)
        return "high" if casualties >= self.high_casualties else "normal"


class NotifyConfig(_Model):
    routes: list[Route] = Field(default_factory=list)
    # Built-in local sinks so a fresh install alerts with no server at all.
    console: bool = True
    jsonl_path: Path | None = None
    retry: RetryConfig = Field(default_factory=RetryConfig)
    ops_tags: list[str] = Field(default_factory=lambda: ["ops"])
    source_health: SourceHealthConfig = Field(default_factory=SourceHealthConfig)
    templates_dir: Path | None = None
    severity: SeverityRule = Field(default_factory=SeverityRule)
    # A lease must outlast one route's batch of sends (batch × timeout), or a
    # second worker may take the row over and send it again.
    lease_seconds: int = Field(default=600, ge=10)
    batch_size: int = Field(default=20, ge=1)

    @model_validator(mode="after")
    def _unique_names(self) -> NotifyConfig:
        seen: set[str] = set()
        for r in self.all_routes():
            if r.name in seen:
                raise ValueError(f"duplicate route name {r.name!r}")
            seen.add(r.name)
        return self

    def all_routes(self, data_dir: Path | None = None) -> list[Route]:
        """Configured routes plus the built-in console/jsonl sinks (tagged "*")."""
        out = list(self.routes)
        if self.console:
            out.append(Route(name="console", url=SecretStr("console://"), tags=[ALL_TAGS]))
        if self.jsonl_path is not None:
            path = self.jsonl_path
            if data_dir is not None and not path.is_absolute():
                path = data_dir / path
            out.append(Route(name="jsonl", url=SecretStr(f"jsonl://{path.resolve()}"),
                             tags=[ALL_TAGS]))
        return out

    def route(self, name: str) -> Route | None:
        return next((r for r in self.all_routes() if r.name == name), None)

    def routes_for(self, tags: tuple[str, ...] | list[str], severity: str = "normal") -> list[str]:
        """Names of the enabled routes an alert with these tags goes to (for `Outbox.enqueue`)."""
        return [r.name for r in self.all_routes() if r.accepts(tags, severity)]
