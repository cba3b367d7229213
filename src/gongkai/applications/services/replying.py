"""The reply (答复, Art. 36), its review, delivery, withdrawal and forwarding."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai.core.concurrency import claim_version
from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.orgs.roles import Role
from gongkai.workdays.clocks import complete_clock, stop_clock

from ..flow import FLOW
from ..models import (
    Application,
    ApplicationFile,
    ApplicationState,
    Art35Decision,
    Channel,
    CorrectionState,
    DeliveryMethod,
    FilePurpose,
    NoticeKind,
    Outcome,
    StepKind,
    outcome_label,
)
from ..models.taxonomy import DISCLOSING_OUTCOMES, REPLY_OUTCOMES
from .common import (
    add_step,
    audit,
    check_date,
    locked,
    notify_applicant,
    notify_staff,
    open_reply_clock,
    today,
)
from .notices import issue_notice
from .secrecy import check_secrecy_passed, secrecy_review_needed
from .wording import remedies, request_sentence, you


class ReplyInvalid(DomainError):
    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        super().__init__(next(iter(errors.values()))[0], code="invalid")


def _check_reply(
    application: Application,
    outcome: str,
    legal_basis: str,
    reply_text: str,
    forward_to,
    has_files: bool,
):
    errors: dict[str, list[str]] = {}
    if outcome not in [o.value for o in REPLY_OUTCOMES]:
        errors["outcome"] = ["请从全国统一的办理结果分类中选择一项。"]
        raise ReplyInvalid(errors)
    if outcome != Outcome.DISCLOSED and not legal_basis.strip():
        errors["legal_basis"] = ["请写明作出该答复的法律依据和理由（条例条款）。"]
    if outcome in DISCLOSING_OUTCOMES and not (has_files or reply_text.strip()):
        errors["reply_text"] = [
            "予以公开或部分公开的，请上传公开的信息，或写明获取的方式、途径和时间。"
        ]
    if outcome == Outcome.REFUSED_EXCESSIVE:
        review = getattr(application, "art35", None)
        if review is None or review.decision != Art35Decision.UNREASONABLE:
            errors["outcome"] = [
                "“无正当理由大量反复申请”须先依第三十五条要求申请人说明理由，并认定理由不合理。"
            ]
    if outcome == Outcome.UNABLE_STILL_UNCLEAR:
        correction = getattr(application, "correction", None)
        if correction is None or correction.state != CorrectionState.ANSWERED:
            errors["outcome"] = ["“补正后申请内容仍不明确”只适用于已经补正的申请。"]
    if forward_to is not None:
        if outcome != Outcome.UNABLE_NOT_HELD:
            errors["forward_to"] = [
                "只有“本机关不掌握相关政府信息”（不属于本机关负责公开）的申请才能转送。"
            ]
        elif forward_to.pk == application.department_id:
            errors["forward_to"] = ["不能转送给本机关。"]
    if errors:
        raise ReplyInvalid(errors)


def submit_reply(
    application: Application,
    *,
    outcome: str,
    legal_basis: str,
    reply_text: str,
    actor,
    expected_version: int,
    referred_agency_name: str = "",
    referred_agency_contact: str = "",
    forward_to=None,
    disclosed_files: list | None = None,
) -> Application:
    """The handler's drafted reply goes to the reviewer. ``disclosed_files`` are uploads."""
    from gongkai.files.services import ALL_KINDS, store_upload

    if application.consultations.filter(answered_on__isnull=True).exists():
        raise DomainError(
            "征求意见尚未结束，请先登记被征求意见方的意见。", code="consultation_open"
        )
    has_files = (
        bool(disclosed_files) or application.files.filter(purpose=FilePurpose.DISCLOSED).exists()
    )
    _check_reply(application, outcome, legal_basis, reply_text, forward_to, has_files)
    if forward_to is not None and not referred_agency_name:
        referred_agency_name = forward_to.name
    with transaction.atomic():
        FLOW.check(application, "submit_reply", actor)
        claim_version(application, expected_version)
        for f in disclosed_files or []:
            ApplicationFile.objects.create(
                application=application,
                file=store_upload(f, allowed_kinds=ALL_KINDS),
                purpose=FilePurpose.DISCLOSED,
                added_by=actor,
            )
        FLOW.apply(
            application,
            "submit_reply",
            actor=actor,
            changes={
                "outcome": outcome,
                "legal_basis": legal_basis.strip(),
                "reply_text": reply_text.strip(),
                "referred_agency_name": referred_agency_name.strip()[:100],
                "referred_agency_contact": referred_agency_contact.strip()[:200],
                "forward_department": forward_to,
                "secrecy_review": None,  # a new draft needs its own 保密审查
                "version": application.version,
            },
        )
        secrecy = secrecy_review_needed(application)
        add_step(
            application,
            StepKind.REPLY_SUBMITTED,
            text=f"拟答复：{outcome_label(outcome)}" + ("；待保密审查" if secrecy else ""),
            public=False,
            actor=actor,
        )
        if secrecy:
            notify_staff(
                application,
                "答复待保密审查",
                f"拟答复：{outcome_label(outcome)}，公开前请进行保密审查",
                roles=(Role.CONFIDENTIALITY,),
            )
        else:
            notify_staff(
                application,
                "答复待审核",
                f"拟答复：{outcome_label(outcome)}",
                roles=(Role.REVIEWER,),
            )
    return application


def return_reply(application: Application, *, actor, comment: str) -> Application:
    with transaction.atomic():
        FLOW.apply(application, "return_reply", actor=actor, comment=comment)
        add_step(
            application, StepKind.REPLY_RETURNED, text=comment.strip(), public=False, actor=actor
        )
        notify_staff(application, "答复被退回修改", comment.strip())
    return application


def reply_body(application: Application) -> str:
    received = application.received_on
    lines = [
        f"{application.name}：",
        f"本机关于{cn_date(received)}收到{you(application)}提出的政府信息公开申请"
        f"（受理编号：{application.tracking_number}），{request_sentence(application)}"
        "经审查，现答复如下：",
        f"办理结果：{outcome_label(application.outcome)}。",
    ]
    if application.reply_text:
        lines.append(application.reply_text)
    if application.legal_basis:
        lines.append(f"依据和理由：{application.legal_basis}")
    if application.referred_agency_name:
        contact = (
            f"，联系方式：{application.referred_agency_contact}"
            if application.referred_agency_contact
            else ""
        )
        lines.append(f"该政府信息由{application.referred_agency_name}负责公开{contact}。")
    lines.append(remedies(application.department))
    return "\n".join(lines)


def _forward(application: Application, department, actor) -> Application:
    """Copy the application to the responsible agency on the platform (it confirms receipt there)."""
    from ..models import ApplicationState as S
    from .intake import APPLICANT_FIELDS, fingerprint, tracking_number_for

    year = timezone.localdate().year
    copy = Application.objects.create(
        department=department,
        tracking_number=tracking_number_for(department, year),
        year=year,
        password_hash=application.password_hash,
        state=S.AWAITING_CONFIRMATION,
        **{name: getattr(application, name) for name in APPLICANT_FIELDS},
        channel=Channel.ONLINE,
        fingerprint=fingerprint(department.pk, application.id_number, application.description),
    )
    add_step(
        copy,
        StepKind.SUBMITTED,
        text=f"由{application.department.name}转来（原受理编号：{application.tracking_number}），等待确认收到。",
    )
    notify_staff(
        copy, "转来的政府信息公开申请", f"由{application.department.name}转来，待确认收到。"
    )
    Application.objects.filter(pk=application.pk).update(forwarded_to=copy)
    return copy


def approve_reply(application: Application, *, actor, on: date | None = None) -> Application:
    """The reviewer approves: the reply is issued as a numbered 答复书 and the reply clock completes.

    A reply releasing information in an agency with a 保密审查员 must have passed
    保密审查 first (``services.secrecy``)."""
    on = on or today()
    check_date(on, not_before=application.received_on, what="收到申请之日")
    FLOW.check(application, "approve_reply", actor)
    with transaction.atomic():
        check_secrecy_passed(locked(application))
        FLOW.apply(application, "approve_reply", actor=actor, changes={"concluded_on": on})
        reply = open_reply_clock(application)
        if reply is not None:
            complete_clock(reply, on=on, actor=actor)
        notice = issue_notice(
            application, NoticeKind.REPLY, body=reply_body(application), actor=actor, on=on
        )
        add_step(
            application,
            StepKind.REPLIED,
            on=on,
            text=f"作出答复（{notice.number}）：{outcome_label(application.outcome)}",
            actor=actor,
        )
        forward_to = application.forward_department
        if forward_to is not None:
            copy = _forward(application, forward_to, actor)
            add_step(
                application,
                StepKind.FORWARDED,
                on=on,
                text=f"申请已转送{forward_to.name}，新受理编号：{copy.tracking_number}（查询密码不变）。",
                actor=actor,
            )
        audit(
            application,
            "reply",
            actor=actor,
            after={"outcome": application.outcome, "notice": notice.number},
        )
        notify_applicant(
            application, "申请已答复", f"受理机关已作出答复：{outcome_label(application.outcome)}"
        )
    return application


def record_delivery(
    application: Application, *, method: str, actor, on: date | None = None, reference: str = ""
) -> Application:
    if method not in DeliveryMethod.values:
        raise DomainError("请选择送达方式。", code="method")
    on = on or today()
    check_date(on, not_before=application.concluded_on, what="答复日期")
    if method == DeliveryMethod.POST and not reference.strip():
        raise DomainError("邮寄送达请填写邮件号码。", code="reference")
    with transaction.atomic():
        FLOW.apply(
            application,
            "record_delivery",
            actor=actor,
            changes={
                "delivered_on": on,
                "delivered_by": method,
                "delivery_reference": reference.strip()[:100],
            },
        )
        add_step(
            application,
            StepKind.DELIVERED,
            on=on,
            text=f"{DeliveryMethod(method).label}送达"
            + (f"（{reference.strip()}）" if reference.strip() else ""),
            actor=actor,
        )
    return application


def mark_downloaded(application: Application) -> bool:
    """The applicant downloaded the reply online: when that was the chosen way, it is the delivery."""
    if application.state != ApplicationState.REPLIED:
        return False
    with transaction.atomic():
        FLOW.apply(
            application,
            "record_download",
            actor=None,
            changes={"delivered_on": today(), "delivered_by": DeliveryMethod.ONLINE},
        )
        add_step(application, StepKind.DELIVERED, text="申请人已在线下载答复书（网上下载送达）。")
    return True


def withdraw(application: Application, *, reason: str = "", on: date | None = None) -> Application:
    """The applicant withdraws (authenticated by the caller with the query password)."""
    on = on or today()
    received = application.received_on is not None
    with transaction.atomic():
        changes = {"outcome": Outcome.OTHER, "concluded_on": on} if received else {}
        FLOW.apply(application, "withdraw", actor=None, comment=reason, changes=changes)
        from gongkai.workdays.models import Clock

        for c in Clock.objects.for_subject(application).open():
            stop_clock(c, on=max(on, c.counting_from), reason="申请人撤回申请", actor=None)
        add_step(application, StepKind.WITHDRAWN, on=on, text=reason.strip() or "申请人撤回申请。")
        notify_staff(application, "申请人撤回申请", reason.strip() or "申请人撤回申请。")
    return application
