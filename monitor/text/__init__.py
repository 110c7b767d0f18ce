"""Text normalisation and clitic-aware matching (pure functions, no I/O)."""

from monitor.text.matcher import Match, Term, TermIndex, base_forms
from monitor.text.normalise import OffsetMap, normalise, normalise_with_map
from monitor.text.numbers import NumberWords, read_count

__all__ = [
    "Match", "NumberWords", "OffsetMap", "Term", "TermIndex", "base_forms", "normalise",
    "normalise_with_map", "read_count",
]
