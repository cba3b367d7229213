"""The chosen agency's guidance beside the form: contact details and its 指南 (guide)."""

from __future__ import annotations

from gongkai.disclosure.models import InformationItem, ItemType

from .forms import portal_departments


def department_in_portal(pk) -> object | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return portal_departments().filter(pk=pk).first()


def guide_items(department, limit: int = 3):
    """The agency's published 政府信息公开指南 items, newest first."""
    return list(
        InformationItem.objects.public()
        .in_catalogue_of(department)
        .filter(item_type=ItemType.GUIDE)
        .order_by("-published_at", "-id")[:limit]
    )


def guidance_context(department) -> dict:
    if department is None:
        return {"guide_department": None, "guides": []}
    return {"guide_department": department, "guides": guide_items(department)}
