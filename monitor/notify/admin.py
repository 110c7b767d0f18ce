"""Functions behind the outbox CLI verbs (the lead wires them into typer).

One function per verb, each returning data; rendering is separate so the CLI
can print a rich table or JSON.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from monitor.models import Alert, Incident
from monitor.notify.render import Renderer
from monitor.notify.senders import Sender
from monitor.outbox import Outbox, OutboxRow


def list_alerts(outbox: Outbox, status: str | None = None, limit: int = 200) -> list[OutboxRow]:
    """Outbox rows, newest first, optionally only one status (pending/sending/sent/dead/held)."""
    return outbox.list(status, limit)


def alerts_table(rows: Sequence[OutboxRow]) -> Any:
    """A rich Table of outbox rows; feed text goes in as Text, never as markup."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"outbox ({len(rows)} rows)")
    for col in ("id", "status", "route", "attempts", "next attempt / sent", "title", "last error"):
        table.add_column(col, overflow="fold")
    for r in rows:
        when = r.sent_at if r.status == "sent" else r.next_attempt_at
        table.add_row(str(r.id), r.status, Text(r.route), str(r.attempts),
                      when.strftime("%Y-%m-%d %H:%M:%S") if when else "",
                      Text(r.alert.title[:80]), Text((r.last_error or "")[:120]))
    return table


def render_alerts(console: Any, rows: Sequence[OutboxRow]) -> None:
    """Print `alerts_table(rows)` on a rich Console."""
    console.print(alerts_table(rows))


def retry_alerts(outbox: Outbox, ids: Sequence[int] | None = None,
                 now: datetime | None = None) -> int:
    """Requeue dead rows (`ids=None`: every dead row). Returns how many were requeued."""
    return outbox.retry(ids, now or datetime.now(UTC))


def purge_alerts(outbox: Outbox, status: str, older_than: datetime | float,
                 now: datetime | None = None) -> int:
    """Delete sent or dead rows finished before `older_than` (a datetime, or an age
    in days). Returns how many."""
    if not isinstance(older_than, datetime):
        older_than = (now or datetime.now(UTC)) - timedelta(days=float(older_than))
    return outbox.purge(status, older_than)


def sample_alert(now: datetime | None = None) -> Alert:
    """A realistic alert (Arabic headline, Deir ez-Zor IED) for test-alert and template checks."""
    now = now or datetime.now(UTC)
    return Alert(
        id=f"test-{now.strftime('%Y%m%dT%H%M%S')}", kind="alert", watchlist="test",
        tags=("test",), title="انفجار عبوة ناسفة بسيارة عسكرية في ريف دير الزور الشرقي",
        link="https://example.org/news/deir-ez-zor-ied", source="Example News",
        feed="example", published=now.isoformat(), first_seen=now.isoformat(),
        event_id="test-event", severity="high",
        incident=Incident(type="ied", place="Al-Busayrah", governorate="Deir ez-Zor",
                          actors=("ISIS",), killed=2, injured=3),
        terms=("عبوة ناسفة", "داعش", "دير الزور"), other_sources=("Other Outlet",),
        summary="هذا تنبيه تجريبي من monitor — this is a test alert.",
        reasons=("test alert sent by `monitor test-alert`",),
    )


async def send_test_alert(senders: Mapping[str, Sender], route_name: str,
                          renderer: Renderer | None = None) -> tuple[bool, str | None]:
    """Render the sample alert and send it straight to one route (bypassing the outbox)."""
    sender = senders.get(route_name)
    if sender is None:
        known = ", ".join(sorted(senders)) or "none"
        return False, f"no enabled route named {route_name!r} (known: {known})"
    msg = (renderer or Renderer()).render([sample_alert()], sender.body_format, route=route_name)
    result = await sender.send(msg)
    return result.ok, result.reason
