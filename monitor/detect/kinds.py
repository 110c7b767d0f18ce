"""How an incident's type is read from its words: which terms count, which yield to which,
and the cues that change a type (a plan, a foiled plot, an assault on a position, a
prison break-out, a massacre). Used by detect/extract.py; pure functions over Evidence.
"""

from __future__ import annotations

import re

from monitor.detect.actors import ActorFacts, PlaceFacts, place_rank
from monitor.detect.casualties import count_near
from monitor.detect.evidence import Evidence, FHit
from monitor.detect.knowledge import Knowledge
from monitor.text.matcher import WORD_RE

# «إن»، «أن»، «بأن»، "said that": the speaker reports what others did.
_COMPLEMENTIZER = re.compile(r"(?:^|\s)(?:[وف]?ب?ان(?:ه|ها|هم)?|said|says|told|that|according)(?=\s|$)")

# Incident terms that are also words for speaking against someone («يهاجم دمشق»، "attacks").
_VERBAL_ATTACK_IDS = ("attack", "attack_present")

# Detentions recounted by an appeal are a situation, not a new arrest.
APPEAL_TYPES = ("arrest", "raid")

# Attack words that can take a position as object («هاجموا حاجزا», "attack on a checkpoint").
_ASSAULT_IDS = ("attack", "attack_present")

# «قتلوا في اشتباكات أعقبت هجوما», "killed in clashes that followed an attack": the
# fighting is the defenders' response to an assault (as with `assault_target`).
CLASH_AFTER_ATTACK = re.compile(
    r"(?:اشتباكات|اشتباك|مواجهات|معارك|clashes|fighting|firefight) (?:\S+ )?"
    r"(?:اعقبت|تلت|اثر|بعد|that followed|which followed|following|after) (?:an? |the )?(?:هجوما|هجوم|attack|assault)")

# A found body outranks the kidnapping or attack that preceded it (like `body_found`).
BODY_FOUND_PRIORITY = 3.5

# «تهريب نساء من مخيم الهول», "smuggled out of al-Hol camp": out of a camp or prison.
_OUT_OF = re.compile(r"(?:^|\s)(?:[وف]?من|out of|from|leave|left)\s")

_HOLDING = ("مخيم", "مخيمات", "سجن", "سجون", "المخيم", "السجن", "camp", "camps", "prison", "prisons", "jail")

_HOLDING_KINDS = ("camp", "prison")

# ISIS killing three or more in one act (not an execution or an assassination) is an attack.
_MASS_KILLING = 3


def smuggled_out(ev: Evidence, pf: PlaceFacts, h: FHit) -> bool:
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


def position_after(ev: Evidence, h: FHit) -> bool:
    """A checkpoint, post or patrol named within three words after the hit."""
    text = ev.text(h.field)
    return any(t.field == h.field and t.start >= h.end and len(text[h.end:t.start].split()) <= 3
               for t in ev.in_sent("assault_target", h.sent))


def assault_on_position(ev: Evidence, n: int) -> bool:
    """An attack word with a position as its object: an assault, not mutual fighting."""
    if not ev.in_sent("assault_target", n):
        return False
    return any(h.id in _ASSAULT_IDS and position_after(ev, h) for h in ev.in_sent("incident_terms", n))


def clash_and_attack(terms: list[Term]) -> bool:
    types = {t[0] for t in terms}
    return "clash" in types and "attack" in types


def verbal(ev: Evidence, h: FHit) -> bool:
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


# type, priority, yields_to as (type, unless these types are named), unless_forces, entry id
Term = tuple[str, float, tuple[tuple[str, frozenset[str]], ...], frozenset[str], str]


def yields(a: dict) -> tuple[tuple[str, frozenset[str]], ...]:
    """yields_to of a lexicon entry: `arrest` or `{type: arrest, unless: [killing]}` (parsed once)."""
    y = a.get("_yields")
    if y is None:
        y = tuple((x, frozenset()) if isinstance(x, str) else (str(x["type"]), frozenset(x.get("unless") or ()))
                  for x in a.get("yields_to") or ())
        a["_yields"] = y
    return y


def types_of(terms: list[Term], foiled: bool, forces: set[str], assault: bool = False) -> dict[str, float]:
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


def planned(ev: Evidence, h: FHit) -> bool:
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


# A mine and the explosion, death and injury words that tell it (no attack, no gunmen).
MINE_IDS = frozenset({"landmine", "ied", "killing", "corpse"})

FOREIGN_RAIDERS = frozenset({"coalition", "us_forces", "centcom"})


def local_sweep_netted_arrests(ev: Evidence, af: ActorFacts, terms_by_sent: dict[int, list[Term]], n: int) -> bool:
    """A generic search operation (not airborne, no coalition or US forces anywhere in the
    item, no one killed in it) whose next two sentences tell arrests."""
    ids = {t[4] for t in terms_by_sent.get(n, ()) if t[0] == "raid"}
    if not ids or ids - {"raid", "raid_joint"} or any(h.id in FOREIGN_RAIDERS for h in af.forces):
        return False
    if any(t[0] == "killing" for t in terms_by_sent.get(n, ())):
        return False
    return any(t[0] == "arrest" for m in (n + 1, n + 2) for t in terms_by_sent.get(m, ()))


_PRISON_WORDS = frozenset({"سجن", "بسجن", "لسجن", "وسجن", "prison", "jail"})


def _prison_before(ev: Evidence, h: FHit) -> bool:
    return any(w in _PRISON_WORDS for w in ev.text(h.field)[max(0, h.start - 10):h.start].split()[-1:])


def break_out(ev: Evidence, pf: PlaceFacts, place_hits: list[FHit], terms_by_sent: dict[int, list[Term]],
               type_sents: list[int]) -> bool:
    """The incident's place is a prison or camp and an escape is told in its sentences or the headline."""
    best = max(place_hits, key=lambda h: (place_rank(pf, h), -h.start))
    if best.place.kind not in ("prison", "camp") and not _prison_before(ev, best):
        return False  # («سجن الشدادي»: the town's prison, named by the word before it)
    return any(t[0] == "escape" for n in {0, *type_sents} for t in terms_by_sent.get(n, ()))


def airborne(ev: Evidence, n: int) -> bool:
    """Signs of a heliborne raid in the headline, the lead or next to the incident."""
    return any(h.sent <= 2 or abs(h.sent - n) <= 1 for h in ev.lex("airborne_sign"))


def airdrop_near(terms_by_sent: dict[int, list[Term]], n: int) -> bool:
    """An airborne/landing raid named in the headline, the lead or next to sentence n."""
    return any(t[4] == "raid_airborne" for s in {0, 1, 2, n - 1, n, n + 1} for t in terms_by_sent.get(s, ()))


def forces_killed(ev: Evidence, af: ActorFacts, n: int) -> bool:
    """The forces are the killers, ISIS's men the dead: «قتلت قوى الأمن الداخلي عنصرين من داعش»
    (the force right after the Arabic verb), "the SDF killed two ISIS members" (right before
    the English one). «قتل عنصر من قسد», "an SDF fighter killed": the force is the victim."""
    kills = [h for h in ev.in_sent("incident_terms", n) if h.id == "killing" and h.text in ("قتل", "killed")]
    if not kills or not any(h.sent == n for h in af.isis):
        return False
    for h in kills:
        text = ev.text(h.field)
        for f in af.forces:
            if f.sent != n or f.field != h.field:
                continue
            # Arabic puts the force after the verb, English before it; only spaces between.
            a, b = (h.end, f.start) if h.text == "قتل" else (f.end, h.start)
            if a <= b and not text[a:b].strip() \
                    and any(i.start > h.end for i in af.isis if i.sent == n and i.field == h.field):
                return True
    return False


def mass_killing(ev: Evidence, k: Knowledge, terms_by_sent: dict[int, list[Term]],
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


def attack_in(ev: Evidence, n: int) -> bool:
    return any(h.attrs.get("type") == "attack" for h in ev.in_sent("incident_terms", n))


def happened(ev: Evidence, n: int, foiled: set[int]) -> bool:
    """Sentence n tells an incident taking place: casualties, and no plan/perpetrator/back-reference cue."""
    return bool(ev.in_sent("casualty_killed", n) or ev.in_sent("casualty_injured", n)) \
        and n not in foiled and not ev.in_sent("backref_cue", n)


_CELL_WORDS = frozenset({"خليه", "خلايا", "الخليه", "الخلايا", "وكر", "اوكار", "وكرا",
                         "cell", "cells", "hideout", "hideouts"})


def cell_targeted(ev: Evidence, h: FHit) -> bool:
    """An ISIS cell or hideout is what was targeted («استهداف خلية», "targeted an ISIS cell").

    Only the "target" words: after «هجوم» a cell is the attacker («هجوم خلية لداعش على حاجز»),
    and «لخلايا» is "by the cells".
    """
    text = ev.text(h.field)
    if not (text[h.start:h.end].lstrip("وف").startswith(("استهداف", "استهدف")) or h.text.startswith("targeted")):
        return False
    words = text[h.end:h.end + 40].split()[:3]
    return bool(words) and (words[0] in _CELL_WORDS or (
        len(words) > 2 and words[0] in ("an", "a", "the") and words[1] in ("isis", "is") and words[2] in _CELL_WORDS))
