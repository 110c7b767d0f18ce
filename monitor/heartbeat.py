"""The daemon's last successful cycle, for `monitor healthcheck` (Docker HEALTHCHECK).

A small JSON file written atomically (temp file, fsync, os.replace — rss2email's
way) so the healthcheck needs neither the database nor the daemon's process.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FILE_NAME = "heartbeat.json"


def write_heartbeat(data_dir: Path, **fields: Any) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    payload = {"last_cycle_at": datetime.now(UTC).isoformat(), "pid": os.getpid(), **fields}
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".heartbeat.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, data_dir / FILE_NAME)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_heartbeat(data_dir: Path, max_age_seconds: float,
                    now: datetime | None = None) -> tuple[bool, str]:
    """(healthy, reason). Healthy when a cycle completed within max_age_seconds."""
    path = data_dir / FILE_NAME
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        last = datetime.fromisoformat(payload["last_cycle_at"])
    except FileNotFoundError:
        return False, f"no heartbeat yet at {path}"
    except (ValueError, KeyError, TypeError) as exc:
        return False, f"unreadable heartbeat {path}: {exc}"
    age = ((now or datetime.now(UTC)) - last).total_seconds()
    if age > max_age_seconds:
        return False, f"last successful cycle {age:.0f}s ago (limit {max_age_seconds:.0f}s)"
    return True, f"last successful cycle {age:.0f}s ago"
