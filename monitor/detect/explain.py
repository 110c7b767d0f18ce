"""`monitor explain`: why each watchlist did or did not match an item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from monitor.models import Detection, Incident
from monitor.text import normalise_with_map

if TYPE_CHECKING:
    from monitor.detect.detector import Analysis, RuleResult
    from monitor.detect.watchlist import Watchlist


@dataclass(frozen=True)
class TermPos:
    term: str  # lexicon surface form
    field: str
    start: int  # offsets in the normalised field
    end: int
    original: str  # the same span in the original text


@dataclass(frozen=True)
class RuleFired:
    watchlist: str
    rule: str
    points: float
    why: str
    terms: tuple[TermPos, ...]


@dataclass(frozen=True)
class CandidateView:
    sentence: int  # 0 = title
    type: str
    score: float
    concrete: bool
    notes: tuple[str, ...]
    text: str


@dataclass
class Explanation:
    title: str  # normalised
    body: str  # normalised
    facts: dict[str, bool]
    incident: Incident | None
    incident_country: str | None
    candidates: list[CandidateView]
    rules: list[RuleFired]
    detections: list[Detection]
    fact_reasons: dict[str, str] = field(default_factory=dict)


def build_explanation(a: Analysis, judged: list[tuple[Watchlist, Detection, list[RuleResult]]]) -> Explanation:
    ev = a.ev
    maps = {"title": normalise_with_map(ev.item.title or "")[1],
            "body": normalise_with_map(ev.item.text or "")[1]}
    rules = []
    for w, _det, results in judged:
        for r in results:
            if not r.fired:
                continue
            terms = tuple(TermPos(h.text, h.field, h.start, h.end,
                                  maps[h.field].original_text(h.start, h.end)) for h in r.hits)
            rules.append(RuleFired(w.name, r.rule.name, r.points, r.rule.why, terms))
    cands = [CandidateView(c.sent, c.type, round(c.score, 2), c.concrete, tuple(c.notes),
                           ev.sentence_text(c.sent)[:160]) for c in a.incident.candidates]
    return Explanation(ev.title, ev.body, dict(a.facts), a.incident.incident, a.incident.country,
                       cands, rules, [d for _, d, _ in judged], dict(a.why_not))


def render_explanation(exp: Explanation, width: int = 100) -> str:
    out: list[str] = []
    add = out.append
    add("== normalised title ==")
    add(exp.title or "(empty)")
    add("== normalised body ==")
    body = exp.body if len(exp.body) <= 4000 else exp.body[:4000] + " …"
    add(body or "(empty)")
    add("== facts ==")
    for k, v in exp.facts.items():
        extra = f"  ({exp.fact_reasons[k]})" if k in exp.fact_reasons else ""
        add(f"  {k}: {'yes' if v else 'no'}{extra}")
    add("== incident candidates (sentence 0 = title) ==")
    if not exp.candidates:
        add("  none")
    for c in exp.candidates:
        mark = "CONCRETE" if c.concrete else "not concrete"
        notes = f" [{'; '.join(c.notes)}]" if c.notes else ""
        add(f"  s{c.sentence} {c.type} score={c.score:g} {mark}{notes}")
        add(f"      {c.text}")
    add("== incident ==")
    if exp.incident:
        i = exp.incident
        add(f"  type={i.type} place={i.place} governorate={i.governorate} country={exp.incident_country}")
        add(f"  actors={', '.join(i.actors) or '-'} killed={i.killed} injured={i.injured} date={i.date}")
    else:
        add("  none")
    add("== rules fired ==")
    for r in exp.rules:
        add(f"  [{r.watchlist}] {r.rule} ({r.points:+g}){' - ' + r.why if r.why else ''}")
        for t in r.terms[:8]:
            add(f"      {t.term!r} {t.field}[{t.start}:{t.end}] = {t.original!r}")
        if len(r.terms) > 8:
            add(f"      … {len(r.terms) - 8} more")
    add("== decisions ==")
    for d in exp.detections:
        add(f"  {d.watchlist} ({d.kind}, tags {', '.join(d.tags)}): "
            f"{'MATCH' if d.matched else 'no match'} score={d.score:g}")
        for reason in d.reasons:
            add(f"      - {reason}")
    return "\n".join(line if len(line) <= width * 3 else line[: width * 3] + " …" for line in out)
