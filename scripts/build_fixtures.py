#!/usr/bin/env python3
"""Build fixture feeds from fixtures/src/**/*.yaml.

    .venv/bin/python scripts/build_fixtures.py           # (re)write outputs
    .venv/bin/python scripts/build_fixtures.py --check   # exit 1 if outputs are stale

Sources outside fixtures/src/devset/ -> fixtures/feeds/<feed>.xml + labels.jsonl;
fixtures/src/devset/*.yaml -> fixtures/devset/<feed>.xml + labels.jsonl (likewise holdout/,
the set the detector is never tuned on).
A source file holds one feed mapping or `feeds:` (a list of them); items of the
same feed id from several files are merged (their feed metadata must agree).
Output is deterministic: items newest first (ties by id), files written only
when their bytes change (so file:// replays of unchanged fixtures stay 304).
Schema: fixtures/README.md.
"""

from __future__ import annotations

import argparse
import email.utils
import html
import json
import os
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from monitor.models import GOVERNORATES, INCIDENT_TYPES  # noqa: E402

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
for _prefix, _uri in (("atom", ATOM), ("content", CONTENT), ("dc", DC)):  # RSS only
    ET.register_namespace(_prefix, _uri)

FEED_KEYS = {"outlet", "feed", "format", "language", "site", "items", "title",
             "description", "feed_url"}
ITEM_KEYS = {"guid", "link", "published", "updated", "title", "summary", "body",
             "body_file", "author", "categories", "label", "note"}
LABEL_KEYS = ("relevant", "event", "type", "governorate", "place", "killed", "injured",
              "class")
LABEL_NOTE = "note"  # free-text annotator's note: allowed, never exported
META_KEYS = ("outlet", "format", "language", "site", "title", "description", "feed_url")


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as text, so the offset written in the
    source is the offset written in the feed (PyYAML would build datetimes)."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in rs if tag != "tag:yaml.org,2002:timestamp"]
    for ch, rs in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Entry:
    guid: str
    link: str
    published: datetime
    updated: datetime
    title: str
    body: str
    summary: str
    author: str | None
    categories: list[str]
    label: dict[str, Any]


@dataclass
class Feed:
    id: str
    meta: dict[str, Any]
    entries: list[Entry] = field(default_factory=list)


class Problems(list[str]):
    def add(self, where: str, msg: str) -> None:
        self.append(f"{where}: {msg}")


def _str(v: Any) -> bool:
    return isinstance(v, str) and v.strip() != ""


def _when(v: Any, where: str, probs: Problems) -> datetime | None:
    try:
        dt = datetime.fromisoformat(str(v).replace("Z", "+00:00"))
    except ValueError:
        probs.add(where, f"not an ISO 8601 date-time: {v!r}")
        return None
    if dt.tzinfo is None:
        probs.add(where, "needs a UTC offset, e.g. 2024-09-04T10:12:00+03:00")
        return None
    return dt


def _label(raw: Any, where: str, probs: Problems) -> dict[str, Any]:
    if not isinstance(raw, dict):
        probs.add(where, "must be a mapping with at least `relevant` and `class`")
        return {}
    for k in sorted(set(raw) - set(LABEL_KEYS) - {LABEL_NOTE}):
        probs.add(f"{where}.{k}", f"unknown label field (allowed: {', '.join(LABEL_KEYS)})")
    lab = {k: raw.get(k) for k in LABEL_KEYS}
    if not isinstance(lab["relevant"], bool):
        probs.add(f"{where}.relevant", "required, true or false")
    if not (_str(lab["class"]) and re.fullmatch(r"[a-z_]+", lab["class"])):
        probs.add(f"{where}.class", "required, lower_snake_case (incident, analysis, ...)")
    if lab["type"] is not None and lab["type"] not in INCIDENT_TYPES:
        probs.add(f"{where}.type", f"{lab['type']!r} not in {', '.join(INCIDENT_TYPES)}")
    if lab["relevant"] is True and lab["type"] is None:
        probs.add(f"{where}.type", "required when relevant is true")
    if lab["governorate"] is not None and lab["governorate"] not in GOVERNORATES:
        probs.add(f"{where}.governorate",
                  f"{lab['governorate']!r} not in {', '.join(GOVERNORATES)}")
    for k in ("killed", "injured"):
        v = lab[k]
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            probs.add(f"{where}.{k}", "a non-negative integer or null")
    for k in ("event", "place"):
        if lab[k] is not None and not _str(lab[k]):
            probs.add(f"{where}.{k}", "a non-empty string or null")
    return lab


def _entry(raw: Any, src: Path, where: str, probs: Problems) -> Entry | None:
    if not isinstance(raw, dict):
        probs.add(where, "must be a mapping")
        return None
    n = len(probs)
    for k in sorted(set(raw) - ITEM_KEYS):
        probs.add(f"{where}.{k}", f"unknown item field (allowed: {', '.join(sorted(ITEM_KEYS))})")
    title = raw.get("title")
    if ("body" in raw) == ("body_file" in raw):
        probs.add(f"{where}.body", "give exactly one of `body` or `body_file`")
        body = ""
    elif "body_file" in raw:
        path = (src.parent / str(raw["body_file"])).resolve()
        try:
            body = path.read_text(encoding="utf-8")
        except OSError as e:
            probs.add(f"{where}.body_file", f"cannot read {path}: {e.strerror}")
            body = ""
        if title is None and body:
            # A seed text's first line is its headline.
            title, _, body = body.partition("\n")
    else:
        body = raw["body"]
    if not _str(body):
        probs.add(f"{where}.body", "empty")
    if not _str(title):
        probs.add(f"{where}.title", "required (or the first line of body_file)")
    for k in ("guid", "link"):
        if not _str(raw.get(k)):
            probs.add(f"{where}.{k}", "required, a non-empty string")
    if _str(raw.get("link")) and not re.match(r"https?://", raw["link"]):
        probs.add(f"{where}.link", "must be an absolute http(s) URL")
    published = _when(raw.get("published"), f"{where}.published", probs)
    updated = _when(raw["updated"], f"{where}.updated", probs) if "updated" in raw else published
    cats = raw.get("categories") or []
    if not (isinstance(cats, list) and all(_str(c) for c in cats)):
        probs.add(f"{where}.categories", "a list of strings")
    label = _label(raw.get("label"), f"{where}.label", probs)
    if len(probs) > n or published is None or updated is None:
        return None
    return Entry(str(raw["guid"]), raw["link"], published, updated, str(title).strip(),
                 str(body), str(raw.get("summary") or ""), raw.get("author"), cats, label)


def load(root: Path) -> tuple[dict[str, dict[str, Feed]], Problems]:
    """Read every source; returns {group: {feed id: Feed}} and all problems found."""
    probs = Problems()
    groups: dict[str, dict[str, Feed]] = {}
    src_dir = root / "fixtures" / "src"
    for src in sorted(src_dir.rglob("*.yaml")):
        rel = src.relative_to(root)
        # fixtures/src/<group>/… → fixtures/<group>/ (devset, holdout…); top-level files → feeds.
        sub = src.relative_to(src_dir).parts
        group = sub[0] if len(sub) > 1 else "feeds"
        try:
            doc = yaml.load(src.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
        except yaml.YAMLError as e:
            probs.add(str(rel), f"invalid YAML: {' '.join(str(e).split())}")
            continue
        if isinstance(doc, dict) and "feeds" in doc:
            feeds, prefix = doc["feeds"], "feeds"
        else:
            feeds, prefix = [doc], ""
        if not isinstance(feeds, list):
            probs.add(f"{rel}: feeds", "must be a list of feed mappings")
            continue
        for fi, fd in enumerate(feeds):
            where = f"{rel}: {prefix}[{fi}]" if prefix else f"{rel}:"
            _load_feed(fd, src, where, groups.setdefault(group, {}), probs)
    for group, feeds in sorted(groups.items()):
        for fid, feed in sorted(feeds.items()):
            for k in ("outlet", "format", "language", "site"):
                if feed.meta[k] is None:
                    probs.add(f"feed {fid} ({group})", f"`{k}` is not given in any source")
    return groups, probs


def _load_feed(fd: Any, src: Path, where: str, feeds: dict[str, Feed], probs: Problems) -> None:
    if not isinstance(fd, dict):
        probs.add(where, "a feed must be a mapping")
        return
    dot = "." if where.endswith("]") else " "
    for k in sorted(set(fd) - FEED_KEYS):
        probs.add(f"{where}{dot}{k}",
                  f"unknown feed field (allowed: {', '.join(sorted(FEED_KEYS))})")
    fid = fd.get("feed")
    if not (_str(fid) and re.fullmatch(r"[a-z0-9][a-z0-9-]*", fid)):
        probs.add(f"{where}{dot}feed", "required, a lowercase slug like enab-baladi-ar")
        return
    # outlet/format/language/site may be given once per feed id (a later file
    # adding items to the same feed can omit them); load() checks the merge.
    for k in ("outlet", "language", "site"):
        if k in fd and not _str(fd[k]):
            probs.add(f"{where}{dot}{k}", "must be a non-empty string")
    if "format" in fd and fd["format"] not in ("rss", "atom"):
        probs.add(f"{where}{dot}format", "rss or atom")
    meta = {k: fd.get(k) for k in META_KEYS}
    feed = feeds.setdefault(fid, Feed(fid, meta))
    for k in META_KEYS:
        if meta[k] is not None and feed.meta[k] is not None and meta[k] != feed.meta[k]:
            probs.add(f"{where}{dot}{k}", f"{meta[k]!r} conflicts with {feed.meta[k]!r} "
                                          f"given for feed {fid} elsewhere")
        feed.meta[k] = feed.meta[k] if feed.meta[k] is not None else meta[k]
    items = fd.get("items")
    if not isinstance(items, list) or not items:
        probs.add(f"{where}{dot}items", "required, a non-empty list")
        return
    seen = {e.guid for e in feed.entries}
    for i, raw in enumerate(items):
        e = _entry(raw, src, f"{where}{dot}items[{i}]", probs)
        if e and e.guid in seen:
            probs.add(f"{where}{dot}items[{i}].guid", f"duplicate guid {e.guid!r} in feed {fid}")
        elif e:
            seen.add(e.guid)
            feed.entries.append(e)


# -- rendering -----------------------------------------------------------------

def _paragraphs(body: str) -> list[str]:
    return [line.strip() for line in body.splitlines() if line.strip()]


def _html(body: str) -> str:
    # One <p> per source line: the seeds keep one paragraph per line.
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in _paragraphs(body))


def _teaser(e: Entry, limit: int = 200) -> str:
    """What a CMS puts in <description>/<summary>: the opening words, WordPress style."""
    if e.summary:
        return e.summary.strip()
    first = (_paragraphs(e.body) or [""])[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0] + " [\u2026]"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _ordered(feed: Feed) -> list[Entry]:
    return sorted(feed.entries, key=lambda e: (-e.published.timestamp(), e.guid))


def render_rss(feed: Feed) -> str:
    m, entries = feed.meta, _ordered(feed)
    rss = ET.Element("rss", {"version": "2.0"})
    ch = _sub(rss, "channel")
    _sub(ch, "title", m["title"] or m["outlet"])
    _sub(ch, "link", m["site"])
    _sub(ch, "description", m["description"] or m["outlet"])
    _sub(ch, "language", m["language"])
    _sub(ch, "lastBuildDate", email.utils.format_datetime(max(e.updated for e in entries)))
    _sub(ch, f"{{{ATOM}}}link", href=m["feed_url"] or m["site"].rstrip("/") + "/feed/",
         rel="self", type="application/rss+xml")
    for e in entries:
        it = _sub(ch, "item")
        _sub(it, "title", e.title)
        _sub(it, "link", e.link)
        if e.author:
            _sub(it, f"{{{DC}}}creator", e.author)
        _sub(it, "pubDate", email.utils.format_datetime(e.published))
        for c in e.categories:
            _sub(it, "category", c)
        _sub(it, "guid", e.guid, isPermaLink="true" if e.guid == e.link else "false")
        _sub(it, "description", _teaser(e))
        _sub(it, f"{{{CONTENT}}}encoded", _html(e.body))
    return _serialise(rss)


def render_atom(feed: Feed) -> str:
    m, entries = feed.meta, _ordered(feed)
    self_url = m["feed_url"] or m["site"].rstrip("/") + "/feed/atom/"
    # Plain names + a literal xmlns: ElementTree cannot combine a default
    # namespace with the unqualified attributes Atom uses.
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": m["language"]})
    _sub(root, "title", m["title"] or m["outlet"])
    _sub(root, "subtitle", m["description"] or m["outlet"])
    _sub(root, "id", self_url)
    _sub(root, "updated", max(e.updated for e in entries).isoformat())
    _sub(root, "link", href=m["site"], rel="alternate", type="text/html")
    _sub(root, "link", href=self_url, rel="self", type="application/atom+xml")
    author = _sub(root, "author")  # RFC 4287 4.1.1: feed or every entry
    _sub(author, "name", m["outlet"])
    for e in entries:
        en = _sub(root, "entry")
        _sub(en, "id", e.guid)
        _sub(en, "title", e.title, type="text")
        _sub(en, "link", href=e.link, rel="alternate", type="text/html")
        _sub(en, "published", e.published.isoformat())
        _sub(en, "updated", e.updated.isoformat())
        if e.author:
            _sub(_sub(en, "author"), "name", e.author)
        for c in e.categories:
            _sub(en, "category", term=c)
        _sub(en, "summary", _teaser(e), type="text")
        _sub(en, "content", _html(e.body), type="html")
    return _serialise(root)


def _serialise(root: ET.Element) -> str:
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def labels(feeds: dict[str, Feed]) -> str:
    lines = []
    for fid in sorted(feeds):
        for e in _ordered(feeds[fid]):
            row = {"feed": fid, "id": e.guid, **{k: e.label[k] for k in LABEL_KEYS}}
            lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def outputs(root: Path) -> tuple[dict[Path, bytes], Problems]:
    groups, probs = load(root)
    out: dict[Path, bytes] = {}
    for group, feeds in sorted(groups.items()):
        d = root / "fixtures" / group
        for fid, feed in sorted(feeds.items()):
            if not feed.entries:
                continue
            render = render_atom if feed.meta["format"] == "atom" else render_rss
            out[d / f"{fid}.xml"] = render(feed).encode("utf-8")
        out[d / "labels.jsonl"] = labels({k: f for k, f in feeds.items() if f.entries}).encode()
    return out, probs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if outputs differ")
    ap.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    root = args.root.resolve()
    out, probs = outputs(root)
    if probs:
        print(f"{len(probs)} problem(s) in fixture sources:", *probs, sep="\n  ", file=sys.stderr)
        return 2
    # Generated .xml files no source produces any more are stale.
    stale = sorted(p for d in {p.parent for p in out} for p in d.glob("*.xml") if p not in out)
    changed = sorted(p for p, data in out.items() if not p.is_file() or p.read_bytes() != data)
    if args.check:
        for p in changed:
            print(f"{p.relative_to(root)}: {'differs' if p.exists() else 'missing'}")
        for p in stale:
            print(f"{p.relative_to(root)}: stale (no source)")
        if changed or stale:
            print("fixtures are out of date: run scripts/build_fixtures.py", file=sys.stderr)
            return 1
        print(f"fixtures up to date ({len(out)} files)")
        return 0
    for p in changed:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(p.suffix + ".tmp")
        tmp.write_bytes(out[p])
        os.replace(tmp, p)  # readers never see half a feed
        print(f"wrote {p.relative_to(root)}")
    for p in stale:
        p.unlink()
        print(f"removed stale {p.relative_to(root)}")
    print(f"{len(out)} files, {len(changed)} changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
