"""What every staff page of 依申请公开 (disclosure on application) shares.

* finding an application the person may see (404 otherwise, not 403: no hint);
* the one question a page asks before an action: may this person take it on
  this application now (``access.can``), could they take it in another state
  (then the refusal is a state message, not 403), or never (403);
* running an action and turning its refusals into messages on the page: the
  kernel's staff action runner (``gongkai.workbench.acting``), told once about
  this page in ``DESK``.
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from gongkai import access
from gongkai.audit.services import client_ip
from gongkai.workbench.acting import Desk
from gongkai.workbench.departments import current_department

from ..flow import FLOW
from ..models import Application

__all__ = [
    "DESK",
    "applications_visible_to",
    "back_to_detail",
    "client_ip",
    "current_department",
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


def _fresh(application: Application) -> Application:
    from .acting import fresh

    return fresh(application)


def _render_detail(request, application: Application, **kwargs):
    from .detail import render_detail

    return render_detail(request, application, **kwargs)


def _shown(user, application: Application, key: str) -> bool:
    from .acting import still_shown

    return still_shown(user, application, key)


DESK = Desk(
    noun="该申请",
    detail="workbench:applications_staff:detail",
    state_label=lambda application: FLOW.label(application.state),
    fresh=_fresh,
    render_detail=_render_detail,
    shown=_shown,
    moved_on=frozenset({"wrong_state", "stale_state", "decided"}),
)
require_action = DESK.refuse
back_to_detail = DESK.back


def menu(user) -> dict[str, bool]:
    """Which of the module's pages the person has any use for (the sub-navigation)."""
    return {
        "intake": access.can(user, "applications.intake"),
        "supervise": access.can(user, "applications.view"),
        "office": access.can(user, "applications.supervise"),
    }
