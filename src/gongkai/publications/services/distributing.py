"""赠阅 (distribution): the copies an issue sends each recipient, and the year's total."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Sum

from gongkai import access
from gongkai.core.errors import DomainError

from ..models import Delivery, Issue, IssueState


def distribute(issue: Issue, *, actor=None) -> list[Delivery]:
    """Record the issue's deliveries from the gazette's active recipients (their usual
    copies); done once, when the issue is published."""
    if actor is not None:
        access.require(actor, "gazette.distribute", issue)
    if issue.state != IssueState.PUBLISHED:
        raise DomainError("只有已出版的期次可以登记赠阅。", code="not_published")
    with transaction.atomic():
        issue.deliveries.all().delete()
        return Delivery.objects.bulk_create(
            Delivery(issue=issue, recipient=r, copies=r.copies)
            for r in issue.gazette.recipients.filter(active=True)
        )


def copies_of(issue: Issue) -> int:
    return issue.deliveries.aggregate(n=Sum("copies"))["n"] or 0


def copies_in_year(government, year: int, *, tree: bool = True) -> int:
    """Copies of the gazettes of ``government`` (and those under it) published in ``year``."""
    deliveries = Delivery.objects.filter(issue__state=IssueState.PUBLISHED, issue__year=year)
    if tree:
        deliveries = deliveries.filter(issue__gazette__government__path__startswith=government.path)
    else:
        deliveries = deliveries.filter(issue__gazette__government=government)
    return deliveries.aggregate(n=Sum("copies"))["n"] or 0
