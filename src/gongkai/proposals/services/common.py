"""Shared pieces of the item actions: today, audit, notices, clocks, rules."""

from __future__ import annotations

from gongkai.audit.services import record

# Re-exported: the module's actions take the kernel's today and check_date from here.
from gongkai.core.dates import check_date as check_date
from gongkai.core.dates import today as today
from gongkai.notices.services import notify_members
from gongkai.orgs.models import Membership
from gongkai.orgs.roles import Role
from gongkai.workdays.models import Clock

from ..models import Proposal, ProposalRules


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
    notify_members(
        Membership.objects.filter(department=department, role__in=roles, active=True),
        subject=subject,
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
