"""Load the shipped lexicons and gazetteer (monitor/data/) into one TermIndex.

Everything an analyst may want to change is data: lexicons/*.yaml, gazetteer/
places.yaml (hand-checked), gazetteer/foreign.yaml, and gazetteer/syria_admin.csv
(generated from OpenSyria by scripts/build_gazetteer.py). This module only
reads them, once, at startup.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from monitor.errors import ConfigError, ConfigProblem
from monitor.text import NumberWords, TermIndex
from monitor.text.matcher import fold

AIRDROP_LEX = "airdrop"  # gate only: heliborne raid words
_AIRDROP_HINTS = ("drop", "iborne", "icopter", "irborne", "do raid")
ISIS_CAMP_LEX = "isis_camp"  # gate only: names of the camps where ISIS families are held
PLACE_CUE_LEX = "place_cue"  # words that make an ambiguous name a place («مخيم», «بلدة»)
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
# How specific a place is: the incident reports the most specific one.
SPECIFICITY = {
    "village": 6, "camp": 6, "prison": 6, "field": 6, "base": 6, "neighbourhood": 6,
    "town": 5, "city": 4, "subdistrict": 4, "district": 3, "area": 2, "governorate": 1, "region": 1,
    "country": 0,
}
SYRIA = "Syria"
# Lexicons of proper names: matched with proclitics only, never with an article.
NAME_LEXICONS = {"isis_actor", "isis_branch_abroad", "forces", "other_group", "syria_country"}


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str  # English name shown to analysts
    governorate: str | None
    country: str
    kind: str
    needs_cue: bool = False
    lat: float | None = None
    lon: float | None = None
    # For a capital: the governorate of its countryside («قرب دمشق» -> Rural Damascus).
    countryside: str | None = None
    # Where ISIS's people are held (al-Hol, Ghwayran): violence there is ISIS-related
    # whenever the story names ISIS at all, even without blaming it in that sentence.
    isis_linked: bool = False

    @property
    def rank(self) -> int:
        return SPECIFICITY.get(self.kind, 3)


@dataclass
class Knowledge:
    index: TermIndex
    places: dict[str, Place]
    numbers: NumberWords
    lexicons: set[str]
    entries: dict[tuple[str, str], dict[str, Any]]
    # Strong ISIS names only: a cheap first pass; items without any skip the full analysis.
    gate: TermIndex | None = None


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError([ConfigProblem(str(path), "", f"cannot read: {e}")]) from e


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    return [str(x) for x in (v if isinstance(v, list) else [v])]


def _add_place(k: Knowledge, p: Place, names: list[str], lexicon: str, seen: set[str],
               cue_names: frozenset[str] = frozenset(), cue_free: frozenset[str] = frozenset(),
               cue_words: frozenset[str] = frozenset()) -> None:
    k.places[p.id] = p
    attrs: dict[str, Any] = {"place": p}
    for n in names:
        key = fold(n.rstrip("*"))
        if key in seen:  # an earlier (hand-checked) file already owns this name
            continue
        seen.add(key)
        # cue_names: this name (not the place's others) is also an ordinary word;
        # cue_free: this name of a needs_cue place is not ("Palmyra" for «تدمر»), nor
        # is a name that opens with its own cue («مخيم الهول», «حقل اراك»): the cue
        # sits inside the match, where the look-behind for one cannot see it.
        a = {"place": p, "needs_cue": True} if key in cue_names else \
            {"place": p, "cue_free": True} if key in cue_free or key.split(" ", 1)[0] in cue_words else attrs
        k.index.add(n, lexicon, p.id, a, name=True)


def load_knowledge(data_dir: Path = DATA_DIR) -> Knowledge:
    k = Knowledge(TermIndex(), {}, NumberWords(), set(), {}, TermIndex())
    problems: list[ConfigProblem] = []
    for path in sorted((data_dir / "lexicons").glob("*.yaml")):
        if path.name == "numbers.yaml":
            continue
        doc = _read_yaml(path) or {}
        for lex, entries in (doc.get("lexicons") or {}).items():
            k.lexicons.add(lex)
            for i, e in enumerate(entries or []):
                k.entries[(lex, str(e["id"]))] = e
                for form in _as_list(e.get("ar")) + _as_list(e.get("en")):
                    try:
                        k.index.add(form, lex, str(e["id"]), e, name=lex in NAME_LEXICONS)
                    except ValueError as err:  # a term that can never match
                        problems.append(ConfigProblem(str(path), f"lexicons.{lex}.{i}", str(err)))
                        continue
                    if lex == "isis_actor" and e.get("strength") == "strong":
                        k.gate.add(form, lex, str(e["id"]), e, name=True)
    if problems:
        raise ConfigError(problems)
    airdrop = k.entries.get(("incident_terms", "raid_airborne"))
    if airdrop:
        # A coalition airdrop is counter-ISIS news even when the report names no group
        # (detect/candidates.py): its words open the full analysis too. Not the bare «إنزال»
        # ("landing", "lowering a flag"), which takes a second word to be an airdrop.
        # The gate's pre-check scans every item: its stems keep to the first letters ISIS's
        # names already start with («عملية إنزال», "...drop", "...icopter"), which keeps that
        # scan as fast as before these words joined it.
        for form in _as_list(airdrop.get("ar")):
            if fold(form).startswith("عمليه "):
                k.gate.add(form, AIRDROP_LEX, "raid_airborne", airdrop)
        for form in _as_list(airdrop.get("en")):
            hint = next((h for h in _AIRDROP_HINTS if h in fold(form.rstrip("*"))), None)
            if hint:
                k.gate.add(form, AIRDROP_LEX, "raid_airborne", airdrop, cover=hint)
    num = _read_yaml(data_dir / "lexicons" / "numbers.yaml") or {}
    nw = k.numbers
    nw.units = {fold(w): int(v) for w, v in (num.get("units") or {}).items()}
    nw.duals = {fold(w) for w in _as_list(num.get("duals"))}
    nw.singulars = {fold(w) for w in _as_list(num.get("singulars"))}
    nw.qualifiers = {fold(w) for w in _as_list(num.get("qualifiers"))}
    nw.one_words = {fold(w) for w in _as_list(num.get("one_words"))}
    nw.stops = {fold(w) for w in _as_list(num.get("stops"))}

    from monitor.detect.gazetteer import Entry, merge  # here: gazetteer.py uses Place

    gaz = data_dir / "gazetteer"
    syrian: list[Entry] = []
    cue_names: dict[str, frozenset[str]] = {}
    cue_free: dict[str, frozenset[str]] = {}
    for e in (_read_yaml(gaz / "places.yaml") or {}).get("places") or []:
        if e.get("cue_names"):
            cue_names[str(e["id"])] = frozenset(fold(n) for n in _as_list(e["cue_names"]))
        if e.get("cue_free_names"):
            cue_free[str(e["id"])] = frozenset(fold(n) for n in _as_list(e["cue_free_names"]))
        en = _as_list(e.get("en"))
        p = Place(str(e["id"]), en[0], e.get("governorate"), SYRIA, e.get("kind", "town"),
                  bool(e.get("needs_cue")), e.get("lat"), e.get("lon"), e.get("countryside"),
                  bool(e.get("isis_linked")))
        syrian.append(Entry(p, _as_list(e.get("ar")) + en, hand=True))
    admin = gaz / "syria_admin.csv"
    if admin.exists():
        with admin.open(encoding="utf-8") as f:
            rows = csv.DictReader(line for line in f if not line.startswith("#"))
            for r in rows:
                lat, lon = r.get("lat") or None, r.get("lon") or None
                p = Place(r["id"], r["name_en"], r["governorate"], SYRIA, r["level"],
                          r.get("needs_cue") == "yes", float(lat) if lat else None,
                          float(lon) if lon else None)
                # Short generated English names ("Sur", "Shin", "Fiq") are ordinary words or
                # parts of foreign names ("Lanao del Sur"): keep them only in Arabic.
                en = [n for n in r["names_en"].split("|") if len(n) >= 5 or r["level"] == "governorate"]
                syrian.append(Entry(p, r["names_ar"].split("|") + en))
    merged, alias = merge(syrian)
    seen: set[str] = set()
    # Arabic cues only: English ones ("eastern", "near") open ordinary phrases too.
    cue_words = frozenset(fold(w) for (lex, _), e in k.entries.items() if lex == PLACE_CUE_LEX
                          for w in _as_list(e.get("ar")))
    for ent in merged:
        _add_place(k, ent.place, ent.names, "place_sy", seen, cue_names.get(ent.place.id, frozenset()),
                   cue_free.get(ent.place.id, frozenset()), cue_words)
        if ent.place.isis_linked and ent.place.kind == "camp":
            # The camps of ISIS families: a killing there is ISIS-related news even when the
            # report names no group, so their names open the full analysis like ISIS's own.
            for n in ent.names:
                # «مخيم الهول» and the like, looked for as «خيم الهول» (see the airdrop words
                # below); not the bare «الهول», nor English names, whose reports name ISIS anyway
                if fold(n).startswith("مخيم "):
                    k.gate.add(n, ISIS_CAMP_LEX, ent.place.id, {"place": ent.place}, name=True,
                               cover=fold(n)[1:])
    for old_id, new_id in alias.items():  # watchlists may name a merged entry by its old id
        k.places[old_id] = k.places[new_id]
    fseen: set[str] = set()
    for e in (_read_yaml(gaz / "foreign.yaml") or {}).get("places") or []:
        en = _as_list(e.get("en"))
        p = Place("x-" + str(e["id"]), en[0], None, str(e["country"]), e.get("kind", "city"),
                  bool(e.get("needs_cue")))
        _add_place(k, p, _as_list(e.get("ar")) + en, "place_foreign", fseen)
    k.lexicons |= {"place_sy", "place_foreign"}
    k.gate.compile()
    return k
