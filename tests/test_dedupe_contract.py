"""The dedupe store contract, run against every backend (huey style): a real
SQLite file and a real PostgreSQL schema (skipped when PostgreSQL does not
answer). Items, detections and incidents are built directly.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.dedupe import DedupeConfig, Deduper, DedupeResult, SchemeMismatch
from monitor.models import Detection, Incident, Item
from monitor.store.db import Database, open_database
from tests.test_dedupe_near import (
    ENGLISH,
    ORIGINAL,
    OTHER,
    OTHER_TITLE,
    P1,
    P2,
    P3,
    SYNDICATED,
    TITLE,
)

T0 = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)
IED = Incident("ied", place="Al-Busayrah", governorate="Deir ez-Zor", actors=("SDF",),
               killed=3, injured=2)


def item(guid: str, title: str = TITLE, text: str = ORIGINAL, *, feed: str = "sham",
         source: str = "", minutes: int = 0, link: str = "", language: str = "ar") -> Item:
    return Item(feed=feed, id=guid, link=link, title=title, text=text,
                published=T0 + timedelta(minutes=minutes), language=language,
                source=source or feed)


def det(incident: Incident | None = IED, kind: str = "incident", matched: bool = True) -> Detection:
    return Detection("isis-syria", matched, 1.0 if matched else 0.0, incident, kind=kind)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'dedupe.db'}"
    return str(request.getfixturevalue("pg_schema_dsn"))  # skips with the reason


class Stream:
    """A deduper over its own connection, deciding each item in its own tx."""

    def __init__(self, url: str, cfg: DedupeConfig | None = None):
        self.url, self.cfg = url, cfg or DedupeConfig()
        self.db: Database = open_database(url)
        self.d = Deduper(self.db, self.cfg)

    def __call__(self, it: Item, detection: Detection | None = None,
                 now: datetime | None = None) -> DedupeResult:
        with self.db.transaction() as tx:
            return self.d.decide(tx, it, det() if detection is None else detection,
                                 now or (it.published or T0) + timedelta(minutes=5))

    def restart(self) -> None:
        self.db.close()
        self.db = open_database(self.url)
        self.d = Deduper(self.db, self.cfg)

    def count(self, table: str) -> int:
        with self.db.transaction() as tx:
            row = tx.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
        assert row is not None
        return int(row[0])


@pytest.fixture
def stream(store_url: str) -> Iterator[Stream]:
    s = Stream(store_url)
    yield s
    s.db.close()


def test_same_item_twice(stream: Stream) -> None:
    it = item("sham-1")
    assert not stream.d.is_known(it)
    first = stream(it)
    assert first.decision == "alert" and first.event_id and first.event_id.startswith("ev-")
    assert stream.d.is_known(it)
    again = stream(it)
    assert (again.decision, again.reasons) == ("duplicate", ("same item already seen",))
    assert again.event_id == first.event_id and again.item_key == first.item_key
    assert stream.count("dedupe_items") == 1


def test_ignored_items_are_remembered(stream: Stream) -> None:
    it = item("sham-2", "مباراة كرة قدم", "فاز فريق الفتوة على فريق تشرين في الدوري السوري")
    res = stream(it, det(None, matched=False))
    assert res.decision == "ignored" and res.event_id is None
    assert stream.d.is_known(it)
    assert stream(it, det(None, matched=False)).reasons == ("same item already seen",)


def test_item_published_before_retention_is_ignored(stream: Stream) -> None:
    res = stream(item("old-1", minutes=-60 * 24 * 40), now=T0)
    assert res.decision == "ignored" and "before the 30-day memory" in res.reasons[0]


def test_guid_churn_is_caught_by_content(stream: Stream) -> None:
    first = stream(item("https://sham.example/?p=101"))
    churned = stream(item("https://sham.example/?p=9001", minutes=600))  # same text, new guid
    assert churned.decision == "duplicate" and churned.event_id == first.event_id
    assert first.item_key in churned.reasons[0] and "p=101" in churned.reasons[0]


def test_guid_reused_for_a_different_story_is_a_new_item(stream: Stream) -> None:
    home = "https://sham.example/"  # a feed whose every guid is its homepage
    first = stream(item(home))
    other = item(home, OTHER_TITLE, OTHER, minutes=30)
    assert not stream.d.is_known(other)
    second = stream(other, det(replace(IED, type="attack", place="Dhiban", killed=None,
                                       injured=1)))
    assert second.decision == "alert" and second.event_id != first.event_id
    assert "reused for different content" in second.reasons[0]
    assert second.item_key != first.item_key
    assert stream.d.is_known(other)
    assert stream(other).reasons == ("same item already seen",)
    # A light edit under the same guid is still the same item, not a collision.
    edited = item(home, TITLE, ORIGINAL.replace("صباح اليوم", "فجر اليوم"))
    assert stream(edited).reasons == ("same item already seen",)


@pytest.mark.parametrize("variant", list(SYNDICATED))
def test_syndicated_copy_is_a_duplicate_of_the_first(stream: Stream, variant: str) -> None:
    first = stream(item("sham-7", source="Sham Network"))
    title, text = SYNDICATED[variant]
    copy = stream(item("x-99", title, text, feed="furat", source="Furat Post", minutes=40))
    assert copy.decision == "duplicate", copy.reasons
    assert copy.event_id == first.event_id
    assert "near-duplicate" in copy.reasons[0] or "same text" in copy.reasons[0]
    assert copy.other_sources == ("Sham Network",)


def test_unrelated_story_on_the_same_topic_is_not_a_near_duplicate(stream: Stream) -> None:
    stream(item("sham-8", source="Sham Network"), det(None, kind="digest"))
    other = stream(item("sham-9", OTHER_TITLE, OTHER, minutes=10), det(None, kind="digest"))
    assert other.decision == "alert" and other.event_id is None


def test_digest_items_dedupe_by_text_only(stream: Stream) -> None:
    first = stream(item("d-1"), det(None, kind="digest"))
    assert first.decision == "alert" and first.event_id is None
    copy = stream(item("d-2", *SYNDICATED["boilerplate appended"], feed="furat"),
                  det(None, kind="digest"))
    assert copy.decision == "duplicate" and copy.event_id is None


def test_bilingual_reports_of_one_incident_are_one_event(stream: Stream) -> None:
    ar = stream(item("sham-10", source="Sham Network"))
    en = stream(item("https://en.example/ied", "IED kills three SDF fighters", ENGLISH,
                     feed="syria-en", source="Syria Direct", minutes=90, language="en"),
                det(replace(IED, actors=("sdf",))))  # same facts, other spelling
    assert ar.decision == "alert" and en.decision == "duplicate"
    assert en.event_id == ar.event_id and en.other_sources == ("Sham Network",)
    assert en.first_seen == ar.first_seen


def test_update_with_higher_toll_then_repeat_is_duplicate(stream: Stream) -> None:
    first = stream(item("sham-11", source="Sham Network"))
    five = replace(IED, killed=5)
    upd = stream(item("f-1", "ارتفاع حصيلة قتلى انفجار البصيرة إلى خمسة", P1.replace(
        "ثلاثة", "خمسة") + " وتوفي اثنان من الجرحى متأثرين بجراحهما.", feed="furat"), det(five))
    assert upd.decision == "update" and upd.event_id == first.event_id
    assert upd.new_facts == ("killed: 3 -> 5",)
    repeat = stream(item("https://en.example/5", "Toll rises to five in Busayrah IED blast",
                         "Five SDF fighters are now dead after Tuesday's roadside bomb "
                         "near al-Busayrah, a medic said.", feed="syria-en", minutes=200),
                    det(five))
    assert (repeat.decision, repeat.new_facts) == ("duplicate", ())
    claim = stream(item("amaq-1", "تنظيم الدولة يتبنى تفجير البصيرة", P2 + " " + P3,
                        feed="naya", minutes=300), det(replace(five, actors=("ISIS", "SDF"))))
    assert claim.decision == "update"
    assert claim.new_facts == ("claim of responsibility: ISIS",)
    assert set(claim.other_sources) == {"Sham Network", "furat", "syria-en"}


def test_update_mode_suppress_records_facts_without_alerting(store_url: str) -> None:
    s = Stream(store_url, DedupeConfig(update_mode="suppress"))
    s(item("s-1"))
    res = s(item("s-2", "حصيلة جديدة", P1 + " ارتفع العدد إلى ستة قتلى.", minutes=60),
            det(replace(IED, killed=6)))
    assert res.decision == "duplicate" and res.new_facts == ("killed: 3 -> 6",)
    again = s(item("s-3", "ستة قتلى", P2 + " ستة قتلى في الحصيلة النهائية.", minutes=90),
              det(replace(IED, killed=6)))
    assert again.new_facts == ()
    s.db.close()


def test_distinct_incidents_in_one_governorate_on_one_day(stream: Stream) -> None:
    arrest = stream(item("r-1", "اعتقال خلية لداعش في مدينة الرقة",
                         "اعتقلت قوى الأمن الداخلي خمسة أشخاص يشتبه بانتمائهم لخلية تابعة "
                         "للتنظيم في حي المشلب بمدينة الرقة بعد مداهمة منزل.", feed="raqqa"),
                    det(Incident("arrest", place="Raqqa", governorate="Raqqa", actors=("SDF",))))
    ied = stream(item("r-2", "انفجار عبوة في بادية الرقة",
                      "انفجرت عبوة ناسفة بسيارة لرعاة أغنام في بادية الرقة الجنوبية ما أدى "
                      "إلى مقتل شخصين، وسط اتهامات لخلايا التنظيم بزرعها.", feed="raqqa",
                      minutes=180),
                 det(Incident("ied", place="Raqqa desert", governorate="Raqqa", killed=2)))
    assert arrest.decision == ied.decision == "alert"
    assert arrest.event_id != ied.event_id
    # A governorate-only report of the desert blast joins it and names no new place.
    vague = stream(item("r-3", "مقتل اثنين بانفجار في ريف الرقة",
                        "قتل مدنيان بانفجار لغم من مخلفات التنظيم في ريف محافظة الرقة.",
                        feed="naya", minutes=200),
                   det(Incident("killing", governorate="Raqqa", killed=2)))
    assert (vague.decision, vague.event_id) == ("duplicate", ied.event_id)
    # Two different named places never merge, even within one type family.
    other_town = stream(item("r-4", "هجوم في الطبقة", "هجوم مسلح على حاجز في مدينة الطبقة "
                             "غربي الرقة أسفر عن مقتل عنصرين.", feed="raqqa", minutes=240),
                        det(Incident("attack", place="Tabqa", governorate="Raqqa", killed=2)))
    assert other_town.decision == "alert" and other_town.event_id != ied.event_id
    # Now a vague report matches both: it joins the nearer in time and says so.
    vaguer = stream(item("r-5", "قتلى في ريف الرقة", "سقوط قتيلين في هجوم بريف الرقة اليوم.",
                         feed="naya", minutes=250),
                    det(Incident("attack", governorate="Raqqa", killed=2)))
    assert vaguer.event_id == other_town.event_id
    assert any("also matches " + str(ied.event_id) in r for r in vaguer.reasons)


def test_same_type_and_place_five_days_apart_are_two_events(stream: Stream) -> None:
    first = stream(item("sham-20"))
    later = stream(item("sham-21", "انفجار عبوة جديد على طريق البصيرة",
                        "قتل ثلاثة عناصر من قسد بانفجار عبوة ناسفة على الطريق ذاته قرب "
                        "البصيرة، في ثاني هجوم من نوعه خلال أسبوع.", minutes=5 * 24 * 60))
    assert first.decision == later.decision == "alert"
    assert first.event_id != later.event_id


# One incident, one alert: named scenarios of synthetic reports, each a list of
# steps (incident, minutes after T0, expected decision, index of the earlier step
# whose event it joins, or None for a new event). Texts are short and distinct,
# so only the incident rules (not near-duplicate text) decide.
Step = tuple[Incident, int, str, int | None]
_CENTCOM = ("ISIS", "CENTCOM")
SCENARIOS: dict[str, list[Step]] = {
    "governorate-named place and no place join the town": [
        (Incident("attack", "al-Qaryatayn", "Homs", ("ISIS",), killed=4), 0, "alert", None),
        (Incident("attack", "Homs", "Homs", ("ISIS",), killed=4), 300, "duplicate", 0),
        (Incident("attack", None, "Homs", ("ISIS",)), 600, "duplicate", 0),
    ],
    "a governorate-level event takes the town, then excludes other towns": [
        (Incident("clash", "Homs", "Homs", ("Syrian army",), killed=3), 0, "alert", None),
        (Incident("clash", "al-Furqlus", "Homs", ("Syrian army",)), 120, "update", 0),
        (Incident("clash", "al-Qaryatayn", "Homs", ("Syrian army",)), 180, "alert", None),
    ],
    "the capital's report joins the countryside raid": [
        (Incident("raid", "Yabrud", "Rural Damascus", ("US forces",)), 0, "alert", None),
        (Incident("raid", "Damascus", "Damascus", ("US forces",)), 200, "duplicate", 0),
    ],
    "capital and countryside raids by different parties stay apart": [
        (Incident("raid", "Damascus", "Damascus", ("Syrian army",)), 0, "alert", None),
        (Incident("raid", "Yabrud", "Rural Damascus", ("US forces",)), 60, "alert", None),
    ],
    "a wire with no location joins the only strike that fits": [
        (Incident("airstrike", "Sarmada", "Idlib", _CENTCOM, killed=1), 0, "alert", None),
        (Incident("airstrike", None, None, ("US forces",), killed=1), 600, "duplicate", 0),
        (Incident("airstrike", None, None, _CENTCOM, killed=2), 900, "update", 0),
    ],
    "a wire with no location that fits two strikes joins none": [
        (Incident("airstrike", "Sarmada", "Idlib", _CENTCOM), 0, "alert", None),
        (Incident("airstrike", "Jarablus", "Aleppo", _CENTCOM), 60, "alert", None),
        (Incident("airstrike", None, None, _CENTCOM), 120, "alert", None),
    ],
    "a wire with no location after the short window is new": [
        (Incident("airstrike", "Sarmada", "Idlib", _CENTCOM), 0, "alert", None),
        (Incident("airstrike", None, None, _CENTCOM), 30 * 60, "alert", None),
    ],
    "the place arrives after the wire, and the event moves there": [
        (Incident("airstrike", None, None, _CENTCOM, killed=1), 0, "alert", None),
        (Incident("airstrike", "Sarmada", "Idlib", _CENTCOM), 120, "update", 0),
        # 30 h: past the short window, so only the area lookup can find the event.
        (Incident("airstrike", None, "Idlib", ("International Coalition",), killed=1), 30 * 60,
         "duplicate", 0),
    ],
    "a lower toll at the same town is not a second bombing": [
        (Incident("ied", "Jarablus", "Aleppo", killed=6), 0, "alert", None),
        (Incident("ied", "Jarablus", "Aleppo", killed=1), 400, "duplicate", 0),
    ],
    "a wildly lower toll at governorate level is a second incident": [
        (Incident("attack", "Homs", "Homs", ("ISIS",), killed=12), 0, "alert", None),
        (Incident("attack", None, "Homs", ("ISIS",), killed=2), 200, "alert", None),
    ],
    "escapees recaptured at the same prison": [
        (Incident("escape", "al-Kasrah prison", "Deir ez-Zor", ("ISIS",)), 0, "alert", None),
        (Incident("arrest", "al-Kasrah prison", "Deir ez-Zor", ("SDF",)), 180, "update", 0),
    ],
    "an escape and an arrest in one town are two incidents": [
        (Incident("escape", "al-Shaddadi", "Al-Hasakah", ("ISIS",)), 0, "alert", None),
        (Incident("arrest", "al-Shaddadi", "Al-Hasakah", ("SDF",)), 60, "alert", None),
    ],
    "a strike headlined as a killing": [
        (Incident("killing", "Hajin", "Deir ez-Zor", ("ISIS", "International Coalition")), 0,
         "alert", None),
        (Incident("airstrike", "Hajin", "Deir ez-Zor", ("CENTCOM",), killed=2), 90, "update", 0),
    ],
    "an ISIS killing and a strike in one town stay apart": [
        (Incident("killing", "Hajin", "Deir ez-Zor", ("ISIS",), killed=1), 0, "alert", None),
        (Incident("airstrike", "Hajin", "Deir ez-Zor", ("US forces",), killed=1), 60, "alert",
         None),
    ],
    "an arrest in the city and a bombing in the desert on one day": [
        (Incident("arrest", "Raqqa", "Raqqa", ("SDF",)), 0, "alert", None),
        (Incident("ied", "Raqqa desert", "Raqqa", killed=2), 180, "alert", None),
        (Incident("raid", None, "Raqqa", ("Asayish",)), 240, "update", 0),
        (Incident("killing", None, "Raqqa", killed=2), 300, "duplicate", 1),
    ],
}


def _unrelated_text(seed: str) -> str:
    """Words drawn at random: no two steps look alike to the near-duplicate stage."""
    rng = random.Random(seed)
    return " ".join(rng.choice(ORIGINAL.split()) for _ in range(40))


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_one_incident_one_alert(stream: Stream, name: str) -> None:
    results: list[DedupeResult] = []
    for n, (inc, minutes, decision, joins) in enumerate(SCENARIOS[name]):
        res = stream(item(f"{name}-{n}", f"report {n}", _unrelated_text(f"{name}-{n}"),
                          feed=f"outlet-{n}", minutes=minutes), det(inc))
        assert res.decision == decision, (n, res)
        if joins is None:
            assert res.event_id not in {r.event_id for r in results}, (n, res)
        else:
            assert res.event_id == results[joins].event_id, (n, res)
        results.append(res)


def test_unplaced_report_says_which_events_it_fits(stream: Stream) -> None:
    steps = SCENARIOS["a wire with no location that fits two strikes joins none"]
    res = [stream(item(f"w-{n}", f"wire {n}", _unrelated_text(f"w-{n}"), minutes=m), det(inc))
           for n, (inc, m, _, _) in enumerate(steps)]
    assert any("joined none" in r and str(res[0].event_id) in r and str(res[1].event_id) in r
               for r in res[2].reasons), res[2].reasons


def _stream_cases() -> list[tuple[Item, Detection]]:
    five = replace(IED, killed=5)
    return [
        (item("m-1", source="Sham Network"), det()),
        (item("m-2", *SYNDICATED["trimmed"], feed="furat", minutes=20), det()),
        (item("m-3", "مباراة", "فاز فريق الفتوة على تشرين في مباراة الأمس بثلاثة أهداف",
              minutes=25), det(None, matched=False)),
        (item("m-4", OTHER_TITLE, OTHER, minutes=30),
         det(Incident("attack", place="Dhiban", governorate="Deir ez-Zor", injured=1))),
        (item("m-1", source="Sham Network"), det()),  # repeat across the restart
        (item("m-5", "IED toll rises", ENGLISH.replace("Three", "Five"), feed="en",
              minutes=90), det(five)),
        (item("m-6", P3, P2, feed="naya", minutes=95), det(five)),
        (item("m-7", *SYNDICATED["boilerplate appended"], feed="x", minutes=100), det()),
        (item("m-8", "ستة قتلى", P1 + " وارتفع العدد إلى ستة", feed="y", minutes=120),
         det(replace(IED, killed=6))),
    ]


def test_restart_mid_stream_changes_no_decision(store_url: str) -> None:
    cases = _stream_cases()
    reference = Stream("sqlite:///:memory:")
    expected = [reference(i, d) for i, d in cases]
    s = Stream(store_url)
    got = []
    for n, (i, d) in enumerate(cases):
        if n == len(cases) // 2:
            s.restart()
        got.append(s(i, d))
    s.db.close()
    assert got == expected
    assert [r.decision for r in got] == ["alert", "duplicate", "ignored", "alert", "duplicate",
                                         "update", "duplicate", "duplicate", "update"]


def test_prune_removes_old_rows_and_keeps_recent(stream: Stream) -> None:
    old = item("p-1", source="Sham Network")
    stream(old, now=T0)
    stream(item("p-2", OTHER_TITLE, OTHER), det(None, kind="digest"), now=T0)
    recent = item("p-3", "خبر حديث", P1 + " " + P3, feed="naya", minutes=60 * 24 * 20)
    res_recent = stream(recent, det(Incident("ied", place="Hajin", governorate="Deir ez-Zor")),
                        now=T0 + timedelta(days=20))
    lsh_before = stream.count("dedupe_lsh")
    deleted = stream.d.prune(T0 + timedelta(days=35))
    assert deleted > 0
    assert stream.count("dedupe_items") == 1 and stream.count("dedupe_content") == 1
    assert stream.count("dedupe_events") == 1
    assert stream.count("dedupe_lsh") == lsh_before * 1 // 3  # 16 bands per item left
    again = stream(recent, now=T0 + timedelta(days=36))
    assert (again.decision, again.event_id) == ("duplicate", res_recent.event_id)
    assert stream.d.prune(T0 + timedelta(days=35)) == 0


def test_concurrent_claims_give_exactly_one_alert(store_url: str) -> None:
    Stream(store_url).db.close()  # create the tables once, before the race
    racers = [Stream(store_url) for _ in range(2)]
    words = ORIGINAL.split()
    items = [item(f"race-{n}", f"{TITLE} {n}", " ".join(random.Random(n).sample(words, 60)),
                  minutes=n * 60 * 24 * 4)
             for n in range(12)]  # unrelated texts, 4 days apart: each its own event
    results: list[list[DedupeResult]] = [[], []]
    barrier = threading.Barrier(2)

    def run(k: int, decide: Callable[[Item], DedupeResult]) -> None:
        for it in items:
            barrier.wait()
            results[k].append(decide(it))

    threads = [threading.Thread(target=run, args=(k, r)) for k, r in enumerate(racers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for r in racers:
        r.db.close()
    for a, b in zip(*results, strict=True):
        assert sorted([a.decision, b.decision]) == ["alert", "duplicate"]
        assert a.event_id == b.event_id


def test_changed_num_perm_is_refused(store_url: str) -> None:
    Stream(store_url).db.close()
    db = open_database(store_url)
    with pytest.raises(SchemeMismatch, match="num_perm"):
        Deduper(db, DedupeConfig(num_perm=128))
    db.close()


def test_lookups_use_indexes(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'plan.db'}")
    Deduper(db)
    plans = {
        "lsh": "SELECT DISTINCT item_id FROM dedupe_lsh WHERE (band = 0 AND hash = 1) "
               "OR (band = 1 AND hash = 2)",
        "events": "SELECT id FROM dedupe_events WHERE area IN ('Damascus', 'Rural Damascus') "
                  "AND at BETWEEN 1 AND 2 AND family IN ('violence', 'airstrike')",
        "unplaced": "SELECT id FROM dedupe_events WHERE family IN ('airstrike', 'violence') "
                    "AND at BETWEEN 1 AND 2",
        "unplaced events": "SELECT id FROM dedupe_events WHERE family IN ('airstrike') "
                           "AND at BETWEEN 1 AND 2 AND area LIKE 'none:%'",
        "items": "SELECT id FROM dedupe_items WHERE key = 'g:1'",
    }
    with db.transaction() as tx:
        for name, sql in plans.items():
            plan = " ".join(str(r[-1]) for r in tx.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
            assert "USING" in plan and "SCAN" not in plan.replace("SCAN CONSTANT", ""), (name, plan)
    db.close()


def test_p1_p2_fixture_sanity() -> None:
    assert P1 and P2 and P3  # the corpus module is importable and non-empty
