"""The one staff action runner: every button and form on a case page goes through it.

A module describes its case page once, as a :class:`Desk`, and each action
view is then a form and a call::

    DESK = Desk(
        noun="该申请",
        detail="workbench:applications_staff:detail",
        state_label=lambda a: FLOW.label(a.state),
        fresh=fresh,
        render_detail=render_detail,
        shown=still_shown,
    )

    def confirm(request, pk):
        application = visible_application(request, pk)
        form = ConfirmForm(request.POST, prefix="confirm")
        return DESK.run(request, application, permission="applications.confirm",
                        label="确认收到", form=form, key="confirm",
                        call=lambda data: services.confirm_receipt(...) or "已确认收到。")

What every action then does the same way:

* the wrong person gets HTTP 403 with the rule's words; the right person at
  the wrong moment (a second click, a colleague was faster) gets the page
  again with "当前状态为……，不能……" — :func:`gongkai.access.may_ever` tells which;
* invalid input and refusals re-render the case page with the bound form
  (nothing typed is lost, HTTP 400), field by field where the refusal names
  fields (``errors``), above the form otherwise;
* a refusal meaning "someone already acted" (a code in ``moved_on``), or one
  whose form is no longer on the refreshed page, becomes a message above the
  refreshed page instead;
* success redirects to the case page (at ``anchor``) with the service's message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect

from gongkai import access
from gongkai.core.errors import DomainError

# Refusal codes meaning "the case has moved on": someone (or one's own earlier click) acted.
MOVED_ON = frozenset({"wrong_state", "stale_state"})


def _always(user, obj, key: str) -> bool:
    return True


@dataclass(frozen=True)
class Desk:
    noun: str  # how a refusal names the case: "该申请", "该留言", "该件"
    detail: str  # URL name of the case page, taking ``pk``
    state_label: Callable[[Any], str]  # the case's state in words
    fresh: Callable[[Any], Any]  # the case re-read from the database
    render_detail: Callable[..., HttpResponse]  # (request, obj, *, bound, status)
    # Is the form under ``key`` on the page for this person now (so its error can be read there)?
    shown: Callable[[Any, Any, str], bool] = _always
    moved_on: frozenset[str] = field(default=MOVED_ON)
    state_word: str = "状态"  # what the state is called: 状态, or 阶段 for a consultation

    def back(self, obj, anchor: str = "") -> HttpResponse:
        response = redirect(self.detail, pk=obj.pk)
        if anchor:
            response["Location"] += f"#{anchor}"
        return response

    def refuse(self, request, permission: str, obj, label: str, target=None):
        """None when the person may act now; a redirect with a message when only the
        state is wrong; PermissionDenied (403) when they may never act here."""
        target = obj if target is None else target
        if access.can(request.user, permission, target):
            return None
        if access.may_ever(request.user, permission, target):
            messages.error(
                request,
                f"{self.noun}当前{self.state_word}为“{self.state_label(obj)}”，不能{label}。"
                "页面已刷新，请查看最新办理情况。",
            )
            return self.back(obj)
        rule = access.RULES[permission]
        raise PermissionDenied(f"无权执行此操作：{rule.description or label}。")

    def run(
        self,
        request,
        obj,
        *,
        permission: str,
        label: str,
        form,
        key: str,
        call: Callable[[dict], str],
        target=None,
        anchor: str = "",
    ) -> HttpResponse:
        """Take one action through its form; ``call(cleaned_data)`` returns the success message."""
        refused = self.refuse(request, permission, obj, label, target)
        if refused is not None:
            return refused
        if form.is_valid():
            try:
                text = call(form.cleaned_data)
            except PermissionDenied:
                raise
            except DomainError as error:  # TransitionRefused, StaleEdit, invalid fields
                errors = getattr(error, "errors", None)
                if errors:
                    add_errors(form, errors)
                elif error.code in self.moved_on:
                    messages.error(request, error.message)
                    return self.back(obj)
                else:
                    form.add_error(None, error.message)
            else:
                messages.success(request, text)
                return self.back(obj, anchor)
        current = self.fresh(obj)
        if not self.shown(request.user, current, key):
            # The form is no longer on the page (the case moved on, a window passed):
            # say what was wrong above the page instead of losing it.
            for texts in form.errors.values():
                for text in texts:
                    messages.error(request, text)
            return self.back(obj)
        return self.render_detail(request, current, bound={key: form}, status=400)


def add_errors(form, errors: dict) -> None:
    """A refusal's field errors on the form (a message or a list of them per field)."""
    for name, texts in errors.items():
        for text in [texts] if isinstance(texts, str) else texts:
            form.add_error(name if name in form.fields else None, text)


def decide_extension(
    desk: Desk,
    request,
    obj,
    request_id: int,
    *,
    permission: str,
    approved: str,
    refused: str,
) -> HttpResponse:
    """The one view deciding an extension request (延期申请) on ``obj``'s clock.

    ``approved`` is the success message with ``{days}``; ``refused`` the message
    when refused. What follows a decision (formal notices, steps, notices) is the
    module's ``ExtensionRules`` hook, run by ``workdays.extensions``."""
    from django.shortcuts import get_object_or_404

    from gongkai.workdays import extensions
    from gongkai.workdays.forms import DecideExtensionForm
    from gongkai.workdays.models import ExtensionRequest

    extension = get_object_or_404(ExtensionRequest.objects.for_subject(obj), pk=request_id)
    form = DecideExtensionForm(request.POST, prefix=f"decide{extension.pk}")

    def call(data):
        decided = extensions.decide_extension(
            extension,
            approve=data["decision"] == "approve",
            actor=request.user,
            comment=data["comment"],
        )
        return approved.format(days=decided.days) if decided.approved else refused

    return desk.run(
        request,
        obj,
        permission=permission,
        label="审批延期申请",
        form=form,
        key=f"decide_extension:{extension.pk}",
        call=call,
    )
