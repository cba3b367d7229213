"""延期 (extension), Art. 33: once, at most 20 working days, approved by the office's head."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from gongkai import access
from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.workdays.clocks import extend_clock

from ..models import EXTENSION_MAX_DAYS, Application, ExtensionRequest, NoticeKind, StepKind
from .common import (
    add_step,
    audit,
    notify_applicant,
    notify_office,
    notify_staff,
    reply_clock,
    today,
)
from .notices import issue_notice
from .wording import you


def request_extension(
    application: Application, *, days: int, reason: str, actor
) -> ExtensionRequest:
    access.require(actor, "applications.handle", application)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请写明需要延长答复期限的理由。", code="reason")
    if not 1 <= int(days) <= EXTENSION_MAX_DAYS:
        raise DomainError(
            f"延长的期限为1至{EXTENSION_MAX_DAYS}个工作日（第三十三条）。", code="days"
        )
    clock = reply_clock(application)
    if clock.extensions.exists():
        raise DomainError(
            "答复期限已经延长过一次，依第三十三条不能再次延长。", code="extension_once"
        )
    if clock.is_finished:
        raise DomainError("答复期限已经结束，不能延长。", code="clock_finished")
    if application.extension_requests.filter(approved__isnull=True).exists():
        raise DomainError("已有一份延期申请在等待审批。", code="extension_pending")
    with transaction.atomic():
        request = ExtensionRequest.objects.create(
            application=application, days=days, reason=reason, requested_by=actor
        )
        add_step(
            application,
            StepKind.EXTENSION_REQUESTED,
            text=f"申请延长{days}个工作日：{reason}",
            public=False,
            actor=actor,
        )
        audit(application, "request_extension", actor=actor, after={"days": days})
        notify_office(application, "延期申请待审批", f"申请延长答复期限{days}个工作日。")
    return request


def decide_extension(
    request: ExtensionRequest, *, approve: bool, actor, comment: str = ""
) -> ExtensionRequest:
    """The head of the disclosure office approves (the clock is extended) or refuses."""
    application = request.application
    access.require(actor, "applications.approve_extension", application)
    if request.approved is not None:
        raise DomainError("该延期申请已经审批。", code="decided")
    if not approve and not comment.strip():
        raise DomainError("不同意延期的，请填写意见。", code="comment")
    with transaction.atomic():
        claimed = ExtensionRequest.objects.filter(pk=request.pk, approved__isnull=True).update(
            approved=approve,
            decided_by=actor,
            decided_at=timezone.now(),
            comment=comment.strip(),
        )
        if not claimed:
            raise DomainError("该延期申请已被他人审批，请刷新页面。", code="decided")
        if approve:
            clock = extend_clock(
                reply_clock(application), days=request.days, reason=request.reason, approver=actor
            )
            due = clock.due_date
            due_text = f"{cn_date(due)}" if due else "征求意见等暂停结束后重新计算的日期"
            issue_notice(
                application,
                NoticeKind.EXTENSION,
                actor=actor,
                body=(
                    f"{application.name}：\n本机关于{cn_date(application.received_on)}"
                    f"收到{you(application)}提出的政府信息公开申请（受理编号：{application.tracking_number}）。"
                    f"因{request.reason}，不能在法定期限内作出答复。经本机关政府信息公开工作机构负责人同意，"
                    f"依据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，答复期限延长"
                    f"{request.days}个工作日，至{due_text}。"
                ),
            )
            add_step(
                application,
                StepKind.EXTENSION_APPROVED,
                on=today(),
                text=f"答复期限延长{request.days}个工作日，至{due_text}。理由：{request.reason}",
                actor=actor,
            )
            notify_applicant(
                application, "答复期限延长", f"答复期限延长{request.days}个工作日，至{due_text}"
            )
        else:
            add_step(
                application,
                StepKind.EXTENSION_REFUSED,
                text=f"不同意延期：{comment.strip()}",
                public=False,
                actor=actor,
            )
        audit(application, "decide_extension", actor=actor, after={"approved": approve})
        notify_staff(
            application, "延期申请已审批", "同意延期。" if approve else f"不同意延期：{comment}"
        )
    request.refresh_from_db()
    return request
