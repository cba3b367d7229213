"""The catalogue as a search source (``gongkai.search``): source ``disclosure.item``.

An entry is a public item: title, 内容概述 as summary, the body's text plus
the extracted text of its attachments as body, published_at, and the facets
department (every publishing department's id), subject and genre (ids), year
(of publication, Beijing time), validity (规范性文件 and 规章 only), key_area
(slugs) and item_type. ``get_entry`` answers None for anything not public, so
the same reindex job indexes a published item and removes a withdrawn one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch

from .effects import SEARCH_SOURCE
from .models import InformationItem, ItemAttachment
from .sanitize import plain_text


def _public():
    return (
        InformationItem.objects.public()
        .select_related("subject", "genre")
        .prefetch_related(
            "publishing_departments",
            "key_areas",
            # One query per batch for the attachments' text, not one per item.
            Prefetch("attachments", queryset=ItemAttachment.objects.select_related("file")),
        )
    )


def entry_for(item: InformationItem) -> dict[str, Any]:
    parts = [plain_text(item.body)]
    attachments = getattr(item, "attachments", None)
    if attachments is not None:
        parts += [a.file.extracted_text for a in attachments.all()]
    facets: dict[str, Any] = {
        "department": sorted(
            {d.pk for d in item.publishing_departments.all()} | {item.department_id}
        ),
        "subject": item.subject_id,
        "genre": item.genre_id,
        "year": item.published_on.year,
        "key_area": [a.slug for a in item.key_areas.all()],
        "item_type": item.item_type,
    }
    if item.has_validity and item.validity:
        facets["validity"] = item.validity
    return {
        "object_id": str(item.pk),
        "url": item.get_public_url(),
        "title": item.title,
        "summary": item.summary,
        "body": "\n".join(p for p in parts if p),
        "published_at": item.published_at,
        "facets": facets,
    }


def iter_entries() -> Iterator[dict[str, Any]]:
    for item in _public().order_by("pk").iterator(chunk_size=500):
        yield entry_for(item)


def get_entry(object_id: str) -> dict[str, Any] | None:
    if not str(object_id).isdigit():
        return None
    item = _public().filter(pk=int(object_id)).first()
    return entry_for(item) if item is not None else None


def count() -> int:
    return InformationItem.objects.public().count()


def register() -> bool:
    """Register the source with the search module; False while it is absent."""
    try:
        from gongkai.search.registry import register_source
    except ImportError:
        return False
    register_source(
        SEARCH_SOURCE,
        label="政府信息",
        iter_entries=iter_entries,
        get_entry=get_entry,
        count=count,
        facets={"item_type": "信息类型"},
        weight=2.0,  # the government's own documents above the messages that quote them
    )
    return True
