"""Public items as API dicts (the shapes of ``schemas``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from ..models import InformationItem, InterpretationForm, ItemType, Validity

SUMMARY_RELATED = ("department", "subject", "genre")


def with_summary_relations(queryset):
    return queryset.select_related(*SUMMARY_RELATED).prefetch_related(
        "publishing_departments", "key_areas"
    )


def _ref(department) -> dict[str, Any]:
    return {"id": department.pk, "name": department.name}


def api_url(request, index_number: str) -> str:
    return request.build_absolute_uri(
        reverse("api:disclosure_document", kwargs={"index_number": index_number})
    )


def portal_url(request, item: InformationItem) -> str | None:
    url = item.get_public_url()
    return request.build_absolute_uri(url) if url else None


def summary(item: InformationItem, request) -> dict[str, Any]:
    has_validity = item.has_validity and bool(item.validity)
    publishers = sorted(
        item.publishing_departments.all(), key=lambda d: (d.pk != item.department_id, d.pk)
    )
    return {
        "index_number": item.index_number,
        "title": item.title,
        "document_number": item.document_number,
        "item_type": item.item_type,
        "item_type_label": ItemType(item.item_type).label,
        "department": _ref(item.department),
        "publishing_departments": [_ref(d) for d in publishers] or [_ref(item.department)],
        "subject": {"id": item.subject_id, "name": item.subject.name},
        "genre": {"id": item.genre_id, "name": item.genre.name},
        "written_on": item.written_on,
        "published_at": timezone.localtime(item.published_at),
        "published_on": item.published_on,
        "validity": item.validity if has_validity else None,
        "validity_label": Validity(item.validity).label if has_validity else None,
        "key_areas": sorted(a.slug for a in item.key_areas.all()),
        "url": portal_url(request, item),
        "api_url": api_url(request, item.index_number),
    }


def _document_ref(item: InformationItem, request) -> dict[str, Any]:
    return {
        "index_number": item.index_number,
        "title": item.title,
        "url": portal_url(request, item),
        "api_url": api_url(request, item.index_number),
    }


def attachments_of(item: InformationItem, request) -> list[dict[str, Any]]:
    manager = getattr(item, "attachments", None)
    if manager is None:  # attachments not available yet
        return []
    out = []
    for attachment in manager.select_related("file"):
        stored = attachment.file
        out.append(
            {
                "name": getattr(attachment, "title", "") or stored.original_name,
                "size": stored.size,
                "size_display": stored.size_display,
                "kind": stored.kind,
                "download_url": request.build_absolute_uri(
                    reverse("api:disclosure_attachment", kwargs={"attachment_id": attachment.pk})
                ),
            }
        )
    return out


def detail_queryset():
    public = InformationItem.objects.public()
    return with_summary_relations(public).prefetch_related(
        Prefetch("replaced_by", queryset=public.order_by("published_at", "pk")),
        Prefetch("replaces", queryset=public.order_by("published_at", "pk")),
        Prefetch("interprets", queryset=public.order_by("published_at", "pk")),
        Prefetch("interpretations", queryset=public.order_by("published_at", "pk")),
        "versions",
    )


def detail(item: InformationItem, request) -> dict[str, Any]:
    data = summary(item, request)
    interpretation = None
    if item.item_type == ItemType.INTERPRETATION and item.interpretation_form:
        interpretation = {
            "form": item.interpretation_form,
            "form_label": InterpretationForm(item.interpretation_form).label,
            "video_url": item.video_url,
            "expert_name": item.expert_name,
        }
    data.update(
        keywords=item.keyword_list(),
        summary=item.summary,
        body=item.body,
        source=item.source,
        revision=item.revision,
        effective_on=item.effective_on if item.has_validity else None,
        expires_on=item.expires_on if item.has_validity else None,
        validity_changed_on=item.validity_changed_on if item.has_validity else None,
        replaced_by=[_document_ref(i, request) for i in item.replaced_by.all()],
        replaces=[_document_ref(i, request) for i in item.replaces.all()],
        is_major_policy=item.is_major_policy,
        interpretation=interpretation,
        interprets=[_document_ref(i, request) for i in item.interprets.all()],
        interpretations=[
            {
                **_document_ref(i, request),
                "form": i.interpretation_form,
                "form_label": InterpretationForm(i.interpretation_form).label
                if i.interpretation_form
                else "",
            }
            for i in item.interpretations.all()
        ],
        attachments=attachments_of(item, request),
        versions=[
            {
                "revision": v.revision,
                "kind": v.kind,
                "kind_label": v.get_kind_display(),
                "reason": v.reason,
                "at": timezone.localtime(v.at),
            }
            for v in item.versions.all()
        ],
    )
    return data
