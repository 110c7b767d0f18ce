"""Read casualty counts from normalised Arabic/English tokens.

Handles digits, number words (both genders, compounds like «خمسة وعشرين»),
duals of person nouns («جنديين»، «عنصرين» = 2; pyarabic misses these, FACTS.md),
a single indefinite person noun («ومترجما مدنيا» = 1, "a civilian" = 1), sums of
conjoined groups («جنديين أميركيين ومترجما» = 3), and qualifiers ("at least",
«ما لا يقل عن», «نحو») which are skipped. The word lists live in
monitor/data/lexicons/numbers.yaml so an analyst can extend them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from monitor.text.matcher import base_forms


@dataclass
class NumberWords:
    units: dict[str, int] = field(default_factory=dict)  # normalised word -> value
    duals: set[str] = field(default_factory=set)  # normalised dual person nouns (=2)
    singulars: set[str] = field(default_factory=set)  # person nouns counting 1 when indefinite
    qualifiers: set[str] = field(default_factory=set)  # "at least", «نحو»: skipped before a count
    one_words: set[str] = field(default_factory=set)  # "a", "an" before an English noun
    stops: set[str] = field(default_factory=set)  # words that end a count phrase (من، في، of)

    def value(self, tok: str) -> int | None:
        if tok.isdigit() and len(tok) <= 5:
            return int(tok)
        for f in base_forms(tok):
            if f in self.units:
                return self.units[f]
        return None

    def is_dual(self, tok: str) -> bool:
        return any(f in self.duals for f in base_forms(tok))

    def is_singular(self, tok: str) -> bool:
        return any(f in self.singulars or f.endswith("ا") and f[:-1] in self.singulars for f in base_forms(tok))


def _group(tokens: list[str], j: int, nw: NumberWords, tok: str | None = None) -> tuple[int | None, int]:
    """One counted group at tokens[j] (tok overrides the token, e.g. without its و)."""
    t = tokens[j] if tok is None else tok
    v = nw.value(t)
    if v is not None:
        j += 1
        # compounds: «خمسه وعشرين», "twenty five"
        if j < len(tokens):
            nxt = tokens[j]
            w = nw.value(nxt[1:]) if nxt.startswith("و") and len(nxt) > 3 else nw.value(nxt)
            if w is not None and ((v < 10 and 20 <= w < 100 and w % 10 == 0)
                                  or (20 <= v < 100 and v % 10 == 0 and w < 10)):
                return v + w, j + 1
        return v, j
    if nw.is_dual(t):
        return 2, j + 1
    if t in nw.one_words or nw.is_singular(t):
        return 1, j + 1
    return None, j


def read_count(tokens: list[str], i: int, nw: NumberWords) -> tuple[int | None, int]:
    """Parse a count phrase starting at tokens[i]; return (count or None, index after it).

    Conjoined groups are summed: «جنديين أميركيين ومترجما» -> 3; "two soldiers and a
    civilian interpreter" -> 3. Up to three descriptor words may sit between a group
    and the conjunction («أميركيين», "US soldiers").
    """
    total: int | None = None
    j, n = i, len(tokens)
    override: str | None = None
    while j < n:
        while override is None and j < n and tokens[j] in nw.qualifiers:
            j += 1
        if j >= n:
            break
        v, j = _group(tokens, j, nw, override)
        override = None
        if v is None:
            break
        total = (total or 0) + v
        nxt = None
        for k in range(j, min(j + 4, n)):
            t = tokens[k]
            if t in nw.stops:
                break
            if t in ("and", "و") and k + 1 < n and _group(tokens, k + 1, nw)[0] is not None:
                nxt = (k + 1, None)
                break
            if t.startswith("و") and len(t) > 2 and _group(tokens, k, nw, t[1:])[0] is not None:
                nxt = (k, t[1:])
                break
        if nxt is None:
            break
        j, override = nxt
    return total, j
