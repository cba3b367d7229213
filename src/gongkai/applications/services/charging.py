"""Charging the information-processing fee (国办函〔2020〕109号; amounts in ``fees``).

By count, the number is not typed by anyone: it is this application's place
among the same applicant's applications to the same agency received in the
same calendar month. One fee notice per application, one method only. The
payment period runs on its own clock; whether the reply clock waits is a
setting (``ApplicationRules.fee_pauses_reply``, default yes).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q

from gongkai import access
from gongkai.core.dates import cn_date
from gongkai.core.errors import DomainError
from gongkai.workdays.clocks import (
    complete_clock,
    pause_clock,
    resume_clock,
    start_clock,
    stop_clock,
)

from .. import fees
from ..flow import FLOW
from ..models import (
    Application,
    ApplicationFile,
    FeeMethod,
    FeeNotice,
    FeeState,
    FilePurpose,
    NoticeKind,
    Outcome,
    StepKind,
)
from .common import (
    FEE_PAYMENT,
    add_step,
    audit,
    check_date,
    clock,
    is_paused,
    notify_applicant,
    notify_staff,
    open_reply_clock,
    rules_for,
    today,
)
from .notices import issue_notice
from .wording import you


def count_in_month(application: Application) -> int:
    """This application's place (1-based) among the applicant's ones to this agency this month."""
    received = application.received_on
    if received is None:
        raise DomainError("申请尚未确认收到。", code="not_received")
    return (
        Application.objects.filter(
            department=application.department,
            id_number=application.id_number,
            received_on__year=received.year,
            received_on__month=received.month,
        )
        .filter(Q(received_on__lt=received) | Q(received_on=received, pk__lte=application.pk))
        .count()
    )


def quote(application: Application, method: str, pages: int | None = None):
    """(quantity, amount, basis) the fee notice would state."""
    if method == FeeMethod.BY_COUNT:
        k = count_in_month(application)
        return k, fees.marginal_fee_by_count(k), fees.describe_count_fee(k)
    if method == FeeMethod.BY_PAGES:
        if pages is None or pages < 1:
            raise DomainError("按量计收请填写提供的政府信息页数。", code="pages")
        return pages, fees.fee_by_pages(pages), fees.describe_page_fee(pages)
    raise DomainError("请选择计收方式：按件计收或按量计收。", code="method")


def issue_fee(
    application: Application,
    *,
    method: str,
    actor,
    pages: int | None = None,
    on: date | None = None,
) -> FeeNotice:
    access.require(actor, "applications.handle", application)
    if FeeNotice.objects.filter(application=application).exists():
        raise DomainError(
            "本申请已经发出过收费通知：一件申请只能按一种方式计收一次，不能同时按件和按量计收。",
            code="fee_once",
        )
    quantity, amount, basis = quote(application, method, pages)
    if amount == 0:
        raise DomainError(f"按此方式计算，本申请免收信息处理费（{basis}）", code="fee_free")
    on = on or today()
    check_date(on, not_before=application.received_on, what="收到申请之日")
    rules = rules_for(application)
    with transaction.atomic():
        FLOW.apply(application, "issue_fee", actor=actor)
        fee = FeeNotice.objects.create(
            application=application,
            method=method,
            quantity=quantity,
            amount=amount,
            basis=basis,
            payment_instructions=rules.fee_payment_instructions,
            issued_on=on,
            issued_by=actor,
        )
        payment = start_clock(
            application,
            stage=FEE_PAYMENT,
            label=f"申请人缴费 {application.tracking_number}",
            department=application.department,
            start_date=on,
            limit_days=rules.fee_payment_days,
            url=f"/workbench/applications/{application.pk}/",
            actor=actor,
        )
        reply = open_reply_clock(application)
        if rules.fee_pauses_reply and reply is not None and not is_paused(reply):
            pause_clock(reply, on=on, reason="等待申请人缴纳信息处理费", actor=actor)
        issue_notice(
            application,
            NoticeKind.FEE,
            on=on,
            actor=actor,
            body=(
                f"{application.name}：\n{you(application)}提出的政府信息公开申请（受理编号："
                f"{application.tracking_number}）需收取信息处理费。\n计收依据和标准：{basis}\n"
                f"应缴金额：人民币{amount}元。\n缴费方式：{rules.fee_payment_instructions}\n"
                f"请自收到本通知次日起{rules.fee_payment_days}个工作日内（{cn_date(payment.due_date)}前）"
                "缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。"
            ),
        )
        add_step(
            application,
            StepKind.FEE_ISSUED,
            on=on,
            text=(
                f"收费通知：{FeeMethod(method).label}，金额{amount}元，"
                f"请于{cn_date(payment.due_date)}前缴纳。"
            ),
            actor=actor,
        )
        notify_applicant(
            application,
            "信息处理费缴费通知",
            f"应缴信息处理费{amount}元，请于{payment.due_date:%Y-%m-%d}前缴纳",
        )
    return fee


def declare_payment(
    application: Application, *, reference: str, files=None, on: date | None = None
) -> FeeNotice:
    """The applicant says they have paid (online, with a voucher number or file)."""
    from gongkai.files.services import ALL_KINDS, store_upload

    fee = FeeNotice.objects.filter(application=application).first()
    if fee is None or fee.state not in (FeeState.PENDING, FeeState.DECLARED):
        raise DomainError("本申请没有待缴纳的费用。", code="fee_none")
    reference = (reference or "").strip()
    if not reference and not files:
        raise DomainError("请填写缴费凭证号或上传缴费凭证。", code="reference")
    with transaction.atomic():
        for f in files or []:
            ApplicationFile.objects.create(
                application=application,
                file=store_upload(f, allowed_kinds=ALL_KINDS),
                purpose=FilePurpose.PAYMENT,
                from_applicant=True,
            )
        FeeNotice.objects.filter(pk=fee.pk).update(
            state=FeeState.DECLARED, declared_reference=reference[:100]
        )
        add_step(
            application, StepKind.FEE_DECLARED, on=on or today(), text=f"缴费凭证：{reference}"
        )
        notify_staff(application, "申请人告知已缴费", "请核实到账后确认缴费。")
    fee.refresh_from_db()
    return fee


def confirm_payment(application: Application, *, actor, on: date | None = None) -> FeeNotice:
    fee = FeeNotice.objects.filter(application=application).first()
    if fee is None:
        raise DomainError("本申请没有收费通知。", code="fee_none")
    on = on or today()
    check_date(on, not_before=fee.issued_on, what="收费通知日期")
    with transaction.atomic():
        FLOW.apply(application, "confirm_payment", actor=actor, comment="")
        FeeNotice.objects.filter(pk=fee.pk).update(state=FeeState.PAID, paid_on=on)
        complete_clock(clock(application, FEE_PAYMENT), on=on, actor=actor)
        reply = open_reply_clock(application)
        resumed = ""
        if (
            is_paused(reply)
            and not application.consultations.filter(answered_on__isnull=True).exists()
        ):
            reply = resume_clock(reply, on=on, actor=actor)
            resumed = f"，恢复计算答复期限，至{cn_date(reply.due_date)}"
        add_step(
            application,
            StepKind.FEE_PAID,
            on=on,
            text=f"已缴纳信息处理费{fee.amount}元{resumed}。",
            actor=actor,
        )
        audit(application, "fee_paid", actor=actor, after={"amount": str(fee.amount)})
    fee.refresh_from_db()
    return fee


def expire_fees(on: date | None = None) -> int:
    """Close applications whose payment period ended unpaid (逾期未缴费). Declared payments wait for staff."""
    on = on or today()
    closed = 0
    for fee in FeeNotice.objects.filter(state=FeeState.PENDING).select_related(
        "application__department"
    ):
        application = fee.application
        payment = clock(application, FEE_PAYMENT)
        if payment is None or payment.due_date is None or payment.due_date >= on:
            continue
        with transaction.atomic():
            FLOW.apply(
                application,
                "expire_fee",
                actor=None,
                changes={"outcome": Outcome.OTHER_FEE_UNPAID, "concluded_on": on},
            )
            FeeNotice.objects.filter(pk=fee.pk).update(state=FeeState.EXPIRED)
            for c in (payment, open_reply_clock(application)):
                if c is not None and not c.is_finished:
                    stop_clock(c, on=on, reason="申请人逾期未缴纳信息处理费", actor=None)
            add_step(
                application,
                StepKind.FEE_EXPIRED,
                on=on,
                text=f"缴费期限于{cn_date(payment.due_date)}届满，未缴纳信息处理费，本机关不再处理该申请。",
            )
            audit(application, "expire_fee", after={"due": payment.due_date})
            notify_applicant(
                application, "申请已终止办理", "您未在期限内缴纳信息处理费，本申请不再处理"
            )
        closed += 1
    return closed
