"""The provisional calendar (预估日历): a year whose official arrangement is not loaded is
counted on weekends and the projected statutory holidays, marked as such wherever a date
is shown, and recomputed (with a record) when the official arrangement is imported."""

from datetime import date, datetime

import pytest
from django.template import Context, Template
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.workdays import is_provisional, is_working_day
from gongkai.workdays.models import CalendarYear, ClockEventKind
from gongkai.workdays.provisional import projected_special_days, provisional_years

pytestmark = pytest.mark.django_db

ARRANGEMENT_2027 = """# 国务院办公厅关于2027年部分节假日安排的通知（测试用，非真实安排）
year 2027
source 国办发明电〔2026〕测试号
holiday 2027-01-01..2027-01-03 元旦
holiday 2027-01-04 元旦
workday 2027-01-09 元旦
holiday 2027-02-05..2027-02-12 春节
"""


def test_the_projection_follows_the_measures_with_weekend_holidays_made_up():
    days = {day: name for day, kind, name in projected_special_days(2027)}
    assert days[date(2027, 1, 1)] == "元旦"
    # 春节: 除夕 Friday 5 February, 初一–初三 from Saturday: the weekend days made up
    assert days[date(2027, 2, 5)] == "农历除夕"
    assert days[date(2027, 2, 8)] == "春节"
    assert days[date(2027, 2, 9)] == days[date(2027, 2, 10)] == "春节（补假）"
    assert days[date(2027, 10, 1)] == "国庆节"
    assert all(day.weekday() < 5 for day in days)  # weekends are off anyway


def test_which_years_are_projected():
    official = set(range(2004, 2027))
    assert provisional_years(official, 2026) == {2027, 2028}
    assert provisional_years(official, 2031) == set(range(2027, 2034))
    assert provisional_years(official - {2010}, 2026) == {2010, 2027, 2028}
    assert provisional_years(set(), 2026) == set()


def test_importing_the_official_arrangement_recomputes_provisional_deadlines_with_a_record(
    start, world, frozen_today
):
    from gongkai.workdays.importing import import_arrangement_text

    frozen_today(date(2026, 12, 21))
    clock = start(date(2026, 12, 20))
    assert clock.due_date == date(2027, 1, 18) and clock.provisional
    result = import_arrangement_text(ARRANGEMENT_2027, actor=world.admin)
    # 4 January off and Saturday 9 January worked: one day later, then one earlier,
    # so the date stands, and it is now official
    assert result.clocks_changed == 0
    clock.refresh_from_db()
    assert clock.due_date == date(2027, 1, 18)
    assert not clock.provisional
    assert not is_provisional(date(2027, 1, 4)) and not is_working_day(date(2027, 1, 4))
    assert is_working_day(date(2027, 1, 9))

    moved = start(date(2026, 12, 22))  # started after the import: counted officially
    assert not moved.provisional


def test_a_deadline_that_moves_keeps_its_old_date_in_its_history(start, world, frozen_today):
    from gongkai.workdays.importing import import_arrangement_text

    frozen_today(date(2026, 12, 28))
    clock = start(date(2026, 12, 28))  # 20 working days: due 26 January 2027, provisional
    assert clock.due_date == date(2027, 1, 26)
    import_arrangement_text(
        ARRANGEMENT_2027.replace("workday 2027-01-09 元旦\n", ""), actor=world.admin
    )
    clock.refresh_from_db()
    assert clock.due_date == date(2027, 1, 27)
    event = clock.events.get(kind=ClockEventKind.RECOMPUTE)
    assert (event.old_due, event.new_due) == (date(2027, 1, 26), date(2027, 1, 27))
    assert "导入2027年节假日安排" in event.detail["reason"]
    audit = AuditEvent.objects.get(action="clock.recompute")
    assert audit.actor == world.admin and audit.after["changed"] == 1


def test_the_template_filter_marks_provisional_dates_only():
    template = Template(
        "{% load workdays %}[{{ a|provisional }}][{{ b|provisional }}][{{ c|provisional }}]"
    )
    html = template.render(
        Context({"a": date(2027, 1, 5), "b": date(2026, 12, 31), "c": datetime(2027, 1, 5, 9)})
    )
    assert html.startswith('[<span class="provisional" title="该年度的正式节假日安排尚未导入')
    assert "（预估）</span>][][]" in html


# -- who is told, and where it is imported ------------------------------------------------


@pytest.fixture
def on_7_december(frozen_today):
    frozen_today(date(2026, 12, 7))


def test_the_disclosure_office_sees_the_banner_without_the_import_link(
    client, world, on_7_december
):
    client.force_login(world.office)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "2027年节假日安排尚未导入" in html
    assert reverse("admin:workdays_calendaryear_import") not in html


def test_administrators_see_the_banner_with_the_import_link(client, world, on_7_december):
    client.force_login(world.admin)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "2027年节假日安排尚未导入" in html
    assert reverse("admin:workdays_calendaryear_import") in html


def test_handlers_see_no_banner(client, world, on_7_december):
    client.force_login(world.handler_finance)
    html = client.get(reverse("workbench:home")).content.decode()
    assert "节假日安排尚未导入" not in html


def test_no_banner_in_october(client, world, frozen_today):
    frozen_today(date(2026, 10, 30))
    client.force_login(world.office)
    assert "节假日安排尚未导入" not in client.get(reverse("workbench:home")).content.decode()


@pytest.fixture
def admin_client(client, world):
    world.admin.is_staff = True
    world.admin.save(update_fields=["is_staff"])
    client.force_login(world.admin)
    return client


def test_the_admin_checks_then_imports_an_arrangement(admin_client, start, frozen_today):
    frozen_today(date(2026, 12, 21))
    start(date(2026, 12, 20))
    url = reverse("admin:workdays_calendaryear_import")
    listing = admin_client.get(reverse("admin:workdays_calendaryear_changelist")).content.decode()
    assert url in listing and "预估年度" in listing and "2027、2028" in listing

    checked = admin_client.post(url, {"text": ARRANGEMENT_2027, "check": "检查"})
    assert checked.status_code == 200
    page = checked.content.decode()
    assert "检查通过：2027年" in page and "2027-01-09" in page
    assert not CalendarYear.objects.filter(year=2027).exists()

    wrong = admin_client.post(
        url, {"text": "year 2027\nworkday 2027-01-05 元旦\n", "import": "导入"}
    )
    assert "第2行：2027-01-05 是星期二" in wrong.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()

    done = admin_client.post(url, {"text": ARRANGEMENT_2027, "import": "导入"}, follow=True)
    assert "已导入2027年节假日安排：放假" in done.content.decode()
    assert CalendarYear.objects.get(year=2027).source == "国办发明电〔2026〕测试号"


def test_the_import_page_is_for_administrators_only(client, world):
    world.office.is_staff = True
    world.office.save(update_fields=["is_staff"])
    client.force_login(world.office)
    response = client.get(reverse("admin:workdays_calendaryear_import"))
    assert response.status_code in (302, 403)


def test_the_workbench_marks_a_provisional_due_date(client, world, start, frozen_today):
    frozen_today(date(2026, 12, 21))
    start(date(2026, 12, 18), assignee=world.handler_finance)  # due 18 January 2027
    start(date(2026, 11, 2), assignee=world.handler_finance, stage="old")  # due 30 November
    client.force_login(world.handler_finance)
    html = client.get(reverse("workbench:home")).content.decode()
    assert '2027年1月18日</time><span class="provisional"' in html
    assert '2026年11月30日</time><span class="provisional"' not in html


def test_the_day_by_day_account_says_which_days_are_projected(start, frozen_today):
    frozen_today(date(2026, 12, 21))
    text = start(date(2026, 12, 18)).explain_text()
    assert "2027-01-01 星期五 不计（元旦，预估）" in text
    assert "2027-01-18 星期一 第20个工作日 ← 到期日" in text
    assert text.endswith("正式安排导入后自动重算。）")
