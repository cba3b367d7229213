"""补正 (correction), Art. 30: one notice within 7 working days of receipt; the clock restarts."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.workdays import add_working_days
from gongkai.workdays.clocks import (
    complete_clock,
    pause_clock,
    restart_clock,
    start_clock,
    stop_clock,
)

from ..flow import FLOW
from ..models import (
    Application,
    ApplicationFile,
    CorrectionRequest,
    CorrectionState,
    FilePurpose,
    NoticeKind,
    Outcome,
    StepKind,
)
from .common import (
    CORRECTION,
    REPLY,
    add_step,
    audit,
    check_date,
    clock,
    notify_applicant,
    notify_staff,
    rules_for,
    today,
)
from .notices import issue_notice
from .wording import you


def request_correction(
    application: Application, *, what: str, actor, on: date | None = None
) -> CorrectionRequest:
    """Tell the applicant once what to correct and by when; the reply clock waits."""
    on = on or today()
    what = (what or "").strip()
    if not what:
        raise DomainError("请写明需要补正的事项，以便申请人一次补正到位。", code="correction")
    if CorrectionRequest.objects.filter(application=application).exists():
        raise DomainError(
            "补正告知只能作出一次（第三十条“一次性告知”），本申请已经告知过补正。",
            code="correction_once",
        )
    check_date(on, not_before=application.received_on, what="收到申请之日")
    if application.correction_notice_by and on > application.correction_notice_by:
        raise DomainError(
            f"补正告知应在收到申请之日起7个工作日内作出（截至"
            f"{cn_date(application.correction_notice_by)}），已经超过，不能再告知补正；"
            "申请内容仍不明确的，请依法作出答复。",
            code="correction_late",
        )
    rules = rules_for(application)
    deadline = add_working_days(on, rules.correction_period_days)
    with transaction.atomic():
        FLOW.apply(application, "request_correction", actor=actor, comment=what)
        correction = CorrectionRequest.objects.create(
            application=application,
            requested_on=on,
            what_to_correct=what,
            deadline=deadline,
            requested_by=actor,
        )
        pause_clock(clock(application, REPLY), on=on, reason="等待申请人补正", actor=actor)
        start_clock(
            application,
            stage=CORRECTION,
            label=f"申请人补正 {application.tracking_number}",
            department=application.department,
            start_date=on,
            limit_days=rules.correction_period_days,
            url=f"/workbench/applications/{application.pk}/",
            actor=actor,
        )
        issue_notice(
            application,
            NoticeKind.CORRECTION,
            body=(
                f"{application.name}：\n"
                f"本机关于{cn_date(application.received_on)}收到{you(application)}提出的政府信息公开申请"
                f"（受理编号：{application.tracking_number}）。经审查，{you(application)}的申请内容需要补正，"
                f"现依据《中华人民共和国政府信息公开条例》第三十条的规定，一次性告知如下：\n{what}\n"
                f"请于{cn_date(deadline)}前补正。答复期限自本机关收到补正后的申请之日起计算。"
                "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
            ),
            actor=actor,
            on=on,
        )
        add_step(
            application,
            StepKind.CORRECTION_REQUESTED,
            on=on,
            text=f"需要补正：{what}\n补正期限：{cn_date(deadline)}",
            actor=actor,
        )
        notify_applicant(
            application,
            "请补正申请",
            f"您的申请需要补正，请于{cn_date(deadline)}前登录查询页面在线补正",
        )
    return correction


def receive_correction(
    application: Application,
    *,
    answer: str,
    files: list | None = None,
    actor=None,
    on: date | None = None,
) -> CorrectionRequest:
    """The corrected application arrived on ``on``: the reply period counts afresh from it.

    Called by the applicant online (``actor`` None, authenticated by the
    lookup) or by staff recording a correction received on paper.
    """
    from gongkai import access
    from gongkai.files.services import ALL_KINDS, store_upload

    if actor is not None:
        access.require(actor, "applications.handle", application)
    on = on or today()
    answer = (answer or "").strip()
    if not answer and not files:
        raise DomainError("请填写补正内容或上传补正材料。", code="correction_empty")
    correction = CorrectionRequest.objects.filter(application=application).first()
    if correction is None or correction.state != CorrectionState.PENDING:
        raise DomainError("本申请没有待补正的事项。", code="correction_none")
    check_date(on, not_before=correction.requested_on, what="补正告知日期")
    if on > correction.deadline:
        raise DomainError(
            f"补正期限已于{cn_date(correction.deadline)}届满。", code="correction_expired"
        )
    with transaction.atomic():
        FLOW.apply(application, "receive_correction", actor=actor, comment=answer[:500])
        for f in files or []:
            ApplicationFile.objects.create(
                application=application,
                file=store_upload(f, allowed_kinds=ALL_KINDS),
                purpose=FilePurpose.CORRECTION,
                from_applicant=actor is None,
                added_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
        CorrectionRequest.objects.filter(pk=correction.pk).update(
            state=CorrectionState.ANSWERED, received_on=on, answer=answer
        )
        complete_clock(clock(application, CORRECTION), on=on, actor=actor)
        reply = restart_clock(
            clock(application, REPLY), on=on, reason="收到补正后的申请", actor=actor
        )
        add_step(
            application,
            StepKind.CORRECTION_RECEIVED,
            on=on,
            text=(
                f"收到补正，答复期限自{cn_date(on)}次日起重新计算，至{cn_date(reply.due_date)}。"
            ),
            actor=actor,
        )
        notify_staff(
            application, "申请人已补正", f"答复期限重新计算，至{reply.due_date:%Y-%m-%d}。"
        )
    correction.refresh_from_db()
    return correction


def expire_corrections(on: date | None = None) -> int:
    """Close applications whose correction period ended without a correction (逾期不补正)."""
    on = on or today()
    closed = 0
    for correction in CorrectionRequest.objects.filter(
        state=CorrectionState.PENDING, deadline__lt=on
    ).select_related("application__department"):
        application = correction.application
        with transaction.atomic():
            FLOW.apply(
                application,
                "expire_correction",
                actor=None,
                changes={"outcome": Outcome.OTHER_NO_CORRECTION, "concluded_on": on},
            )
            CorrectionRequest.objects.filter(pk=correction.pk).update(state=CorrectionState.EXPIRED)
            reason = "申请人逾期未补正"
            for stage in (CORRECTION, REPLY):
                c = clock(application, stage)
                if c is not None and not c.is_finished:
                    stop_clock(c, on=on, reason=reason, actor=None)
            add_step(
                application,
                StepKind.CORRECTION_EXPIRED,
                on=on,
                text=(
                    f"补正期限于{cn_date(correction.deadline)}届满，未收到补正，"
                    "视为放弃申请，本机关不再处理。"
                ),
            )
            audit(application, "expire_correction", after={"deadline": correction.deadline})
            notify_applicant(application, "申请已终止办理", "您未在补正期限内补正，本申请不再处理")
        closed += 1
    return closed
