"""Senders against real local services (SMTP, HTTP) and Slack's captured POST."""

# Fixtures are imported from tests/*server.py, then requested by parameter name.
# ruff: noqa: F811

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import responses
from pydantic import SecretStr

from monitor.errors import ConfigError
from monitor.notify.admin import sample_alert, send_test_alert
from monitor.notify.config import NotifyConfig, Route
from monitor.notify.render import Renderer
from monitor.notify.senders import AppriseSender, JsonlSender, body_format_for, build_senders
from tests.smtpserver import make_smtp_server, parts, smtp_server  # noqa: F401
from tests.webhookserver import webhook_server  # noqa: F401

T0 = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
SLACK_TOKEN = "T0ABCDEFGH/B0IJKLMNOP/q1w2e3r4t5y6u7i8o9p0asdf"
SLACK_HOOK = "https://hooks.slack.com/services/" + SLACK_TOKEN
EVIL = "<!channel> @here <https://evil.example|bank login> & <b>x</b>"


def render(url: str, alert=None, **kw):
    return Renderer().render([alert or sample_alert(T0)], body_format_for(url), **kw)


def test_email_arrives_with_subject_and_both_parts(smtp_server):
    url = smtp_server.apprise_url()
    alert = replace(sample_alert(T0), summary="نص الخبر " + EVIL)
    res = asyncio.run(AppriseSender(SecretStr(url), timeout_seconds=10).send(render(url, alert)))
    assert res.ok, res.reason
    (msg,) = smtp_server.messages
    assert msg["Subject"] == "[HIGH] IED – انفجار عبوة ناسفة بسيارة عسكرية في ريف دير الزور الشرقي"
    assert msg["To"] == "ops@example.com"
    p = parts(msg)
    assert set(p) == {"text/plain", "text/html"}
    for body in p.values():
        assert "انفجار عبوة ناسفة" in body and "Deir ez-Zor" in body
        assert "https://example.org/news/deir-ez-zor-ied" in body
    html = p["text/html"]
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
    assert '<a href="https://example.org/news/deir-ez-zor-ied">' in html
    assert "evil.example|bank login" in p["text/plain"]  # literal text, not markup


def test_email_refusal_is_a_failed_result_with_reason(make_smtp_server):
    srv = make_smtp_server(refuse_first=1, stage="RCPT", code="554 5.7.1 Relay denied")
    url = srv.apprise_url()
    res = asyncio.run(AppriseSender(SecretStr(url), timeout_seconds=10).send(render(url)))
    assert not res.ok and res.reason and res.reason.startswith("FAILURE")
    assert srv.messages == []


@pytest.mark.parametrize("blocks", [False, True])
def test_slack_payload_has_card_and_no_live_mentions(blocks):
    url = "slack://" + SLACK_TOKEN + "/#alerts" + ("?blocks=yes" if blocks else "")
    alert = replace(sample_alert(T0), title="هجوم " + EVIL, summary=EVIL)
    with responses.RequestsMock() as rsps:
        rsps.add(responses.POST, SLACK_HOOK, body="ok")
        res = asyncio.run(AppriseSender(SecretStr(url)).send(render(url, alert)))
        assert res.ok, res.reason
        payload = json.loads(rsps.calls[0].request.body)
    assert payload["channel"] == "#alerts"
    att = payload["attachments"][0]
    if blocks:
        header, section = att["blocks"][0], att["blocks"][1]
        title, text = header["text"]["text"], section["text"]["text"]
        assert section["text"]["type"] == "mrkdwn"
    else:
        assert payload["mrkdwn"] is True
        title, text = att["title"], att["text"]
    assert title.startswith("[HIGH] IED – هجوم")
    for want in ("هجوم", "ied", "Al-Busayrah, Deir ez-Zor", "2 killed, 3 injured", "Example News"):
        assert want in text, want
    everything = title + "\n" + text
    assert "<!channel>" not in everything and "<!here" not in everything
    assert "@here" not in everything  # zero-width space inserted
    assert "<https://evil.example" not in everything
    assert "&lt;!channel&gt;" in text
    # Our own link survives as a Slack link.
    assert "<https://example.org/news/deir-ez-zor-ied|" in text


def test_json_webhook_receives_title_and_text(webhook_server):
    url = webhook_server.apprise_url("/hook")
    res = asyncio.run(AppriseSender(SecretStr(url)).send(render(url)))
    assert res.ok, res.reason
    (body,) = webhook_server.delivered
    assert body["title"].startswith("[HIGH] IED")
    assert "Place: Al-Busayrah, Deir ez-Zor" in body["message"]


def test_webhook_timeout_is_reported_not_raised(webhook_server):
    webhook_server.script("/hook", ["hang"])
    url = webhook_server.apprise_url("/hook")
    res = asyncio.run(AppriseSender(SecretStr(url), timeout_seconds=0.5).send(render(url)))
    assert not res.ok and "TIMEOUT" in (res.reason or "")


def test_jsonl_appends_one_alert_per_line(tmp_path):
    path = tmp_path / "out" / "alerts.jsonl"
    sink = JsonlSender(path)
    a, b = sample_alert(T0), replace(sample_alert(T0), id="b")
    assert asyncio.run(sink.send(Renderer().render([a], "text"))).ok
    assert asyncio.run(sink.send(Renderer().render([a, b], "text", digest=True))).ok
    lines = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == [a.id, a.id, "b"]
    assert lines[0]["title"] == a.title and lines[2]["delivered_as"] == "digest"


def test_build_senders_reports_bad_urls_by_key_without_the_secret():
    cfg = NotifyConfig(console=False, routes=[
        Route(name="ok", url=SecretStr("json://127.0.0.1:9/x")),
        Route(name="bad", url=SecretStr("nosuchscheme://sup3rSecretToken/abc")),
        Route(name="worse", url=SecretStr("sup3rSecretToken")),
        Route(name="off", url=SecretStr("nosuchscheme://x"), enabled=False),
        Route(name="mail", url=SecretStr("mailto://u:sup3rSecretToken@127.0.0.1?from=x&to=y")),
    ])
    with pytest.raises(ConfigError) as exc:
        build_senders(cfg, source="config/settings.yaml")
    keys = [p.key for p in exc.value.problems]
    assert keys == ["notify.routes.1.url", "notify.routes.2.url", "notify.routes.4.url"]
    assert "Invalid ~From~ email" in exc.value.problems[2].message  # Apprise's own reason
    assert "sup3rSecretToken" not in str(exc.value)
    assert "config/settings.yaml: notify.routes.1.url" in str(exc.value)


def test_build_senders_includes_local_sinks(tmp_path):
    senders = build_senders(NotifyConfig(jsonl_path=tmp_path / "a.jsonl"))
    assert set(senders) == {"console", "jsonl"}
    relative = build_senders(NotifyConfig(jsonl_path="alerts.jsonl"), data_dir=tmp_path / "d")
    assert relative["jsonl"].path == (tmp_path / "d" / "alerts.jsonl").resolve()


def test_secrets_never_reach_logs_or_reasons(caplog, smtp_server):
    caplog.set_level(logging.DEBUG)
    password = "hunter2-Sup3rSecret"
    mail_url = smtp_server.apprise_url(auth=f"analyst:{password}@")
    slack_url = "slack://" + SLACK_TOKEN + "/#alerts"
    cfg = NotifyConfig(console=False, routes=[Route(name="mail", url=SecretStr(mail_url)),
                                             Route(name="slack", url=SecretStr(slack_url))])
    senders = build_senders(cfg)
    with responses.RequestsMock() as rsps:
        rsps.add(responses.POST, SLACK_HOOK, body="invalid_token", status=403)
        slack = asyncio.run(send_test_alert(senders, "slack"))
    mail = asyncio.run(send_test_alert(senders, "mail"))  # server offers no AUTH: fails
    assert slack[0] is False and mail[0] is False
    secrets = [password, "q1w2e3r4t5y6u7i8o9p0asdf", "B0IJKLMNOP", "T0ABCDEFGH"]
    texts = [caplog.text, str(slack[1]), str(mail[1]),
             *(s.display for s in senders.values()), repr(cfg), cfg.model_dump_json()]
    assert "Slack" in caplog.text  # Apprise did log about the request …
    for text in texts:
        for secret in secrets:
            assert secret not in text  # … but never the token or the password


def test_send_test_alert_unknown_route():
    ok, reason = asyncio.run(send_test_alert({}, "nope"))
    assert not ok and "nope" in (reason or "")
