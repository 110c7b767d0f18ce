"""Rendering per format: card content, escaping of untrusted feed text, overrides."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from monitor.models import Incident
from monitor.notify.admin import sample_alert
from monitor.notify.render import Renderer, md_escape, safe_link

T0 = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
EVIL = ("<!channel> <!here|here> @everyone <@U024BE7LH> <https://evil.example|bank login> "
        "[click](https://evil.example) *bold* & <b>x</b>")


@pytest.fixture
def renderer() -> Renderer:
    return Renderer()


def evil_alert():
    return replace(sample_alert(T0), title="هجوم " + EVIL, summary=EVIL,
                   source="Outlet <script>alert(1)</script>", other_sources=("@channel",))


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_card_has_the_incident_fields(renderer, fmt):
    msg = renderer.render([sample_alert(T0)], fmt)
    for want in ("انفجار عبوة ناسفة", "ied", "Al-Busayrah", "Deir ez-Zor", "ISIS",
                 "2 killed, 3 injured", "Example News", "Other Outlet", "عبوة ناسفة",
                 "2026-11-21 12:00 UTC", "example.org/news/deir-ez-zor-ied"):
        assert want in msg.body, (fmt, want)
    assert msg.title.startswith("[HIGH] IED – انفجار")
    assert msg.body_format == fmt


def test_markdown_neutralises_mentions_and_link_injection(renderer):
    msg = renderer.render([evil_alert()], "markdown")
    body = msg.body
    # Only our own link destinations may contain an unescaped "<".
    outside_links = re.sub(r"\]\(<[^>]*>\)", "", body)
    assert re.search(r"(?<!\\)[<>]", outside_links) is None
    assert "[click](" not in body  # no clickable disguised link
    assert "\\<!channel\\>" in body  # escaped for CommonMark; Apprise turns it into &lt;
    assert "@everyone" not in body and "@\u200beveryone" in body
    assert "\\*bold\\*" in body
    assert "@channel" not in body  # other_sources too
    assert "@" + "here" not in msg.title.replace("@\u200b", "")
    # Our own markup is untouched: the headline is still bold, the link still a link.
    assert body.startswith("**هجوم ")
    assert "[open article](<https://example.org/news/deir-ez-zor-ied>)" in body


def test_html_is_autoescaped(renderer):
    msg = renderer.render([evil_alert()], "html")
    assert "<script>" not in msg.body and "&lt;script&gt;" in msg.body
    assert "<b>x</b>" not in msg.body and "&lt;b&gt;x&lt;/b&gt;" in msg.body
    assert "&amp;" in msg.body


def test_non_http_links_are_dropped(renderer):
    a = replace(sample_alert(T0), link="javascript:alert(1)")
    for fmt in ("markdown", "html", "text"):
        assert "javascript" not in renderer.render([a], fmt).body
    assert safe_link("https://x.example/a?b=1") == "https://x.example/a?b=1"
    assert safe_link("data:text/html,hi") == "" and safe_link(None) == ""


def test_markdown_link_destination_cannot_break_out(renderer):
    a = replace(sample_alert(T0), link="https://x.example/a)> <!channel>")
    body = renderer.render([a], "markdown").body
    assert "<!channel>" not in body and "%3C!channel%3E" in body


def test_update_references_the_first_alert(renderer):
    upd = replace(sample_alert(T0), kind="update", title="ارتفاع عدد القتلى إلى 5",
                  link="https://example.org/news/later",
                  incident=Incident(type="ied", governorate="Deir ez-Zor", killed=5, injured=3),
                  reasons=("casualties rose from 2 to 5",),
                  extra={"first_title": "انفجار عبوة", "first_link": "https://example.org/first"})
    for fmt in ("markdown", "html", "text"):
        msg = renderer.render([upd], fmt)
        assert msg.title == "Update: انفجار عبوة"
        assert "https://example.org/first" in msg.body and "5 killed" in msg.body
        assert "casualties rose from 2 to 5" in msg.body


def test_digest_lists_every_alert(renderer):
    alerts = [replace(sample_alert(T0), id=f"a{i}", title=f"headline {i}") for i in range(3)]
    for fmt in ("markdown", "html", "text"):
        msg = renderer.render(alerts, fmt, digest=True, route="slack")
        assert msg.kind == "digest" and msg.title == "Digest: 3 alerts for slack"
        assert all(f"headline {i}" in msg.body for i in range(3))


def test_source_notices_render(renderer):
    a = replace(sample_alert(T0), kind="source_down", feed="sana", reasons=("5 polls failed",))
    msg = renderer.render([a], "text")
    assert msg.title == "Source down: sana" and "5 polls failed" in msg.body


def test_user_templates_override_by_file_name(tmp_path):
    (tmp_path / "alert.md.j2").write_text("CUSTOM {{ c.headline }} in {{ c.place }}\n")
    (tmp_path / "title.txt.j2").write_text("T: {{ c.type }}")
    r = Renderer(tmp_path)
    msg = r.render([evil_alert()], "markdown")
    assert msg.body.startswith("CUSTOM هجوم \\<!channel\\>")  # escaping still applies
    assert msg.title == "T: ied"
    # Files not overridden fall back to the shipped ones.
    assert "Al-Busayrah" in r.render([sample_alert(T0)], "html").body


def test_check_reports_broken_user_templates(tmp_path):
    (tmp_path / "alert.txt.j2").write_text("{{ c.no_such_field }}")
    problems = Renderer(tmp_path).check(sample_alert(T0))
    assert problems and "alert/text" in problems[0] and "no_such_field" in problems[0]
    assert Renderer().check(sample_alert(T0)) == []


def test_md_escape_basics():
    assert md_escape(None) == ""
    assert md_escape("a_b*c") == "a\\_b\\*c"
    assert md_escape("mail @ops") == "mail @\u200bops"
