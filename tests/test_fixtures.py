"""Generated fixture feeds: they parse, labels line up, and they match their sources."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import feedparser
import pytest

from monitor.parse import parse_feed

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "fixtures"
BUILD = ROOT / "scripts" / "build_fixtures.py"
GROUPS = [d for d in (FIX / "feeds", FIX / "devset") if (d / "labels.jsonl").is_file()]
FEEDS = sorted(p for d in GROUPS for p in d.glob("*.xml"))
SEEDS = sorted((FIX / "seeds").glob("*.txt"))

pytestmark = pytest.mark.timeout(60)


def _labels(group: Path) -> dict[str, list[dict]]:
    by_feed: dict[str, list[dict]] = defaultdict(list)
    for line in (group / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        by_feed[row["feed"]].append(row)
    return by_feed


def test_fixture_feeds_exist() -> None:
    assert (FIX / "feeds" / "labels.jsonl").is_file()
    assert len(SEEDS) == 5
    assert {p.stem for p in FEEDS if p.parent.name == "feeds"} >= {
        "enab-baladi-ar", "middle-east-online-ar", "alarab-ar", "al-ain-ar", "sy24-ar"}


@pytest.mark.parametrize("path", FEEDS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_feed_parses_and_labels_line_up(path: Path) -> None:
    body = path.read_bytes()
    labels = _labels(path.parent)[path.stem]
    d = feedparser.parse(io.BytesIO(body), response_headers={"content-type": "application/xml"})
    assert not d.bozo, d.get("bozo_exception")
    assert d.version in ("rss20", "atom10")
    assert len(d.entries) == len(labels) > 0
    assert [e.id for e in d.entries] == [row["id"] for row in labels]

    pf = parse_feed(body, feed=path.stem, url=path.as_uri())
    assert pf.bozo is None
    assert [it.id for it in pf.items] == [row["id"] for row in labels]
    for it in pf.items:
        assert it.title and it.text and it.link.startswith("http")
        assert it.published is not None and it.published.utcoffset() is not None


def test_every_labels_line_has_a_feed_entry() -> None:
    for group in GROUPS:
        feeds = {p.stem for p in group.glob("*.xml")}
        assert set(_labels(group)) == feeds


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_text_survives_build_and_parse_verbatim(seed: Path) -> None:
    """Every non-blank line of the seed reaches Item.text (or title) unchanged,
    except that runs of whitespace (one has NBSP + space) collapse to one space."""
    lines = [" ".join(ln.split()) for ln in seed.read_text(encoding="utf-8").splitlines()
             if ln.strip()]
    found = []
    for path in FEEDS:
        if path.parent.name != "feeds":
            continue
        for it in parse_feed(path.read_bytes(), feed=path.stem, url=path.as_uri()).items:
            paras = it.text.split("\n\n")
            if paras == lines or [it.title, *paras] == lines:
                found.append((path.stem, it.id))
    assert found, f"{seed.name} not found verbatim in any fixture feed"


def test_syndicated_copy_shares_the_event_and_has_a_tracking_link() -> None:
    rows = [r for rows in _labels(FIX / "feeds").values() for r in rows]
    dandal = [r for r in rows if r["event"] == "ev-2024-09-03-raq-dandal-arrest"]
    assert {r["feed"] for r in dandal} == {"enab-baladi-ar", "sy24-ar"}
    copy = parse_feed((FIX / "feeds" / "sy24-ar.xml").read_bytes(), feed="sy24-ar", url="x")
    links = [it.link for it in copy.items if it.id == "https://www.sy24.org/?p=301877"]
    assert links and "utm_source=sy24" in links[0]


def test_check_mode_passes_on_committed_fixtures() -> None:
    r = subprocess.run([sys.executable, str(BUILD), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_check_mode_fails_when_output_is_stale(tmp_path: Path) -> None:
    src = tmp_path / "fixtures" / "src"
    src.mkdir(parents=True)
    (src / "one.yaml").write_text(_ONE_FEED, encoding="utf-8")
    run = [sys.executable, str(BUILD), "--root", str(tmp_path)]
    assert subprocess.run(run + ["--check"], capture_output=True).returncode == 1
    assert subprocess.run(run, capture_output=True).returncode == 0
    assert subprocess.run(run + ["--check"], capture_output=True).returncode == 0
    out = tmp_path / "fixtures" / "feeds" / "t-ar.xml"
    out.write_bytes(out.read_bytes().replace(b"hello", b"HELLO"))
    r = subprocess.run(run + ["--check"], capture_output=True, text=True)
    assert r.returncode == 1 and "fixtures/feeds/t-ar.xml: differs" in r.stdout


def test_schema_errors_name_file_item_and_field(tmp_path: Path) -> None:
    src = tmp_path / "fixtures" / "src"
    src.mkdir(parents=True)
    bad = (_ONE_FEED.replace("2024-01-02T03:04:05+03:00", "2024-01-02 noon")
           .replace("relevant: true", "relevant: maybe").replace("type: raid", "type: riot"))
    (src / "bad.yaml").write_text(bad, encoding="utf-8")
    r = subprocess.run([sys.executable, str(BUILD), "--root", str(tmp_path)],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert "fixtures/src/bad.yaml: items[0].published: not an ISO 8601" in r.stderr
    assert "fixtures/src/bad.yaml: items[0].label.relevant: required, true or false" in r.stderr
    assert "fixtures/src/bad.yaml: items[0].label.type: 'riot' not in" in r.stderr


_ONE_FEED = """\
outlet: Test
feed: t-ar
format: atom
language: ar
site: https://example.invalid
items:
  - guid: "urn:t:1"
    link: https://example.invalid/1
    published: 2024-01-02T03:04:05+03:00
    title: hello
    body: |
      first paragraph
    label: {relevant: true, type: raid, governorate: Raqqa, class: incident}
"""
