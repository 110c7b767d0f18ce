"""Content fingerprints: normalised tokens, an exact content hash, a MinHash
signature and its LSH band hashes.

Why a tokeniser of our own rather than `monitor.text`: every value computed
here is *persisted* (hashes, signatures, band hashes) and compared with values
computed weeks later. If the shared normaliser changed (a new folding rule, a
clitic splitter), old and new fingerprints would silently stop matching and
every syndicated copy would re-alert. So this one is small, frozen and
versioned by `SCHEME` (stored in the database, checked on start-up).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

# Bump when anything below changes the produced values; the store refuses to
# mix schemes (see schema.check_scheme).
SCHEME_VERSION = 1
SHINGLE_WORDS = 3  # word 3-grams: 1-grams make every ISIS story in Raqqa look alike
BAND_ROWS = 4  # r; bands b = num_perm // r (see band_hashes)
MIN_SHINGLES = 3  # fewer shingles than this: MinHash estimates are noise, skip near-dup
MINHASH_SEED = 1
MINHASH_SCHEME = "affine32"  # datasketch 2.0's bias-free scheme; uint32 values


def scheme_string(num_perm: int) -> str:
    return (f"v{SCHEME_VERSION};minhash={MINHASH_SCHEME};seed={MINHASH_SEED};"
            f"perm={num_perm};rows={BAND_ROWS};shingle={SHINGLE_WORDS}")


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # Tashkeel (harakat, tanween, shadda, sukun, superscript alef) and tatweel:
    # decorative, and applied inconsistently between outlets.
    for cp in list(range(0x064B, 0x0660)) + [0x0670, 0x0640]:
        table[cp] = None
    # Letter forms that outlets (and keyboards) use interchangeably.
    for ch in "أإآٱ":
        table[ord(ch)] = "ا"
    table[ord("ى")] = "ي"  # alef maqsura written for yaa and vice versa
    table[ord("ة")] = "ه"  # taa marbuta often typed as haa
    table[ord("ی")] = "ي"  # Persian yaa / kaf appear in Arabic news (FACTS.md)
    table[ord("ک")] = "ك"
    # NFKC does not fold Arabic-Indic digits (FACTS.md), so do it here.
    for i, ch in enumerate("٠١٢٣٤٥٦٧٨٩"):
        table[ord(ch)] = str(i)
    for i, ch in enumerate("۰۱۲۳۴۵۶۷۸۹"):
        table[ord(ch)] = str(i)
    # Zero-width and bidi controls become spaces, not deletions: one outlet
    # separates words with them and another with spaces; a space is the
    # reading both copies agree on (deleting would glue words together).
    for cp in [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF, 0x061C,
               *range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
        table[cp] = " "
    return table


_FOLD = _fold_table()
_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Normalised words: NFKC (Arabic presentation forms), folds, casefold."""
    text = unicodedata.normalize("NFKC", text or "").translate(_FOLD).casefold()
    return _WORD.findall(text)


def shingles(words: list[str]) -> set[bytes]:
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode()
            for i in range(len(words) - SHINGLE_WORDS + 1)}


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    # Generating permutations costs more than hashing a short article: do it once.
    return MinHash(num_perm=num_perm, seed=MINHASH_SEED, scheme=MINHASH_SCHEME).permutations


@dataclass(frozen=True, slots=True)
class Fingerprint:
    content_hash: str  # exact: same normalised title+body
    signature: np.ndarray | None  # uint32[num_perm]; None when too short for MinHash
    n_shingles: int

    @property
    def sig_bytes(self) -> bytes | None:
        return None if self.signature is None else self.signature.astype("<u4").tobytes()


def _hash_words(words_t: list[str], words_b: list[str]) -> str:
    norm = " ".join(words_t) + "\n" + " ".join(words_b)
    return hashlib.blake2b(norm.encode(), digest_size=16).hexdigest()


def content_hash(title: str, text: str) -> str:
    return _hash_words(tokens(title), tokens(text))


def fingerprint(title: str, text: str, num_perm: int) -> Fingerprint:
    # The headline is part of the shingle set: short wire items are often little
    # more than a headline, and a changed headline only touches a few shingles.
    words_t, words_b = tokens(title), tokens(text)
    chash = _hash_words(words_t, words_b)
    sh = shingles(words_t) | shingles(words_b)
    if len(sh) < MIN_SHINGLES:
        return Fingerprint(chash, None, len(sh))
    m = MinHash(num_perm=num_perm, seed=MINHASH_SEED, scheme=MINHASH_SCHEME,
                permutations=_permutations(num_perm))
    m.update_batch(sh)
    return Fingerprint(chash, np.asarray(m.hashvalues, dtype=np.uint32), len(sh))


def sig_from_bytes(blob: bytes | memoryview | None) -> np.ndarray | None:
    return None if blob is None else np.frombuffer(bytes(blob), dtype="<u4")


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of Jaccard similarity (share of equal minima)."""
    return float(np.count_nonzero(a == b)) / len(a)


def resemblance(a: np.ndarray, n_a: int, b: np.ndarray, n_b: int, threshold: float,
                containment: float) -> tuple[bool, float, str]:
    """Are two texts one story? (verdict, score, explanation).

    Jaccard >= threshold is the rule. Containment rescues the commonest edit
    Jaccard punishes: a copy trimmed to its first paragraphs, or padded with a
    footer, is *contained* in the other (|A∩B|/min(|A|,|B|) near 1) while its
    Jaccard is only the length ratio (a 25% trim gives J=0.75, a coin-flip from
    0.7 with 64 permutations). |A∩B| is estimated from J and the two shingle
    counts; required: the shorter keeps at least half the longer, so a one-line
    flash is not "contained" in every long article that quotes it.
    """
    j = jaccard(a, b)
    if j >= threshold:
        return True, j, f"Jaccard {j:.2f}"
    small, big = sorted((n_a, n_b))
    if small > 0 and 2 * small >= big:
        c = min(1.0, j * (n_a + n_b) / (1 + j) / small)
        if c >= containment:
            return True, c, f"containment {c:.2f}, Jaccard {j:.2f}"
    return False, j, f"Jaccard {j:.2f}"


_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_GOLD = np.uint64(0x9E3779B97F4A7C15)


def band_hashes(sigs: np.ndarray) -> np.ndarray:
    """(n, num_perm) uint32 signatures -> (n, b) signed int64 band hashes.

    Fixed r=4 rows per band rather than datasketch's threshold-optimal (b, r):
    the bands are persisted, so tying them to the threshold would force a
    rebuild whenever an analyst tunes it. With r=4 the candidate probability
    1-(1-J^4)^b is >=0.98 at J=0.7 for 64 perms (0.9998 for 128); candidates
    are then verified against the configured threshold with the stored
    signature, so the extra low-J candidates cost a lookup, not a false merge.
    Vectorised so the benchmark can seed a million rows with the same function.
    """
    sigs = np.atleast_2d(sigs).astype(np.uint64)
    n, perm = sigs.shape
    b = perm // BAND_ROWS
    x = sigs[:, : b * BAND_ROWS].reshape(n, b, BAND_ROWS)
    with np.errstate(over="ignore"):
        h = (np.arange(1, b + 1, dtype=np.uint64) * _GOLD)[None, :].repeat(n, axis=0)
        for j in range(BAND_ROWS):  # murmur-style mix of each row value
            h = (h ^ x[:, :, j]) * _M1
            h ^= h >> np.uint64(33)
            h *= _M2
            h ^= h >> np.uint64(29)
    return h.view(np.int64)  # SQLite INTEGER / PG BIGINT are signed 64-bit
