"""One way for every action on a message: check access, parse the form, call the
service, and show its refusal beside the form (or, when the message has moved on,
as a message on the refreshed page)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from gongkai.core.concurrency import StaleEdit
from gongkai.core.errors import DomainError

from ..models import Message
from ..validation import MessageInvalid
from .common import back_to_detail, require_action

# Codes of refusals meaning "someone (or your own earlier click) already acted".
MOVED_ON = frozenset({"wrong_state", "decided", "extension_once", "not_assigned"})


def fresh(message: Message) -> Message:
    return Message.objects.select_related(
        "channel__government", "message_type", "lead_department", "place"
    ).get(pk=message.pk)


def apply_errors(form, errors: dict[str, list[str]]) -> None:
    for name, texts in errors.items():
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


def run(
    request,
    message: Message,
    *,
    permission: str,
    label: str,
    form,
    key: str,
    call: Callable[[dict], str],
    target=None,
    anchor: str = "",
) -> HttpResponse:
    """Take one action through its form.

    ``call(cleaned_data)`` calls the service and returns the success message.
    Invalid input and refusals re-render the message page with the bound form
    (nothing typed is lost, status 400); a refusal because the message moved on
    (a double post, a colleague's click) redirects with the Chinese message.
    """
    from .detail import allowed, render_detail

    refused = require_action(request, permission, message, label, target=target)
    if refused is not None:
        return refused
    if form.is_valid():
        try:
            text = call(form.cleaned_data)
        except PermissionDenied:
            raise
        except StaleEdit as error:
            form.add_error(None, error.message)
        except MessageInvalid as error:
            apply_errors(form, error.errors)
        except DomainError as error:  # TransitionRefused included
            current = fresh(message)
            shown = allowed(request.user, current).get(key.split(":")[0])
            if error.code in MOVED_ON or not shown:
                messages.error(request, error.message)
                return back_to_detail(message)
            form.add_error(None, error.message)
        else:
            messages.success(request, text)
            return back_to_detail(message, anchor)
    current = fresh(message)
    if not allowed(request.user, current).get(key.split(":")[0]):
        # The form is no longer on the page (e.g. the return window has passed):
        # say what was wrong above the page instead of losing it.
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return back_to_detail(message)
    return render_detail(request, current, bound={key: form}, status=400)
