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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

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


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # word start, proclitics included
    end: int  # word end, suffix included
    term: Term


class TermIndex:
    """Collects terms, compiles one automaton, finds clitic-aware matches."""

    def __init__(self) -> None:
        self._keys: dict[str, list[tuple[int, frozenset[str], frozenset[str], bool, Term]]] = {}
        self._auto: ahocorasick.Automaton | None = None
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
        self._auto = None
        return term

    def compile(self) -> None:
        auto = ahocorasick.Automaton()
        for key, entries in self._keys.items():
            auto.add_word(key, tuple(entries))
        auto.make_automaton()
        self._auto = auto

    def find(self, text: str) -> list[Match]:
        """All accepted matches (hot path: kept flat, locals only)."""
        if self._auto is None:
            self.compile()
        n = len(text)
        out: list[Match] = []
        for end_idx, entries in self._auto.iter(text):  # type: ignore[union-attr]
            end = end_idx + 1
            glued_after = end < n and text[end].isalnum()
            for klen, prefixes, suffixes, arabic, term in entries:
                start = end - klen
                ws = start
                if start > 0 and text[start - 1].isalnum():
                    if not arabic:
                        continue
                    lo = max(0, start - _MAX_PREFIX - 1)
                    while ws > lo and text[ws - 1].isalnum():
                        ws -= 1
                    if (ws > 0 and text[ws - 1].isalnum()) or text[ws:start] not in prefixes:
                        continue
                elif arabic and "" not in prefixes:
                    continue
                we = end
                if glued_after:
                    hi = min(n, end + _MAX_SUFFIX + 1)
                    while we < hi and text[we].isalnum():
                        we += 1
                    if (we < n and text[we].isalnum()) or text[end:we] not in suffixes:
                        continue
                elif "" not in suffixes:
                    continue
                out.append(Match(ws, we, term))
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
