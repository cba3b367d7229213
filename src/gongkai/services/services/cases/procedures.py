"""特别程序 (special procedures, Art. 45): hearing, testing, inspection, quarantine, expert
review. Their time is not counted in the decision's limit, nor in the promise: both
clocks pause on the day it starts (that day still counts) and resume after the day
it ends. The applicant is told the kind and the time it needs."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai import access
from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.workdays.clocks import pause_clock, resume_clock

from ...models import Case, CaseState, ProcedureKind, SpecialProcedure
from .common import DECISION, PROMISE, add_step, audit, check_date, clock, sync_due, today


def _clocks(case: Case):
    return [c for c in (clock(case, DECISION), clock(case, PROMISE)) if c and not c.is_finished]


def start_procedure(
    case: Case, *, kind: str, planned_days: int, actor, note: str = "", on: date | None = None
) -> SpecialProcedure:
    access.require(actor, "services.handle_case", case)
    on = on or today()
    if case.state != CaseState.REVIEW:
        raise DomainError("只有审查中的办件才能启动特别程序。", code="wrong_state")
    if kind not in ProcedureKind.values:
        raise DomainError("请选择特别程序的种类。", code="kind")
    if planned_days < 1:
        raise DomainError("请填写特别程序所需的工作日数。", code="days")
    check_date(on, not_before=case.accepted_on, what="受理日期")
    if case.procedures.filter(ended_on__isnull=True).exists():
        raise DomainError("已有一项特别程序尚未结束，请先登记其结束。", code="procedure_open")
    label = ProcedureKind(kind).label
    with transaction.atomic():
        procedure = SpecialProcedure.objects.create(
            case=case,
            kind=kind,
            started_on=on,
            planned_days=planned_days,
            note=note.strip(),
            recorded_by=actor,
        )
        for c in _clocks(case):
            pause_clock(c, on=on, reason=f"特别程序：{label}", actor=actor)
        add_step(
            case,
            "procedure_started",
            f"特别程序：{label}",
            on=on,
            actor=actor,
            text=f"{label}自{cn_date(on)}开始，所需时间{planned_days}个工作日，"
            "依《行政许可法》第四十五条不计入办理期限。"
            + (f"{note.strip()}" if note.strip() else ""),
        )
        audit(case, "start_procedure", actor=actor, after={"kind": kind, "on": on})
        sync_due(case)
    return procedure


def end_procedure(
    procedure: SpecialProcedure, *, actor, on: date | None = None
) -> SpecialProcedure:
    case = procedure.case
    access.require(actor, "services.handle_case", case)
    on = on or today()
    if procedure.ended_on is not None:
        raise DomainError("该特别程序已经结束。", code="procedure_ended")
    check_date(on, not_before=procedure.started_on, what="特别程序开始日期")
    label = procedure.get_kind_display()
    with transaction.atomic():
        SpecialProcedure.objects.filter(pk=procedure.pk).update(ended_on=on)
        procedure.ended_on = on
        for c in _clocks(case):
            resume_clock(c, on=on, actor=actor)
        sync_due(case)
        add_step(
            case,
            "procedure_ended",
            f"特别程序结束：{label}",
            on=on,
            actor=actor,
            text=f"{label}于{cn_date(on)}结束，次日起恢复计算办理期限"
            + (f"，法定办结期限至{cn_date(case.decision_due)}。" if case.decision_due else "。"),
        )
        audit(case, "end_procedure", actor=actor, after={"kind": procedure.kind, "on": on})
    return procedure
