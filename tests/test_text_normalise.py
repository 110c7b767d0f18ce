"""Normalisation table, context rules, obfuscations and the offset map."""

import json
from pathlib import Path

import pytest

from monitor.text import normalise, normalise_with_map
from monitor.text.normalise import TABLE, _fold_fast

SHARED = Path(__file__).resolve().parents[2] / "shared"

CASES = {
    "tashkeel": ("قُتِلَ", "قتل"),
    "tatweel": ("داعـــش", "داعش"),
    "alef forms": ("أإآٱ", "اااا"),
    "alef maqsura": ("على", "علي"),
    "ta marbuta": ("مدينة", "مدينه"),
    "hamza seats": ("مسؤول رئيس", "مسوول رييس"),
    "persian kaf/ya": ("کی", "كي"),
    "arabic-indic digits": ("٣ قتلى و١٢ جريحا", "3 قتلي و12 جريحا"),
    "persian digits": ("۲۰۲۵", "2025"),
    "arabic punctuation": ("قال، ثم؛ لماذا؟", "قال, ثم; لماذا?"),
    "guillemets vanish next to spaces": ("تنظيم «الدولة»", "تنظيم الدوله"),
    "curly quotes in multiword names": ("تنظيم “الدولة” في", "تنظيم الدوله في"),
    "quote between letters splits": ('"داعش"الذي', "داعش الذي"),
    "proclitic before quote": ("لـ”قسد”", "ل قسد"),
    "english case": ("ISIS Fighters", "isis fighters"),
    "english apostrophe": ("ISIS’s", "isis's"),
    "hyphens to spaces": ("Deir ez-Zor", "deir ez zor"),
    "presentation forms (NFKC)": ("ﻻ", "لا"),
    "zero width inside a word is removed": ("دا\u200fعش", "داعش"),
    "zero width between words is a space": ("داعش\u200bفي", "داعشفي".replace("شف", "ش ف")),
    "bidi mark next to space": ("داعش \u200f في", "داعش   في"),
    "latin evasion transliterated": ("داعsh", "داعش"),
    "chat digit inside arabic word": ("دا3ش", "داعش"),
    "layout artefact split, not transliterated": ("iconعناصر", "icon عناصر"),
    "proclitic before latin name kept apart": ("لـCNN", "ل cnn"),
    "digits after proclitic untouched": ("بـ2023", "ب2023"),
}


@pytest.mark.parametrize("raw,expected", CASES.values(), ids=CASES.keys())
def test_normalise(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize("raw", [c[0] for c in CASES.values()], ids=CASES.keys())
def test_fast_path_equals_per_character_path(raw):
    assert normalise(raw) == normalise_with_map(raw)[0]


def test_replace_chain_equals_translate_table():
    sample = "".join(chr(c) for c in TABLE) + " أحمد قُتِلَ ٣ «x» — مدينة"
    assert _fold_fast(sample) == sample.translate(TABLE)


def test_offsets_map_back_to_original():
    raw = "قُتِلَ عنصرانِ في «الرقّة» أمس"
    norm, omap = normalise_with_map(raw)
    start = norm.index("الرقه")
    assert omap.original_text(start, start + len("الرقه")) == "الرقّة"


def _corpus_texts():
    texts = []
    for f in sorted((SHARED / "seeds").glob("*.txt")):
        texts.append(f.read_text(encoding="utf-8"))
    path = SHARED / "corpus" / "naya-stream.jsonl"
    if path.exists():
        texts += [json.loads(line).get("body") or "" for line in path.read_text(encoding="utf-8").splitlines()]
    return texts


def test_fast_and_slow_paths_agree_on_real_text():
    texts = _corpus_texts()
    if not texts:
        pytest.skip("shared corpus absent")
    bad = [t[:80] for t in texts if normalise(t) != normalise_with_map(t)[0]]
    assert not bad, bad[:3]


def test_spelled_apart_words_join_and_paths_agree():
    """«هـ ـجـ ـوم», "IS*IS": the gaps vanish; fast and per-character paths agree on random text."""
    import random

    assert normalise("في هـ ـجـ ـوم لـ «الـ ـتـ ـنـ ـظـ ـيـ ـم»") == "في هجوم ل التنظيم"
    assert normalise("IS*IS resurgence | Gu*nman") == "isis resurgence | gunman"
    assert normalise("a * b") == "a * b"  # a lone asterisk is no gap
    rnd = random.Random(8)
    alphabet = list("هجومـ *ab«»\"\u200f\u200b x3داعش") + ["ـ ـ", "لـ ", " ـ"]
    for _ in range(20000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        assert normalise(s) == normalise_with_map(s)[0], repr(s)
