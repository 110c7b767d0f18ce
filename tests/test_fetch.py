"""HttpFetcher against a real local HTTP server and real files. No mocks."""

from __future__ import annotations

import asyncio
import gzip
import os
from pathlib import Path

import pytest

from monitor.errors import FetchError
from monitor.fetch import FetchLimits, HttpFetcher, HttpStatusError, Validators, redact_url
from tests.feedserver import FeedServer, rss  # fixture `feed_server`: tests/conftest.py

pytestmark = pytest.mark.timeout(30)

BODY = rss([{"title": "خبر", "guid": "g1", "link": "https://example.invalid/1"}])


def fetch(url: str, validators: Validators | None = None, **limits: object):
    async def go():
        async with HttpFetcher(FetchLimits(**limits), trust_env=False) as f:  # type: ignore[arg-type]
            return await f.fetch(url, validators)

    return asyncio.run(go())


def fetch_error(url: str, **limits: object) -> FetchError:
    with pytest.raises(FetchError) as ei:
        fetch(url, **limits)
    return ei.value


# -- conditional GET ---------------------------------------------------------

def test_200_then_304_with_etag(feed_server: FeedServer) -> None:
    url = feed_server.feed("/rss", BODY)
    first = fetch(url)
    assert (first.status, first.body) == (200, BODY)
    assert first.validators.etag and first.validators.last_modified
    assert first.content_type == "application/rss+xml"
    assert first.final_url == url

    second = fetch(url, first.validators)
    assert second.status == 304 and second.body is None
    assert second.validators == first.validators
    sent = feed_server.requests[-1][1]
    assert sent["If-None-Match"] == first.validators.etag
    assert sent["If-Modified-Since"] == first.validators.last_modified
    assert sent["User-Agent"].startswith("monitor/")


def test_304_from_last_modified_alone_keeps_validators(feed_server: FeedServer) -> None:
    url = feed_server.feed("/rss", BODY, etag=False)
    first = fetch(url)
    assert first.validators.etag is None
    again = fetch(url, first.validators)
    assert again.status == 304
    assert again.validators.last_modified == first.validators.last_modified


def test_changed_etag_gets_full_body(feed_server: FeedServer) -> None:
    url = feed_server.feed("/rss", BODY)
    res = fetch(url, Validators(etag='"stale"'))
    assert res.status == 200 and res.body == BODY


# -- errors ------------------------------------------------------------------

def test_500_is_fetch_error_naming_status_and_url(feed_server: FeedServer) -> None:
    url = feed_server.status("/down", 500)
    err = fetch_error(url)
    assert str(err) == f"HTTP 500 from {url}"
    assert isinstance(err, HttpStatusError) and err.status == 500 and err.retry_after is None


def test_429_reports_retry_after(feed_server: FeedServer) -> None:
    url = feed_server.status("/busy", 429, {"Retry-After": "120"})
    err = fetch_error(url)
    assert isinstance(err, HttpStatusError)
    assert err.retry_after == 120
    assert "HTTP 429" in str(err) and "retry after 120s" in str(err)


def test_404(feed_server: FeedServer) -> None:
    assert "HTTP 404" in str(fetch_error(feed_server.url("/missing")))


def test_connection_refused_is_fetch_error() -> None:
    # A port nobody listens on: bind, read the port, close.
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    err = fetch_error(f"http://127.0.0.1:{port}/feed")
    assert "cannot connect" in str(err)


def test_messages_do_not_leak_credentials(feed_server: FeedServer) -> None:
    feed_server.status("/private", 500)
    url = feed_server.url("/private").replace("http://", "http://alice:hunter2@")
    msg = str(fetch_error(url + "?api_key=SEKRET&p=7&x=" + "A" * 40))
    assert "hunter2" not in msg and "alice" not in msg
    assert "SEKRET" not in msg and "A" * 40 not in msg
    assert "p=7" in msg and "/private" in msg


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://u:p@ex.org/feed?token=abc", "https://ex.org/feed?token=***"),
        ("https://ex.org/?p=712345", "https://ex.org/?p=712345"),
        ("https://ex.org:8443/f?sig=1&lang=ar#frag", "https://ex.org:8443/f?sig=***&lang=ar"),
    ],
)
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def test_unsupported_scheme() -> None:
    assert "unsupported URL scheme" in str(fetch_error("ftp://example.invalid/feed"))


# -- time and size caps --------------------------------------------------------

@pytest.mark.timeout(10)
def test_deadline_bounds_a_hang(feed_server: FeedServer) -> None:
    url = feed_server.hang("/hang", 5.0)
    err = fetch_error(url, deadline=1.0)
    assert "deadline of 1s exceeded" in str(err)


@pytest.mark.timeout(10)
def test_deadline_bounds_a_slow_drip_that_read_timeout_misses(feed_server: FeedServer) -> None:
    # One byte every 0.2 s never trips a 20 s per-read timeout; only the deadline ends it.
    url = feed_server.hang("/drip", 5.0, drip=True)
    err = fetch_error(url, deadline=1.0)
    assert "deadline" in str(err)


def test_size_cap_aborts_streamed_body(feed_server: FeedServer) -> None:
    url = feed_server.huge("/big", 50_000_000)
    err = fetch_error(url, max_bytes=1_000_000)
    assert "exceeds the 1000000-byte cap" in str(err)


def test_declared_length_over_cap_is_refused_before_reading(feed_server: FeedServer) -> None:
    url = feed_server.huge("/big", 50_000_000, declare_length=True)
    assert "body of 50000000 bytes" in str(fetch_error(url, max_bytes=1_000_000))


def test_gzip_is_decoded(feed_server: FeedServer) -> None:
    url = feed_server.feed("/gz", BODY, gzip_ok=True)
    res = fetch(url)
    assert res.body == BODY
    assert res.headers.get("content-encoding") == "gzip"


def test_gzip_bomb_is_capped_on_decoded_size(feed_server: FeedServer) -> None:
    bomb = b"<rss>" + b" " * 20_000_000 + b"</rss>"
    assert len(gzip.compress(bomb)) < 100_000
    url = feed_server.feed("/bomb", bomb, gzip_ok=True)
    assert "byte cap" in str(fetch_error(url, max_bytes=1_000_000))


# -- redirects -----------------------------------------------------------------

def test_redirect_chain_is_followed(feed_server: FeedServer) -> None:
    target = feed_server.feed("/final", BODY)
    res = fetch(feed_server.redirects("/r", 3, "/final"))
    assert res.status == 200 and res.final_url == target


def test_too_many_redirects(feed_server: FeedServer) -> None:
    feed_server.feed("/final", BODY)
    err = fetch_error(feed_server.redirects("/r", 6, "/final"), max_redirects=5)
    assert "more than 5 redirects" in str(err)


# -- file:// replay --------------------------------------------------------------

def test_file_url_200_then_304_until_changed(tmp_path: Path) -> None:
    p = tmp_path / "feed.xml"
    p.write_bytes(BODY)
    first = fetch(p.as_uri())
    assert first.status == 200 and first.body == BODY and first.content_type is None
    assert fetch(p.as_uri(), first.validators).status == 304
    assert fetch(str(p), first.validators).status == 304  # plain path, same validators

    p.write_bytes(BODY + b"\n")
    st = p.stat()
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert fetch(str(p), first.validators).status == 200


def test_relative_plain_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "feed.xml").write_bytes(BODY)
    monkeypatch.chdir(tmp_path)
    res = fetch("feed.xml")
    assert res.body == BODY and res.final_url == (tmp_path / "feed.xml").as_uri()


def test_file_errors(tmp_path: Path) -> None:
    assert "file not found" in str(fetch_error(str(tmp_path / "nope.xml")))
    assert "not a regular file" in str(fetch_error(tmp_path.as_uri()))
    big = tmp_path / "big.xml"
    big.write_bytes(b"x" * 2000)
    assert "exceeds the 1000-byte cap" in str(fetch_error(str(big), max_bytes=1000))
