"""Registered sites: hourly probes, a week's availability, their own columns, and the
inspection kept whole."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from gongkai.supervision import services
from gongkai.supervision.crawler import Fetcher
from gongkai.supervision.models import Inspection, Probe, Site, SiteColumnEntry

from .sites import Route, page, serve
from .test_inspecting import county

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


def week_of_probes(site: Site, count: int, failures: int, until: datetime) -> None:
    Probe.objects.bulk_create(
        Probe(
            site=site,
            at=until - timedelta(hours=n),
            status=None if n < failures else 200,
            seconds=15.0 if n < failures else 0.3,
            failed=n < failures,
        )
        for n in range(count)
    )


def test_the_hourly_job_probes_every_active_site_and_records_failures():
    from gongkai.jobs.registry import SCHEDULES

    assert SCHEDULES["supervision.probe_sites"].cron == "17 * * * *"  # 24 a day
    up = serve({"/": Route(page("首页"))})
    down = serve({"/": Route("错误", status=500)})
    Site.objects.create(name="秦州区政府网", home_url=up.url)
    Site.objects.create(name="麦积区政府网", home_url=down.url)
    Site.objects.create(name="停用的网站", home_url="http://127.0.0.1:9/", active=False)
    now = datetime(2026, 12, 7, 9, 17, tzinfo=BEIJING)
    assert services.probe_sites(now, Fetcher(min_interval=0)) == 1
    probes = {p.site.name: p for p in Probe.objects.all()}
    assert set(probes) == {"秦州区政府网", "麦积区政府网"}
    assert not probes["秦州区政府网"].failed and probes["麦积区政府网"].status == 500


def test_a_week_with_five_percent_failed_probes_is_a_veto_and_less_is_not():
    web = county(home_newest="2026-12-01")
    site = Site.objects.create(name="某某县政府网", home_url=web.url)
    now = datetime(2026, 12, 7, 9, 0, tzinfo=BEIJING)
    week_of_probes(site, 140, 6, now)
    report, _ = services.inspect_registered(
        site, today=date(2026, 12, 7), fetcher=Fetcher(min_interval=0), probes=1
    )
    assert "unreachable" not in [v.code for v in report.vetoes]
    assert "近一周监测140次，失败6次（4.3%）" in report.notes[0]
    Probe.objects.filter(site=site, failed=False).order_by("at").first().delete()
    week_of_probes(site, 1, 1, now - timedelta(minutes=30))  # 140 probes, 7 failed
    report, kept = services.inspect_registered(
        site, today=date(2026, 12, 7), fetcher=Fetcher(min_interval=0), probes=1
    )
    assert [v.code for v in report.vetoes] == ["unreachable"]
    assert kept.vetoes == ["unreachable"] and not kept.passed
    assert kept.report["vetoes"][0]["detail"] == "近一周监测140次，失败7次（5.0%）"


def test_too_few_probes_are_not_judged_and_the_report_says_so():
    web = county(home_newest="2026-12-01")
    site = Site.objects.create(name="某某县政府网", home_url=web.url)
    week_of_probes(site, 30, 30, datetime(2026, 12, 7, 8, 0, tzinfo=BEIJING))
    report, _ = services.inspect_registered(
        site, today=date(2026, 12, 7), fetcher=Fetcher(min_interval=0), probes=1
    )
    assert "unreachable" not in [v.code for v in report.vetoes]
    assert "近一周已监测30次" in report.notes[0] and "本次不作判定" in report.notes[0]


def test_registered_columns_are_read_instead_of_the_navigation():
    web = county(home_newest="2026-12-01")
    site = Site.objects.create(name="某某县政府网", home_url=web.url, with_services=False)
    SiteColumnEntry.objects.create(
        site=site, name="县政府文件", url=web.url + "zcwj/", kind="notice"
    )
    report, _ = services.inspect_registered(
        site, today=date(2026, 12, 7), fetcher=Fetcher(min_interval=0), probes=1
    )
    assert [(c.name, c.kind, c.newest) for c in report.columns] == [
        ("县政府文件", "notice", "2025-08-01")
    ]
    assert report.columns[0].stale


def test_the_command_inspects_a_registered_site_and_keeps_the_report():
    web = county(home_newest="2026-12-01")
    Site.objects.create(name="某某县政府网", home_url=web.url)
    out = StringIO()
    call_command(
        "inspect", web.url, "--date", "2026-12-07", "--format", "json",
        "--interval", "0", "--probes", "1", stdout=out,
    )  # fmt: skip
    printed = json.loads(out.getvalue())
    kept = Inspection.objects.get()
    assert kept.report == printed and kept.inspected_on == date(2026, 12, 7)
