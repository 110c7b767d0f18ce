"""The fast paths of matching, normalisation and evidence equal their plain reference versions.

Each speed-up in monitor/text and monitor/detect/evidence replaced a simple
formulation with a faster one that must give the same result; the simple one is
kept here (or in the module, for `_scan`) and compared on the corpus and on
random strings built from the characters the rules care about.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

from monitor.detect import Detector, evidence
from monitor.models import Item
from monitor.text import matcher, normalise

# `monitor.text.normalise` is also the name of the function re-exported by the package.
N = sys.modules["monitor.text.normalise"]
REPO = Path(__file__).resolve().parents[1]

TRICKY = [
    "'afrin x'afrin izra'. izra's ريف،دمشق ريف دمشق ريف\nدمشق ريف  دمشق",
    "بالرقة_ داعش_ _داعش (داعش) «داعش» داعش. داعش،والرقة",
    "دير الزور دير الزورية والدير الزور لبنان بنان ولبنان",
    "ISIS isis's isis-linked islamic states the islamic state's",
    "😀داعش😀 𝐀داعش داعش𝐀 \ud800داعش",
    "", " ", "داعش", "دا", "الرقة",
    "في هـ ـجـ ـوم لـ “الـ ـتـ ـنـ ـظـ ـيـ ـم”.. IS*IS Gu**nman a * b x* *y",
]


@pytest.fixture(scope="module")
def det() -> Detector:
    return Detector.load(REPO / "config" / "watchlists")


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = list(TRICKY)
    for f in sorted((REPO / "fixtures" / "seeds").glob("*.txt")):
        out.append(f.read_text(encoding="utf-8"))
    from monitor.replay import load_items

    for f in sorted(REPO.glob("fixtures/*/*.xml")):
        for it in load_items([f]).items:
            out += [it.title, it.text]
    return [normalise(t) for t in out]


def _span_sorted(ms: list[matcher.Match]) -> list[matcher.Match]:
    return sorted(ms, key=lambda m: (m.start, -m.end))  # stable


def test_find_equals_stem_by_stem_scan(det: Detector, texts: list[str]) -> None:
    """Whole-word automaton == the old prefix+stem automaton with per-hit boundary checks."""
    for ix in (det.k.index, det.k.gate):
        ix.compile()
        reference = matcher._stem_automaton(ix._expanded())
        for t in texts:
            assert ix.find(t) == _span_sorted(matcher._scan(reference, t)), t[:80]


def test_find_with_only_punctuated_terms() -> None:
    ix = matcher.TermIndex()
    ix.add("'afrin", "place", "afrin", name=True)
    assert [(m.start, m.end) for m in ix.find("in 'afrin today, x'afrin")] == [(3, 9)]
    assert ix.find("afrin") == []


_NON_ALNUM = re.compile(r"[^\w ]|_")  # re's \w is str.isalnum plus "_"


def test_spaced_equals_regex() -> None:
    rnd = random.Random(3)
    alphabet = "ab ,.\n_-'؛،«»" + "داعش" + "\u200f\u200b\ufeff\u0640\u064b٣" + "😀𝐀🇸"
    cases = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(20000)]
    cases += ["".join(map(chr, range(0, 0xD800))), "".join(map(chr, range(0xE000, 0x10000))),
              "".join(map(chr, range(0x10000, 0x11000))), "\ud800a\udfff"]
    for t in cases:
        assert matcher._spaced(t) == " " + _NON_ALNUM.sub(" ", t) + " "


def _rare_fix_two_pass(s: str) -> str:
    """The original _rare_fix: splice _mixed_words, then one context rule per invisible char
    (after the gaps of spelled-apart words are taken out, the first rule)."""
    s = N._without_gaps(s)
    mixed = N._mixed_words(s)
    if mixed:
        parts, pos = [], 0
        for i in sorted(mixed):
            parts += [s[pos:i], mixed[i]]
            pos = i + 1
        parts.append(s[pos:])
        s = "".join(parts)
    n = len(s)

    def fix(m: re.Match[str]) -> str:
        i, c = m.start(), m.group()
        if c in N.QUOTES or c in N.ZW_BIDI:
            inside = 0 < i < n - 1 and s[i - 1].isalnum() and s[i + 1].isalnum()
            if c in N.QUOTES:
                return " " if inside else ""
            return "" if inside and c != "\u200b" else " "
        return N.unicodedata.normalize("NFKC", c)

    return N._INVISIBLE.sub(fix, s)


def test_rare_fix_equals_two_pass(texts: list[str]) -> None:
    rnd = random.Random(5)
    alphabet = (list("داعشsh37xbAB ـ.,\n\"«»“”abz09 _'*") + list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإىئؤة")
                + ["\u200b", "\u200f", "\u200c", "\ufeff", "\u2066", "\ufefb", "\ufdf2", "\ufe8d", "\ufb50",
                   "\u064b", "لـ", "بال", "😀"])
    cases = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30))) for _ in range(50000)]
    raw = [p.read_text(encoding="utf-8") for p in sorted((REPO / "fixtures" / "seeds").glob("*.txt"))]
    for s in cases + raw + TRICKY:
        assert N._rare_fix(s) == _rare_fix_two_pass(s), repr(s)


def _bounds_reference(text: str) -> list[tuple[int, int]]:
    """The original _sentence_bounds: every run through _ends_in_run."""
    out, pos, n = [], 0, len(text)
    for m in evidence._END_RUN.finditer(text):
        a, b = m.span()
        for ea, eb in evidence._ends_in_run(text, m.group(), a, b, n):
            if ea > pos:
                out.append((pos, eb))
            pos = eb
    if pos < n:
        out.append((pos, n))
    return out or [(0, 0)]


def test_sentence_bounds_equal_reference(texts: list[str]) -> None:
    rnd = random.Random(9)
    cases = ["".join(rnd.choice("ab.\n!?; 3.u") for _ in range(rnd.randint(0, 30))) for _ in range(50000)]
    cases += ["".join(rnd.choice(["jan", "dec", "xjan", ".", " ", "\n", "27", "a"]) for _ in range(rnd.randint(0, 12)))
              for _ in range(20000)]
    cases += ["".join(rnd.choice(["قال", "و", "ب", ".", " ", "\n", "؟", "a", "..", ".و"]) for _ in range(rnd.randint(0, 12)))
              for _ in range(20000)]
    for t in cases + texts:
        assert evidence._sentence_bounds(t) == _bounds_reference(t), repr(t)


def _dedupe_reference(matches: list[matcher.Match]) -> list[matcher.Match]:
    """The original _dedupe (sorts itself; scans back for the family's last match)."""
    def family(m: matcher.Match) -> str:
        return "place_sy" if m.term.lexicon == "place_foreign" else m.term.lexicon

    matches = sorted(matches, key=lambda m: (m.start, m.start - m.end))
    out: list[matcher.Match] = []
    last_end: dict[str, int] = {}
    for m in matches:
        fam = family(m)
        if m.start < last_end.get(fam, -1):
            prev = next((o for o in reversed(out) if family(o) == fam), None)
            if prev is not None and (prev.start, prev.end) == (m.start, m.end) and prev.term.id != m.term.id:
                if len(m.term.text) > len(prev.term.text):
                    out[out.index(prev)] = m
                elif len(m.term.text) == len(prev.term.text):
                    out.append(m)
            continue
        out.append(m)
        last_end[fam] = m.end
    return out


def test_dedupe_equals_reference(det: Detector, texts: list[str]) -> None:
    for t in texts:
        ms = det.k.index.find(t)
        assert evidence._dedupe(list(ms)) == _dedupe_reference(ms)
    T = matcher.Term
    a, b, c = T("place_sy", "a", "xx"), T("place_foreign", "b", "xx"), T("place_sy", "c", "xxx")
    same_span = [matcher.Match(0, 4, a), matcher.Match(0, 4, b), matcher.Match(0, 4, a), matcher.Match(0, 4, c)]
    assert evidence._dedupe(list(same_span)) == _dedupe_reference(same_span)


def test_detect_unchanged_by_repeat(det: Detector) -> None:
    """Evidence caches (per-sentence lexicons) do not leak between items."""
    body = (REPO / "fixtures" / "seeds").glob("*.txt")
    items = [Item("t", str(i), "", *f.read_text(encoding="utf-8").partition("\n")[::2], None)
             for i, f in enumerate(sorted(body))]
    first = [det.detect(it) for it in items]
    assert [det.detect(it) for it in reversed(items)] == first[::-1]


def test_gate_may_match_equals_substring_test(det: Detector, texts: list[str]) -> None:
    """The gate's pre-check (a stems automaton) == "some stem is a substring", and never misses a find."""
    gate = det.k.gate
    stems = list(gate._keys)
    rnd = random.Random(5)
    pieces = stems + ["ا", "ل", " ", "x", "تنظيم", "is", "دوله"]
    cases = list(texts) + ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 6))) for _ in range(3000)]
    hits = 0
    for t in cases:
        expected = any(st in t for st in stems)
        assert gate.may_match(t) is expected, t[:80]
        hits += expected
        if gate.find(t):
            assert expected, t[:80]
    assert 0 < hits < len(cases)
    assert matcher.TermIndex().may_match("داعش") is False  # no stems: nothing can match


def test_glued_arabic_full_stop_ends_a_sentence() -> None:
    text = "وقضت على اثنين اخرين.وقالت الوزارة كذا. بلغ 3.5 مليون. u.s. forces"
    assert [text[a:b].strip() for a, b in evidence._sentence_bounds(text)] == [
        "وقضت على اثنين اخرين.", "وقالت الوزارة كذا.", "بلغ 3.5 مليون.", "u.s. forces"]
