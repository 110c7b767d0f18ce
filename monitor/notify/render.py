"""Alert → title/body per output format, through Jinja2 templates.

Feed text is untrusted, so escaping is structural, not a template's duty:
- markdown (Slack): every `{{ … }}` output passes through `md_escape` via
  Jinja's `finalize`. Apprise turns CommonMark into Slack mrkdwn and maps `\\<`
  to `&lt;`, so `<!channel>` and `<url|text>` arrive as literal text; `&` is
  escaped by Apprise itself (pre-escaping it would double it). Bare
  `@here`/`@channel`/`@user` get a zero-width space so they never notify.
- html (email): Jinja autoescape.
- text (json/form webhooks, console, jsonl): raw; JSON encoding is the escaping.
Links are kept only when http(s): a feed could carry `javascript:` hrefs.
Users override any file by putting one with the same name in `templates_dir`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2

from monitor.models import Alert

DEFAULT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
FORMATS = {"markdown": "md", "html": "html", "text": "txt"}
_TEMPLATE_FOR_KIND = {"alert": "alert", "update": "update", "digest": "digest",
                      "source_down": "ops", "source_recovered": "ops"}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]()#<>~])")
# Slack only pings for <!here>/<@U…> (stopped by escaping "<"), but clients and
# bridges also expand bare @here/@channel/@name; a zero-width space defuses them.
_MENTION = re.compile(r"@(?=\w)")


class Safe(str):
    """Already formatted for the target format (e.g. a link destination)."""


def md_escape(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Safe):
        return str(value)
    s = _MD_SPECIAL.sub(r"\\\1", str(value))
    return _MENTION.sub("@\u200b", s)


def defuse_mentions(s: str) -> str:
    return _MENTION.sub("@\u200b", s)


def safe_link(url: str | None) -> str:
    """The URL if it is an absolute http(s) link, else "" (drops javascript:, data:, …)."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return url.strip()


def md_url(url: str) -> Safe:
    # Percent-encode what could close a CommonMark destination or a Slack <url|label>.
    return Safe(quote(url, safe=":/?#[]@!$&'*+,;=%~-._"))


def when(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    return dt.strftime("%Y-%m-%d %H:%M %Z").strip() or iso


@dataclass(frozen=True, slots=True)
class Rendered:
    title: str
    body: str
    body_format: str  # "markdown" | "html" | "text" — passed to Apprise as body_format
    kind: str  # alert | update | digest | source_down | source_recovered
    alerts: tuple[Alert, ...]  # what the message covers; the jsonl sink writes these


def card(alert: Alert) -> dict[str, Any]:
    """The view model templates see: display-ready fields, no logic needed in Jinja."""
    inc = alert.incident
    place = ", ".join(p for p in ((inc.place, inc.governorate) if inc else ()) if p)
    casualties = ""
    if inc and (inc.killed is not None or inc.injured is not None):
        casualties = f"{inc.killed or 0} killed, {inc.injured or 0} injured"
    extra = alert.extra or {}
    return {
        "id": alert.id, "kind": alert.kind, "headline": alert.title,
        "type": inc.type if inc else "", "place": place,
        "governorate": (inc.governorate or "") if inc else "",
        "actors": list(inc.actors) if inc else [], "casualties": casualties,
        "source": alert.source, "feed": alert.feed, "link": safe_link(alert.link),
        "published": when(alert.published), "first_seen": when(alert.first_seen),
        "other_sources": list(alert.other_sources), "terms": list(alert.terms),
        "reasons": list(alert.reasons), "summary": alert.summary,
        "severity": alert.severity, "watchlist": alert.watchlist,
        # An update points back at the event's first alert (set by the pipeline).
        "first_title": str(extra.get("first_title") or ""),
        "event_link": safe_link(str(extra.get("first_link") or "")) or safe_link(alert.link),
    }


class Renderer:
    def __init__(self, templates_dir: Path | None = None):
        dirs = [str(templates_dir)] if templates_dir else []
        loader = jinja2.FileSystemLoader([*dirs, str(DEFAULT_TEMPLATES)])
        common: dict[str, Any] = dict(loader=loader, trim_blocks=True, lstrip_blocks=True,
                                      keep_trailing_newline=False,
                                      undefined=jinja2.StrictUndefined)
        self._envs = {
            "markdown": jinja2.Environment(autoescape=False, finalize=md_escape, **common),
            "html": jinja2.Environment(autoescape=True, **common),
            "text": jinja2.Environment(autoescape=False,
                                       finalize=lambda v: "" if v is None else v, **common),
        }
        self._envs["markdown"].filters["url"] = md_url
        for env in self._envs.values():
            env.filters["when"] = when

    def render(self, alerts: Sequence[Alert], body_format: str, *, digest: bool = False,
               route: str = "") -> Rendered:
        if not alerts:
            raise ValueError("nothing to render")
        if body_format not in FORMATS:
            raise ValueError(f"unknown body format {body_format!r}")
        kind = "digest" if digest else alerts[0].kind
        name = _TEMPLATE_FOR_KIND.get(kind, "alert")
        cards = [card(a) for a in alerts]
        ctx = {"c": cards[0], "cards": cards, "kind": kind, "count": len(cards), "route": route}
        body = self._envs[body_format].get_template(f"{name}.{FORMATS[body_format]}.j2").render(ctx)
        title = self._envs["text"].get_template("title.txt.j2").render(ctx)
        title = " ".join(title.split())  # one line: it becomes an email Subject
        if body_format == "markdown":
            title = defuse_mentions(title)  # Apprise escapes & < > in titles itself
        return Rendered(title=title, body=body.strip() + "\n", body_format=body_format,
                        kind=kind, alerts=tuple(alerts))

    def check(self, sample: Alert) -> list[str]:
        """Render every template once; returns problems (for `check-config`)."""
        problems = []
        for fmt in FORMATS:
            for kind in ("alert", "update", "source_down"):
                try:
                    self.render([_with_kind(sample, kind)], fmt)
                except jinja2.TemplateError as exc:
                    problems.append(f"{kind}/{fmt}: {exc}")
            try:
                self.render([sample, sample], fmt, digest=True)
            except jinja2.TemplateError as exc:
                problems.append(f"digest/{fmt}: {exc}")
        return problems


def _with_kind(alert: Alert, kind: str) -> Alert:
    from dataclasses import replace

    return replace(alert, kind=kind)
