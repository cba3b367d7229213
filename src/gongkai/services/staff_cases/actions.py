"""The case page's actions, each a form and a call through ``DESK``: 受理, 补正,
不予受理, the counter's supply of a correction, 特别程序, 延期 (request and approval),
决定, 办结 and 送达."""

from __future__ import annotations

from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required
from gongkai.core.dates import cn_date
from gongkai.workbench.acting import decide_extension as decide_extension_view

from ..models import Outcome
from ..services import cases
from .common import DESK, visible_case
from .detail import FORMS, form_of


def _run(request, pk: int, key: str, label: str, call, *, files=False):
    case = visible_case(request, pk)
    form = form_of(key, request.POST, request.FILES if files else None)
    return DESK.run(
        request,
        case,
        permission=FORMS[key][2],
        label=label,
        form=form,
        key=key,
        call=lambda data: call(case, data),
    )


@staff_required
@require_POST
def accept(request, pk: int):
    def call(case, data):
        cases.accept(case, actor=request.user, on=data["on"])
        if case.deemed_accepted:
            return (
                f"补正告知期限已届满，本件自收到申请之日（{cn_date(case.received_on)}）起视为受理，"
                f"法定办结期限至{cn_date(case.decision_due)}。"
            )
        return f"已受理，法定办结期限至{cn_date(case.decision_due)}。"

    return _run(request, pk, "accept", "受理", call)


@staff_required
@require_POST
def correction(request, pk: int):
    def call(case, data):
        cases.request_correction(case, actor=request.user, missing=data["missing"], on=data["on"])
        return "已一次性告知补正，申请人可在网上提交补正材料。"

    return _run(request, pk, "correction", "告知补正", call)


@staff_required
@require_POST
def refuse(request, pk: int):
    def call(case, data):
        cases.refuse(case, actor=request.user, reasons=data["reasons"], on=data["on"])
        return "已作出不予受理决定。"

    return _run(request, pk, "refuse", "不予受理", call)


@staff_required
@require_POST
def supply(request, pk: int):
    def call(case, data):
        files = [(None, upload) for upload in data["files"]]
        cases.supply_correction(
            case, note=data["note"], files=files, actor=request.user, on=data["on"]
        )
        return "已登记补正材料，请审查后决定是否受理。"

    return _run(request, pk, "supply", "登记补正材料", call, files=True)


@staff_required
@require_POST
def procedure(request, pk: int):
    def call(case, data):
        cases.start_procedure(
            case,
            kind=data["kind"],
            planned_days=data["planned_days"],
            note=data["note"],
            actor=request.user,
            on=data["on"],
        )
        return "已登记特别程序，办理期限暂停计算。"

    return _run(request, pk, "procedure", "登记特别程序", call)


@staff_required
@require_POST
def end_procedure(request, pk: int):
    def call(case, data):
        found = case.procedures.filter(ended_on__isnull=True).first()
        if found is None:
            return "特别程序已经结束。"
        cases.end_procedure(found, actor=request.user, on=data["on"])
        return "特别程序已结束，恢复计算办理期限。"

    return _run(request, pk, "end_procedure", "登记特别程序结束", call)


@staff_required
@require_POST
def extension(request, pk: int):
    def call(case, data):
        cases.request_extension(case, days=data["days"], reason=data["reason"], actor=request.user)
        return "延期申请已提交，等待本机关负责人审批。"

    return _run(request, pk, "extension", "申请延长办结期限", call)


@staff_required
@require_POST
def decide_extension(request, pk: int, request_id: int):
    case = visible_case(request, pk)
    return decide_extension_view(
        DESK,
        request,
        case,
        request_id,
        permission="services.approve_extension",
        approved="已批准延长{days}个工作日，延长理由已告知申请人。",
        refused="已不同意延期。",
    )


@staff_required
@require_POST
def decide(request, pk: int):
    def call(case, data):
        cases.decide(
            case,
            actor=request.user,
            outcome=data["outcome"],
            reasons=data["reasons"],
            on=data["on"],
        )
        return (
            f"已作出{Outcome(data['outcome']).label}决定，请于{cn_date(case.certificate_due)}前"
            "颁发、送达。"
        )

    return _run(request, pk, "decide", "作出决定", call)


@staff_required
@require_POST
def issue(request, pk: int):
    def call(case, data):
        cases.issue(
            case,
            actor=request.user,
            certificate_number=data["certificate_number"],
            on=data["on"],
        )
        return "已办结。"

    return _run(request, pk, "issue", "制证办结", call)


@staff_required
@require_POST
def deliver(request, pk: int):
    def call(case, data):
        cases.deliver(case, actor=request.user, method=data["method"], on=data["on"])
        return "已登记送达。"

    return _run(request, pk, "deliver", "登记送达", call)
