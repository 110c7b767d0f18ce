"""The CLI verbs end to end: replay contract, eval, explain, healthcheck, alerts, test-alert."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.cli import app
from tests.daemon import REPO, env, run_once, write_config
from tests.webhookserver import WebhookServer

runner = CliRunner()
FEEDS = REPO / "fixtures" / "feeds"
CONTRACT_KEYS = {"id", "link", "title", "feed", "published", "decision", "watchlist", "score",
                 "incident", "event_id", "reasons"}
INCIDENT_KEYS = {"type", "place", "governorate", "actors", "killed", "injured"}


def replay_jsonl(*paths: Path) -> list[dict]:
    proc = subprocess.run([sys.executable, "-m", "monitor", "replay", "--format", "jsonl",
                           "--config", str(REPO / "config"), *map(str, paths)],
                          capture_output=True, text=True, timeout=300, env=env(), cwd=REPO)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return [json.loads(line) for line in proc.stdout.splitlines()]


@pytest.fixture(scope="module")
def fixture_replay() -> list[dict]:
    return replay_jsonl(FEEDS)


def test_replay_contract_fields_and_order(fixture_replay: list[dict]) -> None:
    labels = [json.loads(x) for x in (FEEDS / "labels.jsonl").read_text().splitlines()]
    assert len(fixture_replay) == len(labels), "one decision per item"
    for rec in fixture_replay:
        assert rec.keys() >= CONTRACT_KEYS
        assert rec["decision"] in {"alert", "update", "duplicate", "ignored"}
        assert isinstance(rec["score"], int | float)
        if rec["incident"] is not None:
            assert rec["incident"].keys() >= INCIDENT_KEYS
    published = [r["published"] for r in fixture_replay if r["published"]]
    assert published == sorted(published), "items are processed in publication order"


@pytest.mark.parametrize(("seed_feed", "type_", "governorate"), [
    ("enab-baladi-ar", "arrest", "Raqqa"),          # seed 002
    ("middle-east-online-ar", "raid", "Deir ez-Zor"),  # seed 003: airdrop at al-Kasar
    ("alarab-ar", "attack", "Homs"),                 # seed 004: Palmyra
])
def test_seed_incidents_are_alerted(fixture_replay: list[dict], seed_feed: str, type_: str,
                                    governorate: str) -> None:
    hits = [r for r in fixture_replay if r["feed"] == seed_feed and r["decision"] in ("alert", "update")
            and r["watchlist"] == "isis-syria"]
    assert any(r["incident"]["type"] == type_ and r["incident"]["governorate"] == governorate
               for r in hits), hits


def test_palmyra_casualties_extracted(fixture_replay: list[dict]) -> None:
    palmyra = [r for r in fixture_replay if r["incident"] and r["incident"]["place"] == "Palmyra"]
    assert palmyra and palmyra[0]["incident"]["killed"] == 3 and palmyra[0]["incident"]["injured"] == 3


def test_negatives_and_analysis_pieces_raise_no_incident_alert(fixture_replay: list[dict]) -> None:
    labels = {(x["feed"], x["id"]): x for x in map(json.loads, (FEEDS / "labels.jsonl").read_text().splitlines())}
    for rec in fixture_replay:
        lab = labels[(rec["feed"], rec["id"])]
        if not lab["relevant"]:
            assert rec["watchlist"] != "isis-syria", f"false incident alert: {rec['title']}"
    analysis = [r for r in fixture_replay if labels[(r["feed"], r["id"])]["class"] == "analysis"]
    assert analysis and all(r["watchlist"] == "isis-syria-context" for r in analysis), \
        "seeds 000/001 go to the context digest watchlist"


def test_syndicated_copy_joins_the_same_event(fixture_replay: list[dict]) -> None:
    raqqa = [r for r in fixture_replay if r["incident"] and r["incident"]["type"] == "arrest"
             and r["incident"]["governorate"] == "Raqqa"]
    assert len(raqqa) >= 2
    assert len({r["event_id"] for r in raqqa}) == 1
    assert sorted(r["decision"] for r in raqqa)[0] == "alert"
    assert sum(r["decision"] == "alert" for r in raqqa) == 1


def test_replay_is_deterministic(fixture_replay: list[dict]) -> None:
    again = replay_jsonl(FEEDS)
    strip = [{k: v for k, v in r.items()} for r in again]
    assert strip == fixture_replay


def test_replay_reports_missing_path(tmp_path: Path) -> None:
    result = runner.invoke(app, ["replay", str(tmp_path / "nope.xml"), "--config", str(REPO / "config")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_eval_meets_targets_on_dev_set() -> None:
    """A regression guard on detection quality (the issue's targets), not a speed check."""
    result = runner.invoke(app, ["eval", str(REPO / "fixtures" / "devset"), "--json",
                                 "--config", str(REPO / "config")])
    assert result.exit_code == 0, result.output
    s = json.loads(result.output.strip().splitlines()[-1])
    assert s["labelled"] >= 250
    assert s["precision"] >= 0.97, s
    assert s["event_recall"] >= 0.97, s
    assert s["governorate_accuracy"] >= 0.9, s
    assert s["type_accuracy"] >= 0.85, s
    assert s["merged_events"] == 0, s


def test_explain_plain_text_from_stdin() -> None:
    text = "مقتل جنديين بهجوم لداعش في ريف دير الزور\nقتل جنديان من الجيش السوري أمس بهجوم شنته خلايا تنظيم داعش على حاجز في بلدة ذيبان بريف دير الزور الشرقي."
    result = runner.invoke(app, ["explain", "-", "--config", str(REPO / "config")], input=text)
    assert result.exit_code == 0, result.output
    assert "isis-syria" in result.output
    assert "Deir ez-Zor" in result.output


def test_explain_feed_file_one_item() -> None:
    labels = [json.loads(x) for x in (FEEDS / "labels.jsonl").read_text().splitlines()]
    palmyra = next(x for x in labels if x.get("place") == "Palmyra")
    result = runner.invoke(app, ["explain", str(FEEDS / f"{palmyra['feed']}.xml"), "--item", palmyra["id"],
                                 "--config", str(REPO / "config")])
    assert result.exit_code == 0, result.output
    assert "Palmyra" in result.output
    bad = runner.invoke(app, ["explain", str(FEEDS / f"{palmyra['feed']}.xml"), "--item", "nope",
                              "--config", str(REPO / "config")])
    assert bad.exit_code == 2


def test_healthcheck_before_and_after_a_cycle(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, [{"name": "f", "url": (FEEDS / "alarab-ar.xml").as_uri(), "archive": True}])
    before = runner.invoke(app, ["healthcheck", "--config", str(cfg)])
    assert before.exit_code == 1 and "no heartbeat" in before.output
    assert run_once(cfg).returncode == 0
    after = runner.invoke(app, ["healthcheck", "--config", str(cfg)])
    assert after.exit_code == 0, after.output


def test_alerts_list_and_test_alert_through_webhook(tmp_path: Path, webhook_server: WebhookServer) -> None:
    route = {"name": "hook", "url": webhook_server.apprise_url("/hook"), "tags": ["isis-syria", "ops"]}
    cfg = write_config(tmp_path, [{"name": "f", "url": (FEEDS / "alarab-ar.xml").as_uri(), "archive": True}],
                       settings={"notify": {"routes": [route]}})
    assert run_once(cfg).returncode == 0
    hooks = webhook_server.delivered
    assert any("Palmyra" in json.dumps(b, ensure_ascii=False) or "تدمر" in json.dumps(b, ensure_ascii=False)
               for b in hooks), hooks
    listed = runner.invoke(app, ["alerts", "list", "--config", str(cfg)])
    assert listed.exit_code == 0 and "hook" in listed.output and "sent" in listed.output

    sent = runner.invoke(app, ["test-alert", "--route", "hook", "--config", str(cfg)])
    assert sent.exit_code == 0 and "sent" in sent.output
    webhook_server.script("/hook", [500, 500, 500, 500])
    failed = runner.invoke(app, ["test-alert", "--route", "hook", "--config", str(cfg)])
    assert failed.exit_code == 1 and "failed" in failed.output
    assert "unknown" not in failed.output.lower() or "500" in failed.output
    missing = runner.invoke(app, ["test-alert", "--route", "nope", "--config", str(cfg)])
    assert missing.exit_code == 2
