"""Reading the portal's HTML in tests: the listed titles, the metadata box."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def listed_titles(html: str) -> list[str]:
    """Titles of the items in the page's lists (``_item_list.html`` and search hits)."""
    return [
        _text(m)
        for m in re.findall(r'<h3 class="xxgk-entry-title"><a href="[^"]*">(.*?)</a>', html, re.S)
    ]


class _MetaBox(HTMLParser):
    def __init__(self):
        super().__init__()
        self.depth = 0  # inside <dl class="xxgk-meta">
        self.current: str | None = None
        self.buffer: list[str] = []
        self.pairs: dict[str, str] = {}
        self.term = ""

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "dl" and "xxgk-meta" in classes and not self.pairs:
            self.depth = 1
        elif tag == "dl" and self.depth:
            self.depth += 1
        if self.depth and tag in ("dt", "dd"):
            self.current, self.buffer = tag, []

    def handle_endtag(self, tag):
        if self.depth and tag == self.current:
            text = re.sub(r"\s+", " ", "".join(self.buffer)).strip()
            if tag == "dt":
                self.term = text
            else:
                self.pairs[self.term] = text
            self.current = None
        if tag == "dl" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.current:
            self.buffer.append(data)


def meta_box(html: str) -> dict[str, str]:
    """The first metadata box (``<dl class="xxgk-meta">``) as {term: text}."""
    parser = _MetaBox()
    parser.feed(html)
    return parser.pairs
