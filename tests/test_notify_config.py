"""Config models: validation, routing by tags/severity, quiet hours, severity rule."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import SecretStr, ValidationError

from monitor.models import Incident
from monitor.notify.config import NotifyConfig, QuietHours, RateLimit, Route, SeverityRule


def route(name, tags, **kw):
    return Route(name=name, url=SecretStr("json://127.0.0.1/x"), tags=tags, **kw)


def test_routes_for_matches_tags_enabled_and_severity(tmp_path):
    cfg = NotifyConfig(jsonl_path=tmp_path / "a.jsonl", routes=[
        route("slack", ["isis"]), route("mail", ["isis", "context"]),
        route("off", ["isis"], enabled=False), route("pager", ["isis"], min_severity="high")])
    assert cfg.routes_for(["isis"]) == ["slack", "mail", "console", "jsonl"]
    assert cfg.routes_for(["context"], "high") == ["mail", "console", "jsonl"]
    assert "pager" in cfg.routes_for(["isis"], "high")
    assert [r.name for r in NotifyConfig(console=False).all_routes()] == []


def test_config_rejects_typos_duplicates_and_bad_values():
    with pytest.raises(ValidationError):
        NotifyConfig(routes=[route("a", []), route("a", [])])
    with pytest.raises(ValidationError):
        NotifyConfig(routes=[route("console", [])])  # clashes with the built-in sink
    with pytest.raises(ValidationError):
        Route(name="x", url=SecretStr("json://h"), tag=["oops"])
    with pytest.raises(ValidationError):
        QuietHours(start="25:00", end="07:00")
    with pytest.raises(ValidationError):
        QuietHours(start="22:00", end="07:00", timezone="Mars/Olympus")
    with pytest.raises(ValidationError):
        SeverityRule(high_types=["picnic"])


def test_secret_url_is_not_in_repr_or_dump():
    r = Route(name="s", url=SecretStr("slack://T000/B000/tokentokentoken"))
    assert "tokentoken" not in repr(r) and "tokentoken" not in r.model_dump_json()


@pytest.mark.parametrize("utc,active", [
    ("2026-11-21T18:59:00", False),  # 21:59 Damascus (UTC+3)
    ("2026-11-21T19:00:00", True),   # 22:00
    ("2026-11-22T01:00:00", True),   # 04:00
    ("2026-11-22T03:59:00", True),   # 06:59
    ("2026-11-22T04:00:00", False),  # 07:00
])
def test_quiet_hours_span_midnight_in_local_time(utc, active):
    q = QuietHours(start="22:00", end="07:00", timezone="Asia/Damascus")
    now = datetime.fromisoformat(utc).replace(tzinfo=UTC)
    assert q.active(now) is active


def test_quiet_hours_end_is_the_next_local_end():
    q = QuietHours(start="22:00", end="07:00", timezone="Asia/Damascus")
    before_midnight = datetime(2026, 11, 21, 20, 0, tzinfo=UTC)
    after_midnight = datetime(2026, 11, 22, 1, 0, tzinfo=UTC)
    want = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)
    assert q.ends_after(before_midnight) == want == q.ends_after(after_midnight)
    day = QuietHours(start="13:00", end="14:00", timezone="UTC")
    assert day.active(datetime(2026, 1, 1, 13, 30, tzinfo=UTC))
    assert not day.active(datetime(2026, 1, 1, 14, 0, tzinfo=UTC))


def test_rate_limit_windows_are_fixed_and_aligned():
    rl = RateLimit(max_alerts=3, window_seconds=3600)
    start, end = rl.window_bounds(datetime(2026, 1, 1, 10, 59, 59, tzinfo=UTC))
    assert (start.hour, end.hour) == (10, 11)


@pytest.mark.parametrize("inc,want", [
    (None, "normal"),
    (Incident(type="arrest"), "normal"),
    (Incident(type="ied"), "high"),
    (Incident(type="escape"), "high"),
    (Incident(type="clash", killed=3, injured=1), "normal"),
    (Incident(type="clash", killed=3, injured=2), "high"),
])
def test_severity_rule(inc, want):
    assert SeverityRule(high_casualties=5).classify(inc) == want
