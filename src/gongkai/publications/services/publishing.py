"""Review and publication of an issue: the numbers are assigned at publication.

``publish`` locks the gazette row (``select_for_update``) and, inside the same
transaction, takes the next 第N期 of the year and the next 总第N期 and moves the
issue to 已出版 through the workflow. Two issues published at once wait for each
other on the lock, so numbers are continuous and never given twice; the unique
constraints on (gazette, year, year_number) and (gazette, total_number) stand behind.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.db.models import Max

from gongkai.core.dates import today
from gongkai.core.errors import DomainError

from .. import indexing
from ..flow import FLOW
from ..models import Gazette, Issue, IssueState


def create_issue(gazette: Gazette, *, actor, covers_from=None, covers_to=None) -> Issue:
    from gongkai import access

    access.require(actor, "gazette.create", gazette)
    return Issue.objects.create(gazette=gazette, covers_from=covers_from, covers_to=covers_to)


def submit(issue: Issue, *, actor) -> Issue:
    if not issue.placements.exists() and not issue.text_blocks.exists():
        raise DomainError("本期尚未选定任何内容，不能送审。", code="empty")
    withdrawn = list(issue.withdrawn_placements())
    if withdrawn:
        raise DomainError(
            f"《{withdrawn[0].item.title}》已不是已发布的信息，请先从本期移除。",
            code="withdrawn",
        )
    return FLOW.apply(issue, "submit", actor=actor)


def send_back(issue: Issue, *, actor, comment: str) -> Issue:
    return FLOW.apply(issue, "return", actor=actor, comment=comment)


def next_numbers(gazette: Gazette, year: int) -> tuple[int, int]:
    """(第N期 of ``year``, 总第N期) the next issue of ``gazette`` takes; call under the lock."""
    published = Issue.objects.filter(gazette=gazette, state=IssueState.PUBLISHED)
    in_year = published.filter(year=year).aggregate(m=Max("year_number"))["m"] or 0
    total = published.aggregate(m=Max("total_number"))["m"] or gazette.issues_before
    return in_year + 1, total + 1


def publish(issue: Issue, *, actor, on: date | None = None, at: datetime | None = None) -> Issue:
    """Approve and publish ``issue`` on ``on`` (today by default), assigning its numbers.
    ``at``: when it happened, for the history, when that is not now (the demo's 2016)."""
    on = on or today()
    FLOW.check(issue, "publish", actor)
    withdrawn = list(issue.withdrawn_placements())
    if withdrawn:
        raise DomainError(
            f"《{withdrawn[0].item.title}》已撤回，不能出版；请退回修改后移除。", code="withdrawn"
        )
    with transaction.atomic():
        gazette = Gazette.objects.select_for_update().get(pk=issue.gazette_id)
        latest = (
            Issue.objects.filter(gazette=gazette, state=IssueState.PUBLISHED)
            .order_by("-total_number")
            .values_list("published_on", flat=True)
            .first()
        )
        if latest is not None and on < latest:
            raise DomainError(
                f"出版日期不能早于上一期（{latest:%Y年%-m月%-d日}）。", code="date_before_last"
            )
        year_number, total_number = next_numbers(gazette, on.year)
        return FLOW.apply(
            issue,
            "publish",
            actor=actor,
            on=on,
            at=at,
            after=lambda: indexing.schedule(issue),
            changes={
                "year": on.year,
                "year_number": year_number,
                "total_number": total_number,
                "published_on": on,
            },
        )
