"""`gongkai demo`: the Tianshui world, loaded once per test (the full loader
publishes a year of catalogue items through the real actions, so it is not cheap)."""

from io import StringIO

from django.core.management import call_command

from gongkai.core.validators import is_valid_uscc
from gongkai.demo import tianshui
from gongkai.orgs.models import Department, Government, Membership
from gongkai.orgs.roles import Role


def _load() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_the_tianshui_world(db):
    printed = _load()

    # The city and its seven counties/districts, with their real division codes.
    city = Government.objects.get(code="620500")
    assert city.name == "天水市"
    assert sorted(city.children.values_list("code", flat=True)) == [
        "620502", "620503", "620521", "620522", "620523", "620524", "620525",
    ]  # fmt: skip
    assert Government.objects.get(code="620525").name == "张家川回族自治县"

    # At least 25 city departments, the nine key-area units among them.
    city_departments = Department.objects.filter(government__code="620500")
    assert city_departments.count() >= 25
    names = set(city_departments.values_list("short_name", flat=True))
    for short in ["市财政局", "市政务大厅", "市环保局", "市人社局", "市食品药品监管局",
                  "市发展改革委", "市国土资源局", "市安监局", "市建设局"]:  # fmt: skip
        assert short in names

    # Each county's main departments.
    for code, *_ in tianshui.COUNTIES:
        assert Department.objects.filter(government__code=code).count() == len(
            tianshui.COUNTY_DEPARTMENTS
        )

    # Every credit code passes its check digit.
    codes = list(Department.objects.values_list("uscc", flat=True))
    assert codes and all(is_valid_uscc(code) for code in codes)

    # Every role is staffed, one 公开办 per government, and the logins are printed.
    for role in Role:
        assert Membership.objects.filter(role=role).exists(), role
    assert Membership.objects.filter(role=Role.DISCLOSURE_OFFICE).count() == 1 + len(
        tianshui.COUNTIES
    )
    assert "ts_czj_handler" in printed and tianshui.DEMO_PASSWORD in printed

    from gongkai.accounts.models import User

    user = User.objects.get(username="ts_czj_handler")
    assert user.check_password(tianshui.DEMO_PASSWORD) and user.full_name

    # The site profile names the city and its new-media accounts (天水发布).
    from gongkai.portal.models import SiteProfile

    profile = SiteProfile.objects.get()
    assert profile.government.code == "620500"
    platforms = {a.get_platform_display() for a in profile.new_media_accounts.all()}
    assert platforms == {"微信公众号", "微博"}


def test_running_it_again_creates_nothing_new(db, monkeypatch):
    # The world's own loaders; each module's loader has its own "loading again adds
    # nothing" test (a full run takes minutes: test_the_tianshui_world makes one).
    from gongkai.demo import loaders

    monkeypatch.setattr(loaders, "all_loaders", lambda: [*loaders.LOADERS])
    _load()
    counts = (Government.objects.count(), Department.objects.count(), Membership.objects.count())
    _load()
    assert counts == (
        Government.objects.count(),
        Department.objects.count(),
        Membership.objects.count(),
    )


def test_it_refuses_production_mode_unless_asked(db, settings):
    import pytest
    from django.core.management import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="生产模式下不载入演示数据"):
        call_command("demo", stdout=StringIO())
    assert not Government.objects.exists()


def test_the_modules_register_their_loaders_and_jobs():
    """gongkai demo names no module: each registers its loader, in the order its data needs."""
    from gongkai.demo import loaders

    names = [m.name for m in loaders.module_loaders()]
    assert names == [
        "disclosure",
        "applications",
        "interaction",
        "consultations",
        "proposals",
        "powers",
        "publications",
        "powers_enforcement",
        "services",
        "supervision",
        "reports",
    ]
    assert ("gongkai.applications.jobs.render_notice_files", "告知书文件") in (
        loaders.jobs_before_serving()
    )
    assert len(loaders.all_loaders()) == len(loaders.LOADERS) + len(names)
