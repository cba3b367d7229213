"""Shared pieces of the application actions: steps, notices, the reply clock, rules."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.audit.services import record

# Re-exported: the module's actions take the kernel's today and check_date from here.
from gongkai.core.dates import check_date as check_date
from gongkai.core.dates import today as today
from gongkai.core.errors import DomainError
from gongkai.core.validators import validate_mobile
from gongkai.notices import services as notices
from gongkai.notices.models import NoticeChannel
from gongkai.notices.services import send_notice
from gongkai.orgs.roles import Role
from gongkai.workdays.models import Clock, ClockState
from gongkai.workflow import timeline

from ..flow import FLOW
from ..models import Application, ApplicationRules, StepKind

REPLY = "reply"
REPLY_ART35 = "reply_art35"
CORRECTION = "correction"
FEE_PAYMENT = "fee_payment"


def rules_for(application: Application) -> ApplicationRules:
    return ApplicationRules.for_government(application.department.government)


def add_step(application, kind, *, on: date | None = None, text: str = "", public=True, actor=None):
    """A line of the application's timeline (public ones are shown to the applicant)."""
    return timeline.add(
        application,
        kind,
        StepKind(kind).label,
        workflow=FLOW.name,
        on=on,
        text=text,
        public=public,
        actor=actor,
    )


def audit(application, action: str, *, actor=None, after=None, before=None, ip=None):
    record(
        f"applications.{action}",
        actor=actor,
        obj=application,
        before=before,
        after=after,
        ip=ip,
    )


def lookup_url(application) -> str:
    from django.conf import settings
    from django.urls import NoReverseMatch, reverse

    try:
        path = reverse("applications_portal:lookup")
    except NoReverseMatch:  # the portal is not mounted (e.g. an API-only deployment)
        return ""
    base = getattr(settings, "GONGKAI_PUBLIC_URL", "").rstrip("/")
    return f"{base}{path}" if base else ""


def notify_applicant(application: Application, subject: str, body: str) -> None:
    """SMS to the applicant's mobile (if the phone is one) and email (if given).

    Never the query password: it is shown once on the receipt.
    """
    text = f"{body}（受理编号：{application.tracking_number}，{application.department.name}）"
    url = lookup_url(application)
    try:
        validate_mobile(application.phone)
        is_mobile = True
    except ValidationError:
        is_mobile = False
    if is_mobile:
        send_notice(
            channel=NoticeChannel.SMS,
            address=application.phone,
            subject=subject,
            body=text,
            related=application,
        )
    if application.email:
        send_notice(
            channel=NoticeChannel.EMAIL,
            address=application.email,
            subject=f"【政府信息公开申请】{subject}",
            body=text + (f"\n查询办理进度：{url}" if url else ""),
            url=url,
            related=application,
        )


def notify_staff(application: Application, subject: str, body: str, *, roles=None) -> None:
    """In-app notice to the assignee, or else to the department's handlers (or ``roles``)."""
    from gongkai.orgs.models import Membership

    if roles is None and application.assignee_id:
        recipients = [application.assignee]
    else:
        wanted = roles or (Role.HANDLER,)
        recipients = [
            m.user
            for m in Membership.objects.filter(
                department=application.department, role__in=wanted, active=True
            ).select_related("user")
        ]
    for user in {u.pk: u for u in recipients}.values():
        send_notice(
            channel=NoticeChannel.INAPP,
            recipient=user,
            subject=subject[:100],
            body=f"{application.tracking_number}：{body}",
            url=f"/workbench/applications/{application.pk}/",
            related=application,
        )


def notify_office(application: Application, subject: str, body: str) -> None:
    """In-app notice to the disclosure office members whose reach covers the agency."""
    notices.notify_office(
        application.department.government,
        subject=subject,
        body=f"{application.tracking_number}（{application.department.name}）：{body}",
        url=f"/workbench/applications/{application.pk}/",
        related=application,
    )


def clock(application: Application, stage: str) -> Clock | None:
    return Clock.objects.for_subject(application).filter(stage=stage).first()


def reply_clock(application: Application) -> Clock:
    """The clock the reply is due by: the Art. 35 one when set, else the statutory one."""
    found = application.reply_clock()
    if found is None:
        raise DomainError("该申请尚未确认收到，答复期限还没有开始计算。", code="not_received")
    return found


def open_reply_clock(application: Application) -> Clock | None:
    found = reply_clock(application)
    return None if found.is_finished else found


def locked(application: Application) -> Application:
    """Re-read the application under a row lock (inside a transaction)."""
    assert transaction.get_connection().in_atomic_block
    return Application.objects.select_for_update().get(pk=application.pk)


def is_paused(c: Clock | None) -> bool:
    return c is not None and c.state == ClockState.PAUSED
