"""parse_feed on real feed bytes, some served by a real local HTTP server."""

from __future__ import annotations

import asyncio
import contextlib
import io
import random
import resource
import xml.sax
from datetime import UTC, datetime

import defusedxml
import feedparser
import feedparser.api
import pytest
from defusedxml.expatreader import DefusedExpatParser

from monitor.errors import ParseError
from monitor.fetch import FetchLimits, FetchResult, HttpFetcher
from monitor.htmltext import html_to_text
from monitor.parse import parse_feed
from tests.feedserver import FeedServer, entity_blowup_feed, rss  # `feed_server`: conftest

pytestmark = pytest.mark.timeout(30)

URL = "https://www.enabbaladi.net/feed/"

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>\xd8\xb9\xd9\x86\xd8\xa8 \xd8\xa8\xd9\x84\xd8\xaf\xd9\x8a</title>
<link>https://www.enabbaladi.net</link><description>d</description>
<item>
  <title>\xd8\xa7\xd8\xb9\xd8\xaa\xd9\x82\xd8\xa7\xd9\x84 &amp;amp; &lt;b&gt;x&lt;/b&gt;</title>
  <link>/archives/712345</link>
  <guid isPermaLink="false">https://www.enabbaladi.net/?p=712345</guid>
  <pubDate>Wed, 04 Sep 2024 10:12:00 +0300</pubDate>
  <description>&lt;p&gt;teaser&lt;/p&gt;</description>
  <content:encoded><![CDATA[<p>\xd8\xa7\xd9\x84\xd8\xb1\xd9\x82\xd8\xa9&nbsp;one</p>
<script>alert(1)</script><p>two <a href="/x">link</a></p>]]></content:encoded>
</item>
<item><title>no guid, no date</title><description>only a summary</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
  <title>العين الإخبارية</title><id>tag:al-ain.com,2023:feed</id>
  <updated>2023-03-27T12:00:00Z</updated>
  <entry>
    <id>tag:al-ain.com,2023:article/1</id>
    <title type="html">&lt;em&gt;داعش&lt;/em&gt; في سوريا</title>
    <link rel="alternate" href="https://al-ain.com/article/1"/>
    <updated>2023-03-27T15:30:00+03:00</updated>
    <summary type="text">short</summary>
    <content type="text">literal &lt;b&gt; stays</content>
  </entry>
</feed>""".encode()


def test_rss_item_fields() -> None:
    pf = parse_feed(RSS, feed="enab", url=URL, source="Enab Baladi")
    assert pf.title == "عنب بلدي" and pf.bozo is None
    first, second = pf.items
    assert first.feed == "enab" and first.source == "Enab Baladi" and first.language == "ar"
    assert first.id == "https://www.enabbaladi.net/?p=712345"  # the guid, not the link
    assert first.link == "https://www.enabbaladi.net/archives/712345"  # resolved
    assert first.title == "اعتقال & x"  # escaped HTML in an RSS title becomes text
    assert first.text == "الرقة one\n\ntwo link"  # content:encoded beats description
    assert first.published == datetime(2024, 9, 4, 7, 12, tzinfo=UTC)
    assert (second.id, second.link, second.published) == ("", "", None)
    assert second.text == "only a summary"


def test_atom_entry_fields_and_feed_title_as_source() -> None:
    pf = parse_feed(ATOM, feed="al-ain", url="https://al-ain.com/feed")
    (it,) = pf.items
    assert it.source == "العين الإخبارية"  # no configured outlet: the feed's own title
    assert it.id == "tag:al-ain.com,2023:article/1"
    assert it.title == "داعش في سوريا"
    assert it.text == "literal <b> stays"  # type="text" is not HTML
    assert it.published == datetime(2023, 3, 27, 12, 30, tzinfo=UTC)


def test_relative_links_resolve_against_final_url_after_redirect(feed_server: FeedServer) -> None:
    body = rss([{"title": "t", "guid": "g", "link": "archives/9"}])
    feed_server.feed("/site/feed/", body)
    res = _fetch(feed_server.redirects("/old", 2, "/site/feed/"))
    pf = parse_feed(res.body or b"", feed="f", url=res.final_url, content_type=res.content_type)
    assert pf.items[0].link == feed_server.url("/site/feed/archives/9")


@pytest.mark.parametrize("declare_in", ["http", "xml"])
def test_windows_1256_feed_decodes(feed_server: FeedServer, declare_in: str) -> None:
    title = "مقتل ثلاثة عناصر في هجوم لتنظيم داعش في بادية تدمر"
    body = rss([{"title": title, "guid": "g"}], title="أخبار", encoding="windows-1256",
               declare=declare_in == "xml")
    assert title.encode("utf-8") not in body  # really single-byte Arabic on the wire
    ctype = "application/rss+xml" + ("; charset=windows-1256" if declare_in == "http" else "")
    url = feed_server.feed("/cp1256", body, content_type=ctype)
    res = _fetch(url)
    pf = parse_feed(res.body or b"", feed="f", url=res.final_url, content_type=res.content_type)
    assert pf.items[0].title == title and pf.title == "أخبار"


def test_benign_bozo_keeps_items() -> None:
    pf = parse_feed(RSS, feed="f", url=URL, content_type="text/plain")
    # text/* without a charset means us-ascii (RFC 3023); feedparser overrides it.
    assert pf.bozo and "CharacterEncodingOverride" in pf.bozo
    assert len(pf.items) == 2 and pf.title == "عنب بلدي"
    pf = parse_feed(RSS, feed="f", url=URL, content_type="text/html; charset=utf-8")
    assert pf.bozo and "NonXMLContentType" in pf.bozo and len(pf.items) == 2


def test_malformed_xml_recovers_with_bozo(feed_server: FeedServer) -> None:
    # Unescaped "&" and no closing tags: strict parsing fails, the loose parser recovers.
    broken = RSS.replace(b"</channel></rss>", b"<item><title>a & b</title></item>")
    res = _fetch(feed_server.feed("/broken", broken))
    pf = parse_feed(res.body or b"", feed="f", url=res.final_url, content_type=res.content_type)
    assert pf.bozo and "SAXParseException" in pf.bozo
    assert [i.title for i in pf.items] == ["اعتقال & x", "no guid, no date", "a & b"]


@pytest.mark.parametrize(
    "body",
    [b"", b"   \n", b"\x00\xff\xfe garbage", b"<html><body><p>Not a feed</p></body></html>",
     b"<?xml version='1.0'?><rss><channel><title>x", b"{\"json\": true}"],
    ids=["empty", "blank", "binary", "html-page", "truncated-empty", "json"],
)
def test_unusable_bodies_raise_parse_error(body: bytes) -> None:
    with pytest.raises(ParseError):
        parse_feed(body, feed="f", url=URL)


def test_empty_but_valid_feed_is_not_an_error() -> None:
    pf = parse_feed(rss([]), feed="f", url=URL)
    assert pf.items == [] and pf.title == "Test feed"


# -- entity expansion ----------------------------------------------------------

@pytest.mark.timeout(10)
def test_entity_blowup_served_over_http_is_refused(feed_server: FeedServer) -> None:
    blow = entity_blowup_feed()
    assert 100_000 < len(blow) < 120_000
    res = _fetch(feed_server.feed("/blowup", blow))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ParseError, match="entity declarations are not allowed"):
        parse_feed(res.body or b"", feed="f", url=res.final_url, content_type=res.content_type)
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 100_000  # unprotected: +2.9 GB


@pytest.mark.timeout(10)
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_entity_blowup_in_wide_encodings_is_refused(encoding: str) -> None:
    text = entity_blowup_feed().decode().replace("utf-8", encoding)
    with pytest.raises(ParseError, match="entity"):
        parse_feed(text.encode(encoding), feed="f", url=URL)


def test_strict_parser_is_defused_even_without_the_prolog_check() -> None:
    # Second belt: feedparser's SAX parser itself refuses entity declarations.
    assert feedparser.api.PREFERRED_XML_PARSERS[0] == "monitor.parse"
    assert isinstance(xml.sax.make_parser(feedparser.api.PREFERRED_XML_PARSERS),
                      DefusedExpatParser)
    small = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY e "x">]>'
             b"<rss><channel><title>&e;</title></channel></rss>")
    with pytest.raises(defusedxml.EntitiesForbidden):
        feedparser.parse(io.BytesIO(small))


def test_external_dtd_reference_is_not_refused() -> None:
    # RSS 0.91 feeds name the Netscape DTD; expat never fetches it, so no need to refuse.
    body = rss([{"title": "t", "guid": "g"}]).replace(
        b"<rss", b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
                 b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss', 1)
    pf = parse_feed(body, feed="f", url=URL)
    assert [i.title for i in pf.items] == ["t"] and pf.bozo is None


# -- robustness ------------------------------------------------------------------

def test_never_raises_anything_but_parse_error() -> None:
    rng = random.Random(20261121)
    samples = [RSS, ATOM, rss([{"title": "x", "guid": "y"}])]
    for _ in range(300):
        src = rng.choice(samples)
        cut = rng.randrange(len(src))
        mutated = bytearray(src[:cut] + src[cut + rng.randrange(0, 40):])
        for _ in range(rng.randrange(0, 4)):
            if mutated:
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        with contextlib.suppress(ParseError):
            parse_feed(bytes(mutated), feed="f", url=URL)


def test_html_to_text_rules() -> None:
    html = ("<div><h2>عنوان</h2><p>فقرة&nbsp;أولى &amp; <b>مهمة</b></p>"
            "<style>p{color:red}</style><ul><li>أ</li><li>ب</li></ul>سطر<br>ثانٍ</div>")
    assert html_to_text(html) == "عنوان\n\nفقرة أولى & مهمة\n\nأ\nب\n\nسطر\nثانٍ"
    assert html_to_text("a\u200cb   c\n d") == "a\u200cb c\nd"  # ZWNJ kept: deleting joins words


def _fetch(url: str) -> FetchResult:
    async def go() -> FetchResult:
        async with HttpFetcher(FetchLimits(deadline=10), trust_env=False) as f:
            return await f.fetch(url, None)

    return asyncio.run(go())
