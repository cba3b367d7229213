"""改办: the office moves a misassigned item to other units; the old units' clocks stop."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.core.errors import DomainError
from gongkai.proposals import services
from gongkai.proposals.models import ProposalState
from gongkai.workdays.models import Clock

from .helpers import REPLY, congress_session, imported

pytestmark = pytest.mark.django_db


def test_reassign_moves_the_item_and_restarts_the_period(world):
    item = imported(world, congress_session(world))[0]
    services.assign(
        item, lead=world.environment, joint=[world.finance], actor=world.office, on=date(2026, 3, 2)
    )
    services.reassign(
        item,
        lead=world.finance,
        actor=world.office,
        reason="属于财政资金安排，职责不符",
        on=date(2026, 3, 9),
    )
    item.refresh_from_db()
    assert item.state == ProposalState.HANDLING
    assert item.lead_department == world.finance and item.assigned_on == date(2026, 3, 9)
    assert item.due_date == date(2026, 6, 9)  # three months from the new assignment
    active = list(item.assignments.filter(active=True).values_list("department", "role"))
    assert active == [(world.finance.pk, "lead")]
    clocks = {c.stage: c.state for c in Clock.objects.for_subject(item)}
    stopped = [s for s, state in clocks.items() if state == "stopped"]
    assert len(stopped) == 1 and stopped[0].startswith("opinion:")  # the co-handler's
    running = Clock.objects.for_subject(item).open().get()  # the reply clock, restarted
    assert running.stage == "reply:1"
    assert running.department == world.finance and running.due_date == date(2026, 6, 9)
    # The new lead can reply; the old one no longer can.
    services.submit_reply(
        item, text=REPLY, grade="B", actor=world.handler_finance, on=date(2026, 4, 1)
    )


def test_reassign_needs_a_reason_the_office_and_the_handling_state(world):
    item = imported(world, congress_session(world))[0]
    with pytest.raises(DomainError):  # still 待交办: assign, not reassign
        services.reassign(
            item, lead=world.finance, actor=world.office, reason="职责不符", on=date(2026, 3, 9)
        )
    services.assign(item, lead=world.environment, actor=world.office, on=date(2026, 3, 2))
    with pytest.raises(DomainError) as no_reason:
        services.reassign(
            item, lead=world.finance, actor=world.office, reason=" ", on=date(2026, 3, 9)
        )
    assert no_reason.value.code == "reason_required"
    with pytest.raises(PermissionDenied):
        services.reassign(
            item,
            lead=world.finance,
            actor=world.handler_environment,
            reason="职责不符",
            on=date(2026, 3, 9),
        )
