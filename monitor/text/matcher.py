"""Clitic-aware multi-term matching over normalised text (pyahocorasick).

Why not a stemmer: stemmers merge place names with common words (تدمر ~ تدمير,
حماة ~ حماية, حلب ~ حلبة; see FACTS.md). Instead every term is found as a
substring by one Aho-Corasick automaton, then accepted only if
- the letters before it in the same word form a known proclitic chain
  (و ف ب ل ك, ال, and their combinations: والقبض، بالرقة، لداعش، فالحسكة), and
- the letters after it are empty, or, for terms marked inflecting (`*` in the
  data files), a suffix from a closed list (اعتقل* -> اعتقلت، اعتقلوا).
Names are never inflecting, so حلبة does not match حلب and تدمير never contains
تدمر. Terms written with the article are stored without it and demand an
article-bearing prefix, which also covers ل+ال -> لل (للرقة).

Speed: the proclitic chains and suffixes are expanded into the automaton at
compile time: every allowed prefix + stem + suffix is a key, wrapped in spaces
(" والرقة ", ~47k keys for ~2.8k stems, built in ~120 ms). The text is searched
with every non-alphanumeric character made a space (`_spaced`), so the automaton
reports only whole words, each already an accepted match: the ~45% of stem hits
inside longer words never reach Python, and nothing is checked per hit except
that a multi-word term's inner spaces are real spaces. The few stems holding
punctuation ("'afrin") keep the stem-by-stem scan (`_scan`), which is also the
reference the tests compare `find` with.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import ahocorasick

from monitor.text.normalise import fold_piece, normalise

PROCLITICS = frozenset({
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "وس", "فس", "س",
})
ARTICLE_PREFIXES = frozenset({
    "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "فبال", "وكال", "فكال",
})
# Suffixes an inflecting Arabic term may take: verb person/number endings,
# feminine/plural/dual noun endings and object/possessive pronouns.
AR_SUFFIXES = frozenset({
    "", "ت", "وا", "ا", "ن", "نا", "تم", "ته", "تها", "تهم", "ها", "هم", "هما", "وه", "ه",
    "تا", "ان", "ين", "ون", "ات", "اته", "اتها", "اتهم", "ي", "يه", "يا", "يين", "هن",
    "وها", "وهم", "يات",
})
# An inflecting noun ending in ta marbuta (ة, folded to ه) drops it before
# plural/dual/pronoun endings: قافلة -> قافلات، قافلتين، قافلته.
TA_SUFFIXES = frozenset({"ه", "ات", "تين", "تان", "ته", "تها", "تهم", "اته", "اتها", "اتهم", "تي", "تنا"})
EN_SUFFIXES_NAME = frozenset({"", "s", "es"})
EN_SUFFIXES_INFLECT = frozenset({"", "s", "es", "ed", "d", "ing", "ings", "er", "ers"})
# Letters by frequency in Arabic/English news (space first), for the automaton's child order.
_LETTER_RANK = {ord(c): chr(1 + i) for i, c in enumerate(
    " اليمهورنتدعبقسفحكجشطصخضزذظثءغetaoinsrhdlcumfpgwybvkxjqz0123456789")}
_MAX_PREFIX = 4
_MAX_SUFFIX = 4
WORD_RE = re.compile(r"[^\W_]+")


def is_arabic(s: str) -> bool:
    return any("\u0621" <= c <= "\u06d3" for c in s)


@dataclass(frozen=True, slots=True)
class Term:
    """One surface form of a lexicon entry."""

    lexicon: str
    id: str  # entry id within the lexicon
    text: str  # normalised surface form (article included)
    inflect: bool = False
    attrs: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def label(self) -> str:
        return f"{self.lexicon}:{self.id}"


class Match(NamedTuple):
    start: int  # word start, proclitics included
    end: int  # word end, suffix included
    term: Term


_LONE_PROCLITICS = frozenset("لبكوف")
# Words that never take the article in a definite phrase («بالقرب من», «في مثل»).
_NO_ARTICLE = frozenset({"من", "في", "علي", "عن", "الي", "ما", "مع", "بين", "خلال", "ضد", "هذا", "هذه",
                         "ذلك", "تلك", "قبل", "بعد", "عند", "حول", "منذ", "او", "ثم", "كل", "اي", "لا",
                         "لم", "لن", "قد", "ان", "انه", "غير", "دون", "عبر", "لدي", "نحو"})


_NO_SUFFIX = frozenset({""})


def _arabic_stem(key: str, inflect: bool) -> tuple[str, frozenset[str]]:
    """The stem an Arabic key is matched by and the suffixes it takes (a final «ه» is the
    taa marbuta, which inflects as «ت»)."""
    if not inflect:
        return key, _NO_SUFFIX
    if key.endswith("ه") and len(key) > 3:
        return key[:-1], TA_SUFFIXES
    return key, AR_SUFFIXES


def _definite_forms(norm: str) -> list[str]:
    """The definite forms of an indefinite Arabic phrase, article-initial only.

    A noun and its adjective both take the article («عملية عسكرية» → «العملية العسكرية»,
    «حملة أمنية» → «الحملة الأمنية»), so the matcher, which adds the article to the
    first word only, never met them. A construct («حملة دهم» → «حملة الدهم») puts it on the
    last word alone; that form keeps its first word bare, so it is left to the term list.
    """
    words = norm.split()
    if words[0].startswith("ال") or any(len(w) < 3 or w in _NO_ARTICLE for w in words):
        return []
    return [" ".join(w if w.startswith("ال") else "ال" + w for w in words)]


class TermIndex:
    """Collects terms, compiles one automaton, finds clitic-aware matches."""

    def __init__(self) -> None:
        self._keys: dict[str, list[tuple[int, frozenset[str], frozenset[str], bool, Term]]] = {}
        self._auto: ahocorasick.Automaton | None = None
        self._odd_auto: ahocorasick.Automaton | None = None
        self._odd_chars = ""
        self._skip_words = False
        self._cover: ahocorasick.Automaton | None = None
        self._hints: dict[str, str] = {}  # stem -> the part of it `may_match` looks for
        self.size = 0

    def add(self, surface: str, term_lexicon: str, term_id: str,
            attrs: dict[str, Any] | None = None, name: bool = False, cover: str | None = None) -> Term | None:
        """Add one surface form; a trailing '*' marks an inflecting term.

        `cover`: a part of the form that every match contains, for `may_match` to look for
        instead of the whole stem (one whose first letter the other stems already start
        with keeps that pre-check's automaton small and fast).

        Common words (name=False) also take the article (هجوم -> الهجوم، بالهجوم).
        Names (places, groups) take only proclitics: «السوريه» is the adjective
        "Syrian", not «سوريه» (Syria) with an article.
        """
        inflect = surface.endswith("*")
        norm = " ".join(normalise(surface.rstrip("*")).split())
        if len(norm) < 2:
            return None
        term = Term(term_lexicon, term_id, norm, inflect, attrs or {})
        arabic = is_arabic(norm)
        if arabic and norm.rsplit(" ", 1)[-1] in _LONE_PROCLITICS:
            # Text glues «ل» to the next word («التخطيط لهجوم»): a term ending in a
            # lone proclitic would never match, silently.
            raise ValueError(f"{term_lexicon}:{term_id}: term {surface!r} ends in a lone proclitic "
                             "that text glues to the next word, so it can never match; "
                             "drop the letter or spell the whole next word")
        article = arabic and norm.startswith("ال") and len(norm) > 4
        key = norm[2:] if article else norm
        prefixes = ARTICLE_PREFIXES if article else PROCLITICS if name else PROCLITICS | ARTICLE_PREFIXES
        if not arabic:
            suffixes = EN_SUFFIXES_INFLECT if inflect else EN_SUFFIXES_NAME
        else:
            key, suffixes = _arabic_stem(key, inflect)
        self._keys.setdefault(key, []).append((len(key), prefixes, suffixes, arabic, term))
        self.size += 1
        self._auto = self._cover = None
        if cover is not None:
            hint = " ".join(normalise(cover).split())
            if hint not in key:
                raise ValueError(f"{term_lexicon}:{term_id}: cover {cover!r} is not part of {surface!r}")
            self._hints[key] = hint
        if arabic and not name and " " in norm:
            for variant in _definite_forms(norm):
                self._add_form(variant, term, inflect)
        return term

    def _add_form(self, norm: str, term: Term, inflect: bool) -> None:
        """Another spelling of `term` (its definite form), reported as `term` itself."""
        key, suffixes = _arabic_stem(norm[2:], inflect)  # every definite form starts with the article
        self._keys.setdefault(key, []).append((len(key), ARTICLE_PREFIXES, suffixes, True, term))

    def compile(self) -> None:
        # ~47k words, each with a fresh tuple: the cyclic GC would rescan them over
        # and over while they are built (~40% of the compile time). None are cyclic.
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            self._compile()
        finally:
            if gc_was_on:
                gc.enable()

    def _compile(self) -> None:
        # key (prefix + stem) -> [(stem length, suffixes, term)], longer stems
        # first: the order the stem-by-stem scan (`_scan`) reports them in.
        expanded = self._expanded()
        odd = {key: e for key, e in expanded.items() if _odd(key)}
        # Whole words: " " + prefix + stem + suffix + " " -> every term read in that
        # word, in the scan's order for one span (shorter prefix+stem first, then
        # entry order). Searched in `_spaced(text)`, so a reported key is already an
        # accepted match and Python only copies it out.
        words: dict[str, list[tuple[int, int, Term]]] = {}
        for key, entries in expanded.items():
            if key in odd:
                continue
            klen = len(key)
            for j, (_, suffixes, term) in enumerate(entries):
                for suf in suffixes:
                    found = words.get(key + suf)
                    if found is None:
                        words[key + suf] = [(klen, j, term)]
                    else:
                        found.append((klen, j, term))
        auto = ahocorasick.Automaton()
        # pyahocorasick finds a node's child by a linear search in insertion order:
        # adding the words in letter-frequency order puts common letters first
        # (~18% faster scans). The order changes nothing else.
        for word in sorted(words, key=lambda w: w.translate(_LETTER_RANK)):
            found = words[word]
            if len(found) > 1:
                found.sort(key=_first_two)
            auto.add_word(" " + word + " ", (len(word), tuple([e[2] for e in found]),
                                             word if " " in word else None))
        auto.make_automaton()
        self._auto = auto
        # An automaton without words cannot be searched: skip it when only punctuated
        # stems exist (an index with no terms at all still fails as it always did).
        self._skip_words = not words and bool(odd)
        self._odd_auto = _stem_automaton(odd) if odd else None
        self._odd_chars = "".join(sorted({c for key in odd for c in key if c != " " and _odd(c)}))

    def _expanded(self) -> dict[str, list[tuple[int, frozenset[str], Term]]]:
        expanded: dict[str, list[tuple[int, frozenset[str], Term]]] = {}
        for key, entries in self._keys.items():
            for klen, prefixes, suffixes, arabic, term in entries:
                for p in prefixes if arabic else ("",):
                    expanded.setdefault(p + key, []).append((klen, suffixes, term))
        for entries in expanded.values():
            entries.sort(key=lambda e: -e[0])  # stable: insertion order within a stem length
        return expanded

    def may_match(self, text: str) -> bool:
        """False when no stem occurs in text even as a bare substring (a cheap pre-check).

        For small indexes (the strong-ISIS gate), on the ~95% of items that name no
        ISIS: one pass of a stems-only automaton that stops at the first hit, ~30 µs
        on 5 KB, where one `in` per stem (22 stems, each a full scan when absent) took ~60.
        """
        if self._cover is None:
            stems = sorted({self._hints.get(k, k) for k in self._keys}, key=len)
            cover: list[str] = []
            for st in stems:  # a stem containing a shorter stem adds nothing
                if not any(c in st for c in cover):
                    cover.append(st)
            auto = ahocorasick.Automaton()
            # Common letters first, as in `_compile`: the scan looks children up linearly.
            for st in sorted(cover, key=lambda w: w.translate(_LETTER_RANK)):
                auto.add_word(st, None)
            if cover:
                auto.make_automaton()
            self._cover = auto
        return len(self._cover) > 0 and next(self._cover.iter(text), None) is not None

    def find(self, text: str) -> list[Match]:
        """All accepted matches, ordered by start, longer first (the order `_dedupe` wants).

        Hot path, kept flat. The automaton holds whole words (see `_compile`) and runs
        over `_spaced(text)`, where a key can only be reported when it starts right
        after a non-alphanumeric character and ends right before one: the ~45% of
        stem hits inside longer words never reach Python.
        """
        if self._auto is None:
            self.compile()
        out: list[Match] = []
        add = out.append
        new = tuple.__new__  # Match(...) without the NamedTuple's Python-level __new__
        hits = () if self._skip_words else self._auto.iter(_spaced(text))  # type: ignore[union-attr]
        for end_idx, (wlen, terms, multi) in hits:
            we = end_idx - 1  # the spaced text has one extra leading character
            ws = we - wlen
            if multi is None:
                # One word: every earlier match ended before it (or is a longer
                # multi-word match ending here), so appending keeps the order.
                if len(terms) == 1:  # ~95%: skip the loop
                    add(new(Match, (ws, we, terms[0])))
                else:
                    for t in terms:
                        add(new(Match, (ws, we, t)))
            elif text[ws:we] == multi:  # inner spaces must be real spaces, not punctuation
                # Ends here but starts at an earlier word: insert it before the
                # matches that start at or after its start.
                i = len(out)
                while i and out[i - 1][0] >= ws:
                    i -= 1
                out[i:i] = [new(Match, (ws, we, t)) for t in terms]
        if self._odd_auto is not None and any(c in text for c in self._odd_chars):
            out += _scan(self._odd_auto, text)
            out.sort(key=_span_order)  # stable: each source is in order within one span
        return out


def _non_alnum_class() -> str:
    r"""A regex class of every BMP character that is not alphanumeric (per str.isalnum), space excepted.

    An explicit class compiles to a bitmap (one lookup per character), ~3x faster
    than the equivalent `[^\w ]|_`, which asks the Unicode database per character.
    """
    ranges, start = [], None
    for c in range(0x10001):
        out = c < 0x10000 and c != 32 and not chr(c).isalnum()
        if out and start is None:
            start = c
        elif not out and start is not None:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(c - 1)) if c - 1 > start else ""))
            start = None
    return "[" + "".join(ranges) + "]"


_NON_ALNUM_BMP = re.compile(_non_alnum_class())
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# The commonest separators in news text, replaced first by str.replace (~1 µs each).
_COMMON_SEPARATORS = "\n,.:()/;"


def _astral_space(m: re.Match[str]) -> str:
    c = m.group()
    return c if c.isalnum() else " "


def _spaced(text: str) -> str:
    r"""The text with a space added at both ends and every non-alphanumeric character
    (per str.isalnum) made a space: a word boundary is then always a space.

    Same length as text apart from the two added spaces, so offsets map back by -1.
    ~20 µs on 5 KB (a plain `re.sub(r"[^\w ]|_", " ", text)` took ~65 µs).
    """
    for c in _COMMON_SEPARATORS:
        if c in text:
            text = text.replace(c, " ")
    if len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
        text = _ASTRAL.sub(_astral_space, text)  # emoji & co. (outside the BMP class); rare
    return " " + _NON_ALNUM_BMP.sub(" ", text) + " "


def _odd(s: str) -> bool:
    """Holds a character that is neither alphanumeric nor a space ("'afrin", "izra'")."""
    return not s.replace(" ", "").isalnum()


def _first_two(e: tuple[int, int, Term]) -> tuple[int, int]:
    return e[0], e[1]


def _span_order(m: Match) -> tuple[int, int]:
    return m.start, -m.end


def _stem_automaton(expanded: dict[str, list[tuple[int, frozenset[str], Term]]]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for key, entries in expanded.items():
        auto.add_word(key, (len(key), tuple((suf, t) for _, suf, t in entries),
                            tuple(t for _, suf, t in entries if "" in suf)))
    auto.make_automaton()
    return auto


def _scan(auto: ahocorasick.Automaton, text: str) -> list[Match]:
    """Matches of a prefix+stem automaton: each hit checked for word boundaries in Python.

    Used for the few keys with punctuation in them ("'afrin"), which the
    whole-word automaton cannot hold, and by the tests as the reference for `find`.
    """
    n = len(text)
    out: list[Match] = []
    add = out.append
    for end_idx, (klen, entries, bare) in auto.iter(text):
        ws = end_idx + 1 - klen
        if ws > 0 and text[ws - 1].isalnum():
            continue  # inside a word: not a known proclitic chain before the stem
        end = end_idx + 1
        if end < n and text[end].isalnum():
            we, hi = end + 1, min(n, end + _MAX_SUFFIX + 1)
            while we < hi and text[we].isalnum():
                we += 1
            if we < n and text[we].isalnum():
                continue
            suffix = text[end:we]
            for suffixes, term in entries:
                if suffix in suffixes:
                    add(Match(ws, we, term))
        else:
            for term in bare:
                add(Match(ws, end, term))
    return out


def base_forms(token: str) -> list[str]:
    """A normalised token and the forms left after removing a known proclitic chain.

    Used on the few tokens around a hit (number words, cue words), never on whole texts.
    """
    out = [token]
    if not is_arabic(token):
        return out
    for p in ("وبال", "فبال", "وكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
              "وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك"):
        if token.startswith(p) and len(token) - len(p) >= 2:
            rest = token[len(p):]
            out.append(rest)
            if p.endswith("لل") or p.endswith("ال"):
                out.append("ال" + rest)
    return out


def fold(s: str) -> str:
    """Normalise a short lexicon string (alias kept for readability in loaders)."""
    return " ".join(fold_piece(s).split())
