"""The import action: record an item published before the platform existed.

``import_published_item`` is the one write path for imported history. It is
not a shortcut around review: the information was already published (by the
department, on its old website) on the 发布日期 given, so it is recorded as
published on that date, with the shape of every other transition — access
check → ``transaction.atomic()`` → save → audit event
(``disclosure.item.import``) → first ``ItemVersion`` whose reason says it was
published before the platform existed, and the same words as the first line of
the item's timeline (办理记录) → search update after commit.

The Art. 26 clock is not applied to imported items: the date the information
was formed is not known from a catalogue, so they are never counted as late.

``import_rows`` imports checked rows all-or-nothing, or only the valid ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.errors import DomainError
from gongkai.workflow import timeline

from .. import validation
from ..drafting import TRACKED_FOR_AUDIT, audit_state, set_fields, set_relations
from ..effects import reindex_on_commit
from ..index_numbers import assign_index_number
from ..models import VALIDITY_TYPES, InformationItem, ItemState, Validity, VersionKind
from ..review import REVIEW
from ..versions import add_version
from .rows import CheckedRow

BEIJING = ZoneInfo("Asia/Shanghai")
PUBLISHED_AT = time(9, 0)  # the catalogue gives a date only: 09:00 Beijing time that day
MAX_NUMBER_ATTEMPTS = 1000


class _AwaitingApproval:
    """Stands for "an item of ``department`` at the leader-approval step"."""

    state = ItemState.APPROVAL

    def __init__(self, department):
        self.access_department = department


def may_import(actor, department) -> bool:
    """Importing records items as published: only those who may approve publication
    for the department (its 审核人), unless the policy has its own rule."""
    if "disclosure.import" in access.RULES:
        return access.can(actor, "disclosure.import", department)
    return access.can(actor, "disclosure.approve", _AwaitingApproval(department))


def _number(item: InformationItem, on: date) -> str:
    for _ in range(MAX_NUMBER_ATTEMPTS):
        try:
            return assign_index_number(item, on)
        except DomainError as error:
            if error.code != "index_number_taken":
                raise
            # An imported number took this serial already: take the next one.
    raise DomainError(
        "无法生成不重复的索引号，请检查本级政府的索引号格式设置。", code="index_number_taken"
    )


def import_published_item(
    *,
    actor,
    department,
    data: dict,
    published_on: date,
    index_number: str | None = None,
    source_label: str = "",
    ip: str | None = None,
) -> InformationItem:
    """Record one item published on ``published_on`` before the platform existed.

    ``actor`` None is the system (the command line); otherwise the person must
    be allowed to approve publication for ``department``.
    """
    if actor is not None and not may_import(actor, department):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(f"无权为{department.name}导入已公开的信息：须是该部门的审核人。")
    validity = data.get("validity") or ""
    data = validation.check({**data, "department": department})
    published_at = datetime.combine(published_on, PUBLISHED_AT, tzinfo=BEIJING)
    item = InformationItem(
        government=department.government,
        department=department,
        created_by=actor,
        state=ItemState.PUBLISHED,
        published_at=published_at,
    )
    set_fields(item, data, validation.DRAFT_FIELDS)
    if item.item_type in VALIDITY_TYPES:
        item.validity = validity or Validity.VALID
    with transaction.atomic():
        item.index_number = index_number or _number(item, published_on)
        item.save()
        data.setdefault("publishing_departments", [department])
        set_relations(item, data, validation.DRAFT_RELATIONS)
        record(
            "disclosure.item.import",
            actor=actor,
            actor_label=None if actor is not None else "系统（批量导入）",
            obj=item,
            after={
                **audit_state(item, TRACKED_FOR_AUDIT),
                "index_number": item.index_number,
                "published_at": published_at,
                "validity": item.validity,
                "state": item.state,
                "imported_from": source_label,
            },
            ip=ip,
        )
        reason = f"本信息已于{published_on:%Y年%m月%d日}发布（早于本平台启用），由批量导入补录"
        reason += f"（{source_label}）。" if source_label else "。"
        add_version(item, kind=VersionKind.PUBLISHED, reason=reason, actor=actor)
        # On the item's timeline too: it entered published, without the review path.
        timeline.add(
            item,
            "imported",
            "补录已发布信息",
            workflow=REVIEW.name,
            on=published_on,
            text=reason,
            actor=actor,
            department=department,
        )
        reindex_on_commit(item.pk)
    return item


@dataclass
class ImportOutcome:
    imported: list[InformationItem] = field(default_factory=list)
    failed: list[CheckedRow] = field(default_factory=list)  # rows refused (with errors)
    skipped_invalid: int = 0
    rolled_back: bool = False


def _import_one(row: CheckedRow, *, actor, department, filename: str, ip) -> InformationItem:
    return import_published_item(
        actor=actor,
        department=department,
        data=row.data,
        published_on=row.published_on,
        index_number=row.index_number,
        source_label=f"导入文件“{filename}”第 {row.number} 行"
        if filename
        else f"第 {row.number} 行",
        ip=ip,
    )


def _refusal(error: Exception) -> list[tuple[str, str]]:
    from .columns import FIELD_COLUMNS

    if isinstance(error, validation.ItemInvalid):
        return [(FIELD_COLUMNS.get(k, k), v) for k, v in error.errors.items()]
    return [("", getattr(error, "message", None) or str(error))]


def import_rows(
    rows: list[CheckedRow],
    *,
    actor,
    department,
    valid_rows_only: bool = False,
    filename: str = "",
    ip: str | None = None,
) -> ImportOutcome:
    """Import checked rows: all of them or none, or (``valid_rows_only``) the valid ones.

    Without ``valid_rows_only`` nothing is imported if any row is invalid or
    refused while importing (the whole import is one transaction).
    """
    from django.core.exceptions import PermissionDenied

    outcome = ImportOutcome()
    if actor is not None and not may_import(actor, department):
        raise PermissionDenied(f"无权为{department.name}导入已公开的信息：须是该部门的审核人。")
    invalid = [row for row in rows if not row.valid]
    if invalid and not valid_rows_only:
        outcome.failed = invalid
        outcome.rolled_back = True
        return outcome
    outcome.skipped_invalid = len(invalid)
    valid = [row for row in rows if row.valid]
    if not valid_rows_only:
        try:
            with transaction.atomic():
                for row in valid:
                    try:
                        outcome.imported.append(
                            _import_one(
                                row, actor=actor, department=department, filename=filename, ip=ip
                            )
                        )
                    except (DomainError, PermissionDenied) as error:
                        row.errors.extend(_refusal(error))
                        raise
        except (DomainError, PermissionDenied):
            outcome.imported = []
            outcome.failed = [row for row in rows if not row.valid]
            outcome.rolled_back = True
        return outcome
    for row in valid:
        try:
            with transaction.atomic():
                outcome.imported.append(
                    _import_one(row, actor=actor, department=department, filename=filename, ip=ip)
                )
        except (DomainError, PermissionDenied) as error:
            row.errors.extend(_refusal(error))
            outcome.failed.append(row)
    outcome.failed = invalid + outcome.failed
    return outcome
