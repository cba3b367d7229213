"""Shared pieces of the item actions: today, audit, notices, clocks, rules."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from gongkai.audit.services import record
from gongkai.core.errors import DomainError
from gongkai.notices.models import NoticeChannel
from gongkai.notices.services import send_notice
from gongkai.orgs.roles import Role
from gongkai.workdays.models import Clock

from ..models import Proposal, ProposalRules


def today() -> date:
    return timezone.localdate()


def rules_for(proposal: Proposal) -> ProposalRules:
    session = proposal.session
    return ProposalRules.for_body(session.government, session.body)


def audit(obj, action: str, *, actor=None, before=None, after=None, ip=None):
    record(f"proposals.{action}", actor=actor, obj=obj, before=before, after=after, ip=ip)


def item_url(proposal: Proposal) -> str:
    return f"/workbench/proposals/items/{proposal.pk}/"


def label(proposal: Proposal) -> str:
    return f"{proposal.session.name}第{proposal.number}号{proposal.session.item_word}"


def notify_department(proposal: Proposal, department, subject: str, body: str, *, roles):
    from gongkai.orgs.models import Membership

    for membership in Membership.objects.filter(
        department=department, role__in=roles, active=True
    ).select_related("user"):
        send_notice(
            channel=NoticeChannel.INAPP,
            recipient=membership.user,
            subject=subject[:100],
            body=f"{label(proposal)}《{proposal.title}》：{body}",
            url=item_url(proposal),
            related=proposal,
        )


def notify_handlers(proposal, department, subject, body):
    notify_department(proposal, department, subject, body, roles=(Role.HANDLER,))


def notify_leaders(proposal, department, subject, body):
    notify_department(proposal, department, subject, body, roles=(Role.REVIEWER,))


def notify_office(proposal, subject, body):
    notify_department(
        proposal, proposal.session.office, subject, body, roles=(Role.DISCLOSURE_OFFICE,)
    )


def clock(proposal: Proposal, stage: str) -> Clock | None:
    return Clock.objects.for_subject(proposal).filter(stage=stage).first()


def check_date(on: date, *, not_before: date | None = None, what: str = "") -> None:
    if on > today():
        raise DomainError(f"日期{on:%Y-%m-%d}晚于今天，不能登记将来的日期。", code="future_date")
    if not_before is not None and on < not_before:
        raise DomainError(f"日期{on:%Y-%m-%d}早于{what}{not_before:%Y-%m-%d}。", code="early_date")
