"""Department pages (机构信息, 指南, 目录, 年报), key areas, the normative library."""

from datetime import date

import pytest

from gongkai.disclosure import actions
from gongkai.disclosure.models import ContentCategory, KeyArea, Validity
from gongkai.testing.factories import department

from .factories import personas, publish, withdraw
from .pages import listed_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def finance(world):
    dept = world.finance
    dept.address = "甘肃省天水市秦州区民主西路 1 号"
    dept.postcode = "741000"
    dept.phone = "0938-8212345"
    dept.fax = "0938-8212346"
    dept.email = "czj@tianshui.gov.cn"
    dept.office_hours = "工作日 8:30-12:00，14:30-18:00"
    dept.save()
    return dept


def test_the_department_page_gives_its_contact_details_and_catalogue(client, world, site, finance):
    publish(world, title="财政局的信息")
    publish(world, department=world.environment, title="环保局的信息")
    html = client.get(f"/xxgk/dept/{finance.pk}/").content.decode()
    for fact in (
        "民主西路 1 号",
        "741000",
        "0938-8212345",
        "0938-8212346",
        "czj@tianshui.gov.cn",
        "8:30-12:00",
    ):
        assert fact in html
    assert listed_titles(html) == ["财政局的信息"]
    assert f'href="/xxgk/dept/{finance.pk}/guide/"' in html
    assert f'href="/xxgk/feeds/dept/{finance.pk}/rss.xml"' in html
    missing = client.get(f"/xxgk/dept/{world.environment.pk}/").content.decode()
    assert "未登记" in missing  # no address yet: said, not hidden


@pytest.mark.parametrize("which", ["unknown", "inactive", "other_government"])
def test_a_department_outside_the_site_is_a_404(client, world, site, which):
    if which == "unknown":
        pk = 999999
    elif which == "inactive":
        gone = department(world.tianshui, "天水市已撤销的局", active=False)
        pk = gone.pk
    else:
        pk = world.longnan_finance.pk
    for suffix in ("", "guide/", "catalog/", "reports/"):
        assert client.get(f"/xxgk/dept/{pk}/{suffix}").status_code == 404


def test_the_guide_follows_article_12(client, world, site, finance):
    guide = publish(world, title="天水市财政局政府信息公开指南（2026年版）", item_type="guide")
    html = client.get(f"/xxgk/dept/{finance.pk}/guide/").content.decode()
    assert "一、政府信息的分类与编排" in html
    assert "二、获取政府信息的方式" in html
    assert "三、政府信息公开工作机构" in html
    for fact in (
        "民主西路 1 号",
        "8:30-12:00",
        "0938-8212345",
        "0938-8212346",
        "czj@tianshui.gov.cn",
    ):
        assert fact in html
    assert "20 个工作日" in html
    assert guide.get_public_url() in html
    assert "条例第二十条第（七）项：财政预决算" in html  # a category the bureau must fill


def test_the_catalogue_shows_every_required_category_and_says_which_are_empty(
    client, world, site, finance
):
    budget = ContentCategory.objects.get(code="art20-07")
    publish(world, title="2026年部门预算", content_categories=[budget])
    withdraw(publish(world, title="撤回的决算", content_categories=[budget]))
    html = client.get(f"/xxgk/dept/{finance.pk}/catalog/").content.decode()
    assert '财政预决算<span class="xxgk-count">（1 条）</span>' in html
    assert "2026年部门预算" in html and "撤回的决算" not in html
    assert '机构职能<span class="xxgk-count">（0 条）</span>' in html
    assert html.count("暂无信息") >= 1
    assert "行政事业性收费" in html  # required of a 政府工作部门, still empty
    assert "统计信息" not in html  # required of the general office only


def test_the_catalogue_shows_the_latest_five_per_category_and_links_to_the_rest(
    client, world, site, finance
):
    budget = ContentCategory.objects.get(code="art20-07")
    for n in range(7):
        publish(world, title=f"预算信息{n}", content_categories=[budget])
    html = client.get(f"/xxgk/dept/{finance.pk}/catalog/").content.decode()
    assert "预算信息6" in html and "预算信息2" in html and "预算信息1" not in html
    link = f"/xxgk/catalog/?department={finance.pk}&amp;category=art20-07"
    assert f'href="{link}"' in html and "查看该类全部 7 条" in html
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert len(listed_titles(listed)) == 7


def test_the_reports_page_lists_annual_reports_only(client, world, site, finance):
    publish(world, title="天水市财政局2025年政府信息公开工作年度报告", item_type="annual_report")
    publish(world, title="普通通知")
    html = client.get(f"/xxgk/dept/{finance.pk}/reports/").content.decode()
    assert listed_titles(html) == ["天水市财政局2025年政府信息公开工作年度报告"]
    overall = client.get("/xxgk/reports/").content.decode()
    assert listed_titles(overall) == ["天水市财政局2025年政府信息公开工作年度报告"]


def test_a_key_area_page_names_its_responsible_department_and_lists_its_items(client, world, site):
    area = KeyArea.objects.get(slug="environment")
    area.responsible_department = world.environment
    area.save()
    publish(world, department=world.environment, title="空气质量通报", key_areas=[area])
    publish(world, title="预算通知", key_areas=[KeyArea.objects.get(slug="budget")])
    html = client.get("/xxgk/key/environment/").content.decode()
    assert "<h1>环境保护" in html
    assert f'牵头部门：<a href="/xxgk/dept/{world.environment.pk}/">天水市环境保护局</a>' in html
    assert listed_titles(html) == ["空气质量通报"]
    assert client.get("/xxgk/key/no-such-area/").status_code == 404
    area.active = False
    area.save()
    assert client.get("/xxgk/key/environment/").status_code == 404


def test_the_normative_library_filters_by_validity_and_year(client, world, site):
    valid = publish(world, title="现行有效的办法", item_type="normative")
    rule = publish(world, title="政府规章", item_type="rule")
    repealed = publish(world, title="已废止的规定", item_type="normative")
    publish(world, title="普通信息不在库中")
    _, _, reviewer = personas(world.finance)
    actions.change_validity(
        repealed,
        actor=reviewer,
        validity=Validity.REPEALED,
        on=date(2026, 11, 2),
        reason="清理废止。",
    )

    def titles(query=""):
        return sorted(listed_titles(client.get("/xxgk/normative/?" + query).content.decode()))

    assert titles() == sorted([valid.title, rule.title, repealed.title])
    assert titles("validity=valid") == sorted([valid.title, rule.title])
    assert titles("validity=repealed") == [repealed.title]
    assert titles("validity=expired") == []
    assert titles("type=rule") == [rule.title]
    assert titles(f"year={valid.published_on.year}") == sorted(
        [valid.title, rule.title, repealed.title]
    )
    assert titles("year=2019") == []  # not a year with documents: refused with a message
    html = client.get("/xxgk/normative/").content.decode()
    assert "有效</span> 2 件" in html and "废止</span> 1 件" in html
    bad = client.get("/xxgk/normative/?type=general").content.decode()
    assert "信息类型“general”不存在" in bad


def test_a_county_page_lists_its_departments_and_items(client, world, site):
    publish(world, department=world.qinzhou_finance, title="秦州区的预算公开")
    publish(world, title="市财政局的信息")
    html = client.get("/xxgk/gov/620502/").content.decode()
    assert "<h1>秦州区人民政府信息公开</h1>" in html
    assert f'href="/xxgk/dept/{world.qinzhou_finance.pk}/"' in html
    assert listed_titles(html) == ["秦州区的预算公开"]
    assert client.get("/xxgk/gov/621200/").status_code == 404
    assert client.get("/xxgk/gov/999999/").status_code == 404
