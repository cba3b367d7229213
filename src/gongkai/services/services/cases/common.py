"""Shared pieces of the case actions: timeline lines, audit, the clocks' due dates on the case."""

from __future__ import annotations

from datetime import date

from gongkai.audit.services import record
from gongkai.core.dates import check_date as check_date
from gongkai.core.dates import today as today
from gongkai.workdays.models import Clock
from gongkai.workflow import timeline

from ...case_flow import CASE_FLOW
from ...models import Case

# Clock stages of a case (see gongkai.services.models.cases).
CORRECTION_NOTICE = "correction_notice"
DECISION = "decision"
PROMISE = "promise"
CERTIFICATE = "certificate"
STAGE_LABELS = {
    CORRECTION_NOTICE: "补正告知期限",
    DECISION: "法定办结期限",
    PROMISE: "承诺办结期限",
    CERTIFICATE: "制证送达期限",
}


def add_step(
    case: Case,
    kind: str,
    label: str,
    *,
    on: date | None = None,
    text: str = "",
    public: bool = True,
    actor=None,
):
    """A line of the case's timeline (public ones are shown to the applicant)."""
    return timeline.add(
        case, kind, label, workflow=CASE_FLOW.name, on=on, text=text, public=public, actor=actor
    )


def audit(case: Case, action: str, *, actor=None, after=None, before=None, ip=None) -> None:
    record(f"services.case.{action}", actor=actor, obj=case, before=before, after=after, ip=ip)


def clock(case: Case, stage: str) -> Clock | None:
    return Clock.objects.for_subject(case).filter(stage=stage).first()


def sync_due(case: Case) -> Case:
    """Copy the clocks' due dates onto the case, and the earliest open one to ``next_due``
    (what the staff queue sorts by). Called after every action that touches a clock."""
    clocks = case.clocks()

    def due(stage):
        c = clocks.get(stage)
        return c.due_date if c is not None else None

    case.correction_notice_by = due(CORRECTION_NOTICE)
    case.decision_due = due(DECISION)
    case.promise_due = due(PROMISE)
    case.certificate_due = due(CERTIFICATE)
    open_dues = [c.due_date for c in clocks.values() if not c.is_finished and c.due_date]
    case.next_due = min(open_dues) if open_dues else None
    Case.objects.filter(pk=case.pk).update(
        correction_notice_by=case.correction_notice_by,
        decision_due=case.decision_due,
        promise_due=case.promise_due,
        certificate_due=case.certificate_due,
        next_due=case.next_due,
    )
    return case


def staff_url(case: Case) -> str:
    return f"/workbench/services/cases/{case.pk}/"
