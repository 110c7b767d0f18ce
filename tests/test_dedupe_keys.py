"""Item identity and fingerprints: pure functions, no store."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from monitor.dedupe import DedupeConfig, canonical_link, item_key
from monitor.dedupe.fingerprint import band_hashes, content_hash, fingerprint, tokens
from monitor.models import Item

CANONICAL = [
    # (name, raw link, canonical form)
    ("scheme and host case", "HTTPS://Www.Example.COM/news/1", "https://www.example.com/news/1"),
    ("fragment dropped", "https://example.com/a#comments", "https://example.com/a"),
    ("default https port", "https://example.com:443/a", "https://example.com/a"),
    ("default http port", "http://example.com:80/a", "http://example.com/a"),
    ("other port kept", "http://example.com:8080/a", "http://example.com:8080/a"),
    ("trailing slash", "https://example.com/news/1/", "https://example.com/news/1"),
    ("root keeps its slash", "https://example.com", "https://example.com/"),
    ("utm params", "https://example.com/a?utm_source=fb&utm_medium=social&id=7",
     "https://example.com/a?id=7"),
    ("click ids", "https://example.com/a?fbclid=XYZ&gclid=1&mc_cid=2&mc_eid=3",
     "https://example.com/a"),
    ("ref and ocid", "https://example.com/a?ref=home&ocid=msn&ref_src=tw", "https://example.com/a"),
    ("tracking names case-insensitive", "https://example.com/a?UTM_Source=x&FBCLID=y",
     "https://example.com/a"),
    ("param order", "https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ("meaningful param kept", "https://example.com/index.php?p=123", "https://example.com/index.php?p=123"),
    ("raw arabic path", "https://example.com/أخبار/1", "https://example.com/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/1"),
    ("percent-encoded arabic path", "https://example.com/%d8%a3%d8%ae%d8%a8%d8%a7%d8%b1/1",
     "https://example.com/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/1"),
    ("surrounding whitespace", "  https://example.com/a \n", "https://example.com/a"),
    ("empty", "", ""),
]


@pytest.mark.parametrize("raw,expected", [c[1:] for c in CANONICAL],
                         ids=[c[0] for c in CANONICAL])
def test_link_canonicalisation(raw: str, expected: str) -> None:
    assert canonical_link(raw) == expected


def _item(feed: str = "f1", guid: str = "", link: str = "", title: str = "t",
          text: str = "body") -> Item:
    return Item(feed=feed, id=guid, link=link, title=title, text=text, published=None)


def test_guid_is_scoped_to_its_feed() -> None:
    assert item_key(_item("feed-a", guid="1")) != item_key(_item("feed-b", guid="1"))
    assert item_key(_item("feed-a", guid="1")) == item_key(_item("feed-a", guid="1", title="x"))


def test_key_prefers_guid_then_link_then_content() -> None:
    assert item_key(_item(guid="g1", link="https://e.com/a")).startswith("g:")
    by_link = item_key(_item(link="https://e.com/a?utm_source=x"))
    assert by_link.startswith("u:")
    # A link is global: the same article reached from two feeds is one item.
    assert by_link == item_key(_item(feed="other", link="HTTPS://E.COM/a/"))
    by_text = item_key(_item(title="عاجل", text="نص الخبر"))
    assert by_text.startswith("c:")
    assert by_text == item_key(_item(feed="x", title="عاجلٌ", text="نصُّ الخبر"))  # tashkeel


def test_tokens_fold_arabic_variants() -> None:
    assert tokens("الأمن العامّ") == tokens("الامن العام")  # hamza on alef, shadda
    assert tokens("مدينة الرقة") == tokens("مدينه الرقه")  # taa marbuta
    assert tokens("مستشفى") == tokens("مستشفي")  # alef maqsura
    assert tokens("قتلـــى ٣") == tokens("قتلي 3")  # tatweel, Arabic-Indic digit
    assert tokens("ﻻ") == tokens("لا")  # presentation form via NFKC
    assert tokens("Raqqa ATTACK") == ["raqqa", "attack"]
    assert tokens("داعش\u200fقسد") == ["داعش", "قسد"]  # bidi mark separates, not joins


def test_content_hash_ignores_only_normalisation() -> None:
    assert content_hash("عنوان", "نص") == content_hash("عُنوان", "  نصّ ")
    assert content_hash("عنوان", "نص") != content_hash("عنوان", "نص آخر")


def test_short_text_has_no_signature_and_bands_are_stable() -> None:
    assert fingerprint("", "كلمة", 64).signature is None
    fp = fingerprint("هجوم في دير الزور", "قتل ثلاثة عناصر في هجوم على حاجز", 64)
    assert fp.signature is not None and fp.signature.shape == (64,)
    bands = band_hashes(fp.signature)
    assert bands.shape == (1, 16)
    # Persisted values: recomputing in another process must give the same bands.
    assert (band_hashes(fp.signature) == bands).all()


def test_config_rejects_typos_and_bad_values() -> None:
    with pytest.raises(ValidationError):
        DedupeConfig(near_dup_treshold=0.8)  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        DedupeConfig(num_perm=66)
    with pytest.raises(ValidationError):
        DedupeConfig(update_mode="loud")  # type: ignore[arg-type]
    assert DedupeConfig().near_dup_threshold == 0.7
