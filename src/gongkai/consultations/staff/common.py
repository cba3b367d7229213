"""What every workbench page of 意见征集 (consultations) shares.

* the consultations a person may see: ``consultations.view`` through
  ``gongkai.access.scope`` (their own department's, the whole government tree
  for the 公开办 disclosure office); a consultation they may not see is a 404,
  with no hint that it exists;
* the one question before an action: may this person take it now, could they
  in another phase (then a message on the refreshed page, not a 403: a second
  click, a colleague's click or the clock moved the consultation on), or never
  (403);
* the one way of taking an action through its form: parse, call the service,
  and show its refusal (``DomainError``) beside the form.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from gongkai import access

from ..models import Consultation, Phase


def consultations_visible_to(user):
    return access.scope(
        user, "consultations.view", Consultation.objects.select_related("department__government")
    )


def visible_consultation(request, pk: int) -> Consultation:
    """The consultation, if the person may see it; else 404. Its phase is judged once, now."""
    consultation = get_object_or_404(
        consultations_visible_to(request.user).prefetch_related("rounds"), pk=pk
    )
    return consultation.as_of(timezone.now())


def phase_label(consultation: Consultation) -> str:
    return Phase(consultation.state).label


def refused(request, action: str, consultation: Consultation, label: str, back):
    """None when the person may act now; a redirect to ``back`` with a message when only
    the phase is wrong; PermissionDenied (403) when they may never act here."""
    if access.can(request.user, action, consultation):
        return None
    if access.may_ever(request.user, action, consultation):
        messages.error(
            request,
            f"这项意见征集当前阶段为“{phase_label(consultation)}”，不能{label}。"
            "页面已刷新，请查看最新办理情况。",
        )
        return back
    raise PermissionDenied(f"无权执行此操作：{access.RULES[action].description or label}。")


def to_detail(consultation: Consultation, anchor: str = ""):
    response = redirect("workbench:consultations_staff:detail", pk=consultation.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def to_page(name: str, consultation: Consultation, anchor: str = ""):
    response = redirect(f"workbench:consultations_staff:{name}", pk=consultation.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def department_ids_for_create(user) -> list[int]:
    """Departments in which the person may start a consultation."""
    return sorted(
        {
            m.department_id
            for m in access.memberships_of(user)
            if access.can(user, "consultations.create", m.department)
        }
    )
