"""The five real seed articles (fixtures/seeds preferred, else /work/shared/seeds)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.detect import Detector
from monitor.models import Item

ROOT = Path(__file__).resolve().parents[1]
SEED_DIRS = (ROOT / "fixtures" / "seeds", ROOT.parent / "shared" / "seeds")
PUBLISHED = datetime(2025, 12, 18, 9, 0, tzinfo=UTC)  # a Thursday


def _seed(prefix: str) -> Item:
    for d in SEED_DIRS:
        files = sorted(d.glob(f"{prefix}_*.txt")) if d.is_dir() else []
        if files:
            title, _, body = files[0].read_text(encoding="utf-8").partition("\n")
            return Item("seed", files[0].stem, "", title, body, PUBLISHED)
    pytest.skip(f"seed {prefix} not present")


@pytest.fixture(scope="module")
def det():
    return Detector.load(ROOT / "config" / "watchlists")


def _by_name(dets):
    return {d.watchlist: d for d in dets}


@pytest.mark.parametrize("prefix", ["000", "001"], ids=["000 CENTCOM tallies", "001 think-tank report"])
def test_analysis_pieces_go_to_context_digest(det, prefix):
    d = _by_name(det.detect(_seed(prefix)))
    assert not d["isis-syria"].matched
    assert any("no concrete new incident" in r for r in d["isis-syria"].reasons)
    assert d["isis-syria-context"].matched
    assert d["isis-syria-context"].kind == "digest" and d["isis-syria-context"].tags == ("digest",)


EXPECTED = {
    "002 arrest in Raqqa": ("002", "arrest", None, "Raqqa", None, None),
    "003 airdrop at al-Kasar al-Fawqani": ("003", "raid", "al-Kasar al-Fawqani", "Deir ez-Zor", None, None),
    "004 attack in Palmyra": ("004", "attack", "Palmyra", "Homs", 3, 3),
}


@pytest.mark.parametrize("prefix,type_,place,gov,killed,injured", EXPECTED.values(), ids=EXPECTED.keys())
def test_incident_seeds(det, prefix, type_, place, gov, killed, injured):
    d = _by_name(det.detect(_seed(prefix)))
    inc_d = d["isis-syria"]
    assert inc_d.matched, inc_d.reasons
    assert inc_d.tags == ("isis-syria", "analysts") and inc_d.kind == "incident"
    assert not d["isis-syria-context"].matched
    inc = inc_d.incident
    assert inc.type == type_
    assert inc.governorate == gov
    assert inc.place == place  # None when only the governorate is known
    if killed is not None:
        assert (inc.killed, inc.injured) == (killed, injured)
    assert "ISIS" in inc.actors
    assert inc_d.hits and all(h.field in ("title", "body") and h.end > h.start for h in inc_d.hits)


def test_seed_004_date_is_last_saturday(det):
    inc = _by_name(det.detect(_seed("004")))["isis-syria"].incident
    assert inc.date is not None and inc.date.isoformat() == "2025-12-13"


def test_detections_follow_watchlist_priority(det):
    assert [d.watchlist for d in det.detect(_seed("003"))] == ["isis-syria", "isis-syria-context"]


def test_explain_renders_rules_terms_and_decision(det):
    from monitor.detect import render_explanation

    out = render_explanation(det.explain(_seed("003")))
    assert "== normalised title ==" in out and "الكسار الفوقاني" in out
    assert "[isis-syria] concrete-incident-in-syria" in out
    assert "body[" in out  # term positions
    assert "isis-syria (incident, tags isis-syria, analysts): MATCH" in out
