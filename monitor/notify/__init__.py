"""Alert delivery: config models, rendering, senders, and the outbox-driven delivery loop.

Pipeline → `Outbox.enqueue` (same transaction as the dedupe decision) →
`Delivery.run_once` → `Sender.send` per route. See monitor/outbox.py for the
delivery guarantee.
"""

from monitor.notify.config import (
    NotifyConfig,
    QuietHours,
    RateLimit,
    RetryConfig,
    Route,
    SeverityRule,
    SourceHealthConfig,
)
from monitor.notify.delivery import Delivery, DeliveryStats
from monitor.notify.render import Rendered, Renderer
from monitor.notify.senders import (
    AppriseSender,
    ConsoleSender,
    JsonlSender,
    Sender,
    SendResult,
    build_senders,
)

__all__ = [
    "AppriseSender", "ConsoleSender", "Delivery", "DeliveryStats", "JsonlSender", "NotifyConfig",
    "QuietHours", "RateLimit", "Rendered", "Renderer", "RetryConfig", "Route", "SendResult",
    "Sender", "SeverityRule", "SourceHealthConfig", "build_senders",
]
