"""Helpers to run the real daemon as a subprocess against a private config dir."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
FIXTURE_FEEDS = REPO / "fixtures" / "feeds"


def write_config(root: Path, feeds: list[dict[str, Any]], *, settings: dict[str, Any] | None
                 = None) -> Path:
    """A config dir with the shipped watchlists, these feeds, data under root/data."""
    cfg = root / "config"
    (cfg / "watchlists").mkdir(parents=True, exist_ok=True)
    for wl in (REPO / "config" / "watchlists").glob("*.yaml"):
        (cfg / "watchlists" / wl.name).write_text(wl.read_text(encoding="utf-8"), encoding="utf-8")
    base: dict[str, Any] = {
        "data_dir": str(root / "data"),
        "notify": {"console": False, "jsonl_path": str(root / "data" / "alerts.jsonl")},
        "scheduler": {"default_jitter_seconds": 0, "delivery_interval_seconds": 0.5,
                      "shutdown_grace_seconds": 3},
        "logging": {"level": "INFO", "format": "json"},
    }
    for key, val in (settings or {}).items():
        if isinstance(val, dict):
            base.setdefault(key, {}).update(val)
        else:
            base[key] = val
    (cfg / "settings.yaml").write_text(yaml.safe_dump(base, allow_unicode=True), encoding="utf-8")
    (cfg / "feeds.yaml").write_text(yaml.safe_dump({"feeds": feeds}, allow_unicode=True),
                                    encoding="utf-8")
    return cfg


def alerts(root: Path) -> list[dict[str, Any]]:
    path = root / "data" / "alerts.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    e["PYTHONUNBUFFERED"] = "1"
    return e


def run_once(cfg: Path, timeout: float = 120, extra_env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor", "run", "--once", "--config", str(cfg)],
                          capture_output=True, text=True, timeout=timeout,
                          env={**env(), **(extra_env or {})})


class DaemonProcess:
    def __init__(self, cfg: Path, log_path: Path, extra_env: dict[str, str] | None = None):
        self.log_path = log_path
        self._log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "run", "--config", str(cfg)],
            stdout=self._log, stderr=subprocess.STDOUT, text=True,
            env={**env(), **(extra_env or {})})

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 60) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if predicate():
                return True
            if self.proc.poll() is not None:
                return False
            time.sleep(0.1)
        return False

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=timeout)
        finally:
            self._log.close()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=30)
        self._log.close()

    def log_lines(self) -> list[dict[str, Any]]:
        out = []
        for line in self.log_path.read_text(encoding="utf-8").splitlines():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                out.append({"raw": line})
        return out
