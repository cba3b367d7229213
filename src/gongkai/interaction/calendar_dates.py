"""The working-day dates messages keep on their own rows, registered with the calendar
(``gongkai.workdays.stored``) so that a calendar change recounts them like the clocks:
the window to return a misrouted message (退回期限) and the writer's rating period
(评价截止日)."""

from __future__ import annotations

from django.utils import timezone

from gongkai.workdays.stored import register_stored_date


def _return_rows():
    from .models import Assignment, MessageState

    return Assignment.objects.filter(
        active=True,
        returned_on__isnull=True,
        message__state__in=[MessageState.ASSIGNED, MessageState.HANDLING],
    ).select_related("message__channel__government")


def _return_window(assignment):
    from .services.common import rules_for

    return assignment.assigned_on, rules_for(assignment.message).return_days


def _rating_rows():
    from .models import Message, MessageState

    return Message.objects.filter(
        state=MessageState.REPLIED, rating_due__isnull=False, replied_at__isnull=False
    ).select_related("channel__government")


def _rating_period(message):
    from .services.common import rules_for

    return timezone.localtime(message.replied_at).date(), rules_for(message).rating_days


def register() -> None:
    register_stored_date(
        "interaction.return_by",
        label="交办有误退回期限",
        rows=_return_rows,
        field="return_by",
        count=_return_window,
    )
    register_stored_date(
        "interaction.rating_due",
        label="评价截止日",
        rows=_rating_rows,
        field="rating_due",
        count=_rating_period,
    )
