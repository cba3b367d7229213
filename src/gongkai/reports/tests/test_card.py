"""The report card (成绩单) of 天水市 for 2016 over a small world written out by hand.

天水市 (the site's government) with 秦州区 under it; 陇南市 is another government
whose records never count.

| module | records | expected for 天水市 2016 |
|---|---|---|
| catalogue | I1 市财政局 2016-03-01 预决算; I2 市环保局 2016-06-01 环境保护; I3 秦州区财政局 2016-07-01 政策解读, 预决算; N1 规范性文件 成文 2016-02-01, published 2016-02-03; R3 规章 repealed 2016-09-30 (published 2014); X1 published 2015-12-31 23:00 Beijing; X2 withdrawn; X3 陇南 | published 4 (I1, I2, I3, N1); 预决算 2, 环境保护 1, other areas 0; interpretations 1; 规范性文件 issued 1, 规章 repealed 1 |
| applications | A1 市财政局 received 2016-03-01, disclosed 2016-03-10; A2 秦州区财政局 received 2016-11-21, open; A0 市财政局 received 2015-12-21, disclosed 2016-01-05; A9 陇南 | new 2, carried in 1, concluded 2, disclosed 2, carried out 1, replied 2 on time (100%) |
| messages | M1 2016-05-04, replied 2016-05-06, rated 满意 2016-05-10; M2 2016-05-05, open | received 2, accepted 2, replied 1, on time 1 (100%), satisfaction 100% |
| consultations | C1 draft 2016-05-10 – 06-09 with one comment; C2 call 2016-08-01 – 08-31 with one entry (rejected), feedback published; C3 opens 2017-01-05 | held 2 (1 draft, 1 call), feedback 1, comments 1, entries 1 |
| proposals | 市人大 2016-01-10: P1 replied and 满意, P2 pending; 市政协 2016-01-08: P3 pending | suggestions 2, proposals 1, handled 3, done 1, satisfaction 100% |
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gongkai.applications.models import Outcome
from gongkai.applications.tests.helpers import received
from gongkai.applications.tests.test_stats import conclude
from gongkai.disclosure.models import Genre, InformationItem, KeyArea, SubjectCategory
from gongkai.interaction import services as messages
from gongkai.interaction.models import Satisfaction
from gongkai.interaction.tests.helpers import assigned
from gongkai.reports.card.figures import report_card, years_with_data
from gongkai.testing import factories

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")
MISSING = ("website_inspections",)


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def item(name, department, published, *, item_type="general", areas=(), state="published", **extra):
    found = InformationItem.objects.create(
        government=department.government,
        department=department,
        index_number=f"TEST/CARD-{name}",
        title=f"{name} 测试信息",
        subject=SubjectCategory.objects.first(),
        genre=Genre.objects.first(),
        item_type=item_type,
        state=state,
        published_at=published,
        **extra,
    )
    found.key_areas.set(KeyArea.objects.filter(slug__in=areas))
    return found


def catalogue(world):
    at = lambda *a: datetime(*a, tzinfo=BEIJING)  # noqa: E731
    item("I1", world.finance, at(2016, 3, 1, 9), areas=["budget"])
    item("I2", world.environment, at(2016, 6, 1, 9), areas=["environment"])
    item(
        "I3", world.qinzhou_finance, at(2016, 7, 1, 9), item_type="interpretation", areas=["budget"]
    )
    item("N1", world.finance, at(2016, 2, 3, 9), item_type="normative", written_on=date(2016, 2, 1),
         validity="valid")  # fmt: skip
    item("R3", world.finance, at(2014, 1, 5, 9), item_type="rule", written_on=date(2014, 1, 1),
         validity="repealed", validity_changed_on=date(2016, 9, 30))  # fmt: skip
    item("X1", world.finance, at(2015, 12, 31, 23), areas=["budget"])
    item("X2", world.finance, at(2016, 4, 1, 9), state="withdrawn", areas=["budget"])
    item("X3", world.longnan_finance, at(2016, 4, 1, 9), areas=["budget"])


def applications(world):
    h, r = world.handler_finance, world.reviewer_finance
    a1 = received(world.finance, date(2016, 3, 1), h)
    conclude(a1, Outcome.DISCLOSED, date(2016, 3, 10), h, r)
    qinzhou = factories.staff("handler_qinzhou", (world.qinzhou_finance, "handler"))
    received(world.qinzhou_finance, date(2016, 11, 21), qinzhou)
    a0 = received(world.finance, date(2015, 12, 21), h)
    conclude(a0, Outcome.DISCLOSED, date(2016, 1, 5), h, r)
    longnan = factories.staff("handler_longnan", (world.longnan_finance, "handler"))
    received(world.longnan_finance, date(2016, 3, 1), longnan)


def board(world):
    m1 = assigned(world, date(2016, 5, 4))
    messages.sign(m1, actor=world.handler_finance, on=date(2016, 5, 4))
    m1.refresh_from_db()
    messages.submit_reply(
        m1,
        text="经核实，黄标车淘汰补贴已列入第三批发放名单，预计本月底前发放到账，请注意查收。",
        actor=world.handler_finance,
        expected_version=m1.version,
    )
    m1.refresh_from_db()
    messages.approve_reply(m1, actor=world.office, on=date(2016, 5, 6))
    m1.refresh_from_db()
    messages.rate(m1, satisfaction=Satisfaction.SATISFIED, on=date(2016, 5, 10))
    assigned(world, date(2016, 5, 5), text="小区门口路灯坏了三个月，晚上出行很不方便，请尽快修复。")


def consultations(world):
    from gongkai.consultations import services
    from gongkai.consultations.models import Kind
    from gongkai.consultations.tests.helpers import at, comment_data, entry_data, published

    c1 = published(
        world, opens_on=date(2016, 5, 10), closes_on=date(2016, 6, 9), now=at(2016, 5, 1)
    )
    services.submit_comment(c1.current_round(), comment_data(), now=at(2016, 5, 20, 10))
    c2 = published(
        world,
        Kind.CALL,
        title="成纪新城19条道路名称公开征集",
        opens_on=date(2016, 8, 1),
        closes_on=date(2016, 8, 31),
        now=at(2016, 7, 25),
    )
    receipt = services.submit_entry(c2.current_round(), entry_data(), now=at(2016, 8, 5, 10))
    services.moderate(
        c2,
        entry_ids=[receipt.record.pk],
        approve=False,
        note="与征集无关",
        actor=world.handler_finance,
    )
    services.publish_feedback(
        c2, "征集期间收到道路名称建议1件。", actor=world.reviewer_finance, now=at(2016, 9, 20, 10)
    )
    published(world, title="2017年的征集", opens_on=date(2017, 1, 5), closes_on=date(2017, 2, 5),
              now=at(2016, 12, 30))  # fmt: skip
    return c1, c2


def proposals(world):
    from gongkai.proposals import services
    from gongkai.proposals.tests.helpers import congress_session, cppcc_session, imported, replied

    congress = congress_session(world, opened_on=date(2016, 1, 10))
    p1, _p2 = imported(world, congress, count=2)
    replied(world, p1, on=date(2016, 3, 15))
    services.record_satisfaction(
        p1, satisfaction="satisfied", actor=world.office, on=date(2016, 4, 1)
    )
    cppcc = cppcc_session(world, opened_on=date(2016, 1, 8))
    imported(world, cppcc, count=1)
    return congress, cppcc


@pytest.fixture
def city(world):
    factories.site_profile(world.tianshui)
    catalogue(world)
    applications(world)
    board(world)
    consultations(world)
    proposals(world)
    return world


def values(card) -> dict:
    return {f["key"]: f["value"] for s in card["sections"] for f in s["figures"]}


def test_every_figure_is_counted_from_the_records(city):
    card = report_card(city.tianshui, 2016)
    got = values(card)
    expected = {
        "items_total": 4,
        "key_area_budget": 2,
        "key_area_environment": 1,
        "key_area_approval": 0,
        "interpretations": 1,
        "applications_new": 2,
        "applications_carried_in": 1,
        "applications_concluded": 2,
        "applications_disclosed": 2,
        "applications_carried_out": 1,
        "applications_replied": 2,
        "applications_on_time_rate": 100.0,
        "messages_received": 2,
        "messages_accepted": 2,
        "messages_replied": 1,
        "messages_on_time": 1,
        "messages_on_time_rate": 100.0,
        "messages_satisfaction": 100.0,
        "consultations_held": 2,
        "consultations_drafts": 1,
        "consultations_calls": 1,
        "consultations_fed_back": 1,
        "consultations_comments": 1,
        "consultations_entries": 1,
        "normative_issued": 1,
        "normative_repealed": 0,
        "rules_issued": 0,
        "rules_repealed": 1,
        "proposals_handled": 3,
        "proposals_suggestions": 2,
        "proposals_proposals": 1,
        "proposals_done": 1,
        "proposals_satisfaction": 100.0,
    }
    assert {k: got[k] for k in expected} == expected
    assert [f["key"] for f in card["headline"]] == [
        "items_total",
        "applications_new",
        "messages_received",
        "consultations_held",
        "proposals_handled",
    ]
    areas = [f for f in card["sections"][0]["figures"] if f["key"].startswith("key_area_")]
    assert len(areas) == 9
    listed = card["sections"][4]["listed"]
    assert [c["title"] for c in listed][1] == "成纪新城19条道路名称公开征集"
    assert [c["fed_back"] for c in listed] == [False, True]


def test_the_proposals_figures_are_those_of_the_module_s_sentence(city):
    from gongkai.proposals.models import Session
    from gongkai.proposals.stats import summary_sentence

    card = report_card(city.tianshui, 2016)
    section = next(s for s in card["sections"] if s["key"] == "proposals")
    sentence = summary_sentence(Session.objects.all())
    assert sentence == "承办代表建议2件、政协提案1件，已办结1件，满意率100%"
    assert section["sentence"] == sentence + "。"


def test_the_message_figures_agree_with_the_module_s_statistics(city):
    from gongkai.interaction.stats import message_statistics

    total = message_statistics(city.tianshui, date(2016, 1, 1), date(2016, 12, 31)).total
    got = values(report_card(city.tianshui, 2016))
    assert (got["messages_received"], got["messages_accepted"]) == (total.received, total.accepted)
    assert (got["messages_replied"], got["messages_on_time"]) == (total.replied, total.on_time)
    assert got["messages_satisfaction"] == round(total.satisfaction_rate * 100, 1)


def test_the_charts_data(city):
    charts = report_card(city.tianshui, 2016)["charts"]
    applications, board = charts["monthly"]["series"]
    assert applications == ["依申请公开申请", [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0]]
    assert board == ["群众留言", [0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]]
    assert charts["outcomes"] == [["予以公开", 2]]
    assert charts["on_time_applications"] == [["市财政局", 100.0]]
    assert charts["on_time_messages"] == [["市财政局", 100.0]]


def test_a_county_counts_only_its_own_records(city):
    got = values(report_card(city.qinzhou, 2016))
    assert (got["items_total"], got["interpretations"], got["key_area_budget"]) == (1, 1, 1)
    assert (got["applications_new"], got["applications_carried_out"]) == (1, 1)
    assert got["applications_on_time_rate"] is None  # nothing replied: no rate, not 0
    assert (got["messages_received"], got["consultations_held"], got["proposals_handled"]) == (
        0,
        0,
        0,
    )


def test_a_module_s_figure_takes_the_place_of_its_placeholder(city, client):
    card = report_card(city.tianshui, 2016)
    figures = {f["key"]: f for s in card["sections"] for f in s["figures"]}
    assert set(MISSING) <= set(figures)  # every placeholder's key is on the card once
    assert [f["available"] for f in figures.values()].count(False) == 0
    assert figures["website_inspections"]["value"] == 0  # read from the records: none kept
    keys = [f["key"] for s in card["sections"] for f in s["figures"]]
    assert len(keys) == len(set(keys))


def test_a_figure_no_module_gives_is_shown_as_not_available_never_zero(city, client, monkeypatch):
    from gongkai.core.figures import _PROVIDERS

    monkeypatch.delitem(_PROVIDERS, "supervision")  # as before the module landed
    card = report_card(city.tianshui, 2016)
    missing = {f["key"]: f for s in card["sections"] for f in s["figures"] if not f["available"]}
    assert set(missing) == set(MISSING) and all(f["value"] is None for f in missing.values())


def test_every_source_link_opens(city, client):
    card = report_card(city.tianshui, 2016)
    urls = {f["source_url"] for s in card["sections"] for f in s["figures"]}
    urls |= {c["url"] for c in card["sections"][4]["listed"]}
    assert "/xxgk/catalog/?year=2016&key_area=budget" in urls
    assert "/api/v1/applications/statistics?government=620500&year=2016" in urls
    for url in sorted(urls):
        assert client.get(url).status_code == 200, url
    for url in {
        f["source_url"] for s in report_card(city.qinzhou, 2016)["sections"] for f in s["figures"]
    }:
        assert client.get(url).status_code == 200, url


def test_the_catalogue_link_lists_what_the_figure_counts(city, client):
    html = client.get("/xxgk/catalog/?year=2016&key_area=budget").content.decode()
    assert "I1 测试信息" in html and "I3 测试信息" in html
    assert "X1 测试信息" not in html and "X2 测试信息" not in html


def test_the_page(city, client):
    response = client.get("/nianbao/chengjidan/620500/2016/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>天水市2016年政务公开“成绩单”</h1>" in html
    assert 'aria-label="当前位置"' in html
    assert (
        '<a href="/xxgk/catalog/?year=2016&amp;key_area=budget" title="查看来源：重点领域：财政预决算和“三公”经费">2条</a>'
        in html
    )
    assert "承办代表建议2件、政协提案1件，已办结1件，满意率100%。" in html
    assert html.count('<figure class="chart') == 4
    assert "/nianbao/chengjidan/620500/2016.pdf" in html
    assert "2016年度报告尚未公开" in html
    # The seed's order: key areas, channels, applications, messages, consultations, documents …
    order = [
        html.index(h)
        for h in (
            "一、重点领域信息公开",
            "三、依申请公开",
            "五、决策公开",
            "八、服务公开：政务服务",
            "十、政策解读",
        )
    ]
    assert order == sorted(order)


def test_the_list_of_cards_and_the_link_from_the_annual_reports(city, client):
    # X1 (23:00 on 31 December 2015, Beijing) and A0 make 2015; R3 makes 2014; the
    # consultation opening in 2017 was published in December 2016.
    assert [(y, g.code) for y, g in years_with_data([city.tianshui, city.qinzhou])] == [
        (2016, "620500"),
        (2016, "620502"),
        (2015, "620500"),
        (2014, "620500"),
    ]
    html = client.get("/nianbao/chengjidan/").content.decode()
    assert '<a href="/nianbao/chengjidan/620500/2016/">天水市2016年政务公开“成绩单”</a>' in html
    assert '<a href="/nianbao/chengjidan/620502/2016/">秦州区2016年政务公开“成绩单”</a>' in html
    assert "620500/2014/" in html  # the rule R3 was published in 2014
    assert "陇南市" not in html  # not the site's
    assert html.index("620500/2016/") < html.index("620500/2015/") < html.index("620500/2014/")
    assert "/nianbao/chengjidan/" in client.get("/nianbao/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/nianbao/chengjidan/999999/2016/",
        "/nianbao/chengjidan/621200/2016/",  # 陇南市: not the site's
        "/nianbao/chengjidan/620500/1999/",
        "/nianbao/chengjidan/620500/2101/",
        "/nianbao/chengjidan/620500/2101.pdf",
        "/nianbao/chengjidan/999999/2016.pdf",
    ],
)
def test_not_found(city, client, url):
    assert client.get(url).status_code == 404


def test_the_pdf(city, client):
    response = client.get("/nianbao/chengjidan/620500/2016.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        [pdftotext, "-layout", "-", "-"],
        input=response.content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    flat = "".join(text.split())
    assert "天水市2016年政务公开“成绩单”" in flat
    assert "全年新收政府信息公开申请2件" in flat
    assert "政府网站检查0次" in flat
    assert "—1—" in flat  # page numbers


def test_a_county_s_catalogue_link_lists_only_the_county_s_items(city, client):
    urls = {
        f["key"]: f["source_url"]
        for s in report_card(city.qinzhou, 2016)["sections"]
        for f in s["figures"]
    }
    budget = next(u for u in urls.values() if "key_area=budget" in u)
    assert budget == "/xxgk/catalog/?gov=620502&year=2016&key_area=budget"
    html = client.get(budget).content.decode()
    assert "I3 测试信息" in html and "I1 测试信息" not in html
    assert '<option value="620502" selected>秦州区</option>' in html  # the filter shows it


def test_a_message_answered_the_next_year_counts_with_the_year_it_was_written(city, world):
    # written on 28 December 2016, answered on 4 January 2017: 2017's card must not show
    # it as answered on time without having received it (the 11 accepted, 12 on time)
    late = assigned(
        world, date(2016, 12, 28), text="供暖片区暖气不热，室温只有十二度，请协调热力公司处理。"
    )
    messages.sign(late, actor=world.handler_finance, on=date(2016, 12, 28))
    late.refresh_from_db()
    messages.submit_reply(
        late,
        text="经协调，热力公司已于1月3日完成管网排气，室温已恢复正常，感谢您的监督。",
        actor=world.handler_finance,
        expected_version=late.version,
    )
    late.refresh_from_db()
    messages.approve_reply(late, actor=world.office, on=date(2017, 1, 4))
    got = values(report_card(city.tianshui, 2017))
    assert got["messages_accepted"] == 0
    assert got["messages_on_time"] == got["messages_replied"] == 0
    # in 2016's card it is received and accepted, and still within its time on 31 December
    in_2016 = values(report_card(city.tianshui, 2016))
    assert (in_2016["messages_received"], in_2016["messages_accepted"]) == (3, 3)
    assert (in_2016["messages_replied"], in_2016["messages_on_time"]) == (1, 1)
