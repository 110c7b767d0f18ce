"""Clitic-aware matching, no over-stemming, number words and duals."""

import pytest

from monitor.text import NumberWords, TermIndex, normalise, read_count
from monitor.text.matcher import WORD_RE, fold


@pytest.fixture(scope="module")
def index():
    ix = TermIndex()
    for t in ["الرقة", "داعش", "سينتكوم", "الحسكة", "تدمر", "حماة", "حلب", "الكسار", "دير الزور"]:
        ix.add(t, "place", t, name=True)
    for t in ["القبض", "اعتقل*", "هجوم", "attack*", "isis", "عملية عسكرية", "حملة أمنية مشتركة", "بالقرب من"]:
        ix.add(t, "words", t)
    ix.compile()
    return ix


def found(ix, text):
    return sorted({m.term.text for m in ix.find(normalise(text))})


CLITICS = {
    "wa + al": ("والقبض على قيادي", ["القبض"]),
    "bi + al": ("اعتقال عنصر بالرقة", ["الرقه"]),
    "li + name": ("بيعة لداعش", ["داعش"]),
    "wa + name": ("قالت وسينتكوم", ["سينتكوم"]),
    "fa + al": ("فالحسكة مدينة", ["الحسكه"]),
    "li + al contracted": ("عاد للرقة", ["الرقه"]),
    "ka + al": ("كالرقة", ["الرقه"]),
    "verb suffix": ("اعتقلت القوات واعتقلوا", ["اعتقل"]),
    "article on common noun": ("بالهجوم الأخير", ["هجوم"]),
    "proclitic on multiword": ("في بدير الزور", ["دير الزور"]),
    "english plural/inflection": ("attacks and attacked", ["attack"]),
    "english possessive": ("ISIS's fighters", ["isis"]),
    "obfuscated داعsh": ("عناصر داعsh", ["داعش"]),
    "obfuscated داعـش": ("عناصر داعـش", ["داعش"]),
    # a noun and its adjective both take the article
    "definite noun phrase": ("نفذت العملية العسكرية فجرا", ["عمليه عسكريه"]),
    "definite phrase with a proclitic": ("ضمن والحملة الأمنية المشتركة", ["حمله امنيه مشتركه"]),
    "indefinite phrase still": ("في عملية عسكرية", ["عمليه عسكريه"]),
}


@pytest.mark.parametrize("text,expected", CLITICS.values(), ids=CLITICS.keys())
def test_clitic_forms(index, text, expected):
    assert found(index, text) == expected


NO_OVERSTEM = {
    "تدمير is not تدمر": "عملية تدمير الأسلحة",
    "حماية is not حماة": "حماية المدنيين",
    "حلبة is not حلب": "حلبة السباق",
    "كسارات is not الكسار": "أصحاب الكسارات",
    "crisis is not isis": "the crisis deepened",
    "names take no suffix": "داعشية",
    "unknown proclitic chain": "مداعش",
    "function words take no article": "البالقرب المن",
}


@pytest.mark.parametrize("text", NO_OVERSTEM.values(), ids=NO_OVERSTEM.keys())
def test_no_overstemming(index, text):
    assert found(index, text) == []


@pytest.fixture(scope="module")
def numbers():
    nw = NumberWords()
    nw.units = {fold(k): v for k, v in {"ثلاثة": 3, "خمسة": 5, "عشرين": 20, "two": 2, "three": 3, "twenty": 20, "five": 5}.items()}
    nw.duals = {fold(w) for w in ["جنديين", "عنصرين"]}
    nw.singulars = {fold(w) for w in ["مترجم", "عنصر", "جندي"]}
    nw.qualifiers = {fold(w) for w in ["ما", "لا", "يقل", "عن", "at", "least", "نحو"]}
    nw.one_words = {"a", "an"}
    nw.stops = {fold(w) for w in ["من", "في", "of", "in"]}
    return nw


COUNTS = {
    "digits": ("3 قتلى", 3),
    "number word": ("ثلاثة جنود", 3),
    "dual": ("عنصرين من قسد", 2),
    "dual + singular conjoined": ("جنديين أميركيين ومترجما مدنيا قتلوا", 3),
    "compound": ("خمسة وعشرين عنصرا", 25),
    "at least": ("at least five people", 5),
    "ma la yaqillu an": ("ما لا يقل عن عشرين", 20),
    "english conjoined": ("two US soldiers and a civilian interpreter were killed", 3),
    "english compound": ("twenty five killed", 25),
    "no number": ("عناصر من التنظيم", None),
}


@pytest.mark.parametrize("text,expected", COUNTS.values(), ids=COUNTS.keys())
def test_read_count(numbers, text, expected):
    tokens = WORD_RE.findall(normalise(text))
    assert read_count(tokens, 0, numbers)[0] == expected


def test_may_match_with_cover_hints_never_misses_a_match():
    """The pre-check may pass text that has no match, never the other way round."""
    ix = TermIndex()
    ix.add("مخيم الهول", "camp", "hol", name=True, cover="خيم الهول")
    ix.add("helicopter raid*", "airdrop", "h", cover="icopter")
    ix.add("داعش", "isis", "isis", name=True)
    ix.compile()
    for text in ("قتل امرأة في بمخيم الهول امس", "a helicopter raids in syria", "عناصر داعش"):
        n = normalise(text)
        assert ix.find(n) and ix.may_match(n), text
    assert not ix.may_match(normalise("مخيم اليرموك و الهول"))
    with pytest.raises(ValueError, match="not part of"):
        TermIndex().add("مخيم الهول", "camp", "hol", name=True, cover="روج")


def test_the_shipped_gate_pre_check_passes_every_gate_term():
    from pathlib import Path

    from monitor.detect import Detector

    det = Detector.load(Path(__file__).resolve().parents[1] / "config" / "watchlists")
    gate = det.k.gate
    forms = [t.text for entries in gate._keys.values() for *_, t in entries]
    assert len(forms) > 30
    for f in forms:
        for text in (f, "و" + f, "ذكر " + f + " امس"):
            if gate.find(text):
                assert gate.may_match(text), text
