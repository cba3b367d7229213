"""The annual-report demo: Tianshui's 2016 reports of every city agency and of the city,
approved, frozen and published through the catalogue on the Art. 49 dates.

Loaded once for the module (the demo's own loaders for the city, its departments and
staff, and the applications of 2016), inside a transaction rolled back afterwards.
"""

from datetime import date

import pytest
from django.utils import timezone

from gongkai.reports import demo as reports_demo
from gongkai.reports import services
from gongkai.reports.models import AnnualReport
from gongkai.workdays import is_working_day

THREE = "三、收到和处理政府信息公开申请情况"
NEW = "一、本年新收政府信息公开申请数量"


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from importlib import import_module

    from django.apps import apps
    from django.db import transaction

    from gongkai.applications.demo import load_applications
    from gongkai.demo.loaders import (
        DemoContext,
        load_calendar,
        load_departments_and_staff,
        load_governments,
    )
    from gongkai.disclosure.models import SubjectCategory

    printed: list[str] = []
    with django_db_blocker.unblock(), transaction.atomic():
        if not SubjectCategory.objects.exists():
            import_module("gongkai.disclosure.migrations.0002_reference_data").seed(apps, None)
        ctx = DemoContext(out=printed.append)
        for loader in (load_governments, load_departments_and_staff, load_calendar):
            loader(ctx)
        load_applications(ctx)
        reports_demo.load_reports(ctx)
        yield ctx, printed
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_world, db):
    return demo_world


def test_every_city_agency_and_the_city_published_on_time(demo):
    ctx, printed = demo
    agencies = AnnualReport.objects.filter(department__government=ctx.city, year=2016)
    assert agencies.count() == 30
    for report in agencies.select_related("item"):
        assert report.published, report
        published_on = timezone.localdate(report.item.published_at)
        assert published_on <= date(2017, 1, 31), report  # Art. 49: agencies by 31 January
        assert is_working_day(published_on), report
        assert report.snapshot["checks"] == []
    city = AnnualReport.objects.get(government=ctx.city, year=2016)
    assert city.published
    assert date(2017, 2, 1) <= timezone.localdate(city.item.published_at) <= date(2017, 3, 31)
    assert printed[-1] == "  年度报告：2016年度 31 份已公开（30 个部门和市政府）"


def test_the_city_report_adds_up_to_its_agencies_published_reports(demo):
    ctx, _printed = demo
    city = AnnualReport.objects.get(government=ctx.city, year=2016)
    agencies = AnnualReport.objects.filter(department__government=ctx.city, year=2016)
    total = sum(r.snapshot["sections"][THREE][NEW]["总计"] for r in agencies)
    assert total > 0
    assert city.snapshot["sections"][THREE][NEW]["总计"] == total
    assert {p["source"] for p in city.snapshot["parts"]} == {"定稿报告"}
    assert services.differences(city) == []


def test_one_report_was_returned_once_and_says_what_changed(demo):
    report = AnnualReport.objects.get(department__name=reports_demo.RETURNED_ONCE, year=2016)
    assert report.return_comment == ""  # cleared when submitted again
    assert "黄标车" in report.problems
    from gongkai.audit.models import AuditEvent

    actions = list(
        AuditEvent.objects.filter(object_id=str(report.pk), action__startswith="reports.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions.count("reports.return") == 1 and actions.count("reports.submit") == 2


def test_loading_again_adds_nothing(demo):
    ctx, _printed = demo
    before = AnnualReport.objects.count()
    reports_demo.load_reports(ctx)
    assert AnnualReport.objects.count() == before


def test_the_city_page_links_the_agencies_reports_it_sums(demo, client):
    from django.core.cache import cache
    from django.urls import reverse

    cache.clear()
    ctx, _printed = demo
    city = AnnualReport.objects.get(government=ctx.city, year=2016)
    page = client.get(reverse("reports_portal:detail", args=[city.pk])).content.decode()
    assert "本报告表二至表四的数据为以下30个部门2016年度报告的数据之和" in page
    finance = AnnualReport.objects.get(department__name="天水市财政局", year=2016)
    assert f'<a href="/nianbao/{finance.pk}/">天水市财政局</a>' in page
    listing = client.get(reverse("reports_portal:index")).content.decode()
    city_at = listing.index(f'href="/nianbao/{city.pk}/"')
    assert city_at < listing.index(f'href="/nianbao/{finance.pk}/"')  # the city's own first
    cache.clear()


def test_every_published_report_shows_figures_in_table_two_s_entered_cells(demo):
    from gongkai.reports.table_two import ENTERED_CELLS

    ctx, _printed = demo
    reports = AnnualReport.objects.filter(year=2016)
    sums = dict.fromkeys((key for key, *_ in ENTERED_CELLS), 0)
    for report in reports:
        two = report.snapshot["sections"]["二、主动公开政府信息情况"]
        for key, block, row, column in ENTERED_CELLS:
            value = two[block][row][column]["value"]
            assert value is not None, (report, row)  # a figure, never 未填报
            if report.department_id is not None:
                sums[key] += value
    city = AnnualReport.objects.get(government=ctx.city, year=2016).snapshot
    two = city["sections"]["二、主动公开政府信息情况"]
    assert two["第二十条第（五）项"]["行政许可"]["本年处理决定数量"]["value"] == sums["licensing"]
    assert sums["licensing"] > 0 and sums["penalties"] > 0
    police = reports.get(department__name="天水市公安局").snapshot["sections"]
    fees = police["二、主动公开政府信息情况"]["第二十条第（八）项"]["行政事业性收费"]
    assert fees["本年收费金额（万元）"]["value"] == 2815.4
