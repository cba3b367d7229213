"""市长热线: the operator records a call (``services.record_call``); the caller is told
the query code and password on the phone.

A form carries a one-time token; the session remembers which message each token
created, so a second click or a reload of the POST shows the same message again
instead of recording the call twice. The query password is kept in the session
only until the confirmation page has shown it once (no plaintext password stays
in the session store); afterwards that page shows the query code alone.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from gongkai import access
from gongkai.accounts.decorators import staff_required
from gongkai.core.errors import DomainError

from .. import services
from ..models import Channel
from ..validation import MessageInvalid
from .acting import add_errors
from .common import menu

SESSION_KEY = "interaction.recorded_calls"
KEEP = 20  # tokens remembered per session


def hotline_channels(user):
    channels = Channel.objects.filter(active=True, staff_recorded=True).select_related("office")
    allowed = [c.pk for c in channels if access.can(user, "messages.record_call", c)]
    return Channel.objects.filter(pk__in=allowed).order_by("sort_order", "pk")


def _remember(request, token: str, message_pk: int, query_code: str, password: str) -> None:
    kept = dict(request.session.get(SESSION_KEY, {}))
    kept[token] = {"pk": message_pk, "code": query_code, "password": password}
    while len(kept) > KEEP:
        kept.pop(next(iter(kept)))
    request.session[SESSION_KEY] = kept


@staff_required
@require_http_methods(["GET", "POST"])
def record_call(request):
    from .forms import CallForm

    channels = hotline_channels(request.user)
    if not channels.exists():
        raise PermissionDenied("无权执行此操作：登记热线来电。")
    if request.method == "POST":
        form = CallForm(request.POST, channels=channels)
        token = request.POST.get("token", "")
        done = request.session.get(SESSION_KEY, {}).get(token)
        if done is not None:  # the same form posted again: recorded once already
            messages.info(request, f"这次来电已经登记（查询码 {done['code']}），未重复登记。")
            return redirect("workbench:interaction_staff:call_recorded", token=token)
        if form.is_valid():
            try:
                submission = services.record_call(request.POST, actor=request.user)
            except MessageInvalid as error:
                add_errors(form, error.errors)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                message = submission.message
                _remember(request, token, message.pk, message.query_code, submission.password)
                return redirect("workbench:interaction_staff:call_recorded", token=token)
    else:
        form = CallForm(
            initial={"token": secrets.token_urlsafe(16), "channel": channels.first().pk},
            channels=channels,
        )
    return render(
        request,
        "interaction/staff/hotline.html",
        {"menu": menu(request.user), "form": form},
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_http_methods(["GET"])
def call_recorded(request, token: str):
    done = request.session.get(SESSION_KEY, {}).get(token)
    if done is None:
        messages.error(request, "没有找到这次登记，请在留言办理中按查询码查找。")
        return redirect("workbench:interaction_staff:hotline")
    if done.get("password"):  # shown this once: gone from the session saved with this page
        request.session[SESSION_KEY] = {
            **request.session[SESSION_KEY],
            token: {**done, "password": ""},
        }
    return render(
        request,
        "interaction/staff/call_recorded.html",
        {"menu": menu(request.user), "done": done},
    )
