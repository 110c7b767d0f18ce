"""Each reject class has a reason; concrete incidents written like real news match."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.detect import Detector
from monitor.models import Item

ROOT = Path(__file__).resolve().parents[1]
PUB = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)  # Thursday


@pytest.fixture(scope="module")
def det():
    return Detector.load(ROOT / "config" / "watchlists")


def verdict(det, title, body, lang="ar"):
    ds = {d.watchlist: d for d in det.detect(Item("t", "1", "", title, body, PUB, lang))}
    return ds["isis-syria"], ds["isis-syria-context"]


REJECTS = {
    "arrest in Anbar near the Syrian border": (
        "اعتقال قيادي في داعش بالأنبار",
        "أعلنت خلية الإعلام الأمني، الثلاثاء، اعتقال قيادي بارز في تنظيم داعش في صحراء الأنبار قرب الحدود السورية.",
        "outside Syria"),
    "English: Iraqi arrest in Anbar": (
        "Iraqi forces arrest ISIS leader in Anbar",
        "Iraqi security forces on Tuesday arrested a senior Islamic State leader in Anbar province near the Syrian border.",
        "outside Syria"),
    "trial in Belgium of a Syria fighter": (
        "Belgian court sentences ISIS fighter",
        "A court in Brussels on Monday sentenced a man who fought for ISIS in Syria to 10 years in prison after a trial.",
        "trial"),
    "statistics over a period": (
        "سنتكوم: 48 عملية ضد داعش",
        "قالت القيادة المركزية إنه خلال شهر فبراير نفذت ما مجموعه 48 عملية ضد داعش في سوريا أسفرت عن مقتل 22 عنصرا واعتقال 25.",
        "no concrete new incident"),
    "anniversary": (
        "في مثل هذا اليوم: سقوط الباغوز",
        "في مثل هذا اليوم من عام 2019 أعلنت قسد القضاء على داعش في بلدة الباغوز بريف دير الزور.",
        "no concrete new incident"),
    "analysis with no event": (
        "هل يعود داعش إلى سوريا؟",
        "يرى خبراء أن تنظيم داعش يحاول إعادة بناء صفوفه في البادية السورية مستغلا الفراغ الأمني، وفق تقرير لمعهد واشنطن.",
        "no concrete new incident"),
    "statement / threat": (
        "داعش يتوعد بمزيد من الهجمات في سوريا",
        "توعد تنظيم داعش في بيان بشن المزيد من الهجمات ضد القوات الحكومية في سوريا.",
        "no concrete new incident"),
    "«الدولة» meaning the state": (
        "مقتل شرطي في هجوم على مؤسسات الدولة في حمص",
        "قتل شرطي أمس في هجوم مسلح استهدف مؤسسات الدولة السورية في مدينة حمص.",
        "the state"),
    "Isis the river": (
        "Rower drowns in the Isis",
        "A student rower was killed on Saturday after falling into the Isis, the stretch of the river Thames through Oxford.",
        "river"),
    "an Islamic state in general": (
        "Group calls for an Islamic state",
        "Protesters in Homs on Friday called for an Islamic state; police arrested two men.",
        "general sense"),
    "ISWAP in Nigeria": (
        "ISWAP kills 12 soldiers in Borno",
        "Islamic State West Africa Province fighters attacked a base in Borno, Nigeria, on Sunday, killing 12 soldiers.",
        "Syria"),
}


@pytest.mark.parametrize("title,body,reason", REJECTS.values(), ids=REJECTS.keys())
def test_reject_with_reason(det, title, body, reason):
    inc, _ctx = verdict(det, title, body)
    assert not inc.matched
    assert any(reason in r for r in inc.reasons), inc.reasons


CONCRETE = {
    "IED on SDF patrol": (
        "مقتل عنصرين من قسد بانفجار عبوة ناسفة زرعها داعش في ريف دير الزور",
        "قتل عنصران من قوات سوريا الديمقراطية، صباح اليوم الخميس، بانفجار عبوة ناسفة استهدفت دوريتهم في بلدة ذيبان بريف دير الزور الشرقي، وتبنى تنظيم داعش العملية.",
        "ied", "Dhiban", "Deir ez-Zor", 2),
    "ambush in the Badia": (
        "هجوم لخلايا داعش على حاجز للأمن العام في بادية السخنة",
        "شن مسلحون يتبعون لتنظيم داعش هجوما على حاجز للأمن العام قرب مدينة السخنة شرقي حمص، مساء الأربعاء، ما أدى إلى مقتل ثلاثة عناصر وإصابة اثنين آخرين.",
        "attack", "al-Sukhnah", "Homs", 3),
    "al-Hol arrests (English)": (
        "SDF arrests ISIS cell in al-Hol camp",
        "The Syrian Democratic Forces said on Wednesday they arrested five members of an Islamic State cell inside al-Hol camp in Hasakah province.",
        "arrest", "al-Hol camp", "Al-Hasakah", None),
    "coalition airstrike (English)": (
        "Coalition strike kills ISIS leader in northern Syria",
        "A US-led coalition drone strike killed a senior ISIS leader near Jarabulus in Aleppo countryside on Tuesday, CENTCOM said.",
        "airstrike", "Jarabulus", "Aleppo", None),
    "only the governorate known: no place": (
        "هجوم لخلايا داعش على نقطة عسكرية في ريف دير الزور الشرقي",
        "هاجمت خلايا تابعة لتنظيم داعش، مساء الإثنين، نقطة عسكرية لقسد في ريف دير الزور الشرقي، ما أدى إلى إصابة عنصرين.",
        "attack", None, "Deir ez-Zor", None),
}


@pytest.mark.parametrize("title,body,type_,place,gov,killed", CONCRETE.values(), ids=CONCRETE.keys())
def test_concrete_incidents_match(det, title, body, type_, place, gov, killed):
    inc, ctx = verdict(det, title, body)
    assert inc.matched, inc.reasons
    assert not ctx.matched
    assert inc.incident.type == type_
    assert inc.incident.governorate == gov
    assert inc.incident.place == place  # None when only the governorate is known
    if killed is not None:
        assert inc.incident.killed == killed


def test_ambiguous_place_needs_cue(det):
    # «تدمر» here is the verb "destroys": no place, so no Syrian incident anchor.
    inc, _ = verdict(det, "داعش", "قال مسؤول إن الغارات تدمر مواقع داعش، وفق تقرير.")
    assert inc.incident is None or inc.incident.place != "Palmyra"


def test_unrelated_item_is_quiet(det):
    inc, ctx = verdict(det, "ارتفاع أسعار الذهب", "ارتفعت أسعار الذهب في دمشق اليوم الأحد.")
    assert not inc.matched and not ctx.matched
    assert any("ISIS" in r for r in inc.reasons)


def test_fast_path_agrees_with_full_analysis(det):
    """Items without a strong ISIS name skip analysis; the verdict must not change."""
    import json

    path = ROOT.parent / "shared" / "corpus" / "naya-stream.jsonl"
    if not path.exists():
        pytest.skip("naya corpus absent")
    for line in path.read_text(encoding="utf-8").splitlines()[:400]:
        d = json.loads(line)
        item = Item("naya", d["id"], "", "", d.get("body") or "", PUB)
        fast = [x.matched for x in det.detect(item)]
        a = det.analyse(item)
        full = [det._judge(w, a)[0].matched for w in det.watchlists]
        assert fast == full, d["body"][:80]
