"""The dedupe tables and every SQL statement that touches them.

Contract (huey style; the same SQL runs on SQLite and PostgreSQL through
`monitor.store.db`, `?` placeholders, SQLite-style DDL):
- `claim_item` is the only way an item is recorded: an atomic
  `INSERT … ON CONFLICT DO NOTHING RETURNING`, so of two racing deciders
  exactly one gets the row. Never read-then-write.
- `claim_content` is the same for an exact content hash (GUID churn).
- `serialise` takes a row lock (an upsert on one row) before anything that
  reads history to decide — near-duplicate and event lookups — so two
  PostgreSQL replicas cannot both open an event for one incident. SQLite's
  `BEGIN IMMEDIATE` already serialises writers; the upsert is then a no-op cost.
- LSH bands live in `dedupe_lsh`, keyed (band, hash, item_id): a lookup is an
  index seek per band and survives restarts.
- All times are integer UTC epoch seconds; every table has an age column so
  `prune` keeps the store bounded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from monitor.models import Incident
from monitor.store.db import Database, Tx


def ddl(dialect: str) -> list[str]:
    # WITHOUT ROWID (SQLite only; PostgreSQL has no rowid to drop) stores the LSH
    # table as its primary-key b-tree alone: half the size of rowid table + index
    # for the store's biggest table.
    no_rowid = " WITHOUT ROWID" if dialect == "sqlite" else ""
    return [
        "CREATE TABLE IF NOT EXISTS dedupe_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS dedupe_lock (name TEXT PRIMARY KEY, n INTEGER NOT NULL)",
        """CREATE TABLE IF NOT EXISTS dedupe_items (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL UNIQUE,
            seen_at INTEGER NOT NULL,
            feed TEXT NOT NULL,
            ref TEXT NOT NULL,           -- guid or link, for explanations
            chash TEXT NOT NULL,         -- exact normalised title+body hash
            sig BLOB,                    -- MinHash uint32[num_perm], little-endian
            nsh INTEGER NOT NULL,        -- number of shingles (for containment)
            banded INTEGER NOT NULL,     -- 1: its bands are in dedupe_lsh
            decision TEXT NOT NULL,
            event_id TEXT)""",
        "CREATE INDEX IF NOT EXISTS dedupe_items_seen ON dedupe_items (seen_at)",
        """CREATE TABLE IF NOT EXISTS dedupe_content (
            chash TEXT PRIMARY KEY, item_id INTEGER NOT NULL, seen_at INTEGER NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS dedupe_content_seen ON dedupe_content (seen_at)",
        f"""CREATE TABLE IF NOT EXISTS dedupe_lsh (
            band INTEGER NOT NULL, hash INTEGER NOT NULL, item_id INTEGER NOT NULL,
            PRIMARY KEY (band, hash, item_id)){no_rowid}""",
        """CREATE TABLE IF NOT EXISTS dedupe_events (
            id TEXT PRIMARY KEY,
            family TEXT NOT NULL,
            area TEXT NOT NULL,          -- governorate, else 'place:'+place, else 'none:'+id
            at INTEGER NOT NULL,         -- incident time of the first report
            first_seen INTEGER NOT NULL,
            last_seen INTEGER NOT NULL,
            incident TEXT NOT NULL,      -- merged Incident as JSON
            sources TEXT NOT NULL)""",   # JSON list of outlets
        "CREATE INDEX IF NOT EXISTS dedupe_events_area_at ON dedupe_events (area, at)",
        # Reports with no location look for events by (family, time) in any area.
        "CREATE INDEX IF NOT EXISTS dedupe_events_family_at ON dedupe_events (family, at)",
        "CREATE INDEX IF NOT EXISTS dedupe_events_last ON dedupe_events (last_seen)",
    ]


class SchemeMismatch(RuntimeError):
    """Stored fingerprints were made with other parameters; comparing them would
    silently miss every duplicate."""


def check_scheme(db: Database, scheme: str) -> None:
    with db.transaction() as tx:
        tx.execute("INSERT INTO dedupe_meta (name, value) VALUES ('scheme', ?) "
                   "ON CONFLICT (name) DO NOTHING", (scheme,))
        row = tx.execute("SELECT value FROM dedupe_meta WHERE name = 'scheme'").fetchone()
    if row and row[0] != scheme:
        raise SchemeMismatch(
            f"dedupe store {db.label} holds fingerprints made with {row[0]!r}, the "
            f"configuration asks for {scheme!r} (num_perm changed?). Restore the old "
            "num_perm, or drop the dedupe_* tables to start a fresh history.")


@dataclass(frozen=True, slots=True)
class ItemRow:
    id: int
    key: str
    seen_at: int
    feed: str
    ref: str
    chash: str
    sig: bytes | None
    nsh: int
    decision: str
    event_id: str | None


_ITEM_COLS = "id, key, seen_at, feed, ref, chash, sig, nsh, decision, event_id"


def _item(row: Sequence | None) -> ItemRow | None:
    if row is None:
        return None
    sig = bytes(row[6]) if row[6] is not None else None
    return ItemRow(row[0], row[1], row[2], row[3], row[4], row[5], sig, int(row[7]), row[8],
                   row[9])


def claim_item(tx: Tx, key: str, seen_at: int, feed: str, ref: str, chash: str,
               sig: bytes | None, nsh: int, decision: str) -> int | None:
    """Record the item; its new id, or None when the key was already recorded."""
    row = tx.execute(
        "INSERT INTO dedupe_items (key, seen_at, feed, ref, chash, sig, nsh, banded, decision)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT (key) DO NOTHING RETURNING id",
        (key, seen_at, feed, ref[:300], chash, sig, nsh, decision)).fetchone()
    return int(row[0]) if row else None


def get_item(tx: Tx, key: str) -> ItemRow | None:
    return _item(tx.execute(f"SELECT {_ITEM_COLS} FROM dedupe_items WHERE key = ?",
                            (key,)).fetchone())


def get_items(tx: Tx, ids: Iterable[int]) -> list[ItemRow]:
    ids = list(ids)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = tx.execute(f"SELECT {_ITEM_COLS} FROM dedupe_items WHERE id IN ({marks})",
                      ids).fetchall()
    return [r for r in map(_item, rows) if r is not None]


def set_outcome(tx: Tx, item_id: int, decision: str, event_id: str | None) -> None:
    tx.execute("UPDATE dedupe_items SET decision = ?, event_id = ? WHERE id = ?",
               (decision, event_id, item_id))


def serialise(tx: Tx) -> None:
    tx.execute("INSERT INTO dedupe_lock (name, n) VALUES ('decide', 1) "
               "ON CONFLICT (name) DO UPDATE SET n = dedupe_lock.n + 1")


def claim_content(tx: Tx, chash: str, item_id: int, seen_at: int) -> int | None:
    """Claim an exact content hash; None if ours, else the original item's id."""
    row = tx.execute("INSERT INTO dedupe_content (chash, item_id, seen_at) VALUES (?, ?, ?) "
                     "ON CONFLICT (chash) DO NOTHING RETURNING item_id",
                     (chash, item_id, seen_at)).fetchone()
    if row:
        return None
    orig = tx.execute("SELECT item_id FROM dedupe_content WHERE chash = ?", (chash,)).fetchone()
    return int(orig[0]) if orig else None


def content_known(tx: Tx, chash: str) -> bool:
    row = tx.execute("SELECT 1 FROM dedupe_content WHERE chash = ?", (chash,)).fetchone()
    return row is not None


def lsh_candidates(tx: Tx, bands: Sequence[int]) -> list[int]:
    """Items sharing at least one band bucket: one index seek per band."""
    where = " OR ".join(["(band = ? AND hash = ?)"] * len(bands))
    params = [v for i, h in enumerate(bands) for v in (i, int(h))]
    rows = tx.execute(f"SELECT DISTINCT item_id FROM dedupe_lsh WHERE {where}", params).fetchall()
    return [int(r[0]) for r in rows]


def add_bands(tx: Tx, item_id: int, bands: Sequence[int]) -> None:
    tx.executemany("INSERT INTO dedupe_lsh (band, hash, item_id) VALUES (?, ?, ?) "
                   "ON CONFLICT DO NOTHING", [(i, int(h), item_id) for i, h in enumerate(bands)])
    tx.execute("UPDATE dedupe_items SET banded = 1 WHERE id = ?", (item_id,))


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    area: str
    at: int
    first_seen: int
    incident: Incident
    sources: tuple[str, ...]


_EVENT_COLS = "id, area, at, first_seen, incident, sources"


def _event(row: Sequence) -> EventRow:
    inc = Incident.from_json(json.loads(row[4]))
    assert inc is not None
    return EventRow(row[0], row[1], int(row[2]), int(row[3]), inc, tuple(json.loads(row[5])))


def get_event(tx: Tx, event_id: str) -> EventRow | None:
    row = tx.execute(f"SELECT {_EVENT_COLS} FROM dedupe_events WHERE id = ?",
                     (event_id,)).fetchone()
    return _event(row) if row else None


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


def candidate_events(tx: Tx, areas: Sequence[str], families: Sequence[str], lo: int,
                     hi: int) -> list[EventRow]:
    """Events in any of `areas` with incident time in [lo, hi]: an index seek on
    (area, at) per area."""
    rows = tx.execute(f"SELECT {_EVENT_COLS} FROM dedupe_events WHERE area IN ({_marks(areas)})"
                      f" AND at BETWEEN ? AND ? AND family IN ({_marks(families)}) "
                      "ORDER BY at, id", (*areas, lo, hi, *families)).fetchall()
    return [_event(r) for r in rows]


def events_by_family(tx: Tx, families: Sequence[str], lo: int, hi: int, *,
                     unplaced_only: bool = False) -> list[EventRow]:
    """Events of `families` in [lo, hi] whatever their area (an index seek on
    (family, at)); `unplaced_only`: only events that still have no location."""
    # The pattern is a parameter: a literal % would be a placeholder to psycopg.
    extra, params = (" AND area LIKE ?", ("none:%",)) if unplaced_only else ("", ())
    rows = tx.execute(f"SELECT {_EVENT_COLS} FROM dedupe_events WHERE family IN "
                      f"({_marks(families)}) AND at BETWEEN ? AND ?{extra} ORDER BY at, id",
                      (*families, lo, hi, *params)).fetchall()
    return [_event(r) for r in rows]


def create_event(tx: Tx, event_id: str, family: str, area: str, at: int, now: int,
                 incident: Incident, sources: Sequence[str]) -> None:
    tx.execute("INSERT INTO dedupe_events (id, family, area, at, first_seen, last_seen, "
               "incident, sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (event_id, family, area, at, now, now, json.dumps(incident.to_json()),
                json.dumps(list(sources), ensure_ascii=False)))


def update_event(tx: Tx, event_id: str, now: int, incident: Incident,
                 sources: Sequence[str], area: str | None = None) -> None:
    """`area`: move the event (an event with no location that a report placed)."""
    tx.execute("UPDATE dedupe_events SET incident = ?, sources = ?, last_seen = ?, "
               "area = COALESCE(?, area) WHERE id = ?",
               (json.dumps(incident.to_json()), json.dumps(list(sources), ensure_ascii=False),
                now, area, event_id))
