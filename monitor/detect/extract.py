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

from dataclasses import dataclass

from monitor.detect.actors import ActorFacts, PlaceFacts, place_rank
from monitor.detect.candidates import Candidate, ScoringContext, score, why_not
from monitor.detect.casualties import counts
from monitor.detect.dates import resolve
from monitor.detect.evidence import Evidence, FHit
from monitor.detect.kinds import (
    APPEAL_TYPES,
    BODY_FOUND_PRIORITY,
    CLASH_AFTER_ATTACK,
    FOREIGN_RAIDERS,
    MINE_IDS,
    Term,
    airborne,
    airdrop_near,
    assault_on_position,
    attack_in,
    break_out,
    cell_targeted,
    clash_and_attack,
    forces_killed,
    happened,
    local_sweep_netted_arrests,
    mass_killing,
    planned,
    position_after,
    smuggled_out,
    types_of,
    verbal,
    yields,
)
from monitor.detect.knowledge import SYRIA, Knowledge
from monitor.models import Incident


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


def _iraqi_ground_op(af: ActorFacts, c: Candidate) -> bool:
    """Iraqi forces act in the sentence, on the ground (they strike into Syria from the air)."""
    return bool(set(c.types) & {"arrest", "raid", "clash"}) and \
        any(h.id == "iraqi_forces" and h.sent == c.sent for h in af.forces)


# Neighbours' own forces: acting with no Syrian place named, they act at home.
_HOME_FORCES = {"iraqi_forces": "Iraq", "lebanese_forces": "Lebanon"}


def _home_forces_act(af: ActorFacts, c: Candidate) -> str | None:
    """The country of a neighbour's forces named in the candidate's sentence, the headline or
    the next sentence, for anything but an air strike."""
    if not set(c.types) - {"airstrike"}:
        return None
    return next((_HOME_FORCES[h.id] for h in af.forces
                 if h.id in _HOME_FORCES and h.sent in (c.sent, 0, c.sent + 1)), None)


def _country(ev: Evidence, af: ActorFacts, pf: PlaceFacts, c: Candidate) -> tuple[str | None, FHit | None]:
    """Where the candidate happened: its own sentence first, then title/neighbours.

    A foreign place alone in the candidate's sentence does not move it abroad when the
    headline puts the story in Syria and names no foreign place ("US strike kills ISIS
    leader in Syria" ... "he developed the group's network in Turkey").
    """
    branch = [h for h in af.branches if h.sent in (c.sent, 0)]
    # «الشرطة العراقية تقتل 15 داعشيا على الحدود السورية», «العراق يعلن مقتل والي العراق
    # وسوريا», «الأمن العام اللبناني يوقف سوريا»: Iraq's or Lebanon's own forces acting, with no
    # Syrian place in the sentence or the headline (the suspect's home town further down is
    # his past), act at home (from the air Iraq also strikes inside Syria: an
    # airstrike is not moved).
    home = _home_forces_act(af, c) if not any(h.sent in (c.sent, 0) for h in pf.syrian) else None
    if home:
        there = sorted((h for h in pf.foreign if h.place.country == home),
                       key=lambda h: (h.sent != c.sent, h.sent != 0, -place_rank(pf, h)))
        return home, there[0] if there else None
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


def extract(ev: Evidence, k: Knowledge, af: ActorFacts, pf: PlaceFacts) -> IncidentFacts:
    terms_by_sent: dict[int, list[Term]] = {}
    plans = bool(ev.lex("plan_cue"))
    for h in ev.lex("incident_terms"):
        if h.field == "body" and h.attrs.get("title_only"):
            continue
        a = h.attrs
        if a["type"] == "attack" and verbal(ev, h):
            continue
        if h.id in ("attack", "attack_present") and cell_targeted(ev, h):
            # «استهداف خلية إرهابية تابعة لداعش», "targeted an ISIS cell": an operation against
            # the group, not its attack. What the sentence says it was (a strike, arrests) types
            # it; told as nothing else, it is a search operation (a raid, or an arrest when it
            # netted some).
            others = [o for o in ev.in_sent("incident_terms", h.sent) if o is not h and o.attrs.get("type") != "attack"]
            if not others and (raid := _entry_term(k, "raid")) is not None:
                terms_by_sent.setdefault(h.sent, []).append(raid)
            continue
        if plans and planned(ev, h):
            continue  # «لإعداد هجوم», "to prepare an offensive": a purpose, not a deed
        if h.id == "killing" and ev.text(h.field).endswith("القتلي", h.start, h.end):
            continue  # «بين القتلى», "among the dead": the dead of an incident already told
        if a["type"] in APPEAL_TYPES and "appeal_cue" in ev.lexicons_in(h.sent):
            continue
        if h.id == "raid_joint" and any(f.field == h.field and f.start <= h.start and h.end <= f.end
                                        for f in af.forces):
            continue  # «قيادة العمليات المشتركة», "Joint Operations Command": a name, not an operation
        pr = float(a.get("priority", 10))
        if a["type"] == "airstrike" and h.text == "struck" and position_after(ev, h):
            # "ISIS fighters struck several checkpoints": aircraft strike hideouts and cars,
            # not checkpoints; struck positions are an assault
            if (attack := _entry_term(k, "attack")) is not None:
                terms_by_sent.setdefault(h.sent, []).append(attack)
            continue
        if h.id == "corpse" and "found_cue" in ev.lexicons_in(h.sent):
            pr = BODY_FOUND_PRIORITY
        if h.id in ("corpse", "body_found") and attack_in(ev, h.sent):
            # «ارتفعت حصيلة الهجوم ... إلى 9 بعد العثور على جثتين»: the bodies are the
            # attack's dead; the attack is the incident.
            pr = float(a.get("priority", 10)) if h.id == "corpse" else 9.0
        # (_term inlined: this runs for every incident word of every item)
        terms_by_sent.setdefault(h.sent, []).append(
            (a["type"], pr, y if (y := a.get("_yields")) is not None else yields(a),
             frozenset(a.get("unless_forces") or ()), h.id))
    signs = [h for h in ev.lex("airborne_sign") if h.sent <= 3]
    if len(signs) > 1 and len({h.id for h in signs}) > 1:
        # Helicopters and loudspeakers ordering people indoors, told together in the
        # headline or lead: a heliborne raid, even when residents tell it in their words.
        at = next(h.sent for h in signs if h.id == "helicopter")
        terms_by_sent.setdefault(at, []).append(("raid", 1.0, (), frozenset(), "airborne_signs"))
    for h in ev.lex("smuggle_cue"):
        if smuggled_out(ev, pf, h):
            terms_by_sent.setdefault(h.sent, []).append(("escape", 6.5, (), frozenset(), "smuggled_out"))
    foiled = {n for n in terms_by_sent if "foiled_cue" in ev.lexicons_in(n)}
    assault = {h.sent for h in ev.lex("assault_target") if h.sent in terms_by_sent}
    assault = {n for n in assault if assault_on_position(ev, n)}
    assault |= {n for n, terms in terms_by_sent.items() if clash_and_attack(terms)
                and CLASH_AFTER_ATTACK.search(ev.sentence_text(n))}
    forces: dict[int, set[str]] = {}
    for h in af.forces:
        forces.setdefault(h.sent, set()).add(h.id)
    by_sent = {n: types_of(terms, n in foiled, forces.get(n, set()), n in assault)
               for n, terms in terms_by_sent.items()}
    by_sent = {n: types for n, types in by_sent.items() if types}
    cands = [Candidate(n, types) for n, types in sorted(by_sent.items())]
    # A mine explosion is ISIS's only when its sentence names ISIS, or when the next one
    # says who laid that mine ("... when a landmine exploded in al-Hissan. The SDF said the
    # landmine had been planted by cells affiliated with ISIS").
    isis_at = {h.sent for h in af.isis}
    mine_only = frozenset(n for n, terms in terms_by_sent.items()
                          if "landmine" in (ids := {t[4] for t in terms}) and ids <= MINE_IDS
                          and not (n + 1 in isis_at and any(t[4] == "landmine" for t in terms_by_sent.get(n + 1, ()))))
    airdrop = any(t[4] == "raid_airborne" for terms in terms_by_sent.values() for t in terms) \
        and any(h.id in FOREIGN_RAIDERS for h in af.forces) and not ev.lex("other_group")
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
    elif primary is title and title.type in ("killing", "arrest") and len(cands) > 1 and cands[1].sent == 1 \
            and cands[1].concrete and "backref_cue" not in cands[1].cues:
        # A headline that tells the outcome (a death, arrests) is typed with its lead, which
        # tells the act ("believed killed by US" / "after conducting a targeted raid"); not
        # with a lead that recalls something earlier ("a day after US airstrikes").
        type_sents.append(1)
    merged = [t for n in type_sents for t in terms_by_sent[n]]
    was_foiled = any(n in foiled for n in type_sents)
    fs = set().union(*(forces.get(n, set()) for n in type_sents))
    was_assault = any(n in assault for n in type_sents)
    types = types_of(merged, was_foiled, fs, was_assault) or primary.types
    if was_foiled and set(types) <= {"attack", "ied"}:
        # «إحباط هجوم ...» / "thwarted an attack": the attack did not happen; what
        # happened (usually arrests) is told in the next sentences.
        later = [t for n in (primary.sent + 1, primary.sent + 2) for t in terms_by_sent.get(n, [])]
        types = types_of(merged + later, True, fs, was_assault) or types
        attack_sents = [n for n in type_sents if any(t[0] in ("attack", "ied") for t in terms_by_sent[n])]
        if set(types) <= {"attack", "ied"} and all(n in foiled for n in attack_sents):
            # «خلية المزة.. تفاصيل عن مخطط استهداف كنيسة»: every attack word is a plan and
            # nothing else is told; what happened is that the plot was caught: an arrest.
            types = {"arrest": 7.0}
    inc_type = min(types, key=lambda t: types[t])
    if title is not None and title.isis_link and len(title.types) == 1 and inc_type in ("attack", "ied") \
            and title.type not in ("attack", "ied") and not any(
                happened(ev, n, foiled) for n in type_sents if n != 0
                and any(t[0] == inc_type for t in terms_by_sent[n])):
        # The headline event wins: «الأمن يعلن تفكيك خلية لتنظيم الدولة في جبلة»,
        # «اعتقال خبير متفجرات في داعش داخل أعزاز». The body's bombs and attacks are the
        # cell's past deeds, its plans, its seized explosives or the suspect's role;
        # only a lead that tells the attack itself happening (with its casualties, not
        # as a plan or back-reference) may override the headline.
        inc_type = title.type
    if inc_type == "arrest" and airborne(ev, primary.sent):
        # Helicopters overhead and loudspeakers ordering people indoors: a heliborne raid
        # (only the coalition flies them in), whatever the arrests are called.
        inc_type = "raid"
    if inc_type == "killing" and airdrop_near(terms_by_sent, primary.sent):
        # "probably killed in a helicopter raid", «التحالف يقتل قياديا» over a story of a
        # «إنزال جوي»: the operation is the raid; the death is its outcome.
        inc_type = "raid"
    if inc_type == "killing" and forces_killed(ev, af, primary.sent):
        # «قتلت قوى الأمن الداخلي عنصرين من داعش خلال عملية تسلل»: the forces fought ISIS's men;
        # a killing is ISIS's targeted murder of someone.
        inc_type = "clash"
    if inc_type == "raid" and local_sweep_netted_arrests(ev, af, terms_by_sent, primary.sent):
        # «عملية أمنية واسعة» of the interior ministry, then «أسفرت عن القبض على...» in the
        # next sentence: local forces' sweep that netted arrests is an arrest (as it is when
        # both are told in one sentence); only the coalition's or US forces' is a raid.
        inc_type = "arrest"
    killed, injured = counts(ev, k, primary.sent)
    if inc_type == "killing" and mass_killing(ev, k, terms_by_sent, type_sents, killed):
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
    if inc_type in ("attack", "clash") and place_hits and break_out(ev, pf, place_hits, terms_by_sent, type_sents):
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


def _term(a: dict, entry_id: str, priority: float) -> Term:
    """An incident term as the type rules read it, from its lexicon entry."""
    return (a["type"], priority, y if (y := a.get("_yields")) is not None else yields(a),
            frozenset(a.get("unless_forces") or ()), entry_id)


def _entry_term(k: Knowledge, entry_id: str) -> Term | None:
    """The term of an incident_terms entry, read in place of another word ("struck" a checkpoint)."""
    a = k.entries.get(("incident_terms", entry_id))
    return None if a is None else _term(a, entry_id, float(a.get("priority", 10)))


def _governorate_lists(pf: PlaceFacts) -> set[int]:
    by_sent: dict[int, list[FHit]] = {}
    for h in pf.syrian:
        if h.place.governorate:
            by_sent.setdefault(h.sent, []).append(h)
    out = set()
    for n, hits in by_sent.items():
        hits.sort(key=lambda h: h.start)
        for i in range(len(hits) - 2):
            run = hits[i:i + 3]
            if len({h.place.governorate for h in run}) == 3 and run[-1].start - run[0].end <= 24:
                out.add(n)
    return out


def _nearby_governorate(pf: PlaceFacts, n: int, within: int | None = None) -> str | None:
    # A sentence listing three governorates or more in a row («بين حلب وحماة والرقة») names
    # the span of a region, not where one incident was («شمال حماة على طريق الرقة - دمشق»
    # is no list).
    lists = _governorate_lists(pf)
    for h in sorted(pf.syrian, key=lambda h: abs(h.sent - n)):
        if within is not None and abs(h.sent - n) > within:
            break
        if h.place.governorate and h.sent not in lists:
            return h.place.governorate
    return None

