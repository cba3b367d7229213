"""A draft's text as clauses (条款), and what changed between two rounds.

``split(text)`` cuts a pasted draft at its clause headings, in the order a
Chinese normative text uses them: 第X条 (articles) when there are any,
otherwise 一、二、 (numbered items), otherwise paragraphs. The text before
the first heading (title, preamble) is a clause without a label.

``changes(old, new)`` pairs the clauses of two rounds — by label where both
have one (第三条 with 第三条), otherwise by position — and marks each pair
unchanged, changed (with a character-level diff, as Chinese has no spaces),
added or removed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_NUM = "零〇一二三四五六七八九十百千0-9"
ARTICLE_RE = re.compile(rf"^\s*(第[{_NUM}]+条)[\s　]*", re.MULTILINE)
ITEM_RE = re.compile(rf"^\s*([{_NUM}]+、)[\s　]*", re.MULTILINE)
MAX_CLAUSES = 500


@dataclass(frozen=True)
class Part:
    label: str
    text: str


def split(text: str) -> list[Part]:
    """The clauses of a draft's text; an empty text has none."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return []
    for pattern in (ARTICLE_RE, ITEM_RE):
        heads = list(pattern.finditer(text))
        if len(heads) >= 2:
            break
    else:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        return [Part("", p) for p in paragraphs[:MAX_CLAUSES]]
    parts = []
    preamble = text[: heads[0].start()].strip()
    if preamble:
        parts.append(Part("", preamble))
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = text[head.end() : end].strip()
        parts.append(Part(head.group(1), body))
    return parts[:MAX_CLAUSES]


def joined(parts) -> str:
    """The text ``split`` reads back into the same clauses (for editing a draft)."""
    return "\n\n".join(f"{p.label} {p.text}" if p.label else p.text for p in parts)


@dataclass(frozen=True)
class Change:
    kind: str  # "same", "changed", "added", "removed"
    label: str
    old: str
    new: str

    @property
    def kind_label(self) -> str:
        return {"same": "未修改", "changed": "已修改", "added": "新增", "removed": "删除"}[
            self.kind
        ]

    @property
    def marked(self) -> SafeString:
        """The new text with insertions in <ins> and deletions in <del>, escaped."""
        if self.kind != "changed":
            return mark_safe(escape(self.new or self.old))  # noqa: S308 (escaped above)
        out = []
        matcher = difflib.SequenceMatcher(None, self.old, self.new, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                out.append(escape(self.old[a1:a2]))
            if op in ("delete", "replace"):
                out.append(f"<del>{escape(self.old[a1:a2])}</del>")
            if op in ("insert", "replace"):
                out.append(f"<ins>{escape(self.new[b1:b2])}</ins>")
        return mark_safe("".join(out))  # noqa: S308 (every piece escaped)


def changes(old: list, new: list) -> list[Change]:
    """How ``new`` clauses differ from ``old`` ones (objects with .label and .text)."""
    old_keys = [p.label or f"#{i}" for i, p in enumerate(old)]
    new_keys = [p.label or f"#{i}" for i, p in enumerate(new)]
    out: list[Change] = []
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            for o, n in zip(old[a1:a2], new[b1:b2], strict=True):
                kind = "same" if o.text == n.text else "changed"
                out.append(Change(kind, n.label, o.text, n.text))
            continue
        olds, news = old[a1:a2], new[b1:b2]
        # Renumbered clauses (第五条 became 第六条): pair them by position first.
        for o, n in zip(olds, news, strict=False):
            kind = "same" if o.text == n.text else "changed"
            out.append(Change(kind, n.label or o.label, o.text, n.text))
        for o in olds[len(news) :]:
            out.append(Change("removed", o.label, o.text, ""))
        for n in news[len(olds) :]:
            out.append(Change("added", n.label, "", n.text))
    return out
