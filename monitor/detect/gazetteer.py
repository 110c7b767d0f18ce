"""One place, one entry: merge gazetteer rows that name the same place.

places.yaml (hand-checked) and syria_admin.csv (generated from OpenSyria) list
some places twice under different English names ("al-Bukamal" by hand, "Abu
Kamal" from OpenSyria; OpenSyria's district and its central subdistrict). Two
entries of the same governorate are one place when they share a name (Arabic or
English, after normalisation; Arabic also without the article and spaces:
«البو كمال» = «البوكمال», «باغوز» = «الباغوز»). Centroid distance alone is not
enough: checked on this gazetteer, every pair under 3 km without a shared name
was two different towns (al-Baghouz/al-Bukamal 2.1 km, Talbiseh/al-Rastan 1.2 km,
Babella/Sayyida Zeinab 0.9 km, Sarmin/Idlib 1.9 km: OpenSyria's centroids are
approximate and towns sit close together). Nor can distance veto a shared name:
OpenSyria puts the centroid of the Abu Kamal subdistrict 46 km from the town.
So a shared name within one governorate decides. The first entry wins (hand-checked
before generated, district before subdistrict) and keeps its id and English name;
the other's names become its aliases and its id points to it. Governorate-level
entries merge only with each other: a province and its capital are different
things to report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from monitor.text.matcher import fold

if TYPE_CHECKING:
    from monitor.detect.knowledge import Place


@dataclass
class Entry:
    place: Place
    names: list[str]
    hand: bool = False  # from places.yaml
    ids: list[str] = field(default_factory=list)  # ids merged into this one


def _keys(names: list[str]) -> set[str]:
    out = set()
    for n in names:
        f = fold(n.rstrip("*"))
        out.add(f)
        if any("\u0621" <= c <= "\u064a" for c in f):  # Arabic: also without article and spaces
            out.add("".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in f.split()))
    return out


def _same_place(a: Entry, b: Entry) -> bool:
    pa, pb = a.place, b.place
    if pa.governorate != pb.governorate or (pa.kind == "governorate") != (pb.kind == "governorate"):
        return False
    return bool(_keys(a.names) & _keys(b.names))


def merge(entries: list[Entry]) -> tuple[list[Entry], dict[str, str]]:
    """Merged entries in order, and {merged id: surviving id}."""
    out: list[Entry] = []
    alias: dict[str, str] = {}
    by_gov: dict[str | None, list[Entry]] = {}
    for e in entries:
        target = next((o for o in by_gov.get(e.place.governorate, []) if _same_place(o, e)), None)
        if target is None:
            out.append(e)
            by_gov.setdefault(e.place.governorate, []).append(e)
            continue
        target.names += [n for n in e.names if n not in target.names]
        target.ids.append(e.place.id)
        alias[e.place.id] = target.place.id
    return out, alias
