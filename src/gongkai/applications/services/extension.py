"""延期 (extension), Art. 33: once, at most 20 working days, approved by the office's head.

The request, its decision, the caps and the audit events are the kernel's
(``gongkai.workdays.extensions``, on the reply clock); this module says what
follows: the timeline step, the notices and, on approval, the formal
延长答复期限告知书.
"""

from __future__ import annotations

from gongkai.core.dates import cn_date
from gongkai.workdays import extensions
from gongkai.workdays.extensions import ExtensionRules
from gongkai.workdays.models import ExtensionRequest

from ..models import Application, NoticeKind, StepKind
from .common import (
    add_step,
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
    """The handler asks to extend the reply clock."""
    return extensions.request_extension(
        reply_clock(application), days=days, reason=reason, actor=actor
    )


def decide_extension(
    request: ExtensionRequest, *, approve: bool, actor, comment: str = ""
) -> ExtensionRequest:
    """The head of the disclosure office approves (the clock is extended) or refuses."""
    return extensions.decide_extension(request, approve=approve, actor=actor, comment=comment)


def _requested(request: ExtensionRequest, application: Application, actor) -> None:
    add_step(
        application,
        StepKind.EXTENSION_REQUESTED,
        text=f"申请延长{request.days}个工作日：{request.reason}",
        public=False,
        actor=actor,
    )
    notify_office(application, "延期申请待审批", f"申请延长答复期限{request.days}个工作日。")


def _decided(request: ExtensionRequest, application: Application, clock, actor) -> None:
    if request.approved:
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
            text=f"不同意延期：{request.comment}",
            public=False,
            actor=actor,
        )
    notify_staff(
        application,
        "延期申请已审批",
        "同意延期。" if request.approved else f"不同意延期：{request.comment}",
    )


def register() -> None:
    extensions.register_extension_rules(
        Application,
        ExtensionRules(
            request_permission="applications.handle",
            decide_permission="applications.approve_extension",
            audit_prefix="applications",
            what="答复期限",
            basis="（第三十三条）",
            requested=_requested,
            decided=_decided,
        ),
    )
