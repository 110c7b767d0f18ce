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
# (`\d(?<!\w\d)\d?` is `\b\d{1,2}` written to start with a character class, which lets
# the regex engine skip ahead to digits instead of trying every position.)
_DAY_MONTH = re.compile(rf"(\d(?<!\w\d)\d?) (?:من )?(?:شهر )?({_MONTH_ALT})\b(?:/\S+)?(?: (\d{{4}}))?")
_DIGIT = re.compile(r"\d")  # both date patterns need a day number
# "september 3", "jan. 27, 2026": found from the number back to the month (see _month_day).
_NUM_12 = re.compile(r"\d(?<!\w\d)\d?(?!\w)")  # \b\d{1,2}\b, starting with a character class
_YEAR_AFTER = re.compile(r",? (\d{4})")
_RELATIVE = {fold("أمس"): -1, fold("البارحة"): -1, "yesterday": -1, "last night": -1,
             fold("ليلة أمس"): -1, fold("اليوم"): 0, "today": 0, "tonight": 0, "this morning": 0,
             fold("أول أمس"): -2, fold("أول من أمس"): -2}
_PAST = (fold("الماضي"), "last", fold("المنصرم"))
# Longest phrase first («أول من أمس» before «أمس»); compiled once.
_RELATIVE_RES = [(phrase, re.compile(rf"(?<!\w)(?:[وف]?ب?)?{re.escape(phrase)}(?!\w)"), delta)
                 for phrase, delta in sorted(_RELATIVE.items(), key=lambda kv: -len(kv[0]))]


def _pub_date(published: datetime | None) -> date | None:
    return published.date() if published else None


# A dateline's day may be a day or two after the feed's timestamp (time zones, a feed that
# stamps the evening before: "CAIRO, Jan 20 (Reuters)" published 22:00 UTC on Jan 19): it is
# this year's date, not last year's.
_AHEAD = timedelta(days=2)


def explicit_date(sentence: str, published: datetime | None) -> date | None:
    """A day and month («3 من أيلول»، "Jan. 27") in a normalised sentence, as a date.

    Without a year it is the last such day on or before publication.
    """
    pub = _pub_date(published)
    if not _DIGIT.search(sentence):
        return None
    m = _DAY_MONTH.search(sentence)
    found = (m.group(1), m.group(2), m.group(3)) if m else _month_day(sentence)
    if found is None:
        return None
    a, b, year = found
    day, month = (int(a), MONTHS[b]) if a.isdigit() else (int(b), MONTHS[a])
    y = int(year) if year else (pub.year if pub else None)
    if y is None or not 1 <= day <= 31:
        return None
    try:
        d = date(y, month, day)
    except ValueError:
        return None
    if pub and not year and d > pub + _AHEAD:
        try:
            d = d.replace(year=y - 1)
        except ValueError:  # 29 February
            return None
    return d


def _word_start(s: str, end: int) -> int:
    j = end
    while j > 0 and (s[j - 1].isalnum() or s[j - 1] == "_"):
        j -= 1
    return j


def _month_ending_at(s: str, end: int) -> str | None:
    """The month name (one or two words) that ends at `end` and starts a word."""
    j = _word_start(s, end)
    if j == end:
        return None
    if j >= 2 and s[j - 1] == " ":
        j2 = _word_start(s, j - 1)
        if j2 < j - 1 and s[j2:end] in MONTHS:
            return s[j2:end]
    return s[j:end] if s[j:end] in MONTHS else None


def _month_day(s: str) -> tuple[str, str, str | None] | None:
    """(month, day, year or None) of the first "month day[, year]": a month name, an optional
    dot, one space, one or two digits. Searched from the numbers back (a regex led by an
    alternation of Arabic month names cannot skip ahead and cost ~9 µs a sentence)."""
    for m in _NUM_12.finditer(s):
        i = m.start()
        if i < 2 or s[i - 1] != " ":
            continue
        end = i - 2 if s[i - 2] == "." else i - 1
        name = _month_ending_at(s, end)
        if name is not None:
            y = _YEAR_AFTER.match(s, m.end())
            return name, m.group(), y.group(1) if y else None
    return None


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
# a year on its own: «عام 2019», "in 2019"; «منذ 2019», "since 2019" is a span reaching now
_YEAR = re.compile(r"((?:19|20)\d\d)(?<!\d\d{4})(?!\d)")
_SINCE = (fold("منذ"), "since", fold("حتى"), "until", "through", "to", fold("الى"))


# English month abbreviations and "may", which the time_anchor lexicon leaves out (see
# `dating`). A pre-check, so a superset is fine ("fan" passes): it starts with a character
# class of Latin letters, so the regex engine skips over Arabic text.
_MONTH_WORD_EN = re.compile(r"[jfasondm](?<!\w[jfasondm])(?:an|eb|pr|ug|ept?|ct|ov|ec|ay)(?!\w)")


def may_hold_month(sentence: str, month_anchor: bool) -> bool:
    """False when the sentence surely names no month (month_anchor: a month was matched in it)."""
    return month_anchor or _MONTH_WORD_EN.search(sentence) is not None


def dating(sentence: str, published: datetime | None, months: bool = True,
           own_day: bool = False) -> tuple[str | None, bool]:
    """(why the sentence tells a past event or None, whether it states a recent day).

    Past: a day and month (or a month and year, or "in March" alone) more than PAST_DAYS
    before publication, or — when the sentence has no weekday or relative day of its own
    (own_day) — a year before the publication year that is not the start of a span
    («منذ 2019», "since 2019"; «أمس ... نفذ تفجيرا في الحي نفسه عام 2018» is news).
    Recent: a day and month within PAST_DAYS ("from Jan. 27"), which anchors a report
    like a weekday does.
    """
    pub = _pub_date(published)
    if pub is None:
        return None, False
    if not _DIGIT.search(sentence):
        return (_past_month(sentence, pub) if months else None), False
    # months=False (the caller knows no month is named): the month patterns, whose
    # alternation of Arabic month names cannot skip ahead, are not run.
    d = explicit_date(sentence, published) if months else None
    if d is not None:
        days = (pub - d).days
        return (f"dated {d.isoformat()}" if days > PAST_DAYS else None), -_AHEAD.days <= days <= PAST_DAYS
    past = _past_month_or_year(sentence, pub, months, own_day) or (_past_month(sentence, pub) if months else None)
    return past, False


# "in March", «في شهر آذار», «خلال أيلول»: a month named alone (no day, no year) is the last
# such month on or before publication.
_IN_MONTH = re.compile(rf"(?:في|خلال|in|during|last) (?:شهر )?({_MONTH_ALT})\b(?!\.? \d)")  # "last december" too


# «في السابع عشر من شهر شباط/فبراير الماضي»: a month called "last" is past wherever it stands
# (an ordinal day in words before it is no number the day patterns read).
_LAST_MONTH = re.compile(rf"({_MONTH_ALT})(?:/(?:{_MONTH_ALT}))? (?:{_PAST[0]}|{_PAST[2]})\b")


def _past_month(sentence: str, pub: date) -> str | None:
    m = _IN_MONTH.search(sentence) or _LAST_MONTH.search(sentence)
    if m is None:
        return None
    month = MONTHS[m.group(1)]
    year = pub.year if month <= pub.month else pub.year - 1
    last_day = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return f"dated {year}-{month:02d}" if (pub - last_day).days > PAST_DAYS else None


def _month_year(s: str, years: list[re.Match[str]]) -> tuple[str, str] | None:
    """(month, year) of the first "september 2018", "september of 2018", "september, 2018"."""
    for y in years:
        i, e = y.start(), y.end()
        if i < 2 or s[i - 1] != " " or (e < len(s) and (s[e].isalnum() or s[e] == "_")):
            continue
        end = i - 1
        name = (_month_ending_at(s, end - 3) if s[end - 3:end] == " of" else None) \
            or (_month_ending_at(s, end - 1) if s[end - 1] == "," else None) or _month_ending_at(s, end)
        if name is not None:
            return name, y.group(1)
    return None


def _past_month_or_year(sentence: str, pub: date, months: bool, own_day: bool = False) -> str | None:
    years = list(_YEAR.finditer(sentence))
    if not years:
        return None
    m = _month_year(sentence, years) if months else None
    if m:
        month, year = MONTHS[m[0]], int(m[1])
        last_day = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return f"dated {year}-{month:02d}" if (pub - last_day).days > PAST_DAYS else None
    if own_day:
        return None
    for y in years:
        year = int(y.group(1))
        if not (1990 <= year < pub.year):
            continue
        before = sentence[max(0, y.start() - 12):y.start()].split()[-2:]
        if any(w in _SINCE or w[1:] in _SINCE for w in before):
            continue
        return f"dated {year}"
    return None
