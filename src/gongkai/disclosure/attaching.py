"""Attachments (附件) of a draft: uploaded through ``gongkai.files`` (content
sniffed, size-limited, SHA-256), added and removed while the item may be edited."""

from __future__ import annotations

import os

from django.db import transaction
from django.db.models import Max

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.errors import DomainError
from gongkai.files.kinds import DOCUMENT_KINDS, IMAGE_KINDS
from gongkai.files.services import store_upload

from .models import EDITABLE_STATES, InformationItem, ItemAttachment

ATTACHMENT_KINDS = (*DOCUMENT_KINDS, *IMAGE_KINDS)


def _editable(item: InformationItem) -> InformationItem:
    locked = InformationItem.objects.select_for_update().get(pk=item.pk)
    if locked.state not in EDITABLE_STATES:
        raise DomainError(
            f"该信息当前状态为“{locked.get_state_display()}”，只有草稿和退回修改的信息可以增删附件。",
            code="not_editable",
        )
    return locked


def add_attachment(
    item: InformationItem, *, actor, uploaded_file, title: str = "", ip: str | None = None
) -> ItemAttachment:
    """Store the upload (refused with ``FileRejected``) and attach it at the end."""
    access.require(actor, "disclosure.edit", item)
    with transaction.atomic():
        _editable(item)
        stored = store_upload(uploaded_file, allowed_kinds=ATTACHMENT_KINDS, uploaded_by=actor)
        last = item.attachments.aggregate(m=Max("sort_order"))["m"]
        attachment = ItemAttachment.objects.create(
            item=item,
            file=stored,
            title=(title.strip() or os.path.splitext(stored.original_name)[0])[:200],
            sort_order=(last or 0) + 1,
            added_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(
            "disclosure.item.attach",
            actor=actor,
            obj=item,
            after={"attachment": attachment.pk, "title": attachment.title, "sha256": stored.sha256},
            ip=ip,
        )
    return attachment


def remove_attachment(attachment: ItemAttachment, *, actor, ip: str | None = None) -> None:
    item = attachment.item
    access.require(actor, "disclosure.edit", item)
    with transaction.atomic():
        _editable(item)
        record(
            "disclosure.item.detach",
            actor=actor,
            obj=item,
            before={
                "attachment": attachment.pk,
                "title": attachment.title,
                "sha256": attachment.file.sha256,
            },
            ip=ip,
        )
        attachment.delete()
