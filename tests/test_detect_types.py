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
- a toll update states the new total after «إلى» / "to";
- the headline event wins: an arrest headline stays an arrest when the body tells the
  cell's past or planned attacks, seized explosives or the suspect's role; only a lead
  telling the attack happening (casualties, no plan or back-reference) overrides it;
- a foiled plot with nothing else told is an arrest;
- a security raid that kills militants is a raid even if it also nets arrests;
- a kidnapping beats the raid or attack it was done in;
- sticky/magnetic/roadside bombs are IEDs even when the claim says "attack".
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
    # -- the headline event wins
    "dismantled cell whose past attack and explosives are told": (
        "الأمن السوري يعلن تفكيك خلية لتنظيم الدولة في جبلة",
        "أعلنت وزارة الداخلية السورية، الثلاثاء، تفكيك خلية تابعة لتنظيم الدولة الإسلامية في مدينة جبلة، "
        "وقالت إن الخلية كانت مسؤولة عن هجوم استهدف حاجزا أمنيا الشهر الماضي، وضبطت بحوزتها عبوات ناسفة.",
        "arrest"),
    "arrest of a cell after its bombing a week ago": (
        "القبض على ٣ من خلايا \"الدولة\" في بانياس",
        "ألقت قوى الأمن العام، الأربعاء، القبض على ثلاثة من عناصر خلايا تنظيم الدولة الإسلامية في مدينة بانياس، "
        "بعد أن نفذوا تفجير عبوة ناسفة على طريق المدينة قبل أسبوع.",
        "arrest"),
    "arrest headline, the suspect's role is explosives": (
        "اعتقال خبير متفجرات في داعش داخل أعزاز",
        "اعتقلت قوى الأمن، السبت، خبير متفجرات في تنظيم داعش داخل مدينة أعزاز بريف حلب، "
        "كان مسؤولا عن تصنيع العبوات الناسفة وتفجير سيارة مفخخة.",
        "arrest"),
    "dismantled cell that bombed last month (en)": (
        "Syria says it dismantled an IS cell in Jableh",
        "Syria's interior ministry said on Tuesday it had dismantled an Islamic State cell in Jableh that carried "
        "out a bombing on a checkpoint last month, killing two soldiers.",
        "arrest"),
    "arrest of an IS explosives expert (en)": (
        "Syrian security forces arrest IS bomb-maker in Azaz",
        "Syrian security forces on Saturday arrested an Islamic State explosives expert in Azaz who had built car bombs.",
        "arrest"),
    "new details of a foiled plot against a church": (
        "خلية المزة.. تفاصيل جديدة عن مخطط استهداف كنيسة",
        "كشفت وزارة الداخلية، الأحد، تفاصيل جديدة عن خلية تنظيم داعش في حي المزة بدمشق، التي خططت لاستهداف كنيسة بعبوة ناسفة.\n"
        "وقالت الوزارة إن أفراد الخلية اعترفوا بتجهيز عبوات ناسفة وأحزمة ناسفة.",
        "arrest"),
    "arrest headline, but the lead tells the deadly attack": (
        "القبض على مسلحين من داعش في ذيبان",
        "قتل عنصران من قسد وأصيب ثالث، صباح اليوم، بهجوم لمسلحين من داعش على حاجز في بلدة ذيبان، "
        "قبل أن تتمكن القوات من القبض على اثنين من المهاجمين.",
        "attack"),
    "capture in a heliborne raid stays a raid": (
        "US forces capture ISIS leader in Syria",
        "U.S. forces captured a senior Islamic State leader in a heliborne raid near al-Bab on Sunday, CENTCOM said.",
        "raid"),
    # -- a raid that kills
    "security raid killing two militants (en)": (
        "Two IS members killed in security raid on Harem hideout",
        "Syrian security forces killed two Islamic State members and arrested a third during a raid on a hideout "
        "in the town of Harem in Idlib province on Tuesday.",
        "raid"),
    "security raid killing two militants (ar)": (
        "مقتل عنصرين من داعش خلال مداهمة أمنية في حارم",
        "قتل عنصران من تنظيم داعش واعتقل ثالث، الثلاثاء، خلال مداهمة نفذتها قوى الأمن العام لمخبأ في مدينة حارم بريف إدلب.",
        "raid"),
    # -- kidnapping
    "kidnapping after storming a home": (
        "خطف مدرّس على يد مسلحين من التنظيم",
        "داهم مسلحون من تنظيم داعش، مساء الإثنين، منزل مدرس في بلدة الشحيل بريف دير الزور، واختطفوه واقتادوه إلى جهة مجهولة.",
        "kidnapping"),
    "kidnapping after attacking a car": (
        "خطف مدرّس على يد مسلحين من التنظيم في ريف دير الزور",
        "هاجم مسلحون يتبعون لتنظيم داعش، مساء الإثنين، سيارة مدرس على طريق بلدة الشحيل، وخطفوه.",
        "kidnapping"),
    "kidnapped in a raid on his home (en)": (
        "Teacher kidnapped by IS gunmen in raid on his home",
        "Islamic State gunmen raided the home of a teacher in the town of al-Shuhayl on Monday night and kidnapped him, locals said.",
        "kidnapping"),
    # -- bombs
    "sticky bomb, claimed as an attack": (
        "Sticky bomb wounds two in Damascus's Rukn al-Din; IS claims attack",
        "A sticky bomb attached to a car exploded in the Rukn al-Din district of Damascus on Saturday, wounding two people. "
        "The Islamic State claimed the attack.",
        "ied"),
    "magnetic bomb kills an officer": (
        "Magnetic bomb kills officer in Deir ez-Zor; ISIS claims attack",
        "A magnetic bomb attached to an officer's car went off in the city of al-Mayadin on Saturday, killing him. ISIS claimed the attack.",
        "ied"),
    "عبوة لاصقة claimed as a هجوم": (
        "داعش يتبنى هجوما بعبوة لاصقة في دمشق",
        "تبنى تنظيم داعش الهجوم بعبوة لاصقة استهدف سيارة في حي ركن الدين بدمشق، السبت، ما أدى إلى إصابة شخصين.",
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
        "al-Midan", "Damascus"),
    "capital alone inside the city: no place": (
        "القبض على خلية لداعش في دمشق",
        "ألقت قوى الأمن العام، الأحد، القبض على ثلاثة من أفراد خلية لتنظيم داعش في دمشق.",
        None, "Damascus"),
    # Relative positions resolve to the named place; a dateline and "Damascus said" are not places.
    "north of Palmyra, Damascus dateline and metonym": (
        "Air strikes hit IS hideouts north of Palmyra: Syria",
        "DAMASCUS (AFP) - Syrian and Russian air strikes hit Islamic State hideouts north of Palmyra on Sunday, Damascus said.",
        "Palmyra", "Homs"),
    "«شمال تدمر», «دمشق -» dateline, «أعلنت دمشق»": (
        "غارات على مواقع لداعش شمال تدمر",
        "دمشق - شنت طائرات حربية، الأحد، غارات على مواقع لتنظيم داعش شمال تدمر، بحسب ما أعلنت دمشق.",
        "Palmyra", "Homs"),
    # Kurdish-administration names (AANES, Hawar, Kurdistan24).
    "«تربه سبيه» is al-Qahtaniyah": (
        "هجوم لداعش في تربه سبيه",
        "هاجمت خلايا تنظيم داعش، مساء الأحد، حاجزا للأسايش في مدينة تربه سبيه، ما أدى لإصابة عنصرين.",
        "al-Qahtaniyah", "Al-Hasakah"),
    "Tirbespiye (en)": (
        "ISIS cell attacks Asayish checkpoint in Tirbespiye",
        "An ISIS cell attacked an Asayish checkpoint in Tirbespiye on Sunday, wounding two members.",
        "al-Qahtaniyah", "Al-Hasakah"),
    "«قامشلو» is al-Qamishli": (
        "اعتقال خلية لداعش في قامشلو",
        "اعتقلت قوى الأمن الداخلي، الإثنين، خلية لتنظيم داعش في مدينة قامشلو.",
        "al-Qamishli", "Al-Hasakah"),
    "Derik is al-Malikiyah": (
        "ISIS suspect arrested in Derik", "Asayish arrested an ISIS suspect in Derik on Monday.",
        "al-Malikiyah", "Al-Hasakah"),
    "«كركي لكي» is al-Maabadah": (
        "اعتقال عنصر من داعش في كركي لكي",
        "اعتقلت قوى الأمن الداخلي، الإثنين، عنصرا من تنظيم داعش في ناحية كركي لكي.",
        "al-Maabadah", "Al-Hasakah"),
    "«سري كانيه» is Ras al-Ayn": (
        "هجوم لداعش قرب سري كانيه", "هاجم عناصر من داعش، الإثنين، نقطة لقسد قرب سري كانيه.",
        "Ras al-Ayn", "Al-Hasakah"),
    "Jil Agha is al-Jawadiyah": (
        "ISIS attack in Jil Agha", "ISIS gunmen attacked a checkpoint in Jil Agha on Monday.",
        "al-Jawadiyah", "Al-Hasakah"),
    "Til Koçer is al-Yarubiyah": (
        "ISIS attack near Til Koçer", "ISIS gunmen attacked a checkpoint near Til Koçer on Monday.",
        "al-Yarubiyah", "Al-Hasakah"),
    "Dirbêsiyê is al-Darbasiyah": (
        "ISIS attack in Dirbêsiyê", "ISIS gunmen attacked a checkpoint in Dirbêsiyê on Monday.",
        "al-Darbasiyah", "Al-Hasakah"),
    "Kobane is in Aleppo": (
        "ISIS cell arrested in Kobane", "Asayish arrested an ISIS cell in Kobane on Monday.",
        "Kobani", "Aleppo"),
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


NAME_CUES = {
    # cue_names (places.yaml): one name of a place is an ordinary word, its others are not.
    "«القحطانية» as an adjective is no place": ("هاجم داعش القبائل القحطانية في سوريا، وفق تقرير.", "al-Qahtaniyah", False),
    "«تربه سبيه» needs no cue": ("هاجم داعش حاجزا في تربه سبيه يوم الأحد.", "al-Qahtaniyah", True),
    "«القحطانية» after a cue word": ("هاجم داعش حاجزا في بلدة القحطانية يوم الأحد.", "al-Qahtaniyah", True),
    "«المعبدة» as 'paved' is no place": ("زرع داعش عبوات على الطرق المعبدة في سوريا.", "al-Maabadah", False),
    # A relative position is a cue like «مدينة»: «تدمر» after «شمال» is Palmyra, not "destroys".
    "«شمال تدمر» is Palmyra": ("غارات على مواقع داعش شمال تدمر.", "Palmyra", True),
    "north of Palmyra": ("Strikes hit IS hideouts north of Palmyra.", "Palmyra", True),
    "«تدمر» the verb stays no place": ("قال مسؤول إن الغارات تدمر مواقع داعش.", "Palmyra", False),
}


@pytest.mark.parametrize("text,place,found", NAME_CUES.values(), ids=NAME_CUES.keys())
def test_place_name_cues(det, text, place, found):
    a = det.analyse(Item("t", "1", "", "", text, PUBLISHED))
    assert (place in {h.place.name for h in a.places.syrian}) is found
