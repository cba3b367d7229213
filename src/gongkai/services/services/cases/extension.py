"""The one extension of the decision's limit (Art. 42): up to 10 working days (15 for
joint handling), approved by the head of the body (the department's reviewer), the
reasons told to the applicant. On the kernel's extension requests
(``gongkai.workdays.extensions``); the decision clock's caps (one extension, the
days) refuse a second one. The promise is not extended: it is the department's own
word, and supervision reads it as given."""

from __future__ import annotations

from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.workdays import extensions

from ...models import Case, CaseState
from .common import DECISION, add_step, clock, sync_due

WHAT = "法定办结期限"
BASIS = "（《行政许可法》第四十二条）"


def _check(case: Case, clock_, days: int) -> None:
    if case.state != CaseState.REVIEW:
        raise DomainError("只有审查中的办件才能申请延长办结期限。", code="wrong_state")


def _requested(request, case: Case, actor) -> None:
    add_step(
        case,
        "extension_requested",
        "申请延长办结期限",
        public=False,
        actor=actor,
        text=f"申请延长{request.days}个工作日。理由：{request.reason}",
    )


def _decided(request, case: Case, clock_, actor) -> None:
    if request.approved:
        sync_due(case)
        add_step(
            case,
            "extension_approved",
            "延长办结期限",
            actor=actor,
            text=f"经本行政机关负责人批准，办结期限延长{request.days}个工作日，"
            f"至{cn_date(case.decision_due)}。延长理由：{request.reason}",
        )
    else:
        add_step(
            case,
            "extension_refused",
            "不同意延长办结期限",
            public=False,
            actor=actor,
            text=request.comment,
        )


def register() -> None:
    extensions.register_extension_rules(
        Case,
        extensions.ExtensionRules(
            request_permission="services.handle_case",
            decide_permission="services.approve_extension",
            audit_prefix="services.case",
            what=WHAT,
            basis=BASIS,
            check=_check,
            requested=_requested,
            decided=_decided,
        ),
    )


def request_extension(case: Case, *, days: int, reason: str, actor):
    found = clock(case, DECISION)
    if found is None:
        raise DomainError("本件尚未受理，没有办结期限可以延长。", code="wrong_state")
    return extensions.request_extension(found, days=days, reason=reason, actor=actor)


def decide_extension(request, *, approve: bool, actor, comment: str = ""):
    return extensions.decide_extension(request, approve=approve, actor=actor, comment=comment)
