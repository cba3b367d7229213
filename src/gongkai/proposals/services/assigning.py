"""交办 (assignment): the office names the lead unit and co-handling units and the clocks start."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai.core.errors import DomainError
from gongkai.workdays.clocks import restart_clock, start_clock, stop_clock
from gongkai.workdays.models import Clock

from .. import indexing
from ..flow import FLOW
from ..models import Assignment, AssignmentRole, Proposal
from .common import audit, check_date, item_url, label, notify_handlers, rules_for, today
from .deadlines import co_opinion_due, limit_for, reply_due


def period_months(proposal: Proposal) -> int:
    """The item's own period if set, else the rules' (complex items get the longer one)."""
    if proposal.limit_months:
        return proposal.limit_months
    rules = rules_for(proposal)
    return rules.complex_limit_months if proposal.complex else rules.limit_months


def assign(
    proposal: Proposal,
    *,
    lead,
    actor,
    joint=(),
    assist=(),
    on: date | None = None,
    complex: bool | None = None,
    limit_months: int | None = None,
) -> Proposal:
    """Assign to ``lead`` (主办) with ``joint`` (会办) and ``assist`` (协办) units.

    The reply is due ``limit_months`` (else the rules' period) after ``on``;
    each co-handler's opinion is due the rules' number of days before that.
    """
    on = on or today()
    check_date(on, not_before=proposal.session.opened_on, what="开幕日期")
    _check_units(proposal, lead, joint, assist)
    if limit_months is not None and not 1 <= limit_months <= 12:
        raise DomainError("办理期限应为1至12个月。", code="limit_months")
    changes = {"lead_department_id": lead.pk, "assigned_on": on}
    if complex is not None:
        changes["complex"] = complex
    if limit_months is not None:
        changes["limit_months"] = limit_months
    for name, value in changes.items():
        setattr(proposal, name, value)
    proposal.lead_department = lead
    due = reply_due(on, period_months(proposal))
    changes["due_date"] = due
    with transaction.atomic():
        FLOW.apply(proposal, "assign", actor=actor, changes=changes, on=on)
        _open_units(proposal, lead, joint, assist, on=on, due=due, actor=actor)
        audit(
            proposal,
            "assign_units",
            actor=actor,
            after={
                "lead": lead.pk,
                "joint": [d.pk for d in joint],
                "assist": [d.pk for d in assist],
                "due_date": due.isoformat(),
            },
        )
    return proposal


def reassign(
    proposal: Proposal,
    *,
    lead,
    actor,
    reason: str,
    joint=(),
    assist=(),
    on: date | None = None,
) -> Proposal:
    """改办: the office moves an item assigned to the wrong units to others.

    Only while it is being handled (no reply letter awaiting signature). The
    current units' assignments end and their clocks stop with the reason; the
    new units get a full period from ``on``, as at 交办."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("改办须说明理由（如职责不符）。", code="reason_required")
    on = on or today()
    check_date(on, not_before=proposal.assigned_on or proposal.session.opened_on, what="交办日期")
    _check_units(proposal, lead, joint, assist)
    due = reply_due(on, period_months(proposal))
    before = {
        "lead": proposal.lead_department_id,
        "units": sorted(
            proposal.assignments.filter(active=True).values_list("department_id", flat=True)
        ),
    }
    with transaction.atomic():
        FLOW.apply(
            proposal,
            "reassign",
            actor=actor,
            comment=reason,
            changes={"lead_department_id": lead.pk, "assigned_on": on, "due_date": due},
            on=on,
        )
        proposal.lead_department = lead
        reply_stage = f"reply:{proposal.round}"
        for open_clock in Clock.objects.for_subject(proposal).open():
            if open_clock.stage == reply_stage:
                # The reply clock moves to the new lead and counts afresh from ``on``.
                Clock.objects.filter(pk=open_clock.pk).update(
                    department=lead, limit_days=limit_for(on, due)
                )
                restart_clock(open_clock, on=on, reason=f"改办：{reason}", actor=actor)
            else:
                stop_clock(open_clock, on=on, reason=f"改办：{reason}", actor=actor)
        proposal.assignments.filter(active=True).update(active=False)
        _open_units(proposal, lead, joint, assist, on=on, due=due, actor=actor, reply_clock=False)
        indexing.schedule(proposal)  # an earlier round's public letter names the lead unit
        audit(
            proposal,
            "reassign",
            actor=actor,
            before=before,
            after={
                "lead": lead.pk,
                "joint": [d.pk for d in joint],
                "assist": [d.pk for d in assist],
                "due_date": due.isoformat(),
                "reason": reason,
            },
        )
    return proposal


def _check_units(proposal: Proposal, lead, joint, assist) -> None:
    if lead is None:
        raise DomainError("请选择主办单位。", code="lead")
    units = [lead.pk, *[d.pk for d in joint], *[d.pk for d in assist]]
    if len(units) != len(set(units)):
        raise DomainError("同一单位只能以一种方式承办（主办、会办或协办）。", code="duplicate_unit")
    government_path = proposal.session.government.path
    for department in [lead, *joint, *assist]:
        if not department.government.path.startswith(government_path) or not department.active:
            raise DomainError(f"{department.name}不是本级政府或下级政府的在用单位。", code="unit")


def _open_units(
    proposal: Proposal, lead, joint, assist, *, on: date, due: date, actor, reply_clock=True
) -> None:
    """The lead's and co-handlers' assignments, their clocks and notices (the reply clock
    only when ``reply_clock``: 改办 restarts the existing one)."""
    rules = rules_for(proposal)
    Assignment.objects.create(
        proposal=proposal, department=lead, role=AssignmentRole.LEAD, assigned_on=on, due_date=due
    )
    if reply_clock:
        start_clock(
            proposal,
            stage=f"reply:{proposal.round}",
            label=f"{label(proposal)}答复",
            department=lead,
            start_date=on,
            limit_days=limit_for(on, due),
            url=item_url(proposal),
            actor=actor,
        )
    for role, units in ((AssignmentRole.JOINT, joint), (AssignmentRole.ASSIST, assist)):
        for department in units:
            co_due = co_opinion_due(on, due, rules.co_opinion_days)
            co = Assignment.objects.create(
                proposal=proposal, department=department, role=role, assigned_on=on, due_date=co_due
            )
            start_clock(
                proposal,
                stage=f"opinion:{co.pk}",
                label=f"{label(proposal)}{co.get_role_display()}意见",
                department=department,
                start_date=on,
                limit_days=limit_for(on, co_due),
                url=item_url(proposal),
                actor=actor,
            )
            notify_handlers(
                proposal,
                department,
                f"新交办{proposal.session.item_word}（{co.get_role_display()}）",
                f"请于{co_due:%Y-%m-%d}前向主办单位{lead.name}提出{co.get_role_display()}意见。",
            )
    notify_handlers(
        proposal,
        lead,
        f"新交办{proposal.session.item_word}（主办）",
        f"请于{due:%Y-%m-%d}前答复。",
    )
