"""Already-answered messages like the one being written, for the panel beside the form.

``gongkai.interaction.similar.similar_messages`` finds them (Chinese text
similarity over the search index). Until that module is installed, a plain
search over the subject's longest words stands in, with the same result shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

LIMIT = 5
MIN_CHARS = 4  # fewer characters of subject and text together: nothing to compare yet


@dataclass(frozen=True)
class Suggestion:
    pk: int
    url: str
    subject: str
    excerpt: str
    replied_on: date | None
    department: str
    score: float = 0.0


def similar(subject: str, text: str, *, government=None, limit: int = LIMIT) -> list:
    subject, text = (subject or "").strip()[:100], (text or "").strip()[:3000]
    if len(subject) + len(text) < MIN_CHARS:
        return []
    try:
        from ..similar import similar_messages
    except ImportError:
        return _by_search(subject or text[:60], government=government, limit=limit)
    return list(similar_messages(subject, text, government=government, limit=limit))


def _by_search(subject: str, *, government, limit: int) -> list[Suggestion]:
    from gongkai import search
    from gongkai.search.tokens import words

    from ..indexing import SEARCH_SOURCE
    from ..models import Message

    terms = sorted({w for w in words(subject) if len(w) >= 2}, key=len, reverse=True)[:3]
    ranked: dict[int, int] = {}
    for term in terms:
        for hit in search.search(term, filters={"source": [SEARCH_SOURCE]}, per_page=limit).hits:
            ranked[int(hit.object_id)] = ranked.get(int(hit.object_id), 0) + 1
    if not ranked:
        return []
    messages = Message.objects.published().filter(pk__in=ranked, wants_public=True)
    if government is not None:
        messages = messages.filter(channel__government__path__startswith=government.path)
    found = messages.select_related("replied_by_department")
    ordered = sorted(found, key=lambda m: (-ranked[m.pk], -m.pk))[:limit]
    return [
        Suggestion(
            pk=m.pk,
            url=m.get_public_url(),
            subject=m.masked_subject,
            excerpt=m.masked_reply[:120],
            replied_on=timezone.localtime(m.replied_at).date() if m.replied_at else None,
            department=m.replied_by_department.name if m.replied_by_department else "",
            score=float(ranked[m.pk]),
        )
        for m in ordered
    ]
