"""Resolve the incident date from time expressions relative to the item's date.

News states dates as a weekday («الثلاثاء»، "on Tuesday"), a relative day («أمس»،
«اليوم»، "yesterday") or day + month («3 من أيلول»، «19 سبتمبر/أيلول»، "3 September").
A weekday means the most recent such day on or before publication («السبت الماضي»
/ "last Saturday": strictly before). Without a published date only explicit
day+month+year can be resolved.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from monitor.text.matcher import fold

_WEEKDAYS = {
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
_MONTHS_RAW = {
    1: ["كانون الثاني", "يناير", "january", "jan"], 2: ["شباط", "فبراير", "february", "feb"],
    3: ["آذار", "مارس", "march"], 4: ["نيسان", "أبريل", "ابريل", "april", "apr"],
    5: ["أيار", "مايو", "may"], 6: ["حزيران", "يونيو", "june"], 7: ["تموز", "يوليو", "july"],
    8: ["آب", "أغسطس", "august", "aug"], 9: ["أيلول", "سبتمبر", "september", "sept", "sep"],
    10: ["تشرين الأول", "أكتوبر", "october", "oct"], 11: ["تشرين الثاني", "نوفمبر", "november", "nov"],
    12: ["كانون الأول", "ديسمبر", "december", "dec"],
}
MONTHS = {fold(n): m for m, names in _MONTHS_RAW.items() for n in names}
_MONTH_ALT = "|".join(sorted((re.escape(n) for n in MONTHS), key=len, reverse=True))
# "3 من ايلول", "19 سبتمبر/ايلول 2024", "3 september", "september 3"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}}) (?:من )?(?:شهر )?({_MONTH_ALT})\b(?:/\S+)?(?: (\d{{4}}))?")
_DIGIT = re.compile(r"\d")  # both date patterns need a day number
_MONTH_DAY = re.compile(rf"\b({_MONTH_ALT})\.? (\d{{1,2}})\b(?:,? (\d{{4}}))?")  # "jan. 27" too
_RELATIVE = {fold("أمس"): -1, fold("البارحة"): -1, "yesterday": -1, "last night": -1,
             fold("ليلة أمس"): -1, fold("اليوم"): 0, "today": 0, "tonight": 0, "this morning": 0,
             fold("أول أمس"): -2, fold("أول من أمس"): -2}
_PAST = (fold("الماضي"), "last", fold("المنصرم"))
# Longest phrase first («أول من أمس» before «أمس»); compiled once.
_RELATIVE_RES = [(phrase, re.compile(rf"(?<!\w)(?:[وف]?ب?)?{re.escape(phrase)}(?!\w)"), delta)
                 for phrase, delta in sorted(_RELATIVE.items(), key=lambda kv: -len(kv[0]))]


def _pub_date(published: datetime | None) -> date | None:
    return published.date() if published else None


def explicit_date(sentence: str, published: datetime | None) -> date | None:
    """A day and month («3 من أيلول»، "Jan. 27") in a normalised sentence, as a date.

    Without a year it is the last such day on or before publication.
    """
    pub = _pub_date(published)
    m = (_DAY_MONTH.search(sentence) or _MONTH_DAY.search(sentence)) if _DIGIT.search(sentence) else None
    if m is None:
        return None
    a, b, year = m.group(1), m.group(2), m.group(3)
    day, month = (int(a), MONTHS[b]) if a.isdigit() else (int(b), MONTHS[a])
    y = int(year) if year else (pub.year if pub else None)
    if y is None or not 1 <= day <= 31:
        return None
    try:
        d = date(y, month, day)
    except ValueError:
        return None
    if pub and not year and d > pub:
        try:
            d = d.replace(year=y - 1)
        except ValueError:  # 29 February
            return None
    return d


def resolve(sentence: str, published: datetime | None) -> date | None:
    """The first resolvable date expression in a normalised sentence."""
    d = explicit_date(sentence, published)
    if d is not None:
        return d
    pub = _pub_date(published)
    if pub is None:
        return None
    for phrase, rx, delta in _RELATIVE_RES:
        if phrase in sentence and rx.search(sentence):
            return pub + timedelta(days=delta)
    for w in re.findall(r"[^\W_]+", sentence):
        for form in (w, w[1:] if w[:1] in "وبف" else w):
            if form in _WEEKDAYS:
                back = (pub.weekday() - _WEEKDAYS[form]) % 7
                after = sentence[sentence.find(w) + len(w):][:12]
                if back == 0 and any(p in after for p in _PAST):
                    back = 7
                return pub - timedelta(days=back)
    return None


# A news report of a new incident dates it by a weekday or a recent day; a stated date
# well before publication is a past event retold (analysis, tallies, anniversaries,
# trials: «الهجوم الذي جرى في 19 أبريل 2024», "she fled Syria in September of 2018").
PAST_DAYS = 10
# "in September 2018", "September of 2018", «في ديسمبر 2025», «خلال آذار 2019»
_MONTH_YEAR = re.compile(rf"\b({_MONTH_ALT})(?: of|,)? ((?:19|20)\d\d)\b")
# a year on its own: «عام 2019», "in 2019"; «منذ 2019», "since 2019" is a span reaching now
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_SINCE = (fold("منذ"), "since", fold("حتى"), "until", "through", "to", fold("الى"))


def recent_date(sentence: str, published: datetime | None) -> bool:
    """The sentence states a day and month within PAST_DAYS before publication ("from Jan. 27")."""
    d = explicit_date(sentence, published)
    pub = _pub_date(published)
    return d is not None and pub is not None and 0 <= (pub - d).days <= PAST_DAYS


def past_reference(sentence: str, published: datetime | None) -> str | None:
    """Why a normalised sentence tells a past event, or None.

    A day and month (or a month and year) more than PAST_DAYS before publication, or,
    when the sentence has no weekday or relative day of its own, a year before the
    publication year that is not the start of a span («منذ 2019», "since 2019").
    """
    pub = _pub_date(published)
    if pub is None or not _DIGIT.search(sentence):
        return None
    d = explicit_date(sentence, published)
    if d is not None:
        return f"dated {d.isoformat()}" if (pub - d).days > PAST_DAYS else None
    m = _MONTH_YEAR.search(sentence)
    if m:
        month, year = MONTHS[m.group(1)], int(m.group(2))
        last_day = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return f"dated {year}-{month:02d}" if (pub - last_day).days > PAST_DAYS else None
    for y in _YEAR.finditer(sentence):
        year = int(y.group(1))
        if not (1990 <= year < pub.year):
            continue
        before = sentence[max(0, y.start() - 12):y.start()].split()[-2:]
        if any(w in _SINCE or w[1:] in _SINCE for w in before):
            continue
        return f"dated {year}"
    return None
