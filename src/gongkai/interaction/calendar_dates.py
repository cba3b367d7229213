"""The working-day dates messages keep on their own rows, registered with the calendar
(``gongkai.workdays.stored``) so that a calendar change recounts them like the clocks:
the window to return a misrouted message (退回期限) and the writer's rating period
(评价截止日)."""

from __future__ import annotations

from django.utils import timezone

from gongkai.workdays.stored import register_stored_date


def _with_rules(rows, government_of):
    """The rows, each with ``rules``: its government's settings, read once per government."""
    from .models import InteractionRules

    rows = list(rows)
    governments = {government_of(row) for row in rows}
    stored = {
        r.government_id: r for r in InteractionRules.objects.filter(government__in=governments)
    }
    for row in rows:
        government = government_of(row)
        row.rules = stored.get(government.pk) or InteractionRules(government=government)
    return rows


def _return_rows():
    from .models import Assignment, MessageState

    return _with_rules(
        Assignment.objects.filter(
            active=True,
            returned_on__isnull=True,
            message__state__in=[MessageState.ASSIGNED, MessageState.HANDLING],
        ).select_related("message__channel__government"),
        lambda assignment: assignment.message.channel.government,
    )


def _return_window(assignment):
    return assignment.assigned_on, assignment.rules.return_days


def _rating_rows():
    from .models import Message, MessageState

    return _with_rules(
        Message.objects.filter(
            state=MessageState.REPLIED, rating_due__isnull=False, replied_at__isnull=False
        ).select_related("channel__government"),
        lambda message: message.channel.government,
    )


def _rating_period(message):
    return timezone.localtime(message.replied_at).date(), message.rules.rating_days


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
