"""Senders: one per route. Apprise for real services; two tiny local sinks
(console, jsonl) so a default install alerts with no server and no network.

Apprise 2.x reports failure as a return value (AppriseResult), never an
exception; we map it to SendResult(ok, reason) with a secret-free reason.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

import apprise
import structlog
from pydantic import SecretStr

from monitor.errors import ConfigError, ConfigProblem
from monitor.notify.config import NotifyConfig, Route
from monitor.notify.redact import (
    display_url,
    redact,
    register_secret_url,
    scheme_of,
    secret_fragments,
)
from monitor.notify.render import Rendered

log = structlog.get_logger("monitor.notify")

LOCAL_SCHEMES = ("console", "jsonl")
# Body format per scheme: email gets our HTML (Apprise adds a text part),
# Slack gets CommonMark (Apprise converts to mrkdwn), webhooks get plain text.
_FORMAT_BY_SCHEME = {"mailto": "html", "mailtos": "html", "slack": "markdown",
                     "json": "text", "jsons": "text", "form": "text", "forms": "text",
                     "xml": "text", "xmls": "text", "console": "text", "jsonl": "text"}


def body_format_for(url_or_scheme: str) -> str:
    scheme = scheme_of(url_or_scheme) or url_or_scheme.lower()
    return _FORMAT_BY_SCHEME.get(scheme, "markdown")


@dataclass(frozen=True, slots=True)
class SendResult:
    ok: bool
    reason: str | None = None  # secret-free, for last_error and logs
    retry_after: float | None = None


class Sender(Protocol):
    name: str
    body_format: str

    async def send(self, msg: Rendered) -> SendResult: ...


class AppriseSender:
    def __init__(self, url: SecretStr, *, name: str = "", timeout_seconds: float = 30.0,
                 throttle_seconds: float | None = None, asset: apprise.AppriseAsset | None = None):
        raw = url.get_secret_value()
        self.name = name or scheme_of(raw)
        self.body_format = body_format_for(raw)
        self.display = display_url(raw)
        self._timeout = timeout_seconds
        self._secrets = frozenset(secret_fragments(raw))
        register_secret_url(raw)
        self._apprise = apprise.Apprise(asset=asset or apprise.AppriseAsset())
        # Apprise's own retry is off (retry=0 default): the outbox owns retries,
        # so a failure is recorded and backed off instead of blocking the loop.
        # Loading is single-threaded (startup), so a LogCapture here cannot mix
        # in other routes' lines; it tells the user *why* a URL was rejected.
        with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured:
            loaded = self._apprise.add(raw)
        if not loaded:
            # "Could not load … URL: <privacy url>" repeats the URL, hinting at secrets.
            why = [ln for ln in captured.getvalue().splitlines()
                   if ln.strip() and not ln.startswith("Could not load")][:2]
            detail = f" ({'; '.join(why)})" if why else ""
            raise ValueError(redact(f"Apprise cannot load {self.display}{detail}", self._secrets))
        if throttle_seconds is not None:
            # Apprise sleeps between two sends of one service (5.5 s for email,
            # 1.2 s for Slack) as a courtesy to public providers; a private relay
            # can lower it. The sleep counts against `timeout_seconds`.
            for plugin in self._apprise:
                plugin.request_rate_per_sec = throttle_seconds

    async def send(self, msg: Rendered) -> SendResult:
        try:
            # notify() is blocking I/O; the thread keeps the event loop polling
            # feeds. Apprise enforces `timeout`; wait_for is a backstop only.
            result = await asyncio.wait_for(
                asyncio.to_thread(self._apprise.notify, body=msg.body, title=msg.title,
                                  body_format=msg.body_format, timeout=self._timeout),
                timeout=self._timeout + 10)
        except TimeoutError:
            return SendResult(False, f"{self.display}: no answer within {self._timeout:.0f}s")
        except Exception as exc:  # noqa: BLE001 - a plugin bug must not kill delivery
            return SendResult(False, self._clean(f"{type(exc).__name__}: {exc}"))
        if result.status == apprise.AppriseResultStatus.SUCCESS:
            return SendResult(True)
        return SendResult(False, self._clean(self._reason(result)))

    def _reason(self, result: apprise.AppriseResult) -> str:
        # Per-service logs ride on the result (a global LogCapture would mix
        # concurrent routes' lines); keep the warnings, which name the cause.
        lines: list[str] = []
        for svc in result:
            for entry in svc.logs():
                if entry.level in ("WARNING", "ERROR", "CRITICAL") and entry.message not in lines:
                    lines.append(entry.message)
        status = result.status.name
        detail = " | ".join(lines[-3:]) if lines else "no detail from Apprise"
        return f"{status}: {detail}"

    def _clean(self, text: str) -> str:
        return redact(text, self._secrets)[:500]


class ConsoleSender:
    """Prints a card to the terminal with rich. Feed text is never parsed as rich markup."""

    body_format = "text"

    def __init__(self, name: str = "console", stream: IO[str] | None = None):
        from rich.console import Console

        self.name = name
        self.display = "console://"
        self._console = Console(file=stream or sys.stdout, highlight=False, soft_wrap=True)

    async def send(self, msg: Rendered) -> SendResult:
        from rich.panel import Panel
        from rich.text import Text

        high = any(a.severity == "high" for a in msg.alerts)
        style = "red" if high else ("yellow" if msg.kind.startswith("source") else "cyan")
        self._console.print(Panel(Text(msg.body.rstrip()), title=Text(msg.title),
                                  border_style=style, expand=False))
        return SendResult(True)


class JsonlSender:
    """Appends one JSON alert per line; fsync so a line we acknowledge survives power loss."""

    body_format = "text"

    def __init__(self, path: Path, name: str = "jsonl"):
        self.name = name
        self.path = path
        self.display = f"jsonl://{path}"
        self._lock = threading.Lock()

    async def send(self, msg: Rendered) -> SendResult:
        lines = []
        for a in msg.alerts:
            rec = a.to_json() | {"delivered_as": msg.kind, "rendered_title": msg.title}
            lines.append(json.dumps(rec, ensure_ascii=False) + "\n")
        try:
            await asyncio.to_thread(self._append, "".join(lines))
        except OSError as exc:
            return SendResult(False, f"jsonl write failed: {exc.strerror or exc}")
        return SendResult(True)

    def _append(self, data: str) -> None:
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())


def build_sender(route: Route) -> Sender:
    raw = route.url.get_secret_value()
    scheme = scheme_of(raw)
    if scheme == "console":
        return ConsoleSender(route.name)
    if scheme == "jsonl":
        path = raw[len("jsonl://"):]
        if not path.startswith("/"):
            raise ValueError("jsonl:// needs an absolute path, e.g. jsonl:///var/lib/monitor/alerts.jsonl")
        return JsonlSender(Path(path), route.name)
    return AppriseSender(route.url, name=route.name, timeout_seconds=route.timeout_seconds,
                         throttle_seconds=route.throttle_seconds)


def build_senders(config: NotifyConfig, *, data_dir: Path | None = None,
                  source: str = "settings", key_prefix: str = "notify") -> dict[str, Sender]:
    """One sender per enabled route; all bad URLs reported together, never echoed.
    A relative `jsonl_path` is resolved against `data_dir` (else the working directory)."""
    senders: dict[str, Sender] = {}
    problems: list[ConfigProblem] = []
    for i, route in enumerate(config.routes):
        if not route.enabled:
            continue
        try:
            senders[route.name] = build_sender(route)
        except ValueError as exc:
            raw = route.url.get_secret_value()
            msg = redact(str(exc), secret_fragments(raw))
            if not scheme_of(raw):
                msg = "not a URL (expected scheme://…)"
            elif scheme_of(raw) not in LOCAL_SCHEMES and "Apprise cannot load" in msg:
                msg = (f"Apprise does not accept this {scheme_of(raw)}:// URL (unknown scheme "
                       f"or missing/invalid parts){msg[msg.find(' ('):] if ' (' in msg else ''}")
            problems.append(ConfigProblem(source, f"{key_prefix}.routes.{i}.url", msg))
    for route in config.all_routes(data_dir)[len(config.routes):]:  # built-in sinks
        senders[route.name] = build_sender(route)
    if problems:
        raise ConfigError(problems)
    for name, s in senders.items():
        log.debug("route ready", stage="notify", route=name, url=getattr(s, "display", ""))
    return senders
