"""A real HTTP server on 127.0.0.1 for fetch/parse tests, with programmable routes.

Use the `feed_server` pytest fixture (function-scoped: every test gets an empty
route table and request log):

    def test_x(feed_server):
        url = feed_server.feed("/rss", body)       # 200 with ETag/Last-Modified, 304s
        feed_server.status("/down", 500)
        feed_server.hang("/slow", 5.0)             # no response for 5 s
        feed_server.redirects("/r", 3, "/rss")     # /r -> /r/1 -> /r/2 -> /rss
        feed_server.huge("/big", 50_000_000)       # streamed, no Content-Length
        feed_server.requests                       # [(path, headers)] received

Handler threads only ever sleep on an Event that shutdown sets, so a hanging
route never outlives its test.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Responder = Callable[["_Handler"], None]


@dataclass
class FeedServer:
    host: str
    port: int
    routes: dict[str, Responder] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def route(self, path: str, responder: Responder) -> str:
        self.routes[path] = responder
        return self.url(path)

    # -- canned routes -------------------------------------------------------
    def feed(self, path: str, body: bytes, *, content_type: str = "application/rss+xml",
             etag: bool = True, last_modified: bool = True, gzip_ok: bool = False,
             headers: dict[str, str] | None = None) -> str:
        """Serve `body` with validators and honour If-None-Match/If-Modified-Since."""
        tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        lm = email.utils.formatdate(1_700_000_000, usegmt=True)

        def respond(h: _Handler) -> None:
            extra = dict(headers or {})
            if etag:
                extra["ETag"] = tag
            if last_modified:
                extra["Last-Modified"] = lm
            inm = h.headers.get("If-None-Match")
            ims = h.headers.get("If-Modified-Since")
            # RFC 9110 13.1.3: If-None-Match wins over If-Modified-Since when both are sent.
            if (etag and inm == tag) or (inm is None and last_modified and ims == lm):
                h.reply(304, b"", extra)
                return
            payload = body
            if gzip_ok and "gzip" in h.headers.get("Accept-Encoding", ""):
                payload = gzip.compress(body, mtime=0)
                extra["Content-Encoding"] = "gzip"
            h.reply(200, payload, {"Content-Type": content_type, **extra})

        return self.route(path, respond)

    def status(self, path: str, code: int, headers: dict[str, str] | None = None,
               body: bytes = b"error") -> str:
        return self.route(path, lambda h: h.reply(code, body, headers or {}))

    def hang(self, path: str, seconds: float, *, drip: bool = False) -> str:
        """No response for `seconds`; with drip=True, send headers then one byte
        every 0.2 s, which no per-read timeout ever catches."""

        def respond(h: _Handler) -> None:
            if not drip:
                self.stop.wait(seconds)
                h.reply(200, b"<rss/>", {"Content-Type": "application/rss+xml"})
                return
            h.send_response(200)
            h.send_header("Content-Type", "application/rss+xml")
            h.end_headers()
            end = time.monotonic() + seconds
            while time.monotonic() < end and not self.stop.wait(0.2):
                h.wfile.write(b" ")
                h.wfile.flush()

        return self.route(path, respond)

    def redirects(self, path: str, hops: int, target: str) -> str:
        """`path` -> `path/1` -> ... -> `path/{hops-1}` -> target (hops redirects)."""
        chain = [path] + [f"{path}/{i}" for i in range(1, hops)] + [target]
        for src, dst in zip(chain, chain[1:], strict=False):
            self.status(src, 302, {"Location": dst}, b"")
        return self.url(path)

    def huge(self, path: str, size: int, *, declare_length: bool = False) -> str:
        """Stream `size` bytes of a never-ending-looking feed in 64 KiB chunks."""

        def respond(h: _Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "application/rss+xml")
            if declare_length:
                h.send_header("Content-Length", str(size))
            h.end_headers()
            chunk = b"<!-- padding -->" * 4096
            sent = 0
            while sent < size and not self.stop.is_set():
                part = chunk[: size - sent]
                h.wfile.write(part)
                sent += len(part)

        return self.route(path, respond)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # close-delimited bodies: simplest for streaming routes

    def do_GET(self) -> None:  # noqa: N802 (stdlib naming)
        fs = self.server.feeds
        path = self.path.split("?", 1)[0]
        fs.requests.append((path, {k: v for k, v in self.headers.items()}))
        responder = fs.routes.get(path)
        try:
            if responder is None:
                self.reply(404, b"no such route", {})
            else:
                responder(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (deadline, size cap): expected in these tests

    def reply(self, code: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(code)
        for k, v in headers.items():
            self.send_header(k, v)
        if code != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if code != 304 and body:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # keep pytest output clean


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    feeds: FeedServer


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = _Server(("127.0.0.1", 0), _Handler)
    fs = FeedServer("127.0.0.1", server.server_address[1])
    server.feeds = fs
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="feed-server", daemon=True
    )
    thread.start()
    try:
        yield fs
    finally:
        fs.stop.set()  # wake hanging/dripping handlers
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def entity_blowup_feed(entity_chars: int = 50_000, uses: int = 20_000) -> bytes:
    """~110 KB RSS: one 50 KB internal entity used 20,000 times in the channel title.
    Unprotected feedparser expands it to a 1e9-char title (FACTS.md)."""
    value = "A" * entity_chars
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<!DOCTYPE rss [<!ENTITY a "{value}">]>\n'
        '<rss version="2.0"><channel><title>' + "&a;" * uses + "</title>"
        "<link>https://example.invalid/</link><description>x</description>"
        "<item><title>t</title><guid>g</guid></item></channel></rss>"
    ).encode()


def rss(items: list[dict[str, str]], *, title: str = "Test feed", encoding: str = "utf-8",
        declare: bool = True) -> bytes:
    """A small RSS 2.0 document; item dicts map element name -> escaped XML text."""
    head = f'<?xml version="1.0" encoding="{encoding}"?>\n' if declare else ""
    parts = [head, '<rss version="2.0"><channel>', f"<title>{title}</title>",
             "<link>https://example.invalid/</link><description>d</description>"]
    for it in items:
        parts.append("<item>" + "".join(f"<{k}>{v}</{k}>" for k, v in it.items()) + "</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode(encoding)
