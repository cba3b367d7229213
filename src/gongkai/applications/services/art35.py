"""第三十五条: applications clearly beyond a reasonable number or frequency.

The handler sees the applicant's history (``applicant_history``), may ask for
reasons, and records the decision: unreasonable → the reply is 不予处理
(无正当理由大量反复申请), only allowed after this decision; reasonable but
impossible within Art. 33 → a later reasonable deadline replaces the
statutory one (the statutory clock stops; a new clock runs to that date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction

from gongkai import access
from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.workdays import working_days_between
from gongkai.workdays.clocks import start_clock, stop_clock

from ..models import (
    Application,
    Art35Decision,
    Art35Review,
    NoticeKind,
    StepKind,
)
from .common import (
    REPLY_ART35,
    add_step,
    audit,
    check_date,
    notify_applicant,
    open_reply_clock,
    today,
)
from .notices import issue_notice
from .wording import you


@dataclass(frozen=True)
class ApplicantHistory:
    this_agency_30_days: int
    this_agency_month: int
    this_agency_year: int
    all_agencies_year: int


def applicant_history(application: Application, on: date | None = None) -> ApplicantHistory:
    """How many applications the same applicant (same ID number) made, by period."""
    on = on or application.received_on or today()
    same = Application.objects.filter(id_number=application.id_number).exclude(state="discarded")
    here = same.filter(department=application.department)
    return ApplicantHistory(
        this_agency_30_days=here.filter(
            submitted_at__date__gt=on - timedelta(days=30), submitted_at__date__lte=on
        ).count(),
        this_agency_month=here.filter(
            submitted_at__year=on.year, submitted_at__month=on.month
        ).count(),
        this_agency_year=here.filter(submitted_at__year=on.year).count(),
        all_agencies_year=same.filter(submitted_at__year=on.year).count(),
    )


def request_reasons(
    application: Application, *, text: str, actor, on: date | None = None
) -> Art35Review:
    access.require(actor, "applications.handle", application)
    text = (text or "").strip()
    if not text:
        raise DomainError("请写明要求申请人说明的事项。", code="text")
    if Art35Review.objects.filter(application=application).exists():
        raise DomainError("已经要求申请人说明过理由。", code="art35_once")
    on = on or today()
    check_date(on, not_before=application.received_on, what="收到申请之日")
    with transaction.atomic():
        review = Art35Review.objects.create(
            application=application, requested_on=on, request_text=text
        )
        issue_notice(
            application,
            NoticeKind.ART35,
            on=on,
            actor=actor,
            body=(
                f"{application.name}：\n{you(application)}提出的政府信息公开申请（受理编号："
                f"{application.tracking_number}）的数量、频次明显超过合理范围。依据《中华人民共和国"
                f"政府信息公开条例》第三十五条的规定，请说明理由：\n{text}"
            ),
        )
        add_step(application, StepKind.REASONS_REQUESTED, on=on, text=text, actor=actor)
        audit(application, "art35_request", actor=actor)
        notify_applicant(
            application, "请说明申请理由", "受理机关要求您说明申请理由，请登录查询页面答复"
        )
    return review


def record_reasons(
    application: Application, *, reasons: str, actor=None, on: date | None = None
) -> Art35Review:
    """The applicant's reasons, given online (actor None) or recorded by staff."""
    if actor is not None:
        access.require(actor, "applications.handle", application)
    review = Art35Review.objects.filter(application=application).first()
    if review is None or review.decision:
        raise DomainError("本申请没有待说明的理由。", code="art35_none")
    reasons = (reasons or "").strip()
    if not reasons:
        raise DomainError("请填写理由。", code="reasons")
    on = on or today()
    Art35Review.objects.filter(pk=review.pk).update(reasons=reasons, reasons_received_on=on)
    add_step(application, StepKind.NOTE, on=on, text=f"申请人说明理由：{reasons}", actor=actor)
    review.refresh_from_db()
    return review


def decide_art35(
    application: Application,
    *,
    decision: str,
    actor,
    new_deadline: date | None = None,
    on: date | None = None,
) -> Art35Review:
    access.require(actor, "applications.handle", application)
    review = Art35Review.objects.filter(application=application).first()
    if review is None:
        raise DomainError("请先要求申请人说明理由。", code="art35_none")
    if review.decision:
        raise DomainError("已经作出第三十五条处理决定。", code="art35_decided")
    on = on or today()
    with transaction.atomic():
        if decision == Art35Decision.UNREASONABLE:
            text = "申请理由不合理，将依第三十五条答复不予处理。"
        elif decision == Art35Decision.REASONABLE:
            current = open_reply_clock(application)
            if current is None:
                raise DomainError("答复期限已经结束。", code="clock_finished")
            if new_deadline is None or (current.due_date and new_deadline <= current.due_date):
                raise DomainError("请确定一个晚于现行答复期限的合理期限。", code="new_deadline")
            days = working_days_between(on, new_deadline)
            if days < 1:
                raise DomainError("合理期限必须晚于今天。", code="new_deadline")
            stop_clock(current, on=on, reason="依第三十五条另行确定合理答复期限", actor=actor)
            start_clock(
                application,
                stage=REPLY_ART35,
                label=f"答复申请（第三十五条期限）{application.tracking_number}",
                department=application.department,
                start_date=on,
                limit_days=days,
                assignee=application.assignee,
                url=f"/workbench/applications/{application.pk}/",
                actor=actor,
            )
            text = (
                f"申请理由合理，但无法在法定期限内答复，另行确定答复期限至{cn_date(new_deadline)}。"
            )
            notify_applicant(application, "答复期限调整", text)
        else:
            raise DomainError("请选择处理决定。", code="decision")
        Art35Review.objects.filter(pk=review.pk).update(
            decision=decision,
            new_deadline=new_deadline if decision == Art35Decision.REASONABLE else None,
            decided_on=on,
            decided_by=actor,
        )
        add_step(application, StepKind.ART35_DECIDED, on=on, text=text, actor=actor)
        audit(application, "art35_decide", actor=actor, after={"decision": decision})
    review.refresh_from_db()
    return review
