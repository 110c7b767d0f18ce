"""Watchlist config errors name file, key and reason; all problems at once."""

from pathlib import Path

import pytest

from monitor.detect import Detector
from monitor.errors import ConfigError

GOOD = """
name: ok
kind: incident
tags: [a]
threshold: 1
rules:
  - {name: r, any: ["@isis_actor", "inline word"]}
"""

BAD = {
    "missing threshold": ("name: x\nkind: incident\ntags: [a]\nrules: [{name: r, any: ['@isis_actor']}]\n", "threshold"),
    "unknown kind": ("name: x\nkind: urgent\ntags: [a]\nthreshold: 1\nrules: [{name: r, fact: isis}]\n", "kind"),
    "unknown lexicon": ("name: x\ntags: [a]\nthreshold: 1\nrules: [{name: r, any: ['@nope']}]\n", "rules.0.any.0"),
    "empty terms": ("name: x\ntags: [a]\nthreshold: 1\nrules: [{name: r, any: []}]\n", "rules.0.any"),
    "bad scope": ("name: x\ntags: [a]\nthreshold: 1\nrules: [{name: r, fact: isis, scope: everywhere}]\n", "rules.0.scope"),
    "unknown fact": ("name: x\ntags: [a]\nthreshold: 1\nrules: [{name: r, fact: vibes}]\n", "rules.0.fact"),
    "bad near": ("name: x\ntags: [a]\nthreshold: 1\nrules: [{name: r, near: {a: ['@isis_actor'], b: ['@forces'], within: 0}}]\n", "rules.0.near.within"),
    "rule without condition": ("name: x\ntags: [a]\nthreshold: 1\nrules: [{name: r, weight: 2}]\n", "rules.0"),
    "typo key": ("name: x\ntags: [a]\nthreshold: 1\nrules: [{name: r, fact: isis, wieght: 2}]\n", "rules.0.wieght"),
    "tags not a list": ("name: x\ntags: a\nthreshold: 1\nrules: [{name: r, fact: isis}]\n", "tags"),
    "invalid yaml": ("name: [unclosed\n", ""),
    # «ل» is glued to the next word in text: such a term could never match.
    "term ending in a lone proclitic": ("name: x\ntags: [a]\nthreshold: 1\nrules: [{name: r, any: ['التخطيط ل']}]\n",
                                        "rules.0.any.0"),
}


@pytest.mark.parametrize("text,key", BAD.values(), ids=BAD.keys())
def test_bad_watchlist_reports_file_key_reason(tmp_path: Path, text, key):
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        Detector.load(tmp_path)
    probs = [p for p in e.value.problems if p.file.endswith("bad.yaml")]
    assert probs, e.value.problems
    assert any(p.key == key for p in probs), [(p.key, p.message) for p in probs]
    assert all(p.message for p in probs)


def test_every_problem_is_listed(tmp_path: Path):
    (tmp_path / "a.yaml").write_text("name: a\nkind: nope\ntags: [x]\nrules: [{name: r, any: ['@nope']}]\n")
    with pytest.raises(ConfigError) as e:
        Detector.load(tmp_path)
    keys = {p.key for p in e.value.problems}
    assert {"kind", "threshold", "rules.0.any.0"} <= keys


def test_duplicate_names(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(GOOD)
    (tmp_path / "b.yaml").write_text(GOOD)
    with pytest.raises(ConfigError, match="duplicate"):
        Detector.load(tmp_path)


def test_empty_folder(tmp_path: Path):
    with pytest.raises(ConfigError, match="no watchlist"):
        Detector.load(tmp_path)


def test_inline_terms_and_weights_score(tmp_path: Path):
    from monitor.models import Item

    (tmp_path / "w.yaml").write_text(
        "name: w\ntags: [t]\nthreshold: 3\nrules:\n"
        "  - {name: word, any: [{term: 'قافلة*', weight: 2}], weight: 1}\n")
    det = Detector.load(tmp_path)
    [d] = det.detect(Item("f", "1", "", "", "وصلت القافلات إلى المدينة", None))
    assert d.matched and d.score == 3 and d.hits[0].rule == "word"
    [d] = det.detect(Item("f", "1", "", "", "لا شيء هنا", None))
    assert not d.matched and d.score == 0


def test_shipped_watchlists_load():
    root = Path(__file__).resolve().parents[1]
    det = Detector.load(root / "config" / "watchlists")
    names = [w.name for w in det.watchlists]
    assert names == ["isis-syria", "isis-syria-context"]


def test_lexicon_term_that_cannot_match_is_a_config_error(tmp_path: Path):
    import shutil

    from monitor.detect.knowledge import DATA_DIR, load_knowledge

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    cues = data / "lexicons" / "cues.yaml"
    cues.write_text(cues.read_text(encoding="utf-8").replace("[لإعداد,", "[لإعداد, تمهيدا ل,", 1),
                    encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_knowledge(data)
    [p] = e.value.problems
    assert p.file.endswith("cues.yaml") and p.key.startswith("lexicons.plan_cue.")
    assert "lone proclitic" in p.message and "تمهيدا ل" in p.message
