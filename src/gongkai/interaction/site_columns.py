"""The message board for the website inspection (``gongkai.portal.columns``): the
留言选登 column, and every valid message of the site's channels with the day it was
received and the day it was answered (国办秘函〔2019〕19号: none may wait more than
three months)."""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from gongkai.portal.columns import OTHER, MessageFact, SiteColumn

from .models import Message, MessageState

# Not valid messages: held for checking, refused (不予受理) or merged into another.
NOT_VALID = (MessageState.HELD, MessageState.REFUSED, MessageState.MERGED)


def _of_site(messages, government):
    if government is None:
        return messages
    return messages.filter(channel__government__path__startswith=government.path)


def columns(government):
    published = _of_site(Message.objects.published(), government).aggregate(
        n=Count("id"), newest=Max("published_at")
    )
    newest = published["newest"]
    yield SiteColumn(
        "interaction.board",
        "留言选登",
        OTHER,
        reverse("interaction_portal:board"),
        timezone.localdate(newest) if newest else None,
        published["n"],
    )


def messages(government, since):
    start = timezone.make_aware(datetime.combine(since, time.min))
    rows = (
        _of_site(Message.objects.exclude(state__in=NOT_VALID), government)
        .filter(submitted_at__gte=start)
        .values_list("pk", "subject", "submitted_at", "replied_at")
        .order_by("submitted_at", "pk")
    )
    for pk, subject, submitted, replied in rows:
        yield MessageFact(
            timezone.localdate(submitted),
            timezone.localdate(replied) if replied else None,
            subject,
            reverse("workbench:interaction_staff:detail", args=[pk]),
        )
