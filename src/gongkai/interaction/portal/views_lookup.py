"""Looking up one's own message (查询) and rating the reply (评价).

The writer proves who they are with the query code and the password (or the
phone given when writing); wrong guesses lock the query code guessed
(``limits.LOOKUP_LOCKOUT``), not the writer's address. The status page
shows the writer's own message unmasked: it is theirs.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from gongkai.core.errors import DomainError
from gongkai.core.lookup import post_lookup
from gongkai.core.net import client_key
from gongkai.workflow import timeline

from .. import limits, services
from ..models import MessageState, Satisfaction
from ..services.common import today
from . import session
from .common import HANDLING_STATES, page, too_many
from .forms import LookupForm, RatingForm

# What each state means for the writer.
STATE_NOTES = {
    MessageState.HELD: "留言正在由受理办公室人工核查，核查后转入受理。",
    MessageState.TRIAGE: "留言已收到，等待受理办公室受理并交办给承办部门。",
    MessageState.REFUSED: "留言不予受理，原因见下方办理过程。",
    MessageState.MERGED: "留言与他人反映的相同问题合并办理，请查看原留言的办理结果。",
    MessageState.ASSIGNED: "留言已交办，等待承办部门签收。",
    MessageState.HANDLING: "承办部门正在办理。",
    MessageState.REPLY_REVIEW: "承办部门已拟定答复，正在审核。",
    MessageState.REPLIED: "留言已答复。请对答复进行评价。",
    MessageState.CLOSED: "留言已办结。",
}


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request):
    current = session.verified(request)
    if request.method == "GET":
        return page(request, "lookup.html", {"form": LookupForm(), "current": current})
    return post_lookup(
        request,
        LookupForm(request.POST),
        find=services.find_for_lookup,
        lockout=limits.LOOKUP_LOCKOUT,
        ip=client_key(request),
        ticket=session.ticket,
        too_many=too_many,
        invalid=lambda form: page(
            request, "lookup.html", {"form": form, "current": current}, status=400
        ),
        success="interaction_portal:status",
    )


def can_rate(message) -> bool:
    return (
        message.state == MessageState.REPLIED
        and message.rating_due is not None
        and today() <= message.rating_due
    )


def status_page(request, message, rating_form=None, status: int = 200):
    steps = timeline.public_of(message)
    clock = message.reply_clock() if message.state in HANDLING_STATES else None
    return page(
        request,
        "status.html",
        {
            "message": message,
            "state_note": STATE_NOTES.get(message.state, ""),
            "steps": steps,
            "due_date": clock.due_date if clock is not None and not clock.is_finished else None,
            "can_rate": can_rate(message),
            "rating_form": rating_form or RatingForm(),
            "reopened": message.round > 1 and message.state in HANDLING_STATES,
            "satisfaction_label": Satisfaction(message.satisfaction).label
            if message.satisfaction
            else "",
        },
        status=status,
    )


@never_cache
@require_safe
def status(request):
    message = session.verified(request)
    if message is None:
        messages.info(request, "请输入查询码和查询密码查看办理情况（查询结果只保留一段时间）。")
        return redirect("interaction_portal:lookup")
    return status_page(request, message)


@require_POST
def rate(request):
    message = session.verified(request)
    if message is None:
        messages.info(request, "查询已过期，请重新输入查询码和查询密码。")
        return redirect("interaction_portal:lookup")
    form = RatingForm(request.POST)
    if not can_rate(message):
        messages.error(request, "这条留言现在不能评价（已评价、尚未答复或已过评价期限）。")
        return redirect("interaction_portal:status")
    if not form.is_valid():
        return status_page(request, message, form, status=400)
    try:
        services.rate(
            message,
            satisfaction=form.cleaned_data["satisfaction"],
            reason=form.cleaned_data.get("reason", ""),
        )
    except DomainError as refused:
        form.add_error("reason" if refused.code == "reason" else "satisfaction", refused.message)
        return status_page(request, message, form, status=400)
    message.refresh_from_db()
    if message.state in HANDLING_STATES:
        messages.success(request, "评价已提交：不满意。留言已重新交办，承办部门将重新办理并答复。")
    else:
        messages.success(request, "评价已提交，感谢您的评价。")
    return redirect("interaction_portal:status")


@require_POST
def leave(request):
    session.forget(request)
    messages.info(request, "已退出查询。")
    return redirect("interaction_portal:lookup")
