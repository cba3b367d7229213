"""What the applicant's browser session remembers (never in the URL).

* the receipt: the new application's id and its query password, so a reload
  of the receipt page still shows them (``RECEIPT_SECONDS``);
* the lookup: the id of the application whose password (or phone) was just
  verified, so the applicant can act on it (``APPLICATION_LOOKUP_SESSION_SECONDS``).
"""

from __future__ import annotations

import time

from django.conf import settings

from ..models import Application

RECEIPT_KEY = "applications.receipt"
LOOKUP_KEY = "applications.lookup"
RECEIPT_SECONDS = 30 * 60


def remember_receipt(request, application: Application, password: str) -> None:
    request.session[RECEIPT_KEY] = {
        "id": application.pk,
        "password": password,
        "until": time.time() + RECEIPT_SECONDS,
    }


def receipt(request) -> tuple[Application, str] | None:
    stored = request.session.get(RECEIPT_KEY)
    if not stored or stored.get("until", 0) < time.time():
        request.session.pop(RECEIPT_KEY, None)
        return None
    application = Application.objects.select_related("department").filter(pk=stored["id"]).first()
    return (application, stored["password"]) if application else None


def verify(request, application: Application) -> None:
    """The applicant proved who they are: a new session id, then the application."""
    request.session.cycle_key()
    request.session[LOOKUP_KEY] = {
        "id": application.pk,
        "until": time.time() + settings.APPLICATION_LOOKUP_SESSION_SECONDS,
    }


def verified(request) -> Application | None:
    stored = request.session.get(LOOKUP_KEY)
    if not stored:
        return None
    if stored.get("until", 0) < time.time():
        request.session.pop(LOOKUP_KEY, None)
        return None
    return (
        Application.objects.select_related("department__government").filter(pk=stored["id"]).first()
    )


def forget(request) -> None:
    request.session.pop(LOOKUP_KEY, None)
