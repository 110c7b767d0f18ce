"""`monitor explain`: why an item was (or was not) alerted, for an analyst."""

from __future__ import annotations

import asyncio
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from monitor.errors import FetchError, ParseError
from monitor.models import Item
from monitor.parse import parse_feed
from monitor.replay import guess_language


def _items_from_bytes(body: bytes, name: str, url: str) -> list[Item]:
    text = body.lstrip()[:200].decode("utf-8", "ignore")
    if text.startswith("<"):
        items = parse_feed(body, feed=name, url=url).items
    else:
        # Plain text: first line is the headline, the rest the body.
        raw = body.decode("utf-8", "replace").strip()
        title, _, rest = raw.partition("\n")
        items = [Item(feed=name, id="", link="", title=title.strip(), text=rest.strip(),
                      published=datetime.now(UTC))]
    lang = guess_language(items)
    return [replace(i, language=lang) for i in items]


def load_source(source: str) -> list[Item]:
    if source == "-":
        return _items_from_bytes(sys.stdin.buffer.read(), "stdin", "stdin:")
    if source.startswith(("http://", "https://")):
        from monitor.fetch import FetchLimits, HttpFetcher

        async def get() -> bytes:
            fetcher = HttpFetcher(FetchLimits())
            try:
                return (await fetcher.fetch(source, None)).body or b""
            finally:
                await fetcher.aclose()

        return _items_from_bytes(asyncio.run(get()), "url", source)
    path = Path(source)
    return _items_from_bytes(path.read_bytes(), path.stem, path.resolve().as_uri())


def explain_source(detector: Any, source: str, only: str | None, out: Any) -> int:
    from monitor.detect import render_explanation

    try:
        items = load_source(source)
    except (OSError, FetchError, ParseError) as exc:
        out.print(f"[red]cannot read {source}[/]: {exc}", highlight=False)
        return 2
    if only:
        items = [i for i in items if only in (i.id, i.link)]
        if not items:
            out.print(f"[red]no entry with id or link {only!r}[/]", highlight=False)
            return 2
    for n, item in enumerate(items):
        if n:
            out.rule()
        print(render_explanation(detector.explain(item)))
    return 0
