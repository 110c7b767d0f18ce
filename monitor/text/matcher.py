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

Speed: the proclitic chains are expanded into the automaton at compile time
(every allowed prefix + stem is a key, ~19k keys for ~2.5k stems, built in
~20 ms), so a reported key already starts at the word start and only two
characters need looking at in Python: the one before it (must not be a letter
or digit) and the one after it (a boundary, or a closed-list suffix).
"""

from __future__ import annotations

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


class TermIndex:
    """Collects terms, compiles one automaton, finds clitic-aware matches."""

    def __init__(self) -> None:
        self._keys: dict[str, list[tuple[int, frozenset[str], frozenset[str], bool, Term]]] = {}
        self._auto: ahocorasick.Automaton | None = None
        self._cover: tuple[str, ...] | None = None
        self.size = 0

    def add(self, surface: str, term_lexicon: str, term_id: str,
            attrs: dict[str, Any] | None = None, name: bool = False) -> Term | None:
        """Add one surface form; a trailing '*' marks an inflecting term.

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
        article = arabic and norm.startswith("ال") and len(norm) > 4
        key = norm[2:] if article else norm
        prefixes = ARTICLE_PREFIXES if article else PROCLITICS if name else PROCLITICS | ARTICLE_PREFIXES
        if not arabic:
            suffixes = EN_SUFFIXES_INFLECT if inflect else EN_SUFFIXES_NAME
        elif not inflect:
            suffixes = frozenset({""})
        elif key.endswith("ه") and len(key) > 3:
            key, suffixes = key[:-1], TA_SUFFIXES
        else:
            suffixes = AR_SUFFIXES
        self._keys.setdefault(key, []).append((len(key), prefixes, suffixes, arabic, term))
        self.size += 1
        self._auto = self._cover = None
        return term

    def compile(self) -> None:
        # key (prefix + stem) -> [(stem length, suffixes, term)], longer stems
        # first: the order the bare-stem automaton reported them in.
        expanded: dict[str, list[tuple[int, frozenset[str], Term]]] = {}
        for key, entries in self._keys.items():
            for klen, prefixes, suffixes, arabic, term in entries:
                for p in prefixes if arabic else ("",):
                    expanded.setdefault(p + key, []).append((klen, suffixes, term))
        auto = ahocorasick.Automaton()
        for key, entries in expanded.items():
            entries.sort(key=lambda e: -e[0])  # stable: insertion order within a stem length
            auto.add_word(key, (len(key), tuple((suf, t) for _, suf, t in entries),
                                tuple(t for _, suf, t in entries if "" in suf)))
        auto.make_automaton()
        self._auto = auto

    def may_match(self, text: str) -> bool:
        """False when no stem occurs in text even as a bare substring (a cheap pre-check).

        For small indexes (the strong-ISIS gate): one `in` per stem is a memchr-speed
        scan, ~0.3 µs per 5 KB, against ~40 µs for walking the automaton.
        """
        if self._cover is None:
            stems = sorted(self._keys, key=len)
            cover: list[str] = []
            for st in stems:  # a stem containing a shorter stem adds nothing
                if not any(c in st for c in cover):
                    cover.append(st)
            self._cover = tuple(cover)
        return any(st in text for st in self._cover)

    def find(self, text: str) -> list[Match]:
        """All accepted matches (hot path: kept flat, locals only)."""
        if self._auto is None:
            self.compile()
        n = len(text)
        out: list[Match] = []
        add = out.append
        for end_idx, (klen, entries, bare) in self._auto.iter(text):  # type: ignore[union-attr]
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
