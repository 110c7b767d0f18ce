"""`monitor eval`: replay a labelled set and score it the way an analyst would.

Item level: an item is predicted relevant when the incident watchlist matched
it (whatever dedupe then decided: a duplicate report is still a correct
detection). Event level: a labelled incident is caught when at least one of its
reports produced an "alert". Extraction: type and governorate accuracy over
true positives. Labels live in `labels.jsonl` beside the feed files.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

INCIDENT_KIND = "incident"


def load_labels(paths: list[Path]) -> dict[tuple[str, str], dict[str, Any]]:
    labels: dict[tuple[str, str], dict[str, Any]] = {}
    for base in paths:
        files = [base] if base.is_file() and base.suffix == ".jsonl" else \
            sorted((base if base.is_dir() else base.parent).rglob("labels.jsonl"))
        for f in files:
            for line in f.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    rec = json.loads(line)
                    if rec.get("relevant") and not rec.get("event"):
                        # A relevant item whose labeller gave no event id is an event of its own
                        # (without one, counting events and merges compared None with names).
                        rec["event"] = f"item:{rec['feed']}/{rec['id']}"
                    labels[(rec["feed"], rec["id"])] = rec
    return labels


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


@dataclass
class Report:
    items: int = 0
    labelled: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    events: int = 0
    events_caught: int = 0
    type_ok: int = 0
    type_n: int = 0
    gov_ok: int = 0
    gov_n: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    wrong_extraction: list[dict[str, Any]] = field(default_factory=list)
    missed_events: list[str] = field(default_factory=list)
    merged_events: list[tuple[str, list[str]]] = field(default_factory=list)
    extra_alerts: int = 0  # alerts beyond the first per labelled event
    repeated: list[dict[str, Any]] = field(default_factory=list)  # the 2nd, 3rd... alert of an event

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def event_recall(self) -> float:
        return _ratio(self.events_caught, self.events)

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.type_ok, self.type_n)

    @property
    def governorate_accuracy(self) -> float:
        return _ratio(self.gov_ok, self.gov_n)

    def summary(self) -> dict[str, Any]:
        return {
            "items": self.items, "labelled": self.labelled, "tp": self.tp, "fp": self.fp,
            "fn": self.fn, "precision": round(self.precision, 4),
            "recall": round(self.recall, 4), "events": self.events,
            "event_recall": round(self.event_recall, 4),
            "type_accuracy": round(self.type_accuracy, 4),
            "governorate_accuracy": round(self.governorate_accuracy, 4),
            "extra_alerts": self.extra_alerts, "merged_events": len(self.merged_events),
        }


def score(records: list[dict[str, Any]], labels: dict[tuple[str, str], dict[str, Any]],
          incident_watchlists: set[str]) -> Report:
    rep = Report(items=len(records))
    alerted_events: dict[str, int] = defaultdict(int)
    predicted_event_of: dict[str, set[str]] = defaultdict(set)  # our event_id -> label events
    for rec in records:
        lab = labels.get((rec["feed"], rec["id"]))
        if lab is None:
            continue
        rep.labelled += 1
        predicted = rec["watchlist"] in incident_watchlists
        brief = {"feed": rec["feed"], "id": rec["id"], "title": rec["title"][:90],
                 "reasons": rec["reasons"][:3]}
        if lab["relevant"] and predicted:
            rep.tp += 1
            inc = rec["incident"] or {}
            if lab.get("type"):
                rep.type_n += 1
                rep.type_ok += inc.get("type") == lab["type"]
            if lab.get("governorate"):
                rep.gov_n += 1
                rep.gov_ok += inc.get("governorate") == lab["governorate"]
            if inc.get("type") != lab.get("type") or inc.get("governorate") != lab.get("governorate"):
                rep.wrong_extraction.append({**brief, "expected": [lab.get("type"), lab.get(
                    "governorate")], "got": [inc.get("type"), inc.get("governorate")]})
            if rec["decision"] in ("alert",):
                alerted_events[lab["event"]] += 1
                if alerted_events[lab["event"]] > 1:
                    rep.repeated.append({**brief, "event": lab["event"]})
            if rec.get("event_id"):
                predicted_event_of[rec["event_id"]].add(lab["event"])
        elif lab["relevant"]:
            rep.fn += 1
            rep.misses.append({**brief, "event": lab.get("event")})
        elif predicted:
            rep.fp += 1
            rep.false_alarms.append({**brief, "class": lab.get("class")})
    events = {lab["event"] for lab in labels.values() if lab["relevant"] and lab.get("event")}
    rep.events = len(events)
    rep.events_caught = sum(1 for e in events if alerted_events.get(e))
    rep.missed_events = sorted(e for e in events if not alerted_events.get(e))
    rep.extra_alerts = sum(n - 1 for n in alerted_events.values() if n > 1)
    rep.merged_events = sorted((ev, sorted(labs)) for ev, labs in predicted_event_of.items()
                               if len(labs) > 1)
    return rep
