"""The calendar as data: seeding, coverage, the command, the admin, and the per-process cache."""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gongkai.audit.models import AuditEvent
from gongkai.workdays import (
    calendar_runs_out_on,
    calendar_warning,
    is_provisional,
    is_working_day,
)
from gongkai.workdays import engine as engine_module
from gongkai.workdays.calendar_changes import delete_calendar_years, seed_from_package
from gongkai.workdays.models import CalendarRevision, CalendarYear, SpecialDay

pytestmark = pytest.mark.django_db


def _call(*args) -> str:
    out = StringIO()
    call_command("calendar", *args, stdout=out)
    return out.getvalue()


# -- seeding ---------------------------------------------------------------------------


def test_the_migration_loads_2004_to_2026_with_only_weekday_holidays_and_weekend_workdays():
    assert list(CalendarYear.objects.values_list("year", flat=True)) == list(range(2004, 2027))
    assert not SpecialDay.objects.filter(kind="holiday", date__week_day__in=[1, 7]).exists()
    assert not SpecialDay.objects.filter(
        kind="workday", date__week_day__in=[2, 3, 4, 5, 6]
    ).exists()
    assert SpecialDay.objects.get(date=date(2026, 10, 10)).name == "国庆节"
    assert SpecialDay.objects.get(date=date(2015, 9, 3)).name.startswith("中国人民抗日战争")


def test_seeding_again_changes_nothing():
    assert _call("seed") == "日历已包含 chinese-calendar 的全部年度，无需载入。\n"
    assert not AuditEvent.objects.filter(action="calendar.seed").exists()


def test_seeding_restores_a_deleted_year_and_keeps_an_edited_one(world):
    delete_calendar_years(CalendarYear.objects.filter(year=2010), actor=world.admin)
    # a year missing between loaded years is counted on the provisional calendar
    assert is_provisional(date(2010, 10, 4))
    SpecialDay.objects.filter(date=date(2026, 10, 10)).delete()
    out = _call("seed")
    assert "已载入1个年度（2010–2010）" in out
    assert "以下年度与 chinese-calendar 不一致，保留了数据库中的数据：2026" in out
    assert not is_working_day(date(2010, 10, 4)) and not is_provisional(date(2010, 10, 4))
    assert not SpecialDay.objects.filter(date=date(2026, 10, 10)).exists()
    result = seed_from_package(force=True)
    assert result.years == [2026]
    assert SpecialDay.objects.filter(date=date(2026, 10, 10)).exists()


def test_an_emptied_calendar_is_refilled_after_migrate():
    CalendarYear.objects.all().delete()
    SpecialDay.objects.all().delete()
    call_command("migrate", verbosity=0)
    assert CalendarYear.objects.count() == 23
    assert is_working_day(date(2026, 10, 10))


# -- coverage ----------------------------------------------------------------------------


def test_the_calendar_runs_out_at_the_end_of_the_last_contiguous_year():
    assert calendar_runs_out_on(date(2026, 11, 27)) == date(2026, 12, 31)
    assert calendar_runs_out_on(date(2027, 1, 4)) == date(2026, 12, 31)


def test_a_gap_stops_the_contiguous_run(world):
    delete_calendar_years(CalendarYear.objects.filter(year=2020), actor=world.admin)
    assert calendar_runs_out_on(date(2019, 6, 1)) == date(2019, 12, 31)
    assert calendar_runs_out_on(date(2021, 6, 1)) == date(2026, 12, 31)


def test_no_banner_before_november_while_next_year_is_not_loaded():
    assert calendar_warning(date(2026, 10, 31)) is None
    assert calendar_warning(date(2026, 6, 1)) is None


def test_from_1_november_the_banner_names_the_year_to_import_and_no_command():
    warning = calendar_warning(date(2026, 11, 1))
    assert warning.startswith("2027年节假日安排尚未导入：")
    assert "预估" in warning and "系统管理后台" in warning
    assert "gongkai" not in warning  # no command line for the disclosure office
    assert calendar_warning(date(2026, 12, 31)) == warning


def test_the_banner_stays_once_the_year_has_begun_without_its_arrangement():
    assert calendar_warning(date(2027, 1, 4)).startswith("2027年节假日安排尚未导入：本年度")


def test_the_banner_goes_when_the_official_arrangement_is_imported(world):
    from gongkai.workdays.importing import import_arrangement_text

    import_arrangement_text("year 2027\nholiday 2027-01-01 元旦\n", actor=world.admin)
    assert calendar_warning(date(2026, 11, 27)) is None
    assert calendar_warning(date(2027, 11, 2)).startswith("2028年节假日安排尚未导入")


def test_an_empty_calendar_runs_out_never_started():
    CalendarYear.objects.all().delete()
    engine_module.invalidate()
    assert calendar_runs_out_on(date(2026, 11, 27)) is None
    assert calendar_warning(date(2026, 11, 27)).startswith("节假日日历为空")


# -- the command --------------------------------------------------------------------------


def test_coverage_lists_the_covered_years_and_the_days_left(frozen_today):
    frozen_today(date(2026, 11, 27))
    out = _call("coverage")
    assert "覆盖年度：2004–2026年（共23年）" in out
    assert "正式安排可连续计算到：2026-12-31（还剩34天）" in out
    assert "2027年节假日安排尚未导入" in out
    assert re.search(r"预估年度（按法定节假日推算，无调休）：2027、2028", out)


def test_show_lists_the_special_days_of_a_year():
    out = _call("show", "2026")
    assert "2026-02-14 星期六 上班 春节" in out
    assert "2026-10-01 星期四 放假 国庆节" in out
    out = _call("show", "2027")
    assert out.startswith("2027年（预估，尚未导入正式安排）")
    assert "2027-01-01 星期五 放假 元旦" in out
    assert "2027-02-09 星期二 放假 春节（补假）" in out
    assert " 上班 " not in out  # no make-up working days in a projection
    with pytest.raises(CommandError, match="日历中没有2003年"):
        _call("show", "2003")


def test_import_reads_a_file_and_reports_errors_with_line_numbers(tmp_path):
    good = tmp_path / "2027.txt"
    good.write_text("# 测试数据\nyear 2027\nholiday 2027-01-01 元旦\n", encoding="utf-8")
    assert "格式正确：2027年" in _call("import", str(good), "--check")
    assert not CalendarYear.objects.filter(year=2027).exists()
    assert "已导入2027年节假日安排：放假1个工作日" in _call("import", str(good))
    assert CalendarYear.objects.get(year=2027).source == "导入文件 2027.txt"
    bad = tmp_path / "bad.txt"
    bad.write_text("year 2027\nworkday 2027-01-05 元旦\n", encoding="utf-8")
    with pytest.raises(CommandError, match="第2行：2027-01-05 是星期二"):
        _call("import", str(bad))


# -- the admin ----------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, world):
    world.admin.is_staff = True
    world.admin.save(update_fields=["is_staff"])
    client.force_login(world.admin)
    return client


def test_an_added_holiday_in_the_admin_recomputes_open_clocks_as_the_administrator(
    admin_client, world, start, frozen_today
):
    frozen_today(date(2026, 10, 1))
    clock = start(date(2026, 9, 30))
    response = admin_client.post(
        "/admin/workdays/specialday/add/",
        {"date": "2026-10-09", "kind": "holiday", "name": "国庆节（测试）"},
    )
    assert response.status_code == 302, response.content.decode()
    clock.refresh_from_db()
    assert clock.due_date == date(2026, 11, 4)
    assert clock.events.get(kind="recompute").actor == world.admin
    assert AuditEvent.objects.get(action="calendar.day.save").actor == world.admin
    assert AuditEvent.objects.get(action="clock.recompute").actor == world.admin


def test_the_admin_refuses_a_workday_on_a_weekday(admin_client):
    response = admin_client.post(
        "/admin/workdays/specialday/add/",
        {"date": "2026-10-09", "kind": "workday", "name": "国庆节"},
    )
    assert response.status_code == 200
    assert "调休上班日必须是星期六或星期日" in response.content.decode()
    assert not SpecialDay.objects.filter(date=date(2026, 10, 9)).exists()


def test_deleting_a_makeup_day_in_the_admin_recomputes_open_clocks(
    admin_client, start, frozen_today
):
    frozen_today(date(2026, 10, 1))
    clock = start(date(2026, 9, 30))
    day = SpecialDay.objects.get(date=date(2026, 10, 10))
    response = admin_client.post(f"/admin/workdays/specialday/{day.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    clock.refresh_from_db()
    assert clock.due_date == date(2026, 11, 4)


# -- the per-process cache ---------------------------------------------------------------


def test_a_change_by_another_process_is_seen_within_the_recheck_interval(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(engine_module.time, "monotonic", lambda: clock[0])
    assert is_working_day(date(2026, 10, 9))
    # Another process adds a holiday and renews the revision token.
    SpecialDay.objects.create(date=date(2026, 10, 9), kind="holiday", name="国庆节（测试）")
    CalendarRevision.objects.filter(id=1).update(token="another-process")
    clock[0] += 0.5
    assert is_working_day(date(2026, 10, 9))  # still the cached table
    clock[0] += 1.0
    assert not is_working_day(date(2026, 10, 9))


def test_an_unchanged_revision_keeps_the_cached_table(monkeypatch, django_assert_num_queries):
    clock = [1000.0]
    monkeypatch.setattr(engine_module.time, "monotonic", lambda: clock[0])
    is_working_day(date(2026, 10, 9))
    with django_assert_num_queries(0):
        for _ in range(100):
            is_working_day(date(2026, 10, 9))
    clock[0] += 2
    with django_assert_num_queries(1):  # the revision check only
        is_working_day(date(2026, 10, 9))


def test_a_request_checks_the_revision_once_at_its_first_use(
    monkeypatch, django_assert_num_queries
):
    # the receivers of request_started / request_finished (sending the signals themselves
    # would also close the test's database connection)
    from django.core.signals import request_finished, request_started

    assert engine_module.request_started in [entry[1]() for entry in request_started.receivers]
    assert engine_module.request_finished in [entry[1]() for entry in request_finished.receivers]
    clock = [1000.0]
    monkeypatch.setattr(engine_module.time, "monotonic", lambda: clock[0])
    is_working_day(date(2026, 10, 9))
    engine_module.request_started()
    try:
        with django_assert_num_queries(1):  # at the first use, however recent the last check
            is_working_day(date(2026, 10, 9))
        clock[0] += 5  # a slow request: still no second check
        with django_assert_num_queries(0):
            for _ in range(10):
                is_working_day(date(2026, 10, 9))
    finally:
        engine_module.request_finished()
    with django_assert_num_queries(1):  # outside requests: the interval again
        is_working_day(date(2026, 10, 9))
