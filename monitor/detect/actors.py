"""Is ISIS really meant, and which places are real places?

ISIS: strong names (داعش، تنظيم الدولة، ISIS, Daesh) decide; weak references
(«التنظيم»، "the group") only count next to a strong one. Three false friends are
rejected with a reason: bare «الدولة» is "the state" (مؤسسات الدولة، الدولة
السورية) and is not in the ISIS lexicon at all; "Isis" the river or goddess; and
"an Islamic state" in the general sense. Upper-case "IS" is accepted only in
mixed-case English text next to a word that makes it the group ("IS militants").

Places: names that are ordinary words need a cue word before them or their
governorate nearby (FACTS.md); a "Syria" inside a border phrase is not Syria.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from monitor.detect.evidence import Evidence, FHit, is_province_context
from monitor.detect.knowledge import PLACE_CUE_LEX, SPECIFICITY, SYRIA, Place
from monitor.text import normalise

_IS_UPPER = re.compile(
    r"(?<![A-Za-z])(?:(?:the|so-called|\()\s*IS\b|IS(?:-| )(?:militants?|fighters?|group|"
    r"jihadists?|cells?|members?|attacks?|claimed|claims|linked|suspects?|leaders?|commanders?|gunmen|remnants|"
    r"roadside|bombings?|ambush(?:es)?|snipers?|"
    r"bomb-?makers?|explosives|hideouts?|spokesman|official|emir|operatives?|detainees|prisoners|families|"
    r"sleeper|affiliates?|inspired|propaganda))")
# Nouns after "an Islamic State ...": the group as an attribute, not "an Islamic state".
_GROUP_NOUNS = frozenset({
    "member", "fighter", "militant", "cell", "commander", "leader", "official", "emir", "suspect",
    "expert", "operative", "attack", "bomb", "bomber", "bombmaker", "bomb-maker", "hideout", "sleeper",
    "affiliate", "detainee", "prisoner", "explosives", "group", "spokesman", "gunman", "gunmen", "claim",
    "ambush", "raid", "financier", "recruiter", "sniper", "cache", "camp", "fighters", "members",
    "militants", "cells", "suspects", "attacks", "hideouts", "detainees", "prisoners", "leaders",
    "commanders", "operatives", "officials", "wife", "widow", "family", "families", "child", "children",
    "suicide", "attacker", "attackers", "assailant", "assailants", "gunmen's"})


@dataclass
class ActorFacts:
    isis: list[FHit] = field(default_factory=list)  # accepted ISIS hits (strong + weak)
    strong: bool = False
    why_not: str | None = None  # reason when ISIS is not meant
    branches: list[FHit] = field(default_factory=list)  # ISIS branches abroad
    forces: list[FHit] = field(default_factory=list)


def resolve_actors(ev: Evidence) -> ActorFacts:
    f = ActorFacts(branches=ev.lex("isis_branch_abroad"), forces=ev.lex("forces"))
    strong, weak, dropped = [], [], []
    # The river and the goddess are "Isis"; "ISIS" in capitals is the group (news of it
    # names the Euphrates river, Palmyra's temples and museums too).
    other_sense = bool(ev.lex("isis_other_sense")) and not _caps_isis(ev)
    descriptors = ev.lex("isis_descriptor")
    for h in ev.lex("isis_actor"):
        if descriptors and any(d.field == h.field and d.start <= h.start and h.end <= d.end for d in descriptors):
            # "outside the former ISIS capital": a place's past, not the group acting now
            dropped.append(("descriptor", h))
            continue
        if h.attrs.get("strength") == "weak":
            weak.append(h)
            continue
        text = ev.text(h.field)
        before = text[max(0, h.start - 3):h.start]
        after = text[h.end:h.end + 20].split()[:1]
        # "an Islamic State explosives expert / member / cell" is the group used as an
        # attribute; only "an Islamic state" with no such noun is the general sense.
        if h.text.startswith("islamic state") and before in (" a ", "an ") \
                and not (after and after[0].rstrip(".,;:") in _GROUP_NOUNS):
            dropped.append(("an_islamic_state", h))
        elif h.text == "isis" and other_sense:
            dropped.append(("isis_other", h))
        else:
            strong.append(h)
    strong += _upper_is(ev)
    f.strong = bool(strong)
    if strong:
        f.isis = sorted(strong + weak, key=lambda h: (h.sent, h.start))
        return f
    kinds = {k for k, _ in dropped}
    if kinds == {"descriptor"}:
        f.why_not = "ISIS named only to describe a place's past ('the former ISIS capital')"
    elif "isis_other" in kinds:
        f.why_not = "'Isis' here is the river or the goddess, not the group"
    elif "an_islamic_state" in kinds:
        f.why_not = "'an Islamic state' is meant in the general sense, not the group"
    elif any(h.text.endswith("الدوله") or h.text == "دوله" for h in ev.lex("state_word")):
        f.why_not = "«الدولة» here means the state (e.g. مؤسسات الدولة، الدولة السورية), not ISIS"
    else:
        f.why_not = "no reference to ISIS"
    return f


def _caps_isis(ev: Evidence) -> bool:
    for raw in (ev.item.title or "", ev.item.text or ""):
        if "ISIS" in raw and sum(map(str.isupper, raw)) <= 0.5 * sum(map(str.isalpha, raw)):
            return True
    return False


def _upper_is(ev: Evidence) -> list[FHit]:
    out = []
    for fld, raw in (("title", ev.item.title or ""), ("body", ev.item.text or "")):
        if "IS" not in raw:
            continue
        found = list(_IS_UPPER.finditer(raw))
        if not found or sum(map(str.isupper, raw)) > 0.5 * sum(map(str.isalpha, raw)):
            continue  # all-caps headlines use "IS" as the verb
        for m in found:
            pos = len(normalise(raw[:m.start()]))
            sent = 0 if fld == "title" else _sent_of(ev, pos)
            out.append(FHit(fld, pos, pos + len(m.group()), "isis_actor", "isis", "is",
                            {"canonical": "ISIS", "strength": "strong"}, sent))
    return out


def _sent_of(ev: Evidence, pos: int) -> int:
    for n, (fld, a, b) in enumerate(ev.sentences):
        if fld == "body" and a <= pos < b:
            return n
    return len(ev.sentences) - 1


@dataclass
class PlaceFacts:
    syrian: list[FHit] = field(default_factory=list)  # validated Syrian place hits
    foreign: list[FHit] = field(default_factory=list)
    syria_country: list[FHit] = field(default_factory=list)  # "Syria" not in a border phrase
    # Syria's own ministry or army acting: the item is about Syria, but no sentence is placed by it
    syria_state: list[FHit] = field(default_factory=list)
    province: set[int] = field(default_factory=set)  # id() of hits read as a province
    city: set[int] = field(default_factory=set)  # id() of governorate names read as their city («مدينة الرقة»)
    road: set[int] = field(default_factory=set)  # id() of hits naming a road's end («طريق تدمر - دير الزور»)

    @property
    def isis_camp(self) -> bool:
        """A camp of ISIS families (al-Hol, Roj) is named: its violence is ISIS-related news."""
        return any(h.place.isis_linked and h.place.kind == "camp" for h in self.syrian)

    @property
    def syria_related(self) -> bool:
        return bool(self.syrian or self.syria_country or self.syria_state)


_GOVERNORATES: list[tuple[dict[str, Place], int, dict[str, Place]]] = []  # one entry: the last gazetteer


def _governorates(places: dict[str, Place] | None) -> dict[str, Place]:
    """Syrian governorates by name, built once per gazetteer (scanning ~1k places cost ~15 µs an item)."""
    if not places:
        return {}
    if not _GOVERNORATES or _GOVERNORATES[0][0] is not places or _GOVERNORATES[0][1] != len(places):
        _GOVERNORATES[:] = [(places, len(places), {p.name: p for p in places.values()
                                                   if p.kind == "governorate" and p.country == SYRIA})]
    return _GOVERNORATES[0][2]


def resolve_places(ev: Evidence, places: dict[str, Place] | None = None) -> PlaceFacts:
    pf = PlaceFacts()
    by_gov = _governorates(places)
    borders = ev.lex("border_phrase")

    def in_border(h: FHit) -> bool:
        return any(b.field == h.field and b.start <= h.start and h.end <= b.end for b in borders)

    govs_by_sent: dict[int, set[str]] = {}
    for h in ev.lex("place_sy"):
        p = h.place
        if p and p.kind == "governorate":
            govs_by_sent.setdefault(h.sent, set()).add(p.governorate or "")
    cued_ids = set()
    candidates = []
    cues = {c.text for c in ev.lex(PLACE_CUE_LEX)}
    # _has_cue looks for "camp"/"prison" after a name: only where the field has one.
    after_words = {"title": _has_after_word(ev.title), "body": _has_after_word(ev.body)}
    for h in ev.lex("place_sy") + ev.lex("place_foreign"):
        p: Place = h.place
        if h.field == "body" and (h.end <= ev.dateline_end or _line_dateline(ev.body, h)):
            continue
        if borders and in_border(h):
            continue
        # A relative position («شمال تدمر»، "north of Palmyra", «قرب السخنة») names a
        # place as surely as «مدينة» does: the name after it is the place, not a verb.
        cued = _has_cue(ev, h, cues, after_words[h.field]) or ((p.needs_cue or "needs_cue" in h.attrs)
                                                              and cue_right_before(ev, "outskirts_cue", h))
        if cued:
            cued_ids.add(p.id)
        candidates.append((h, p, cued))
    if ev.lex("neighbourhood_cue"):
        candidates = _drop_neighbourhood_namesakes(ev, candidates)
    for h, p, cued in candidates:
        if p.countryside:
            # A capital: «بين بغداد ودمشق», "Damascus said" name the government, not a
            # place; «قرب دمشق», "east of Damascus" put the event in the countryside.
            if _capital_metonym(ev, h):
                continue
            if p.countryside in by_gov and (cue_right_before(ev, "outskirts_cue", h) or _outskirts_after(ev, h)):
                rural = by_gov[p.countryside]
                h = FHit(h.field, h.start, h.end, h.lexicon, rural.id, h.text, {**h.attrs, "place": rural}, h.sent)
                p = rural
        if ((p.needs_cue and "cue_free" not in h.attrs) or h.attrs.get("needs_cue")) \
                and not cued and p.id not in cued_ids:
            near = govs_by_sent.get(h.sent, set()) | govs_by_sent.get(h.sent + 1, set())
            if not (p.governorate and p.governorate in near):
                continue
        if p.kind == "governorate" and is_province_context(ev, h):
            pf.province.add(id(h))
        elif p.kind == "governorate" and _city_context(ev, h):
            pf.city.add(id(h))
        (pf.syrian if p.country == SYRIA else pf.foreign).append(h)
    sc = [h for h in ev.lex("syria_country") if not h.attrs.get("weak") and not in_border(h)]
    pf.syria_country = [h for h in sc if h.id != "syrian_state"]
    pf.syria_state = [h for h in sc if h.id == "syrian_state"]
    if pf.syrian:
        _mark_roads(ev, pf)
    return pf


_AGENCY_AFTER = re.compile(r"(?:, [^\W\d_]+)? ?\([^()\n]{2,30}\)")


def _line_dateline(body: str, h: FHit) -> bool:
    """A place opening a line and followed by an agency in brackets, "ERBIL (Kurdistan24) -" or
    "QAMISHLI, Syria (Reuters) -", is a desk's dateline even mid-text (scraped pages repeat the
    story under a teaser)."""
    line = body.rfind("\n", 0, h.start) + 1
    return not body[line:h.start].strip() and _AGENCY_AFTER.match(body, h.end) is not None


def _drop_neighbourhood_namesakes(ev: Evidence, candidates: list[tuple[FHit, Place, bool]]
                                  ) -> list[tuple[FHit, Place, bool]]:
    """Drop a town or village named as a neighbourhood when its sentence names another place.

    «حي الحميدية بمدينة حمص»: the gazetteer's al-Hamidiyah is a town in Tartus; here it is
    a quarter of Homs, which the sentence names. Without another place the name stays:
    a wrong governorate is better than a missed incident.
    """
    marked = {id(h) for h, p, _ in candidates
              if p.kind != "neighbourhood" and p.kind != "governorate" and _named_as_neighbourhood(ev, h)}
    if not marked:
        return candidates
    return [(h, p, cued) for h, p, cued in candidates
            if id(h) not in marked
            or not any(x.sent == h.sent and q.id != p.id and id(x) not in marked for x, q, _ in candidates)]


def _named_as_neighbourhood(ev: Evidence, h: FHit) -> bool:
    """«حي X» (the cue right before), "the X neighbourhood" (right after)."""
    if cue_right_before(ev, "neighbourhood_cue", h):
        return True
    text = ev.text(h.field)
    return any(c.field == h.field and c.start >= h.end and not text[h.end:c.start].strip()
               for c in ev.in_sent("neighbourhood_cue", h.sent))


# A road is named by its ends: «طريق تدمر - دير الزور»، «الطريق الواصل بين تدمر ودير الزور»،
# "the Palmyra-Deir ez-Zor road", "the road to Deir ez-Zor". Between the road word and the
# name only these words (and other place names) may stand.
_ROAD_BEFORE = frozenset({"طريق", "اوتوستراد", "اتوستراد", "road", "highway", "motorway"})
_ROAD_AFTER = frozenset({"road", "roads", "highway", "highways", "motorway"})
_ROAD_LINK = frozenset({
    "بين", "الواصل", "الواصله", "الرابط", "الرابطه", "الذي", "الذي يربط", "يربط", "يصل", "الدولي", "السريع",
    "العام", "الصحراوي", "الرئيسي", "من", "الي", "حتي", "باتجاه", "و", "مدينه", "مدينتي",
    "the", "to", "from", "between", "and", "linking", "connecting", "that", "links", "connects", "desert",
    "main", "international", "city", "of"})


def _road_word(w: str, words: frozenset[str]) -> bool:
    return w in words or w[1:] in words or w[2:] in words or w[3:] in words


def _mark_roads(ev: Evidence, pf: PlaceFacts) -> None:
    """Mark Syrian place hits that name an end of a road rather than where something happened."""
    for fld in ("title", "body"):
        roads = [h.start for h in ev.lex("road_word") if h.field == fld]
        if not roads:
            continue
        text = ev.text(fld)
        hits = [h for h in pf.syrian if h.field == fld]
        spans: list[tuple[int, int]] | None = None
        for h in hits:
            i = bisect_left(roads, h.start - 80)
            before = i < len(roads) and roads[i] < h.start
            j = bisect_left(roads, h.end)
            after = j < len(roads) and roads[j] <= h.end + 60
            if not (before or after):
                continue  # no road word near: the common case, decided without splitting text
            if spans is None:
                spans = sorted((x.start, x.end) for x in hits + [x for x in pf.foreign if x.field == fld])
            _, s0, s1 = ev.sentences[h.sent]
            if (before and _road_side(text, spans, max(s0, h.start - 80), h.start, _ROAD_BEFORE, backwards=True)) \
                    or (after and _road_side(text, spans, h.end, min(s1, h.end + 60), _ROAD_AFTER, backwards=False)):
                pf.road.add(id(h))


def _road_side(text: str, spans: list[tuple[int, int]], a: int, b: int, road: frozenset[str],
               backwards: bool) -> bool:
    """From the name outwards over link words and other names, a road word is reached."""
    parts, pos = [], a
    for x, y in spans:  # blank out other place names in [a, b)
        if y <= a or x >= b:
            continue
        parts.append(text[pos:max(pos, x)])
        parts.append(" \x00 ")
        pos = max(pos, y)
    parts.append(text[pos:b])
    words = "".join(parts).split()
    if backwards:
        words.reverse()
    for w in words[:7]:
        if w == "\x00" or w in _ROAD_LINK or w.strip(",") in _ROAD_LINK:
            continue
        return _road_word(w.strip(","), road)
    return False


def cue_right_before(ev: Evidence, lex: str, h: FHit, words: int = 0) -> bool:
    """A `lex` cue ends just before the hit (at most `words` words in between)."""
    text = ev.text(h.field)
    return any(c.field == h.field and c.end <= h.start and len(text[c.end:h.start].split()) <= words
               for c in ev.in_sent(lex, h.sent))


_OUTSKIRTS_AFTER = frozenset({"suburb", "suburbs", "outskirts", "suburban"})


def _outskirts_after(ev: Evidence, h: FHit) -> bool:
    """"a Damascus suburb", "Damascus outskirts": English names the outskirts after the city."""
    nxt = ev.text(h.field)[h.end:h.end + 12].split()[:1]
    return bool(nxt) and nxt[0] in _OUTSKIRTS_AFTER


def _capital_metonym(ev: Evidence, h: FHit) -> bool:
    cues = ev.in_sent("metonym_cue", h.sent)
    if not cues:
        return False
    text = ev.text(h.field)
    for c in cues:
        if c.field != h.field:
            continue
        if c.id == "before" and c.end <= h.start:
            gap = len(text[c.end:h.start].split())
            if gap == 0 or (gap <= 2 and c.text in ("بين", "between")):
                return True
        if c.id == "after" and c.start >= h.end and not text[h.end:c.start].strip():
            return True
    return False


_AFTER_WORDS = ("camp", "prison")


def _has_after_word(text: str) -> bool:
    # "p" first: a one-character scan is memchr-fast; Arabic text has none, so the
    # word scans (several µs each on 5 KB) are skipped.
    return "p" in text and any(w in text for w in _AFTER_WORDS)


def _has_cue(ev: Evidence, h: FHit, cues: set[str], after_words: bool = True) -> bool:
    """A place cue in the two words before the hit (proclitics stripped), or camp/prison after it.

    after_words=False: the field holds no "camp"/"prison" at all, so the check after
    the name is skipped (it is ~40% of this function's time on Arabic text).
    """
    text = ev.title if h.field == "title" else ev.body
    if cues:
        for w in text[max(0, h.start - 28):h.start].split()[-2:]:  # == ev.prev_word(h, 2)
            if w in cues or w[1:] in cues or w[2:] in cues or w[3:] in cues:
                return True
    if not after_words:
        return False
    after = text[h.end:h.end + 12].split()[:1]
    # only camp/prison after the name: "Lanao del Sur province" must not make "Sur" Syrian
    return bool(after) and after[0] in _AFTER_WORDS


_CITY_BEFORE = frozenset({"مدينه", "بمدينه", "لمدينه", "ومدينه", "city"})
_CITY_AFTER = frozenset({"city", "city's"})


def _city_context(ev: Evidence, h: FHit) -> bool:
    """«مدينة الرقة», "Raqqa city", "the city of Raqqa": the city, not the province of that name."""
    text = ev.text(h.field)
    prev = text[max(0, h.start - 14):h.start].split()[-2:]
    if prev and (prev[-1] in _CITY_BEFORE or prev[-2:] == ["city", "of"]):
        return True
    nxt = text[h.end:h.end + 8].split()[:1]
    return bool(nxt) and nxt[0] in _CITY_AFTER


def place_rank(pf: PlaceFacts, h: FHit) -> int:
    p = h.place
    if id(h) in pf.province:
        return 1
    if id(h) in pf.city:
        return SPECIFICITY["city"]
    return p.rank if p else 0
