"""Hostile and odd input never crashes or hangs the fetch → parse → detect path.

Uses corpora beside the checkout (../shared); skips with the reason when absent.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from monitor.detect import Detector
from monitor.models import Item
from tests.daemon import REPO

SHARED = REPO.parent / "shared"
FEEDPARSER_TESTS = SHARED / "reference" / "feedparser-tests"
NAYA = SHARED / "corpus" / "naya-stream.jsonl"


@pytest.mark.timeout(300)
def test_feedparser_corpus_never_crashes_or_hangs() -> None:
    if not FEEDPARSER_TESTS.is_dir():
        pytest.skip(f"feedparser's test corpus absent at {FEEDPARSER_TESTS}")
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "robustness_feedparser.py"),
                           str(FEEDPARSER_TESTS)], capture_output=True, text=True, timeout=280)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "detect hook on" in proc.stdout
    assert "crashes: 0" in proc.stdout and "hangs: 0" in proc.stdout, proc.stdout[-1000:]


def test_noisy_channel_posts_never_crash_detection() -> None:
    if not NAYA.is_file():
        pytest.skip(f"naya corpus absent at {NAYA}")
    det = Detector.load(REPO / "config" / "watchlists")
    n = 0
    for line in NAYA.read_text(encoding="utf-8").splitlines():
        post = json.loads(line)
        text = str(post.get("body") or post.get("text") or "")
        item = Item(feed="naya", id=str(post.get("id", n)), link="", title=text[:80], text=text,
                    published=None)
        results = det.detect(item)
        assert len(results) == len(det.watchlists)
        n += 1
    assert n > 800
