"""Killed and injured counts of the primary incident, from its sentence and the next ones."""

from __future__ import annotations

import re

from monitor.detect.evidence import Evidence, FHit
from monitor.detect.knowledge import Knowledge
from monitor.text import read_count
from monitor.text.matcher import WORD_RE


def counts(ev: Evidence, k: Knowledge, n: int) -> tuple[int | None, int | None]:
    """Killed/injured from the primary sentence, else the next four sentences.

    Leads often say "an attack in Palmyra" and give the toll in the following
    sentences («قتلوا ... وأصيب ثلاثة جنود»).
    """
    out: list[int | None] = [None, None]
    for s in range(n, min(n + 5, len(ev.sentences))):
        if s != n and (ev.in_sent("stats_cue", s) or ev.in_sent("backref_cue", s)):
            continue  # cumulative tolls («خلال العمليات... أصيب سبعة جنود») are not this incident's
        text = ev.sentence_text(s)
        toll = toll_update(text, k)
        if toll is not None and out[toll[0]] is None:
            out[toll[0]] = toll[1]
        tokens = WORD_RE.findall(text)
        for slot, lex in ((0, "casualty_killed"), (1, "casualty_injured")):
            if out[slot] is not None:
                continue
            for h in ev.in_sent(lex, s):
                out[slot] = count_near(ev, k, tokens, h)
                if out[slot] is not None:
                    break
        if out[0] is not None and out[1] is not None:
            break
    return out[0], out[1]


# «ارتفاع حصيلة الهجوم ... إلى 4 قتلى», "death toll rises to five": an update states
# the new total after «إلى»/"to"; the numbers before it are the old toll or other facts.
_TOLL = re.compile(r"(?:حصيله|toll)(?:\W+\w+){0,16}?\W+(?:الي|to) ")
_INJURED_WORDS = ("جرحي", "جريح", "مصاب", "اصابه", "اصابات", "injur", "wound")


def toll_update(text: str, k: Knowledge) -> tuple[int, int] | None:
    """(slot, total) from a toll update: slot 0 killed, 1 injured."""
    m = _TOLL.search(text)
    if m is None:
        return None
    after = WORD_RE.findall(text[m.end():m.end() + 60])
    v, end = read_count(after, 0, k.numbers)
    if v is None:
        return None
    around = m.group() + " ".join(after[end:end + 2])
    return (1 if any(w in around for w in _INJURED_WORDS) and "قتل" not in around else 0), v


def count_near(ev: Evidence, k: Knowledge, tokens: list[str], h: FHit) -> int | None:
    _, a, _ = ev.sentences[h.sent]
    text = ev.text(h.field)
    i = len(WORD_RE.findall(text[a:h.start]))  # index of the trigger token
    j = i + len(WORD_RE.findall(text[h.start:h.end]))
    # trigger then count: «مقتل عنصرين»، "killed two soldiers", «أسفر عن مقتل 3»
    v, _ = read_count(tokens, j, k.numbers)
    if v is not None:
        return v
    # count then trigger: «3 قتلى»، «جنديين أميركيين ومترجما مدنيا قتلوا», "two soldiers were killed"
    for start in range(max(0, i - 8), i):
        v, end = read_count(tokens, start, k.numbers)
        if v is not None and i - 3 <= end <= i:
            return v
    return None
