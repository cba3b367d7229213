"""The 公开办 over a government: its own and those above it, in one query."""

from __future__ import annotations

import pytest

from gongkai.orgs.offices import lineage_paths, office_memberships
from gongkai.orgs.roles import Role
from gongkai.testing.factories import department, government, staff

pytestmark = pytest.mark.django_db


def test_lineage_paths_are_the_government_and_those_above_it():
    province = government("620000", "甘肃省")
    city = government("620500", "天水市", parent=province)
    county = government("620502", "秦州区", level="county", parent=city)
    assert lineage_paths(county) == ["620000/", "620000/620500/", "620000/620500/620502/"]
    assert lineage_paths(province) == ["620000/"]


def test_the_offices_over_a_government(django_assert_num_queries):
    city = government("620500", "天水市")
    county = government("620502", "秦州区", level="county", parent=city)
    other = government("621200", "陇南市")
    # A code that starts like the city's but is no government under it.
    lookalike = government("620501", "市辖区", level="county")
    city_office = staff(
        "city_office", (department(city, "天水市人民政府办公室"), Role.DISCLOSURE_OFFICE)
    )
    county_office = staff(
        "county_office", (department(county, "秦州区人民政府办公室"), Role.DISCLOSURE_OFFICE)
    )
    staff("other_office", (department(other, "陇南市人民政府办公室"), Role.DISCLOSURE_OFFICE))
    staff("lookalike_office", (department(lookalike, "市辖区办公室"), Role.DISCLOSURE_OFFICE))
    staff("city_handler", (department(city, "天水市财政局"), Role.HANDLER))
    closed = department(city, "天水市撤并办公室")
    closed.active = False
    closed.save()
    staff("closed_office", (closed, Role.DISCLOSURE_OFFICE))

    with django_assert_num_queries(1):
        over_county = [m.user for m in office_memberships(county).select_related("user")]
    assert over_county == [city_office, county_office]
    assert [m.user for m in office_memberships(city)] == [city_office]
