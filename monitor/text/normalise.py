"""Normalise Arabic and English text for matching; keep a way back to the original.

One table (`TABLE`) defines every context-free character fold. It is the single
source of truth: `_fold_fast` applies it as a chain of `str.replace` calls, which
measured ~13x faster than `str.translate` on 5 KB Arabic (CPython's translate has
no fast path for non-Latin-1 text: 205 µs vs 15 µs per item). A test asserts the
two agree on the corpus.

Context-dependent rules (decided from the ORIGINAL neighbours of a character):
- quotes between two letters become a space, otherwise vanish, so that
  «تنظيم “الدولة”» reads `تنظيم الدوله` and `"داعش"الذي` still splits;
- zero-width and bidi marks vanish inside a word (obfuscation such as دا\u200fعش)
  and become a space elsewhere (deleting them between words would join words);
  ZERO WIDTH SPACE (U+200B) is a word separator by definition: always a space;
- presentation forms (U+FB50-FDFF, U+FE70-FEFC) go through NFKC, char by char;
- Latin letters glued to an Arabic word are transliterated («داعsh» -> داعش),
  as are 3/7 inside an Arabic word (chat-alphabet ع/ح).
Those rare cases take the slow per-character path, which also yields the offset
map used by `explain` to show original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ALEFS = "أإآٱ"
_TASHKEEL = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670\u06e1\u06ea\u06eb\u06ec\u06ed"

TABLE: dict[int, str] = {}
TABLE.update({ord(c): "ا" for c in _ALEFS})
TABLE.update({ord(c): "" for c in _TASHKEEL})
TABLE.update({
    ord("ـ"): "",  # tatweel: pure elongation («داعـش»)
    ord("ؤ"): "و", ord("ئ"): "ي",  # hamza seats: spellings vary between outlets
    ord("ى"): "ي", ord("ة"): "ه",  # alef maqsura / ta marbuta written interchangeably
    ord("ک"): "ك", ord("ی"): "ي", ord("ے"): "ي",  # Persian/Urdu forms
    ord("ڤ"): "ف", ord("گ"): "ك", ord("پ"): "ب", ord("چ"): "ج",
    ord("،"): ",", ord("؛"): ";", ord("؟"): "?", ord("۔"): ".",
    ord("٪"): "%", ord("٫"): ".", ord("٬"): ",",
    ord("’"): "'", ord("‘"): "'", ord("‚"): "'", ord("′"): "'", ord("`"): "'",
    # Hyphens and dashes become spaces so "Deir ez-Zor" == "Deir ez Zor" and
    # "al-Hol" == "al Hol"; sentence splitting does not rely on dashes.
    ord("-"): " ", ord("‐"): " ", ord("‑"): " ", ord("–"): " ", ord("—"): " ",
    ord("\u00a0"): " ", ord("\t"): " ", ord("\r"): " ", ord("\u2028"): "\n",
    ord("\u2029"): "\n",
    ord("\u00ad"): "",  # soft hyphen: invisible, inside words
})
TABLE.update({0x0660 + i: str(i) for i in range(10)})  # Arabic-Indic digits
TABLE.update({0x06F0 + i: str(i) for i in range(10)})  # Extended (Persian) digits
QUOTES = "\"«»“”„‟″"
# Quotes that survived the context rule (next to a space or edge) just vanish.
TABLE.update({ord(c): "" for c in QUOTES})

_CHAIN = tuple((chr(k), v) for k, v in TABLE.items())

ZW_BIDI = ("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
           "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff\u061c")
_AR_LETTER = "\u0621-\u064a\u0671-\u06d3"
# Anything needing the slow path: invisible marks, presentation forms, and
# Latin or chat digits glued to Arabic letters.
_LATIN_AR = {
    "a": "ا", "b": "ب", "c": "ك", "d": "د", "e": "ي", "f": "ف", "g": "ج", "h": "ه",
    "i": "ي", "j": "ج", "k": "ك", "l": "ل", "m": "م", "n": "ن", "o": "و", "p": "ب",
    "q": "ق", "r": "ر", "s": "س", "t": "ت", "u": "و", "v": "ف", "w": "و", "x": "كس",
    "y": "ي", "z": "ز", "3": "ع", "7": "ح",
}
_DIGRAPHS = {"sh": "ش", "kh": "خ", "th": "ث", "gh": "غ", "dh": "ذ"}
# A bare proclitic run before a Latin word (لـCNN, بالـSDF) is not obfuscation.
_PROCLITIC_RUNS = {"ل", "ب", "و", "ف", "ك", "ال", "بال", "وال", "فال", "لل", "كال", "وب", "ول"}


def _is_ar(c: str) -> bool:
    return "\u0621" <= c <= "\u064a" or "\u0671" <= c <= "\u06d3"


def _fold_fast(s: str) -> str:
    for a, b in _CHAIN:
        if a in s:
            s = s.replace(a, b)
    return s


def fold_piece(p: str) -> str:
    """Context-free fold of a short string (used per character and for lexicon terms)."""
    return p.casefold().translate(TABLE)


def _mixed_words(s: str) -> dict[int, str]:
    """Pieces for Latin/digit chars glued to Arabic words: {index: piece}.

    A short Latin run after Arabic letters is an evasion («داعsh» -> داعش) and is
    transliterated; 3/7 between Arabic letters are chat-alphabet ع/ح. A longer run
    («iconعناصر», a layout artefact) or one after a bare proclitic («لـCNN») is a
    separate word: a space is put at the script change instead.

    Only the words around a Latin/3/7 character touching an Arabic letter are
    examined (found by one regex): scanning every word of a 5 KB text cost ~3 ms.
    """
    out: dict[int, str] = {}
    done = -1
    for hit in _MIXED.finditer(s):
        i = hit.start()
        if i < done:
            continue
        m = _WORD.search(s, _word_start(s, i))
        if m is None:
            continue
        done = m.end()
        _mixed_word(s, m.group(), m.start(), out)
    return out


def _word_start(s: str, i: int) -> int:
    while i > 0 and (s[i - 1].isalnum()):
        i -= 1
    return i


def _mixed_word(s: str, w: str, base: int, out: dict[int, str]) -> None:
    runs = [(r.start(), r.end(), _is_ar(r.group()[0]) or r.group()[0] == "ـ")
            for r in _RUNS.finditer(w)]
    if len(runs) < 2:
        return
    for k, (a, b, ar) in enumerate(runs):
        if ar:
            continue
        prev_ar = w[runs[k - 1][0]:runs[k - 1][1]].replace("ـ", "") if k > 0 else ""
        nxt = runs[k + 1] if k + 1 < len(runs) else None
        run = w[a:b].lower()
        if run.isdigit():
            if prev_ar and nxt and set(run) <= {"3", "7"}:
                for i, c in enumerate(run):
                    out[base + a + i] = _LATIN_AR[c]
            continue
        if prev_ar and len(run) <= 3 and prev_ar not in _PROCLITIC_RUNS and run.isalpha():
            i = 0
            while i < len(run):
                if run[i:i + 2] in _DIGRAPHS:
                    out[base + a + i], out[base + a + i + 1] = _DIGRAPHS[run[i:i + 2]], ""
                    i += 2
                else:
                    out[base + a + i] = _LATIN_AR.get(run[i], run[i])
                    i += 1
            continue
        if k > 0:  # script change before this run: separate the words
            out[base + a - 1] = s[base + a - 1] + " "
        if nxt:
            out[base + b - 1] = s[base + b - 1] + " "


# Letters spelled apart to slip past filters (seen in SOHR's Arabic posts and English
# headlines): «هـ ـجـ ـوم لـ الـ ـتـ ـنـ ـظـ ـيـ ـم» (tatweel, space, tatweel inside a word)
# and "IS*IS", "Gu*nman" (an asterisk inside a word). The gaps vanish.
_TATWEEL_GAP = re.compile("ـ[ \u00a0]+(?=ـ)")
# (led by the literal "*" so the regex engine skips ahead to asterisks; same matches as
# `(?<=[^\W_])\*+(?=[^\W_])`, which tries every position)
_STAR_IN_WORD = re.compile(r"\*(?<=[^\W_]\*)\**(?=[^\W_])")


def _gaps(s: str) -> list[int]:
    """Indices of the characters that open up a spelled-apart word (see _TATWEEL_GAP)."""
    out: list[int] = []
    if "ـ" in s:  # one-character tests: a memchr-like scan (a two-character `in` costs ~5 µs on 5 KB)
        for m in _TATWEEL_GAP.finditer(s):
            out.extend(range(m.start() + 1, m.end()))  # the spaces; tatweels vanish anyway
    if "*" in s:
        for m in _STAR_IN_WORD.finditer(s):
            out.extend(range(m.start(), m.end()))
    return out


def _without_gaps(s: str) -> str:
    """s with the gaps of spelled-apart words removed (the first context rule; see _gaps)."""
    gaps = _gaps(s)
    if not gaps:
        return s
    parts, pos = [], 0
    for i in sorted(gaps):  # slices, not a character-by-character rebuild (~0.5 ms on 5 KB)
        parts.append(s[pos:i])
        pos = i + 1
    parts.append(s[pos:])
    return "".join(parts)


def pieces(s: str) -> list[str]:
    """The normalised form of each original character (slow path, one piece per char).

    Gaps of spelled-apart words go first (their pieces are empty); the other rules see
    the text without them, as `_rare_fix` does.
    """
    gaps = _gaps(s)
    if not gaps:
        return _pieces(s)
    drop = set(gaps)
    keep = [i for i in range(len(s)) if i not in drop]
    out = [""] * len(s)
    for i, p in zip(keep, _pieces("".join(s[i] for i in keep)), strict=True):
        out[i] = p
    return out


def _pieces(s: str) -> list[str]:
    mixed = _mixed_words(s)
    n = len(s)
    out = []
    for i, c in enumerate(s):
        if i in mixed:
            out.append(fold_piece(mixed[i]))
            continue
        if c in QUOTES or c in ZW_BIDI:
            inside = 0 < i < n - 1 and s[i - 1].isalnum() and s[i + 1].isalnum()
            if c in QUOTES:
                out.append(" " if inside else "")
            else:
                out.append("" if inside and c != "\u200b" else " ")
            continue
        if "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufefc":
            c = unicodedata.normalize("NFKC", c)
        out.append(fold_piece(c))
    return out


_AR_OR_TATWEEL = f"[{_AR_LETTER}ـ]"
# A Latin letter or chat digit touching an Arabic letter (either side). The
# pattern starts with a character class, so the regex engine skips ahead to
# Latin/3/7 characters only: ~5 µs on 5 KB Arabic instead of ~40.
_MIXED = re.compile(f"[A-Za-z37](?:(?={_AR_OR_TATWEEL})|(?<={_AR_OR_TATWEEL}[A-Za-z37]))")
_WORD = re.compile(r"[^\W_]+")
_RUNS = re.compile(f"[{_AR_LETTER}ـ]+|[^{_AR_LETTER}ـ]+")


_INVISIBLE = re.compile(f"[{ZW_BIDI}{QUOTES}\ufb50-\ufdff\ufe70-\ufefc]")
# Everything _rare_fix handles, found by ONE scan (each regex pass over 5 KB costs
# ~15-20 µs): an invisible mark, quote or presentation form, or a Latin letter/chat
# digit touching an Arabic letter (the _MIXED condition).
_RARE = re.compile(f"[A-Za-z37{ZW_BIDI}{QUOTES}\ufb50-\ufdff\ufe70-\ufefc]"
                   f"(?:(?<=[{ZW_BIDI}{QUOTES}\ufb50-\ufdff\ufe70-\ufefc])"
                   f"|(?={_AR_OR_TATWEEL})|(?<={_AR_OR_TATWEEL}[A-Za-z37]))")


_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]")


def _nfkc(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m.group())


def _rare_fix(s: str) -> str:
    """Apply the context rules (decided on original neighbours) before folding.

    Same result as splicing in _mixed_words(s) and then replacing each _INVISIBLE
    character by its context rule, in one pass: the spliced pieces never change
    whether a quote/mark has letters on both sides (they replace letters by
    letters, or add a space only between two letters of one word). A spliced
    piece may hold a presentation form (kept from a Latin-run word), which the
    second pass would then have expanded: done here on the piece.
    """
    s = _without_gaps(s)
    pieces_at: dict[int, str] = {}
    mixed: dict[int, str] = {}
    done = -1
    n = len(s)
    for hit in _RARE.finditer(s):
        i = hit.start()
        c = s[i]
        if c in QUOTES or c in ZW_BIDI:
            inside = 0 < i < n - 1 and s[i - 1].isalnum() and s[i + 1].isalnum()
            if c in QUOTES:
                pieces_at[i] = " " if inside else ""
            else:
                pieces_at[i] = "" if inside and c != "\u200b" else " "
        elif "\ufb50" <= c <= "\ufefc":
            pieces_at[i] = unicodedata.normalize("NFKC", c)
        elif i >= done:  # a Latin/3/7 character glued to Arabic: its word (as _mixed_words)
            m = _WORD.search(s, _word_start(s, i))
            if m is None:
                continue
            done = m.end()
            _mixed_word(s, m.group(), m.start(), mixed)
    for i, p in mixed.items():
        pieces_at[i] = _PRESENTATION.sub(_nfkc, p) if _PRESENTATION.search(p) else p
    if not pieces_at:
        return s
    parts, pos = [], 0
    for i in sorted(pieces_at):
        parts.append(s[pos:i])
        parts.append(pieces_at[i])
        pos = i + 1
    parts.append(s[pos:])
    return "".join(parts)


def normalise(s: str) -> str:
    """Normalised text for matching. Same result as "".join(pieces(s)), faster.

    The context rules run as one regex pass, then case folding and the TABLE
    chain; both are per-character, so the result equals the per-piece path.
    """
    if not s:
        return ""
    return _fold_fast(_rare_fix(s).casefold())


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in normalised text back to the original string."""

    original: str
    starts: tuple[int, ...]  # starts[j] = index in original of normalised char j

    def span(self, start: int, end: int) -> tuple[int, int]:
        if not self.starts:
            return 0, 0
        a = self.starts[min(start, len(self.starts) - 1)]
        b = self.starts[end - 1] + 1 if end > 0 else a
        return a, max(a, b)

    def original_text(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b]


def normalise_with_map(s: str) -> tuple[str, OffsetMap]:
    """Normalised text plus the map back to `s` (for display, not the hot path)."""
    starts: list[int] = []
    parts = pieces(s)
    for i, p in enumerate(parts):
        starts.extend([i] * len(p))
    return "".join(parts), OffsetMap(s, tuple(starts))
