"""The deputy's or member's satisfaction: 满意 / 基本满意 close the item; 不满意 reopens it.

An unsatisfied item is handled again (重新办理) by the same units in a new
round with a new reply deadline, ``rehandle_months`` after the day the view was
recorded (default 1 month). After ``max_rehandling`` rounds (default 1) a
further 不满意 is recorded and the item is closed.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from gongkai.core.errors import DomainError
from gongkai.workdays.clocks import start_clock

from ..flow import FLOW
from ..models import Proposal, Satisfaction, SatisfactionRecord
from .common import audit, check_date, item_url, label, notify_handlers, rules_for, today
from .deadlines import limit_for, reply_due
from .handling import lead_assignment


def record_satisfaction(
    proposal: Proposal, *, satisfaction: str, actor, comment: str = "", on: date | None = None
) -> Proposal:
    if satisfaction not in Satisfaction.values:
        raise DomainError("请选择满意、基本满意或不满意。", code="satisfaction")
    comment = (comment or "").strip()
    if satisfaction == Satisfaction.UNSATISFIED and not comment:
        raise DomainError("不满意的，请登记代表、委员的具体意见，以便重新办理。", code="comment")
    lead = lead_assignment(proposal)
    on = on or today()
    check_date(on, not_before=proposal.replied_on, what="答复日期")
    rules = rules_for(proposal)
    reopen = satisfaction == Satisfaction.UNSATISFIED and proposal.round <= rules.max_rehandling
    try:
        with transaction.atomic():
            SatisfactionRecord.objects.create(
                proposal=proposal,
                round=proposal.round,
                satisfaction=satisfaction,
                comment=comment,
                recorded_on=on,
                recorded_by=actor,
            )
            if not reopen:
                FLOW.apply(
                    proposal,
                    "close",
                    actor=actor,
                    access_object=lead,
                    changes={"satisfaction": satisfaction},
                    on=on,
                )
                return proposal
            due = reply_due(on, rules.rehandle_months)
            FLOW.apply(
                proposal,
                "reopen",
                actor=actor,
                comment=comment,
                access_object=lead,
                on=on,
                changes={
                    "satisfaction": satisfaction,
                    "round": proposal.round + 1,
                    "due_date": due,
                },
            )
            start_clock(
                proposal,
                stage=f"reply:{proposal.round}",
                label=f"{label(proposal)}重新办理答复",
                department=lead.department,
                start_date=on,
                limit_days=limit_for(on, due),
                url=item_url(proposal),
                actor=actor,
            )
            audit(
                proposal,
                "reopen_deadline",
                actor=actor,
                after={"due_date": due, "round": proposal.round},
            )
            notify_handlers(
                proposal,
                lead.department,
                "代表、委员不满意，请重新办理",
                f"请于{due:%Y-%m-%d}前重新答复。意见：{comment}",
            )
    except IntegrityError:
        raise DomainError("本轮答复的满意度已经登记过。", code="duplicate") from None
    return proposal
