"""Keep route secrets (webhook tokens, SMTP passwords) out of logs and errors.

Apprise's privacy URL is the display form. But Apprise and urllib3 also log the
raw endpoint at DEBUG ("Slack POST URL: https://hooks.slack.com/services/T…/B…/
<token>", "POST /services/… HTTP/1.1"), and failure reasons may quote it, so we
scrub known secret fragments from every string we store and from those loggers.
"""

from __future__ import annotations

import logging
import re
import threading
from urllib.parse import parse_qsl, unquote, urlsplit

_MASK = "…"
# Query keys whose values are credentials in Apprise URL schemes.
_SECRET_KEYS = re.compile(r"(token|key|secret|pass|password|auth|webhook|sig)", re.I)
# Shorter pieces are ordinary words or ports; masking them would mangle logs.
_MIN_FRAGMENT = 6


def secret_fragments(url: str) -> set[str]:
    """Substrings of an Apprise URL that must never appear in a log line."""
    out: set[str] = set()
    m = re.match(r"^([A-Za-z0-9+.-]+)://(.*)$", url, re.S)
    if not m:
        return {url} if url else set()
    rest = m.group(2)
    out.add(url)
    parts = urlsplit("x://" + rest)
    for piece in (parts.username, parts.password):
        if piece:
            out.update({piece, unquote(piece)})
    # Path segments and the "host" slot carry tokens in many schemes
    # (slack://T/B/token, discord://id/token); hostnames with dots do not.
    # netloc, not .hostname: the latter lower-cases, and tokens are case-sensitive.
    host = parts.netloc.rsplit("@", 1)[-1].split(":", 1)[0]
    candidates = [host] if host and "." not in host else []
    candidates += [s for s in parts.path.split("/") if s]
    for s in candidates:
        s = unquote(s).lstrip("#@")
        if len(s) >= _MIN_FRAGMENT and not s.isdigit():
            out.add(s)
    for k, v in parse_qsl(parts.query, keep_blank_values=False):
        if _SECRET_KEYS.search(k) and len(v) >= 4:
            out.add(v)
    return {f for f in out if len(f) >= 4}


def redact(text: str, fragments: set[str] | frozenset[str]) -> str:
    # Longest first, so a full URL is masked whole before its parts are.
    for f in sorted(fragments, key=len, reverse=True):
        if f in text:
            text = text.replace(f, _MASK)
    return text


def scheme_of(url: str) -> str:
    m = re.match(r"^([A-Za-z0-9+.-]+)://", url)
    return m.group(1).lower() if m else ""


def display_url(url: str) -> str:
    """A form safe to log: Apprise's privacy URL when it parses, else `scheme://…`."""
    scheme = scheme_of(url)
    if scheme in ("console", "jsonl"):
        return url  # our local sinks hold no secret, and the path helps users
    try:
        import apprise

        obj = apprise.Apprise.instantiate(url, suppress_exceptions=True)
        if obj is not None:
            return redact(str(obj.url(privacy=True)), secret_fragments(url))
    except Exception:  # noqa: BLE001 - display must never fail
        pass
    return f"{scheme or '?'}://{_MASK}"


class RedactingFilter(logging.Filter):
    """Scrubs registered secrets from records of third-party loggers."""

    def __init__(self) -> None:
        super().__init__()
        self._fragments: frozenset[str] = frozenset()
        self._lock = threading.Lock()

    def add(self, fragments: set[str]) -> None:
        with self._lock:
            self._fragments = self._fragments | frozenset(fragments)

    def filter(self, record: logging.LogRecord) -> bool:
        frags = self._fragments
        if frags:
            try:
                msg = record.getMessage()
            except Exception:  # noqa: BLE001 - a bad format string is not our problem
                return True
            clean = redact(msg, frags)
            if clean != msg:
                record.msg, record.args = clean, ()
        return True


_FILTER = RedactingFilter()
# Logger filters do not apply to child loggers' records, so name each source.
_SCRUBBED_LOGGERS = ("apprise", "urllib3.connectionpool", "requests", "smtplib")
for _name in _SCRUBBED_LOGGERS:
    logging.getLogger(_name).addFilter(_FILTER)


def register_secret_url(url: str) -> None:
    """Make the loggers above mask this URL's secrets from now on."""
    _FILTER.add(secret_fragments(url))
