"""Drafting: create a draft, change it while it is a draft or returned (退回修改)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.concurrency import claim_version
from gongkai.core.errors import DomainError

from . import validation
from .deadlines import sync_publish_clock
from .models import EDITABLE_STATES, InformationItem, ItemState

FOREIGN_KEYS = frozenset({"department", "subject", "genre"})
TRACKED_FOR_AUDIT = (*validation.DRAFT_FIELDS, *validation.DRAFT_RELATIONS)


def _audit_value(item: InformationItem, name: str) -> Any:
    if name in validation.DRAFT_RELATIONS or name in ("replaced_by",):
        return sorted(getattr(item, name).values_list("pk", flat=True))
    if name in FOREIGN_KEYS:
        return getattr(item, f"{name}_id")
    return getattr(item, name)


def audit_state(item: InformationItem, names) -> dict[str, Any]:
    return {name: _audit_value(item, name) for name in names}


def set_fields(item: InformationItem, data: dict[str, Any], scalars) -> list[str]:
    """Copy the ``scalars`` of ``data`` onto ``item``; return the names that changed."""
    changed = []
    for name in scalars:
        if name not in data:
            continue
        value = data[name]
        if name in FOREIGN_KEYS:
            current = getattr(item, f"{name}_id")
            new = value.pk if value is not None else None
        else:
            current, new = getattr(item, name), value
        if current != new or item.pk is None:
            setattr(item, name, value)
            changed.append(name)
    return changed


def set_relations(item: InformationItem, data: dict[str, Any], relations) -> list[str]:
    changed = []
    for name in relations:
        if name not in data:
            continue
        new = {obj.pk for obj in data[name]}
        manager = getattr(item, name)
        if set(manager.values_list("pk", flat=True)) != new:
            manager.set(list(new))
            changed.append(name)
    return changed


def _check_interprets(item: InformationItem | None, data: dict[str, Any]) -> None:
    targets = data.get("interprets") or []
    if item is not None and any(t.pk == item.pk for t in targets):
        raise validation.ItemInvalid({"interprets": "政策解读不能解读它自己。"})


def create_draft(
    *, actor, department, data: dict[str, Any], ip: str | None = None
) -> InformationItem:
    """A new draft (草稿) owned by ``department``, written by ``actor``."""
    access.require(actor, "disclosure.create", department)
    data = validation.check({**data, "department": department})
    _check_interprets(None, data)
    item = InformationItem(
        government=department.government,
        department=department,
        created_by=actor,
        state=ItemState.DRAFT,
    )
    set_fields(item, data, validation.DRAFT_FIELDS)
    with transaction.atomic():
        item.save()
        data.setdefault("publishing_departments", [department])
        set_relations(item, data, validation.DRAFT_RELATIONS)
        record(
            "disclosure.item.create",
            actor=actor,
            obj=item,
            after=audit_state(item, TRACKED_FOR_AUDIT),
            ip=ip,
        )
        sync_publish_clock(item, actor=actor)
    return item


def update_draft(
    item: InformationItem,
    *,
    actor,
    expected_version: int,
    data: dict[str, Any],
    ip: str | None = None,
) -> InformationItem:
    """Save changes to a draft or returned item; refused if someone saved in between."""
    access.require(actor, "disclosure.edit", item)
    department = data.get("department", item.department)
    if department.pk != item.department_id:
        access.require(actor, "disclosure.create", department)
    data = validation.check({"department": department, "item_type": item.item_type, **data})
    _check_interprets(item, data)
    with transaction.atomic():
        locked = InformationItem.objects.select_for_update().get(pk=item.pk)
        if locked.state not in EDITABLE_STATES:
            raise DomainError(
                f"该信息当前状态为“{locked.get_state_display()}”，只有草稿和退回修改的信息可以修改。",
                code="not_editable",
            )
        claim_version(item, expected_version)
        before = audit_state(item, TRACKED_FOR_AUDIT)
        changed = set_fields(item, data, validation.DRAFT_FIELDS)
        if department.pk != locked.department_id:
            item.government = department.government
            changed.append("government")
        item.save(update_fields=[*changed, "version", "updated_at"])
        changed += set_relations(item, data, validation.DRAFT_RELATIONS)
        if changed:
            names = [n for n in changed if n != "government"]
            record(
                "disclosure.item.update",
                actor=actor,
                obj=item,
                before={n: before[n] for n in names},
                after=audit_state(item, names),
                ip=ip,
            )
        sync_publish_clock(item, actor=actor)
    return item
