"""``access.scope(..., member_of=department)``: what a person may do in one of their posts."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from gongkai import access
from gongkai.orgs.models import Department
from gongkai.orgs.roles import Role
from gongkai.testing.factories import staff
from gongkai.workdays.models import Clock

pytestmark = pytest.mark.django_db


def clock_in(department):
    return Clock.objects.create(
        content_type=ContentType.objects.get_for_model(Department),
        object_id=str(department.pk),
        stage="reply",
        label=f"{department.name}的时限",
        department=department,
        start_date=date(2026, 11, 2),
        limit_days=20,
        due_date=date(2026, 11, 30),
    )


def names(qs):
    return sorted(c.department.short_name for c in qs)


@pytest.fixture
def clocks(world):
    for dept in (
        world.general_office,
        world.finance,
        world.environment,
        world.qinzhou_finance,
        world.longnan_finance,
    ):
        clock_in(dept)


def test_only_the_post_in_that_department_counts(world, clocks):
    both = world.both  # handler in 财政局 and in 环保局
    everything = access.scope(both, "clock.view", Clock.objects.all())
    assert names(everything) == ["市环保局", "市财政局"]
    in_finance = access.scope(both, "clock.view", Clock.objects.all(), member_of=world.finance)
    assert names(in_finance) == ["市财政局"]


def test_the_office_reaches_its_tree_from_its_post(world, clocks):
    reach = access.scope(
        world.office, "clock.view", Clock.objects.all(), member_of=world.general_office
    )
    assert names(reach) == ["区财政局", "市政府办", "市环保局", "市财政局"]


def test_a_department_the_person_is_not_a_member_of_reaches_nothing(world, clocks):
    assert not access.scope(
        world.handler_finance, "clock.view", Clock.objects.all(), member_of=world.environment
    ).exists()


def test_a_second_post_with_a_wider_role_does_not_widen_the_first(world, clocks):
    person = staff(
        "two_roles", (world.finance, Role.HANDLER), (world.general_office, Role.DISCLOSURE_OFFICE)
    )
    assert names(
        access.scope(person, "clock.view", Clock.objects.all(), member_of=world.finance)
    ) == ["市财政局"]
