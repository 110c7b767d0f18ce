"""Scoring a replay against labels: counts, and the lists an analyst reads to fix things."""

from monitor.evaluate import score

INCIDENT = {"isis-syria"}


def rec(item: str, decision: str = "alert", event_id: str | None = "ev-1", watchlist: str | None = "isis-syria",
        inc: dict | None = None) -> dict:
    return {"feed": "f", "id": item, "title": f"title {item}", "reasons": [], "watchlist": watchlist,
            "decision": decision, "event_id": event_id,
            "incident": inc if inc is not None else {"type": "attack", "governorate": "Raqqa"}}


def lab(relevant: bool, event: str | None = None, **kw) -> dict:
    return {"relevant": relevant, "event": event, "type": kw.get("type", "attack"),
            "governorate": kw.get("governorate", "Raqqa"), "class": kw.get("cls")}


def test_counts_and_lists():
    labels = {("f", "a"): lab(True, "E1"), ("f", "b"): lab(True, "E1"), ("f", "c"): lab(True, "E2"),
              ("f", "d"): lab(False, cls="analysis"), ("f", "e"): lab(True, "E3", type="arrest")}
    records = [rec("a"), rec("b", decision="duplicate"), rec("c", decision="ignored", watchlist=None, event_id=None),
               rec("d", event_id="ev-9"), rec("e", event_id="ev-3")]
    rep = score(records, labels, INCIDENT)
    assert (rep.tp, rep.fp, rep.fn) == (3, 1, 1)
    assert [m["id"] for m in rep.misses] == ["c"] and [f["id"] for f in rep.false_alarms] == ["d"]
    assert [w["id"] for w in rep.wrong_extraction] == ["e"]  # attack given, arrest labelled
    assert rep.missed_events == ["E2"] and rep.extra_alerts == 0 and rep.repeated == []


def test_a_second_alert_for_one_event_is_listed():
    labels = {("f", "a"): lab(True, "E1"), ("f", "b"): lab(True, "E1"), ("f", "c"): lab(True, "E1")}
    records = [rec("a"), rec("b", event_id="ev-2"), rec("c", decision="update")]
    rep = score(records, labels, INCIDENT)
    assert rep.extra_alerts == 1
    assert [(r["id"], r["event"]) for r in rep.repeated] == [("b", "E1")]
    assert rep.merged_events == []  # two of our events for one labelled event is a split, not a merge


def test_a_relevant_label_without_an_event_id_is_an_event_of_its_own(tmp_path):
    """A labeller may leave `event` empty; scoring must count the item as its own event, and a
    merge with a named event must not crash on comparing None with a name."""
    import json

    from monitor.evaluate import load_labels

    rows = [{"feed": "f", "id": "a", "relevant": True, "event": "E1", "type": "attack", "governorate": "Raqqa"},
            {"feed": "f", "id": "b", "relevant": True, "event": None, "type": "attack", "governorate": "Raqqa"},
            {"feed": "f", "id": "c", "relevant": False, "event": None}]
    (tmp_path / "labels.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    labels = load_labels([tmp_path])
    rep = score([rec("a"), rec("b"), rec("c", watchlist=None, decision="ignored", event_id=None)], labels, INCIDENT)
    assert rep.events == 2 and rep.events_caught == 2
    assert rep.merged_events == [("ev-1", ["E1", "item:f/b"])]
