"""Corrections (更正) of published items and changes of validity (有效性).

Both leave the item published under the same 索引号, raise its ``revision``
and append an ``ItemVersion`` with the reason, so the public page can show
the change history; both update search after commit.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.concurrency import claim_version
from gongkai.core.errors import DomainError

from . import validation
from .drafting import audit_state, set_fields, set_relations
from .effects import reindex_on_commit
from .models import InformationItem, ItemState, Validity, VersionKind
from .review import REVIEW
from .versions import add_version


def correct_item(
    item: InformationItem,
    *,
    actor,
    expected_version: int,
    data: dict[str, Any],
    reason: str,
    ip: str | None = None,
    now: datetime | None = None,
) -> InformationItem:
    """更正 a published item: new public values, a new version, the same 索引号.

    ``now``: when the correction was made (default: now), for its history rows.
    """
    REVIEW.check(item, "correct", actor, reason)
    data = {
        k: v
        for k, v in data.items()
        if k in validation.CORRECTABLE_FIELDS or k in validation.CORRECTABLE_RELATIONS
    }
    data = validation.normalise(
        {"item_type": item.item_type, "department": item.department, **data}
    )
    errors = validation.problems(data)
    if errors:
        raise validation.ItemInvalid(errors)
    if any(t.pk == item.pk for t in data.get("interprets") or []):
        raise validation.ItemInvalid({"interprets": "政策解读不能解读它自己。"})
    names = (*validation.CORRECTABLE_FIELDS, *validation.CORRECTABLE_RELATIONS)
    with transaction.atomic():
        claim_version(item, expected_version)
        before = audit_state(item, names)
        changed = set_fields(item, data, validation.CORRECTABLE_FIELDS)
        changed_relations = set_relations(item, data, validation.CORRECTABLE_RELATIONS)
        if not changed and not changed_relations:
            raise DomainError("没有修改任何内容，无需更正。", code="nothing_changed")
        REVIEW.apply(
            item,
            "correct",
            actor=actor,
            comment=reason,
            ip=ip,
            changes={
                **{name: getattr(item, name) for name in changed},
                "revision": item.revision + 1,
            },
            at=now,
        )
        record(
            "disclosure.item.correct_fields",
            actor=actor,
            obj=item,
            before={n: before[n] for n in (*changed, *changed_relations)},
            after=audit_state(item, (*changed, *changed_relations)),
            ip=ip,
        )
        add_version(item, kind=VersionKind.CORRECTED, reason=reason.strip(), actor=actor, at=now)
        reindex_on_commit(item.pk)
    return item


def change_validity(
    item: InformationItem,
    *,
    actor,
    validity: str,
    on: date,
    reason: str,
    replaced_by=(),
    ip: str | None = None,
    now: datetime | None = None,
) -> InformationItem:
    """Mark a published 规范性文件 or 规章 失效, 废止 or 已修订 (then name what replaced it).

    ``now``: when the change was recorded (default: now), for its version row.
    """
    access.require(actor, "disclosure.change_validity", item)
    return _change_validity(
        item,
        actor=actor,
        validity=validity,
        on=on,
        reason=reason,
        replaced_by=replaced_by,
        ip=ip,
        now=now,
    )


def _change_validity(item, *, actor, validity, on, reason, replaced_by, ip=None, now=None):
    if not item.has_validity:
        raise DomainError("只有规范性文件和规章有有效性。", code="no_validity")
    if validity not in (Validity.EXPIRED, Validity.REPEALED, Validity.REVISED):
        raise validation.ItemInvalid({"validity": "请选择失效、废止或已修订。"})
    if not reason.strip():
        raise validation.ItemInvalid({"reason": "请说明有效性变更的依据或原因。"})
    replaced_by = list(replaced_by)
    if validity == Validity.REVISED and not replaced_by:
        raise validation.ItemInvalid({"replaced_by": "已修订的文件须注明修订后的新文件。"})
    for other in replaced_by:
        if other.pk == item.pk or other.state != ItemState.PUBLISHED:
            raise validation.ItemInvalid(
                {"replaced_by": f"“{other.title}”不能作为替代文件：须是另一份已发布的文件。"}
            )
    with transaction.atomic():
        locked = InformationItem.objects.select_for_update().get(pk=item.pk)
        if locked.state != ItemState.PUBLISHED:
            raise DomainError("只有已发布的文件可以变更有效性。", code="wrong_state")
        before = {"validity": locked.validity, "validity_changed_on": locked.validity_changed_on}
        item.validity, item.validity_changed_on = validity, on
        item.revision = locked.revision + 1
        item.save(update_fields=["validity", "validity_changed_on", "revision", "updated_at"])
        if replaced_by:
            item.replaced_by.add(*replaced_by)
        record(
            "disclosure.item.change_validity",
            actor=actor,
            obj=item,
            before=before,
            after={
                "validity": validity,
                "validity_changed_on": on,
                "replaced_by": [o.pk for o in replaced_by],
                "reason": reason.strip(),
            },
            ip=ip,
        )
        add_version(item, kind=VersionKind.VALIDITY, reason=reason.strip(), actor=actor, at=now)
        reindex_on_commit(item.pk)
    return item


def expire_lapsed_documents(today: date | None = None, *, now: datetime | None = None) -> int:
    """有效期届满: published valid documents whose 有效期至 has passed become 失效.

    ``now``: when the change is recorded (default: now), e.g. the night after
    ``today - 1`` when the nightly run of a past day is replayed.
    """
    today = today or timezone.localdate()
    lapsed = InformationItem.objects.with_validity().filter(
        state=ItemState.PUBLISHED, validity=Validity.VALID, expires_on__lt=today
    )
    count = 0
    for item in lapsed.select_related("department", "subject", "genre"):
        _change_validity(
            item,
            actor=None,
            validity=Validity.EXPIRED,
            on=item.expires_on,
            reason=f"有效期至{item.expires_on:%Y年%m月%d日}届满，自动标记为失效。",
            replaced_by=(),
            now=now,
        )
        count += 1
    return count
