"""Highlighted snippets: the text around the first match, HTML-escaped, terms in ``<mark>``.

Done in Python on the stored plain text, the same way for both engines. A
term is found as its letter/digit/CJK runs in order with anything else
between them (``2026年`` also marks ``2026 年``), in the text folded as the
tokenizer folds it (NFKC, lower case: ``gdp`` marks ``ＧＤＰ``).
Everything outside the marks is escaped, so text indexed with ``<script>``
comes back as ``&lt;script&gt;``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django.utils.html import escape

from .query import Term
from .tokens import JOINERS, segments

SNIPPET_CHARS = 160
_SPACES_RE = re.compile(r"\s+")
_GAP = r"[\W_]*?"
_JOINED = f"[{re.escape(JOINERS)}]*"


def _term_pattern(term: Term) -> str | None:
    parts = []
    for segment in segments(term.text):
        # Quotation and book-title marks may sit between the characters (“三公”经费).
        piece = _JOINED.join(re.escape(c) for c in segment.text)
        if not segment.cjk:
            piece = re.escape(segment.text)
            piece = rf"(?<![a-z0-9]){piece}(?![a-z0-9])" if segment.text.isascii() else piece
        parts.append(piece)
    return _GAP.join(parts) if parts else None


def highlighter(terms: Iterable[Term]) -> re.Pattern | None:
    """One regular expression finding any of the terms, longest first."""
    patterns = {p for p in (_term_pattern(a) for t in terms for a in t.marked()) if p}
    if not patterns:
        return None
    return re.compile("|".join(sorted(patterns, key=len, reverse=True)))


def _folded(text: str) -> tuple[str, list[int] | None]:
    """The text as the tokenizer sees it (NFKC, lower case), and where each of its
    characters came from (None: one to one, the usual case)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    if len(folded) == len(text):
        return folded, None
    pieces, origin = [], []
    for index, char in enumerate(text):
        piece = unicodedata.normalize("NFKC", char).lower()
        pieces.append(piece)
        origin.extend([index] * len(piece))
    origin.append(len(text))
    return "".join(pieces), origin


def spans(text: str, pattern: re.Pattern | None) -> list[tuple[int, int]]:
    """Where the pattern matches, in positions of the original text."""
    if pattern is None or not text:
        return []
    folded, origin = _folded(text)
    out = []
    for match in pattern.finditer(folded):
        start, end = match.span()
        if start == end:
            continue
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        out.append((start, end))
    return out


def _marked(text: str, found: list[tuple[int, int]], start: int, end: int) -> str:
    out, last = [], start
    for s, e in found:
        if s < last or e > end:
            continue
        out.append(escape(text[last:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        last = e
    out.append(escape(text[last:end]))
    return "".join(out)


def mark(text: str, pattern: re.Pattern | None) -> str:
    """The whole text, escaped, with every match of ``pattern`` in ``<mark>``."""
    return _marked(text, spans(text, pattern), 0, len(text))


def snippet(text: str, pattern: re.Pattern | None, length: int = SNIPPET_CHARS) -> str:
    """About ``length`` characters of ``text`` around the first match, marked and escaped;
    the beginning of the text when nothing matches in it."""
    text = _SPACES_RE.sub(" ", text).strip()
    found = spans(text, pattern)
    start = max(0, found[0][0] - length // 4) if found else 0
    end = min(len(text), start + length)
    if found and found[0][1] > end:
        end = found[0][1]
    return (
        ("…" if start > 0 else "")
        + _marked(text, found, start, end)
        + ("…" if end < len(text) else "")
    )
