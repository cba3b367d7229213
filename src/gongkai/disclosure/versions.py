"""Snapshots of the public fields, kept as ``ItemVersion`` rows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils import timezone

from gongkai.audit.services import to_json

from .models import InformationItem, ItemVersion


def public_snapshot(item: InformationItem) -> dict[str, Any]:
    """The item as the public sees it: what a version records."""
    data = {
        "index_number": item.index_number,
        "title": item.title,
        "document_number": item.document_number,
        "department": item.department.name,
        "publishing_departments": [d.name for d in item.publishing_departments.all()],
        "written_on": item.written_on,
        "published_at": item.published_at,
        "subject": item.subject.name,
        "genre": item.genre.name,
        "keywords": item.keywords,
        "summary": item.summary,
        "body": item.body,
        "source": item.source,
        "item_type": item.item_type,
        "key_areas": [a.slug for a in item.key_areas.all()],
        "content_categories": [c.code for c in item.content_categories.all()],
    }
    if item.has_validity:
        data.update(
            effective_on=item.effective_on,
            expires_on=item.expires_on,
            validity=item.validity,
            validity_changed_on=item.validity_changed_on,
            replaced_by=[i.index_number for i in item.replaced_by.all()],
        )
    if item.interpretation_form:
        data.update(
            interpretation_form=item.interpretation_form,
            video_url=item.video_url,
            expert_name=item.expert_name,
            interprets=[i.index_number or i.title for i in item.interprets.all()],
        )
    attachments = getattr(item, "attachments", None)
    if attachments is not None:
        data["attachments"] = [
            {"title": a.title, "sha256": a.file.sha256} for a in attachments.select_related("file")
        ]
    return to_json(data)


def add_version(
    item: InformationItem, *, kind: str, reason: str, actor, at: datetime | None = None
) -> ItemVersion:
    """Append the version the public sees from ``at`` (default: now) on."""
    return ItemVersion.objects.create(
        item=item,
        revision=item.revision,
        kind=kind,
        reason=reason,
        snapshot=public_snapshot(item),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=at or timezone.now(),
    )
