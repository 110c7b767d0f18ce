"""The only feed network code: conditional GET with caps on time and size.

Every failure is a `FetchError` whose message names the URL with credentials and
token-like query values removed, so it can go to logs and analysts as-is.
"""

from __future__ import annotations

import asyncio
import email.utils
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import httpx

from monitor.errors import FetchError

_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.5"
)
# Response headers that may carry session secrets; not needed downstream.
_DROP_HEADERS = frozenset(("set-cookie", "set-cookie2"))


@dataclass(frozen=True)
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # per read, not per request (httpx) ...
    deadline: float = 45.0  # ... so this bounds the whole fetch, redirects included
    max_bytes: int = 10_000_000  # decoded size: a gzip bomb is capped too
    max_redirects: int = 5
    user_agent: str = "monitor/0.1 (+https://example.invalid/monitor)"


@dataclass(frozen=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResult:
    status: int  # 200 or 304
    body: bytes | None  # None on 304
    validators: Validators
    final_url: str  # after redirects: the base for relative links
    content_type: str | None
    headers: dict[str, str] = field(default_factory=dict)
    elapsed: float = 0.0


class Fetcher(Protocol):
    async def fetch(self, url: str, validators: Validators | None) -> FetchResult: ...


class HttpStatusError(FetchError):
    """A response other than 2xx/304. `retry_after` is in seconds when the server said."""

    def __init__(self, message: str, status: int, retry_after: float | None = None):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class HttpFetcher:
    """Fetches http(s) URLs with one shared httpx client, and file:// URLs or plain
    paths for offline fixture replay. Close with `aclose()` (or `async with`)."""

    def __init__(self, limits: FetchLimits | None = None, *, trust_env: bool = True):
        self.limits = limits or FetchLimits()
        lim = self.limits
        self._client = httpx.AsyncClient(
            follow_redirects=True,  # httpx default is off
            max_redirects=lim.max_redirects,
            timeout=httpx.Timeout(lim.read_timeout, connect=lim.connect_timeout),
            headers={"User-Agent": lim.user_agent, "Accept": _ACCEPT},
            trust_env=trust_env,
        )

    async def __aenter__(self) -> HttpFetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(self, url: str, validators: Validators | None = None) -> FetchResult:
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("http", "https"):
            fetch = self._fetch_http(url, validators)
        elif scheme == "file" or not scheme or (len(scheme) == 1 and os.name == "nt"):
            fetch = self._fetch_file(url, validators)
        else:
            raise FetchError(f"unsupported URL scheme {scheme!r}: {redact_url(url)}")
        try:
            async with asyncio.timeout(self.limits.deadline):
                return await fetch
        except TimeoutError:
            raise FetchError(
                f"deadline of {self.limits.deadline:g}s exceeded fetching {redact_url(url)}"
            ) from None

    async def _fetch_http(self, url: str, validators: Validators | None) -> FetchResult:
        lim = self.limits
        headers = {}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        safe = redact_url(url)
        started = time.monotonic()
        try:
            async with self._client.stream("GET", url, headers=headers) as resp:
                final = str(resp.url)
                rh = {k: v for k, v in resp.headers.items() if k not in _DROP_HEADERS}
                new = Validators(resp.headers.get("etag"), resp.headers.get("last-modified"))
                if resp.status_code == 304:
                    # A 304 may omit validators; the ones we sent are still current.
                    kept = validators or Validators()
                    new = Validators(new.etag or kept.etag, new.last_modified or kept.last_modified)
                    return FetchResult(304, None, new, final, resp.headers.get("content-type"),
                                       rh, time.monotonic() - started)
                if not 200 <= resp.status_code < 300:
                    raise _status_error(resp, safe)
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > lim.max_bytes:
                    raise FetchError(f"body of {declared} bytes exceeds the "
                                     f"{lim.max_bytes}-byte cap: {safe}")
                buf = bytearray()
                async for chunk in resp.aiter_bytes():  # decoded: caps gzip bombs too
                    buf += chunk
                    if len(buf) > lim.max_bytes:
                        raise FetchError(f"body exceeds the {lim.max_bytes}-byte cap: {safe}")
                return FetchResult(resp.status_code, bytes(buf), new, final,
                                   resp.headers.get("content-type"), rh,
                                   time.monotonic() - started)
        except FetchError:
            raise
        except httpx.TooManyRedirects:
            raise FetchError(f"more than {lim.max_redirects} redirects from {safe}") from None
        except httpx.ConnectTimeout:
            raise FetchError(f"connect timeout ({lim.connect_timeout:g}s) to {safe}") from None
        except httpx.ReadTimeout:
            raise FetchError(f"read timeout ({lim.read_timeout:g}s) from {safe}") from None
        except httpx.TimeoutException as e:
            raise FetchError(f"{type(e).__name__} from {safe}") from None
        except httpx.UnsupportedProtocol:
            raise FetchError(f"redirected to an unsupported URL scheme from {safe}") from None
        except httpx.ConnectError as e:
            raise FetchError(f"cannot connect to {safe}: {_reason(e)}") from None
        except httpx.DecodingError:
            raise FetchError(f"undecodable Content-Encoding from {safe}") from None
        except (httpx.HTTPError, httpx.InvalidURL, OSError, ValueError) as e:
            raise FetchError(f"{type(e).__name__} fetching {safe}: {_reason(e)}") from None

    async def _fetch_file(self, url: str, validators: Validators | None) -> FetchResult:
        path = _file_path(url)
        started = time.monotonic()
        try:
            st = await asyncio.to_thread(path.stat)
            if not path.is_file():
                raise FetchError(f"not a regular file: {path}")
            # mtime+size stand in for an ETag so replaying an unchanged file is a 304,
            # exactly like an HTTP feed that has not changed.
            etag = f'W/"{st.st_mtime_ns:x}-{st.st_size:x}"'
            lm = email.utils.formatdate(st.st_mtime, usegmt=True)
            current = Validators(etag, lm)
            if validators and validators.etag == etag:
                return FetchResult(304, None, current, path.as_uri(), None, {},
                                   time.monotonic() - started)
            if st.st_size > self.limits.max_bytes:
                raise FetchError(f"file of {st.st_size} bytes exceeds the "
                                 f"{self.limits.max_bytes}-byte cap: {path}")
            body = await asyncio.to_thread(_read_capped, path, self.limits.max_bytes)
        except FetchError:
            raise
        except FileNotFoundError:
            raise FetchError(f"file not found: {path}") from None
        except OSError as e:
            raise FetchError(f"cannot read {path}: {e.strerror or type(e).__name__}") from None
        # No Content-Type for files: "text/xml" without a charset means us-ascii
        # under RFC 3023 and would make feedparser distrust the XML declaration.
        return FetchResult(200, body, current, path.as_uri(), None, {},
                           time.monotonic() - started)


def _read_capped(path: Path, cap: int) -> bytes:
    with path.open("rb") as f:
        data = f.read(cap + 1)  # the file may have grown since stat()
    if len(data) > cap:
        raise FetchError(f"file exceeds the {cap}-byte cap: {path}")
    return data


def _file_path(url: str) -> Path:
    parts = urlsplit(url)
    if parts.scheme.lower() == "file":
        if parts.netloc not in ("", "localhost"):
            raise FetchError(f"file URL with a remote host is not supported: {redact_url(url)}")
        return Path(unquote(parts.path))
    return Path(url).expanduser().absolute()  # as_uri() needs an absolute path


def _status_error(resp: httpx.Response, safe_url: str) -> HttpStatusError:
    retry = _retry_after(resp.headers.get("retry-after"))
    msg = f"HTTP {resp.status_code} from {safe_url}"
    if retry is not None:
        msg += f" (retry after {retry:g}s)"
    return HttpStatusError(msg, resp.status_code, retry)


def _retry_after(value: str | None) -> float | None:
    """RFC 9110 10.2.3: delay-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, round(when.timestamp() - time.time()))


def _reason(e: BaseException) -> str:
    # httpx messages can quote the request URL; never echo one back unredacted.
    text = " ".join(str(e).split()) or type(e).__name__
    text = re.sub(r"[a-zA-Z][a-zA-Z0-9+.-]*://\S+", lambda m: redact_url(m.group(0)), text)
    return text[:200]


_SECRET_NAME = re.compile(
    r"(token|key|secret|pass|pwd|auth|sig|signature|session|sid|code|credential|jwt)",
    re.IGNORECASE,
)
_TOKENISH = re.compile(r"^[A-Za-z0-9_\-.~+/=]{24,}$")


def redact_url(url: str) -> str:
    """URL safe for logs: no userinfo; query values that look like secrets -> "***".

    A value is secret-looking by its name (token, api_key, sig, ...) or its shape
    (24+ chars of base64/hex alphabet), so `?p=123` stays readable.
    """
    try:
        p = urlsplit(url)
        host = p.hostname or ""
        if p.port:
            host = f"{host}:{p.port}"
        if ":" in (p.hostname or "") and not host.startswith("["):
            host = f"[{p.hostname}]" + (f":{p.port}" if p.port else "")
        query = urlencode(
            [(k, "***" if _SECRET_NAME.search(k) or _TOKENISH.match(v) else v)
             for k, v in parse_qsl(p.query, keep_blank_values=True)],
            safe="*",
        )
        return urlunsplit((p.scheme, host, p.path, query, ""))
    except ValueError:
        return "<unparseable URL>"
