"""Blind-set classes, on new sentences (not copied from any evaluation set).

Numbers refer to the classes of the November 2026 review:
1. feature/question headlines: a lead that sets a day and a place («فجر اليوم»، "on Tuesday")
   anchors the next few sentences, and ISIS may be named later in the first paragraphs;
   helicopters with loudspeakers ordering people indoors are a heliborne raid;
2. obituary/human-angle headlines with the killing in the body;
3. people smuggled out of al-Hol or a prison are an escape (goods or smuggling into a camp are not);
4. an appeal about people abducted days ago by ISIS is a kidnapping («قبل يومين» is a day
   anchor); an appeal about detentions of years stays quiet;
5. arson (extortion «ادفع أو نحرق») is `other`; an accidental fire is no incident;
6. a joint operation with the coalition is a raid; of local forces alone, an arrest;
7. a plan quoted in the headline with an arrest announced is an arrest;
8. a body found is a killing, even of a kidnapped man;
9. forces cornering a cell with deaths: clash; an attack on a checkpoint stays an attack
   when the exchange of fire is told;
10. ISIS killing three or more in one act is an attack; executions and one or two killed
    stay killings;
11. a road's ends («طريق تدمر - دير الزور») are not the place; the headline's area and a
    town beat them, but a town that ends the road beats a province named beside it;
12. gunmen who torch or rob at a fake checkpoint without killing: other.
"""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.detect import Detector
from monitor.models import Item
from tests.detectcase import PUBLISHED, assert_case

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def det():
    return Detector.load(ROOT / "config" / "watchlists")


CASES = {
    "1 question headline: helicopters + loudspeakers, residents' account (ar)": (
        'طائرات ومكبرات صوت.. ماذا حدث في قرية الطيانة فجر اليوم؟',
        'استيقظ سكان قرية الطيانة بريف دير الزور الشرقي فجر اليوم على أصوات طائرات مروحية تحلق على علو منخفض، ومكبرات صوت تطالبهم بالبقاء داخل منازلهم.\nوقال أحد السكان إن قوة نزلت من المروحيات وطوقت منزلين في طرف القرية، واقتادت ثلاثة شبان إلى جهة مجهولة.\nورجحت مصادر محلية أن الشبان متهمون بالانتماء إلى خلايا تنظيم داعش.',
        ('raid', 'Deir ez-Zor')),
    "1 question headline: helicopters + loudspeakers, residents' account (en)": (
        'Helicopters and loudspeakers: what happened in Dhiban overnight?',
        'Residents of the town of Dhiban in eastern Deir ez-Zor woke before dawn on Tuesday to the sound of helicopters circling low and loudspeakers ordering people to stay inside.\nWitnesses said troops stormed two houses and took away three men.\nLocal sources said the men were suspected members of Islamic State cells.',
        ('raid', 'Deir ez-Zor')),
    '2 obituary headline, killing by IS gunmen in the body (en)': (
        "'He solved everyone's problems': al-Shuhail mourns its slain mukhtar",
        'The town of al-Shuhail in eastern Deir ez-Zor buried its mukhtar on Wednesday, a day after he was killed outside his home.\nRelatives said two gunmen on a motorcycle opened fire on him as he left the mosque on Tuesday evening.\nIslamic State claimed the killing through its Amaq agency, accusing him of collaborating with the SDF.',
        ('killing', 'Deir ez-Zor')),
    '2 obituary headline, killing in the body (ar)': (
        '«كان يحل مشاكل الجميع».. الشحيل تودع مختارها',
        'شيّع أهالي بلدة الشحيل في ريف دير الزور الشرقي، أمس الأربعاء، مختار البلدة الذي قُتل برصاص مسلحين أمام منزله.\nوقال أقارب له إن مسلحين يستقلون دراجة نارية أطلقوا النار عليه مساء الثلاثاء.\nوتبنى تنظيم داعش عملية القتل عبر وكالة أعماق.',
        ('killing', 'Deir ez-Zor')),
    '3 women smuggled out of al-Hol by a network is an escape (ar)': (
        'تهريب نساء أجنبيات من مخيم الهول عبر شبكة منظمة',
        'كشفت مصادر محلية أن شبكة منظمة تمكنت، مساء الأحد، من تهريب أربع نساء أجنبيات من عائلات عناصر تنظيم داعش من مخيم الهول بريف الحسكة.\nوأضافت المصادر أن عملية التهريب جرت مقابل مبالغ مالية كبيرة.',
        ('escape', 'Al-Hasakah')),
    '3 smuggled out of al-Hol is an escape (en)': (
        'Smuggling network takes foreign women out of al-Hol camp',
        'A smuggling network helped five foreign women linked to Islamic State leave al-Hol camp in Hasakah on Sunday night, local sources said.\nThe women were smuggled out hidden in a water tanker.',
        ('escape', 'Al-Hasakah')),
    "4 families' appeal about workers abducted by ISIS two days ago (ar)": (
        'أهالي عمال مخطوفين: لا نعرف شيئاً عن أبنائنا منذ يومين',
        'يناشد أهالي خمسة عمال من بلدة معدان بريف الرقة الجهات المعنية للكشف عن مصير أبنائهم، بعد أن اختطفتهم خلايا تنظيم داعش قبل يومين أثناء عودتهم من عملهم في البادية.\nوقال والد أحد العمال إن العائلات لا تعرف شيئا عن أبنائها منذ يومين.',
        ('kidnapping', 'Raqqa')),
    '4 appeal about sons detained for years stays quiet': (
        'أهال يطالبون بالكشف عن مصير أبنائهم المعتقلين في سجون قسد',
        'طالب أهالي معتقلين من ريف دير الزور، الأحد، بالكشف عن مصير أبنائهم المعتقلين منذ سنوات في سجون قسد بتهمة الانتماء لتنظيم داعش.\nونظم الأهالي وقفة احتجاجية في بلدة الشحيل.',
        None),
    '5 extortion arson of harvesters is other': (
        '«ادفع أو نحرق».. مزارعون في ريف الرقة يروون تهديدات داعش',
        'قال مزارعون في ريف الرقة الشرقي إن خلايا تنظيم داعش أحرقت، ليل الإثنين، حصادتين ومحصول القمح في قرية الكالطة بعد رفض أصحابها دفع «الزكاة».\nوأضاف المزارعون أن رسائل تهديد وصلتهم خلال الأيام الماضية تطالبهم بالدفع.',
        ('other', 'Raqqa')),
    '6 arrest of an emir in a joint operation with the coalition is a raid (ar)': (
        'قسد تعتقل «أميراً» في داعش بريف الحسكة',
        'أعلنت قوات سوريا الديمقراطية، الخميس، القبض على «أمير» في تنظيم داعش في بلدة الشدادي بريف الحسكة الجنوبي، في عملية مشتركة مع التحالف الدولي.',
        ('raid', 'Al-Hasakah')),
    '6 joint operation with «التحالف» in the lead, arrest headline (ar)': (
        'القبض على أمير في داعش بعملية مشتركة مع التحالف',
        'ألقت قوات سوريا الديمقراطية القبض، فجر الخميس، على أمير في تنظيم داعش في بلدة الشدادي بريف الحسكة، في عملية مشتركة مع التحالف.',
        ('raid', 'Al-Hasakah')),
    '6 joint operation with the coalition is a raid (en)': (
        'SDF captures IS emir in joint operation with coalition',
        'The SDF said on Thursday it captured an Islamic State emir in the town of al-Shaddadi in southern Hasakah in a joint operation with the coalition.',
        ('raid', 'Al-Hasakah')),
    '7 quoted plan in the headline + arrest announced is an arrest (ar)': (
        '«كانوا يستعدون لتفجير كنيسة».. الداخلية تعلن القبض على خلية لداعش',
        'أعلنت وزارة الداخلية السورية، الأحد، القبض على خلية تابعة لتنظيم داعش في مدينة حمص، قالت إن عناصرها كانوا يستعدون لتفجير كنيسة في المدينة.',
        ('arrest', 'Homs')),
    '7 quoted plan in the headline + arrest is an arrest (en)': (
        "'They were preparing to bomb a church': Interior ministry arrests IS cell",
        'The Syrian interior ministry said on Sunday it had arrested an Islamic State cell in the city of Homs that was preparing to bomb a church.',
        ('arrest', 'Homs')),
    '8 body of a kidnapped man found is a killing (ar)': (
        'العثور على جثة شاب مختطف في ريف دير الزور',
        'عثر أهالي بلدة ذيبان بريف دير الزور، صباح الأحد، على جثة شاب كان قد اختطف قبل أيام على يد مسلحين يعتقد أنهم من خلايا داعش.',
        ('killing', 'Deir ez-Zor')),
    '8 body of an abducted man found is a killing (en)': (
        'Body of abducted young man found in Deir ez-Zor countryside',
        'Residents of the town of Dhiban found on Sunday the body of a young man who had been abducted days earlier by gunmen believed to be Islamic State members.',
        ('killing', 'Deir ez-Zor')),
    '9 forces corner an IS cell, three dead: clash (en)': (
        'Three dead as security forces corner IS cell in Homs countryside',
        'Three people were killed on Monday when security forces cornered an Islamic State cell in a house in the town of al-Qaryatayn, sparking an hour-long exchange of fire.',
        ('clash', 'Homs')),
    '9 siege of a cell with a firefight: clash (ar)': (
        'ثلاثة قتلى في اشتباك بين الأمن العام وخلية لداعش في القريتين',
        'قتل ثلاثة أشخاص، الإثنين، في اشتباك اندلع بعد أن حاصرت قوى الأمن العام خلية لتنظيم داعش داخل منزل في مدينة القريتين بريف حمص.',
        ('clash', 'Homs')),
    '9 night attack on a checkpoint, clash told later: attack': (
        'هجوم ليلي على حاجز في ريف دير الزور وقتلى في صفوف قسد',
        'هاجمت خلايا تابعة لتنظيم داعش، ليل الأحد، حاجزا لقوات سوريا الديمقراطية في بلدة الصبحة بريف دير الزور الشرقي، ما أسفر عن مقتل ثلاثة عناصر.\nواندلع اشتباك بين المهاجمين وعناصر الحاجز استمر لنحو نصف ساعة قبل انسحاب المهاجمين.',
        ('attack', 'Deir ez-Zor')),
    '10 truffle hunters killed in an attack: attack (ar)': (
        'مقتل 12 من جامعي الكمأة بهجوم لداعش في بادية حماة',
        'قتل 12 مدنيا من جامعي الكمأة، الثلاثاء، بهجوم شنه عناصر من تنظيم داعش في بادية السلمية شرقي حماة.',
        ('attack', 'Hama')),
    '10 IS kills 15 truffle hunters: attack (en)': (
        'IS kills 15 truffle hunters in Syrian desert',
        'Islamic State militants killed 15 truffle hunters on Tuesday in the desert east of Salamiyah in Hama province, a war monitor said.',
        ('attack', 'Hama')),
    '10 headline count «يقتل 9»: attack (ar)': (
        'داعش يقتل 9 من باحثي الكمأة في بادية دير الزور',
        'قتل عناصر من تنظيم داعش، أمس، تسعة مدنيين كانوا يجمعون الكمأة في بادية الميادين بريف دير الزور.',
        ('attack', 'Deir ez-Zor')),
    '11 Homs desert, Palmyra-Deir ez-Zor road near al-Sukhnah (en)': (
        'Roadside bombing in Homs desert kills two soldiers near al-Sukhnah',
        'A roadside bomb struck a military vehicle on the Palmyra–Deir ez-Zor road near al-Sukhnah in the Homs desert on Tuesday, killing two soldiers. No group claimed it, but Islamic State cells are active in the area.',
        ('ied', 'Homs')),
    '11 «بادية حمص», «طريق تدمر - دير الزور» (ar)': (
        'عبوة ناسفة في بادية حمص تقتل جنديين قرب السخنة',
        'انفجرت عبوة ناسفة، الثلاثاء، بسيارة عسكرية على طريق تدمر - دير الزور قرب مدينة السخنة في بادية حمص الشرقية، ما أدى إلى مقتل جنديين. ولم تتبن أي جهة التفجير، لكن خلايا داعش تنشط في المنطقة.',
        ('ied', 'Homs')),
    '12 fake checkpoint, tanker torched, no casualties: other': (
        'مسلحون يحرقون صهريج محروقات على حاجز وهمي في ريف دير الزور',
        'أقدم مسلحون يعتقد أنهم من خلايا تنظيم داعش، مساء الأحد، على إحراق صهريج محروقات بعد إيقافه على حاجز وهمي قرب بلدة الكبر بريف دير الزور الغربي، دون وقوع إصابات.',
        ('other', 'Deir ez-Zor')),
    '1 feature lead sets day and place; arrests told later, ISIS named in sentence 6 (ar)': (
        'مروحيات ومكبرات صوت.. ماذا جرى في قرية الطيانة فجر اليوم؟',
        'استيقظ سكان قرية الطيانة بريف دير الزور الشرقي فجر اليوم على أصوات طائرات مروحية تحلق على علو منخفض.\nوطالبت مكبرات الصوت السكان بالبقاء داخل منازلهم، فيما انتشر جنود في الأزقة.\nوقال أحد السكان لـ"عنب بلدي" إن القوة داهمت منزلين في طرف القرية واعتقلت ثلاثة شبان، قبل أن تغادر المروحيات مع بزوغ الشمس.\nوأضاف أن العملية استمرت نحو ساعتين.\nوقال مصدر في قوات سوريا الديمقراطية إن العملية نفذت بمشاركة التحالف الدولي.\nواستهدفت العملية، بحسب المصدر، أشخاصا يشتبه بانتمائهم لخلايا تنظيم داعش.',
        ('raid', 'Deir ez-Zor')),
    '1 feature lead sets day and place; ISIS named in sentence 6 (en)': (
        'Helicopters and loudspeakers: what happened in Dhiban at dawn?',
        'Residents of Dhiban in eastern Deir ez-Zor woke at dawn on Tuesday to helicopters circling low over their homes.\nLoudspeakers told people to stay inside as soldiers moved through the streets.\n"They took three young men from the house next to ours," one resident said.\nThe operation lasted about two hours, residents said.\nAn SDF source said the coalition took part in the operation.\nThe men detained were suspected of belonging to Islamic State cells, the source said.',
        ('raid', 'Deir ez-Zor')),
    '4 appeal headline, abduction «قبل يومين» with suffixed noun (ar)': (
        'أهالي عمال مخطوفين يناشدون: لا نعرف شيئاً عن أبنائنا منذ يومين',
        'ناشد أهالي خمسة عمال من بلدة معدان بريف الرقة الجهات المعنية الكشف عن مصير أبنائهم.\nوكانت خلايا تنظيم داعش قد أقدمت على اختطافهم قبل يومين أثناء عودتهم من عملهم في حقل نفطي بالبادية.\nوقال والد أحد العمال إن العائلات لا تعرف شيئا عن أبنائها منذ يومين.',
        ('kidnapping', 'Raqqa')),
    '4 appeal headline, abducted two days ago (en)': (
        "'We know nothing of our sons': families of abducted oil workers appeal",
        'Families of five oil workers from Maadan in rural Raqqa appealed for information about their sons, who were abducted by Islamic State cells two days ago on their way home from a field in the desert.\n"We have heard nothing since," one father said.',
        ('kidnapping', 'Raqqa')),
    '9 lead says clash with men who attacked a checkpoint: attack': (
        'هجوم ليلي على حاجز في ريف دير الزور وقتلى في صفوف قسد',
        'قتل ثلاثة عناصر من قوات سوريا الديمقراطية، ليل الأحد، في اشتباك مع مهاجمين من خلايا تنظيم داعش هاجموا حاجزا في بلدة الصبحة بريف دير الزور الشرقي.',
        ('attack', 'Deir ez-Zor')),
    '9 attack on a checkpoint then clashes: attack': (
        'هجوم ليلي على حاجز لقسد في الصبحة',
        'قتل ثلاثة عناصر من قسد، ليل الأحد، بهجوم شنته خلايا تنظيم داعش على حاجز في بلدة الصبحة بريف دير الزور الشرقي.\nواندلعت اشتباكات بين عناصر الحاجز والمهاجمين استمرت نصف ساعة.',
        ('attack', 'Deir ez-Zor')),
    '11 only «Deir ez-Zor road» in the lead, al-Sukhnah next: Homs': (
        'Roadside bombing in Homs desert kills three',
        'A roadside bomb hit a bus carrying workers on the Deir ez-Zor road on Tuesday, killing three people and wounding five.\nThe blast happened near al-Sukhnah, security sources said.\nIslamic State cells are active in the area.',
        ('ied', 'Homs')),
    '11 Palmyra-Deir ez-Zor highway near al-Sukhnah: Homs': (
        'Roadside bombing in Homs desert kills three',
        'Three people were killed on Tuesday when a roadside bomb struck their car on the Palmyra-Deir ez-Zor highway near al-Sukhnah, in an attack bearing the hallmarks of the Islamic State group.',
        ('ied', 'Homs')),
    '11 «طريق السخنة - دير الزور» under a «بادية حمص» headline: Homs': (
        'انفجار عبوة ناسفة في بادية حمص',
        'قتل ثلاثة أشخاص، الثلاثاء، بانفجار عبوة ناسفة على طريق السخنة - دير الزور.\nواتهمت مصادر محلية خلايا داعش بزرع العبوة.',
        ('ied', 'Homs')),
    '11 Deir ez-Zor-Damascus road near al-Sukhnah: Homs': (
        'Roadside bombing in Homs desert',
        'A roadside bomb exploded on Tuesday on the Deir ez-Zor–Damascus road near al-Sukhnah, killing two soldiers. IS militants are suspected.',
        ('ied', 'Homs')),
    '11 headline town, road to Deir ez-Zor in the body: Homs': (
        'Roadside bomb kills two in Homs desert near al-Sukhnah',
        'Two soldiers were killed on Tuesday when their vehicle hit a roadside bomb on the road to Deir ez-Zor. IS militants are suspected.',
        ('ied', 'Homs')),
    '11 highway to Deir ez-Zor in the second sentence: Homs': (
        'Roadside bombing in Homs desert kills four soldiers',
        'Four Syrian soldiers were killed on Monday when a roadside bomb hit their vehicle near al-Sukhnah, in the eastern Homs desert, a military source said.\nThe vehicle was travelling on the highway to Deir ez-Zor. Islamic State cells are active in the area.',
        ('ied', 'Homs')),
    '11 Deir ez-Zor highway near Sukhna (spelling): Homs': (
        'Roadside bombing in Homs desert kills four soldiers',
        'Four soldiers were killed on Monday when a roadside bomb struck their bus on the Deir ez-Zor highway near Sukhna.\nThe Islamic State group claimed the attack.',
        ('ied', 'Homs')),
    "11 'IS roadside bomb', road linking Palmyra to Deir ez-Zor: Homs": (
        'Roadside bombing in Homs desert',
        'An IS roadside bomb killed four soldiers on Monday near al-Sukhnah, on the main road linking Palmyra to Deir ez-Zor.',
        ('ied', 'Homs')),
    '11 wire dateline, road to Deir ez-Zor: Homs': (
        'Roadside bombing in Homs desert kills four',
        "HOMS, Syria (AP) — A roadside bomb killed four people on Monday in Syria's central Homs desert near the town of al-Sukhnah, on the road to Deir ez-Zor, state media said.\nNo group claimed responsibility, but Islamic State militants are active in the area.",
        ('ied', 'Homs')),
    "11 soldiers 'from Deir ez-Zor' near al-Sukhnah: Homs": (
        'Roadside bombing in Homs desert kills four',
        "A roadside bomb killed four members of the Syrian army's 17th Division from Deir ez-Zor on Monday near al-Sukhnah.\nIslamic State militants are active in the area.",
        ('ied', 'Homs')),
    '11 bus heading to Deir ez-Zor near al-Sukhnah (ar): Homs': (
        'انفجار عبوة ناسفة بحافلة في بادية حمص',
        'قتل أربعة عسكريين، الإثنين، بانفجار عبوة ناسفة استهدفت حافلة كانت متجهة إلى دير الزور قرب السخنة في بادية حمص الشرقية.\nوتنشط خلايا تنظيم داعش في المنطقة.',
        ('ied', 'Homs')),
    '11 bus from Deir ez-Zor passing al-Sukhnah: Homs': (
        'Roadside bombing in Homs desert kills four',
        'Four people were killed on Monday when a bomb planted on the side of the road exploded as a bus from Deir ez-Zor passed near al-Sukhnah.\nIslamic State cells are blamed.',
        ('ied', 'Homs')),
    '3- drugs smuggled into al-Hol are no escape': (
        'ضبط شحنة مخدرات مهربة قرب مخيم الهول',
        'ضبطت قوى الأسايش، الأحد، شحنة مخدرات كانت شبكة تهريب تحاول إدخالها من العراق إلى مخيم الهول الذي يضم عائلات عناصر تنظيم داعش.',
        None),
    '5- an accidental fire in al-Hol is no incident': (
        'حريق يلتهم خيما في مخيم الهول',
        'اندلع حريق، الأحد، في القطاع الخامس من مخيم الهول الذي يضم عائلات عناصر تنظيم داعش، وأتى على عشر خيام بسبب ماس كهربائي.',
        None),
    '1- helicopters overhead alone are no incident': (
        'مروحيات للتحالف تحلق فوق ريف دير الزور',
        'حلقت مروحيات تابعة للتحالف الدولي، مساء الأحد، فوق بلدة ذيبان بريف دير الزور، دون تسجيل أي عملية، في وقت تنشط فيه خلايا داعش بالمنطقة.',
        None),
    '6- joint operation of local forces alone stays an arrest': (
        'عملية مشتركة لقسد والأسايش تنتهي باعتقال عنصرين من داعش في الهول',
        'اعتقلت قوات سوريا الديمقراطية والأسايش، الثلاثاء، عنصرين من خلايا تنظيم داعش في بلدة الهول بريف الحسكة، في عملية مشتركة.',
        ('arrest', 'Al-Hasakah')),
    '11- a road end that is a town beats a province named beside it': (
        'هجوم لداعش على حافلة على طريق الشدادي - الحسكة',
        'قتل سائق حافلة، الأحد، بهجوم شنه عناصر من تنظيم داعش على طريق الشدادي - الحسكة في ريف دير الزور الشمالي.',
        ('attack', 'Al-Hasakah')),
    '10- two killed by gunmen stays a killing': (
        'مقتل شابين برصاص خلايا داعش في ذيبان',
        'قتل شابان، مساء الأحد، برصاص مسلحين من خلايا تنظيم داعش في بلدة ذيبان بريف دير الزور الشرقي.',
        ('killing', 'Deir ez-Zor')),
    '10- an execution of five stays a killing': (
        'داعش يعدم خمسة رعاة في بادية حماة',
        'أعدم عناصر من تنظيم داعش، الثلاثاء، خمسة رعاة في بادية السلمية بريف حماة الشرقي.',
        ('killing', 'Hama')),
    '1- a statement lead sets no scene for a later habitual sentence': (
        'الداخلية تعلن خطة لتأمين البادية',
        'أعلنت وزارة الداخلية السورية، الأحد، خطة لتأمين طرق البادية.\nوقال المتحدث باسم الوزارة إن الخطة تشمل نشر نقاط جديدة.\nوأضاف أن قوات الأمن ستلاحق الخلايا.\nوتشن خلايا تنظيم داعش هجمات على الطرق بين حين وآخر.',
        None),
    '12- gunmen who also kill at a fake checkpoint: attack': (
        'Gunmen torch fuel tanker, kill driver at fake checkpoint in Deir ez-Zor',
        'Gunmen believed to be Islamic State members set up a fake checkpoint near the town of al-Kabar on Sunday, killed the driver of a fuel tanker and torched the truck.',
        ('attack', 'Deir ez-Zor')),
    '12 gunmen torch a tanker, no one hurt: other (en)': (
        'Gunmen torch fuel tanker at fake checkpoint in Deir ez-Zor',
        'Gunmen believed to be Islamic State members set up a fake checkpoint near the town of al-Kabar on Sunday and torched a fuel tanker after ordering the driver out. No one was hurt.',
        ('other', 'Deir ez-Zor')),
    # A city quarter that shares its name with a town elsewhere (al-Hamidiyah is a Tartus
    # town in the gazetteer): with the city named, the city's governorate wins.
    "11 neighbourhood namesake of a town elsewhere, city named (ar)": (
        'مقتل عنصرين من الأمن العام بهجوم لخلايا داعش في حي الحميدية بمدينة حمص',
        'قتل عنصران من الأمن العام مساء الأحد بهجوم نفذه مسلحون يتبعون لتنظيم داعش في حي الحميدية بمدينة حمص.',
        ('attack', 'Homs')),
    "11 neighbourhood namesake of a town elsewhere, city named (en)": (
        'ISIS gunmen kill two security men in Homs',
        'ISIS gunmen killed two General Security members in the Hamidiyah neighbourhood of Homs on Sunday, officials said.',
        ('attack', 'Homs')),
    # Alone, the name still places the incident (a wrong governorate beats a missed alert).
    "11 neighbourhood cue without another place keeps the name (ar)": (
        'هجوم لداعش في حي الحميدية',
        'قتل عنصران من الأمن العام مساء الأحد بهجوم نفذه مسلحون يتبعون لتنظيم داعش في حي الحميدية.',
        ('attack', 'Tartus')),
    # The town itself, named as a town, is still the Tartus one.
    "11 the town named as a town stays in Tartus (ar)": (
        'مقتل عنصرين من الأمن العام بهجوم لخلايا داعش في بلدة الحميدية',
        'قتل عنصران من الأمن العام مساء الأحد بهجوم نفذه مسلحون يتبعون لتنظيم داعش في بلدة الحميدية بريف طرطوس.',
        ('attack', 'Tartus')),
    # -- classes found on real news (a hand-labelled check on published excerpts) --
    # A stated date well before publication is a past event retold, not news.
    "12 analysis retells a dated past attack (ar)": (
        'قراءة في نشاط خلايا داعش في البادية',
        'يرى مراقبون أن التنظيم ما زال قادرا على الضرب في عمق البادية.\nوكان الهجوم الذي جرى في 19 نيسان 2024 على حافلة عسكرية قرب مدينة تدمر قد أسفر عن مقتل 20 جنديا.',
        None),
    "12 a trial story recalls a year-old flight from Syria (en)": (
        'Germany: returnee faces sentencing',
        'Prosecutors say she fled Syria with her children in September of 2018 after Islamic State lost its last towns near al-Bukamal.',
        None),
    # A trend, anniversary or tally headline: the body's incidents are examples.
    "12 trend headline, body example with a place but no day (ar)": (
        'لماذا يعود «داعش» إلى البادية السورية؟',
        'حادثة الهجوم على حاجز للجيش قرب بلدة السخنة ليست معزولة، بل جزء من مشهد أوسع يعكس عودة داعش.\nويقول خبراء إن التنظيم يستغل الفراغ الأمني.',
        None),
    "12 trend headline, body tells an attack with its own day (ar)": (
        'لماذا يعود «داعش» إلى البادية السورية؟',
        'قتل ثلاثة جنود أمس الأربعاء بهجوم لخلايا داعش على حاجز للجيش قرب بلدة السخنة بريف حمص الشرقي.',
        ('attack', 'Homs')),
    "12 anniversary headline, a battle told with a place (ar)": (
        '«في مثل هذا اليوم».. هزيمة داعش في البوكمال',
        'وجاء في البيان أن وحدات من الجيش تحرر مدينة البوكمال في ريف دير الزور، آخر معاقل تنظيم داعش، بعد معارك عنيفة.',
        None),
    "12 a toll of several strikes in the headline is a tally (ar)": (
        'حصيلة هامة لغارات التحالف الدولي على مواقع داعش في دير الزور',
        'ننشر فيما يلي أبرز الغارات التي شنها التحالف على مواقع التنظيم في ريف دير الزور الشرقي منذ مطلع الحملة.',
        None),
    # Another group's incident is not ISIS's, even with ISIS named next to it.
    "12 a strike on another group's leaders, ISIS in the next sentence (ar)": (
        'مسيرة للتحالف تستهدف قياديين في «حراس الدين» بإدلب',
        'استهدفت طائرة مسيرة يعتقد أنها للتحالف الدولي، الاثنين، سيارة في مدينة إدلب، ما أدى إلى مقتل قياديين من تنظيم حراس الدين.\nوكان التحالف قد نفذ عمليات سابقة ضد قادة في تنظيم داعش في المنطقة.',
        None),
    "12 headline on another group: «التنظيم» in the body is that group (ar)": (
        'التحالف الدولي يستهدف قياديا في «أنصار الإسلام» بريف إدلب',
        'شنت طائرات التحالف الدولي، مساء أمس الخميس، غارة جوية على سيارة في ريف إدلب الشمالي.\nوقالت مصادر إن الغارة استهدفت القائد العسكري العام للتنظيم.\nوتلاحق القيادة المركزية قادة تنظيم داعش في المنطقة.',
        None),
    # A purpose is not a deed.
    "12 reinforcements sent to prepare an attack (ar)": (
        'التحالف الدولي يرسل تعزيزات إلى دير الزور لإعداد هجوم على داعش',
        'أرسل التحالف الدولي، الأحد، تعزيزات عسكرية إلى قواعده في ريف دير الزور الشرقي.',
        None),
    # The plan word's «ل» glued to the incident word: the matcher sees «لهجوم» as one word.
    "13 arrested for planning an attack («التخطيط لهجوم») is an arrest (ar)": (
        'القبض على أربعة بتهمة التخطيط لهجوم في ريف حمص',
        'أعلنت وزارة الداخلية، الأحد، القبض على أربعة أشخاص مرتبطين بتنظيم داعش في بلدة القريتين بريف حمص.\nوقالت إنهم كانوا يخططون لتفجير سيارة مفخخة.',
        ('arrest', 'Homs')),
    "13 reinforcements «تمهيدا لهجوم» is a purpose (ar)": (
        'قسد تحشد قواتها في ريف دير الزور تمهيدا لهجوم على خلايا داعش',
        'حشدت قوات سوريا الديمقراطية، الاثنين، تعزيزات في بلدة الصور بريف دير الزور.',
        None),
    "13 «بعد التخطيط» then a deed stays an attack (ar)": (
        'هجوم لخلايا داعش على حاجز لقسد في ريف دير الزور',
        'قال مصدر إن عناصر من داعش نفذوا بعد التخطيط هجوما على حاجز لقسد في بلدة الصور بريف دير الزور مساء الاثنين، ما أدى إلى مقتل عنصرين.',
        ('attack', 'Deir ez-Zor')),
    # A name that opens with its own cue needs no other: «مخيم الهول» without «الحسكة».
    "13 «مخيم الهول» alone places an escape (ar)": (
        'فرار عائلات من عناصر داعش من مخيم الهول',
        'قالت إدارة مخيم الهول إن خمس نساء وأطفالهن فروا من القسم الخاص بعائلات عناصر داعش فجر اليوم عبر فتحة في السياج.',
        ('escape', 'Al-Hasakah')),
    "13 Kurdish «شنگال» is Sinjar, Iraq (ar)": (
        'مقتل اثنين بهجوم لداعش قرب شنگال',
        'قتل اثنان من قوات حماية شنگال، مساء الاثنين، بهجوم شنه مسلحون من داعش على نقطة قرب جبل شنگال.\nوقال مسؤول إن المهاجمين تسللوا من جهة الحسكة.',
        None),
    # Telegram posts: no title, and the post's own headline before a colon is news, not
    # a dateline («توترات في مدينة الحسكة السورية:» says where, with «في»).
    "13 post headline with «في» before a colon is not a dateline (ar)": (
        '',
        'هجوم في مدينة الحسكة: مسلحون من داعش يفتحون النار على حاجز للأسايش مساء اليوم ويقتلون عنصرين.',
        ('attack', 'Al-Hasakah')),
    "13 plural «التفجيرات» is an explosion word (ar)": (
        '',
        'وزارة الداخلية: خلية تابعة لداعش نفذت التفجيرات التي هزت حي المزة في دمشق مساء اليوم.',
        ('ied', 'Damascus')),
    # A statement headline that claims a deed reports it.
    "14 a recording that also claims a killing (ar)": (
        'داعش يتوعد في كلمة صوتية ويتبنى مقتل عنصرين من الأمن العام',
        'نشر تنظيم داعش، الأحد، كلمة صوتية لمتحدثه توعد فيها بمهاجمة الحكومة السورية، وتبنى فيها مقتل عنصرين من الأمن العام في بلدة معدان بريف الرقة.',
        ('killing', 'Raqqa')),
    "14 a recording with threats only stays a statement (ar)": (
        'داعش يتوعد في كلمة صوتية بمهاجمة الحكومة السورية',
        'نشر تنظيم داعش، الأحد، كلمة صوتية لمتحدثه توعد فيها بشن هجمات في بلدة معدان بريف الرقة.',
        None),
    # The one governorate a story names, however far down, is where its place-less incident was.
    "14 helicopter raid in 'northern Syria', the town eight sentences on (en)": (
        'Senior ISIS official killed in US helicopter raid, CENTCOM says',
        'US forces carried out a helicopter raid in northern Syria early on Monday, killing a senior Islamic State official, CENTCOM said.\n'
        'The official was responsible for planning attacks in the region.\nTwo other armed men were killed.\n'
        'No US personnel were hurt.\nThe command did not name the official.\nIt gave no further details.\n'
        'Such raids have become rarer.\nA monitoring group said the raid took place in a village near Jarabulus.',
        ('raid', 'Aleppo')),
    # Seventh and eighth real-news sets (November 2026): remnants told in the lead, recurring
    # harm, death sentences, monthly trends, a cell described in the present tense.
    "15 the lead says the mine was left behind: the later explosion is the same remnant (ar)": (
        'مقتل سبعة مدنيين بانفجار لغم في بادية حمص',
        'قالت وكالة الأنباء الرسمية، اليوم الأحد، إن سبعة مدنيين قتلوا جراء انفجار لغم من مخلفات تنظيم داعش.\n'
        'وأضافت أن الضحايا كانوا يجمعون الكمأة.\nوانفجر اللغم بسيارتهم قرب بلدة السخنة مساء السبت.',
        None),
    "15 recurring deaths in the truffle season are a habit (ar)": (
        'موسم الكمأة في البادية',
        'خلال موسم جمع الكمأة الممتد بين فبراير وأبريل، يتكرر سقوط قتلى جراء انفجار الألغام وهجمات خلايا داعش في بادية حمص.',
        None),
    "15 a death sentence headline is a trial (ar)": (
        'عن محاكمة عناصر داعش في شمال شرق سوريا: القائد لن يحكم بالإعدام',
        'أفاد تقرير، اليوم الاثنين، بأن المحاكم التي أقيمت لعناصر داعش في الحسكة لا تحكم بالإعدام على قادة التنظيم.',
        None),
    "15 monthly trend headline 'in a row' (en)": (
        'February: ISIS attacks in Syria increase for 4th month in a row',
        'According to our data, the ISIS attack tempo in Syria kept rising in February, with 56 attacks, one of them an ambush near al-Sukhnah that killed four soldiers.',
        None),
    "15 a cell «تستهدف» (targeting) is a description: the arrest is the news (ar)": (
        'الأمن العام يعلن القبض على خلية لداعش تستهدف دوريات في إدلب',
        'أعلن الأمن العام، اليوم الثلاثاء، القبض على أربعة عناصر من خلية لتنظيم داعش في مدينة سرمدا بريف إدلب.',
        ('arrest', 'Idlib')),
    # Syria's own ministry acting is at home, even when its sweep names no province.
    "15 the Syrian interior ministry's nationwide sweep (ar)": (
        'الداخلية السورية تعلن تفكيك خلايا لداعش واعتقال عناصر مطلوبة',
        'أعلنت وزارة الداخلية السورية، اليوم السبت، أن وحداتها نفذت عملية أمنية واسعة ضد خلايا داعش في عدة محافظات، أسفرت عن اعتقال 20 عنصرا.',
        ('arrest', None)),
    "15 the Syrian ministry welcomes an arrest in Anbar (ar)": (
        'الداخلية السورية ترحب بالقبض على قيادي في داعش في الأنبار',
        'رحبت وزارة الداخلية السورية، اليوم السبت، بإعلان القوات العراقية القبض على قيادي في تنظيم داعش في محافظة الأنبار غربي العراق.',
        None),
    # Local forces' sweep that netted arrests, told in the next sentence, is an arrest.
    "15 a ministry sweep, the arrests told next (ar)": (
        'سوريا تفكك خلايا لتنظيم داعش',
        'أعلنت وزارة الداخلية السورية، أمس السبت، أن وحداتها نفذت عملية أمنية واسعة ضد خلايا داعش في ريف حمص.\n'
        'وأوضحت الوزارة أن العملية أسفرت عن القبض على 12 عنصرا وضبط أسلحة.',
        ('arrest', 'Homs')),
    "15 a coalition sweep with arrests stays a raid (ar)": (
        'التحالف الدولي يعتقل عناصر من داعش في ريف دير الزور',
        'نفذت قوات التحالف الدولي، أمس السبت، عملية أمنية في بلدة الشحيل بريف دير الزور.\n'
        'وأسفرت العملية عن القبض على ثلاثة عناصر من داعش.',
        ('raid', 'Deir ez-Zor')),
    "15 'a Damascus suburb' is Rural Damascus (en)": (
        "Syria dismantles ISIS cell in Damascus suburb",
        "Syria said on Sunday it had dismantled an ISIS cell in a Damascus suburb and arrested seven people.",
        ('arrest', 'Rural Damascus')),
    "15 an assault on a prison told with its break-out is an escape (en)": (
        'Islamic State attacks prison in Hasakah, escapes feared',
        'Islamic State fighters attacked Ghwayran prison in Hasakah on Thursday night, and dozens of inmates escaped, the SDF said.',
        ('escape', 'Al-Hasakah')),
    "15 an assault on a checkpoint with fleeing attackers stays an attack (ar)": (
        'هجوم لداعش على حاجز في ريف الحسكة',
        'هاجم عناصر من داعش مساء الخميس حاجزا لقسد في بلدة الشدادي بريف الحسكة، وفر المهاجمون باتجاه البادية.',
        ('attack', 'Al-Hasakah')),
    # A named village the gazetteer lacks («بلدة الزعيترات») is still a specific place.
    "15 a killing in an unlisted village, no day told (ar)": (
        'جريمة جديدة لخلايا داعش في دير الزور',
        'وضع عناصر من داعش جثة شاب ذبحوه أمام منزل ذويه في بلدة الزعيترات شرقي دير الزور، مع ورقة تتهمه بالعمالة.',
        ('killing', 'Deir ez-Zor')),
    "15 villages in general are no place (ar)": (
        'خلايا داعش تنشط في ريف دير الزور',
        'تنشط خلايا داعش في قرى ريف دير الزور الشرقي وتنفذ هجمات ضد قسد، وفي القرية الواحدة أكثر من خلية.',
        None),
    # A title-less post (Telegram) opens with its headline: its governorate anchors it,
    # and its trend or habit words make it background, as a title's would.
    "16 title-less post: a flag line, then the news with a governorate (ar)": (
        '',
        '🇸🇾\nمقتل 4 أشخاص وإصابة آخرين في الحسكة بعد فتح النار من قبل تنظيم داعش على حافلة تقلهم',
        ('attack', 'Al-Hasakah')),
    "16 title-less post: a trend is no incident (ar)": (
        '',
        '🇸🇾\nتصاعد هجمات داعش في ريف الحسكة يثير مخاوف الأهالي.',
        None),
    "16 title-less post: repeated attacks are a habit (ar)": (
        '',
        'تشهد محافظة دير الزور هجمات متكررة لخلايا داعش منذ سقوط النظام.',
        None),
    # Ninth real-news set (November 2026).
    "17 Iraqi intelligence arrests a smuggler of ISIS families from al-Hol into Iraq (ar)": (
        'الاستخبارات العراقية تعتقل عنصرا ينقل عائلات داعش',
        'أعلنت الاستخبارات العسكرية العراقية، اليوم الأحد، أنها قبضت على عنصر كان ينقل عائلات داعش من مخيم الهول في سوريا إلى محافظة نينوى.',
        None),
    "17 Iraqi forces' airstrike on ISIS inside Syria stays in Syria (ar)": (
        'غارة عراقية على مواقع داعش في البوكمال',
        'نفذت القوات العراقية، اليوم الأحد، غارة جوية على مواقع لداعش في مدينة البوكمال السورية قرب الحدود مع محافظة الأنبار.',
        ('airstrike', 'Deir ez-Zor')),
    "17 another group's drone under its headline, ISIS named as the camp's people (en)": (
        'SDF says two fighters killed by Turkish drone in Hasakah',
        'The SDF said on Friday that two of its fighters guarding a camp hosting people affiliated with ISIS in Hasakah were killed by a Turkish drone.\n'
        'The Turkish aerial attack hit al-Qayrawan village, where the guards of al-Hol camp live, the SDF said of the camp whose residents have ties to ISIS.',
        None),
    "17 a trend headline that also claims a killing reports it (ar)": (
        'عودة داعش بنسخة جديدة ويعلن مسؤوليته عن اغتيال رئيس مجلس محلي بريف دير الزور',
        'أعلن تنظيم داعش مسؤوليته عن اغتيال رئيس المجلس المحلي في بلدة الكبر بريف دير الزور الغربي بعبوة ناسفة زرعت في سيارته.',
        ('killing', 'Deir ez-Zor')),
    "17 a riot of ISIS detainees in a prison (ar)": (
        'الحسكة.. عصيان في سجن الصناعة الذي يضم عناصر من داعش',
        'شهد سجن الصناعة في حي غويران بمدينة الحسكة، اليوم الأحد، حالة عصيان نفذها معتقلون من تنظيم داعش، وسط استنفار لقوات قسد.',
        ('other', 'Al-Hasakah')),
    # Tenth real-news set (November 2026): the camp of ISIS families.
    "18 a murder in al-Hol, ISIS named only as the camp's context (en)": (
        "Three women's bodies discovered in Hol camp",
        'Security forces discovered the bodies of three women in al-Hol camp on Monday evening.\n'
        'The women were killed by gunshots to the head.\nThe camp holds tens of thousands of people.\n'
        'Most are relatives of fighters.\nAid groups have long warned about conditions.\nWinter is harsh there.\n'
        'Water is scarce.\nSchools are few.\nClinics are overcrowded.\nOfficials said the camp remains a hub for ISIS recruitment.',
        ('killing', 'Al-Hasakah')),
    "18 a murder in an ordinary village, ISIS named only as context, stays unlinked (en)": (
        "Three women's bodies discovered in Tal Hamis",
        'Security forces discovered the bodies of three women in the town of Tal Hamis on Monday evening.\n'
        'The women were killed by gunshots to the head.\nThe town has seen several disputes.\n'
        'Tribal elders called for calm.\nAid groups have long warned about conditions.\nWinter is harsh there.\n'
        'Water is scarce.\nSchools are few.\nClinics are overcrowded.\nOfficials said the region remains a hub for ISIS recruitment.',
        None),
    "18 the lead gives the headline's incident its province, no day told (en)": (
        '11 people were killed in an ISIS attack in Syria',
        'A war monitor reported that 11 truffle pickers were killed in an attack attributed to ISIS in the Raqqa desert.',
        ('attack', 'Raqqa')),
    "18 a lead with a province under a headline that tells nothing stays vague (en)": (
        'The long shadow of ISIS in Syria',
        'A war monitor reported that truffle pickers are killed in attacks attributed to ISIS in the Raqqa desert.',
        None),
    "18 a call to stage attacks on a stated day is a statement (en)": (
        'Islamic State urges attacks in new audio tape',
        'The Islamic State group on Tuesday called on its supporters in Syria and elsewhere to stage attacks in a new audio tape.',
        None),
    "18 a '--' dateline names the desk, not the event (en)": (
        '11 killed in suspected IS attack in Syrian desert',
        'DAMASCUS, March 10 (Xinhua) -- An attack by suspected IS militants killed at least 11 people in the Raqqa desert on Sunday, a war monitor reported.',
        ('attack', 'Raqqa')),
    "18 a murder in al-Hol, no group named at all (ar)": (
        'العثور على جثة رجل مقتول بالرصاص في مخيم الهول',
        'عثرت قوى الأمن الداخلي أمس الثلاثاء على جثة رجل قتل رميا بالرصاص على يد مجهولين في القطاع السادس من مخيم الهول بريف الحسكة.',
        ('killing', 'Al-Hasakah')),
    "18 an Iraqi arrest of a former al-Hol resident, no group named (ar)": (
        'الأمن الوطني: القبض على إرهابي في سنجار كان مقيما في مخيم الهول',
        'أعلن جهاز الأمن الوطني، أمس الثلاثاء، القبض على إرهابي في قضاء سنجار، تبين أنه عاد من مخيم الهول ضمن دفعات العائلات العراقية.',
        None),
    "18 al-Hol news with no incident and no group named (ar)": (
        'حريق يلتهم عشرات الخيام في مخيم الهول',
        'اندلع حريق، أمس الثلاثاء، في القطاع الرابع من مخيم الهول بريف الحسكة، والتهم عشرات الخيام دون إصابات.',
        None),
    "18 'Hawl Camp' without the article (en)": (
        "Asayish arrest 27 ISIS members in Syria's Hawl Camp",
        'The Asayish arrested 27 ISIS members in a security operation in Hawl Camp on Monday.',
        ('arrest', 'Al-Hasakah')),
    "18 a headline counting the years since is an anniversary (ar)": (
        'عام على تجفيف منابع التنظيم.. الباغوز مقبرة داعش في سوريا',
        'قبل عام، أعلنت قسد القضاء على آخر جيوب داعش في بلدة الباغوز بريف دير الزور، بعد معارك عنيفة قتل فيها المئات من عناصر التنظيم.',
        None),
    "18 «الأمن العام على ...» is no anniversary (ar)": (
        'الأمن العام على أهبة الاستعداد بعد هجوم لداعش على حاجز في بلدة الصور',
        'هاجم مسلحون من داعش، فجر اليوم، حاجزا للأمن العام في بلدة الصور بريف دير الزور، ما أدى إلى مقتل عنصرين.',
        ('attack', 'Deir ez-Zor')),
    # Twelfth real-news set (November 2026).
    "19 a foiled ISIS plot is the news, with no arrest told (ar)": (
        'الداخلية السورية تعلن إحباط مخطط إرهابي خلال احتفالات رأس السنة',
        'أعلنت وزارة الداخلية السورية، اليوم الخميس، إحباط مخطط إرهابي لتنظيم داعش كان يستهدف احتفالات رأس السنة في مدينة حلب.',
        ('arrest', 'Aleppo')),
    # Eleventh real-news set (November 2026, scored after all of the above).
    "20 a landmine blast, ISIS named only in the next sentence (en)": (
        'Mine injures civilians in Deir ez-Zor',
        'A landmine exploded in a house in the town of al-Shaafah in Deir ez-Zor countryside on Sunday, injuring two civilians.\n'
        'The area was held by ISIS until 2019, and the group also planted mines across the countryside.',
        None),
    "20 a landmine ISIS planted this week, in the same sentence (en)": (
        'Landmine kills two SDF fighters in Deir ez-Zor',
        'A landmine planted by ISIS cells on Saturday night exploded under an SDF vehicle near the town of Dhiban on Sunday, killing two fighters.',
        ('ied', 'Deir ez-Zor')),
    "20 a monthly report: attacks down (en)": (
        'May sleeper cell report: attacks down but SDF raids in Deir ez-Zor strain tribal ties',
        'Sleeper cell attacks more than halved compared to April.\nSDF raids in Deir ez-Zor greatly increased, and 51 people with links to ISIS were arrested.',
        None),
    "20 «شباط/فبراير الماضي» after a day in words is a past month (ar)": (
        'مقتل 6 بانفجار لغم من مخلفات داعش في ريف حمص',
        'قتل 6 مدنيين، اليوم السبت، بانفجار لغم من مخلفات داعش في بادية السخنة.\n'
        'وكان 53 مواطنا قتلوا في السابع عشر من شهر شباط/فبراير الماضي في هجوم نفذه عناصر تنظيم داعش جنوب شرق مدينة السخنة.',
        None),
    "20 a repelled ISIS attack, one officer killed, is an attack (en)": (
        'Damascus forces foil ISIS attack in Deir Ezzor, one officer killed',
        'Government forces foiled an ISIS attack on a checkpoint in the town of al-Mayadin on Monday, and one officer was killed in the clashes that followed.',
        ('attack', 'Deir ez-Zor')),
    "20 escapees of «سجن الشدادي» (the town's prison) caught: an escape (ar)": (
        'سوريا تعلن ضبط 81 داعشيا هربوا من سجن الشدادي',
        'أعلنت وزارة الداخلية، اليوم الأحد، ضبط 81 عنصرا من داعش هربوا من سجن الشدادي بريف الحسكة، بعد اشتباكات مع حراس السجن.',
        ('escape', 'Al-Hasakah')),
    "20 'ISIS cell linked to Raqqa attack arrested' is an arrest (en)": (
        'ISIS cell linked to Raqqa attack arrested: Asayish',
        'The Asayish said on Monday they had arrested an ISIS cell linked to the attack on a checkpoint in Raqqa city last week.',
        ('arrest', 'Raqqa')),
    "20 English breaking news in the present perfect, no day, no town (en)": (
        'U.S. helicopter raid in Syria targets ISIS leader plotting terror attacks',
        'The U.S. has carried out a helicopter raid in Syria, killing at least three ISIS fighters, one of whom is believed to be a senior leader charged with planning terror attacks in Europe, U.S. officials say.',
        ('raid', None)),
    "20 the present perfect deep in a story is background (en)": (
        'Life returns to the markets of Raqqa',
        'Shops reopened in Raqqa this spring.\nTraders say business is slow.\nPrices have risen since the winter.\n'
        'Officials say the SDF has arrested dozens of ISIS suspects in the province over the years.',
        None),
    "20 two bodies («جثتين») found in al-Hol (ar)": (
        'العثور على جثتين ونفق سري في مخيم الهول',
        'عثرت قوى الأمن الداخلي، أمس الأحد، على جثتين لسيدتين في القطاع الثالث من مخيم الهول، ونفق سري داخل إحدى الخيم.',
        ('killing', 'Al-Hasakah')),
    "20 a massacre's toll rises as two more bodies are found: still the attack (ar)": (
        'ارتفاع حصيلة هجوم داعش على جامعي الكمأة في بادية السخنة إلى 9 قتلى',
        'ارتفعت حصيلة القتلى جراء الهجوم الذي نفذه عناصر من داعش على جامعي الكمأة في بادية السخنة، أمس، إلى 9 أشخاص، بعد العثور على جثتين في واد قريب.',
        ('attack', 'Homs')),
    # A coalition airdrop hunts ISIS, named or not; not when another group is named.
    "20 a coalition airdrop with no group named (ar)": (
        'إنزال جوي للتحالف الدولي في أطمة بريف إدلب',
        'نفذت قوات من التحالف الدولي فجر الأربعاء عملية إنزال جوي في مخيمات أطمة بريف إدلب، وطوقت عدة منازل.',
        ('raid', 'Idlib')),
    "20 a coalition airdrop on another group's leader (ar)": (
        'إنزال جوي للتحالف الدولي يستهدف قياديا في حراس الدين بريف إدلب',
        'نفذت قوات من التحالف الدولي فجر الأربعاء عملية إنزال جوي في بلدة أطمة بريف إدلب استهدفت قياديا في تنظيم حراس الدين.',
        None),
    "20 a landing of another kind («إنزال العلم») opens nothing (ar)": (
        'إنزال العلم في ساحة أطمة',
        'جرى فجر الأربعاء إنزال العلم في ساحة بلدة أطمة بريف إدلب خلال احتفال.',
        None),
    # Fifteenth real-news set (November 2026, scored after every rule above).
    "21 'the former ISIS capital' describes a place, it names no actor (en)": (
        'Roadside bomb injures member of Kurdish-led forces outside former ISIS capital in Syria',
        'A roadside bomb planted by unknown assailants injured a member of the SDF on the outskirts of Raqqa, the former ISIS capital, on Monday.',
        None),
    "21 ISIS fighters 'struck' checkpoints: an assault, not an air strike (en)": (
        "ISIS attacks SDF, Asayish checkpoints in Syria's Deir al-Zor",
        'ISIS fighters struck several checkpoints held by the SDF in the town of Dhiban in eastern Deir al-Zor province on Friday.',
        ('attack', 'Deir ez-Zor')),
    "21 'A year on' is an anniversary (en)": (
        'A year on, failure of Hasakah prison attack has not discouraged ISIS',
        'A year ago on Friday, ISIS cells attacked Ghwayran prison in Hasakah in the largest attack since the fall of Baghuz.',
        None),
    "21 «منذ سقوط نظام الأسد» dates a first, it is no habit (ar)": (
        'اشتباكات في حلب.. أول مواجهة مباشرة بين الأمن السوري وداعش منذ سقوط نظام الأسد',
        'اندلعت اشتباكات عنيفة، اليوم السبت، بين قوات الأمن العام وعناصر من داعش في حي الحيدرية بمدينة حلب، أسفرت عن مقتل عنصر أمني.',
        ('clash', 'Aleppo')),
    # Fourteenth real-news set (November 2026, scored after every rule above but the 15th's).
    "22 relatives remember a massacre «في ذكراها الثانية» (ar)": (
        'جرح لم يهدأ.. ذوو ضحايا يتذكرون مجزرة السويداء في ذكراها الثانية',
        'يستذكر أهالي ضحايا هجوم داعش على مدينة السويداء، اليوم الأربعاء، المجزرة التي راح ضحيتها أكثر من 200 شخص.',
        None),
    "22 SOHR's daily toll of deaths «بظروف مختلفة» (ar)": (
        '31 شخصا قضوا وقتلوا واستشهدوا أمس بظروف مختلفة',
        'وثق المرصد السوري مقتل 31 شخصا أمس بظروف مختلفة، بينهم عنصران من قسد قتلا برصاص خلايا داعش في ريف دير الزور.',
        None),
    "22 the army wipes out a group of ISIS remnants (ar)": (
        'الجيش يقضي على مجموعة لفلول داعش في محافظة درعا',
        'قضت وحدات من الجيش، اليوم السبت، على مجموعة من فلول داعش تحصنت في منزل بمدينة جاسم بريف درعا الشمالي.',
        ('clash', 'Daraa')),
    # An ISIS cell targeted is an operation against the group, not its attack.
    "22 security forces «استهدفت خلية» of ISIS: an operation, not an ISIS attack (ar)": (
        'الأمن الداخلي يستهدف خلية إرهابية تابعة لداعش في ريف اللاذقية',
        'نفذت قوى الأمن الداخلي، اليوم الثلاثاء، عملية استهدفت خلية لداعش في ريف اللاذقية.',
        ('raid', 'Latakia')),
    "22 an air strike that targeted an ISIS cell stays an air strike (ar)": (
        'غارة للتحالف تستهدف خلية لداعش قرب البوكمال',
        'شنت طائرات التحالف، اليوم الثلاثاء، غارة جوية استهدفت خلية لداعش قرب مدينة البوكمال.',
        ('airstrike', 'Deir ez-Zor')),
    # A claim of responsibility names ISIS for the item's incident, however far down.
    "12 car bomb, ISIS claim quoted seven sentences later (ar)": (
        'قتلى وجرحى في انفجار سيارة مفخخة وسط الرقة',
        'دوى انفجار ضخم مساء اليوم الأحد في مدينة الرقة ناجم عن انفجار سيارة مفخخة قرب حاجز لقوات سوريا الديمقراطية.\n'
        'وقالت قسد إن الانفجار أودى بحياة مدني.\nونقل المصابون إلى المشفى الوطني.\nوشهدت المدينة استنفارا أمنيا.\n'
        'وأغلقت الطرق المؤدية إلى وسط المدينة.\nوتعد هذه ثالث حادثة من نوعها.\nوانتشرت دوريات في الأحياء.\n'
        'ونشرت معرفات بيانا منسوبا لتنظيم داعش يؤكد مسؤوليته عن الانفجار.',
        ('ied', 'Raqqa')),
    # A "read also" link is another story; the Iraqi desert is Iraq.
    "12 Iraq story with a «read also» link to a Syrian story (ar)": (
        'داعش يخطف صائدي الكمأ في الصحراء العراقية',
        'قال مواطنون عراقيون إن تنظيم داعش خطف أمس 44 شخصا في الصحراء العراقية.\nأقرأ أيضا:\nقسد تواصل عملياتها ضد داعش في بلدة هجين بريف دير الزور',
        None),
    # Types.
    "12 killed in a helicopter raid is a raid (en)": (
        'US says senior ISIS leader probably killed in Syria helicopter raid',
        'A US helicopter raid in northern Syria early on Monday probably killed a senior leader of the Islamic State group near Jarablus, the US military said.',
        ('raid', 'Aleppo')),
    "12 clashes that followed an attack: an attack (ar)": (
        'مقتل 30 عنصرا في هجوم لتنظيم داعش على مدينة دير الزور',
        'قتل 12 عنصرا من قوات الجيش و18 مقاتلا من تنظيم داعش السبت في اشتباكات أعقبت هجوما للتنظيم على أحياء في مدينة دير الزور.',
        ('attack', 'Deir ez-Zor')),
    "12 six fighters shot dead in one act: an attack (en)": (
        'Gunmen kill six SDF fighters in Deir ez-Zor',
        'Attackers believed to be members of the Islamic State shot dead on Sunday six fighters of the SDF near the town of al-Shuhayl in Deir ez-Zor.',
        ('attack', 'Deir ez-Zor')),
    # The headline's governorate decides between namesakes and origins in the lead.
    "13 headline governorate over a namesake village (ar)": (
        'قتلى بهجوم لتنظيم داعش على قرى في ريف السويداء',
        'قتل 20 مدنيا صباح اليوم الأربعاء بهجوم لتنظيم داعش على قرى المتونة ودوما في ريف السويداء الشرقي.',
        ('attack', 'As-Suwayda')),
    "13 headline governorate over the attackers' home town (ar)": (
        'قسد تعلن القبض على خلية لداعش في الرقة',
        'ألقت قوات سوريا الديمقراطية، الأحد، القبض على خلية لتنظيم داعش في مدينة الرقة، مؤلفة من ثلاثة شبان من بلدة رأس العين.',
        ('arrest', 'Raqqa')),
    # A headline in Syria keeps a lead that mentions a foreign country in Syria.
    "13 a foreign country in the lead, Syria in the headline (en)": (
        'US strike kills senior ISIS leader in Syria',
        'The person killed in the Monday strike was responsible for developing the Islamic State network in Turkey, CENTCOM said.',
        ('airstrike', None)),
    # English names of places that need a cue in Arabic («تدمر» "destroys") need none.
    "13 Palmyra needs no cue in English (en)": (
        'US soldiers killed in Syria ambush',
        'Two US soldiers were killed in an ambush by an ISIS gunman on Saturday in Palmyra.',
        ('attack', 'Homs')),
    "13 Camp Hol (en)": (
        'Body of a woman found in Camp Hol',
        'Security forces discovered on Monday the body of a woman killed by ISIS cells at Camp Hol.',
        ('killing', 'Al-Hasakah')),
    # Habits, repatriations and dated headlines are no new incident.
    "13 a habit is not an event (en)": (
        'Syria: the desert road where ISIS lies in wait',
        'IS fighters and Syrian forces often clash in the area near the ancient city of Palmyra, residents say.',
        None),
    "13 a repatriation is no arrest (en)": (
        'Australia begins repatriation of Islamic State women and children',
        'Australian authorities began on Saturday the repatriation of 60 women married to Islamic State fighters, all detained in Roj camp in Hasakah.',
        None),
    "13 a headline dated years back recalls a massacre (ar)": (
        'مئات القتلى في مجزرة حقل الشاعر عام 2014.. ذكريات سوداء في حمص',
        'وصلت حصيلة قتلى سيطرة داعش على حقل الشاعر للغاز في ريف حمص إلى 350 قتيلا على الأقل.',
        None),
    # -- third real-news round --
    "14 a mine left behind by ISIS, the headline tells the explosion (ar)": (
        'شهيدان بانفجار لغم أرضي بدير الزور',
        'استشهد مدنيان، اليوم الخميس، جراء انفجار لغم أرضي من مخلفات تنظيم داعش في بلدة الكشمة بريف دير الزور الشرقي.',
        None),
    "14 a trial headline: the crimes told in the body are past (ar)": (
        'محاكمة سوري في ألمانيا بتهمة التورط في جرائم داعش في سوريا',
        'وبحسب الادعاء، اقتيد المعتقلون إلى سجن في مدينة الرقة، ونقل الآخرون إلى موقع آخر صباح اليوم التالي، وقتل بعضهم أيضا.',
        None),
    "14 leaders directing attacks is no attack (ar)": (
        'قادة في داعش ينتقلون إلى البادية',
        'ترجح معلومات أن يكون هؤلاء القادة يقومون بإدارة هجمات من مقرهم الجديد في بلدة السخنة، الأحد.',
        None),
    "14 a month named alone, months before publication (en)": (
        'In the Syrian desert, ISIS lives on stolen livestock',
        'In January, a group of ISIS militants killed a shepherd near the town of al-Sukhnah and wounded three others.',
        None),
    "14 «مدينة الرقة» is a specific place (ar)": (
        'مقتل عنصرين من قسد بتفجير عبوة ناسفة لداعش',
        'قتل عنصران من قوات سوريا الديمقراطية بانفجار عبوة ناسفة زرعتها خلايا داعش وسط مدينة الرقة.',
        ('ied', 'Raqqa')),
    "14 own day beats a past year in the same sentence (ar)": (
        'مقتل مدني بانفجار سيارة مفخخة',
        'لقي مدني مصرعه، مساء أمس الاثنين، في انفجار عبوة ناسفة في سيارة بحي القدم في دمشق، في تفجير تبناه تنظيم داعش الذي نفذ تفجيرا في الحي نفسه عام 2018.',
        ('ied', 'Damascus')),
    "14 a bracketed dateline names the desk, not the place (en)": (
        'Syria says it thwarted an ISIS bombing plot',
        '[Idlib] Syria\'s interior ministry said on Saturday it had arrested an Islamic State cell in Rural Damascus.',
        ('arrest', 'Rural Damascus')),
    # -- fourth real-news round --
    "15 a headline saying attacks are rising is a trend piece (ar)": (
        'هجمات خلايا داعش في بادية السخنة تتصاعد.. ماذا في الأساليب والأسباب؟',
        'يرى باحثون أن التنظيم يعتمد على مجموعات صغيرة متنقلة.',
        None),
    "15 a series label before | is not the headline's claim (en)": (
        'ISIS resurgence | Two members of SDF killed in attack on checkpoint in eastern Deir Ezzor countryside',
        'Two members of the SDF were killed on Sunday when ISIS cells attacked a checkpoint in the town of Dhiban in eastern Deir Ezzor.',
        ('attack', 'Deir ez-Zor')),
    "15 a threat headline: the past attack told below is background (en)": (
        'ISIS threatens Syria\'s new leader, calls for global attacks',
        'Last December, the group orchestrated a deadly assault near Palmyra that claimed three American lives.',
        None),
    "15 a landmine left by IS, truffle hunters (en)": (
        'Landmine kills 13 truffle hunters in Syrian desert',
        'A blast from a landmine left by the Islamic State group killed at least 13 civilians foraging for truffles near al-Sukhnah on Monday, a war monitor said.',
        None),
    # Words spelled apart to slip past filters (SOHR's posts, some English headlines).
    "15 «د ا ع ش» and «هـ ـجـ ـوم» spelled apart (ar)": (
        'في هـ ـجـ ـوم لـ «الـ ـتـ ـنـ ـظـ ـيـ ـم».. مـ ـقـ ـتـ ـل مواطن في ريف الرقة',
        'قتل مواطن، أمس الأحد، في هـ ـجـ ـوم لخلايا تنظيم "د ا ع ش" على رعاة أغنام قرب بلدة معدان بريف الرقة.',
        ('attack', 'Raqqa')),
    "15 IS*IS with an asterisk (en)": (
        'IS*IS resurgence | Gu*nman attack truck carrying oil tank in Al-Hasakah countryside',
        'An IS*IS gu*nman attacked on Monday a truck carrying an oil tank near the town of al-Shaddadi in Hasakah countryside.',
        ('attack', 'Al-Hasakah')),
    "15 the arrested cell's past attacks: an arrest (ar)": (
        'الداخلية السورية تضبط خلية لداعش في إدلب',
        'أعلنت وزارة الداخلية السورية، أمس الثلاثاء، ضبط خلية تابعة لتنظيم داعش نفذت هجمات ضد دوريات أمنية في مدينة سرمدا بريف إدلب.',
        ('arrest', 'Idlib')),
    "15 raids break up ISIS cells: an arrest (en)": (
        'Syrian raids break up ISIS cells in Idlib',
        'Syrian security forces on Tuesday raided hideouts in the town of Sarmada and broke up ISIS cells, the interior ministry said.',
        ('arrest', 'Idlib')),
    "16 a commemoration on its own day recalls a past massacre (en)": (
        'Assyrians recall ISIS victims in Tel Tamr',
        'On Monday, the Assyrians of Tel Tamr, north of Hasakah, recalled the victims of the Islamic State attack on their villages in 2015 by visiting their tombs.',
        None),
    # -- fifth real-news round --
    "17 under a remnant headline every explosion told is a remnant (ar)": (
        'مقتل 10 أشخاص بانفجار لغمين من مخلفات داعش وسط سوريا',
        'قتل ثمانية أشخاص بانفجار لغم أرضي في بادية حماة.\nكما لقي طفلان مصرعهما، أمس الأحد، بانفجار لغم آخر زرعه عناصر التنظيم في أرض زراعية بقرية قرب مدينة السلمية.',
        None),
    "17 a count over days is a tally (en)": (
        'ISIS kills 145 civilians and combatants in the Syrian desert in 70 days',
        'The toll includes shepherds and truffle hunters killed near the town of al-Sukhnah.',
        None),
    "17 «حصيلة هجماته» is a tally (ar)": (
        'داعش يكشف حصيلة هجماته الأسبوع الفائت في دير الزور',
        'وتبنى التنظيم هجوما على مقر لقسد في بلدة ذيبان بريف دير الزور الشرقي.',
        None),
    "17 a ceasefire is no shooting (ar)": (
        'عودة الحياة تدريجيا إلى الرقة',
        'ومساء الأحد، وقع الرئيس السوري اتفاقا لوقف إطلاق النار مع قسد في مدينة الرقة، التي طرد منها تنظيم داعش.',
        None),
    "17 a headline about escalating attacks is a trend piece (en)": (
        'Dramatic escalation of ISIS attacks in the Syrian desert',
        'ISIS cells attacked an army post near the town of al-Sukhnah, residents said.',
        None),
    "17 «المزيد من» in a headline is news, not a statement (ar)": (
        'مقتل المزيد من عناصر قسد بهجمات لداعش',
        'قتل ثلاثة عناصر من قسد بهجوم لخلايا داعش على حاجز في بلدة ذيبان بريف دير الزور الشرقي.',
        ('attack', 'Deir ez-Zor')),
    "12 spelling variant Hasakeh (en)": (
        'ISIS attacks checkpoint in Hasakeh',
        'Islamic State gunmen attacked a checkpoint in Hasakeh on Monday, killing two guards.',
        ('attack', 'Al-Hasakah')),
}


@pytest.mark.parametrize(("title", "body", "expected"), CASES.values(), ids=list(CASES))
def test_class(det, title, body, expected):
    assert_case(det, title, body, expected)


def test_a_stated_recent_day_anchors_the_report(det):
    """"Jan. 27" neither ends a sentence nor leaves it without a time; weeks back it is the past."""
    title = 'US strikes Islamic State targets in Syria, CENTCOM says'
    body = ('US Central Command said its forces carried out five strikes on Islamic State targets in Syria '
            'from Jan. 27 through Feb. 2, killing a senior operative.\nThe strikes hit hideouts in the central desert.')
    a = det.analyse(Item("t", "1", "", title, body, datetime(2026, 2, 4, 12, tzinfo=UTC)))
    assert a.facts["concrete_incident"] and a.incident.incident.type == "airstrike"
    late = det.analyse(Item("t", "1", "", title, body, datetime(2026, 3, 20, 12, tzinfo=UTC)))
    assert not late.facts["concrete_incident"]
    assert any(c.sent == 1 and "past event" in c.notes for c in late.incident.candidates)


def test_alerts_follow_the_analysis(det):
    """The incident watchlist alerts on a class-1 feature story and stays quiet on its negative."""
    title, body, _ = CASES["1 feature lead sets day and place; arrests told later, ISIS named in sentence 6 (ar)"]
    dets = det.detect(Item("t", "1", "", title, body, PUBLISHED))
    assert any(d.matched and d.watchlist == "isis-syria" for d in dets)
    title, body, _ = CASES["1- helicopters overhead alone are no incident"]
    dets = det.detect(Item("t", "2", "", title, body, PUBLISHED))
    assert not any(d.matched and d.watchlist == "isis-syria" for d in dets)


def test_agency_datelines_still_name_the_desk_not_the_event():
    from monitor.detect.evidence import _is_dateline

    assert _is_dateline("QAMISHLI, Syria, Dec 20 (Reuters) - ")
    assert _is_dateline("دمشق - ")
    from monitor.detect.evidence import _DATELINE
    assert _DATELINE.match("DAMASCUS, March 25 (Xinhua) -- An attack")
    assert not _is_dateline("توترات في مدينة الحسكة السورية: ")
    assert not _is_dateline("Clashes in Raqqa city: ")


def test_read_also_links_are_blanked_and_sentences_kept():
    from monitor.detect.evidence import _blank_read_also, _sentence_bounds
    from monitor.text import normalise

    def blank(t: str) -> str:
        n = normalise(t)
        out = _blank_read_also(n, _sentence_bounds(n))
        assert len(out) == len(n)  # offsets still map back to the original
        return out

    assert blank("خبر.\nأقرأ أيضا:\nقسد تواصل عملياتها في هجين\nوقال").split() == ["خبر.", "وقال"]
    assert blank("خبر.\nاقرأ أيضاً: قسد تواصل عملياتها\nوقال").split() == ["خبر.", "وقال"]
    assert blank("a.\nRelated: ISIS cell held\nb").split() == ["a.", "b"]
    assert blank("Related to the attack, he said.") == "related to the attack, he said."
    assert blank("he read also the book") == "he read also the book"


def test_a_title_less_post_is_read_as_headline_and_body():
    from monitor.detect.detector import with_headline

    def head(text: str, title: str = "") -> tuple[str, str]:
        it = with_headline(Item("t", "1", "", title, text, PUBLISHED))
        return it.title, it.text

    assert head("🇸🇾\nهجوم لداعش في دير الزور\nقتل جنديان.") == ("هجوم لداعش في دير الزور", "قتل جنديان.")
    assert head("One line only.") == ("One line only.", "")
    long_first = "ISIS attacked a post in Raqqa. " + "Details follow in a long paragraph. " * 10
    assert head(long_first)[0] == "ISIS attacked a post in Raqqa."
    assert head("x" * 300 + " no sentence end") == ("", "x" * 300 + " no sentence end")  # left as it is
    assert head("body", title="A real title") == ("A real title", "body")


def test_a_town_with_desert_or_countryside_after_it_stays_the_town(det):
    """"the al-Shoula desert", «ريف الميادين»: the area of a town, more specific than its province."""
    a = det.analyse(Item("t", "1", "", "ISIS cells kill a militiaman collecting truffles in al-Shoula desert",
                         "ISIS cells attacked a group of militiamen collecting truffles in al-Shoula desert on Monday, "
                         "killing one.", PUBLISHED))
    assert a.incident.incident.place == "al-Shoula"
    b = det.analyse(Item("t", "2", "", "ISIS cells kill a soldier in the Deir ez-Zor desert",
                         "ISIS cells attacked an army post in the Deir ez-Zor desert on Monday, killing one soldier.",
                         PUBLISHED))
    assert b.incident.incident.place is None and b.incident.incident.governorate == "Deir ez-Zor"


def test_a_murder_in_al_hol_alerts_though_no_group_is_named(det):
    """The gate opens for the camps of ISIS families, and the incident watchlist matches."""
    dets = det.detect(Item("t", "1", "", "", "مقتل امرأة عراقية خنقا داخل خيمتها في مخيم الهول مساء أمس الثلاثاء.",
                           PUBLISHED))
    inc = next(d for d in dets if d.watchlist == "isis-syria")
    assert inc.matched and inc.incident.type == "killing" and inc.incident.governorate == "Al-Hasakah"
    calm = det.detect(Item("t", "2", "", "", "توزيع مساعدات غذائية على سكان مخيم الهول أمس الثلاثاء.", PUBLISHED))
    assert not any(d.matched for d in calm)


def test_a_coalition_airdrop_alerts_though_no_group_is_named(det):
    """Heliborne-raid words open the full analysis like ISIS's names; a bare «إنزال» does not."""
    dets = det.detect(Item("t", "1", "", "إنزال جوي للتحالف الدولي في أطمة بريف إدلب",
                           "نفذت قوات من التحالف الدولي فجر الأربعاء عملية إنزال جوي في مخيمات أطمة.", PUBLISHED))
    inc = next(d for d in dets if d.watchlist == "isis-syria")
    assert inc.matched and inc.incident.type == "raid" and inc.incident.governorate == "Idlib"
    flag = det.detect(Item("t", "2", "", "إنزال العلم في ساحة أطمة", "جرى فجر الأربعاء إنزال العلم خلال احتفال.",
                           PUBLISHED))
    assert flag[0].reasons[:1] == ("no reference to ISIS",)  # the fast path: never analysed
