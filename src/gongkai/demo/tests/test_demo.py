from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.core.validators import is_valid_uscc
from gongkai.demo import tianshui
from gongkai.orgs.models import Department, Government, Membership
from gongkai.orgs.roles import Role


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_city_and_its_seven_counties_with_real_division_codes(demo):
    city = Government.objects.get(code="620500")
    assert city.name == "天水市"
    assert sorted(city.children.values_list("code", flat=True)) == [
        "620502",
        "620503",
        "620521",
        "620522",
        "620523",
        "620524",
        "620525",
    ]
    assert Government.objects.get(code="620525").name == "张家川回族自治县"


def test_at_least_25_city_departments_including_the_nine_key_area_units(demo):
    city_departments = Department.objects.filter(government__code="620500")
    assert city_departments.count() >= 25
    names = set(city_departments.values_list("short_name", flat=True))
    for short in [
        "市财政局",
        "市政务大厅",
        "市环保局",
        "市人社局",
        "市食品药品监管局",
        "市发展改革委",
        "市国土资源局",
        "市安监局",
        "市建设局",
    ]:
        assert short in names
    assert len(tianshui.KEY_AREA_UNITS) == 9


def test_every_county_has_its_main_departments(demo):
    for code, *_ in tianshui.COUNTIES:
        assert Department.objects.filter(government__code=code).count() == len(
            tianshui.COUNTY_DEPARTMENTS
        )


def test_every_credit_code_passes_its_check_digit(demo):
    codes = list(Department.objects.values_list("uscc", flat=True))
    assert codes and all(is_valid_uscc(code) for code in codes)


def test_every_role_is_staffed_and_the_logins_are_printed(demo):
    for role in Role:
        assert Membership.objects.filter(role=role).exists(), role
    assert "ts_czj_handler" in demo and tianshui.DEMO_PASSWORD in demo
    assert Membership.objects.filter(role=Role.DISCLOSURE_OFFICE).count() == 1 + len(
        tianshui.COUNTIES
    )


def test_running_it_again_creates_nothing_new(demo):
    counts = (Government.objects.count(), Department.objects.count(), Membership.objects.count())
    call_command("demo", stdout=StringIO())
    assert counts == (
        Government.objects.count(),
        Department.objects.count(),
        Membership.objects.count(),
    )


def test_demo_staff_can_log_in_with_the_printed_password(demo, client):
    from gongkai.accounts.models import User

    user = User.objects.get(username="ts_czj_handler")
    assert user.check_password(tianshui.DEMO_PASSWORD)
    assert user.full_name


def test_site_profile_names_the_city_and_its_new_media(demo):
    from gongkai.portal.models import SiteProfile

    profile = SiteProfile.objects.get()
    assert profile.government.code == "620500"
    assert {a.get_platform_display() for a in profile.new_media_accounts.all()} == {
        "微信公众号",
        "微博",
    }
