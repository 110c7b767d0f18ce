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


def test_month_day_and_month_year_equal_their_regexes():
    """The number-first searches give what the plain month-first regexes give (leftmost match)."""
    import random
    import re

    from monitor.detect import dates

    alt = dates._MONTH_ALT
    month_day = re.compile(rf"\b({alt})\.? (\d{{1,2}})\b(?:,? (\d{{4}}))?")
    month_year = re.compile(rf"\b({alt})(?: of|,)? ((?:19|20)\d\d)\b")
    rnd = random.Random(11)
    pieces = ["jan", "jan.", "sept", "may", "تشرين الاول", "كانون", "الثاني", "ايار", "xjan", "of", ",", " ", " ",
              "27", "3", "123", "2019", "2024", "20245", "1999", "a", "_", ".", "th"]
    cases = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 9))) for _ in range(30000)]
    cases += ["on jan. 27, 2026 and", "في 3 تشرين الاول 2024", "in september of 2018", "(may 5)", "kanun"]
    months = ["jan", "september", "may", "تشرين الاول", "ايار", "كانون الثاني", "xsept"]
    for _ in range(5000):  # near-misses around the real shape "month[.] day[, year]"
        cases.append(rnd.choice(["", "x", "on ", "في ", "(", "a_"]) + rnd.choice(months) + rnd.choice(["", ".", ",", " of"])
                     + rnd.choice([" ", "  ", ""]) + rnd.choice(["27", "3", "123", "2019", "27th"])
                     + rnd.choice(["", ", 2026", " 2024", ",2024", " 20245"]) + rnd.choice(["", ".", " and", "x"]))
    day_hits = year_hits = 0
    for s in cases:
        m = month_day.search(s)
        assert dates._month_day(s) == ((m.group(1), m.group(2), m.group(3)) if m else None), repr(s)
        day_hits += m is not None
        years = list(dates._YEAR.finditer(s))
        m = month_year.search(s)
        assert dates._month_year(s, years) == ((m.group(1), m.group(2)) if m else None), repr(s)
        year_hits += m is not None
    assert day_hits > 100 and year_hits > 20  # the cases exercise both
