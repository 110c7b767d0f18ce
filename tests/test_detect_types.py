"""Incident type, place and toll rules, on new sentences (not copied from the dev set).

Rules (monitor/data/lexicons/incidents.yaml, monitor/detect/extract.py):
- the incident is the act, casualties its result: "strike ... killing four" is an airstrike;
- a targeted killing (اغتيال، "shot dead") is a killing even when gunmen are named;
- a search/storming operation (مداهمة، "raid") that nets arrests is an arrest, unless it
  is airborne (إنزال، heliborne) or a joint operation with the coalition: then a raid;
- «تفكيك خلية» / dismantling a cell is an arrest, and what the cell planned did not happen;
- an escape is an escape even when escapees are caught again;
- mutual fighting (اشتباكات) is a clash, a one-sided ambush an attack;
- a suicide bombing is an attack; a weapons cache find is `other`, its devices are objects;
- a toll update states the new total after «إلى» / "to".
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.detect import Detector
from monitor.models import Item

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def det():
    return Detector.load(ROOT / "config" / "watchlists")


def incident(det, title, body):
    a = det.analyse(Item("t", "1", "", title, body, PUBLISHED))
    assert a.incident.incident is not None, a.incident.why_not
    return a.incident.incident


TYPES = {
    "assassination beats gunmen (ar)": (
        "مسلحون مجهولون يغتالون مختار بلدة الشحيل شرقي دير الزور",
        "اغتال مسلحون يعتقد أنهم من خلايا داعش، مساء الأحد، مختار بلدة الشحيل برصاص مباشر أمام منزله.",
        "killing"),
    "shot dead (en)": (
        "Local council member shot dead by ISIS gunmen in Hajin",
        "A member of the local council was shot dead on Monday by gunmen believed to belong to ISIS cells in the town of Hajin.",
        "killing"),
    "strike killing four is an airstrike": (
        "Coalition jets strike ISIS hideout in the desert, killing four",
        "Coalition warplanes struck an Islamic State hideout near the town of al-Sukhnah on Tuesday, killing four militants.",
        "airstrike"),
    "arrests in a house search are an arrest": (
        "الأمن العام يلقي القبض على ثلاثة عناصر من داعش بمداهمة في الصنمين",
        "ألقت قوى الأمن العام، يوم الأربعاء، القبض على ثلاثة عناصر من خلية تابعة لتنظيم داعش خلال مداهمة في مدينة الصنمين بريف درعا.",
        "arrest"),
    "local forces' raid netting suspects (en)": (
        "Asayish detain four ISIS suspects in raid on Tal Tamr homes",
        "The Asayish detained four suspected Islamic State members on Thursday during a raid on homes in the town of Tal Tamr.",
        "arrest"),
    "airborne landing with an arrest is a raid": (
        "إنزال جوي للتحالف في بلدة الشحيل ينتهي باعتقال قيادي في داعش",
        "نفذت قوات التحالف الدولي، فجر الجمعة، عملية إنزال جوي في بلدة الشحيل بريف دير الزور، واعتقلت قياديا في تنظيم داعش.",
        "raid"),
    "joint raid with the coalition is a raid": (
        "SDF and coalition raid homes in Markada, detain three ISIS suspects",
        "A joint force of the SDF and the US-led coalition raided several homes in the town of Markada at dawn on Sunday and detained three Islamic State suspects.",
        "raid"),
    "dismantled cell that planned a bombing is an arrest": (
        "الداخلية تفكك خلية لداعش خططت لتفجير في مدينة حمص",
        "أعلنت وزارة الداخلية، الثلاثاء، تفكيك خلية تابعة لتنظيم داعش في مدينة حمص كانت تخطط لتفجير سيارة مفخخة.",
        "arrest"),
    "escape with recapture is an escape": (
        "فرار نساء من عائلات داعش من مخيم الهول والأسايش تعتقل ثلاثا منهن",
        "تمكنت عدة نساء من عائلات عناصر تنظيم داعش، فجر الخميس، من الفرار من مخيم الهول، قبل أن تعتقل قوى الأسايش ثلاثا منهن.",
        "escape"),
    "escape headline in the present tense": (
        "عائلات من داعش يفرون من مخيم الهول",
        "فرت عائلات من عناصر تنظيم داعش، ليلة الأحد، من مخيم الهول شرقي الحسكة، وأعادت الأسايش بعضها.",
        "escape"),
    "mutual fighting is a clash": (
        "اشتباكات بين قسد وخلية لداعش في ريف الشدادي",
        "اندلعت اشتباكات عنيفة، مساء الثلاثاء، بين قوات سوريا الديمقراطية وخلية تابعة لتنظيم داعش قرب بلدة الشدادي جنوبي الحسكة.",
        "clash"),
    "one-sided ambush is an attack": (
        "كمين لخلايا داعش يستهدف دورية للجيش قرب السخنة",
        "نصب عناصر من تنظيم داعش، الأحد، كمينا لدورية للجيش السوري قرب مدينة السخنة، ما أدى إلى مقتل جنديين.",
        "attack"),
    "suicide bombing is an attack": (
        "تفجير انتحاري يستهدف حاجزا للأمن العام في بلدة الضمير",
        "فجر انتحاري يتبع لتنظيم داعش حزاما ناسفا، صباح الإثنين، عند حاجز للأمن العام في مدخل بلدة الضمير بريف دمشق.",
        "attack"),
    "weapons cache with explosives is other": (
        "العثور على مستودع أسلحة وعبوات ناسفة لداعش قرب تدمر",
        "عثرت وحدات من الجيش، الأحد، على مستودع أسلحة يحتوي عبوات ناسفة معدة للتفجير وألغاما تعود لخلايا داعش قرب مدينة تدمر.",
        "other"),
    "thwarted attack, arrests told next": (
        "قوى الأمن تحبط هجوما لداعش على كنيسة في مدينة حماة",
        "أحبطت قوى الأمن العام، الأحد، هجوما كانت تعتزم خلية لداعش تنفيذه على كنيسة في مدينة حماة. "
        "واعتقلت القوى ثلاثة من أفراد الخلية بعد مداهمة مخبئهم.",
        "arrest"),
    "perpetrators of a bombing caught": (
        "القبض على منفذي تفجير السيارة المفخخة في مدينة منبج",
        "ألقت قوى الأمن، الثلاثاء، القبض على اثنين من منفذي تفجير السيارة المفخخة الذي ضرب مدينة منبج، وتبين انتماؤهما لتنظيم داعش.",
        "arrest"),
    "roadside bomb is an ied": (
        "مقتل عنصرين من قسد بانفجار عبوة ناسفة في ريف الرقة",
        "قتل عنصران من قسد، صباح الأربعاء، بانفجار عبوة ناسفة زرعتها خلايا داعش على طريق بلدة الكرامة شرقي الرقة.",
        "ied"),
}


@pytest.mark.parametrize("title,body,type_", TYPES.values(), ids=TYPES.keys())
def test_incident_type(det, title, body, type_):
    assert incident(det, title, body).type == type_


TOLLS = {
    "arabic update after «إلى»": (
        "ارتفاع حصيلة هجوم داعش على حاجز في بلدة البصيرة إلى خمسة قتلى",
        "قتل ثلاثة عناصر من قسد، الثلاثاء، بهجوم لخلايا داعش على حاجز في بلدة البصيرة، ثم ارتفعت الحصيلة إلى خمسة قتلى.",
        5),
    "english toll rises to": (
        "Death toll from ISIS attack in al-Busayrah rises to 6",
        "The death toll from Tuesday's Islamic State attack on a checkpoint in the town of al-Busayrah rose to 6, the SDF said.",
        6),
}


@pytest.mark.parametrize("title,body,killed", TOLLS.values(), ids=TOLLS.keys())
def test_toll_update_states_the_new_total(det, title, body, killed):
    assert incident(det, title, body).killed == killed


PLACES = {
    "near the capital with a Rural Damascus town named": (
        "US forces kill ISIS commander in raid near Damascus",
        "U.S. forces killed an Islamic State commander in a helicopter raid near Damascus on Sunday. "
        "The raid targeted a house in the town of Dumayr, residents said.",
        "Dumayr", "Rural Damascus"),
    "near the capital alone is its countryside": (
        "ISIS attack kills three soldiers near Damascus",
        "Three Syrian soldiers were killed on Monday when Islamic State militants attacked a checkpoint east of Damascus.",
        None, "Rural Damascus"),
    "قرب دمشق is its countryside": (
        "مقتل ثلاثة جنود بهجوم لداعش قرب دمشق",
        "قتل ثلاثة جنود من الجيش السوري، الإثنين، بهجوم لخلايا داعش على حاجز عسكري شرقي دمشق.",
        None, "Rural Damascus"),
    "capital inside the city stays Damascus": (
        "القبض على خلية لداعش في حي الميدان بدمشق",
        "ألقت قوى الأمن العام، الأحد، القبض على ثلاثة من أفراد خلية لتنظيم داعش في دمشق.",
        None, "Damascus"),
}


@pytest.mark.parametrize("title,body,place,gov", PLACES.values(), ids=PLACES.keys())
def test_place(det, title, body, place, gov):
    inc = incident(det, title, body)
    assert (inc.place, inc.governorate) == (place, gov)


@pytest.mark.parametrize("sentence", [
    "Iraqi jets struck an Islamic State hideout near al-Bukamal on Monday. The strike was coordinated with Damascus.",
    "نفذت طائرات عراقية غارة على مخبأ لداعش قرب البوكمال الإثنين، بالتنسيق بين بغداد ودمشق.",
    "Islamic State fighters attacked a checkpoint near al-Bukamal on Monday, Damascus said.",
], ids=["with Damascus", "بين بغداد ودمشق", "Damascus said"])
def test_capital_as_government_is_not_a_place(det, sentence):
    a = det.analyse(Item("t", "1", "", "", sentence, PUBLISHED))
    names = {h.place.name for h in a.places.syrian}
    assert "Damascus" not in names and "al-Bukamal" in names
