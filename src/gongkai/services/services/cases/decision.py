"""决定 (the decision), 办结 (the certificate or decision letter issued) and 送达 (delivery).

The decision completes the decision and promise clocks (met or late, each on its
own) and starts the certificate clock: 10 working days to issue or deliver the
licence (Art. 44). For a refusal (不予许可) the same clock covers issuing the
written decision with its reasons and the applicant's rights.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core.errors import DomainError, InvalidFields
from gongkai.workdays.clocks import complete_clock, start_clock

from ... import rules
from ...case_flow import CASE_FLOW
from ...models import Case, Outcome
from .common import (
    CERTIFICATE,
    DECISION,
    PROMISE,
    add_step,
    check_date,
    clock,
    staff_url,
    sync_due,
    today,
)


def decide(case: Case, *, actor, outcome: str, reasons: str, on: date | None = None) -> Case:
    on = on or today()
    reasons = (reasons or "").strip()
    if outcome not in Outcome.values:
        raise InvalidFields({"outcome": ["请选择决定：准予许可或不予许可。"]})
    if case.procedures.filter(ended_on__isnull=True).exists():
        raise DomainError("特别程序尚未结束，请先登记其结束再作出决定。", code="procedure_open")
    CASE_FLOW.check(case, "decide", actor, reasons)
    check_date(on, not_before=case.accepted_on or case.received_on, what="受理日期")
    with transaction.atomic():
        CASE_FLOW.apply(
            case,
            "decide",
            actor=actor,
            comment=reasons,
            changes={"decided_on": on, "outcome": outcome, "outcome_reasons": reasons},
            on=on,
        )
        for stage in (DECISION, PROMISE):
            found = clock(case, stage)
            if found is not None and not found.is_finished:
                complete_clock(found, on=on, actor=actor)
        start_clock(
            case,
            stage=CERTIFICATE,
            label=f"制证送达 {case.number}",
            department=case.department,
            start_date=on,
            limit_days=rules.CERTIFICATE_DAYS,
            url=staff_url(case),
            actor=actor,
        )
        sync_due(case)
        add_step(case, "decided", Outcome(outcome).label, on=on, actor=actor, text=reasons)
    return case


def issue(case: Case, *, actor, certificate_number: str = "", on: date | None = None) -> Case:
    """办结: the licence (准予) or the written decision (不予) is issued."""
    on = on or today()
    certificate_number = (certificate_number or "").strip()
    if case.outcome == Outcome.GRANTED and not certificate_number:
        raise InvalidFields({"certificate_number": ["准予许可的，请填写颁发的证照编号。"]})
    CASE_FLOW.check(case, "issue", actor)
    check_date(on, not_before=case.decided_on, what="决定日期")
    with transaction.atomic():
        CASE_FLOW.apply(
            case,
            "issue",
            actor=actor,
            changes={"issued_on": on, "certificate_number": certificate_number},
            on=on,
        )
        found = clock(case, CERTIFICATE)
        if found is not None and not found.is_finished:
            complete_clock(found, on=on, actor=actor)
        sync_due(case)
        what = f"颁发证照（编号 {certificate_number}）" if certificate_number else "出具决定书"
        add_step(case, "issued", "办结", on=on, actor=actor, text=f"{what}，办结。")
    return case


def deliver(case: Case, *, actor, method: str, on: date | None = None) -> Case:
    on = on or today()
    method = (method or "").strip()
    if not method:
        raise InvalidFields({"method": ["请填写送达方式，如 窗口领取、邮寄（挂号号码）。"]})
    CASE_FLOW.check(case, "deliver", actor)
    check_date(on, not_before=case.issued_on, what="办结日期")
    with transaction.atomic():
        CASE_FLOW.apply(
            case,
            "deliver",
            actor=actor,
            changes={"delivered_on": on, "delivery_method": method},
            on=on,
        )
        add_step(case, "delivered", "送达", on=on, actor=actor, text=f"送达方式：{method}。")
    return case
