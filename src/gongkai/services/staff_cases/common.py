"""What every case page shares: the cases a person may see, and the one ``Desk``."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from gongkai import access
from gongkai.workbench.acting import MOVED_ON, Desk

from ..case_flow import CASE_FLOW
from ..models import Case
from ..services.cases.acceptance import DEEMED


def cases_visible_to(user):
    return access.scope(user, "services.view_case", Case.objects.all()).select_related(
        "item", "department", "guide"
    )


def visible_case(request, pk: int) -> Case:
    """The case, if the person may see it in the workbench; else 404."""
    return get_object_or_404(cases_visible_to(request.user), pk=pk)


def _fresh(case: Case) -> Case:
    return Case.objects.select_related("item", "department", "guide").get(pk=case.pk)


def _render(request, case, **kwargs):
    from .detail import render_detail

    return render_detail(request, case, **kwargs)


def _shown(user, case, key: str) -> bool:
    from .detail import forms_shown

    return key in forms_shown(user, case)


DESK = Desk(
    noun="该办件",
    detail="workbench:services_cases:detail",
    state_label=lambda case: CASE_FLOW.label(case.state),
    fresh=_fresh,
    render_detail=_render,
    shown=_shown,
    # A late 补正 or refusal found the case deemed accepted: the page has moved on.
    moved_on=MOVED_ON | {DEEMED},
)
