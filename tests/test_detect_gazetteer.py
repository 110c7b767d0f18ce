"""One place, one canonical English name (monitor/detect/gazetteer.py)."""

import pytest

from monitor.detect.gazetteer import Entry, merge
from monitor.detect.knowledge import SYRIA, Place, load_knowledge
from monitor.text import normalise


@pytest.fixture(scope="module")
def k():
    return load_knowledge()


def _place_names(k, text):
    return {m.term.attrs["place"].name for m in k.index.find(normalise(text)) if m.term.lexicon == "place_sy"}


@pytest.mark.parametrize("variants,canonical", [
    (["البوكمال", "البو كمال", "Abu Kamal", "Albu Kamal", "al-Bukamal"], "al-Bukamal"),
    (["الميادين", "Mayadin", "al-Mayadin", "Al Mayadin"], "al-Mayadin"),
    (["الطبقة", "الثورة", "Al-Thawrah", "al-Tabqa"], "al-Tabqa"),
    (["هجين", "Hajin"], "Hajin"),
    (["السخنة", "Sokhneh", "al-Sukhnah"], "al-Sukhnah"),
    (["تدمر", "Tadmur", "Palmyra"], "Palmyra"),
], ids=["Bukamal", "Mayadin", "Tabqa", "Hajin", "Sukhnah", "Palmyra"])
def test_hand_written_name_wins_for_every_alias(k, variants, canonical):
    for v in variants:
        assert _place_names(k, f"في {v} .") == {canonical}, v


@pytest.mark.parametrize("variants,canonical", [
    (["تربه سبيه", "تربة سبية", "Tirbespiye", "Tirbe Spiye", "Tirbespî", "مدينة القحطانية"], "al-Qahtaniyah"),
    (["قامشلو", "القامشلي", "Qamishlo", "Qamişlo", "Qamishli"], "al-Qamishli"),
    (["كوباني", "عين العرب", "Kobani", "Kobane", "Kobanî"], "Kobani"),
    (["سري كانيه", "Serêkaniyê", "Serekaniye", "مدينة رأس العين"], "Ras al-Ayn"),
    (["ديرك", "Derik", "Dêrik", "مدينة المالكية"], "al-Malikiyah"),
    (["كركي لكي", "Girkê Legê", "Girke Lege", "بلدة المعبدة"], "al-Maabadah"),
    (["الدرباسية", "Dirbêsiyê", "Dirbesiye", "al-Darbasiyah"], "al-Darbasiyah"),
    (["عامودا", "عامودة", "Amuda", "Amûdê"], "Amuda"),
    (["جل آغا", "Jil Agha", "الجوادية", "Çil Axa"], "al-Jawadiyah"),
    (["تل كوجر", "Til Koçer", "Til Kocer", "بلدة اليعربية"], "al-Yarubiyah"),
    (["تل تمر", "Tal Tamr", "Tell Tamer"], "Tal Tamr"),
    (["مخيم الهول", "al-Hol"], "al-Hol camp"),
    (["الشدادي", "al-Shaddadi"], "al-Shaddadi"),
    (["مركدة", "Markada"], "Markada"),
], ids=["Tirbespiye", "Qamishlo", "Kobani", "Serekaniye", "Derik", "Girke Lege", "Dirbesiye", "Amuda",
        "Jil Agha", "Til Kocer", "Tal Tamr", "al-Hol", "Shaddadi", "Markada"])
def test_kurdish_administration_names_are_aliases(k, variants, canonical):
    """Hawar/Kurdistan24/AANES names resolve to the official place in Al-Hasakah/Aleppo."""
    for v in variants:
        assert canonical in _place_names(k, f"في {v} ."), v
    gov = next(p.governorate for p in k.places.values() if p.name == canonical)
    assert gov == ("Aleppo" if canonical == "Kobani" else "Al-Hasakah")


def test_merged_ids_still_resolve(k):
    assert k.places["sy-deir-ez-zor-abu-kamal"].name == "al-Bukamal"


def _e(id_, names, gov="Deir ez-Zor", kind="town", lat=None, lon=None, hand=False):
    return Entry(Place(id_, names[0], gov, SYRIA, kind, lat=lat, lon=lon), list(names), hand)


def test_merge_rules():
    entries = [
        _e("bukamal", ["al-Bukamal", "البوكمال"], hand=True),
        _e("baghouz", ["al-Baghouz", "الباغوز"], lat=34.4658, lon=40.9547, hand=True),
        _e("csv-abu-kamal", ["Abu Kamal", "البو كمال"], kind="subdistrict"),  # same name without the space
        _e("csv-near", ["Susat", "سوسة"], lat=34.47, lon=40.96, kind="subdistrict"),  # 1 km away, other name
        _e("csv-other-gov", ["al-Bukamal", "البوكمال"], gov="Homs"),  # homonym elsewhere
        _e("gov-dez", ["Deir ez-Zor", "دير الزور"], kind="governorate"),
        _e("csv-city", ["Deir ez-Zor", "دير الزور"], kind="district"),  # a city is not its province
    ]
    out, alias = merge(entries)
    assert alias == {"csv-abu-kamal": "bukamal"}
    assert [e.place.id for e in out] == ["bukamal", "baghouz", "csv-near", "csv-other-gov", "gov-dez", "csv-city"]
    assert "Abu Kamal" in out[0].names and out[0].place.name == "al-Bukamal"
