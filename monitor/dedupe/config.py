"""Settings handed to `Deduper`, and the answer it gives. Plain data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from monitor.dedupe.fingerprint import BAND_ROWS
from monitor.models import DecisionKind


class DedupeConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Jaccard similarity of word 3-shingles above which two texts are one story.
    # Changing it needs no rebuild: bands are fixed, candidates are re-verified.
    near_dup_threshold: float = Field(0.7, gt=0.0, le=1.0)
    # A trimmed or footer-padded copy is contained in the original: estimated
    # containment at or above this also counts as a near-duplicate
    # (see fingerprint.resemblance). 1.0 = only exact containment.
    near_dup_containment: float = Field(0.9, gt=0.0, le=1.0)
    # MinHash permutations. Persisted signatures depend on it: changing it on an
    # existing store is refused (SchemeMismatch) rather than silently missing dups.
    num_perm: int = Field(64, ge=16, le=512)
    # Reports of one incident arrive over days (tolls, claims); beyond this two
    # reports of the same type at the same place are two incidents.
    event_window_hours: float = Field(72, gt=0)
    # The shorter window for weaker evidence: a report with no location at all
    # joins the single event of its type family that fits within it, and the
    # cross-family bridges (escape/arrest at one prison, a "killing" that is a
    # strike) only hold within it.
    short_window_hours: float = Field(24, gt=0)
    # How long items, fingerprints and events are remembered. Must exceed how long
    # feeds keep an entry, or an old entry is re-seen as new (items published
    # before the window are ignored for that reason).
    retention_days: float = Field(30, gt=0)
    # What a report that adds facts becomes: "send" -> update alert; "digest" ->
    # decision "update" with a reason telling the pipeline to batch it;
    # "suppress" -> "duplicate" (facts still merged into the event).
    update_mode: Literal["send", "digest", "suppress"] = "send"

    @field_validator("num_perm")
    @classmethod
    def _whole_bands(cls, v: int) -> int:
        if v % BAND_ROWS:
            raise ValueError(f"must be a multiple of {BAND_ROWS} (LSH rows per band)")
        return v


@dataclass(frozen=True, slots=True)
class DedupeResult:
    decision: DecisionKind
    item_key: str
    event_id: str | None = None
    reasons: tuple[str, ...] = ()
    first_seen: datetime | None = None  # the event's (else the item's) first report
    other_sources: tuple[str, ...] = ()  # other outlets that reported this event
    new_facts: tuple[str, ...] = ()  # what an "update" adds, e.g. "killed: 3 -> 5"
