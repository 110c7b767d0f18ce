"""HTML -> plain text for alerts and detection. Pure functions, stdlib only.

Why our own converter: feedparser sanitises HTML but leaves `text/plain` content
alone, and alerts are rendered as text/Markdown, so every body goes through one
conversion we control (FACTS.md, feedparser section). Arabic text is passed
through untouched: no normalisation here (that belongs to monitor/text), and
zero-width marks (ZWNJ, ZWJ, RLM...) are kept because deleting them can join
words; only whitespace is collapsed.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Elements whose end or start is a line break in rendered text.
_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
))
# Elements whose content is never reader-visible text (or is fallback markup).
_SKIP = frozenset((
    "script", "style", "noscript", "template", "head", "title", "iframe", "object",
    "embed", "svg", "math", "canvas", "select", "button",
))
# Void elements have no end tag, so they must not open a skip region.
_VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
))
_CELL = frozenset(("td", "th"))
# Blocks that end a paragraph (blank line), not just a line.
_PARA = frozenset((
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol",
    "dl", "figure",
))

_SPACES = re.compile(r"[^\S\n]+")  # any Unicode whitespace except newline (incl. NBSP)
_BLANKS = re.compile(r"\n{3,}")
_TAG = re.compile(r"<[^>]*>")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        # convert_charrefs=True: entities (&amp; &#1583; &nbsp;) arrive unescaped in
        # handle_data, including ones split across feed() chunks.
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0
        self.pending = 0  # line breaks owed before the next text

    def _break(self, lines: int) -> None:
        # Breaks are owed, not written: a run of nested/adjacent blocks
        # (</li><li>, </p></div><p>) yields one break of the largest kind.
        self.pending = max(self.pending, lines)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP and tag not in _VOID:
            self.skip_depth += 1
        elif tag == "br":
            self.parts.append("\n")  # explicit: two <br> are two line breaks
        elif tag in _BLOCK:
            self._break(2 if tag in _PARA else 1)
            if tag == "pre":
                self.pre_depth += 1
        elif tag in _CELL:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <p/>: like a start tag, but never opens a skip or pre region.
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK:
            self._break(1)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and tag not in _VOID:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK:
            self._break(2 if tag in _PARA else 1)
            if tag == "pre":
                self.pre_depth = max(0, self.pre_depth - 1)

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if not self.pre_depth:
            # In HTML a source newline is just whitespace.
            data = data.replace("\r", " ").replace("\n", " ")
        if self.pending and data.strip():
            self.parts.append("\n" * self.pending)
            self.pending = 0
        self.parts.append(data)


def _tidy(text: str) -> str:
    """Collapse runs of spaces per line, strip lines, keep at most one blank line."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def html_to_text(markup: str) -> str:
    """Render an HTML fragment as plain text: blocks become lines, paragraphs are
    separated by one blank line, scripts/styles are dropped, entities unescaped."""
    if not markup:
        return ""
    if "<" not in markup:
        # No markup at all: many RSS descriptions are plain text declared as HTML,
        # and their line breaks are the only paragraph marks they have.
        return _tidy(html.unescape(markup))
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
        text = "".join(parser.parts)
    except Exception:  # html.parser is lenient, but a malformed declaration can still assert
        text = html.unescape(_TAG.sub(" ", markup))
    return _tidy(text)


def plain_to_text(text: str) -> str:
    """Tidy text that is already plain (Atom type="text"): keep its line breaks."""
    return _tidy(text or "")


def one_line(text: str) -> str:
    """Titles are shown on one line."""
    return " ".join(text.split())
