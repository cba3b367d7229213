"""The uncached catalogue at scale (issue 17): a fixed, small number of queries; the
total kept per filter set until the content changes; deep pages by cursor giving
the same rows as offset pages; a bad cursor answered cleanly."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from gongkai.disclosure.models import InformationItem, KeyArea
from gongkai.portal import paging
from gongkai.portal.paging import BAD_CURSOR, Cursor, seek_paginate

from .factories import publish, withdraw
from .pages import listed_titles

pytestmark = pytest.mark.django_db
CATALOGUE = "/xxgk/catalog/"


def _as_visitor_with_a_session(client):
    client.cookies["sessionid"] = "a-visitor-with-a-session"  # past the page store


def _get(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert "X-Page-Cache" not in response
    counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
    return response.content.decode(), counts


def _next_link(html: str) -> str:
    found = re.search(r'<a href="([^"]*)" rel="next">', html)
    return found[1].replace("&amp;", "&") if found else ""


def _previous_link(html: str) -> str:
    found = re.search(r'<a href="([^"]*)" rel="prev">', html)
    return found[1].replace("&amp;", "&") if found else ""


# -- queries of the uncached catalogue -----------------------------------------------------


def test_the_uncached_catalogue_runs_a_few_queries_on_any_page(
    client, world, site, settings, monkeypatch, django_assert_max_num_queries
):
    settings.PAGE_CACHE_ENABLED = False  # the uncached path is the one measured
    monkeypatch.setattr(paging, "NUMBERED_PAGES", 1)  # page 2 on are seek pages
    for n in range(22):
        publish(world, title=f"查询次数测试{n:02d}")
    client.get(CATALOGUE)  # the site profile is cached from here on, as in production
    # The filters' reference data (6), the count, the rows, their publishing departments.
    with django_assert_max_num_queries(9):
        first = client.get(CATALOGUE).content.decode()
    deep = _next_link(first)
    assert "after=" in deep
    with django_assert_max_num_queries(9):
        assert len(listed_titles(client.get(CATALOGUE + deep).content.decode())) == 2
    with django_assert_max_num_queries(9):
        client.get(f"{CATALOGUE}?department={world.finance.pk}&year=2026&order=date_asc")


def test_list_rows_read_only_what_the_list_shows(client, world, site, settings):
    settings.PAGE_CACHE_ENABLED = False
    publish(world, title="列表只读所需的列")
    client.get(CATALOGUE)
    with CaptureQueriesContext(connection) as captured:
        html = client.get(CATALOGUE).content.decode()
    assert "列表只读所需的列" in html
    rows = [q["sql"] for q in captured if '"disclosure_informationitem"."title"' in q["sql"]]
    assert rows and all('"disclosure_informationitem"."body"' not in sql for sql in rows)


# -- the total, kept per filter set --------------------------------------------------------


def test_the_total_is_counted_once_per_filter_set_until_the_content_changes(client, world, site):
    first = publish(world, title="计数测试一")
    publish(world, title="计数测试二", department=world.environment)
    _as_visitor_with_a_session(client)
    html, counts = _get(client, CATALOGUE)
    assert len(counts) == 1 and "（共 2 条）" in html
    html, counts = _get(client, CATALOGUE)
    assert counts == [] and "（共 2 条）" in html  # kept
    html, counts = _get(client, f"{CATALOGUE}?order=date_asc&page=1")
    assert counts == [] and "（共 2 条）" in html  # the order and page change no total
    finance = f"{CATALOGUE}?department={world.finance.pk}"
    html, counts = _get(client, finance)
    assert len(counts) == 1 and "（共 1 条）" in html  # another filter set: its own total
    assert _get(client, finance)[1] == []
    # Publishing moves the content version on: counted again, the new total shown.
    publish(world, title="计数测试三")
    html, counts = _get(client, CATALOGUE)
    assert len(counts) == 1 and "（共 3 条）" in html
    html, counts = _get(client, finance)
    assert len(counts) == 1 and "（共 2 条）" in html
    # So does withdrawing.
    withdraw(first)
    html, counts = _get(client, CATALOGUE)
    assert len(counts) == 1 and "（共 2 条）" in html
    assert "计数测试一" not in html


def test_an_invalid_filter_keeps_no_total(client, world, site):
    publish(world)
    _as_visitor_with_a_session(client)
    html, counts = _get(client, f"{CATALOGUE}?department=abc")
    assert "（共 0 条）" in html and counts == []


# -- seek pages ------------------------------------------------------------------------------


@pytest.fixture
def eleven(world, site):
    """Eleven public items, three of them published at the very same moment."""
    items = [publish(world, title=f"翻页测试{n:02d}") for n in range(11)]
    same = items[4].published_at
    InformationItem.objects.filter(pk__in=[items[3].pk, items[5].pk]).update(published_at=same)
    for n, item in enumerate(items[6:]):  # and the rest a day apart, some older
        InformationItem.objects.filter(pk=item.pk).update(published_at=same - timedelta(days=n + 1))
    return items


def _walk(query: str, per_page: int, base) -> tuple[list[list[int]], list[list[int]]]:
    """Pages of ``base`` by following "next" from the first page, then "previous" back."""
    factory = RequestFactory()

    def page(q):
        page, links = seek_paginate(factory.get("/list/" + q), base, per_page)
        return [row.pk for row in page.object_list], links

    forward, backward = [], []
    rows, links = page(query)
    forward.append(rows)
    while links.get("next"):
        rows, links = page(links["next"])
        forward.append(rows)
    backward.append(rows)
    while links.get("previous"):
        rows, links = page(links["previous"])
        backward.append(rows)
    return forward, backward


@pytest.mark.parametrize("ordering", [("-published_at", "-id"), ("published_at", "id")])
def test_seek_pages_give_the_rows_of_offset_pages_in_order(eleven, monkeypatch, ordering):
    monkeypatch.setattr(paging, "NUMBERED_PAGES", 1)
    base = InformationItem.objects.public().order_by(*ordering)
    every = list(base.values_list("pk", flat=True))
    offset_pages = [every[i : i + 3] for i in range(0, len(every), 3)]
    forward, backward = _walk("?", 3, base)
    assert forward == offset_pages
    assert backward == list(reversed(offset_pages))


def test_a_deep_page_asked_by_number_still_links_by_cursor(eleven, monkeypatch):
    monkeypatch.setattr(paging, "NUMBERED_PAGES", 1)
    base = InformationItem.objects.public().order_by("-published_at", "-id")
    every = list(base.values_list("pk", flat=True))
    page, links = seek_paginate(RequestFactory().get("/list/?page=3"), base, 3)
    assert [row.pk for row in page.object_list] == every[6:9]  # an old bookmark still works
    assert "after=" in links["next"] and "before=" in links["previous"]
    assert [link.number for link in links["links"]] == [1, None]  # no deep numbers
    page, links = seek_paginate(RequestFactory().get("/list/?page=2"), base, 3)
    assert links["previous"] == "?page=1" and "after=" in links["next"]


def test_the_catalogue_pages_by_cursor_beyond_the_numbered_pages(
    client, world, site, monkeypatch, eleven
):
    monkeypatch.setattr(paging, "NUMBERED_PAGES", 0)  # every link a cursor, with 20 a page
    for n in range(11):
        publish(world, title=f"更多翻页测试{n:02d}", key_areas=[KeyArea.objects.get(slug="budget")])
    url = f"{CATALOGUE}?order=date_asc"
    first = client.get(url).content.decode()
    second_url = _next_link(first)
    assert second_url.startswith("?order=date_asc&after=")  # the filters kept
    second = client.get(CATALOGUE + second_url).content.decode()
    assert "（共 22 条）" in second and "本页为" in second and "首页" in second
    listed = listed_titles(first) + listed_titles(second)
    assert len(listed) == 22 == len(set(listed))
    assert not _next_link(second)
    assert listed_titles(client.get(CATALOGUE + _previous_link(second)).content.decode()) == (
        listed_titles(first)
    )


@pytest.mark.parametrize(
    "cursor",
    [
        "abc",
        "1-",
        "-1-5",
        "1.5-3",
        "1-0",
        "999999999999999999-1",  # beyond any date
        "99999999999999999999999-1",
        "1700000000000000-99999999999999999999",
        "１-２",  # full-width digits
        "",
    ],
)
@pytest.mark.parametrize("key", ["after", "before"])
def test_a_bad_cursor_gives_the_first_page_and_says_so(client, world, site, key, cursor):
    publish(world, title="游标测试")
    response = client.get(CATALOGUE, {key: cursor})
    assert response.status_code == 200
    html = response.content.decode()
    assert listed_titles(html) == ["游标测试"]
    assert BAD_CURSOR in html


def test_a_cursor_round_trips_and_rejects_what_it_did_not_write(eleven):
    item = eleven[0]
    cursor = Cursor.of(item)
    assert Cursor.decode(cursor.encode()) == cursor
    assert Cursor.decode(f"{cursor.encode()}x") is None


def test_a_cursor_past_the_end_lists_nothing_but_links_back(client, world, site):
    publish(world, title="尽头测试")
    html = client.get(CATALOGUE, {"after": "1-1"}).content.decode()  # 1970: nothing older
    assert listed_titles(html) == [] and "首页" in html and "没有更多信息" in html
