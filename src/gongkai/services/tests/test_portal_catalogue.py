"""The public catalogue under /banshi/: the home by audience, theme and department,
the filtered list and its search; only published items are shown."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.portal.modules import MODULES_BY_SLUG
from gongkai.services.services import guides
from gongkai.testing.factories import site_profile

from .helpers import complete_guide, item
from .public_helpers import published, theme

pytestmark = pytest.mark.django_db


def _html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def catalogue(world):
    company = theme(world, "企业开办", "kaiban", "legal")
    birth = theme(world, "生育收养", "shengyu", "person")
    theme(world, "婚姻登记", "hunyin", "person")  # no public item: not listed
    return {
        "agency": published(
            world, name="政府采购代理机构资格认定", audiences="legal", themes=[company]
        ),
        "accounting": published(
            world, name="代理记账机构设立审批", audiences="person,legal", themes=[company, birth]
        ),
        "permit": published(
            world,
            department=world.environment,
            name="排污许可证核发",
            audiences="legal",
            themes=[company],
        ),
        "draft": item(world, name="尚未发布的事项"),
    }


def test_the_portal_links_the_section_instead_of_the_placeholder(client):
    assert MODULES_BY_SLUG["services"].built
    assert reverse("services_portal:index") in _html(client, reverse("portal:home"))
    response = client.get(reverse("portal:module", args=["services"]))
    assert response["Location"] == reverse("services_portal:index")


def test_the_home_lists_both_audiences_their_themes_and_departments(client, catalogue, world):
    html = _html(client, reverse("services_portal:index"))
    assert "个人办事" in html and "法人办事" in html
    assert "?theme=kaiban" in html and '企业开办<span class="bs-count">3 项</span>' in html
    assert '生育收养<span class="bs-count">1 项</span>' in html
    assert "婚姻登记" not in html
    assert f"?dept={world.finance.pk}" in html
    assert '天水市财政局<span class="bs-count">2 项</span>' in html
    assert '天水市环境保护局<span class="bs-count">1 项</span>' in html
    assert 'role="search"' in html and 'name="q"' in html


def test_the_list_filters_by_theme_department_audience_and_text(client, catalogue, world):
    url = reverse("services_portal:list")
    html = _html(client, url)
    assert "共 3 项" in html and "尚未发布的事项" not in html
    html = _html(client, url + "?theme=shengyu")
    assert "共 1 项" in html and "代理记账机构设立审批" in html
    html = _html(client, url + f"?dept={world.environment.pk}")
    assert "共 1 项" in html and "排污许可证核发" in html
    html = _html(client, url + "?audience=person")
    assert "共 1 项" in html and "代理记账机构设立审批" in html
    html = _html(client, url + "?audience=legal&q=代理")
    assert "共 2 项" in html and "排污许可证核发" not in html
    html = _html(client, url + f"?q={catalogue['permit'].code}")
    assert "共 1 项" in html and "排污许可证核发" in html
    html = _html(client, url + "?q=没有这种事项")
    assert "没有符合条件的办事事项。" in html


def test_the_list_is_paginated_on_the_server(client, world):
    for n in range(23):
        published(world, name=f"分页事项{n:02d}")
    url = reverse("services_portal:list")
    first = _html(client, url)
    assert "共 23 项" in first and "第 1 页，共 2 页" in first
    second = _html(client, url + "?page=2")
    assert second.count('class="bs-item-meta"') == 3


def test_bad_filters_show_everything_rather_than_fail(client, catalogue):
    url = reverse("services_portal:list")
    for query in ("?dept=abc", "?audience=nobody", "?theme=no-such", "?page=999"):
        assert client.get(url + query).status_code == 200


def test_a_withdrawn_item_leaves_the_lists(client, catalogue, world):
    guides.withdraw(catalogue["permit"], actor=world.office, on=date(2026, 12, 1), reason="已取消")
    html = _html(client, reverse("services_portal:list"))
    assert "共 2 项" in html and "排污许可证核发" not in html
    assert "天水市环境保护局" not in _html(client, reverse("services_portal:index"))


def test_the_site_shows_its_government_and_those_under_it(client, world):
    site_profile(world.tianshui)
    published(world, name="秦州区的事项", department=world.qinzhou_finance)
    published(world, name="陇南市的事项", department=world.longnan_finance)
    html = _html(client, reverse("services_portal:list"))
    assert "秦州区的事项" in html and "陇南市的事项" not in html


def test_publishing_ends_the_stored_pages(client, world):
    published(world, name="第一个事项")
    url = reverse("services_portal:list")
    before = client.get(url)
    assert before["X-Page-Cache"] == "miss" and client.get(url)["X-Page-Cache"] == "hit"
    published(world, name="第二个事项")
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss" and "第二个事项" in after.content.decode()


def test_a_draft_guide_changes_no_stored_page(client, world):
    service = published(world, name="第一个事项")
    url = reverse("services_portal:list")
    client.get(url)
    guides.new_draft(service, actor=world.office, change_note="改地点")
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_theme_added_later_ends_the_stored_home(client, world):
    service = published(world, name="第一个事项")
    url = reverse("services_portal:index")
    client.get(url)
    service.themes.add(theme(world, "企业注销", "zhuxiao"))
    after = client.get(url)
    assert after["X-Page-Cache"] == "miss" and "企业注销" in after.content.decode()


def test_an_unpublished_guide_is_never_shown(client, world):
    service = item(world, name="草稿事项")
    complete_guide(service)
    assert client.get(reverse("services_portal:item", args=[service.code])).status_code == 404
