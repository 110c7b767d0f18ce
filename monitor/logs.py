"""Structured logging: one line per decision with stable keys (feed, item, stage, decision).

structlog renders either for humans (console) or for log shippers (json).
Secrets never reach here: callers log feed *names* and redacted URLs only.
"""

from __future__ import annotations

import logging
import sys

import structlog


class _CurrentStderr:
    """Writes to whatever sys.stderr is *now*: test runners and daemonisers swap it,
    and a logger holding the old, closed stream would crash the caller."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def configure_logging(level: str = "INFO", fmt: str = "console") -> None:
    renderer: structlog.typing.Processor
    if fmt == "json":
        renderer = structlog.processors.JSONRenderer(ensure_ascii=False)
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(getattr(logging, level)),
        logger_factory=structlog.PrintLoggerFactory(file=_CurrentStderr()),  # type: ignore[arg-type]
        cache_logger_on_first_use=False,
    )
    # Libraries that use stdlib logging (apprise, apscheduler) go to stderr too.
    logging.basicConfig(level=getattr(logging, level), stream=_CurrentStderr(),  # type: ignore[arg-type]
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, getattr(logging, level)))
    logging.getLogger("httpx").setLevel(logging.WARNING)


def get_logger(name: str = "monitor") -> structlog.typing.FilteringBoundLogger:
    return structlog.get_logger(name)
