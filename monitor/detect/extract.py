"""Find the primary concrete incident in an item and extract its facts.

A sentence (the title counts as sentence 0) is an incident *candidate* when it
holds an incident term. It is *concrete* — a new event, not analysis — when
- ISIS is named in it, next to it, or in the title;
- it is anchored: a time expression (weekday, «أمس», a date) or a place below
  country level (village, town, camp...), or it is the title and names a
  governorate, or it follows within four sentences a lead that sets the scene
  (a day and a specific place: feature and human-angle stories);
- it carries no statistics, anniversary or trial cue (a summary of "48
  operations in February", «في مثل هذا اليوم», a court case).
Candidates are scored (anchors, ISIS in the sentence, title/lead position,
minus statement/analysis/back-reference cues); the best concrete one is the
primary incident, because articles mention several incidents and the
headline/lead one is the news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.detect.actors import ActorFacts, PlaceFacts, place_rank
from monitor.detect.candidates import Candidate, ScoringContext, score, why_not
from monitor.detect.casualties import count_near, counts
from monitor.detect.dates import resolve
from monitor.detect.evidence import Evidence, FHit
from monitor.detect.knowledge import SYRIA, Knowledge
from monitor.models import Incident
from monitor.text.matcher import WORD_RE

# «إن»، «أن»، «بأن»، "said that": the speaker reports what others did.
_COMPLEMENTIZER = re.compile(r"(?:^|\s)(?:[وف]?ب?ان(?:ه|ها|هم)?|said|says|told|that|according)(?=\s|$)")
# Incident terms that are also words for speaking against someone («يهاجم دمشق»، "attacks").
_VERBAL_ATTACK_IDS = ("attack", "attack_present")
# Detentions recounted by an appeal are a situation, not a new arrest.
_APPEAL_TYPES = ("arrest", "raid")
# Attack words that can take a position as object («هاجموا حاجزا», "attack on a checkpoint").
_ASSAULT_IDS = ("attack", "attack_present")
# «قتلوا في اشتباكات أعقبت هجوما», "killed in clashes that followed an attack": the
# fighting is the defenders' response to an assault (as with `assault_target`).
_CLASH_AFTER_ATTACK = re.compile(
    r"(?:اشتباكات|اشتباك|مواجهات|معارك|clashes|fighting|firefight) (?:\S+ )?"
    r"(?:اعقبت|تلت|اثر|بعد|that followed|which followed|following|after) (?:an? |the )?(?:هجوما|هجوم|attack|assault)")
# A found body outranks the kidnapping or attack that preceded it (like `body_found`).
_BODY_FOUND_PRIORITY = 3.5
# «تهريب نساء من مخيم الهول», "smuggled out of al-Hol camp": out of a camp or prison.
_OUT_OF = re.compile(r"(?:^|\s)(?:[وف]?من|out of|from|leave|left)\s")
_HOLDING = ("مخيم", "مخيمات", "سجن", "سجون", "المخيم", "السجن", "camp", "camps", "prison", "prisons", "jail")
_HOLDING_KINDS = ("camp", "prison")
# ISIS killing three or more in one act (not an execution or an assassination) is an attack.
_MASS_KILLING = 3




@dataclass
class IncidentFacts:
    candidates: list[Candidate]
    primary: Candidate | None
    incident: Incident | None
    country: str | None  # country of the primary incident
    why_not: str | None  # when there is no concrete incident
    # Why the incident is ISIS-related though ISIS is not named: "a camp of ISIS families",
    # "a coalition airdrop" (None when ISIS is named, or when there is no incident).
    implied_isis: str | None = None




def _smuggled_out(ev: Evidence, pf: PlaceFacts, h: FHit) -> bool:
    """«تهريب نساء ... من مخيم الهول», "smuggled ... out of al-Hol camp": people taken out of a camp or prison."""
    text = ev.text(h.field)
    _, _, end = ev.sentences[h.sent]
    window = text[h.end:min(end, h.end + 90)]
    for m in _OUT_OF.finditer(window):
        at = h.end + m.end()
        nxt = text[at:at + 30].split()[:2]
        if any(w in _HOLDING for w in nxt):
            return True
        if any(x.sent == h.sent and x.start == at and x.place.kind in _HOLDING_KINDS for x in pf.syrian):
            return True  # «من الهول»
    return False


def _position_after(ev: Evidence, h: FHit) -> bool:
    """A checkpoint, post or patrol named within three words after the hit."""
    text = ev.text(h.field)
    return any(t.field == h.field and t.start >= h.end and len(text[h.end:t.start].split()) <= 3
               for t in ev.in_sent("assault_target", h.sent))


def _assault(ev: Evidence, n: int) -> bool:
    """An attack word with a position as its object: an assault, not mutual fighting."""
    targets = ev.in_sent("assault_target", n)
    if not targets:
        return False
    for h in ev.in_sent("incident_terms", n):
        if h.id not in _ASSAULT_IDS:
            continue
        text = ev.text(h.field)
        if any(t.field == h.field and t.start >= h.end and len(text[h.end:t.start].split()) <= 3 for t in targets):
            return True
    return False


def _clash_and_attack(terms: list[Term]) -> bool:
    types = {t[0] for t in terms}
    return "clash" in types and "attack" in types


def _verbal(ev: Evidence, h: FHit) -> bool:
    """An attack word spoken, not done: in a speech/recording, or said by a spokesman.

    «المتحدث باسم «الدولة» يهاجم دمشق»، «هاجم المتحدث ... في كلمة صوتية»: the attack is
    words. «قال المتحدث باسم قسد إن خلايا داعش هاجمت حاجزا», "said in a speech that
    ISIS attacked ...": the speaker reports an attack (a complementizer stands between
    the cue and the verb), so it stays.
    """
    if h.id not in _VERBAL_ATTACK_IDS:
        return False
    cues = ev.in_sent("speech_cue", h.sent)
    if not cues:
        return False
    text = ev.text(h.field)
    for c in cues:
        if c.field != h.field:
            continue
        if c.end <= h.start and not _COMPLEMENTIZER.search(text, c.end, h.start):
            return True  # «المتحدث باسم التنظيم يهاجم»، "in an audio message ... urged to attack"
        if h.end <= c.start and (c.id == "recording" or len(text[h.end:c.start].split()) <= 1):
            return True  # «هاجم المتحدث باسم التنظيم»، "attacked Damascus in an audio message"
    return False


def _iraqi_ground_op(af: ActorFacts, c: Candidate) -> bool:
    """Iraqi forces act in the sentence, on the ground (they strike into Syria from the air)."""
    return bool(set(c.types) & {"arrest", "raid", "clash"}) and \
        any(h.id == "iraqi_forces" and h.sent == c.sent for h in af.forces)


def _country(ev: Evidence, af: ActorFacts, pf: PlaceFacts, c: Candidate) -> tuple[str | None, FHit | None]:
    """Where the candidate happened: its own sentence first, then title/neighbours.

    A foreign place alone in the candidate's sentence does not move it abroad when the
    headline puts the story in Syria and names no foreign place ("US strike kills ISIS
    leader in Syria" ... "he developed the group's network in Turkey").
    """
    branch = [h for h in af.branches if h.sent in (c.sent, 0)]
    title_syria = not any(h.sent == 0 for h in pf.foreign) and (
        any(h.sent == 0 for h in pf.syrian) or any(h.sent == 0 for h in pf.syria_country))
    for sents in ((c.sent,), (0,), (c.sent + 1, c.sent - 1)):
        sy = [h for h in pf.syrian if h.sent in sents]
        fo = [h for h in pf.foreign if h.sent in sents]
        sc = [h for h in pf.syria_country if h.sent in sents]
        if sy and fo and sents == (c.sent,) and _iraqi_ground_op(af, c):
            # «الاستخبارات العراقية قبضت على عنصر ينقل عائلات داعش من مخيم الهول الى نينوى»:
            # Iraq's own forces arrest in Iraq; the Syrian place is where he came from.
            iq = [h for h in fo if h.place.country == "Iraq"]
            if iq:
                return "Iraq", iq[0]
        if sy:
            return SYRIA, max(sy, key=lambda h: place_rank(pf, h))
        if fo and not sc and not (title_syria and sents != (0,) and c.sent != 0):
            return fo[0].place.country, fo[0]
        if sc:
            return SYRIA, None
    if branch:
        return branch[0].attrs.get("country"), None
    if pf.syria_related and len(pf.syrian) + len(pf.syria_country) + len(pf.syria_state) >= len(pf.foreign):
        return SYRIA, None
    if pf.foreign:
        return pf.foreign[0].place.country, pf.foreign[0]
    return None, None


# type, priority, yields_to as (type, unless these types are named), unless_forces, entry id
Term = tuple[str, float, tuple[tuple[str, frozenset[str]], ...], frozenset[str], str]


def _yields(a: dict) -> tuple[tuple[str, frozenset[str]], ...]:
    """yields_to of a lexicon entry: `arrest` or `{type: arrest, unless: [killing]}` (parsed once)."""
    y = a.get("_yields")
    if y is None:
        y = tuple((x, frozenset()) if isinstance(x, str) else (str(x["type"]), frozenset(x.get("unless") or ()))
                  for x in a.get("yields_to") or ())
        a["_yields"] = y
    return y


def _types(terms: list[Term], foiled: bool, forces: set[str], assault: bool = False) -> dict[str, float]:
    """Incident types named by a set of terms: type -> best (lowest) priority.

    A term with `yields_to` does not count when one of those types is named too
    (a search operation that netted arrests is an arrest), unless one of its
    `unless_forces` is named (a joint raid with the coalition) or the yield's own
    `unless` types are (a raid that killed militants stays a raid). «إحباط مخطط لتفجير...»,
    "foiled a plot to bomb": the bombing/attack did not happen, so with a foiled
    cue attack and ied give way to any other type named.
    """
    named = {t[0] for t in terms}
    out: dict[str, float] = {}
    for t, pr, yields, unless, _ in terms:
        if yields and not unless & forces and any(y in named and not u & named for y, u in yields):
            continue
        out[t] = min(pr, out.get(t, pr))
    if foiled and set(out) - {"attack", "ied", "clash", "killing"}:
        # (a plot foiled by arrests; "foiled an ISIS attack, one officer killed" with
        # clashes and deaths only was an attack repelled: it happened)
        for t in ("attack", "ied"):
            out.pop(t, None)
    if assault and "attack" in out:
        # «هاجموا حاجزا ... واندلع اشتباك»: the exchange of fire is the defenders' response.
        out.pop("clash", None)
    return out


def _planned(ev: Evidence, h: FHit) -> bool:
    """A plan cue right before the incident word: «لإعداد هجوم», «التخطيط لهجوم»."""
    text = ev.text(h.field)
    for c in ev.in_sent("plan_cue", h.sent):
        if c.field != h.field or c.end > h.start:
            continue
        gap = text[c.end:h.start]
        if c.id == "plan_l":
            if not gap.strip() and text.startswith("ل", h.start):
                return True
        elif len(gap.split()) <= 1:
            return True
    return False


def extract(ev: Evidence, k: Knowledge, af: ActorFacts, pf: PlaceFacts) -> IncidentFacts:
    terms_by_sent: dict[int, list[Term]] = {}
    plans = bool(ev.lex("plan_cue"))
    for h in ev.lex("incident_terms"):
        if h.field == "body" and h.attrs.get("title_only"):
            continue
        a = h.attrs
        if a["type"] == "attack" and _verbal(ev, h):
            continue
        if plans and _planned(ev, h):
            continue  # «لإعداد هجوم», "to prepare an offensive": a purpose, not a deed
        if a["type"] in _APPEAL_TYPES and "appeal_cue" in ev.lexicons_in(h.sent):
            continue
        if h.id == "raid_joint" and any(f.field == h.field and f.start <= h.start and h.end <= f.end
                                        for f in af.forces):
            continue  # «قيادة العمليات المشتركة», "Joint Operations Command": a name, not an operation
        pr = float(a.get("priority", 10))
        if a["type"] == "airstrike" and h.text == "struck" and _position_after(ev, h):
            # "ISIS fighters struck several checkpoints": aircraft strike hideouts and cars,
            # not checkpoints; struck positions are an assault
            terms_by_sent.setdefault(h.sent, []).append(("attack", 6.0, (), frozenset(), "attack"))
            continue
        if h.id == "corpse" and "found_cue" in ev.lexicons_in(h.sent):
            pr = _BODY_FOUND_PRIORITY
        if h.id in ("corpse", "body_found") and _attack_in(ev, h.sent):
            # «ارتفعت حصيلة الهجوم ... إلى 9 بعد العثور على جثتين»: the bodies are the
            # attack's dead; the attack is the incident.
            pr = float(a.get("priority", 10)) if h.id == "corpse" else 9.0
        terms_by_sent.setdefault(h.sent, []).append(
            (a["type"], pr, y if (y := a.get("_yields")) is not None else _yields(a),
             frozenset(a.get("unless_forces") or ()), h.id))
    signs = [h for h in ev.lex("airborne_sign") if h.sent <= 3]
    if len(signs) > 1 and len({h.id for h in signs}) > 1:
        # Helicopters and loudspeakers ordering people indoors, told together in the
        # headline or lead: a heliborne raid, even when residents tell it in their words.
        at = next(h.sent for h in signs if h.id == "helicopter")
        terms_by_sent.setdefault(at, []).append(("raid", 1.0, (), frozenset(), "airborne_signs"))
    for h in ev.lex("smuggle_cue"):
        if _smuggled_out(ev, pf, h):
            terms_by_sent.setdefault(h.sent, []).append(("escape", 6.5, (), frozenset(), "smuggled_out"))
    foiled = {n for n in terms_by_sent if "foiled_cue" in ev.lexicons_in(n)}
    assault = {h.sent for h in ev.lex("assault_target") if h.sent in terms_by_sent}
    assault = {n for n in assault if _assault(ev, n)}
    assault |= {n for n, terms in terms_by_sent.items() if _clash_and_attack(terms)
                and _CLASH_AFTER_ATTACK.search(ev.sentence_text(n))}
    forces: dict[int, set[str]] = {}
    for h in af.forces:
        forces.setdefault(h.sent, set()).add(h.id)
    by_sent = {n: _types(terms, n in foiled, forces.get(n, set()), n in assault)
               for n, terms in terms_by_sent.items()}
    by_sent = {n: types for n, types in by_sent.items() if types}
    cands = [Candidate(n, types) for n, types in sorted(by_sent.items())]
    mine_only = frozenset(n for n, terms in terms_by_sent.items()
                          if "landmine" in (ids := {t[4] for t in terms}) and ids <= _MINE_IDS)
    airdrop = any(t[4] == "raid_airborne" for terms in terms_by_sent.values() for t in terms) \
        and any(h.id in _FOREIGN_RAIDERS for h in af.forces) and not ev.lex("other_group")
    ctx = ScoringContext.of(ev, af, pf, bool(cands), mine_only, airdrop)
    for c in cands:
        score(ev, pf, c, ctx)
    concrete = [c for c in cands if c.concrete]
    if not af.strong and not pf.isis_camp and not ctx.coalition_airdrop:
        return IncidentFacts(cands, None, None, None, af.why_not)
    if not concrete:
        return IncidentFacts(cands, None, None, None, why_not(ev, cands))
    primary = max(concrete, key=lambda c: c.score)
    # The headline states the event and the lead adds detail ("arrested ... during a
    # raid", "struck ..., killing six"): when the incident is in the lead, its type
    # is decided over the terms of both.
    title = cands[0] if cands and cands[0].sent == 0 else None
    type_sents = [primary.sent]
    if title is not None and title is not primary and primary.sent <= 2 and title.isis_link:
        type_sents.append(0)
    merged = [t for n in type_sents for t in terms_by_sent[n]]
    was_foiled = any(n in foiled for n in type_sents)
    fs = set().union(*(forces.get(n, set()) for n in type_sents))
    was_assault = any(n in assault for n in type_sents)
    types = _types(merged, was_foiled, fs, was_assault) or primary.types
    if was_foiled and set(types) <= {"attack", "ied"}:
        # «إحباط هجوم ...» / "thwarted an attack": the attack did not happen; what
        # happened (usually arrests) is told in the next sentences.
        later = [t for n in (primary.sent + 1, primary.sent + 2) for t in terms_by_sent.get(n, [])]
        types = _types(merged + later, True, fs, was_assault) or types
        attack_sents = [n for n in type_sents if any(t[0] in ("attack", "ied") for t in terms_by_sent[n])]
        if set(types) <= {"attack", "ied"} and all(n in foiled for n in attack_sents):
            # «خلية المزة.. تفاصيل عن مخطط استهداف كنيسة»: every attack word is a plan and
            # nothing else is told; what happened is that the plot was caught: an arrest.
            types = {"arrest": 7.0}
    inc_type = min(types, key=lambda t: types[t])
    if title is not None and title.isis_link and len(title.types) == 1 and inc_type in ("attack", "ied") \
            and title.type not in ("attack", "ied") and not any(
                _happened(ev, n, foiled) for n in type_sents if n != 0
                and any(t[0] == inc_type for t in terms_by_sent[n])):
        # The headline event wins: «الأمن يعلن تفكيك خلية لتنظيم الدولة في جبلة»,
        # «اعتقال خبير متفجرات في داعش داخل أعزاز». The body's bombs and attacks are the
        # cell's past deeds, its plans, its seized explosives or the suspect's role;
        # only a lead that tells the attack itself happening (with its casualties, not
        # as a plan or back-reference) may override the headline.
        inc_type = title.type
    if inc_type == "arrest" and _airborne(ev, primary.sent):
        # Helicopters overhead and loudspeakers ordering people indoors: a heliborne raid
        # (only the coalition flies them in), whatever the arrests are called.
        inc_type = "raid"
    if inc_type == "killing" and _airdrop_near(terms_by_sent, primary.sent):
        # "probably killed in a helicopter raid", «التحالف يقتل قياديا» over a story of a
        # «إنزال جوي»: the operation is the raid; the death is its outcome.
        inc_type = "raid"
    if inc_type == "raid" and _local_sweep_netted_arrests(ev, af, terms_by_sent, primary.sent):
        # «عملية أمنية واسعة» of the interior ministry, then «أسفرت عن القبض على...» in the
        # next sentence: local forces' sweep that netted arrests is an arrest (as it is when
        # both are told in one sentence); only the coalition's or US forces' is a raid.
        inc_type = "arrest"
    killed, injured = counts(ev, k, primary.sent)
    if inc_type == "killing" and _mass_killing(ev, k, terms_by_sent, type_sents, killed):
        # «مقتل 12 من جامعي الكمأة»، "IS kills 15 truffle hunters": a massacre is an attack;
        # a killing is a targeted one (an assassination, an execution, a body found).
        inc_type = "attack"
    country, place_hit = _country(ev, af, pf, primary)
    place_hits = [h for h in pf.syrian if h.sent == primary.sent]
    if not place_hits and place_hit is not None and place_hit.place.country == SYRIA:
        place_hits = [place_hit]
    title_govs = {h.place.governorate for h in pf.syrian if h.sent == 0 and h.place.governorate}
    if len(title_govs) == 1 and primary.sent != 0:
        # The headline's governorate is where it happened: «قرى المتونة ودوما» beside «مدينة
        # السويداء» is the Suwayda village, not Douma near Damascus; «3 منهم من بلدة الصور» is
        # where the attackers came from. Places of other governorates in the sentence yield.
        agree = [h for h in place_hits if h.place.governorate in title_govs]
        if agree and len(agree) < len(place_hits):
            place_hits = agree
    if pf.road and place_hits:
        # «طريق تدمر - دير الزور»، "the Palmyra–Deir ez-Zor road" name the road's ends, not the
        # place: a place told otherwise in the sentence, the headline or next to it wins
        # ("roadside bombing in Homs desert", «قرب السخنة»).
        # (a place with a governorate: «البادية السورية» says nothing the road does not; and at
        # least as specific as the road's ends: "Homs desert" beats "Deir ez-Zor", but a road
        # end that is a town is more exact than a province named beside it)
        own = [h for h in place_hits if id(h) not in pf.road and h.place.governorate]
        if not own:  # only the road's ends here: the headline's or lead's place
            own = [h for h in pf.syrian if id(h) not in pf.road and h.place.governorate
                   and (h.sent == 0 or (primary.sent <= 2 and h.sent <= 2))]
        if own and max(place_rank(pf, h) for h in own) >= max(place_rank(pf, h) for h in place_hits):
            place_hits = own
    place = gov = None
    if place_hits:
        best = max(place_hits, key=lambda h: (place_rank(pf, h), -h.start))
        p = best.place
        gov = p.governorate or next((h.place.governorate for h in place_hits if h.place.governorate), None)
        # Only the governorate known: no place (dedupe reads a place as a specific
        # location; repeating the governorate's name there would merge unrelated events).
        place = p.name if place_rank(pf, best) > 1 else None
        if place is None and gov:
            # «هجوم في ريف دمشق ... على بلدة الضمير»: a more specific place of the same
            # governorate named in the headline or next to the incident is where it was.
            near = [h for h in pf.syrian if h.place.governorate == gov and place_rank(pf, h) > 1
                    and (h.sent == 0 or abs(h.sent - primary.sent) <= 1)]
            if near:
                place = min(near, key=lambda h: (abs(h.sent - primary.sent), h.start)).place.name
        if gov is None:
            gov = _nearby_governorate(pf, primary.sent)
    elif country == SYRIA:
        # "A US strike killed an ISIS official in Syria ..." and the town comes later
        # in the story: its governorate (not its name) is the incident's best guess.
        gov = _nearby_governorate(pf, primary.sent, within=4)
        if gov is None:
            # Further down, the one governorate the story names is where it was ("SOHR said
            # the leader was killed in a village of Jarabulus", eight sentences on).
            govs = {h.place.governorate for h in pf.syrian if h.place.governorate}
            if len(govs) == 1:
                gov = govs.pop()
    if inc_type in ("attack", "clash") and place_hits and _break_out(ev, pf, place_hits, terms_by_sent, type_sents):
        # «هجوم داعشي على سجن غويران ... وهروب جماعي», "attacks prison, feared escapes": an
        # assault on a prison or camp told with its break-out is the break-out.
        inc_type = "escape"
    near = {primary.sent - 1, primary.sent, primary.sent + 1, 0}
    actors = []
    for h in af.isis + af.forces:
        name = h.attrs.get("canonical")
        if h.sent in near and name and name not in actors:
            actors.append(name)
    when = resolve(ev.sentence_text(primary.sent), ev.item.published)
    inc = Incident(inc_type, place if country == SYRIA else (place_hit.place.name if place_hit else None),
                   gov if country == SYRIA else None, tuple(actors), killed, injured, when)
    implied = None
    if not af.strong:
        if any(h.place.isis_linked and h.place.kind == "camp" and h.sent == primary.sent for h in pf.syrian):
            implied = "in a camp of ISIS families"
        elif ctx.coalition_airdrop and inc_type == "raid":
            implied = "a coalition airdrop (they hunt ISIS in Syria)"
    return IncidentFacts(cands, primary, inc, country, None, implied)


# A mine and the explosion, death and injury words that tell it (no attack, no gunmen).
_MINE_IDS = frozenset({"landmine", "ied", "killing", "corpse"})
_FOREIGN_RAIDERS = frozenset({"coalition", "us_forces", "centcom"})


def _local_sweep_netted_arrests(ev: Evidence, af: ActorFacts, terms_by_sent: dict[int, list[Term]], n: int) -> bool:
    """A generic search operation (not airborne, no coalition or US forces anywhere in the
    item, no one killed in it) whose next two sentences tell arrests."""
    ids = {t[4] for t in terms_by_sent.get(n, ()) if t[0] == "raid"}
    if not ids or ids - {"raid", "raid_joint"} or any(h.id in _FOREIGN_RAIDERS for h in af.forces):
        return False
    if any(t[0] == "killing" for t in terms_by_sent.get(n, ())):
        return False
    return any(t[0] == "arrest" for m in (n + 1, n + 2) for t in terms_by_sent.get(m, ()))


_PRISON_WORDS = frozenset({"سجن", "بسجن", "لسجن", "وسجن", "prison", "jail"})


def _prison_before(ev: Evidence, h: FHit) -> bool:
    return any(w in _PRISON_WORDS for w in ev.text(h.field)[max(0, h.start - 10):h.start].split()[-1:])


def _break_out(ev: Evidence, pf: PlaceFacts, place_hits: list[FHit], terms_by_sent: dict[int, list[Term]],
               type_sents: list[int]) -> bool:
    """The incident's place is a prison or camp and an escape is told in its sentences or the headline."""
    best = max(place_hits, key=lambda h: (place_rank(pf, h), -h.start))
    if best.place.kind not in ("prison", "camp") and not _prison_before(ev, best):
        return False  # («سجن الشدادي»: the town's prison, named by the word before it)
    return any(t[0] == "escape" for n in {0, *type_sents} for t in terms_by_sent.get(n, ()))


def _airborne(ev: Evidence, n: int) -> bool:
    """Signs of a heliborne raid in the headline, the lead or next to the incident."""
    return any(h.sent <= 2 or abs(h.sent - n) <= 1 for h in ev.lex("airborne_sign"))


def _airdrop_near(terms_by_sent: dict[int, list[Term]], n: int) -> bool:
    """An airborne/landing raid named in the headline, the lead or next to sentence n."""
    return any(t[4] == "raid_airborne" for s in {0, 1, 2, n - 1, n, n + 1} for t in terms_by_sent.get(s, ()))


def _mass_killing(ev: Evidence, k: Knowledge, terms_by_sent: dict[int, list[Term]],
                  type_sents: list[int], killed: int | None) -> bool:
    """Three or more killed by generic killing or shooting words (not an execution or a body found).

    "shot dead six SDF fighters" is a massacre too.
    """
    ids = {t[4] for n in type_sents for t in terms_by_sent.get(n, ()) if t[0] == "killing"}
    if not ids or ids - {"killing", "killing_present", "shot_dead"}:
        return False
    if killed is None:
        # «داعش يقتل 9 من باحثي الكمأة»: the count right after the killing word itself
        for h in ev.lex("incident_terms"):
            if h.sent in type_sents and h.attrs.get("type") == "killing":
                killed = count_near(ev, k, WORD_RE.findall(ev.sentence_text(h.sent)), h)
                if killed is not None:
                    break
    return killed is not None and killed >= _MASS_KILLING


def _attack_in(ev: Evidence, n: int) -> bool:
    return any(h.attrs.get("type") == "attack" for h in ev.in_sent("incident_terms", n))


def _happened(ev: Evidence, n: int, foiled: set[int]) -> bool:
    """Sentence n tells an incident taking place: casualties, and no plan/perpetrator/back-reference cue."""
    return bool(ev.in_sent("casualty_killed", n) or ev.in_sent("casualty_injured", n)) \
        and n not in foiled and not ev.in_sent("backref_cue", n)


def _nearby_governorate(pf: PlaceFacts, n: int, within: int | None = None) -> str | None:
    for h in sorted(pf.syrian, key=lambda h: abs(h.sent - n)):
        if within is not None and abs(h.sent - n) > within:
            break
        if h.place.governorate:
            return h.place.governorate
    return None

