"""Shared check for the tables of detection cases (title, body, expected (type, governorate) or None)."""

from datetime import UTC, datetime

from monitor.detect import Detector
from monitor.models import Item

PUBLISHED = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)  # a Thursday


def assert_case(det: Detector, title: str, body: str, expected: tuple[str, str | None] | None) -> None:
    """None: no concrete incident in Syria; else the incident's (type, governorate)."""
    a = det.analyse(Item("t", "1", "", title, body, PUBLISHED))
    inc = a.incident.incident
    if expected is None:
        assert inc is None or not a.facts["concrete_incident"], inc
        return
    assert inc is not None, a.incident.why_not
    assert a.facts["concrete_incident"], a.why_not.get("concrete_incident")
    assert (inc.type, inc.governorate) == expected
