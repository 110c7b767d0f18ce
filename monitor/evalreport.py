"""Terminal rendering of an evaluation Report (kept apart from the scoring logic)."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from monitor.evaluate import Report

TARGETS = {"precision": 0.97, "event_recall": 0.97, "governorate_accuracy": 0.9,
           "type_accuracy": 0.85}


def print_report(out: Any, rep: Report) -> None:
    s = rep.summary()
    table = Table(title=f"Evaluation on {rep.labelled} labelled items ({rep.items} replayed)")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("target", justify="right")
    for key in ("precision", "recall", "event_recall", "type_accuracy", "governorate_accuracy"):
        target = TARGETS.get(key)
        ok = target is None or s[key] >= target
        val = f"[{'green' if ok else 'red'}]{s[key]:.3f}[/]"
        table.add_row(key, val, f"≥ {target}" if target else "")
    table.add_row("true / false positives", f"{rep.tp} / {rep.fp}", "")
    table.add_row("missed items", str(rep.fn), "")
    table.add_row("events caught", f"{rep.events_caught} / {rep.events}", "")
    table.add_row("extra alerts on one event", str(rep.extra_alerts), "")
    table.add_row("merged distinct events", str(len(rep.merged_events)), "")
    out.print(table)
    for title, rows in (("False alarms", rep.false_alarms), ("Misses", rep.misses),
                        ("Wrong type/governorate", rep.wrong_extraction),
                        ("Alerted again for an event already alerted", rep.repeated)):
        if rows:
            out.print(f"\n[bold]{title}[/] ({len(rows)})")
            for r in rows:
                extra = r.get("class") or r.get("event") or f"expected {r.get('expected')} " \
                                                           f"got {r.get('got')}"
                out.print(f"  {r['feed']} {r['id']} — {r['title']} [{extra}]", markup=False,
                          highlight=False)
    if rep.missed_events:
        out.print(f"\n[bold]Events never alerted[/]: {', '.join(rep.missed_events)}")
    for ev, labs in rep.merged_events:
        out.print(f"  merged into {ev}: {', '.join(labs)}", markup=False)
