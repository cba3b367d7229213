"""What every page of the public boards shares: the section, the site's scope, rendering."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import render

from gongkai.orgs.models import Government
from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.portal.site import site_government

from ..models import Channel, Message, MessageState

SECTION = MODULES_BY_SLUG["interaction"]

# The board's two statuses as the public sees them.
REPLIED_STATES = (MessageState.REPLIED, MessageState.CLOSED)
# Published, then reopened after 不满意: handled again (办理中).
HANDLING_STATES = (MessageState.ASSIGNED, MessageState.HANDLING, MessageState.REPLY_REVIEW)


def page(request, template: str, context: dict | None = None, status: int = 200):
    return render(
        request,
        f"interaction/portal/{template}",
        {"section": SECTION, **(context or {})},
        status=status,
    )


def too_many(request, message: str, retry_after: int):
    response = page(request, "too_many.html", {"message": message}, status=429)
    response["Retry-After"] = str(max(int(retry_after), 1))
    return response


def site_channels() -> QuerySet[Channel]:
    """Active channels of the site's government and the governments under it (all without a site)."""
    channels = Channel.objects.filter(active=True).select_related("government", "office")
    government = site_government()
    if government is not None:
        channels = channels.filter(government__path__startswith=government.path)
    return channels.order_by("government__path", "sort_order", "id")


def public_messages() -> QuerySet[Message]:
    """Published messages of the site's channels (the masked versions are what pages show)."""
    # Publication already excludes these; the board checks again all the same.
    messages = Message.objects.published().filter(
        wants_public=True, message_type__confidential=False, channel__private_by_nature=False
    )
    government = site_government()
    if government is not None:
        messages = messages.filter(channel__government__path__startswith=government.path)
    return messages


def for_rows(messages: QuerySet[Message]) -> QuerySet[Message]:
    """What a row of the board shows, in one query."""
    return messages.select_related("channel", "message_type", "replied_by_department").only(
        "id",
        "state",
        "masked_subject",
        "submitted_at",
        "replied_at",
        "published_at",
        "channel__name",
        "message_type__name",
        "replied_by_department__name",
    )


def public_status(message: Message) -> str:
    return "已回复" if message.state in REPLIED_STATES else "办理中"


def places_for(channel: Channel) -> QuerySet[Government]:
    """The places a message on ``channel`` may concern: its government and the ones directly under it."""
    government = channel.government
    return Government.objects.filter(Q(pk=government.pk) | Q(parent=government)).order_by("path")
