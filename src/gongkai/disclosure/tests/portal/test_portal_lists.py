"""The column's lists: only public items, the catalogue's filters, pagination,
bounded queries."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.disclosure.models import ContentCategory, Genre, KeyArea, SubjectCategory
from gongkai.testing.factories import department

from .factories import draft, publish, withdraw
from .pages import listed_titles

pytestmark = pytest.mark.django_db
BEIJING = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def mixed(world, site):
    """One public item and every kind of item the public must never see."""
    budget = KeyArea.objects.get(slug="budget")
    rules = ContentCategory.objects.get(code="art20-01")
    common = {"key_areas": [budget], "item_type": "normative", "content_categories": [rules]}
    public = publish(world, title="公开的规范性文件", **common)
    never = {
        "draft": draft(world, title="草稿不应公开", **common),
        "withdrawn": withdraw(publish(world, title="已撤回不应公开", **common)),
        "on_request": publish(
            world,
            title="依申请公开的信息",
            disclosure_attribute="on_request",
            exemption_reason="art16_process",
            **common,
        ),
        "elsewhere": publish(
            world, department=world.longnan_finance, title="陇南市的信息", **common
        ),
    }
    return public, never


def test_only_public_items_appear_in_any_list(client, world, mixed):
    public, never = mixed
    pages = [
        "/xxgk/",
        "/xxgk/catalog/",
        f"/xxgk/dept/{world.finance.pk}/",
        f"/xxgk/dept/{world.finance.pk}/catalog/",
        "/xxgk/key/budget/",
        "/xxgk/normative/",
        "/xxgk/gov/620500/",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert public.title in html, url
        for item in never.values():
            assert item.title not in html, (url, item.title)


def test_the_catalogue_lists_newest_first_with_its_metadata(client, world, site):
    older = publish(world, title="较早的信息", now=datetime(2026, 10, 9, 10, tzinfo=BEIJING))
    newer = publish(world, title="较新的信息", now=datetime(2026, 10, 12, 10, tzinfo=BEIJING))
    html = client.get("/xxgk/catalog/").content.decode()
    assert listed_titles(html) == ["较新的信息", "较早的信息"]
    assert newer.index_number in html and "天水市财政局" in html and newer.document_number in html
    assert "2026-10-12" in html
    oldest_first = client.get("/xxgk/catalog/?order=date_asc").content.decode()
    assert listed_titles(oldest_first) == ["较早的信息", "较新的信息"]
    assert older.get_public_url() in html


def test_each_filter_narrows_the_catalogue(client, world, site):
    budget = KeyArea.objects.get(slug="budget")
    environment = KeyArea.objects.get(slug="environment")
    publish(world, title="财政通知", key_areas=[budget])
    publish(
        world,
        department=world.environment,
        title="环保公告",
        subject="城乡建设、环境保护",
        genre="公告",
        key_areas=[environment],
    )
    publish(world, title="规范性文件", item_type="normative")
    publish(
        world,
        title="去年的信息",
        formed_or_changed_on=date(2025, 3, 3),
        written_on=date(2025, 3, 1),
        now=datetime(2025, 3, 10, 9, tzinfo=BEIJING),
    )
    environment_subject = SubjectCategory.objects.get(name="城乡建设、环境保护")
    notice = Genre.objects.get(name="公告")

    def titles(query):
        response = client.get("/xxgk/catalog/?" + query)
        assert response.status_code == 200
        return sorted(listed_titles(response.content.decode()))

    assert titles(f"department={world.environment.pk}") == ["环保公告"]
    assert titles(f"subject={environment_subject.pk}") == ["环保公告"]
    assert titles(f"genre={notice.pk}") == ["环保公告"]
    assert titles("type=normative") == ["规范性文件"]
    assert titles("validity=valid") == ["规范性文件"]
    assert titles("year=2025") == ["去年的信息"]
    assert titles("key_area=budget") == ["财政通知"]
    assert titles(f"key_area=environment&department={world.environment.pk}") == ["环保公告"]
    assert titles(f"key_area=budget&department={world.environment.pk}") == []


def test_the_region_filter_takes_a_government_and_those_under_it(client, world, site):
    publish(world, title="市财政局的信息")
    publish(world, department=world.qinzhou_finance, title="秦州区财政局的信息")

    def titles(query):
        return sorted(listed_titles(client.get("/xxgk/catalog/?" + query).content.decode()))

    assert titles("gov=620502") == ["秦州区财政局的信息"]
    assert titles("gov=620500") == ["市财政局的信息", "秦州区财政局的信息"]
    assert titles("gov=621200") == []  # 陇南市: another site's
    html = client.get("/xxgk/catalog/?gov=621200").content.decode()
    assert "所属地区“621200”不存在" in html


def test_a_co_published_item_is_in_both_departments_catalogues(client, world, site):
    publish(
        world, title="联合发布的通知", publishing_departments=[world.finance, world.environment]
    )
    for dept in (world.finance, world.environment):
        html = client.get(f"/xxgk/catalog/?department={dept.pk}").content.decode()
        assert listed_titles(html) == ["联合发布的通知"]
        assert ("天水市财政局、天水市环境保护局" in html) or (
            "天水市环境保护局、天水市财政局" in html
        )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("department=abc", "发布机构“abc”不存在"),
        ("department=999999", "发布机构“999999”不存在"),
        ("subject=%3Cscript%3E", "主题分类“&lt;script&gt;”不存在"),
        ("genre=-1", "体裁“-1”不存在"),
        ("type=secret", "信息类型“secret”不存在"),
        ("year=1900", "发布年份“1900”不存在"),
        ("year=20x6", "发布年份“20x6”不存在"),
        ("validity=forever", "有效性“forever”不存在"),
        ("key_area=nowhere", "重点领域“nowhere”不存在"),
        ("category=art99-01", "法定公开内容“art99-01”不存在"),
        ("order=sideways", "排序方式“sideways”不存在"),
    ],
)
def test_an_invalid_filter_says_so_in_chinese_and_lists_nothing(
    client, world, site, query, message
):
    publish(world, title="有一条公开信息")
    response = client.get("/xxgk/catalog/?" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "筛选条件有误，因此没有列出信息。" in html
    assert message in html
    assert listed_titles(html) == []
    assert 'aria-invalid="true"' in html


def test_a_filter_from_another_site_is_refused(client, world, site):
    html = client.get(f"/xxgk/catalog/?department={world.longnan_finance.pk}").content.decode()
    assert f"发布机构“{world.longnan_finance.pk}”不存在" in html


def test_every_list_is_paginated(client, world, site):
    for n in range(23):
        publish(world, title=f"分页测试信息{n:02d}")
    first = client.get("/xxgk/catalog/").content.decode()
    assert len(listed_titles(first)) == 20
    assert "第 1 页，共 2 页" in first and "（共 23 条）" in first
    second = client.get("/xxgk/catalog/?page=2").content.decode()
    assert len(listed_titles(second)) == 3
    assert set(listed_titles(first)).isdisjoint(listed_titles(second))
    assert listed_titles(client.get("/xxgk/catalog/?page=abc").content.decode()) == listed_titles(
        first
    )
    assert listed_titles(client.get("/xxgk/catalog/?page=99").content.decode()) == listed_titles(
        second
    )
    # Page links keep the filters.
    filtered = client.get(f"/xxgk/catalog/?department={world.finance.pk}").content.decode()
    assert f"?department={world.finance.pk}&amp;page=2" in filtered
    for url in (f"/xxgk/dept/{world.finance.pk}/", "/xxgk/gov/620500/"):
        assert len(listed_titles(client.get(url).content.decode())) == 20


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


LIST_PAGES = [
    "/xxgk/",
    "/xxgk/catalog/",
    "/xxgk/catalog/?department={finance}&key_area=budget",
    "/xxgk/dept/{finance}/",
    "/xxgk/dept/{finance}/catalog/",
    "/xxgk/dept/{finance}/reports/",
    "/xxgk/dept/{finance}/guide/",
    "/xxgk/key/budget/",
    "/xxgk/normative/",
    "/xxgk/guide/",
    "/xxgk/reports/",
    "/xxgk/gov/620500/",
    "/xxgk/feeds/latest/rss.xml",
    "/xxgk/feeds/dept/{finance}/atom.xml",
    "/xxgk/sitemap-items.xml",
]


def test_list_pages_run_the_same_few_queries_however_many_items(client, world, site, settings):
    settings.PAGE_CACHE_ENABLED = False  # the uncached path is the one measured
    budget = KeyArea.objects.get(slug="budget")

    def add(n):
        for i in range(n):
            publish(
                world,
                title=f"查询次数测试{i}",
                key_areas=[budget],
                item_type="normative" if i % 2 else "annual_report",
                publishing_departments=[world.finance, world.environment],
            )

    add(2)
    client.get("/xxgk/")  # the site profile is cached from here on, as in production
    urls = [u.format(finance=world.finance.pk) for u in LIST_PAGES]
    few = {url: _queries(client, url) for url in urls}
    add(10)
    many = {url: _queries(client, url) for url in urls}
    assert many == few
    assert max(many.values()) <= 15, many


def test_pages_carry_no_inline_styles_or_scripts(client, world, site):
    import re

    item = publish(world, body='<p style="color:red">正文</p><script>alert(1)</script>')
    for url in ["/xxgk/", "/xxgk/catalog/", item.get_public_url(), "/xxgk/search/?q=预算"]:
        html = client.get(url).content.decode()
        assert "style=" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url


def test_home_offers_every_entry_point(client, world, site):
    county_office = department(world.qinzhou, "秦州区人民政府办公室", kind="general_office")
    html = client.get("/xxgk/").content.decode()
    for text in ("政府信息公开指南", "政府信息公开目录", "政府信息公开年报", "规范性文件库"):
        assert text in html
    assert f'href="/xxgk/dept/{world.finance.pk}/"' in html
    assert f'href="/xxgk/dept/{world.general_office.pk}/"' in html
    assert "政府办公室" in html and "政府工作部门" in html  # grouped by kind
    assert 'href="/xxgk/gov/620502/"' in html and "秦州区人民政府" in html
    assert f'href="/xxgk/dept/{county_office.pk}/"' not in html  # counties have their own page
    assert f'href="/xxgk/dept/{world.longnan_finance.pk}/"' not in html
    for area in KeyArea.objects.all():
        assert f'href="/xxgk/key/{area.slug}/"' in html
    subject = SubjectCategory.objects.get(name="财政、金融、审计")
    assert f'href="/xxgk/catalog/?subject={subject.pk}"' in html
    county = client.get("/xxgk/gov/620502/").content.decode()
    assert f'href="/xxgk/dept/{county_office.pk}/"' in county
