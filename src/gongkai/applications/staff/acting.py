"""One way for every action page: check access, parse the form, call the action,
and show its refusal beside the form (or, when the application has moved on,
as a message on the refreshed page)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from gongkai.core.concurrency import StaleEdit
from gongkai.core.errors import DomainError

from ..models import Application
from ..services import ReplyInvalid
from ..validation import ApplicationInvalid
from .common import back_to_detail, require_action

# Codes of refusals that mean "someone (or your own earlier click) already acted".
MOVED_ON = frozenset({"wrong_state", "stale_state", "decided"})


def fresh(application: Application) -> Application:
    return Application.objects.select_related("department__government", "assignee").get(
        pk=application.pk
    )


# The ``allowed`` flag (see ``detail.allowed``) under which each form is shown.
SHOWN_UNDER = {"return": "return_reply", "approve": "review"}


def still_shown(user, application: Application, key: str) -> bool:
    """Will the re-rendered page show this form (so its error can be read there)?"""
    from ..services.common import today
    from .detail import allowed

    flag = SHOWN_UNDER.get(key, key.split(":")[0])
    if flag == "challenge_result":
        flag = "challenge"
    return bool(allowed(user, application, today()).get(flag))


def apply_errors(form, errors: dict[str, list[str]]) -> None:
    for name, messages_ in errors.items():
        for message in messages_:
            form.add_error(name if name in form.fields else None, message)


def run(
    request,
    application: Application,
    *,
    permission: str,
    label: str,
    form,
    key: str,
    call: Callable[[dict], str],
    anchor: str = "",
) -> HttpResponse:
    """Take one action through its form.

    ``call(cleaned_data)`` calls the service and returns the success message.
    Invalid input and refusals re-render the application page with the bound
    form (nothing typed is lost); a refusal because the application moved on
    (a double post, a colleague's click) redirects with the Chinese message.
    """
    from .detail import render_detail

    refused = require_action(request, permission, application, label)
    if refused is not None:
        return refused

    def refuse(message: str):
        current = fresh(application)
        if still_shown(request.user, current, key):
            form.add_error(None, message)
            return None
        messages.error(request, message)
        return back_to_detail(application)

    if form.is_valid():
        try:
            message = call(form.cleaned_data)
        except PermissionDenied:
            raise
        except StaleEdit as error:
            form.add_error(None, error.message)
        except (ReplyInvalid, ApplicationInvalid) as error:
            apply_errors(form, error.errors)
        except DomainError as error:  # TransitionRefused included
            if error.code in MOVED_ON:
                messages.error(request, error.message)
                return back_to_detail(application)
            redirected = refuse(error.message)
            if redirected is not None:
                return redirected
        else:
            messages.success(request, message)
            return back_to_detail(application, anchor)
    return render_detail(request, fresh(application), bound={key: form}, status=400)
