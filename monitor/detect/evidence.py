"""Per-item evidence: normalised fields, sentences and every lexicon hit, once.

Everything downstream (ISIS resolution, places, incident extraction, watchlist
rules) reads this object; nothing re-scans the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from monitor.detect.knowledge import Knowledge, Place
from monitor.models import Item
from monitor.text import Match, normalise

# Sentence ends: . ! ? ; or a newline. "u.s." is not an end (a single letter
# between dots); a dot inside digits (3.5) is not followed by a space.
_SENT_END = re.compile(r"(?<![^\W\d_]\.[^\W\d_])[.!?;]+(?=\s)|\n+")
# "دمشق - " / "BEIRUT (Reuters) -" datelines name where the desk is, not the event.
_DATELINE = re.compile(r"^\s*[^\W\d_][^\n\-–—:]{0,40}?\s[-–—:]\s")
PLACE_CUE_LEX = "place_cue"
# Before these a city name means its wider province («ريف دير الزور»، «محافظة الرقة»).
_PROVINCE_WORDS = {"ريف", "محافظه", "باديه", "ارياف", "countryside", "province", "governorate", "rural"}


@dataclass(slots=True)
class FHit:
    """A match located in a field and sentence."""

    field: str  # "title" | "body"
    start: int
    end: int
    lexicon: str
    id: str
    text: str  # the term's normalised surface form
    attrs: dict
    sent: int  # sentence number: 0 = title, 1.. = body sentences

    @property
    def place(self) -> Place | None:
        return self.attrs.get("place")


@dataclass
class Evidence:
    item: Item
    title: str  # normalised
    body: str  # normalised
    sentences: list[tuple[str, int, int]]  # (field, start, end); index = sentence number
    hits: list[FHit]
    by_lex: dict[str, list[FHit]] = field(default_factory=dict)
    dateline_end: int = 0

    def lex(self, name: str) -> list[FHit]:
        return self.by_lex.get(name, [])

    def text(self, fld: str) -> str:
        return self.title if fld == "title" else self.body

    def sentence_text(self, n: int) -> str:
        f, a, b = self.sentences[n]
        return self.text(f)[a:b]

    def in_sent(self, name: str, n: int) -> list[FHit]:
        return [h for h in self.by_lex.get(name, ()) if h.sent == n]

    def prev_word(self, h: FHit, k: int = 1) -> list[str]:
        """Up to k words before a hit, nearest last (for cue checks)."""
        t = self.text(h.field)
        return t[max(0, h.start - 14 * k):h.start].split()[-k:]


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _SENT_END.finditer(text):
        if m.start() > pos:
            out.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out or [(0, 0)]


def gather(item: Item, k: Knowledge, normalised: tuple[str, str] | None = None) -> Evidence:
    title, body = normalised or (normalise(item.title or ""), normalise(item.text or ""))
    sentences: list[tuple[str, int, int]] = [("title", 0, len(title))]
    bounds = _sentence_bounds(body)
    sentences += [("body", a, b) for a, b in bounds]
    starts = [a for a, _ in bounds]
    ev = Evidence(item, title, body, sentences, [])
    m = _DATELINE.match(item.text or "")
    if m:
        ev.dateline_end = len(normalise(m.group()))
    for fld, text in (("title", title), ("body", body)):
        if not text:
            continue
        for mt in _dedupe(k.index.find(text)):
            sent = 0 if fld == "title" else bisect_right(starts, mt.start)
            t = mt.term
            h = FHit(fld, mt.start, mt.end, t.lexicon, t.id, t.text, t.attrs, sent)
            ev.hits.append(h)
            ev.by_lex.setdefault(t.lexicon, []).append(h)
    return ev


def _dedupe(matches: list[Match]) -> list[Match]:
    """Within one lexicon family keep the longest of overlapping matches.

    «الكسار الفوقاني» beats «الكسار»; «ريف دمشق» (Rural Damascus) beats «دمشق».
    Different lexicons may overlap freely (a place inside a border phrase).
    """
    matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Match] = []
    last_end: dict[str, int] = {}
    for m in matches:
        fam = m.term.lexicon
        if m.start < last_end.get(fam, -1):
            # overlapped by a longer/earlier match of the same family
            prev = next((o for o in reversed(out) if o.term.lexicon == fam), None)
            if prev is not None and (prev.start, prev.end) == (m.start, m.end) and prev.term.id != m.term.id:
                out.append(m)  # same span, different entry: keep both (rare synonyms)
            continue
        out.append(m)
        last_end[fam] = m.end
    return out


def is_province_context(ev: Evidence, h: FHit) -> bool:
    return any(w in _PROVINCE_WORDS for w in ev.prev_word(h, 1))
