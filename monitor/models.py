"""Frozen data passed between pipeline stages. No I/O here.

Stages talk only through these types, so a stage can be tested alone and a
replay runs the same code path as the daemon.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal, NamedTuple

DecisionKind = Literal["alert", "update", "duplicate", "ignored"]
INCIDENT_TYPES = (
    "attack", "ied", "raid", "arrest", "killing", "airstrike",
    "escape", "clash", "kidnapping", "other",
)
GOVERNORATES = (
    "Damascus", "Rural Damascus", "Aleppo", "Homs", "Hama", "Latakia", "Tartus",
    "Idlib", "Raqqa", "Deir ez-Zor", "Al-Hasakah", "Daraa", "As-Suwayda", "Quneitra",
)


@dataclass(frozen=True, slots=True)
class Item:
    """One feed entry, as plain text, ready for detection."""

    feed: str  # configured feed name
    id: str  # the entry's guid/id exactly as in the feed ("" when absent)
    link: str
    title: str
    text: str  # plain-text body: HTML converted, content preferred over summary
    published: datetime | None  # tz-aware UTC; None when the feed gives no date
    language: str = "ar"  # feed's configured language, else the entry's
    source: str = ""  # outlet name shown to analysts


class Hit(NamedTuple):
    """One matched term: which rule, where, so every decision is explainable.

    A NamedTuple (immutable like the frozen dataclasses here): a detection on an
    ISIS-heavy article carries ~50, and a frozen dataclass's __init__ was ~70% of
    judging a watchlist.
    """

    rule: str
    term: str
    field: str  # "title" | "body"
    start: int  # offsets into the *normalised* text of that field
    end: int


@dataclass(frozen=True, slots=True)
class Incident:
    type: str  # one of INCIDENT_TYPES
    place: str | None = None  # English name of the most specific place
    governorate: str | None = None  # one of GOVERNORATES
    actors: tuple[str, ...] = ()
    killed: int | None = None
    injured: int | None = None
    date: date | None = None  # incident date when the text states one

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["actors"] = list(self.actors)
        d["date"] = self.date.isoformat() if self.date else None
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> Incident | None:
        if not d:
            return None
        return cls(
            type=d["type"], place=d.get("place"), governorate=d.get("governorate"),
            actors=tuple(d.get("actors") or ()), killed=d.get("killed"),
            injured=d.get("injured"),
            date=date.fromisoformat(d["date"]) if d.get("date") else None,
        )


@dataclass(frozen=True, slots=True)
class Detection:
    """A watchlist's verdict on one item."""

    watchlist: str
    matched: bool
    score: float
    incident: Incident | None = None
    reasons: tuple[str, ...] = ()
    hits: tuple[Hit, ...] = ()
    tags: tuple[str, ...] = ()  # Apprise tags this watchlist alerts
    kind: str = "incident"  # "incident": one alert per event; "digest": context, low priority

    @property
    def terms(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for h in self.hits:
            seen.setdefault(h.term, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Decision:
    """The pipeline's final word on one item."""

    item: Item
    decision: DecisionKind
    item_key: str
    detection: Detection | None = None
    event_id: str | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Alert:
    """What is rendered and delivered. Serialised into the outbox as JSON."""

    id: str  # stable across restarts: the outbox's idempotency key
    kind: str  # "alert" | "update" | "digest"
    watchlist: str
    tags: tuple[str, ...]
    title: str
    link: str
    source: str
    feed: str
    published: str | None  # ISO 8601
    first_seen: str  # ISO 8601, when we first saw the event
    event_id: str | None
    incident: Incident | None
    terms: tuple[str, ...] = ()
    summary: str = ""  # short excerpt of the item's text
    other_sources: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()  # short explanation of the decision
    severity: str = "normal"  # "normal" | "high": high bypasses quiet hours/rate limits
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["incident"] = self.incident.to_json() if self.incident else None
        for k in ("tags", "terms", "other_sources", "reasons"):
            d[k] = list(getattr(self, k))
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Alert:
        d = dict(d)
        d["incident"] = Incident.from_json(d.get("incident"))
        for k in ("tags", "terms", "other_sources", "reasons"):
            d[k] = tuple(d.get(k) or ())
        return cls(**d)
