"""`Deduper.decide`: is this item new, a repeat, a copy, or news about a known event?

Stages, cheapest first, each ending the decision when it can:
1. identity   — claim the item key (atomic); a claimed key is "same item".
2. relevance  — unmatched or too old: "ignored", but remembered.
3. content    — exact normalised text seen before (GUID churn, reposts).
4. near-dup   — MinHash/LSH against stored signatures (syndicated edits).
5. event      — same incident from another report: update or duplicate.
All state is in the store, in the caller's transaction: a restart, or a second
replica on the same database, reaches the same decisions.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from monitor.dedupe import events as ev
from monitor.dedupe import store as st
from monitor.dedupe.config import DedupeConfig, DedupeResult
from monitor.dedupe.fingerprint import (
    Fingerprint,
    band_hashes,
    content_hash,
    fingerprint,
    resemblance,
    scheme_string,
    sig_from_bytes,
)
from monitor.dedupe.keys import canonical_link, collision_key, item_key
from monitor.dedupe.retention import prune as _prune
from monitor.models import Detection, Incident, Item
from monitor.store.db import Database, Tx


def _ts(dt: datetime) -> int:
    return int((dt if dt.tzinfo else dt.replace(tzinfo=UTC)).timestamp())


def _dt(ts: int | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, tz=UTC)


def _source(item: Item) -> str:
    return item.source or item.feed


def _describe(row: st.ItemRow) -> str:
    when = datetime.fromtimestamp(row.seen_at, tz=UTC).strftime("%Y-%m-%d %H:%M")
    return f"{row.key} ({row.ref or 'no link'}, feed {row.feed}, seen {when}Z)"


class Deduper:
    def __init__(self, db: Database, cfg: DedupeConfig | None = None):
        self.db = db
        self.cfg = cfg or DedupeConfig()
        db.migrate(st.ddl(db.dialect))
        st.check_scheme(db, scheme_string(self.cfg.num_perm))

    # -- public API ---------------------------------------------------------
    def is_known(self, item: Item) -> bool:
        """True when this very item (same key, similar content) is recorded, so
        `decide` could only say "duplicate". Read-only.

        A known *text* under a new key (GUID churn, a verbatim copy on another
        outlet) is left to `decide`, so its decision still names the event."""
        # Hot path: every poll re-reads every item still in the feed. A new key
        # needs no fingerprint at all, an unchanged text only its content hash;
        # the MinHash is computed only for a recorded key whose text changed.
        key = item_key(item)
        with self.db.read() as tx:
            row = st.get_item(tx, key)
            if row is None:
                return False
            if row.key.startswith("c:") or row.chash == content_hash(item.title, item.text):
                return True
            fp = self._fp(item)
            if self._collides(row, fp) is None:
                return True
            return st.get_item(tx, collision_key(key, fp.content_hash)) is not None

    def decide(self, tx: Tx, item: Item, detection: Detection | None,
               now: datetime, *, accept_old: bool = False) -> DedupeResult:
        """`accept_old`: judge an item older than the retention window anyway
        (a recorded archive, where every item is old and none was pruned)."""
        fp = self._fp(item)
        now_ts = _ts(now)
        relevant = detection is not None and detection.matched
        too_old = not accept_old and item.published is not None and item.published < now - \
            timedelta(days=self.cfg.retention_days)
        initial = "alert" if relevant and not too_old else "ignored"
        ref = item.id.strip() or canonical_link(item.link)

        # 1. identity: the INSERT is the decision; a lost race reads the winner.
        key = item_key(item)
        item_id = st.claim_item(tx, key, now_ts, item.feed, ref, fp.content_hash,
                                fp.sig_bytes, fp.n_shingles, initial)
        notes: list[str] = []
        if item_id is None:
            row = st.get_item(tx, key)
            sim = self._collides(row, fp) if row else None
            if sim is not None:  # a reused guid/link carrying another story
                notes.append(f"key {key} reused for different content "
                             f"(similarity {sim:.2f}): treated as a new item")
                key = collision_key(key, fp.content_hash)
                item_id = st.claim_item(tx, key, now_ts, item.feed, ref, fp.content_hash,
                                        fp.sig_bytes, fp.n_shingles, initial)
                row = st.get_item(tx, key) if item_id is None else None
            if item_id is None:
                return self._seen(tx, key, row)

        # 2. relevance
        if initial == "ignored":
            why = (f"published {item.published:%Y-%m-%d}, before the "
                   f"{self.cfg.retention_days:g}-day memory: cannot tell if already seen"
                   if relevant else "no watchlist matched")
            return DedupeResult("ignored", key, reasons=(*notes, why))

        # Everything below reads history to decide: one decider at a time.
        st.serialise(tx)
        assert detection is not None
        incident = detection.incident if detection.kind == "incident" else None

        # 3. exact content under another key
        orig_id = st.claim_content(tx, fp.content_hash, item_id, now_ts)
        if orig_id is not None:
            orig = st.get_items(tx, [orig_id])
            why = (f"same text as {_describe(orig[0])}: re-issued under a new guid or reposted"
                   if orig else "same text as an earlier item")
            event_id = orig[0].event_id if orig else None
            return self._finish(tx, item_id, key, item, "duplicate", event_id,
                                (*notes, why), now_ts)

        # 4. near-duplicate via the LSH band index
        near, sim, sim_how = None, 0.0, ""
        if fp.signature is not None:
            bands = [int(h) for h in band_hashes(fp.signature)[0]]
            # LSH only proposes; the stored signatures decide. Ties go to the oldest.
            cands = sorted(st.get_items(tx, st.lsh_candidates(tx, bands)), key=lambda r: r.id)
            for cand in cands:
                if cand.sig is None:
                    continue
                ok, s, how = self._resembles(fp, cand)
                if ok and s > sim:
                    near, sim, sim_how = cand, s, how
            st.add_bands(tx, item_id, bands)  # later copies of this copy match it too
        if near is not None:
            why = f"near-duplicate ({sim_how}) of {_describe(near)}"
            event = st.get_event(tx, near.event_id) if near.event_id else None
            if event is not None and incident is not None:
                return self._join(tx, item_id, key, item, event, incident, (*notes, why), now_ts)
            return self._finish(tx, item_id, key, item, "duplicate", near.event_id,
                                (*notes, why), now_ts)

        # 5. incident clustering
        if incident is None:  # digest pieces: one alert per story, no events
            st.set_outcome(tx, item_id, "alert", None)
            return DedupeResult("alert", key, reasons=(*notes, "first copy of this story"),
                                first_seen=now)
        at = _ts(min(item.published, now)) if item.published else now_ts  # feed clocks run fast
        area = self._area(incident)
        family = ev.family(incident.type)
        families = ev.lookup_families(family)
        w = int(self.cfg.event_window_hours * 3600)
        short = int(self.cfg.short_window_hours * 3600)
        if area is not None:
            matches = [e for e in st.candidate_events(tx, ev.lookup_areas(area), families,
                                                      at - w, at + w)
                       if ev.same_event(e.incident, incident, close_in_time=abs(e.at - at) <= short)]
            if matches:
                best = min(matches, key=lambda e: ev.match_rank(e.incident, incident, e.at - at))
                why = (f"same incident as {best.id} ({ev.family(best.incident.type)} in "
                       f"{best.incident.place or best.incident.governorate}, "
                       f"{(at - best.at) / 3600:+.0f} h)")
                also = [e.id for e in matches if e is not best]
                if also:  # a vague report fits several events: say which were passed over
                    notes.append(f"also matches {', '.join(also)}; joined the closest")
                return self._join(tx, item_id, key, item, best, incident, (*notes, why), now_ts)
            # An earlier report with no location at all may have opened this event.
            unplaced = [e for e in st.events_by_family(tx, families, at - short, at + short,
                                                       unplaced_only=True)
                        if ev.same_event_unplaced(e.incident, incident)]
            joined = self._join_unplaced(tx, item_id, key, item, incident, unplaced, at, notes,
                                         now_ts, "an event with no location")
            if joined is not None:
                return joined
        else:
            # No location at all (a wire: "US strike kills ISIS official in Syria"):
            # join the one event of its family in the short window that fits, any area.
            fits = [e for e in st.events_by_family(tx, families, at - short, at + short)
                    if ev.same_event_unplaced(e.incident, incident)]
            joined = self._join_unplaced(tx, item_id, key, item, incident, fits, at, notes,
                                         now_ts, "this report gives no location")
            if joined is not None:
                return joined
        event_id = "ev-" + hashlib.blake2b(f"{key}@{now_ts}".encode(), digest_size=6).hexdigest()
        st.create_event(tx, event_id, family, area or f"none:{event_id}", at, now_ts,
                        incident, [_source(item)])
        st.set_outcome(tx, item_id, "alert", event_id)
        where = incident.place or incident.governorate or "unknown place"
        return DedupeResult("alert", key, event_id,
                            (*notes, f"first report of an incident ({incident.type}) in {where}"),
                            first_seen=now)

    def prune(self, now: datetime) -> int:
        """Forget items, fingerprints, bands and events older than retention."""
        cutoff = _ts(now - timedelta(days=self.cfg.retention_days))
        return _prune(self.db, cutoff)

    # -- helpers ------------------------------------------------------------
    def _fp(self, item: Item) -> Fingerprint:
        return fingerprint(item.title, item.text, self.cfg.num_perm)

    def _collides(self, row: st.ItemRow, fp: Fingerprint) -> float | None:
        """Similarity when a recorded key carries substantially different content,
        else None (same item, perhaps lightly edited)."""
        if row.key.startswith("c:") or row.chash == fp.content_hash:
            return None
        if row.sig is None or fp.signature is None:
            return 0.0  # too short to compare loosely, and the exact text differs
        ok, s, _ = self._resembles(fp, row)
        return None if ok else s

    def _resembles(self, fp: Fingerprint, row: st.ItemRow) -> tuple[bool, float, str]:
        assert fp.signature is not None
        return resemblance(fp.signature, fp.n_shingles, sig_from_bytes(row.sig), row.nsh,
                           self.cfg.near_dup_threshold, self.cfg.near_dup_containment)

    @staticmethod
    def _area(incident: Incident) -> str | None:
        # Candidate events are looked up by (area, time): the governorate (a place
        # named like a governorate counts as it), or the place itself when the
        # detector could not place it in a governorate.
        gov = ev.governorate_of(incident)
        if gov:
            return gov
        return f"place:{incident.place.casefold()}" if incident.place else None

    def _join_unplaced(self, tx: Tx, item_id: int, key: str, item: Item, incident: Incident,
                       fits: list[st.EventRow], at: int, notes: list[str], now_ts: int,
                       why_unplaced: str) -> DedupeResult | None:
        """Join when exactly one event fits a match that lacks a location on one
        side; with several, join none and say so (the report opens its own event)."""
        hours = f"{self.cfg.short_window_hours:g} h"
        if len(fits) > 1:
            notes.append(f"{why_unplaced}: fits {len(fits)} {ev.family(incident.type)} events "
                         f"within {hours} ({', '.join(e.id for e in fits)}); joined none")
            return None
        if not fits:
            return None
        e = fits[0]
        why = (f"same incident as {e.id} ({ev.family(e.incident.type)} in "
               f"{e.incident.place or e.incident.governorate or 'unknown place'}, "
               f"{(at - e.at) / 3600:+.0f} h): {why_unplaced}, the only one that fits "
               f"within {hours}")
        return self._join(tx, item_id, key, item, e, incident, (*notes, why), now_ts)

    def _seen(self, tx: Tx, key: str, row: st.ItemRow | None) -> DedupeResult:
        event = st.get_event(tx, row.event_id) if row and row.event_id else None
        first = event.first_seen if event else (row.seen_at if row else None)
        return DedupeResult("duplicate", key, row.event_id if row else None,
                            ("same item already seen",), _dt(first),
                            event.sources if event else ())

    def _finish(self, tx: Tx, item_id: int, key: str, item: Item, decision: str,
                event_id: str | None, reasons: tuple[str, ...], now_ts: int) -> DedupeResult:
        """Record a duplicate; count its outlet towards the event's sources."""
        event = st.get_event(tx, event_id) if event_id else None
        if event is not None:
            return self._join(tx, item_id, key, item, event, None, reasons, now_ts)
        st.set_outcome(tx, item_id, decision, event_id)
        return DedupeResult(decision, key, event_id, reasons)  # type: ignore[arg-type]

    def _join(self, tx: Tx, item_id: int, key: str, item: Item, event: st.EventRow,
              incident: Incident | None, reasons: tuple[str, ...], now_ts: int) -> DedupeResult:
        merged = ev.merge(event.incident, incident) if incident else ev.Merge(event.incident, ())
        sources = event.sources + (() if _source(item) in event.sources else (_source(item),))
        decision = "update" if merged.new_facts else "duplicate"
        if merged.new_facts:
            reasons = (*reasons, "adds " + "; ".join(merged.new_facts))
            if self.cfg.update_mode == "suppress":
                decision = "duplicate"
                reasons = (*reasons, "update_mode=suppress: facts recorded, no alert")
            elif self.cfg.update_mode == "digest":
                reasons = (*reasons, "update_mode=digest: send with the next digest")
        # An event opened by a report with no location moves to the area it now has.
        area = self._area(merged.incident) if event.area.startswith("none:") else None
        st.update_event(tx, event.id, now_ts, merged.incident, sources, area)
        st.set_outcome(tx, item_id, decision, event.id)
        others = tuple(s for s in event.sources if s != _source(item))
        return DedupeResult(decision, key, event.id, reasons, _dt(event.first_seen), others,  # type: ignore[arg-type]
                            merged.new_facts)
