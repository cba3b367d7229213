"""The proposals rules as a matrix: role × own / other department × item state."""

from datetime import date

import pytest

from gongkai import access
from gongkai.orgs.roles import Role
from gongkai.proposals.models import Proposal
from gongkai.testing.factories import department, staff

from .helpers import congress_session, imported, reviewer_environment

pytestmark = pytest.mark.django_db

STATES = ["pending", "handling", "approval", "replied", "closed"]


@pytest.fixture
def item(world):
    from gongkai.proposals import services

    found = imported(world, congress_session(world))[0]
    services.assign(
        found,
        lead=world.finance,
        joint=[world.environment],
        actor=world.office,
        on=date(2026, 3, 2),
    )
    found.refresh_from_db()
    return found


def with_state(item: Proposal, state: str) -> Proposal:
    item.state = state  # the rules read the state; nothing is saved
    return item


def people(world):
    other = department(world.tianshui, "天水市水务局", short_name="市水务局")
    return {
        "lead handler": world.handler_finance,
        "lead reviewer": world.reviewer_finance,
        "lead secrecy": world.secrecy_finance,
        "co handler": world.handler_environment,
        "co reviewer": reviewer_environment(world),
        "other handler": staff("handler_water", (other, Role.HANDLER)),
        "office": world.office,
        "county office": staff(
            "office_qinzhou",
            (
                department(world.qinzhou, "秦州区人民政府办公室", short_name="区政府办"),
                Role.DISCLOSURE_OFFICE,
            ),
        ),
        "other city office": staff(
            "office_longnan",
            (
                department(world.longnan, "陇南市人民政府办公室", short_name="陇南市政府办"),
                Role.DISCLOSURE_OFFICE,
            ),
        ),
    }


def test_lead_unit_steps_are_taken_by_its_own_staff_in_their_state(world, item):
    lead = item.lead_assignment()
    who = people(world)
    expected = {
        # (action, person): states in which the lead assignment may be acted on
        ("proposals.handle", "lead handler"): {"handling"},
        ("proposals.handle", "lead reviewer"): {"handling"},
        ("proposals.approve_reply", "lead reviewer"): {"approval"},
        ("proposals.record_satisfaction", "lead handler"): {"replied"},
        ("proposals.record_satisfaction", "lead reviewer"): {"replied"},
        ("proposals.record_satisfaction", "office"): {"replied"},
    }
    for action in ("proposals.handle", "proposals.approve_reply", "proposals.record_satisfaction"):
        for name, user in who.items():
            allowed = {
                s for s in STATES if access.can(user, action, with_state(lead.proposal, s) and lead)
            }
            assert allowed == expected.get((action, name), set()), (action, name)


def test_co_handlers_act_on_their_own_assignment_only(world, item):
    co = item.co_assignments().get()
    who = people(world)
    may_handle = {n for n, u in who.items() if access.can(u, "proposals.handle", co)}
    assert may_handle == {"co handler", "co reviewer"}
    assert not access.can(who["co handler"], "proposals.handle", item.lead_assignment())


def test_view_reaches_the_assigned_units_and_the_office_of_the_government(world, item):
    who = people(world)
    seen = {n for n, u in who.items() if access.can(u, "proposals.view", item)}
    assert seen == {"lead handler", "lead reviewer", "co handler", "co reviewer", "office"}
    listed = {
        n
        for n, u in who.items()
        if access.scope(
            u,
            "proposals.view",
            Proposal.objects.all(),
            department_field="session__office",
            also_via={"assignments__department": {"assignments__active": True}},
        ).exists()
    }
    assert listed == seen


def test_import_assign_and_visits_are_the_office_s(world, item):
    who = people(world)
    for action, obj in (
        ("proposals.import", item.session),
        ("proposals.record_visit", item.session),
        ("proposals.supervise", item.session),
    ):
        assert {n for n, u in who.items() if access.can(u, action, obj)} == {"office"}, action
    pending = with_state(item, "pending")
    assert {n for n, u in who.items() if access.can(u, "proposals.assign", pending)} == {"office"}
    assert not access.can(world.office, "proposals.assign", with_state(item, "handling"))


def test_correction_is_the_office_s_until_the_reply_is_sent(world, item):
    who = people(world)
    allowed = {
        (n, s)
        for n, u in who.items()
        for s in STATES
        if access.can(u, "proposals.correct", with_state(item, s))
    }
    assert allowed == {("office", s) for s in ("pending", "handling", "approval")}
