"""Incident candidates: sentences with incident terms, scored and judged concrete or not.

A candidate is *concrete* — a new event, not analysis — when ISIS is named near it,
it is anchored (a time expression, a specific place, a lead that sets the scene) and
it carries no statistics, anniversary or trial cue. Scores rank the concrete ones:
the headline/lead incident is the news. See extract.py for how the primary one is used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from monitor.detect.actors import ActorFacts, PlaceFacts, place_rank
from monitor.detect.dates import dating, may_hold_month
from monitor.detect.evidence import Evidence, FHit

# "48 عمليه"، "34 عملية"، "78 هجوما"، "200 operations": counts of events are statistics.
# (Written `\d(?<!\w\d)` rather than `\b\d`: a pattern that starts with a character
# class lets the regex engine skip ahead to digits instead of trying every position.)
# English puts one adjective before the noun ("87 security operations", "14 escape
# attempts"). Cells, arrests and attempts count only from ten (two digits): one sweep
# may net "3 arrests" or break up «3 خلايا»; "312 arrests", «64 خلية» are a tally.
_COUNTED_EVENTS = re.compile(
    r"\d(?<!\w\d)[\d,]* (?:(?:عمليه|عمليات|هجوما|هجمات|هجوم|غاره|غارات|ضربه|ضربات|مداهمات|حملات)\b"
    r"|(?:(?!in |on |at |of |and |after |from |by |near |with |during )[a-z]+ )?(?:operations|attacks|raids|strikes)\b)"
    r"|\d(?<!\w\d)[\d,]*\d (?:(?:خليه|خلايا|مداهمه|حمله|حاله اعتقال|حالات اعتقال|محاوله|محاولات)\b"
    r"|(?:(?!in |on |at |of |and |after |from |by |near |with |during )[a-z]+ )?"
    r"(?:cells|arrests|detentions|attempts|campaigns)\b)")
# A whole year as the period of counts: «اعتقلت 312 شخصا خلال 2025»، "arrested 1,200
# suspects in 2025". A year after a period word, with another number of two or more
# digits in the sentence, is a tally; a year alone («معركة الباغوز في 2019») is not.
_PERIOD_YEAR = re.compile(r"(?:خلال|طيله|طوال|في|لعام|عام|العام|during|in|throughout|for|over) "
                          r"(?:(?:عام|العام|سنه|the year|year) )?(20\d\d)\b")
_BIG_NUMBER = re.compile(r"\d(?<!\w\d)[\d,]*\d")
# A death toll in thousands («بمقتل 3550 شخصا», "killed 1,200 fighters") or a strength in tens
# of thousands ("30,000 ISIS fighters remain"): a tally over a period, never one incident (no ISIS
# attack in Syria has killed that many at once). Not escapes: «فرار نحو 1500 عنصر» was one break-out.
# The number is found first, then its neighbours are read: a pattern that opens with an ASCII
# character class is scanned for fast (normalise() folds Arabic-Indic digits to ASCII); one
# that opened with a lookbehind, or an alternation of words, cost ~100 µs on a 5 KB item.
_DIGIT_RUN = re.compile(r"[0-9][0-9,]{3,}")
_KILLED_BEFORE = re.compile(r"(?:مقتل|قتل|killed|killing|deaths of) "
                            r"(?:نحو |اكثر من |more than |at least |about |around |some )?$")
_DEAD_AFTER = frozenset({"قتيلا", "قتيل", "dead", "killed", "deaths"})
_MEMBERS_AFTER = frozenset({"عنصر", "عنصرا", "مقاتل", "مقاتلا", "fighters", "members", "militants"})


def _tally_count(text: str) -> bool:
    for m in _DIGIT_RUN.finditer(text):
        a, run = m.start(), m.group().rstrip(",")
        digits = run.replace(",", "")
        if len(digits) < 4 or (a and (text[a - 1].isalnum() or text[a - 1] == ",")):
            continue
        b = a + len(run)
        after = text[b:b + 30].split()[:2]
        if any(w in _DEAD_AFTER for w in after) or _KILLED_BEFORE.search(text, max(0, a - 30), a) \
                or (len(digits) >= 5 and any(w in _MEMBERS_AFTER for w in after)):
            return True
    return False


# «حصيلة هامة لغارات التحالف», "a tally of coalition strikes": the toll OF several events.
# Also «حصيلة هجماته» ("the toll of its attacks") and a count over days: "kills 145 in 70 days",
# «خلال 70 يوما».
_TOLL_OF_EVENTS = re.compile(r"حصيله(?: \S+)? (?:(?:ل|لل)(?:غارات|هجمات|عمليات|ضربات|اشتباكات|معارك)\b"
                             r"|(?:غارات|هجمات|عمليات|ضربات)(?:ه|ها|هم)\b)"
                             r"|\b(?:in|over|within) (?:the (?:past|last) )?\d+ (?:days|weeks|months)\b"
                             r"|خلال \d+ (?:يوما|ايام|اسابيع|اسبوعا|اشهر|شهرا)"
                             r"|\b(?:toll|tally) of (?:the )?(?:\w+ )?"
                             r"(?:strikes|airstrikes|attacks|raids|operations|clashes)\b")
_BLOCKING = ("stats_cue", "anniversary_cue", "trial_cue", "remnant_cue", "trend_cue", "past_date")
_CUE_LEXICONS = ("stats_cue", "anniversary_cue", "trial_cue", "remnant_cue", "backref_cue", "statement_cue",
                 "analysis_cue")


@dataclass
class Candidate:
    sent: int
    types: dict[str, float]  # type -> priority
    score: float = 0.0
    concrete: bool = False
    isis_link: bool = False
    time: bool = False
    places: list[FHit] = field(default_factory=list)
    foreign: list[FHit] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)  # blocking/penalising cue lexicons present
    notes: list[str] = field(default_factory=list)

    @property
    def type(self) -> str:
        return min(self.types, key=lambda t: self.types[t])


_SINCE = ("منذ", "since")


def _long_ago(ev: Evidence, n: int) -> str | None:
    """"last year", "two weeks ago" («العام الماضي», «قبل أسبوعين») tell when, unless they
    open a span ("since last year")."""
    for h in ev.in_sent("backref_cue", n):
        if h.id in ("last_year", "weeks_ago"):
            before = ev.text(h.field)[max(0, h.start - 8):h.start].split()[-1:]
            if not before or before[0] not in _SINCE:
                return h.text
    return None


def sentence_cues(ev: Evidence, n: int, present: set[str] | frozenset[str] | None = None) -> list[str]:
    """Cue lexicons present in sentence n (stats also from counted events/a period year)."""
    text = ev.sentence_text(n)
    if present is None:
        present = ev.lexicons_in(n)
    cues = [lx for lx in _CUE_LEXICONS if lx in present]
    if _COUNTED_EVENTS.search(text) or _tally_count(text) \
            or (("حصيله" in text or "toll" in text or "tally" in text or " days" in text
                 or "خلال" in text or " weeks" in text or " months" in text) and _TOLL_OF_EVENTS.search(text)):
        cues.append("stats_cue")
    else:
        m = _PERIOD_YEAR.search(text) if "20" in text else None
        if m and any(x.group() != m.group(1) for x in _BIG_NUMBER.finditer(text)):
            cues.append("stats_cue")
    return cues


# Headline cues that make the item a summary or retrospective (see tally_title).
_SUMMARY_TITLE_LEXICONS = ("appeal_cue", "anniversary_cue", "trend_cue", "trial_cue", "statement_cue")


def headline_lexicons(ev: Evidence) -> set[str]:
    """Lexicons matched in the headline; a trend word in a series label before "|" does not
    count ("ISIS resurgence | Two SDF members killed ...": SOHR files every report so),
    while «في مثل هذا اليوم» | ... still makes the piece an anniversary."""
    cut = ev.title.rfind("|") + 1
    out = {h.lexicon for h in ev.hits if h.sent == 0 and (h.start >= cut or h.lexicon != "trend_cue")
           and not (h.lexicon == "statement_cue" and h.id != "statement")}
    if "claim_cue" in out and "incident_terms" in out:
        # «داعش يدعو ... ويتبنى مقتل عنصري أمن», «عودة داعش ... ويعلن مسؤوليته عن اغتيال»: a
        # statement or trend headline that claims a deed reports it.
        out.discard("statement_cue")
        out.discard("trend_cue")
    return out


# «عام على تجفيف منابع التنظيم..», «3 أعوام على هزيمة داعش»: a headline that opens by counting
# the years since something is an anniversary piece (only at the start: «الأمن العام على...»).
_YEARS_ON = re.compile(r"^(?:[\d٠-٩]+ )?(?:عام|عامان|عامين|سنه|سنتان|سنتين|اعوام|سنوات|عاما) علي ")


def tally_title(ev: Evidence) -> bool:
    """The headline is a tally, an appeal, an anniversary or a trend piece.

    «قوى الأمن الداخلي تنشر حصيلة عملها خلال عام 2025», "Asayish publish 2025 results:
    87 operations, 312 arrests", «أهال يطالبون بالكشف عن مصير أبنائهم», «في مثل هذا
    اليوم.. هزيمة داعش في البوكمال», «لماذا يعود «داعش»؟», «محاكمة سوري في ألمانيا بتهمة
    التورط في جرائم داعش»: the item summarises or
    recounts; its body's incidents are examples, not the news. So does a headline
    dated well before publication.
    """
    present = headline_lexicons(ev)
    return any(lx in present for lx in _SUMMARY_TITLE_LEXICONS) or "stats_cue" in sentence_cues(ev, 0) \
        or _YEARS_ON.match(ev.title) is not None \
        or dating(ev.title, ev.item.published)[0] is not None  # «مجزرة حقل الشاعر عام 2014.. ذكريات»


# A lead frame reaches this many body sentences; the group may be named up to sentence 8.
_FRAME_SENTS = 4
_FRAME_ISIS = 8


def lead_frame(ev: Evidence, pf: PlaceFacts) -> bool:
    """The headline or one of the first two body sentences sets a scene: a day and a specific place.

    «ماذا جرى في قرية الطيانة فجر اليوم؟», «استيقظ سكان قرية ... فجر اليوم»، "residents of
    Dhiban woke on Tuesday to ...": feature and human-angle stories anchor the event once;
    a statement lead («أعلنت الداخلية، الأحد، ...») names no place and sets no scene.
    """
    days = {h.sent for h in ev.lex("time_anchor") if h.sent <= 2 and h.attrs.get("kind") in ("weekday", "relative")}
    return bool(days) and any(h.sent in days and place_rank(pf, h) >= 2 and id(h) not in pf.road for h in pf.syrian)


@dataclass(frozen=True)
class ScoringContext:
    """What scoring one candidate needs to know about the whole item (computed once)."""

    isis_sents: frozenset[int]  # sentences naming ISIS (strong names only under an other-group headline)
    places: dict[str, dict[int, list[FHit]]]  # "syrian"/"foreign" -> sentence -> place hits
    tally_title: bool = False  # a summary headline: body incidents need their own day
    frame: bool = False  # a lead sets the scene (day and place) for the next sentences
    claimed: bool = False  # ISIS claimed responsibility somewhere in the item
    other_title: bool = False  # the headline is about another group
    lead_remnant: bool = False  # the lead says the explosion was a mine left behind
    title_remnant: bool = False  # the headline says so
    title_incident: bool = False  # the headline itself tells an incident
    mine_only: frozenset[int] = frozenset()  # sentences whose only incident is a mine explosion
    coalition_airdrop: bool = False  # a heliborne raid by the coalition/US, no other group named

    @classmethod
    def of(cls, ev: Evidence, af: ActorFacts, pf: PlaceFacts, has_candidates: bool,
           mine_only: frozenset[int] = frozenset(), coalition_airdrop: bool = False) -> ScoringContext:
        places: dict[str, dict[int, list[FHit]]] = {"syrian": {}, "foreign": {}}
        for key, hs in (("syrian", pf.syrian), ("foreign", pf.foreign)):
            for h in hs:
                places[key].setdefault(h.sent, []).append(h)
        strong = frozenset(h.sent for h in af.isis if h.attrs.get("strength") != "weak")
        # A headline about another group: «التنظيم» in the body is that group, not ISIS.
        other_title = bool(ev.in_sent("other_group", 0)) and 0 not in strong
        remnants = ev.lex("remnant_cue")
        tally = has_candidates and tally_title(ev)
        return cls(
            isis_sents=strong if other_title else frozenset(h.sent for h in af.isis),
            places=places,
            tally_title=tally,
            frame=has_candidates and not tally and lead_frame(ev, pf),
            claimed=any(h.sent in strong for h in ev.lex("claim_cue")),
            other_title=other_title,
            # «شهيدان بانفجار لغم أرضي» over a lead that says the mine was left behind by ISIS:
            # the headline tells the same remnant explosion.
            lead_remnant=any(h.sent <= 3 for h in remnants),
            title_remnant=any(h.sent == 0 for h in remnants),
            title_incident=any(h.sent == 0 for h in ev.lex("incident_terms")),
            mine_only=mine_only,
            coalition_airdrop=coalition_airdrop,
        )


# An indefinite «بلدة/قرية» followed by a definite word is a name («بلدة الزر»); these
# words after it are not names.
_VILLAGE_CUES = frozenset({"قريه", "بلده", "مزرعه"})
_NOT_A_NAME = frozenset({"التي", "الذي", "الذين", "الواقعه", "التابعه", "المجاوره", "القريبه", "نفسها",
                         "الحدوديه", "المذكوره", "المحاذيه"})


def _unlisted_village(ev: Evidence, pf: PlaceFacts, n: int) -> bool:
    """Sentence n names a village or town the gazetteer does not know: «بلدة الزر», «قرية الجديد».

    Only its rank matters (a specific place, not just a province); its name is not
    reported, since the gazetteer cannot say which one it is.
    """
    known = [(h.start, h.end) for h in pf.syrian if h.sent == n]
    for h in ev.in_sent("place_cue", n):
        if h.text not in _VILLAGE_CUES:
            continue
        text = ev.text(h.field)
        if "ال" in text[h.start:h.end - len(h.text)] or text.startswith("ال", h.end - len(h.text)):
            continue  # «القرية»: the village already named, not a name that follows
        nxt = text[h.end:h.end + 24].split()[:1]
        if not nxt or not nxt[0].startswith("ال") or len(nxt[0]) < 4 or nxt[0] in _NOT_A_NAME:
            continue
        start = h.end + text[h.end:].index(nxt[0])
        if not any(a <= start < b for a, b in known):
            return True
    return False


def score(ev: Evidence, pf: PlaceFacts, c: Candidate, ctx: ScoringContext) -> None:
    isis_sents, by_sent, summary, frame = ctx.isis_sents, ctx.places, ctx.tally_title, ctx.frame
    claimed, other_title = ctx.claimed, ctx.other_title
    lead_remnant, title_remnant = ctx.lead_remnant, ctx.title_remnant
    n = c.sent
    isis_here = n in isis_sents
    # Attribution often comes a few sentences after the event («ولم تتبن أي جهة...
    # وتنشط خلايا التنظيم في المنطقة»): accept ISIS within two sentences, in the
    # title, or, for a headline/lead event, anywhere in the first five sentences.
    # (== any(abs(s - n) <= 2 or s == 0 or (n <= 2 and s <= 5) for s in isis_sents),
    # by membership tests instead of a loop over every ISIS sentence.)
    isis_near = bool(isis_sents) and (
        isis_here or 0 in isis_sents or (n <= 2 and min(isis_sents) <= 5)
        or n - 2 in isis_sents or n - 1 in isis_sents or n + 1 in isis_sents or n + 2 in isis_sents
        # a feature story names the group after the scene («ورجحت مصادر أن الشبان متهمون
        # بالانتماء لخلايا داعش»): with a lead frame, anywhere in its first paragraphs
        or (frame and n <= _FRAME_SENTS and min(isis_sents) <= _FRAME_ISIS)
        # ISIS claimed responsibility somewhere in the item: the claim is for its incident
        or claimed)
    # Another group's incident («استهدفت قياديا في حراس الدين», "a Turkish drone struck"):
    # ISIS named in a sentence nearby does not make it ISIS's.
    # Under a headline about another group («التحالف يستهدف قياديا في أنصار الإسلام»), only
    # a sentence naming ISIS itself is ISIS's (isis_sents then holds strong names only).
    # Under a headline about another group's act ("SDF says two fighters killed by Turkish
    # drone"), a sentence naming that group is its act even where ISIS is named too
    # ("... guarding a camp hosting people affiliated with ISIS, were killed by a Turkish drone").
    others = ev.in_sent("other_group", n) if (not isis_here or other_title) else []
    c.isis_link = (isis_here and not others) or (isis_near and not others and not other_title)
    if not c.isis_link and not others and not by_sent["foreign"].get(n) and any(
            h.place.isis_linked and (isis_sents or h.place.kind == "camp") for h in by_sent["syrian"].get(n, ())):
        # «العثور على جثة رجل مرمي بالرصاص في مخيم الهول»: murders in the camp of ISIS
        # families are the group's cells' work, named or not; in a prison that holds ISIS
        # men, when the story names ISIS somewhere. Not beside a foreign place: «القبض على
        # إرهابي في سنجار كان مقيما في مخيم الهول» is an Iraqi arrest of a former resident.
        c.isis_link = True
    if not c.isis_link and ctx.coalition_airdrop and "raid" in c.types and not others:
        # «إنزال جوي للتحالف الدولي في أطمة»: the coalition's heliborne raids in Syria hunt
        # ISIS, named or not (another group named anywhere voids this).
        c.isis_link = True
    if n in ctx.mine_only and not isis_here and not claimed and c.isis_link:
        # "several landmines exploded in al-Shaafah, killing six": war left mines everywhere;
        # ISIS named in another sentence does not make this one its act.
        c.isis_link = False
        c.notes.append("a mine explosion with ISIS not named in its sentence")
    if others and isis_near:
        c.notes.append(f"another group's incident ({others[0].attrs.get('canonical', others[0].text)})")
    c.places = by_sent["syrian"].get(n, [])
    c.foreign = by_sent["foreign"].get(n, [])
    present = ev.lexicons_in(n)
    c.time = "time_anchor" in present
    c.cues = sentence_cues(ev, n, present)
    if (n == 0 and lead_remnant or ("ied" in c.types or (set(c.types) == {"killing"} and not isis_here))
            and (title_remnant or lead_remnant)) and "remnant_cue" not in c.cues:
        # the headline tells the lead's remnant explosion; under a «لغم من مخلفات داعش» headline
        # or lead every explosion told is a remnant, and the dead told on their own («نقل جثامين
        # القتلى») are its dead
        c.cues.append("remnant_cue")
    if n == 0 and "trend_cue" in present and "trend_cue" in headline_lexicons(ev):
        c.cues.append("trend_cue")  # «هجمات داعش في البادية تتصاعد..»: the headline names a trend
    sentence = ev.sentence_text(n)
    kinds = {h.attrs.get("kind") for h in ev.in_sent("time_anchor", n)} if "time_anchor" in present else set()
    if kinds == {"perfect"} and n > 1:
        c.time = False  # "has carried out" deep in a story is background, not this news
    own_day = "weekday" in kinds or "relative" in kinds
    past, recent = dating(sentence, ev.item.published, may_hold_month(sentence, "month" in kinds), own_day)
    if not past and not own_day and "backref_cue" in present and (ago := _long_ago(ev, n)):
        past = ago  # "in response to an ISIS attack in Palmyra late last year", «قبل أسبوعين»
    if past:
        c.cues.append("past_date")
    elif recent:
        c.time = True  # "from Jan. 27 through Feb. 2": a stated recent day anchors like a weekday
    if frame and 1 <= n <= _FRAME_SENTS and not c.time and not (summary and n > 0) \
            and "backref_cue" not in c.cues:
        # A feature lead («استيقظ سكان قرية ... فجر اليوم على أصوات مروحيات») sets the day and
        # the place once; the next sentences tell what happened there without repeating them.
        c.time = True
        c.notes.append("day and place from the lead")
    if summary and n > 0:
        # Under a tally or appeal headline, places and months in the body are part of
        # the summary («وفي مخيم الهول أحبطت 14 محاولة فرار»): only a sentence with its
        # own day («الأحد»، «أمس») and no statement in it can still report a new event.
        # Nor a report's or statement's own day («أفاد تقرير، اليوم الاثنين، بأن المحاكم...»).
        # Nor one that refers back to what the headline summed up («في الغارات ذاتها»).
        c.time = own_day and "statement_cue" not in present and "analysis_cue" not in present \
            and "backref_cue" not in present
    best_rank = max((place_rank(pf, h) for h in c.places + c.foreign), default=0)
    if best_rank == 1 and not c.foreign and "place_cue" in present and _unlisted_village(ev, pf, n):
        best_rank = 2  # «في بلدة الزر شرقي دير الزور»: a named village the gazetteer lacks
        c.notes.append("a village not in the gazetteer")
    c.score = 2.0 + (1.0 if isis_here else 0.5 if c.isis_link else 0.0)
    c.score += 2.0 if best_rank >= 2 else 1.0 if best_rank == 1 else 0.0
    c.score += 1.5 if c.time else 0.0
    # The headline/lead incident is the news; later ones are usually background.
    c.score += 1.5 if n == 0 else 1.0 if n <= 2 else 0.0
    c.score -= min(2.0, 0.15 * n)
    c.score -= 2.0 * sum(1 for x in c.cues if x in _BLOCKING)
    c.score -= 1.0 if "backref_cue" in c.cues else 0.0
    c.score -= 0.5 * sum(1 for x in c.cues if x in ("statement_cue", "analysis_cue"))
    # The lead retells the headline's incident with its province ("11 killed in an ISIS attack
    # in Syria" / "... in the Raqqa desert, the monitor said"): the province anchors it as
    # it would in the headline.
    headline = n == 0 or (n == 1 and ctx.title_incident)
    anchored = c.time or (not (summary and n > 0) and (best_rank >= 2 or (headline and best_rank >= 1)))
    blocked = [x for x in c.cues if x in _BLOCKING]
    c.concrete = c.isis_link and anchored and not blocked
    if not c.isis_link:
        c.notes.append("ISIS not named near it")
    if not anchored:
        c.notes.append("stats" if summary and n > 0 else "no time or specific place")
    for x in dict.fromkeys(blocked):
        c.notes.append("past event" if x == "past_date" else x.replace("_cue", ""))
    if past:
        c.notes.append(f"told with a date long before publication ({past})")
    if "backref_cue" in c.cues:
        c.notes.append("refers back to an earlier event (penalty)")


_HEADLINE_KIND = (("trial_cue", "a trial, court case or repatriation"),
                  ("anniversary_cue", "an anniversary or past event"),
                  ("stats_cue", "statistics or summary over a period"),
                  ("statement_cue", "a statement or threat"),
                  ("analysis_cue", "analysis or a report"))


def why_not(ev: Evidence, cands: list[Candidate]) -> str:
    # What the headline and lead are about says most about why nothing new happened.
    lead = {h.lexicon for h in ev.hits if h.sent <= 2}
    for lex, text in _HEADLINE_KIND:
        if lex in lead and lex in ("trial_cue", "anniversary_cue"):
            return f"no concrete new incident: {text}"
    if not cands:
        kind = next((t for lx, t in _HEADLINE_KIND if lx in lead), "background")
        return f"no concrete new incident: no incident terms ({kind})"
    best = max(cands, key=lambda c: c.score)
    notes = set(best.notes) or {n for c in cands for n in c.notes}
    for key, text in (("stats", "statistics or summary over a period"),
                      ("anniversary", "an anniversary or past event"),
                      ("past event", "a past event retold (dated well before publication)"),
                      ("remnant", "a remnant of past fighting (a mine or shell left behind), not an ISIS act"),
                      ("trend", "a trend piece (the headline asks why or says attacks are rising)"),
                      ("trial", "a trial, court case or repatriation"),
                      ("no time or specific place", "incident words without a time or specific place "
                       "(analysis, statement or general reporting)"),
                      ("ISIS not named near it", "incident words not linked to ISIS")):
        if key in notes:
            return f"no concrete new incident: {text}"
    return "no concrete new incident"
