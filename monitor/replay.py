"""`monitor replay`: recorded feed files → one decision per item, deterministically.

The replay contract (stable; detection quality is measured through it): all
items of all files in publication order, against a fresh temporary store, the
clock being each item's own time, no first-run guard, nothing sent unless asked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from monitor.errors import ParseError
from monitor.models import Decision, Item
from monitor.parse import parse_feed

FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf"}
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def feed_files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in FEED_SUFFIXES)
        elif path.exists():
            yield path
        else:
            raise FileNotFoundError(f"no such file or directory: {path}")


def guess_language(items: list[Item]) -> str:
    """Arabic unless Latin letters clearly dominate (most of our sources are Arabic)."""
    sample = " ".join(i.title + " " + i.text[:500] for i in items[:20])
    return "en" if len(_LATIN.findall(sample)) > 2 * len(_ARABIC.findall(sample)) else "ar"


@dataclass
class LoadReport:
    items: list[Item]
    errors: list[tuple[Path, str]]


def load_items(paths: Iterable[Path], languages: dict[str, str] | None = None) -> LoadReport:
    """Parse every file; a broken file is reported, never fatal."""
    items: list[Item] = []
    errors: list[tuple[Path, str]] = []
    for path in feed_files(paths):
        name = path.stem
        try:
            parsed = parse_feed(path.read_bytes(), feed=name, url=path.resolve().as_uri(),
                                language=(languages or {}).get(name, "ar"))
        except (ParseError, OSError) as exc:
            errors.append((path, str(exc)))
            continue
        lang = (languages or {}).get(name) or guess_language(parsed.items)
        items += [i if i.language == lang else replace(i, language=lang) for i in parsed.items]
    # Publication order; undated items last, file order kept among equals (stable sort).
    items.sort(key=lambda i: i.published or datetime.max.replace(tzinfo=UTC))
    return LoadReport(items, errors)


def decision_record(d: Decision) -> dict[str, Any]:
    det = d.detection
    item = d.item
    return {
        "id": item.id,
        "link": item.link,
        "title": item.title,
        "feed": item.feed,
        "published": item.published.isoformat() if item.published else None,
        "decision": d.decision,
        "watchlist": det.watchlist if det else None,
        "score": round(det.score if det else 0.0, 3),
        "incident": det.incident.to_json() if det and det.incident else None,
        "event_id": d.event_id,
        "reasons": list(d.reasons),
    }


def run_replay(pipeline: Any, items: list[Item], *, notify: bool, progress: Any = None
               ) -> Iterator[Decision]:
    for item in items:
        # The clock is the item's time, so windows and retention behave as live.
        now = item.published or _EPOCH
        yield pipeline.process(item, now, guard_before=None, enqueue=notify)
        if progress is not None:
            progress()


def render_text(rec: dict[str, Any]) -> str:
    inc = rec["incident"] or {}
    where = ", ".join(x for x in (inc.get("place"), inc.get("governorate")) if x)
    head = f"{rec['decision']:<9} {rec['feed']:<22} {rec['title'][:70]}"
    if rec["decision"] in ("alert", "update", "duplicate") and rec["watchlist"]:
        head += f"\n          [{rec['watchlist']}] {inc.get('type', '')} {where} " \
                f"event={rec['event_id']} score={rec['score']}"
    elif rec["reasons"]:
        head += f"\n          ({'; '.join(rec['reasons'][:2])})"
    return head
