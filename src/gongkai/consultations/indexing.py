"""Published consultations as a search source (``gongkai.search``): source ``consultations.consultation``.

What is indexed is what the public page shows: the title, the summary, the
current round's clauses and, once published, the feedback summary with the
groups' titles and reasons — never a participant's name, phone or comment
text that was not approved for publication (comments are not indexed at all:
they are the public's words, not the government's). ``get_entry`` answers
None for an unpublished consultation.

Facets: ``department`` (id), ``kind`` (draft/call) and ``year`` of publication.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from .models import Consultation

SEARCH_SOURCE = "consultations.consultation"


def _public():
    return Consultation.objects.published().prefetch_related("rounds__clauses", "rounds__groups")


def entry_for(consultation: Consultation) -> dict[str, Any]:
    round = consultation.current_round()
    parts = [consultation.summary]
    if round is not None:
        parts += [f"{c.label} {c.text}".strip() for c in round.clauses.all()]
        if round.feedback_published_at:
            parts.append(round.feedback_summary)
            parts += [f"{g.title}：{g.reason}" for g in round.groups.all()]
    return {
        "object_id": str(consultation.pk),
        "url": consultation.get_public_url(),
        "title": consultation.title,
        "summary": consultation.summary[:200],
        "body": "\n".join(p for p in parts if p),
        "published_at": consultation.published_at,
        "facets": {
            "department": consultation.department_id,
            "kind": consultation.kind,
            "year": timezone.localtime(consultation.published_at).year,
        },
    }


def iter_entries() -> Iterator[dict[str, Any]]:
    for consultation in _public().order_by("pk").iterator(chunk_size=200):
        yield entry_for(consultation)


def get_entry(object_id: str) -> dict[str, Any] | None:
    if not str(object_id).isdigit():
        return None
    consultation = _public().filter(pk=int(object_id)).first()
    return entry_for(consultation) if consultation is not None else None


def count() -> int:
    return Consultation.objects.published().count()


def schedule(consultation: Consultation) -> None:
    """Bring the index in step with the consultation once the transaction commits."""
    from gongkai.search.jobs import schedule_reindex

    schedule_reindex(SEARCH_SOURCE, consultation.pk)


def register() -> None:
    from gongkai.search.registry import register_source

    register_source(
        SEARCH_SOURCE,
        label="意见征集",
        iter_entries=iter_entries,
        get_entry=get_entry,
        count=count,
        facets={"kind": "征集类型"},
    )
