"""What every staff page of 依申请公开 (disclosure on application) shares.

* finding an application the person may see (404 otherwise, not 403: no hint);
* the one question a page asks before an action: may this person take it on
  this application now (``access.can``), could they take it in another state
  (then the refusal is a state message, not 403), or never (403);
* running an action and turning its refusals into messages on the page.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect

from gongkai import access
from gongkai.audit.services import client_ip
from gongkai.workbench.departments import current_department

from ..flow import FLOW
from ..models import Application

__all__ = [
    "applications_visible_to",
    "back_to_detail",
    "client_ip",
    "current_department",
    "may_ever",
    "menu",
    "require_action",
    "visible_application",
]


def applications_visible_to(user):
    return access.scope(user, "applications.view", Application.objects.all()).select_related(
        "department__government", "assignee"
    )


def visible_application(request, pk: int) -> Application:
    """The application, if the person may see it in the workbench; else 404."""
    return get_object_or_404(applications_visible_to(request.user), pk=pk)


def may_ever(user, action: str, application: Application) -> bool:
    """Could ``user`` take ``action`` on this application in some state the rule allows?

    The same policy question as ``access.can``, asked of a stand-in in an
    allowed state: it separates "wrong person" (403) from "not now" (the
    application moved on, e.g. a second click on a button already acted on).
    """
    rule = access.RULES[action]
    if rule.states is None:
        return access.can(user, action, application)
    stand_in = SimpleNamespace(
        state=next(iter(sorted(rule.states))), access_department=application.department
    )
    return access.can(user, action, stand_in)


def require_action(request, action: str, application: Application, label: str):
    """None when the person may act now; a redirect with a message when only the state
    is wrong; PermissionDenied (403) when the person may never take the action here."""
    if access.can(request.user, action, application):
        return None
    if may_ever(request.user, action, application):
        messages.error(
            request,
            f"该申请当前状态为“{FLOW.label(application.state)}”，不能{label}。"
            "页面已刷新，请查看最新办理情况。",
        )
        return back_to_detail(application)
    rule = access.RULES[action]
    raise PermissionDenied(f"无权执行此操作：{rule.description or label}。")


def back_to_detail(application: Application, anchor: str = ""):
    response = redirect("workbench:applications_staff:detail", pk=application.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def menu(user) -> dict[str, bool]:
    """Which of the module's pages the person has any use for (the sub-navigation)."""
    return {
        "intake": access.can(user, "applications.intake"),
        "supervise": access.can(user, "applications.view"),
        "office": access.can(user, "applications.supervise"),
    }
