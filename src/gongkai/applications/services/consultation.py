"""Consulting third parties (Art. 32), co-producers (Art. 34) and other agencies (Art. 33).

While any consultation is open the reply clock is paused (Art. 33 para. 3:
the time is not counted). Each consultation runs on its own clock: the
consulted party has 15 working days; silence past that lets the agency decide
(Art. 32) or counts as consent (Art. 34, co-producers).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai import access
from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.workdays.clocks import complete_clock, pause_clock, resume_clock, start_clock
from gongkai.workdays.models import Clock

from ..models import (
    CONSULTATION_DAYS,
    Application,
    ApplicationState,
    Consultation,
    ConsultationKind,
    ConsultationResult,
    NoticeKind,
    StepKind,
)
from .common import add_step, audit, check_date, is_paused, open_reply_clock, today
from .notices import issue_notice

STAGE = "consultation"


def start_consultation(
    application: Application,
    *,
    kind: str,
    party: str,
    question: str,
    actor,
    party_contact: str = "",
    on: date | None = None,
) -> Consultation:
    access.require(actor, "applications.handle", application)
    if application.state != ApplicationState.IN_PROGRESS:
        raise DomainError("只有办理中的申请才能征求意见。", code="wrong_state")
    if kind not in ConsultationKind.values:
        raise DomainError("请选择征求意见的类型。", code="consultation_kind")
    party, question = (party or "").strip(), (question or "").strip()
    if not party or not question:
        raise DomainError("请填写被征求意见方和征求意见的内容。", code="consultation_fields")
    on = on or today()
    check_date(on, not_before=application.received_on, what="收到申请之日")
    with transaction.atomic():
        reply = open_reply_clock(application)
        consultation = Consultation.objects.create(
            application=application,
            kind=kind,
            party=party[:100],
            party_contact=party_contact.strip()[:200],
            question=question,
            sent_on=on,
            created_by=actor,
        )
        if reply is not None and not is_paused(reply):
            pause_clock(
                reply, on=on, reason=f"{ConsultationKind(kind).label}：{party}", actor=actor
            )
        start_clock(
            consultation,
            stage=STAGE,
            label=f"{party}提出意见 {application.tracking_number}",
            department=application.department,
            start_date=on,
            limit_days=CONSULTATION_DAYS,
            assignee=application.assignee,
            url=f"/workbench/applications/{application.pk}/",
            actor=actor,
        )
        issue_notice(
            application,
            NoticeKind.CONSULTATION,
            addressee=party,
            public=False,
            on=on,
            actor=actor,
            body=(
                f"{party}：\n本机关收到的政府信息公开申请（受理编号：{application.tracking_number}）"
                f"所涉及的政府信息，{question}\n依据《中华人民共和国政府信息公开条例》"
                f"第{'三十四' if kind == ConsultationKind.CO_PRODUCER else '三十二'}条的规定，"
                f"请自收到本意见书之日起15个工作日内提出意见。逾期未提出意见的，"
                + (
                    "视为同意公开。"
                    if kind == ConsultationKind.CO_PRODUCER
                    else "由本机关依照条例的规定决定是否公开。"
                )
            ),
        )
        add_step(
            application,
            StepKind.CONSULTATION_STARTED,
            on=on,
            text=f"{ConsultationKind(kind).label}；征求意见期间不计算在答复期限内。",
            actor=actor,
        )
        audit(application, "consult", actor=actor, after={"kind": kind, "party": party})
    return consultation


def record_consultation_reply(
    consultation: Consultation, *, result: str, summary: str, actor, on: date | None = None
) -> Consultation:
    """The consulted party answered (or stayed silent past its period) on ``on``."""
    application = consultation.application
    access.require(actor, "applications.handle", application)
    if not consultation.is_open:
        raise DomainError("该征求意见已经办结。", code="consultation_closed")
    if result not in (
        ConsultationResult.CONSENT,
        ConsultationResult.OBJECTION,
        ConsultationResult.NO_REPLY,
    ):
        raise DomainError("请选择意见：同意公开、不同意公开或逾期未提出意见。", code="result")
    on = on or today()
    check_date(on, not_before=consultation.sent_on, what="发出征求意见之日")
    own = Clock.objects.for_subject(consultation).get(stage=STAGE)
    if result == ConsultationResult.NO_REPLY and own.due_date and on <= own.due_date:
        raise DomainError(
            f"被征求意见方的期限至{cn_date(own.due_date)}，届满前不能登记为逾期未提出意见。",
            code="not_yet_due",
        )
    if result == ConsultationResult.OBJECTION and not (summary or "").strip():
        raise DomainError("不同意公开的，请摘要记录其理由。", code="summary")
    with transaction.atomic():
        Consultation.objects.filter(pk=consultation.pk).update(
            answered_on=on, result=result, summary=(summary or "").strip()
        )
        complete_clock(own, on=on, actor=actor)
        still_open = Consultation.objects.filter(
            application=application, answered_on__isnull=True
        ).exists()
        reply = open_reply_clock(application)
        if not still_open and is_paused(reply):
            resume_clock(reply, on=on, actor=actor)
        add_step(
            application,
            StepKind.CONSULTATION_ENDED,
            on=on,
            text=(
                f"征求意见结束（{ConsultationResult(result).label}）"
                + ("，恢复计算答复期限。" if not still_open else "。")
            ),
            actor=actor,
        )
        audit(application, "consultation_reply", actor=actor, after={"result": result})
    consultation.refresh_from_db()
    return consultation
