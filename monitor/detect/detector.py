"""Detector: load knowledge + watchlists once, then judge items (pure, no I/O)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from monitor.detect.actors import ActorFacts, PlaceFacts, resolve_actors, resolve_places
from monitor.detect.evidence import Evidence, FHit, gather
from monitor.detect.extract import IncidentFacts, extract
from monitor.detect.knowledge import DATA_DIR, SYRIA, Knowledge, load_knowledge
from monitor.detect.watchlist import Rule, TermRef, Watchlist, load_watchlists
from monitor.models import Detection, Hit, Item
from monitor.text import normalise


@dataclass
class Analysis:
    """Everything known about one item, shared by all watchlists."""

    ev: Evidence
    actors: ActorFacts
    places: PlaceFacts
    incident: IncidentFacts
    facts: dict[str, bool]
    why_not: dict[str, str]  # fact -> reason it is false (or, for no_concrete_incident, true)


@dataclass
class RuleResult:
    rule: Rule
    fired: bool
    points: float
    hits: list[FHit]


class Detector:
    def __init__(self, knowledge: Knowledge, watchlists: list[Watchlist]):
        self.k = knowledge
        self.watchlists = watchlists
        self._gate_ok = self._gated()

    @classmethod
    def load(cls, watchlist_dir: Path, data_dir: Path = DATA_DIR) -> Detector:
        """Load lexicons, gazetteer and every watchlist; compile the matcher once."""
        k = load_knowledge(data_dir)
        wls = load_watchlists(Path(watchlist_dir), k)  # may add inline terms to the index
        k.index.compile()
        return cls(k, wls)

    def _gated(self) -> bool:
        """True when every watchlist requires ISIS: then items naming no ISIS can skip analysis."""
        return all(any(r.fact == "isis" and r.required for r in w.rules) for w in self.watchlists)

    # -- analysis shared by all watchlists -------------------------------------------
    def analyse(self, item: Item, normalised: tuple[str, str] | None = None) -> Analysis:
        headed = with_headline(item)
        if headed is not item:
            item, normalised = headed, None
        ev = gather(item, self.k, normalised)
        af = resolve_actors(ev)
        pf = resolve_places(ev, self.k.places)
        inc = extract(ev, self.k, af, pf)
        facts, why = _facts(af, pf, inc)
        return Analysis(ev, af, pf, inc, facts, why)

    def detect(self, item: Item) -> list[Detection]:
        title, body = normalise(item.title or ""), normalise(item.text or "")
        gate = self.k.gate
        if self._gate_ok and not _upper_is(item.title) and not _upper_is(item.text) \
                and not (gate.may_match(title) and gate.find(title)) \
                and not (gate.may_match(body) and gate.find(body)):
            # Fast path (most feed items): no strong ISIS name, so every watchlist's
            # required `isis` rule fails. Same verdict as the full path, for less work.
            why = ("«الدولة» here means the state (e.g. مؤسسات الدولة، الدولة السورية), not ISIS"
                   if "الدوله" in title or "الدوله" in body else "no reference to ISIS")
            return [Detection(w.name, False, 0.0, None, (why,), (), w.tags, w.kind) for w in self.watchlists]
        a = self.analyse(item, (title, body))
        return [self._judge(w, a)[0] for w in self.watchlists]

    def explain(self, item: Item):
        from monitor.detect.explain import build_explanation

        a = self.analyse(item)
        return build_explanation(a, [(w, *self._judge(w, a)) for w in self.watchlists])

    # -- one watchlist ----------------------------------------------------------------
    def _judge(self, w: Watchlist, a: Analysis) -> tuple[Detection, list[RuleResult]]:
        results = [_eval_rule(r, a) for r in w.rules]
        score = round(sum(r.points for r in results if r.fired), 3)
        blocks: list[str] = []
        for r in results:
            if r.rule.required and not r.fired:
                blocks.append(_block_reason(r.rule, a))
            if r.rule.veto and r.fired:
                blocks.append(r.rule.why or f"vetoed by rule {r.rule.name}")
        matched = not blocks and score >= w.threshold
        reasons: list[str] = []
        inc = a.incident.incident
        if matched:
            reasons.append(f"score {score:g} >= threshold {w.threshold:g}")
            if inc and a.facts["concrete_incident"]:
                where = ", ".join(x for x in (inc.place, inc.governorate) if x)
                reasons.append(f"concrete incident: {inc.type}" + (f" in {where}" if where else ""))
        else:
            reasons.extend(dict.fromkeys(blocks))
            if not blocks:
                reasons.append(f"score {score:g} below threshold {w.threshold:g}")
        fired = [r for r in results if r.fired]
        reasons.append("rules fired: " + (", ".join(f"{r.rule.name}({r.points:+g})" for r in fired) or "none"))
        new = tuple.__new__  # Hit(...) without the NamedTuple's Python-level __new__
        hits = tuple([new(Hit, (r.rule.name, h.text, h.field, h.start, h.end)) for r in fired for h in r.hits])
        det = Detection(w.name, matched, score, inc, tuple(reasons), hits, w.tags, w.kind)
        return det, results


_HEADLINE_MAX = 240
_SENTENCE_END = re.compile(r"[.!?؟]\s")
_LETTER = re.compile(r"[^\W\d_]")


def with_headline(item: Item) -> Item:
    """A title-less post (a Telegram channel, a bare feed entry) read as headline + body.

    Its first line with letters in it is its headline (a flag emoji line is not), so
    the rules a headline drives (a place in the headline anchors the incident, a
    summary or trend headline makes the body background) apply to it too. A long first
    line gives its first sentence; one longer than a headline leaves the item as it is.
    The item handed to analysis changes, never the one alerts are built from.
    """
    if (item.title or "").strip() or not item.text:
        return item
    text = item.text
    first = _LETTER.search(text)
    if first is None:
        return item
    start = text.rfind("\n", 0, first.start()) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    head = text[start:line_end]
    if len(head) > _HEADLINE_MAX:
        m = _SENTENCE_END.search(head)
        if m is None or m.end() > _HEADLINE_MAX:
            return item
        line_end = start + m.end()
        head = text[start:line_end]
    return replace(item, title=head.strip(), text=text[line_end:].lstrip())


def _upper_is(text: str) -> bool:
    # "I" first: one-character scans are memchr-fast, two-character ones are not (~5 µs on 5 KB).
    return "I" in text and "IS" in text


def _facts(af: ActorFacts, pf: PlaceFacts, inc: IncidentFacts) -> tuple[dict[str, bool], dict[str, str]]:
    syria_n = len(pf.syrian) + len(pf.syria_country) + len(pf.syria_state)
    abroad_n = len(pf.foreign) + len(af.branches)
    syria = syria_n > 0 and abroad_n <= 2 * syria_n
    why: dict[str, str] = {}
    if not syria:
        if syria_n == 0 and abroad_n:
            why["syria"] = "not about Syria: " + _abroad_names(af, pf)
        elif syria_n == 0:
            why["syria"] = "not about Syria: no Syrian place named (a border phrase does not count)"
        else:
            why["syria"] = "mainly about places outside Syria: " + _abroad_names(af, pf)
    concrete = inc.incident is not None and inc.country == SYRIA
    abroad = inc.incident is not None and inc.country not in (SYRIA, None)
    # A concrete incident in a camp of ISIS families, or a coalition airdrop, is ISIS-related
    # news whether or not the report names the group.
    implied = concrete and not af.strong and inc.implied_isis is not None
    if not af.strong and not implied:
        why["isis"] = af.why_not or "no reference to ISIS"
    elif implied:
        why["isis"] = f"ISIS not named, but the incident is ISIS-related: {inc.implied_isis}"
    if not concrete:
        if abroad:
            place = inc.incident.place if inc.incident else None
            why["concrete_incident"] = f"incident outside Syria: {place + ', ' if place else ''}{inc.country}"
        elif inc.incident is not None:
            why["concrete_incident"] = "incident location not stated (no Syrian place)"
        else:
            why["concrete_incident"] = inc.why_not or "no concrete new incident"
    else:
        why["no_concrete_incident"] = "a concrete new incident in Syria (reported by the incident watchlist)"
    if not af.branches:
        why["isis_branch_abroad"] = "no ISIS branch abroad named"
    if not abroad:
        why["incident_abroad"] = "no incident abroad"
    facts = {"isis": af.strong or implied, "syria": syria, "concrete_incident": concrete,
             "incident_abroad": abroad, "no_concrete_incident": not concrete,
             "isis_branch_abroad": bool(af.branches)}
    return facts, why


def _abroad_names(af: ActorFacts, pf: PlaceFacts) -> str:
    names = [f"{h.place.name} ({h.place.country})" for h in pf.foreign]
    names += [f"{h.attrs.get('canonical')} ({h.attrs.get('country')})" for h in af.branches]
    return ", ".join(dict.fromkeys(names)) or "elsewhere"


def _block_reason(rule: Rule, a: Analysis) -> str:
    if rule.fact and rule.fact in a.why_not:
        return a.why_not[rule.fact]
    return rule.why or f"required rule {rule.name} did not fire"


def _refs_hits(refs: tuple[TermRef, ...], a: Analysis, scope: str) -> list[list[FHit]]:
    out = []
    for ref in refs:
        if ref.lexicon == "isis_actor":
            pool = a.actors.isis
        elif ref.lexicon == "place_sy":
            pool = a.places.syrian
        elif ref.lexicon == "place_foreign":
            pool = a.places.foreign
        else:
            pool = a.ev.lex(ref.lexicon)
        hs = [h for h in pool if (ref.id is None or h.id == ref.id)
              and (scope == "any" or h.field == scope)]
        out.append(hs)
    return out


def _eval_rule(r: Rule, a: Analysis) -> RuleResult:
    hits: list[FHit] = []
    ok = True
    if r.fact is not None:
        ok = a.facts.get(r.fact, False)
    if ok and r.any:
        groups = _refs_hits(r.any, a, r.scope)
        ok = any(groups)
        hits += [h for g in groups for h in g]
    if ok and r.all:
        groups = _refs_hits(r.all, a, r.scope)
        ok = all(groups)
        hits += [h for g in groups for h in g]
    if ok and r.none:
        ok = not any(_refs_hits(r.none, a, r.scope))
    if ok and r.near:
        ga = [h for g in _refs_hits(r.near[0], a, r.scope) for h in g]
        gb = [h for g in _refs_hits(r.near[1], a, r.scope) for h in g]
        pair = _near(a.ev, ga, gb, r.near[2])
        ok = pair is not None
        if pair:
            hits += list(pair)
    points = 0.0
    if ok:
        points = r.weight
        refs = [x for x in r.any + r.all if x.weight]
        for ref, hs in zip(refs, _refs_hits(tuple(refs), a, r.scope), strict=False):
            points += ref.weight if hs else 0.0
    return RuleResult(r, ok, points, hits[:20])


def _near(ev: Evidence, ga: list[FHit], gb: list[FHit], within: int) -> tuple[FHit, FHit] | None:
    """First pair (a, b) in the same field at most `within` words apart."""
    for x in ga:
        text = ev.text(x.field)
        for y in gb:
            if y.field != x.field or y is x:
                continue
            lo, hi = (x, y) if x.start <= y.start else (y, x)
            if lo.end >= hi.start or text.count(" ", lo.end, hi.start) <= within:
                return x, y
    return None
