"""好差评 on the case page: the ratings given, the counter device's rating recorded by
the clerk, and the follow-up of a named 差评 (record the call, answer the
rectification), each a form and a call through ``DESK``."""

from __future__ import annotations

from django import forms
from django.views.decorators.http import require_POST

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.dates import cn_date
from gongkai.core.formfields import date_field

from ..models import FollowUpState, Rating, RatingChannel, RatingFollowUp
from ..portal.ratings_forms import RatingForm
from ..services import ratings
from .common import DESK, visible_case


class CounterRatingForm(RatingForm):
    """What the applicant chose on the counter device, recorded by the clerk."""


class CallForm(forms.Form):
    notes = forms.CharField(
        label="回访情况（申请人反映的问题和诉求）",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "请记录回访情况。"},
    )
    on = date_field("回访日期")


class RectifyForm(forms.Form):
    answer = forms.CharField(
        label="整改情况（部门答复）",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "请填写整改情况。"},
    )
    on = date_field("整改日期")


# key → (form class, prefix, permission, asked about the follow-up rather than the case)
RATING_FORMS = {
    "counter_rating": (CounterRatingForm, "counter", "services.record_rating", False),
    "call": (CallForm, "call", "services.follow_up_rating", True),
    "rectify": (RectifyForm, "rectify", "services.follow_up_rating", True),
}


def follow_up_of(case) -> RatingFollowUp | None:
    return (
        RatingFollowUp.objects.filter(rating__case=case)
        .exclude(rating__stage="rerating")
        .select_related("rating", "called_by")
        .first()
    )


def rating_forms_shown(user, case) -> set[str]:
    shown = set()
    if ratings.can_rate(case) and access.can(user, "services.record_rating", case):
        shown.add("counter_rating")
    follow_up = follow_up_of(case)
    if follow_up is not None and access.can(user, "services.follow_up_rating", follow_up):
        shown.add("call" if follow_up.state == FollowUpState.CALLBACK else "rectify")
    return shown


def rating_context(user, case, bound: dict) -> dict:
    shown = rating_forms_shown(user, case)
    follow_up = follow_up_of(case)
    return {
        "ratings": Rating.objects.filter(case=case).select_related("recorded_by"),
        "follow_up": follow_up,
        "rectify_clock": ratings.rectification_clock(follow_up) if follow_up else None,
        "rating_forms": {
            key: bound.get(key) or RATING_FORMS[key][0](prefix=RATING_FORMS[key][1])
            for key in RATING_FORMS
            if key in shown
        },
    }


def _run(request, pk: int, key: str, label: str, call):
    case = visible_case(request, pk)
    form_class, prefix, permission, on_follow_up = RATING_FORMS[key]
    target = follow_up_of(case) if on_follow_up else case
    if target is None:
        target = case
    return DESK.run(
        request,
        case,
        permission=permission,
        label=label,
        form=form_class(request.POST, prefix=prefix),
        key=key,
        call=lambda data: call(case, target, data),
        target=target,
        anchor="ratings",
    )


@staff_required
@require_POST
def counter_rating(request, pk: int):
    def call(case, _target, data):
        rating = ratings.rate(
            case,
            grade=data["grade"],
            comment=data["comment"],
            anonymous=data.get("anonymous", False),
            channel=RatingChannel.COUNTER,
            actor=request.user,
        )
        return f"已登记窗口评价：{rating.get_grade_display()}。"

    return _run(request, pk, "counter_rating", "登记窗口评价", call)


@staff_required
@require_POST
def record_call(request, pk: int):
    def call(_case, follow_up, data):
        ratings.record_call(follow_up, actor=request.user, notes=data["notes"], on=data["on"])
        return f"已记录回访，整改期限至{cn_date(follow_up.rectify_due)}。"

    return _run(request, pk, "call", "记录回访", call)


@staff_required
@require_POST
def rectify(request, pk: int):
    def call(_case, follow_up, data):
        ratings.rectify(follow_up, actor=request.user, answer=data["answer"], on=data["on"])
        return "已答复整改情况，申请人可以复评。"

    return _run(request, pk, "rectify", "答复整改情况", call)
