"""Incident clustering rules: when two reports describe one event, and what a
later report adds. Pure functions over language-neutral `Incident` fields (the
detector extracts English values from Arabic and English text alike), so an
Arabic and an English report of one IED compare equal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from monitor.models import GOVERNORATES, Incident

# Type families: words reporters use interchangeably for ONE incident.
# - violence: an ambush is an "attack" in one outlet, a "clash" in another, an
#   "IED" in a third, and "killing" when it names the dead.
# - security_op: a raid usually ends in arrests; outlets headline either.
# - airstrike: strikes on ISIS are separate events even at the same place
#   and day as an ISIS attack (different perpetrator, different alert).
# Other types are their own family: an escape is not a kidnapping.
# Two narrow bridges between families are in `families_compatible`.
FAMILIES: dict[str, str] = {
    "attack": "violence", "ied": "violence", "clash": "violence", "killing": "violence",
    "raid": "security_op", "arrest": "security_op",
    "airstrike": "airstrike", "escape": "escape", "kidnapping": "kidnapping",
    "other": "other",
}
# Families whose events a report of the key family may join (under the extra
# conditions of `families_compatible`): the event lookup searches all of them.
_BRIDGES: dict[str, tuple[str, ...]] = {
    "escape": ("security_op",), "security_op": ("escape",),
    "violence": ("airstrike",), "airstrike": ("violence",),
}
# Spellings of the group itself in `actors`. A claim by ISIS is a new *fact*
# about an event, never a reason to split it (see actors_compatible).
ISIS_NAMES = frozenset({"isis", "isil", "is", "islamic state", "daesh", "da'esh"})
# Names outlets use interchangeably for one party (actors.yaml canonical names,
# normalised). Two reports name the same party when their sides intersect.
# - The US-led coalition is "the coalition", "CENTCOM" or "US forces" by outlet.
# - The government's security apparatus: Interior Ministry / General Security.
# - "Asayish" is what the detector calls «قوى الأمن الداخلي» / "internal security
#   forces": the SDF's police, but since 2025 also the name of the government's
#   internal security forces. It is compatible with either side; SDF vs Interior
#   Ministry (an SDF raid vs a government raid) still splits.
_SIDES: dict[str, frozenset[str]] = {
    "international coalition": frozenset({"coalition"}),
    "centcom": frozenset({"coalition"}),
    "us forces": frozenset({"coalition"}),
    "interior ministry": frozenset({"gov_interior"}),
    "general security": frozenset({"gov_interior"}),
    "sdf": frozenset({"sdf"}),
    "asayish": frozenset({"sdf", "gov_interior"}),
}
# Parties that carry out air or drone strikes: a "killing" they are named in
# may be the strike itself ("drone strike kills two ISIS members").
_STRIKERS = frozenset({"coalition", "iraqi forces", "russian forces"})
# Places where an escape and the recapture of the escapees ("arrest") happen.
_DETENTION = re.compile(r"\b(prison|camp|jail|detention)\b")


def _norm(s: str | None) -> str:
    return " ".join((s or "").casefold().replace("-", " ").split())


def _bare(s: str) -> str:
    """Normalised, without the Arabic article: "Al-Hasakah" -> "hasakah"."""
    return re.sub(r"^(al|as|ar|ad|ash|at|az|el) ", "", _norm(s))


_GOV_BY_NAME: dict[str, str] = {_bare(g): g for g in GOVERNORATES}
_GOV_BY_NAME.update({  # common spellings of governorate names used as places
    "hasaka": "Al-Hasakah", "hassakeh": "Al-Hasakah", "suwaida": "As-Suwayda",
    "sweida": "As-Suwayda", "deir ezzor": "Deir ez-Zor", "deir al zor": "Deir ez-Zor",
    "deir el zor": "Deir ez-Zor", "raqqah": "Raqqa", "dara'a": "Daraa", "deraa": "Daraa",
    "damascus countryside": "Rural Damascus", "rif dimashq": "Rural Damascus",
})
# Reports conflate the capital and its countryside: "near Damascus" is often a
# town in Rural Damascus (Dumayr, Sayyida Zeinab), and outlets file the same
# raid under either. These two governorates may hold one event; the place,
# actor and count rules still have to fit.
_NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "Damascus": ("Rural Damascus",), "Rural Damascus": ("Damascus",),
}


def family(incident_type: str) -> str:
    return FAMILIES.get(incident_type, incident_type)


def lookup_families(fam: str) -> tuple[str, ...]:
    """The families a report of family `fam` may find its event in."""
    return (fam, *_BRIDGES.get(fam, ()))


def governorate_of(inc: Incident) -> str | None:
    """The governorate, else the governorate a place is named after."""
    return inc.governorate or (_GOV_BY_NAME.get(_bare(inc.place)) if inc.place else None)


def specific_place(inc: Incident) -> str | None:
    """The normalised place when it is more specific than a governorate. A place
    named like a governorate ("Homs", "Deir ez-Zor") is governorate-level: the
    detector falls back to it when the text only says "in Homs" or "the Homs
    desert", so it must not exclude a town in that governorate."""
    if not inc.place or _bare(inc.place) in _GOV_BY_NAME:
        return None
    return _norm(inc.place)


def located(inc: Incident) -> bool:
    return bool(inc.governorate or inc.place)


def lookup_areas(area: str) -> tuple[str, ...]:
    """The event areas a report in `area` may find its event in."""
    return (area, *_NEIGHBOURS.get(area, ()))


def _others(actors: tuple[str, ...]) -> set[str]:
    return {_norm(a) for a in actors if _norm(a) not in ISIS_NAMES}


def _sides(actors: tuple[str, ...]) -> set[str]:
    return {side for a in _others(actors) for side in _SIDES.get(a, frozenset({a}))}


def governorates_compatible(a: Incident, b: Incident) -> bool:
    ga, gb = governorate_of(a), governorate_of(b)
    return not ga or not gb or ga == gb or gb in _NEIGHBOURS.get(ga, ())


def same_specific_place(a: Incident, b: Incident) -> bool:
    pa = specific_place(a)
    return pa is not None and pa == specific_place(b)


def places_compatible(a: Incident, b: Incident) -> bool:
    """Same governorate (or Damascus / Rural Damascus), and no two *different*
    specific places. A report that only knows the governorate joins a report
    that names a town in it."""
    if not located(a) or not located(b):
        return False  # nothing to say it happened in the same place
    if not governorates_compatible(a, b):
        return False
    pa, pb = specific_place(a), specific_place(b)
    return not (pa and pb and pa != pb)


def actors_compatible(a: Incident, b: Incident) -> bool:
    """Disjoint named parties (an SDF raid vs a government raid) are two events.
    ISIS is ignored here: one outlet names the victims, another the claim. Names
    of one party (CENTCOM / the coalition) count as one (see _SIDES)."""
    x, y = _sides(a.actors), _sides(b.actors)
    return not x or not y or bool(x & y)


def counts_compatible(event: int | None, report: int | None, *, same_place: bool = False) -> bool:
    """Tolls rise as bodies are counted, so a higher toll is an update. Extracted
    tolls are noisy (a "toll rises to five" headline over a body naming one
    victim), so at the same specific place within the window counts never
    split. Elsewhere (a governorate-level or unknown place) a wildly lower toll
    (under a third, and at least 5 fewer) is more likely a second, smaller
    incident than a revised report."""
    if event is None or report is None or same_place:
        return True
    return not (report * 3 < event and event - report >= 5)


def families_compatible(event: Incident, report: Incident, *, close_in_time: bool) -> bool:
    """Same family; or, within the short window, one of two narrow bridges:
    - escape / arrest-raid at the same specific prison or camp: the recapture of
      the escapees is headlined as an arrest;
    - a "killing" that names a striking party (the coalition, Iraqi or Russian
      forces) and an airstrike: "drone strike kills two ISIS members"."""
    fa, fb = family(event.type), family(report.type)
    if fa == fb:
        return True
    if not close_in_time:
        return False
    if {fa, fb} == {"escape", "security_op"}:
        place = specific_place(event)
        return bool(place and same_specific_place(event, report) and _DETENTION.search(place))
    if {fa, fb} == {"violence", "airstrike"}:
        killing = event if family(event.type) == "violence" else report
        return killing.type == "killing" and bool(_sides(killing.actors) & _STRIKERS)
    return False


def _fits(event: Incident, report: Incident, *, same_place: bool) -> bool:
    return (actors_compatible(event, report)
            and counts_compatible(event.killed, report.killed, same_place=same_place)
            and counts_compatible(event.injured, report.injured, same_place=same_place))


def same_event(event: Incident, report: Incident, *, close_in_time: bool = True) -> bool:
    """Both located: family, place, actors and counts fit."""
    return (families_compatible(event, report, close_in_time=close_in_time)
            and places_compatible(event, report)
            and _fits(event, report, same_place=same_specific_place(event, report)))


def same_event_unplaced(event: Incident, report: Incident) -> bool:
    """One side has no location at all ("US strike kills ISIS official in
    Syria"): only family, actors and counts can be checked. The caller looks in a
    short window and joins only when exactly one event fits."""
    return (families_compatible(event, report, close_in_time=True)
            and _fits(event, report, same_place=False))


def match_rank(event: Incident, report: Incident,
               dt_seconds: float) -> tuple[int, int, int, int, float]:
    """Sort key among several matching events (a governorate-level report fits
    every event in its governorate): an exact specific place first, then a
    party both name, then the same type, then the same family, then the
    nearest in time."""
    exact = same_specific_place(event, report)
    shared = bool(_sides(event.actors) & _sides(report.actors))
    return (0 if exact else 1, 0 if shared else 1, 0 if event.type == report.type else 1,
            0 if family(event.type) == family(report.type) else 1, abs(dt_seconds))


@dataclass(frozen=True, slots=True)
class Merge:
    incident: Incident  # the event's facts after this report
    new_facts: tuple[str, ...]  # human-readable, for the update alert


def merge(event: Incident, report: Incident) -> Merge:
    """What `report` adds to `event`: higher tolls, a claim of responsibility,
    a named place where only the governorate was known, new actors. The type
    stays the first report's."""
    facts: list[str] = []
    merged = event
    for field in ("killed", "injured"):
        old, new = getattr(event, field), getattr(report, field)
        if new is not None and (old is None or new > old):
            facts.append(f"{field}: {old if old is not None else '?'} -> {new}")
            merged = replace(merged, **{field: new})
    if specific_place(report) and not specific_place(event):
        # The named place wins over a governorate-level one, and so does its
        # governorate (a raid "near Damascus" that was at Dumayr, Rural Damascus).
        facts.append(f"place: {report.place}")
        merged = replace(merged, place=report.place,
                         governorate=report.governorate or merged.governorate)
    elif report.place and not event.place:
        merged = replace(merged, place=report.place)
    if report.governorate and not merged.governorate:
        merged = replace(merged, governorate=report.governorate)
    known = {_norm(a) for a in event.actors}
    has_isis = bool(known & ISIS_NAMES)
    sides = _sides(event.actors)
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
        elif not _sides((actor,)) <= sides:  # "US forces" after "CENTCOM": recorded, no news
            sides |= _sides((actor,))
            facts.append(f"actor: {actor}")
    if added:
        merged = replace(merged, actors=event.actors + tuple(added))
    return Merge(merged, tuple(facts))
