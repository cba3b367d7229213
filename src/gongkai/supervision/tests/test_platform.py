"""The platform's own site inspected from its records, with warnings before the vetoes."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from gongkai import access
from gongkai.disclosure.models import KeyArea
from gongkai.disclosure.tests.portal.factories import publish
from gongkai.interaction.models import Message
from gongkai.interaction.tests.helpers import submitted
from gongkai.supervision.platform import inspect_platform
from gongkai.testing.factories import site_profile

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


def on(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, 0, tzinfo=BEIJING)


def published(world, day: date, **fields):
    """An item published on ``day`` (written and formed early that year)."""
    fields.setdefault("written_on", date(day.year, 1, 2))
    fields.setdefault("formed_or_changed_on", date(day.year, 1, 3))
    if fields.get("item_type") == "interpretation":
        fields.setdefault("interpretation_form", "text")
    return publish(world, now=on(day), **fields)


@pytest.fixture
def site(world):
    site_profile(world.tianshui)
    first = KeyArea.objects.filter(active=True).order_by("sort_order", "id").first()
    KeyArea.objects.exclude(pk=first.pk).update(active=False)  # one key area in use
    return world


def codes(findings):
    return [f.code for f in findings]


def test_the_home_page_is_warned_at_ten_days_and_vetoed_at_fourteen(site, world):
    published(world, date(2026, 11, 23))
    ten = inspect_platform(world.tianshui, date(2026, 12, 3))
    assert ten.homepage_newest == date(2026, 11, 23)
    assert "homepage_stale" in codes(ten.warnings) and "homepage_stale" not in codes(ten.vetoes)
    assert "再过4天即单项否决" in ten.warnings[0].detail
    nine = inspect_platform(world.tianshui, date(2026, 12, 2))
    assert "homepage_stale" not in codes(nine.warnings)
    fourteen = inspect_platform(world.tianshui, date(2026, 12, 7))
    assert "homepage_stale" in codes(fourteen.vetoes) and not fourteen.passed


def test_columns_come_from_every_module_with_their_newest_item(site, world):
    published(world, date(2026, 5, 1), item_type="normative")
    report = inspect_platform(world.tianshui, date(2026, 12, 7))
    by_name = {c.name: c for c in report.columns}
    assert {"政府信息公开目录", "政策文件", "政策解读", "留言选登"} <= set(by_name)
    assert by_name["政策文件"].newest == "2026-05-01" and by_name["政策文件"].stale
    assert by_name["政策文件"].kind == "notice"
    assert by_name["政策解读"].empty and by_name["留言选登"].empty


def test_a_fresh_site_with_empty_columns_fails_and_says_which(site, world):
    report = inspect_platform(world.tianshui, date(2026, 12, 7))
    (empty,) = [f for f in report.vetoes if f.code == "columns_empty"]
    assert len(empty.evidence) >= 5 and not report.passed
    assert "政策解读" in [e["name"] for e in empty.evidence]


def test_three_empty_columns_warn_and_do_not_veto(site, world):
    day = date(2026, 12, 1)
    for item_type in ("general", "normative", "interpretation", "response", "guide"):
        published(world, day, item_type=item_type)
    report = inspect_platform(world.tianshui, date(2026, 12, 7))
    empty = [c.name for c in report.columns if c.empty]
    assert len(empty) == 3  # the annual reports, the key area, the message board
    assert "columns_empty" not in codes(report.vetoes)
    assert "columns_empty" in codes(report.warnings)


def test_a_message_unanswered_for_more_than_three_months_is_a_veto(site, world):
    message = submitted(world, date(2026, 9, 6), subject="暖气什么时候通")
    warned = inspect_platform(world.tianshui, date(2026, 11, 7))
    assert codes(warned.warnings).count("message_unanswered") == 1
    fine = inspect_platform(world.tianshui, date(2026, 12, 6))
    assert "message_unanswered" not in codes(fine.vetoes)
    late = inspect_platform(world.tianshui, date(2026, 12, 7))
    (veto,) = [f for f in late.vetoes if f.code == "message_unanswered"]
    assert veto.evidence[0]["name"] == "暖气什么时候通"
    Message.objects.filter(pk=message.pk).update(replied_at=on(date(2026, 12, 7)))
    answered = inspect_platform(world.tianshui, date(2026, 12, 7))
    assert "message_unanswered" not in codes(answered.vetoes)


def test_the_office_sees_its_site_check_and_a_department_does_not(client, site, world):
    published(world, date(2026, 12, 1))
    client.force_login(world.office)
    response = client.get(reverse("workbench:supervision_staff:site"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "本级网站检查：天水市" in html and "空白栏目" in html and "2026年12月1日" in html
    client.force_login(world.handler_finance)
    assert client.get(reverse("workbench:supervision_staff:site")).status_code == 403


def test_the_rule_reaches_the_site_government_s_office_not_a_county_s(world):
    from gongkai.orgs.roles import Role
    from gongkai.testing.factories import department, staff

    county_office = staff(
        "office_qinzhou_check",
        (
            department(world.qinzhou, "秦州区人民政府办公室", kind="general_office"),
            Role.DISCLOSURE_OFFICE,
        ),
    )
    target = SimpleNamespace(access_department=world.general_office)
    assert access.can(world.office, "supervision.inspect", target)
    assert not access.can(county_office, "supervision.inspect", target)
    assert not access.can(world.handler_finance, "supervision.inspect", target)


def test_new_media_accounts_are_checked_on_their_entered_last_post(client, site, world, today_is):
    from gongkai.portal.models import NewMediaAccount
    from gongkai.supervision.models import MediaUpdate

    today_is(date(2026, 12, 7))  # the form refuses a day after it
    wechat = NewMediaAccount.objects.filter(active=True).order_by("sort_order", "id").first()
    report = inspect_platform(world.tianshui, date(2026, 12, 7))
    assert all(row["vetoed"] for row in report.media)  # never entered: a veto
    client.force_login(world.office)
    url = reverse("workbench:supervision_staff:record_media", args=[wechat.pk])
    refused = client.post(url, {"posted_on": "2026-12-08"}, follow=True)
    assert "最近发布日期不能晚于今天（2026-12-07）" in refused.content.decode()
    assert not MediaUpdate.objects.exists()
    client.post(url, {"posted_on": "2026-11-27"})
    rows = {r["pk"]: r for r in inspect_platform(world.tianshui, date(2026, 12, 7)).media}
    assert rows[wechat.pk]["warned"] and not rows[wechat.pk]["vetoed"]  # 10 days
    rows = {r["pk"]: r for r in inspect_platform(world.tianshui, date(2026, 12, 11)).media}
    assert rows[wechat.pk]["vetoed"]  # 14 days
    client.force_login(world.handler_finance)
    assert client.post(url, {"posted_on": "2026-12-07"}).status_code == 403
    assert MediaUpdate.objects.count() == 1


def test_a_key_area_s_link_to_its_unit_is_checked_and_a_broken_one_costs_points(
    client, site, world
):
    from gongkai.supervision import services
    from gongkai.supervision.crawler import Fetcher
    from gongkai.supervision.models import LinkCheck

    from .sites import Route, page, serve

    unit = serve({"/zdly/": Route(page("财政预决算")), "/robots.txt": Route("", status=404)})
    area = KeyArea.objects.get(active=True)
    area.unit_url = unit.url + "zdly/"
    area.save()
    html = client.get(reverse("xxgk:key-area", args=[area.slug])).content.decode()
    assert f'href="{unit.url}zdly/" rel="external">牵头单位网站的本领域栏目</a>' in html
    assert services.check_outside_links(world.tianshui, Fetcher(min_interval=0)) == 0
    assert inspect_platform(world.tianshui, date(2026, 12, 7)).deductions == []
    area.unit_url = unit.url + "moved/"
    area.save()
    assert services.check_outside_links(world.tianshui, Fetcher(min_interval=0)) == 1
    assert list(LinkCheck.objects.values_list("url", flat=True)) == [unit.url + "moved/"]
    (deduction,) = inspect_platform(world.tianshui, date(2026, 12, 7)).deductions
    assert (deduction.code, deduction.findings, deduction.points) == ("broken_link", 1, 0.5)
    assert deduction.evidence[0]["on"] == reverse("xxgk:key-area", args=[area.slug])
