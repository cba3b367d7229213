"""Shared pieces of the message actions."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.audit.services import record

# Re-exported: the module's actions take the kernel's today and check_date from here.
from gongkai.core.dates import check_date as check_date
from gongkai.core.dates import today as today
from gongkai.core.validators import validate_mobile
from gongkai.notices.models import NoticeChannel
from gongkai.notices.services import notify_members, send_notice
from gongkai.orgs.models import Membership
from gongkai.orgs.roles import Role
from gongkai.workflow import timeline

from ..flow import FLOW
from ..models import InteractionRules, Message, StepKind


def rules_for(message: Message) -> InteractionRules:
    return InteractionRules.for_government(message.channel.government)


def add_step(message, kind, *, on=None, text="", public=True, actor=None, department=None):
    """A line of the message's timeline (public ones are shown to the writer)."""
    return timeline.add(
        message,
        kind,
        StepKind(kind).label,
        workflow=FLOW.name,
        on=on,
        text=text,
        public=public,
        actor=actor,
        department=department,
    )


def audit(message, action: str, *, actor=None, before=None, after=None, ip=None):
    record(f"interaction.{action}", actor=actor, obj=message, before=before, after=after, ip=ip)


def notify_writer(message: Message, subject: str, body: str) -> None:
    """SMS to the writer's mobile, if the phone given is one (never the password)."""
    try:
        validate_mobile(message.writer_phone)
    except ValidationError:
        return
    send_notice(
        channel=NoticeChannel.SMS,
        address=message.writer_phone,
        subject=subject,
        body=f"{body}（查询码：{message.query_code}）",
        related=message,
    )


def notify_department(
    message: Message, department, subject: str, body: str, *, roles=(Role.HANDLER,)
):
    notify_members(
        Membership.objects.filter(department=department, role__in=roles, active=True),
        subject=subject,
        body=f"{message.query_code}：{body}",
        url=f"/workbench/messages/{message.pk}/",
        related=message,
    )


def notify_office(message: Message, subject: str, body: str) -> None:
    """The board's office: its 公开办 members and handlers."""
    notify_department(
        message, message.channel.office, subject, body, roles=(Role.DISCLOSURE_OFFICE, Role.HANDLER)
    )


def local_date(moment) -> date:
    return timezone.localtime(moment).date()
