"""Recording an adjustment (清单调整) of a government's 权责清单.

One decision document (e.g. 天政发〔2016〕35号) adjusts many powers, each in one of
five ways; every way closes or opens power rows on ``effective_on`` and leaves
an ``AdjustmentItem`` naming the rows before and after:

* 新增 (add): the powers imported for the document (``import_list``) are listed.
* 取消 (cancel): the power leaves the list (``valid_to = effective_on``).
* 下放 (devolve): it leaves this list; ``recipient`` says to whom (e.g. 县级).
* 调整 (amend): a new row with the changed fields (and the same children)
  replaces it; the old row stays as history.
* 合并 (merge): several powers close and one new row, copied from the first with
  the new name, takes the children of them all.

Closed rows are never edited again, so as-of views stay true.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.errors import DomainError
from gongkai.search.jobs import schedule_reindex

from ..indexing import SEARCH_SOURCE
from ..models import (
    Accountability,
    Adjustment,
    AdjustmentItem,
    AdjustmentKind,
    LegalBasis,
    Power,
    Responsibility,
)

AMENDABLE = ("name", "process", "time_limit", "fees", "phone", "level", "department_id")


class AdjustmentRefused(DomainError):
    pass


@dataclass
class Change:
    """One item of an adjustment: what happens to which power(s)."""

    kind: str
    powers: list[Power]
    recipient: str = ""
    note: str = ""
    changes: dict = field(default_factory=dict)  # for 调整 / 合并: the new values


def record_adjustment(
    government,
    *,
    document_number: str,
    document_title: str,
    decided_on: date,
    effective_on: date,
    changes: list[Change],
    actor=None,
) -> Adjustment:
    """Record the document and apply its changes; refuse it all if any change cannot apply.

    With an ``actor``, each power changed must be one the actor may adjust
    (``powers.adjust``: a department's reviewer its own, the 公开办 its tree)."""
    if not document_number.strip() or not document_title.strip():
        raise AdjustmentRefused("请填写决定文号和决定名称。")
    if effective_on < decided_on:
        raise AdjustmentRefused("生效日期不能早于决定日期。")
    if not changes:
        raise AdjustmentRefused("该调整没有列出任何事项。")
    if actor is not None:
        for change in changes:
            for power in change.powers:
                access.require(actor, "powers.adjust", power)
    with transaction.atomic():
        adjustment = Adjustment.objects.create(
            government=government,
            document_number=document_number.strip(),
            document_title=document_title.strip(),
            decided_on=decided_on,
            effective_on=effective_on,
        )
        for change in changes:
            _apply(adjustment, change)
        record(
            "powers.adjusted",
            actor=actor,
            obj=adjustment,
            after={"document": adjustment.document_number, "items": len(changes)},
        )
    return adjustment


def _apply(adjustment: Adjustment, change: Change) -> None:
    day = adjustment.effective_on
    if not change.powers:
        raise AdjustmentRefused("调整事项未指明职权。")
    locked = list(Power.objects.select_for_update().filter(pk__in=[p.pk for p in change.powers]))
    for power in locked:
        if power.government_id != adjustment.government_id:
            raise AdjustmentRefused(f"“{power.name}”不属于{adjustment.government.name}的清单。")
        if change.kind == AdjustmentKind.ADD:
            if power.valid_from != day or power.valid_to is not None:
                raise AdjustmentRefused(f"新增的“{power.name}”应自{day:%Y年%-m月%-d日}起生效。")
        elif power.valid_to is not None or power.valid_from >= day:
            raise AdjustmentRefused(f"“{power.name}”在{day:%Y年%-m月%-d日}不是现行职权，无法调整。")
    if change.kind == AdjustmentKind.ADD:
        for power in locked:
            _item(adjustment, change, after=power)
    elif change.kind in (AdjustmentKind.CANCEL, AdjustmentKind.DEVOLVE):
        if change.kind == AdjustmentKind.DEVOLVE and not change.recipient.strip():
            raise AdjustmentRefused("下放事项须写明下放至哪一层级或单位。")
        for power in locked:
            _close(power, day)
            _item(adjustment, change, before=power)
    elif change.kind in (AdjustmentKind.AMEND, AdjustmentKind.MERGE):
        if change.kind == AdjustmentKind.AMEND and len(locked) != 1:
            raise AdjustmentRefused("一个调整事项只能调整一项职权。")
        if change.kind == AdjustmentKind.MERGE and len(locked) < 2:
            raise AdjustmentRefused("合并至少需要两项职权。")
        unknown = set(change.changes) - set(AMENDABLE) - {"code"}
        if unknown:
            raise AdjustmentRefused(f"不能调整的字段：{'、'.join(sorted(unknown))}")
        first = min(locked, key=lambda p: p.code)
        for power in locked:
            _close(power, day)
        successor = _copy(first, day, change.changes)
        for power in sorted(locked, key=lambda p: p.code):
            _copy_children(power, successor)
            _item(adjustment, change, before=power, after=successor)
    else:
        raise AdjustmentRefused(f"未知的调整方式：{change.kind}")


def _close(power: Power, day: date) -> None:
    power.valid_to = day
    power.save(update_fields=["valid_to"])
    schedule_reindex(SEARCH_SOURCE, power.pk)


def _copy(power: Power, day: date, changes: dict) -> Power:
    successor = Power.objects.get(pk=power.pk)
    successor.pk = None
    successor.valid_from, successor.valid_to = day, None
    for name, value in changes.items():
        setattr(successor, name, value)
    successor.save()
    schedule_reindex(SEARCH_SOURCE, successor.pk)
    return successor


def _copy_children(source: Power, target: Power) -> None:
    offset = target.responsibilities.count()
    LegalBasis.objects.bulk_create(
        LegalBasis(power=target, position=b.position, law=b.law, article=b.article, text=b.text)
        for b in source.bases.all()
    )
    old = list(source.responsibilities.prefetch_related("accountabilities"))
    new = Responsibility.objects.bulk_create(
        Responsibility(power=target, position=offset + r.position, name=r.name, content=r.content)
        for r in old
    )
    Accountability.objects.bulk_create(
        Accountability(responsibility=n, position=a.position, text=a.text)
        for o, n in zip(old, new, strict=True)
        for a in o.accountabilities.all()
    )


def _item(adjustment, change: Change, *, before=None, after=None) -> None:
    AdjustmentItem.objects.create(
        adjustment=adjustment,
        kind=change.kind,
        before=before,
        after=after,
        recipient=change.recipient.strip(),
        note=change.note.strip(),
    )
