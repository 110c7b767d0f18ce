"""Item identity: which key names "the same entry" across polls.

The key is chosen in exactly one function, `item_key`, so the pipeline, the
store and `monitor explain` can never disagree about it.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from monitor.dedupe.fingerprint import content_hash
from monitor.models import Item

# Query parameters that identify a click, campaign or referrer, never the
# article: the same story shared on Facebook and via a newsletter must map to
# one URL. Matched case-insensitively; utm_* by prefix.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
    "mc_cid", "mc_eid", "ref", "ref_src", "ref_url", "referrer", "ocid", "cmpid",
    "icid", "_ga", "_gl", "spm", "s_cid", "at_medium", "at_campaign", "xtor",
})
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters left unescaped in a path: RFC 3986 unreserved + sub-delims + ":@/".
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def _is_tracking(name: str) -> bool:
    n = name.lower()
    return n.startswith("utm_") or n in TRACKING_PARAMS


def canonical_link(url: str) -> str:
    """A URL reduced to what identifies the article.

    Scheme and host are case-insensitive (RFC 3986 §6.2.2.1); the fragment
    never reaches the server; default ports are noise; a trailing slash is
    added or dropped by CMS redirects; Arabic paths arrive both raw and
    percent-encoded, so the path is decoded and re-encoded one way.
    The scheme is kept: http and https copies are rare, and the content
    fingerprint catches them anyway.
    """
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        port = parts.port
    except ValueError:  # a malformed port: keep the URL as the feed wrote it
        return url
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    path = quote(unquote(parts.path), safe=_PATH_SAFE)
    path = path.rstrip("/") or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _is_tracking(k)]
    # Sorted: parameter order is not meaningful to the CMSes we read.
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def _h(*parts: str) -> str:
    return hashlib.blake2b("\x00".join(parts).encode(), digest_size=10).hexdigest()


def item_key(item: Item) -> str:
    """The item's identity key: "g:" guid, else "u:" link, else "c:" content.

    Why this order (as Miniflux): the guid is the publisher's own name for the
    entry and survives edits to headline, body and even link, but RSS 2.0 only
    promises it is unique *within one channel* — two feeds may both number
    their entries "1" — so it is scoped by our feed name. Without a guid the
    canonical link names the article and is global (the same URL in two feeds
    of one outlet is one article). Without either, only the normalised
    title+body is left. Hashed to a fixed 22 chars so the key index stays
    small; the reasons carry the readable guid/link for `monitor explain`.
    """
    if item.id.strip():
        return "g:" + _h(item.feed, item.id.strip())
    link = canonical_link(item.link)
    if link:
        return "u:" + _h(link)
    return "c:" + content_hash(item.title, item.text)[:20]


def collision_key(key: str, chash: str) -> str:
    """Key for a different story that arrived under an already used guid/link
    (feeds that set every guid to their homepage URL)."""
    return f"{key}~{chash[:12]}"
