"""Incident dates relative to the item's published date."""

from datetime import UTC, date, datetime

import pytest

from monitor.detect.dates import resolve
from monitor.text import normalise

PUB = datetime(2025, 12, 18, 9, 0, tzinfo=UTC)  # Thursday

CASES = {
    "weekday before publication": ("نفذت القوات، الثلاثاء، عملية", date(2025, 12, 16)),
    "same weekday is today": ("هجوم يوم الخميس", date(2025, 12, 18)),
    "last saturday": ("الهجوم السبت الماضي", date(2025, 12, 13)),
    "yesterday": ("قتل أمس عنصران", date(2025, 12, 17)),
    "levantine month": ("في 29 من آب الماضي هرب", date(2025, 8, 29)),
    "double month name": ("في 19 سبتمبر/أيلول الماضي", date(2025, 9, 19)),
    "future day+month means last year": ("في 25 كانون الأول", date(2024, 12, 25)),
    "english weekday": ("on Tuesday the coalition said", date(2025, 12, 16)),
    "english date": ("on 3 September 2024", date(2024, 9, 3)),
    "nothing": ("قال التقرير إن التنظيم نشط", None),
}


@pytest.mark.parametrize("text,expected", CASES.values(), ids=CASES.keys())
def test_resolve(text, expected):
    assert resolve(normalise(text), PUB) == expected


def test_no_published_date_needs_explicit_year():
    assert resolve(normalise("الثلاثاء"), None) is None
    assert resolve(normalise("3 september 2024"), None) == date(2024, 9, 3)
