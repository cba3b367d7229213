"""What the writer's browser session remembers (never in the URL).

The same pattern as the applications' portal (``applications.portal.session``,
which is bound to its own model): the receipt (the new message's id and its
query password, shown again on a reload for ``RECEIPT_SECONDS``) and the
lookup (the message whose password or phone was just verified, for
``APPLICATION_LOOKUP_SESSION_SECONDS``, the same setting as applications).
"""

from __future__ import annotations

import time

from django.conf import settings

from ..models import Message

RECEIPT_KEY = "interaction.receipt"
LOOKUP_KEY = "interaction.lookup"
RECEIPT_SECONDS = 30 * 60


def remember_receipt(request, message: Message, password: str, *, repeated: bool) -> None:
    request.session[RECEIPT_KEY] = {
        "id": message.pk,
        "password": password,
        "repeated": repeated,
        "until": time.time() + RECEIPT_SECONDS,
    }


def receipt(request) -> tuple[Message, str, bool] | None:
    stored = request.session.get(RECEIPT_KEY)
    if not stored or stored.get("until", 0) < time.time():
        request.session.pop(RECEIPT_KEY, None)
        return None
    message = (
        Message.objects.select_related("channel", "message_type", "place")
        .filter(pk=stored["id"])
        .first()
    )
    return (message, stored["password"], stored.get("repeated", False)) if message else None


def verify(request, message: Message) -> None:
    """The writer proved who they are: a new session id, then the message."""
    request.session.cycle_key()
    request.session[LOOKUP_KEY] = {
        "id": message.pk,
        "until": time.time() + settings.APPLICATION_LOOKUP_SESSION_SECONDS,
    }


def verified(request) -> Message | None:
    stored = request.session.get(LOOKUP_KEY)
    if not stored:
        return None
    if stored.get("until", 0) < time.time():
        request.session.pop(LOOKUP_KEY, None)
        return None
    return (
        Message.objects.select_related(
            "channel", "message_type", "place", "lead_department", "replied_by_department"
        )
        .filter(pk=stored["id"])
        .first()
    )


def forget(request) -> None:
    request.session.pop(LOOKUP_KEY, None)
