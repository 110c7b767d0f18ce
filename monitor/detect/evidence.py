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

# Sentence ends: a run of . ! ? ; followed by white space, or a run of newlines.
# "u.s." is not an end (a single letter between dots); a dot inside digits (3.5)
# is not followed by a space. Runs are found by one character class (the regex
# engine skips ahead to them); the two conditions are checked in Python per run,
# which measured ~4x faster than a lookbehind/alternation pattern on 5 KB.
_END_RUN = re.compile(r"[.!?;\n][.!?;\n]*")
# "دمشق - " / "BEIRUT (Reuters) -" / «دمشق: «الشرق الأوسط»» datelines name where the desk
# is, not the event (a colon may follow the word directly; also "[Idlib]" and Xinhua's "--").
_DATELINE = re.compile(r"^\s*(?:[^\W\d_][^\n\-–—:]{0,40}?(?:\s[-–—:]{1,3}|:)\s|\[[^\]\n]{1,40}\])")
_NO_LEXICONS: frozenset[str] = frozenset()
# Before these a city name means its wider province («ريف دير الزور»، «محافظة الرقة»).
_PROVINCE_WORDS = {"ريف", "محافظه", "باديه", "ارياف", "countryside", "province", "governorate", "rural"}
_PROVINCE_AFTER = {"countryside", "province", "governorate", "desert", "badia", "countryside's", "province's"}


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
    _by_sent: dict[tuple[str, int], list[FHit]] | None = field(default=None, repr=False)
    _lex_sets: dict[int, set[str]] | None = field(default=None, repr=False)

    def lex(self, name: str) -> list[FHit]:
        return self.by_lex.get(name, [])

    def text(self, fld: str) -> str:
        return self.title if fld == "title" else self.body

    def sentence_text(self, n: int) -> str:
        f, a, b = self.sentences[n]
        return self.text(f)[a:b]

    def in_sent(self, name: str, n: int) -> list[FHit]:
        if self._by_sent is None:  # built once, on first use: extraction asks ~100 times
            idx: dict[tuple[str, int], list[FHit]] = {}
            for h in self.hits:
                idx.setdefault((h.lexicon, h.sent), []).append(h)
            self._by_sent = idx
        return self._by_sent.get((name, n), [])

    def lexicons_in(self, n: int) -> set[str]:
        """The lexicons with a hit in sentence n (one lookup instead of an in_sent per lexicon)."""
        if self._lex_sets is None:
            if self._by_sent is None:
                self.in_sent("", 0)  # builds the index
            sets: dict[int, set[str]] = {}
            for lex, s in self._by_sent:  # type: ignore[union-attr]
                sets.setdefault(s, set()).add(lex)
            self._lex_sets = sets
        return self._lex_sets.get(n, _NO_LEXICONS)

    def prev_word(self, h: FHit, k: int = 1) -> list[str]:
        """Up to k words before a hit, nearest last (for cue checks)."""
        t = self.text(h.field)
        return t[max(0, h.start - 14 * k):h.start].split()[-k:]


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    out, pos, n = [], 0, len(text)
    for m in _END_RUN.finditer(text):
        a, b = m.span()
        run = m.group()
        nl = run.count("\n")
        # The usual runs ("\n", "\n\n", ".", ".\n\n": >95%) are _ends_in_run inlined.
        if nl == b - a:  # newlines only: one end
            if a > pos:
                out.append((pos, b))
            pos = b
            continue
        if nl == b - a - 1 and run[0] != "\n":  # one mark, then newlines (if any)
            # the mark ends a sentence unless it is the dot of "u.s." or has no space after it
            if not (a >= 3 and text[a - 2] == "." and _letter(text[a - 3]) and _letter(text[a - 1])) \
                    and (nl or (b < n and ((text[b].isspace() and not (run == "." and _abbreviation(text, a)))
                                           or (run == "." and _glued_arabic(text, a, b))))):
                if a > pos:
                    out.append((pos, a + 1))
                pos = a + 1
            if nl:
                if a + 1 > pos:
                    out.append((pos, b))
                pos = b
            continue
        for ea, eb in _ends_in_run(text, run, a, b, n):
            if ea > pos:
                out.append((pos, eb))
            pos = eb
    if pos < n:
        out.append((pos, n))
    return out or [(0, 0)]


def _ends_in_run(text: str, run: str, a: int, b: int, n: int) -> list[tuple[int, int]]:
    """Sentence ends inside one run of punctuation/newlines, as spans."""
    if run == "\n" or (run[0] == "\n" and run.count("\n") == len(run)):
        return [(a, b)]
    out = []
    i = a
    while i < b:
        j = i
        if text[i] == "\n":
            while j < b and text[j] == "\n":
                j += 1
            out.append((i, j))
        else:
            while j < b and text[j] != "\n":
                j += 1
            s = i
            # "u.s." : letter . letter before the run is an abbreviation, not an end
            if s >= 3 and text[s - 2] == "." and _letter(text[s - 3]) and _letter(text[s - 1]):
                s += 1
            if s < j and j < n and ((text[j].isspace() and not (
                    j - i == 1 and text[i] == "." and text[j] != "\n" and _abbreviation(text, i)))
                    or (j - i == 1 and text[i] == "." and _glued_arabic(text, i, j))):
                out.append((s, j))
        i = j
    return out


# A dot after these (then a space) abbreviates, it does not end a sentence:
# "from Jan. 27 through Feb. 2", "Gen. Smith".
_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                            "gen", "lt", "col", "maj", "sgt", "capt", "mr", "mrs", "dr"})


_ABBREVIATION_ENDS = frozenset(w[-1] for w in _ABBREVIATIONS)


def _abbreviation(text: str, dot: int) -> bool:
    if dot == 0 or text[dot - 1] not in _ABBREVIATION_ENDS:  # the usual case: rejected at once
        return False
    k = dot
    while k > 0 and dot - k < 5 and text[k - 1].isalpha():
        k -= 1
    return text[k:dot] in _ABBREVIATIONS and (k == 0 or not text[k - 1].isalnum())


def _glued_arabic(text: str, dot: int, after: int) -> bool:
    """«وقضت على اثنين آخرين.وقالت»: scraped Arabic often drops the space after a full stop.

    Between Arabic words (two letters before it, one after) the dot still ends the sentence.
    """
    return dot >= 2 and after < len(text) and _arabic_letter(text[after]) \
        and _arabic_letter(text[dot - 1]) and _arabic_letter(text[dot - 2])


def _arabic_letter(c: str) -> bool:
    return "\u0621" <= c <= "\u064a"


def _letter(c: str) -> bool:
    return c.isalnum() and not c.isdecimal()


# «اقرأ أيضا: ...», "Read also": links to other stories inside the article text. The line
# (and, when the cue stands alone, the linked headline on the next line) is not this story.
_READ_ALSO = ("اقرا ايضا", "اقرا كذلك", "اقرا المزيد", "read also", "read more", "see also", "related")
_READ_ALSO_TAIL = frozenset({"", ":", "-"})


def _blank_read_also(body: str, bounds: list[tuple[int, int]]) -> str:
    """Blank (same length: offsets still map to the original) the sentences that are links.

    Checked per sentence start with `str.startswith` (a scan of the whole 5 KB body for each
    cue cost ~20 µs an item)."""
    spans: list[tuple[int, int]] = []
    for j, (a, b) in enumerate(bounds):
        k = a
        while k < b and body[k] in " \t\n":
            k += 1
        if not body.startswith(_READ_ALSO, k):
            continue
        cue = next(c for c in _READ_ALSO if body.startswith(c, k))
        rest = body[k + len(cue):b].strip()
        if rest and rest[0] not in ":-":
            continue  # "Related to the attack, ...": a sentence, not a link
        spans.append((a, b))
        if rest in _READ_ALSO_TAIL and j + 1 < len(bounds):
            spans.append(bounds[j + 1])  # the cue alone: the link is the next line
    if not spans:
        return body
    chars = list(body)
    for a, b in spans:
        for i in range(a, b):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


_NOT_IN_DATELINE = frozenset({"في", "in", "on", "at"})


def _is_dateline(s: str) -> bool:
    """A dateline is a place, maybe a date and an agency: "دمشق -", "QAMISHLI, Syria,
    Dec 20 (Reuters) -". A Telegram post's own headline before a colon («توترات في
    مدينة الحسكة السورية:») says where with "in": it is news, its place the event's."""
    words = s.split()
    return len(words) <= 8 and not _NOT_IN_DATELINE.intersection(words)


def gather(item: Item, k: Knowledge, normalised: tuple[str, str] | None = None) -> Evidence:
    title, body = normalised or (normalise(item.title or ""), normalise(item.text or ""))
    bounds = _sentence_bounds(body)
    body = _blank_read_also(body, bounds)
    sentences: list[tuple[str, int, int]] = [("title", 0, len(title))]
    sentences += [("body", a, b) for a, b in bounds]
    starts = [a for a, _ in bounds]
    ev = Evidence(item, title, body, sentences, [])
    raw = item.text or ""
    m = _DATELINE.match(raw)
    if m and _is_dateline(m.group()):
        end = m.end()
        eol = raw.find("\n", end)
        if eol != -1 and len(raw[end:eol].split()) <= 3:
            end = eol  # a byline line, "outlet – city" («أخبار عربية – دمشق»): all of it
        ev.dateline_end = len(normalise(raw[:end]))
    hits, by_lex = ev.hits, ev.by_lex
    for fld, text in (("title", title), ("body", body)):
        if not text:
            continue
        in_title = fld == "title"
        for start, end, t in _dedupe(k.index.find(text)):
            lex = t.lexicon
            sent = 0 if in_title else bisect_right(starts, start)
            h = FHit(fld, start, end, lex, t.id, t.text, t.attrs, sent)
            hits.append(h)
            lst = by_lex.get(lex)
            if lst is None:
                by_lex[lex] = [h]
            else:
                lst.append(h)
    return ev


def _dedupe(matches: list[Match]) -> list[Match]:
    """Within one lexicon family keep the longest of overlapping matches.

    «الكسار الفوقاني» beats «الكسار»; «ريف دمشق» (Rural Damascus) beats «دمشق».
    Different lexicons may overlap freely (a place inside a border phrase).
    `matches` must be in `TermIndex.find` order: by start, longer first, which
    also makes the first match of a span the longest.
    """
    out: list[Match] = []
    add = out.append
    last_end: dict[str, int] = {}  # family -> end of its last match kept by length
    last_at: dict[str, int] = {}  # family -> index in `out` of its last match
    for m in matches:
        start, end, term = m
        fam = term.lexicon
        if fam == "place_foreign":  # Syrian and foreign places compete for the same words
            fam = "place_sy"
        if start < last_end.get(fam, -1):
            # overlapped by a longer/earlier match of the same family
            prev = out[last_at[fam]]
            if prev[0] == start and prev[1] == end and prev[2].id != term.id:
                # Same word, two readings: «لبنان» is Lebanon, not ل + «بنان» (a village
                # near al-Safira). The reading that uses more of the word as the name wins;
                # equal ones are both kept (rare synonyms).
                if len(term.text) > len(prev[2].text):
                    out[out.index(prev)] = m
                elif len(term.text) == len(prev[2].text):
                    last_at[fam] = len(out)
                    add(m)
            continue
        last_at[fam] = len(out)
        add(m)
        last_end[fam] = end
    return out


def is_province_context(ev: Evidence, h: FHit) -> bool:
    # == any(w in _PROVINCE_WORDS for w in ev.prev_word(h, 1)), inlined (called per place hit)
    text = ev.title if h.field == "title" else ev.body
    prev = text[max(0, h.start - 14):h.start].split()[-1:]
    if prev and prev[0] in _PROVINCE_WORDS:
        return True
    if h.text[:1] >= "\u0600":
        return False
    # English puts the word after the name: "Homs desert", "Deir ez-Zor countryside"
    nxt = text[h.end:h.end + 16].split()[:1]
    return bool(nxt) and nxt[0] in _PROVINCE_AFTER
