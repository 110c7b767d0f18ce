"""Incident clustering rules: when two reports describe one event, and what a
later report adds. Pure functions over language-neutral `Incident` fields (the
detector extracts English values from Arabic and English text alike), so an
Arabic and an English report of one IED compare equal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from monitor.models import Incident

# Type families: words reporters use interchangeably for ONE incident.
# - violence: an ambush is an "attack" in one outlet, a "clash" in another, an
#   "IED" in a third, and "killing" when it names the dead.
# - security_op: a raid usually ends in arrests; outlets headline either.
# - airstrike: strikes on ISIS are separate events even at the same place
#   and day as an ISIS attack (different perpetrator, different alert).
# Other types are their own family: an escape is not a kidnapping.
FAMILIES: dict[str, str] = {
    "attack": "violence", "ied": "violence", "clash": "violence", "killing": "violence",
    "raid": "security_op", "arrest": "security_op",
    "airstrike": "airstrike", "escape": "escape", "kidnapping": "kidnapping",
    "other": "other",
}
# Spellings of the group itself in `actors`. A claim by ISIS is a new *fact*
# about an event, never a reason to split it (see actors_compatible).
ISIS_NAMES = frozenset({"isis", "isil", "is", "islamic state", "daesh", "da'esh"})


def family(incident_type: str) -> str:
    return FAMILIES.get(incident_type, incident_type)


def _norm(s: str | None) -> str:
    return " ".join((s or "").casefold().replace("-", " ").split())


def _others(actors: tuple[str, ...]) -> set[str]:
    return {_norm(a) for a in actors if _norm(a) not in ISIS_NAMES}


def places_compatible(a: Incident, b: Incident) -> bool:
    """Same governorate, and no two *different* named places. A report that only
    knows the governorate joins a report that names a town in it."""
    if a.governorate and b.governorate and a.governorate != b.governorate:
        return False
    if not (a.governorate or a.place) or not (b.governorate or b.place):
        return False  # nothing to say it happened in the same place
    return not (a.place and b.place and _norm(a.place) != _norm(b.place))


def actors_compatible(a: Incident, b: Incident) -> bool:
    """Disjoint named parties (an SDF raid vs a government raid) are two events.
    ISIS is ignored here: one outlet names the victims, another the claim."""
    x, y = _others(a.actors), _others(b.actors)
    return not x or not y or bool(x & y)


def counts_compatible(event: int | None, report: int | None) -> bool:
    """Tolls rise as bodies are counted, so a higher toll is an update. A much
    lower one (under half, and at least 3 fewer) in the same place and window
    is more likely a second, smaller incident than a revised report."""
    if event is None or report is None:
        return True
    return not (report * 2 < event and event - report >= 3)


def same_event(event: Incident, report: Incident) -> bool:
    return (family(event.type) == family(report.type)
            and places_compatible(event, report)
            and actors_compatible(event, report)
            and counts_compatible(event.killed, report.killed)
            and counts_compatible(event.injured, report.injured))


def match_rank(event: Incident, report: Incident, dt_seconds: float) -> tuple[int, float]:
    """Sort key among several matching events: an exact place match first, then
    the nearest in time."""
    exact = bool(event.place and report.place and _norm(event.place) == _norm(report.place))
    return (0 if exact else 1, abs(dt_seconds))


@dataclass(frozen=True, slots=True)
class Merge:
    incident: Incident  # the event's facts after this report
    new_facts: tuple[str, ...]  # human-readable, for the update alert


def merge(event: Incident, report: Incident) -> Merge:
    """What `report` adds to `event`: higher tolls, a claim of responsibility,
    a named place where only the governorate was known, new actors."""
    facts: list[str] = []
    merged = event
    for field in ("killed", "injured"):
        old, new = getattr(event, field), getattr(report, field)
        if new is not None and (old is None or new > old):
            facts.append(f"{field}: {old if old is not None else '?'} -> {new}")
            merged = replace(merged, **{field: new})
    if report.place and not event.place:
        facts.append(f"place: {report.place}")
        merged = replace(merged, place=report.place)
    if report.governorate and not event.governorate:
        merged = replace(merged, governorate=report.governorate)
    known = {_norm(a) for a in event.actors}
    has_isis = bool(known & ISIS_NAMES)
    added = []
    for actor in report.actors:
        n = _norm(actor)
        if n in known or (n in ISIS_NAMES and has_isis):  # "Daesh" after "ISIS": same
            continue
        known.add(n)
        added.append(actor)
        if n in ISIS_NAMES:
            has_isis = True
            facts.append(f"claim of responsibility: {actor}")
        else:
            facts.append(f"actor: {actor}")
    if added:
        merged = replace(merged, actors=event.actors + tuple(added))
    return Merge(merged, tuple(facts))
