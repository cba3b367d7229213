"""行政复议 (administrative reconsideration) and 行政诉讼 (litigation) about an
application, with their result (Table 四 of the annual report)."""

from __future__ import annotations

from django.views.decorators.http import require_POST

from gongkai.accounts.decorators import staff_required

from .. import services
from ..models import ChallengeKind, ChallengeResult
from . import forms as f
from .acting import run
from .common import visible_application
from .detail import challenge_of, form_prefix

RECORD = "applications.record_challenge"


@staff_required
@require_POST
def challenge(request, pk: int):
    application = visible_application(request, pk)
    form = f.ChallengeForm(request.POST, prefix=form_prefix("challenge"))

    def call(data):
        services.record_challenge(
            application,
            kind=data["kind"],
            filed_on=data["filed_on"],
            body=data["body"],
            case_number=data["case_number"],
            result=data["result"],
            decided_on=data.get("decided_on"),
            note=data["note"],
            actor=request.user,
        )
        return f"已登记{ChallengeKind(data['kind']).label}（{ChallengeResult(data['result']).label}）。"

    return run(
        request,
        application,
        permission=RECORD,
        label="登记行政复议、行政诉讼",
        form=form,
        key="challenge",
        call=call,
        anchor="challenges",
    )


@staff_required
@require_POST
def challenge_result(request, pk: int, challenge_id: int):
    application = visible_application(request, pk)
    recorded = challenge_of(application, challenge_id)
    form = f.ChallengeResultForm(request.POST, prefix=f"result{recorded.pk}")

    def call(data):
        services.record_challenge_result(
            recorded, result=data["result"], decided_on=data.get("decided_on"), actor=request.user
        )
        return (
            f"已登记{recorded.get_kind_display()}的结果：{ChallengeResult(data['result']).label}。"
        )

    return run(
        request,
        application,
        permission=RECORD,
        label="登记复议、诉讼结果",
        form=form,
        key=f"challenge_result:{recorded.pk}",
        call=call,
        anchor="challenges",
    )
