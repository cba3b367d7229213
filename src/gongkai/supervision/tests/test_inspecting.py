"""Inspecting a site outside the platform: a county site served on 127.0.0.1."""

from __future__ import annotations

import itertools
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from gongkai.supervision.crawler import USER_AGENT, Fetcher
from gongkai.supervision.inspecting import inspect_site
from gongkai.supervision.models import SeriousWording

from .sites import Route, nav, page, serve

COLUMNS = {
    "工作动态": "/gzdt/",
    "通知公告": "/tzgg/",
    "政策文件": "/zcwj/",
    "图片新闻": "/tpxw/",
    "乡镇动态": "/xzdt/",
    "人事信息": "/rsxx/",
}


def county(*, home_newest="2025-09-30", empty=("/tpxw/",), extra_home="", **overrides):
    items = {
        "/gzdt/": [("2025-09-30", "县政府召开常务会议", "/gzdt/1.html")],
        "/tzgg/": [("2025-03-31", "关于开展安全生产检查的通知", "/tzgg/1.html")],
        "/zcwj/": [("2025-08-01", "县人民政府关于印发实施方案的通知", "/zcwj/1.html")],
        "/tpxw/": [("2025-09-01", "秋收", "/tpxw/1.html")],
        "/xzdt/": [("2025-09-12", "某镇开展培训", "/xzdt/1.html")],
        "/rsxx/": [("2024-01-05", "任免通知", "/rsxx/1.html")],
    }
    menu = nav(COLUMNS)
    routes = {
        "/": Route(
            page(
                "某某县人民政府",
                nav=menu,
                items=[(home_newest, "县政府召开常务会议", "/gzdt/1.html")],
                extra=extra_home,
            )
        ),
        "/robots.txt": Route("User-agent: *\nDisallow: /private/\n"),
    }
    for name, path in COLUMNS.items():
        rows = [] if path in empty else items[path]
        routes[path] = Route(page(name, nav=menu, items=rows))
        for _, _, href in items[path]:
            routes[href] = Route(page("正文", nav=menu))
    routes.update(overrides)
    return serve(routes)


def run(site, day, **kwargs):
    fetcher = Fetcher(min_interval=0)
    return inspect_site(site.url, today=day, fetcher=fetcher, probes=1, **kwargs), fetcher


def codes(report):
    return [v.code for v in report.vetoes]


def test_a_home_page_two_weeks_old_is_a_veto_and_a_day_younger_is_not():
    site = county()
    fresh, _ = run(site, date(2025, 10, 13))
    assert fresh.homepage_newest == "2025-09-30" and "homepage_stale" not in codes(fresh)
    stale, _ = run(site, date(2025, 10, 14))
    assert "homepage_stale" in codes(stale) and not stale.passed
    assert stale.vetoes[0].detail == "首页最新信息日期为2025-09-30，已14天未更新"


def test_columns_are_read_with_their_kind_newest_item_and_emptiness():
    report, _ = run(county(), date(2025, 10, 1))
    by_name = {c.name: c for c in report.columns}
    assert list(by_name) == list(COLUMNS)
    assert (by_name["工作动态"].kind, by_name["工作动态"].newest) == ("news", "2025-09-30")
    assert by_name["通知公告"].kind == "notice" and by_name["通知公告"].stale  # > 6 months
    assert not by_name["政策文件"].stale and by_name["人事信息"].kind == "other"
    assert by_name["图片新闻"].empty and by_name["图片新闻"].newest is None


def test_five_empty_columns_are_a_veto_and_four_are_not():
    four = ("/gzdt/", "/tpxw/", "/xzdt/", "/rsxx/")
    report, _ = run(county(empty=four), date(2025, 10, 1))
    assert "columns_empty" not in codes(report)
    report, _ = run(county(empty=(*four, "/zcwj/")), date(2025, 10, 1))
    assert "columns_empty" in codes(report)
    assert len(report.vetoes[-1].evidence) == 5


def test_a_missing_page_is_a_broken_link_and_a_failing_one_is_to_check_again():
    extra = '<a href="/gone.html">旧文件</a><a href="/down.html">维护中</a>'
    site = county(extra_home=extra, **{"/down.html": Route("维护", status=503)})
    report, _ = run(site, date(2025, 10, 1))
    (broken,) = report.deductions
    assert (broken.code, broken.findings, broken.points) == ("broken_link", 1, 0.5)
    assert broken.evidence[0]["url"].endswith("/gone.html") and broken.evidence[0]["status"] == 404
    assert [r["status"] for r in report.recheck] == [503]
    assert report.score == 99.5 and report.passed


def test_links_to_other_sites_are_never_followed():
    extra = '<a href="http://www.gov.cn/">中国政府网</a><a href="https://example.org/x">x</a>'
    _, fetcher = run(county(extra_home=extra), date(2025, 10, 1))
    assert all(url.startswith("http://127.0.0.1:") for url in fetcher.requests)


def test_the_crawler_asks_robots_txt_first_keeps_out_and_says_who_it_is():
    site = county(extra_home='<a href="/private/draft.html">草稿</a>')
    run(site, date(2025, 10, 1))
    assert site.paths()[0] == "/robots.txt"
    assert "/private/draft.html" not in site.paths()
    assert {agent for _, agent, _ in site.seen} == {USER_AGENT}


def test_requests_to_one_site_wait_their_turn():
    site = county()
    fetcher = Fetcher(min_interval=0.2)
    for path in ("a", "b", "c"):
        fetcher.get(site.url + path)
    times = [at for _, _, at in site.seen]
    assert all(later - earlier >= 0.19 for earlier, later in itertools.pairwise(times))


def test_a_probe_that_takes_the_timeout_fails():
    site = county(**{"/": Route(page("首页"), delay=0.6)})
    fetcher = Fetcher(min_interval=0, timeout=0.3)
    report = inspect_site(site.url, today=date(2025, 10, 1), fetcher=fetcher, probes=2)
    assert report.probes["failures"] == 2 and not report.passed
    assert "首页无法打开" in report.notes[-1]


def test_a_gbk_page_is_read():
    body = page("某某县人民政府", items=[("2025年9月30日", "县政府召开常务会议", "/1.html")])
    site = serve({"/": Route(body, charset="gbk"), "/1.html": Route("正文")})
    report, _ = run(site, date(2025, 10, 1))
    assert report.homepage_newest == "2025-09-30"


@pytest.mark.django_db
def test_serious_wording_errors_from_the_list_are_found_with_the_right_form():
    SeriousWording.objects.update_or_create(
        wrong="中华人民共合国", defaults={"right": "中华人民共和国"}
    )
    site = county(extra_home="<p>依据《中华人民共合国政府信息公开条例》</p>")
    wordings = list(SeriousWording.objects.values_list("wrong", "right"))
    report, _ = run(site, date(2025, 10, 1), wordings=wordings)
    (found,) = [d for d in report.deductions if d.code == "serious_wording"]
    assert found.evidence[0]["right"] == "中华人民共和国" and found.points == 5


@pytest.mark.django_db
def test_the_command_prints_the_report_as_json():
    site = county()
    out = StringIO()
    call_command(
        "inspect", site.url, "--date", "2025-10-14", "--format", "json",
        "--interval", "0", "--probes", "1", stdout=out,
    )  # fmt: skip
    report = json.loads(out.getvalue())
    assert [v["code"] for v in report["vetoes"]] == ["homepage_stale"]
    assert report["score"] == 100 and report["passed"] is False
    assert set(report) >= {"vetoes", "deductions", "score"}
