"""Near-duplicate fingerprints on realistic syndication edits (no store).

The texts are written for these tests in the style of Syrian outlets; the
same corpus feeds the store contract suite (test_dedupe_contract.py).
"""

from __future__ import annotations

import pytest

from monitor.dedupe import DedupeConfig
from monitor.dedupe.fingerprint import fingerprint, jaccard, resemblance

P1 = ("قُتل ثلاثة عناصر من قوات سوريا الديمقراطية (قسد) وأصيب اثنان آخران، صباح اليوم "
      "الثلاثاء، جراء انفجار عبوة ناسفة استهدفت سيارة عسكرية تقلهم على الطريق الواصل بين "
      "بلدتي الصور والبصيرة في ريف دير الزور الشرقي، بحسب مصادر محلية.")
P2 = ("وقالت المصادر إن العبوة زرعت على جانب الطريق وانفجرت لحظة مرور السيارة، ما أدى إلى "
      "تدميرها بالكامل، فيما نقل المصابون إلى مستشفى ميداني في بلدة الصبحة لتلقي العلاج.")
P3 = ("وفرضت قوات سوريا الديمقراطية طوقاً أمنياً في محيط موقع الانفجار، وشنت حملة تفتيش في "
      "القرى المجاورة بحثاً عن المنفذين، دون أن تعلن أي جهة مسؤوليتها عن الهجوم حتى ساعة "
      "إعداد هذا الخبر.")
BACKGROUND = ("ويشهد ريف دير الزور الشرقي منذ أشهر تصاعداً في الهجمات التي تنفذها خلايا تابعة "
              "لتنظيم الدولة الإسلامية، تستهدف بشكل رئيسي عناصر وقيادات في قسد ومتعاونين معها، "
              "مستغلة الطبيعة الصحراوية للمنطقة.")
FOOTER = ("تابعونا على قناتنا في تلغرام للاطلاع على آخر الأخبار العاجلة لحظة بلحظة، ولا تنسوا "
          "الاشتراك في نشرتنا البريدية اليومية. جميع الحقوق محفوظة لشبكة أخبار الشرق ٢٠٢٦.")

TITLE = "انفجار عبوة ناسفة يقتل ثلاثة عناصر من قسد شرقي دير الزور"
ORIGINAL = "\n\n".join([P1, P2, P3, BACKGROUND])

SYNDICATED = {  # name -> (title, text) as another outlet republished it
    "new headline": ("مقتل 3 من قسد بانفجار عبوة على طريق الصور - البصيرة", ORIGINAL),
    "boilerplate appended": (TITLE, ORIGINAL + "\n\n" + FOOTER),
    "trimmed": (TITLE, "\n\n".join([P1, P2, P3])),
    "paragraphs reordered": (TITLE, "\n\n".join([P1, P3, P2, BACKGROUND])),
    "tashkeel and tatweel": (TITLE, ORIGINAL.replace("قُتل", "قُتِلَ").replace("عبوة", "عبـــوة")),
}

# Same topic, same region, same outlet background paragraph: a different incident.
OTHER_TITLE = "هجوم لخلايا التنظيم على حاجز لقسد في ذيبان"
OTHER = "\n\n".join([
    "هاجم مسلحون يعتقد أنهم من خلايا تنظيم الدولة الإسلامية مساء أمس حاجزاً لقوات سوريا "
    "الديمقراطية عند مدخل بلدة ذيبان بالأسلحة الرشاشة، ما أسفر عن إصابة عنصر واحد بجروح "
    "متوسطة قبل أن ينسحب المهاجمون باتجاه البادية.",
    "وأفاد ناشطون بأن تعزيزات عسكرية وصلت إلى البلدة بعد الهجوم، وأن دوريات مشتركة انتشرت "
    "على الطرق الفرعية المؤدية إلى نهر الفرات.",
    BACKGROUND,
])
ENGLISH = ("Three SDF fighters were killed and two wounded on Tuesday morning when an "
           "improvised explosive device hit their military vehicle on the road between "
           "al-Sour and al-Busayrah in eastern Deir ez-Zor, local sources said.")

CFG = DedupeConfig()


def _same_story(a: tuple[str, str], b: tuple[str, str]) -> tuple[bool, str]:
    fa, fb = (fingerprint(t, x, CFG.num_perm) for t, x in (a, b))
    assert fa.signature is not None and fb.signature is not None
    ok, _, how = resemblance(fa.signature, fa.n_shingles, fb.signature, fb.n_shingles,
                             CFG.near_dup_threshold, CFG.near_dup_containment)
    return ok, how


@pytest.mark.parametrize("variant", list(SYNDICATED))
def test_syndication_variant_is_near_duplicate(variant: str) -> None:
    ok, how = _same_story((TITLE, ORIGINAL), SYNDICATED[variant])
    assert ok, f"{variant}: {how}"


@pytest.mark.parametrize("other", [(OTHER_TITLE, OTHER), ("IED kills three SDF", ENGLISH)],
                         ids=["same topic, other incident", "same incident, other language"])
def test_different_texts_are_not_near_duplicates(other: tuple[str, str]) -> None:
    ok, how = _same_story((TITLE, ORIGINAL), other)
    assert not ok, how


def test_trimmed_copy_needs_containment_not_just_jaccard() -> None:
    # Documents why containment exists: a 25% trim sits near the Jaccard threshold.
    fa = fingerprint(TITLE, ORIGINAL, 64)
    fb = fingerprint(*SYNDICATED["trimmed"], 64)
    assert fa.signature is not None and fb.signature is not None
    assert jaccard(fa.signature, fb.signature) < 0.85
    ok, score, how = resemblance(fa.signature, fa.n_shingles, fb.signature, fb.n_shingles,
                                 0.99, 0.9)
    assert ok and "containment" in how and score >= 0.9


def test_flash_headline_is_not_contained_in_the_full_story() -> None:
    # A one-paragraph flash is a separate item; the event layer links it.
    ok, how = _same_story((TITLE, P1), (TITLE, ORIGINAL + "\n\n" + OTHER))
    assert not ok, how
