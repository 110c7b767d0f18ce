"""Same-incident rules (monitor.dedupe.events), table-driven over synthetic
incidents. The store-backed scenarios are in test_dedupe_contract.py."""

from __future__ import annotations

import pytest

from monitor.dedupe import events as ev
from monitor.models import Incident

I = Incident  # noqa: E741 - keeps the tables on one line per case

# name -> (event so far, new report, within the short window?, one incident?)
SAME_EVENT: dict[str, tuple[Incident, Incident, bool, bool]] = {
    # places: a place named like its governorate is governorate-level
    "governorate-named place joins a town in it": (
        I("attack", "al-Qaryatayn", "Homs", killed=4), I("attack", "Homs", "Homs"), True, True),
    "no place, governorate only, joins a town in it": (
        I("attack", "al-Qaryatayn", "Homs"), I("attack", None, "Homs"), True, True),
    "governorate-named place without a governorate": (
        I("clash", "Suqaylabiyah", "Hama"), I("clash", "Hama", None), True, True),
    "spelling of a governorate as a place": (
        I("ied", "Tal Tamr", "Al-Hasakah"), I("ied", "Hasakah", None), True, True),
    "two different towns never join": (
        I("attack", "al-Qaryatayn", "Homs"), I("attack", "al-Furqlus", "Homs"), True, False),
    "governorate-named place in another governorate": (
        I("attack", "al-Qaryatayn", "Homs"), I("attack", "Hama", "Hama"), True, False),
    "a report with no location is not placed here": (
        I("attack", "al-Qaryatayn", "Homs"), I("attack"), True, False),
    # Damascus and Rural Damascus
    "the capital joins a town in its countryside": (
        I("raid", "Yabrud", "Rural Damascus", actors=("US forces",)),
        I("raid", "Damascus", "Damascus", actors=("US forces",)), True, True),
    "countryside report joins a capital neighbourhood": (
        I("ied", "Mezzeh", "Damascus"), I("ied", None, "Rural Damascus"), True, True),
    "a capital neighbourhood and a countryside town stay apart": (
        I("ied", "Mezzeh", "Damascus"), I("ied", "Douma", "Rural Damascus"), True, False),
    "capital and countryside still need the parties to fit": (
        I("raid", "Yabrud", "Rural Damascus", actors=("Syrian army",)),
        I("raid", "Damascus", "Damascus", actors=("US forces",)), True, False),
    "other governorates are not neighbours": (
        I("attack", None, "Homs"), I("attack", None, "Hama"), True, False),
    # counts
    "a lower toll at the same town is a noisy update": (
        I("ied", "Jarablus", "Aleppo", killed=6, injured=11),
        I("ied", "Jarablus", "Aleppo", killed=1, injured=1), False, True),
    "a wildly lower toll at governorate level is another incident": (
        I("attack", "al-Qaryatayn", "Homs", killed=12), I("attack", None, "Homs", killed=2),
        True, False),
    "a moderately lower toll at governorate level is kept": (
        I("attack", "al-Qaryatayn", "Homs", killed=9), I("attack", None, "Homs", killed=4),
        True, True),
    "a higher toll is an update anywhere": (
        I("attack", None, "Homs", killed=2), I("attack", "al-Qaryatayn", "Homs", killed=20),
        True, True),
    # families
    "raid and arrest are one family": (
        I("raid", "Nawa", "Daraa"), I("arrest", "Nawa", "Daraa"), False, True),
    "recapture at the prison the escape was from": (
        I("escape", "al-Kasrah prison", "Deir ez-Zor", actors=("ISIS",)),
        I("arrest", "al-Kasrah prison", "Deir ez-Zor", actors=("SDF",)), True, True),
    "an escape after arrests at one camp": (
        I("arrest", "Roj camp", "Al-Hasakah"), I("escape", "Roj camp", "Al-Hasakah"), True, True),
    "escape and arrest at one camp beyond the short window": (
        I("escape", "Roj camp", "Al-Hasakah"), I("arrest", "Roj camp", "Al-Hasakah"), False, False),
    "escape and arrest in one town are two incidents": (
        I("escape", "al-Shaddadi", "Al-Hasakah"), I("arrest", "al-Shaddadi", "Al-Hasakah"),
        True, False),
    "escape from a prison and arrests reported governorate-wide": (
        I("escape", "al-Kasrah prison", "Deir ez-Zor"), I("arrest", None, "Deir ez-Zor"),
        True, False),
    "a killing naming the coalition is the strike": (
        I("killing", "Hajin", "Deir ez-Zor", actors=("ISIS", "International Coalition")),
        I("airstrike", "Hajin", "Deir ez-Zor", actors=("CENTCOM",), killed=2), True, True),
    "a strike then its governorate-level killing headline": (
        I("airstrike", "Hajin", "Deir ez-Zor", actors=("US forces",)),
        I("killing", None, "Deir ez-Zor", actors=("ISIS", "CENTCOM")), True, True),
    "an ISIS killing where a strike also hit stays apart": (
        I("killing", "Hajin", "Deir ez-Zor", actors=("ISIS",)),
        I("airstrike", "Hajin", "Deir ez-Zor", actors=("US forces",)), True, False),
    "an attack is never a strike": (
        I("attack", "Hajin", "Deir ez-Zor", actors=("International Coalition",)),
        I("airstrike", "Hajin", "Deir ez-Zor", actors=("International Coalition",)), True, False),
    "a strike killing bridges only within the short window": (
        I("killing", "Hajin", "Deir ez-Zor", actors=("CENTCOM",)),
        I("airstrike", "Hajin", "Deir ez-Zor", actors=("CENTCOM",)), False, False),
    # actors
    "CENTCOM and the coalition are one party": (
        I("airstrike", "Sarmada", "Idlib", actors=("International Coalition",)),
        I("airstrike", None, "Idlib", actors=("CENTCOM",)), True, True),
    "General Security and the Interior Ministry are one party": (
        I("arrest", "Inkhil", "Daraa", actors=("General Security",)),
        I("arrest", "Inkhil", "Daraa", actors=("Interior Ministry",)), True, True),
    "internal security forces fit the government": (
        I("raid", "Sarmada", "Idlib", actors=("Asayish",)),
        I("raid", "Sarmada", "Idlib", actors=("Interior Ministry",)), True, True),
    "internal security forces fit the SDF": (
        I("raid", "Hajin", "Deir ez-Zor", actors=("SDF",)),
        I("raid", "Hajin", "Deir ez-Zor", actors=("Asayish",)), True, True),
    "an SDF raid and a government raid are two events": (
        I("raid", "Hajin", "Deir ez-Zor", actors=("SDF",)),
        I("raid", "Hajin", "Deir ez-Zor", actors=("Interior Ministry",)), True, False),
    "an ISIS claim never splits": (
        I("ied", "Hajin", "Deir ez-Zor", actors=("SDF",)),
        I("ied", "Hajin", "Deir ez-Zor", actors=("ISIS",)), True, True),
}


@pytest.mark.parametrize("name", list(SAME_EVENT))
def test_same_event(name: str) -> None:
    event, report, close, expected = SAME_EVENT[name]
    assert ev.same_event(event, report, close_in_time=close) is expected


# name -> (event, report with no location, fits?)
UNPLACED: dict[str, tuple[Incident, Incident, bool]] = {
    "a wire with no place fits a strike of the same party": (
        I("airstrike", "Sarmada", "Idlib", actors=("ISIS", "CENTCOM"), killed=1),
        I("airstrike", actors=("ISIS", "US forces"), killed=1), True),
    "another party's strike does not fit": (
        I("airstrike", "Sarmada", "Idlib", actors=("Russian forces",)),
        I("airstrike", actors=("CENTCOM",)), False),
    "another family does not fit": (
        I("attack", "Sarmada", "Idlib"), I("airstrike", actors=("CENTCOM",)), False),
    "a wildly different toll does not fit": (
        I("ied", "Jarablus", "Aleppo", killed=14), I("ied", killed=1), False),
    "escape and arrest need the same prison, so never without a place": (
        I("escape", "al-Kasrah prison", "Deir ez-Zor"), I("arrest"), False),
}


@pytest.mark.parametrize("name", list(UNPLACED))
def test_same_event_unplaced(name: str) -> None:
    event, report, expected = UNPLACED[name]
    assert ev.same_event_unplaced(event, report) is expected


# name -> (event, report, merged place, merged governorate, new facts)
MERGES: dict[str, tuple[Incident, Incident, str | None, str | None, tuple[str, ...]]] = {
    "a town replaces a governorate-named place": (
        I("clash", "Homs", "Homs"), I("clash", "al-Furqlus", "Homs"), "al-Furqlus", "Homs",
        ("place: al-Furqlus",)),
    "the town's governorate comes with it": (
        I("raid", "Damascus", "Damascus"), I("raid", "Yabrud", "Rural Damascus"), "Yabrud",
        "Rural Damascus", ("place: Yabrud",)),
    "a governorate-level report names nothing new": (
        I("clash", "al-Furqlus", "Homs"), I("clash", "Homs", "Homs"), "al-Furqlus", "Homs", ()),
    "a wire with no place adds only facts": (
        I("airstrike", "Sarmada", "Idlib", killed=1), I("airstrike", killed=2), "Sarmada",
        "Idlib", ("killed: 1 -> 2",)),
    "a place for an event that had none": (
        I("airstrike", killed=1), I("airstrike", "Sarmada", "Idlib"), "Sarmada", "Idlib",
        ("place: Sarmada",)),
}


@pytest.mark.parametrize("name", list(MERGES))
def test_merge_places(name: str) -> None:
    event, report, place, gov, facts = MERGES[name]
    m = ev.merge(event, report)
    assert (m.incident.place, m.incident.governorate, m.new_facts) == (place, gov, facts)
    assert m.incident.type == event.type


def test_rank_prefers_a_shared_party_over_the_nearest_event() -> None:
    report = I("clash", "Homs", "Homs", actors=("ISIS", "Syrian army"))
    near = ev.match_rank(I("attack", "al-Shaer gas field", "Homs"), report, 3600)
    named = ev.match_rank(I("clash", "al-Sukhnah", "Homs", actors=("Syrian army",)), report,
                          5 * 3600)
    assert named < near


def test_another_name_for_a_known_party_is_no_news() -> None:
    m = ev.merge(I("airstrike", "Sarmada", "Idlib", actors=("ISIS", "CENTCOM")),
                 I("airstrike", "Sarmada", "Idlib", actors=("US forces", "SDF")))
    assert m.incident.actors == ("ISIS", "CENTCOM", "US forces", "SDF")
    assert m.new_facts == ("actor: SDF",)
