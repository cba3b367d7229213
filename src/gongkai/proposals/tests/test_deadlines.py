"""Handling periods in calendar months, ending on a working day (2026 arrangement).

Spring Festival 2026: off 16–20 and 23 Feb, make-up Saturdays 14 and 28 Feb.
National Day 2026: off 1–2 and 5–7 Oct (3–4 are the weekend), make-up Saturday 10 Oct.
"""

from datetime import date

import pytest

from gongkai.proposals import services
from gongkai.proposals.services.deadlines import add_months
from gongkai.workdays.models import Clock

from .helpers import congress_session, cppcc_rules, cppcc_session, imported

pytestmark = pytest.mark.django_db


def clocks(proposal):
    return {c.stage.split(":")[0]: c for c in Clock.objects.for_subject(proposal)}


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 3, 15), 3, date(2026, 6, 15)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),  # no 30 Feb: the month's last day
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),  # leap year
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 10, 15), 3, date(2027, 1, 15)),  # across the year end
    ],
)
def test_months_end_on_the_same_day_or_the_last_day_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


def test_three_months_ending_on_a_make_up_saturday_end_that_saturday(world):
    item = imported(world, congress_session(world))[0]
    services.assign(item, lead=world.finance, actor=world.office, on=date(2025, 11, 30))
    item.refresh_from_db()
    assert item.due_date == date(2026, 2, 28)  # Sat 28 Feb 2026 is a make-up working day
    assert clocks(item)["reply"].due_date == date(2026, 2, 28)


def test_three_months_ending_in_spring_festival_move_to_the_first_working_day_after(world):
    item = imported(world, congress_session(world))[0]
    services.assign(item, lead=world.finance, actor=world.office, on=date(2025, 11, 16))
    item.refresh_from_db()
    # 16 Feb is a holiday; 17–20 holidays, 21–22 weekend, 23 holiday
    assert item.due_date == date(2026, 2, 24)
    assert clocks(item)["reply"].due_date == date(2026, 2, 24)


def test_a_complex_item_gets_six_months_and_its_own_period_wins_over_the_rules(world):
    first, second, third = imported(world, congress_session(world), count=3)
    services.assign(
        first, lead=world.finance, actor=world.office, on=date(2026, 4, 5), complex=True
    )
    services.assign(second, lead=world.finance, actor=world.office, on=date(2026, 4, 5))
    services.assign(
        third, lead=world.finance, actor=world.office, on=date(2026, 4, 5), limit_months=4
    )
    for item in (first, second, third):
        item.refresh_from_db()
    assert first.due_date == date(2026, 10, 8)  # 5 Oct: National Day, 6–7 too
    assert second.due_date == date(2026, 7, 6)  # Sun 5 Jul → Mon 6 Jul
    assert third.due_date == date(2026, 8, 5)


def test_cppcc_proposals_follow_the_local_rule_row(world):
    cppcc_rules(world, limit_months=5)
    proposal = imported(world, cppcc_session(world))[0]
    suggestion = imported(world, congress_session(world))[0]
    for item in (proposal, suggestion):
        services.assign(item, lead=world.finance, actor=world.office, on=date(2026, 3, 10))
        item.refresh_from_db()
    assert proposal.due_date == date(2026, 8, 10)
    assert suggestion.due_date == date(2026, 6, 10)


def test_co_handlers_opinion_is_due_days_before_the_lead_deadline_on_a_working_day(world):
    cppcc_rules(world, limit_months=3, co_opinion_days=5)
    item = imported(world, cppcc_session(world))[0]
    services.assign(
        item,
        lead=world.finance,
        joint=[world.environment],
        actor=world.office,
        on=date(2025, 11, 16),
    )
    item.refresh_from_db()
    co = item.co_assignments().get()
    assert item.due_date == date(2026, 2, 24)
    # 5 days before is 19 Feb (Spring Festival): back to the make-up Saturday 14 Feb
    assert co.due_date == date(2026, 2, 14)
    opinion = Clock.objects.for_subject(item).get(stage=f"opinion:{co.pk}")
    assert opinion.due_date == date(2026, 2, 14)
    assert opinion.department == world.environment


def test_default_co_opinion_is_fifteen_days_before(world):
    item = imported(world, congress_session(world))[0]
    services.assign(
        item,
        lead=world.finance,
        assist=[world.environment],
        actor=world.office,
        on=date(2026, 7, 5),
    )
    item.refresh_from_db()
    assert item.due_date == date(2026, 10, 8)  # 5 Oct → after National Day
    assert item.co_assignments().get().due_date == date(2026, 9, 23)  # Wed 23 Sep


def test_assignment_refuses_the_same_unit_twice_and_units_of_another_government(world):
    from gongkai.core.errors import DomainError

    item = imported(world, congress_session(world))[0]
    with pytest.raises(DomainError, match="只能以一种方式承办"):
        services.assign(
            item, lead=world.finance, joint=[world.finance], actor=world.office, on=date(2026, 3, 2)
        )
    with pytest.raises(DomainError, match="陇南市财政局不是本级政府"):
        services.assign(item, lead=world.longnan_finance, actor=world.office, on=date(2026, 3, 2))
    item.refresh_from_db()
    assert item.state == "pending" and not item.assignments.exists()
