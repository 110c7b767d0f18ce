"""Feed bytes -> Items. Never touches the network (the fetcher did that).

Run it in a worker thread (`asyncio.to_thread`): feedparser is CPU-bound at
roughly 1-2k items/s, and the event loop must keep polling other feeds.

Identity: `Item.id` is the entry's guid/id exactly as feedparser reports it
(whitespace-trimmed), "" when the feed has none. Choosing a fallback key (URL,
then a hash of title+text) is dedupe's job, in one place, not ours.
"""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import defusedxml
import feedparser
import feedparser.api
from defusedxml.expatreader import DefusedExpatParser
from feedparser.encodings import convert_to_utf8
from feedparser.exceptions import CharacterEncodingOverride, NonXMLContentType

from monitor.errors import ParseError
from monitor.htmltext import html_to_text, one_line, plain_to_text
from monitor.models import Item

# Belt: the strict (SAX) parser refuses DTD entity declarations. feedparser does not
# catch defusedxml's EntitiesForbidden (a ValueError), so parse_feed does. Without
# it, a ~110 KB feed with one 50 KB entity used 20,000 times fails strict parsing
# and the loose parser then expands it to a 1e9-char title (FACTS.md).
# xml.sax.make_parser() imports each listed module and calls its create_parser(),
# so this module is listed and builds the parser: defusedxml's own default also
# forbids *external references*, which would reject every old RSS 0.91 feed that
# names the Netscape DTD; expat with feedparser's settings never fetches them.
_DEFUSED = __name__


def create_parser() -> DefusedExpatParser:
    """SAX parser factory for feedparser: entity declarations raise EntitiesForbidden."""
    return DefusedExpatParser(forbid_dtd=False, forbid_entities=True, forbid_external=False)


if _DEFUSED not in feedparser.api.PREFERRED_XML_PARSERS:
    feedparser.api.PREFERRED_XML_PARSERS.insert(0, _DEFUSED)

# Braces: the loose parser is used *without* the strict one when the encoding
# cannot be determined, so the SAX guard alone is not enough. feedparser takes its
# entity declarations from the text before the first element (`<\w`); refuse any
# `<!ENTITY` there. Case-insensitive because the loose parser is SGML-ish.
_FIRST_ELEMENT = re.compile(rb"<\w")
_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)

# We convert HTML to text ourselves (monitor.htmltext drops scripts, styles and
# attributes), so feedparser's sanitiser and URI rewriting inside content are pure
# cost: turning them off is ~1.7x faster (FACTS.md). Entry links are still
# resolved against content-location either way.
_SANITIZE_HTML = False
_RESOLVE_RELATIVE_URIS = False

# bozo reasons that do not make the entries suspect: a wrong Content-Type or a
# charset declared in two places that disagree. Anything else with no entries fails.
_BENIGN = (CharacterEncodingOverride, NonXMLContentType)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class ParsedFeed:
    items: list[Item]
    title: str
    bozo: str | None  # why feedparser flagged the feed, when it still yielded a result
    # Not well-formed, yet entries were recovered by feedparser's loose parser:
    # worth a warning (the publisher should know), not a failed poll (no data lost).
    malformed: bool = False


def parse_feed(
    body: bytes,
    *,
    feed: str,
    url: str,
    language: str = "ar",
    source: str | None = None,
    content_type: str | None = None,
) -> ParsedFeed:
    """Parse one feed document. Raises ParseError only; the message is safe to log."""
    if not body or not body.strip():
        raise ParseError("empty body")
    # No Content-Type (file replay, odd servers) means "XML, see its declaration":
    # without one feedparser flags every such feed as bozo (NonXMLContentType).
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    if _declares_entities(body, headers):
        raise ParseError("entity declarations are not allowed")
    try:
        d = feedparser.parse(
            io.BytesIO(body),  # bytes would first be tried as a local file path
            response_headers=headers,
            sanitize_html=_SANITIZE_HTML,
            resolve_relative_uris=_RESOLVE_RELATIVE_URIS,
        )
    except defusedxml.EntitiesForbidden:
        raise ParseError("entity declarations are not allowed") from None
    except defusedxml.DefusedXmlException as e:  # external references, DTD processing
        raise ParseError(f"unsafe XML refused: {type(e).__name__}") from None
    except Exception as e:  # feedparser on hostile input: never let it escape as-is
        raise ParseError(f"feedparser failed: {type(e).__name__}: {_short(e)}") from None

    bozo = _bozo_reason(d)
    entries = d.get("entries") or []
    if not entries:
        exc = d.get("bozo_exception")
        if d.get("bozo") and not isinstance(exc, _BENIGN):
            raise ParseError(f"not a usable feed: {bozo}")
        if not d.get("version"):
            raise ParseError("not an RSS or Atom feed")

    meta = d.get("feed") or {}
    title = one_line(_text_of(meta.get("title_detail"), meta.get("title", "")))
    src = source or title or feed
    lang = language or str(meta.get("language") or "")
    try:
        items = [_item(e, feed=feed, url=url, language=lang, source=src) for e in entries]
    except Exception as e:  # defensive: a malformed entry must not crash the poll
        raise ParseError(f"could not read entries: {type(e).__name__}: {_short(e)}") from None
    malformed = bool(d.get("bozo")) and not isinstance(d.get("bozo_exception"), _BENIGN)
    return ParsedFeed(items=items, title=title, bozo=bozo, malformed=malformed)


def _declares_entities(body: bytes, headers: dict[str, str]) -> bool:
    """True when the prolog feedparser will see declares an entity.

    Looks at the same UTF-8 that feedparser's parsers receive (convert_to_utf8,
    then everything before the first `<\\w`), so UTF-16/32, EBCDIC or a charset
    only the HTTP header names (even UTF-7) cannot hide a declaration.
    """
    try:
        data = convert_to_utf8(dict(headers), body, {})
    except Exception:
        data = body
    m = _FIRST_ELEMENT.search(data)
    prolog = data[: m.start()] if m else data
    return _ENTITY_DECL.search(prolog) is not None


def _item(e: Any, *, feed: str, url: str, language: str, source: str) -> Item:
    link = str(e.get("link") or "")
    return Item(
        feed=feed,
        id=str(e.get("id") or ""),
        link=link,
        title=one_line(_text_of(e.get("title_detail"), e.get("title", ""))),
        text=_body_text(e),
        published=_utc(e.get("published_parsed") or e.get("updated_parsed")),
        language=language or str(e.get("language") or ""),
        source=source,
    )


def _body_text(e: Any) -> str:
    # Full content (content:encoded, atom:content) beats the summary, which is
    # often a truncated teaser; the first non-empty one wins.
    for c in e.get("content") or []:
        if (c.get("value") or "").strip():
            return _text_of(c, c.get("value", ""))
    return _text_of(e.get("summary_detail"), e.get("summary", ""))


def _text_of(detail: Any, value: str) -> str:
    value = str(value or "")
    ctype = (detail or {}).get("type") or "text/html"
    # feedparser already unescaped text/plain; parsing it as HTML would eat "<b>".
    return html_to_text(value) if ctype in _HTML_TYPES else plain_to_text(value)


def _utc(t: time.struct_time | None) -> datetime | None:
    # feedparser normalises parsed dates to UTC struct_time.
    if not t:
        return None
    try:
        return datetime(*t[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def _bozo_reason(d: Any) -> str | None:
    if not d.get("bozo"):
        return None
    exc = d.get("bozo_exception")
    if exc is None:
        return "feed flagged as not well-formed"
    return f"{type(exc).__name__}: {_short(exc)}"


def _short(e: object, limit: int = 200) -> str:
    text = " ".join(str(e).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
