"""The working-day date applications keep on their own row, registered with the calendar
(``gongkai.workdays.stored``) so that a calendar change recounts it like the clocks: the
last day to send a 补正 (correction) notice, 7 working days after receipt (条例 Art. 30)."""

from __future__ import annotations

from gongkai.workdays.stored import register_stored_date


def _open_rows():
    from .models import Application, ApplicationState

    return Application.objects.filter(
        state=ApplicationState.IN_PROGRESS,
        correction_notice_by__isnull=False,
        received_on__isnull=False,
    )


def _window(application):
    from .models.rules import CORRECTION_NOTICE_DAYS

    return application.received_on, CORRECTION_NOTICE_DAYS


def register() -> None:
    register_stored_date(
        "applications.correction_notice_by",
        label="告知补正期限",
        rows=_open_rows,
        field="correction_notice_by",
        count=_window,
    )
