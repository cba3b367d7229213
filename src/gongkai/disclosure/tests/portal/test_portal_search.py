"""The search page: highlighted hits, facet filters, order, suggestions, and
never an item that is not public."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.disclosure.models import KeyArea

from .factories import index, publish, withdraw
from .pages import listed_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(world, site):
    budget = KeyArea.objects.get(slug="budget")
    items = {
        "yellow": publish(
            world,
            department=world.environment,
            title="天水市淘汰黄标车实施细则",
            subject="城乡建设、环境保护",
            body="<p>本细则所称黄标车，是指尾气排放不达标的机动车。</p>",
            item_type="normative",
        ),
        "budget": publish(
            world, title="市级预算公开", body="<p>公开黄标车淘汰补贴预算。</p>", key_areas=[budget]
        ),
        "road": publish(
            world, title="成纪新城道路名称征集", body="<p>征集成纪新城19条道路名称。</p>"
        ),
    }
    index(*items.values())
    return items


def hits(html):
    return [re.sub(r"</?mark>", "", t) for t in listed_titles(html)]


def test_a_search_lists_matching_public_items_with_terms_marked(client, indexed):
    response = client.get("/xxgk/search/?q=黄标车")
    assert response.status_code == 200
    html = response.content.decode()
    assert sorted(hits(html)) == ["天水市淘汰黄标车实施细则", "市级预算公开"]
    assert "天水市淘汰<mark>黄标车</mark>实施细则" in html
    assert "<mark>黄标车</mark>" in html.split('class="xxgk-snippet"')[1]
    assert "（共 2 条）" in html
    assert "天水市环境保护局" in html  # the department named under the hit


def test_more_matches_than_the_candidates_are_said_to_be_more(client, indexed, settings):
    settings.SEARCH_ENGINE = "database"  # the cap is the database engine's (ADR 0005)
    index(*indexed.values())
    settings.SEARCH_CANDIDATES = 1
    html = client.get("/xxgk/search/?q=黄标车").content.decode()
    assert "（超过 1 条）" in html and "在最新的 1 条中按相关度排序" in html
    assert len(hits(html)) == 1


def test_the_embedded_engine_counts_every_match(client, indexed, settings):
    settings.SEARCH_CANDIDATES = 1  # the database engine's cap means nothing here (ADR 0011)
    html = client.get("/xxgk/search/?q=黄标车").content.decode()
    assert "超过" not in html and len(hits(html)) == 2


def test_facets_narrow_the_search_and_can_be_removed(client, world, indexed):
    html = client.get("/xxgk/search/?q=黄标车").content.decode()
    link = f"?q=%E9%BB%84%E6%A0%87%E8%BD%A6&amp;department={world.environment.pk}"
    assert f'href="{link}"' in html and "天水市环境保护局</a>" in html
    narrowed = client.get("/xxgk/search/" + link.replace("&amp;", "&")).content.decode()
    assert hits(narrowed) == ["天水市淘汰黄标车实施细则"]
    assert "已选筛选条件" in narrowed and "发布机构：天水市环境保护局" in narrowed
    assert 'aria-current="true" class="xxgk-facet-chosen"' in narrowed
    by_validity = client.get("/xxgk/search/?q=黄标车&validity=valid").content.decode()
    assert hits(by_validity) == ["天水市淘汰黄标车实施细则"]
    by_area = client.get("/xxgk/search/?q=黄标车&key_area=budget").content.decode()
    assert hits(by_area) == ["市级预算公开"] and "重点领域：财政预决算和“三公”经费" in by_area


def test_results_can_be_ordered_by_date(client, indexed):
    html = client.get("/xxgk/search/?q=黄标车&order=date").content.decode()
    assert hits(html) == ["市级预算公开", "天水市淘汰黄标车实施细则"]  # newest first
    assert '<strong aria-current="true">按日期（从新到旧）</strong>' in html
    odd = client.get("/xxgk/search/?q=黄标车&order=sideways").content.decode()
    assert "排序方式“sideways”无效，已按相关度排序。" in odd and len(hits(odd)) == 2


def test_nothing_found_offers_the_computed_suggestions(client, indexed):
    html = client.get("/xxgk/search/?q=黄标车 棚户区").content.decode()
    assert "没有找到与“黄标车 棚户区”相关的信息" in html
    assert "去掉“棚户区”" in html and "可找到 2 条" in html
    assert 'href="?q=%E9%BB%84%E6%A0%87%E8%BD%A6"' in html


def test_a_withdrawn_item_disappears_from_search_at_once(client, world, indexed):
    withdraw(indexed["yellow"])  # the index update runs after commit: not yet here
    html = client.get("/xxgk/search/?q=黄标车").content.decode()
    assert hits(html) == ["市级预算公开"]
    index(indexed["yellow"])  # the job removes it from the index
    assert hits(client.get("/xxgk/search/?q=黄标车").content.decode()) == ["市级预算公开"]


def test_hostile_input_is_escaped_and_never_an_error(client, world, indexed):
    evil = publish(world, title="<script>alert(1)</script>预算调整")
    index(evil)
    html = client.get("/xxgk/search/?q=预算调整").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>预算调整</mark>" in html
    assert "<script>alert" not in html
    for query in (
        "q=%22",
        "q=" + "长" * 500,
        "q=黄标车&page=-3",
        "q=黄标车&page=x",
        "q=黄标车&department=abc",
        "q=黄标车&year=1&page=9999",
        "q=%00",
    ):
        assert client.get("/xxgk/search/?" + query).status_code == 200, query


def test_an_empty_query_shows_the_form_only(client, indexed):
    html = client.get("/xxgk/search/").content.decode()
    assert '<label for="xxgk-q">检索词</label>' in html
    assert "检索结果" not in html and "没有找到" not in html


def test_the_search_page_runs_a_bounded_number_of_queries(client, world, indexed):
    more = [publish(world, title=f"黄标车淘汰进展{i}") for i in range(8)]
    index(*more)
    client.get("/xxgk/")  # site profile cached
    client.get("/xxgk/search/?q=预算")  # the index has applied the changes; synonyms read
    with CaptureQueriesContext(connection) as captured:
        html = client.get("/xxgk/search/?q=黄标车").content.decode()
    assert len(hits(html)) == 10
    assert len(captured) <= 12, [q["sql"][:120] for q in captured]


def test_hits_of_other_sources_with_a_single_department_are_listed(client, world, indexed):
    # A source may give a facet as one value instead of a list (the message
    # board gives the replying department so).
    from gongkai.search import index_entry, register_source, unregister_source

    register_source("test.board", label="留言", iter_entries=lambda: iter(()))
    try:
        index_entry(
            "test.board",
            "1",
            url="/hudong/1/",
            title="黄标车淘汰补贴何时发放",
            body="补贴已列入发放名单。",
            published_at=indexed["road"].published_at,
            facets={"department": world.finance.pk},
        )
        html = client.get("/xxgk/search/?q=黄标车").content.decode()
        assert "黄标车</mark>淘汰补贴何时发放" in html
        assert "留言 · 天水市财政局" in html
    finally:
        unregister_source("test.board")


def test_the_page_says_what_else_was_searched_for(client, world, indexed):
    shanty = publish(world, title="天水市2016年棚户区改造计划")
    index(shanty)
    html = client.get("/xxgk/search/?q=棚改").content.decode()
    assert hits(html) == ["天水市2016年棚户区改造计划"]
    assert "“棚改”同时检索了同义词“棚户区改造”。" in html
