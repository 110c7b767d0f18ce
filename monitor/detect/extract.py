"""Find the primary concrete incident in an item and extract its facts.

A sentence (the title counts as sentence 0) is an incident *candidate* when it
holds an incident term. It is *concrete* — a new event, not analysis — when
- ISIS is named in it, next to it, or in the title;
- it is anchored: a time expression (weekday, «أمس», a date) or a place below
  country level (village, town, camp...), or it is the title and names a
  governorate;
- it carries no statistics, anniversary or trial cue (a summary of "48
  operations in February", «في مثل هذا اليوم», a court case).
Candidates are scored (anchors, ISIS in the sentence, title/lead position,
minus statement/analysis/back-reference cues); the best concrete one is the
primary incident, because articles mention several incidents and the
headline/lead one is the news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from monitor.detect.actors import ActorFacts, PlaceFacts, place_rank
from monitor.detect.dates import resolve
from monitor.detect.evidence import Evidence, FHit
from monitor.detect.knowledge import SYRIA, Knowledge
from monitor.models import Incident
from monitor.text import read_count
from monitor.text.matcher import WORD_RE

# "48 عمليه"، "34 عملية"، "78 هجوما"، "200 operations": counts of events are statistics.
_COUNTED_EVENTS = re.compile(
    r"\b\d+ (?:عمليه|عمليات|هجوما|هجمات|هجوم|غاره|غارات|ضربه|ضربات|operations|attacks|raids|strikes)\b")
_BLOCKING = ("stats_cue", "anniversary_cue", "trial_cue")


@dataclass
class Candidate:
    sent: int
    types: dict[str, int]  # type -> priority
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


@dataclass
class IncidentFacts:
    candidates: list[Candidate]
    primary: Candidate | None
    incident: Incident | None
    country: str | None  # country of the primary incident
    why_not: str | None  # when there is no concrete incident


def _score(ev: Evidence, af: ActorFacts, pf: PlaceFacts, c: Candidate) -> None:
    n = c.sent
    isis_here = [h for h in af.isis if h.sent == n]
    # Attribution often comes a few sentences after the event («ولم تتبن أي جهة...
    # وتنشط خلايا التنظيم في المنطقة»): accept ISIS within two sentences, in the
    # title, or, for a headline/lead event, anywhere in the first five sentences.
    isis_near = [h for h in af.isis if abs(h.sent - n) <= 2 or h.sent == 0 or (n <= 2 and h.sent <= 5)]
    c.isis_link = bool(isis_here or isis_near)
    c.places = [h for h in pf.syrian if h.sent == n]
    c.foreign = [h for h in pf.foreign if h.sent == n]
    c.time = bool(ev.in_sent("time_anchor", n))
    text = ev.sentence_text(n)
    c.cues = [lx for lx in ("stats_cue", "anniversary_cue", "trial_cue", "backref_cue",
                            "statement_cue", "analysis_cue") if ev.in_sent(lx, n)]
    if _COUNTED_EVENTS.search(text):
        c.cues.append("stats_cue")
    best_rank = max((place_rank(pf, h) for h in c.places + c.foreign), default=0)
    c.score = 2.0 + (1.0 if isis_here else 0.5 if c.isis_link else 0.0)
    c.score += 2.0 if best_rank >= 2 else 1.0 if best_rank == 1 else 0.0
    c.score += 1.5 if c.time else 0.0
    # The headline/lead incident is the news; later ones are usually background.
    c.score += 1.5 if n == 0 else 1.0 if n <= 2 else 0.0
    c.score -= min(2.0, 0.15 * n)
    c.score -= 2.0 * sum(1 for x in c.cues if x in _BLOCKING)
    c.score -= 1.0 if "backref_cue" in c.cues else 0.0
    c.score -= 0.5 * sum(1 for x in c.cues if x in ("statement_cue", "analysis_cue"))
    anchored = c.time or best_rank >= 2 or (n == 0 and best_rank >= 1)
    blocked = [x for x in c.cues if x in _BLOCKING]
    c.concrete = c.isis_link and anchored and not blocked
    if not c.isis_link:
        c.notes.append("ISIS not named near it")
    if not anchored:
        c.notes.append("no time or specific place")
    for x in dict.fromkeys(blocked):
        c.notes.append(x.replace("_cue", ""))
    if "backref_cue" in c.cues:
        c.notes.append("refers back to an earlier event (penalty)")


def _country(ev: Evidence, af: ActorFacts, pf: PlaceFacts, c: Candidate) -> tuple[str | None, FHit | None]:
    """Where the candidate happened: its own sentence first, then title/neighbours."""
    branch = [h for h in af.branches if h.sent in (c.sent, 0)]
    for sents in ((c.sent,), (0,), (c.sent + 1, c.sent - 1)):
        sy = [h for h in pf.syrian if h.sent in sents]
        fo = [h for h in pf.foreign if h.sent in sents]
        sc = [h for h in pf.syria_country if h.sent in sents]
        if sy:
            return SYRIA, max(sy, key=lambda h: place_rank(pf, h))
        if fo and not sc:
            return fo[0].place.country, fo[0]
        if sc:
            return SYRIA, None
    if branch:
        return branch[0].attrs.get("country"), None
    if pf.syria_related and len(pf.syrian) + len(pf.syria_country) >= len(pf.foreign):
        return SYRIA, None
    if pf.foreign:
        return pf.foreign[0].place.country, pf.foreign[0]
    return None, None


def extract(ev: Evidence, k: Knowledge, af: ActorFacts, pf: PlaceFacts) -> IncidentFacts:
    by_sent: dict[int, dict[str, int]] = {}
    for h in ev.lex("incident_terms"):
        if h.field == "body" and h.attrs.get("title_only"):
            continue
        by_sent.setdefault(h.sent, {})
        t, pr = h.attrs["type"], int(h.attrs.get("priority", 10))
        by_sent[h.sent][t] = min(pr, by_sent[h.sent].get(t, pr))
    for n, types in by_sent.items():
        # «إحباط مخطط لتفجير...», "foiled a plot to bomb": the bombing did not happen
        if ev.in_sent("foiled_cue", n) and set(types) - {"attack", "ied"}:
            for t in ("attack", "ied"):
                types.pop(t, None)
    cands = [Candidate(n, types) for n, types in sorted(by_sent.items())]
    for c in cands:
        _score(ev, af, pf, c)
    concrete = [c for c in cands if c.concrete]
    if not af.strong:
        return IncidentFacts(cands, None, None, None, af.why_not)
    if not concrete:
        return IncidentFacts(cands, None, None, None, _why_not(ev, cands))
    primary = max(concrete, key=lambda c: c.score)
    country, place_hit = _country(ev, af, pf, primary)
    place_hits = [h for h in pf.syrian if h.sent == primary.sent]
    if not place_hits and place_hit is not None and place_hit.place.country == SYRIA:
        place_hits = [place_hit]
    place = gov = None
    if place_hits:
        best = max(place_hits, key=lambda h: (place_rank(pf, h), -h.start))
        p = best.place
        gov = p.governorate or next((h.place.governorate for h in place_hits if h.place.governorate), None)
        place = p.name if place_rank(pf, best) > 1 else gov
        if gov is None:
            gov = _nearby_governorate(pf, primary.sent)
    killed, injured = _counts(ev, k, primary.sent)
    near = {primary.sent - 1, primary.sent, primary.sent + 1, 0}
    actors = []
    for h in af.isis + af.forces:
        name = h.attrs.get("canonical")
        if h.sent in near and name and name not in actors:
            actors.append(name)
    when = resolve(ev.sentence_text(primary.sent), ev.item.published)
    inc = Incident(primary.type, place if country == SYRIA else (place_hit.place.name if place_hit else None),
                   gov if country == SYRIA else None, tuple(actors), killed, injured, when)
    return IncidentFacts(cands, primary, inc, country, None)


def _nearby_governorate(pf: PlaceFacts, n: int) -> str | None:
    for h in sorted(pf.syrian, key=lambda h: abs(h.sent - n)):
        if h.place.governorate:
            return h.place.governorate
    return None


_HEADLINE_KIND = (("trial_cue", "a trial, court case or repatriation"),
                  ("anniversary_cue", "an anniversary or past event"),
                  ("stats_cue", "statistics or summary over a period"),
                  ("statement_cue", "a statement or threat"),
                  ("analysis_cue", "analysis or a report"))


def _why_not(ev: Evidence, cands: list[Candidate]) -> str:
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
                      ("trial", "a trial, court case or repatriation"),
                      ("no time or specific place", "incident words without a time or specific place "
                       "(analysis, statement or general reporting)"),
                      ("ISIS not named near it", "incident words not linked to ISIS")):
        if key in notes:
            return f"no concrete new incident: {text}"
    return "no concrete new incident"


def _counts(ev: Evidence, k: Knowledge, n: int) -> tuple[int | None, int | None]:
    """Killed/injured from the primary sentence, else the next four sentences.

    Leads often say "an attack in Palmyra" and give the toll in the following
    sentences («قتلوا ... وأصيب ثلاثة جنود»).
    """
    out: list[int | None] = [None, None]
    for s in range(n, min(n + 5, len(ev.sentences))):
        if s != n and (ev.in_sent("stats_cue", s) or ev.in_sent("backref_cue", s)):
            continue  # cumulative tolls («خلال العمليات... أصيب سبعة جنود») are not this incident's
        tokens = WORD_RE.findall(ev.sentence_text(s))
        for slot, lex in ((0, "casualty_killed"), (1, "casualty_injured")):
            if out[slot] is not None:
                continue
            for h in ev.in_sent(lex, s):
                out[slot] = _count_near(ev, k, tokens, h)
                if out[slot] is not None:
                    break
        if out[0] is not None and out[1] is not None:
            break
    return out[0], out[1]


def _count_near(ev: Evidence, k: Knowledge, tokens: list[str], h: FHit) -> int | None:
    _, a, _ = ev.sentences[h.sent]
    text = ev.text(h.field)
    i = len(WORD_RE.findall(text[a:h.start]))  # index of the trigger token
    j = i + len(WORD_RE.findall(text[h.start:h.end]))
    # trigger then count: «مقتل عنصرين»، "killed two soldiers", «أسفر عن مقتل 3»
    v, _ = read_count(tokens, j, k.numbers)
    if v is not None:
        return v
    # count then trigger: «3 قتلى»، «جنديين أميركيين ومترجما مدنيا قتلوا», "two soldiers were killed"
    for start in range(max(0, i - 8), i):
        v, end = read_count(tokens, start, k.numbers)
        if v is not None and i - 3 <= end <= i:
            return v
    return None
