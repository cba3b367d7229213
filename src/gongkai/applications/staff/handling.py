"""The handler's actions while an application is being handled: 补正 (correction,
Art. 30), 征求意见 (consultation, Art. 32–34), 延期 (extension request, Art. 33),
第三十五条 (reasons for excessive requests), 信息处理费 (fees) and the reply draft."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.core.dates import cn_date

from .. import services
from ..models import Art35Decision, Consultation, FeeMethod, outcome_label
from . import forms as f
from .acting import run
from .common import visible_application
from .detail import form_prefix

HANDLE = "applications.handle"


@staff_required
@require_POST
def correction(request, pk: int):
    application = visible_application(request, pk)
    form = f.CorrectionForm(request.POST, prefix=form_prefix("correction"))

    def call(data):
        c = services.request_correction(
            application, what=data["what"], actor=request.user, on=data["on"]
        )
        return f"已告知补正，补正期限至{cn_date(c.deadline)}；答复期限暂停计算。"

    return run(
        request,
        application,
        permission=HANDLE,
        label="告知补正",
        form=form,
        key="correction",
        call=call,
    )


@staff_required
@require_POST
def receive_correction(request, pk: int):
    application = visible_application(request, pk)
    form = f.ReceiveCorrectionForm(
        request.POST, request.FILES, prefix=form_prefix("receive_correction")
    )

    def call(data):
        services.receive_correction(
            application,
            answer=data["answer"],
            files=data["files"],
            actor=request.user,
            on=data["on"],
        )
        return "已登记收到补正，答复期限重新计算。"

    return run(
        request,
        application,
        permission=HANDLE,
        label="登记补正",
        form=form,
        key="receive_correction",
        call=call,
    )


@staff_required
@require_POST
def consult(request, pk: int):
    application = visible_application(request, pk)
    form = f.ConsultationForm(request.POST, prefix=form_prefix("consult"))

    def call(data):
        services.start_consultation(
            application,
            kind=data["kind"],
            party=data["party"],
            party_contact=data["party_contact"],
            question=data["question"],
            actor=request.user,
            on=data["on"],
        )
        return "已发出征求意见书；征求意见期间答复期限暂停计算。"

    return run(
        request,
        application,
        permission=HANDLE,
        label="征求意见",
        form=form,
        key="consult",
        call=call,
    )


@staff_required
@require_POST
def consultation_reply(request, pk: int, consultation_id: int):
    application = visible_application(request, pk)
    consultation = get_object_or_404(Consultation, pk=consultation_id, application=application)
    form = f.ConsultationReplyForm(request.POST, prefix=f"consultation{consultation.pk}")

    def call(data):
        services.record_consultation_reply(
            consultation,
            result=data["result"],
            summary=data["summary"],
            actor=request.user,
            on=data["on"],
        )
        return f"已登记{consultation.party}的意见。"

    return run(
        request,
        application,
        permission=HANDLE,
        label="登记征求意见结果",
        form=form,
        key=f"consultation_reply:{consultation.pk}",
        call=call,
    )


@staff_required
@require_POST
def extension(request, pk: int):
    application = visible_application(request, pk)
    form = f.ExtensionForm(request.POST, prefix=form_prefix("extension"))

    def call(data):
        services.request_extension(
            application, days=data["days"], reason=data["reason"], actor=request.user
        )
        return "延期申请已提交公开办负责人审批。"

    return run(
        request,
        application,
        permission=HANDLE,
        label="申请延期",
        form=form,
        key="extension",
        call=call,
    )


@staff_required
@require_POST
def reasons_request(request, pk: int):
    application = visible_application(request, pk)
    form = f.ReasonsRequestForm(request.POST, prefix=form_prefix("reasons_request"))

    def call(data):
        services.request_reasons(application, text=data["text"], actor=request.user, on=data["on"])
        return "已要求申请人说明理由（第三十五条），已出具说明理由告知书。"

    return run(
        request,
        application,
        permission=HANDLE,
        label="要求说明理由",
        form=form,
        key="reasons_request",
        call=call,
    )


@staff_required
@require_POST
def reasons(request, pk: int):
    application = visible_application(request, pk)
    form = f.ReasonsForm(request.POST, prefix=form_prefix("reasons"))

    def call(data):
        services.record_reasons(
            application, reasons=data["reasons"], actor=request.user, on=data["on"]
        )
        return "已登记申请人说明的理由。"

    return run(
        request,
        application,
        permission=HANDLE,
        label="登记申请人理由",
        form=form,
        key="reasons",
        call=call,
    )


@staff_required
@require_POST
def art35(request, pk: int):
    application = visible_application(request, pk)
    form = f.Art35DecisionForm(request.POST, prefix=form_prefix("art35"))

    def call(data):
        review = services.decide_art35(
            application,
            decision=data["decision"],
            new_deadline=data.get("new_deadline"),
            actor=request.user,
        )
        if review.decision == Art35Decision.REASONABLE:
            return f"已另行确定答复期限至{cn_date(review.new_deadline)}，已告知申请人。"
        return "已认定理由不合理；答复时可选择“无正当理由大量反复申请”。"

    return run(
        request,
        application,
        permission=HANDLE,
        label="作出第三十五条处理决定",
        form=form,
        key="art35",
        call=call,
    )


@staff_required
@require_POST
def fee(request, pk: int):
    application = visible_application(request, pk)
    form = f.FeeIssueForm(request.POST, prefix=form_prefix("fee"))

    def call(data):
        notice = services.issue_fee(
            application,
            method=data["fee_method"],
            pages=data.get("fee_pages") if data["fee_method"] == FeeMethod.BY_PAGES else None,
            actor=request.user,
            on=data["on"],
        )
        return f"已发出收费通知：{notice.get_method_display()}，金额{notice.amount}元。"

    return run(
        request,
        application,
        permission=HANDLE,
        label="发出收费通知",
        form=form,
        key="fee",
        call=call,
    )


@staff_required
@require_POST
def payment(request, pk: int):
    application = visible_application(request, pk)
    form = f.PaymentForm(request.POST, prefix=form_prefix("payment"))

    def call(data):
        paid = services.confirm_payment(application, actor=request.user, on=data["on"])
        return f"已确认缴费{paid.amount}元，继续办理。"

    return run(
        request,
        application,
        permission=HANDLE,
        label="确认已缴费",
        form=form,
        key="payment",
        call=call,
    )


@staff_required
@require_POST
def reply(request, pk: int):
    """The drafted reply goes to the reviewer; ``expected_version`` guards against
    saving over a colleague's edit made since the form was opened."""
    application = visible_application(request, pk)
    form = f.ReplyForm(
        request.POST, request.FILES, prefix=form_prefix("reply"), application=application
    )

    def call(data):
        services.submit_reply(
            application,
            outcome=data["outcome"],
            legal_basis=data["legal_basis"],
            reply_text=data["reply_text"],
            referred_agency_name=data["referred_agency_name"],
            referred_agency_contact=data["referred_agency_contact"],
            forward_to=data["forward_to"],
            disclosed_files=data["disclosed_files"],
            expected_version=data["expected_version"],
            actor=request.user,
        )
        return f"答复（{outcome_label(data['outcome'])}）已提交审核。"

    return run(
        request,
        application,
        permission=HANDLE,
        label="提交答复审核",
        form=form,
        key="reply",
        call=call,
    )
