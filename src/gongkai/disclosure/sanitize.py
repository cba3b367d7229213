"""Sanitising the body (正文) of an item: what rich text may contain.

Decisions (tested in tests/test_sanitize.py):

* Allowed: paragraphs, headings h2–h4 (h1 is the page title), lists, tables
  with their parts, emphasis, quotations, line breaks, links and images.
  Everything else is unwrapped to its text; ``script`` and ``style`` are
  removed with their content.
* No ``class``, ``style``, ``id`` or event-handler (``on*``) attributes: the
  portal's stylesheet decides the look, and the Content-Security-Policy would
  refuse inline styles anyway.
* Links: ``href`` only with http, https or mailto, or a path on this site;
  ``javascript:``, ``data:`` and every other scheme are dropped. Every link
  gets ``rel="noopener noreferrer"``.
* Images: ``src`` only from this site's own upload paths (``IMAGE_SOURCES``),
  never ``data:`` URLs (they bypass the upload checks — type sniffing, size
  limit, SHA-256 — and bloat every page) nor other sites (a tracking pixel on
  a government page). An image whose source is refused loses its ``src``.
"""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "sub",
        "sup",
        "blockquote",
        "hr",
        "a",
        "img",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Path prefixes on this site from which the body may show images.
IMAGE_SOURCES = ("/media/", "/files/")
_SAFE_PATH = re.compile(r"^/(?!/)[^\s\\]*$")


def _filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if value.startswith(IMAGE_SOURCES) and _SAFE_PATH.match(value) else None
    if attribute in {"width", "height", "colspan", "rowspan", "start"}:
        return value if value.isdigit() and len(value) <= 4 else None
    return value


def clean_html(html: str) -> str:
    """The body with everything unsafe removed (idempotent)."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def plain_text(html: str) -> str:
    """The text of a body, for summaries and search (tags removed, spaces collapsed)."""
    spaced = re.sub(r"<(/?)(p|br|div|li|h[1-6]|tr|td|th|caption)\b", r" <\1\2", html or "")
    text = nh3.clean(spaced, tags=set(), clean_content_tags={"script", "style"})
    text = text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
    text = text.replace("&quot;", '"').replace("&#39;", "'").replace("&amp;", "&")
    return re.sub(r"\s+", " ", text).strip()
