"""Cursor pagination (stable under inserts, tamper-proof) and HTTP 400 for bad input."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from gongkai.disclosure import actions
from gongkai.testing.problems import field_errors, problem_of

from .conftest import beijing, index_all


def _walk(client, url, params) -> list[str]:
    titles, seen_urls = [], 0
    response = client.get(url, params)
    while True:
        assert response.status_code == 200, response.content.decode()
        body = response.json()
        titles += [i["title"] for i in body["items"]]
        if not body["next"]:
            return titles
        seen_urls += 1
        assert seen_urls < 50
        response = client.get(body["next"])


@pytest.fixture
def five(publish):
    # Two share the same publication time: the cursor must still give each once.
    moments = [beijing(2016, 3, d, 9, 0) for d in (1, 2, 3, 3, 4)]
    return [publish(title=f"第{i}条", at=at) for i, at in enumerate(moments, 1)]


def test_pages_give_every_item_once_newest_first(world, client, five):
    titles = _walk(client, "/api/v1/documents", {"limit": 2})
    assert sorted(titles) == sorted(i.title for i in five)
    assert titles[0] == "第5条" and titles[-1] == "第1条"
    oldest = _walk(client, "/api/v1/documents", {"limit": 2, "order": "oldest"})
    assert oldest == list(reversed(titles))


def test_items_published_between_pages_do_not_shift_later_pages(world, client, five, publish):
    first = client.get("/api/v1/documents", {"limit": 2}).json()
    publish(title="翻页期间新发布")  # newest of all: before the cursor
    publish(title="补录的旧信息", at=beijing(2016, 1, 1, 9, 0))  # oldest: after the cursor
    rest = _walk(client, first["next"], {})
    titles = [i["title"] for i in first["items"]] + rest
    assert "翻页期间新发布" not in titles
    assert titles.count("补录的旧信息") == 1
    assert sorted(t for t in titles if t.startswith("第")) == sorted(i.title for i in five)


def test_search_pages_are_stable_under_inserts_and_withdrawals(world, client, publish):
    items = [
        publish(title=f"黄标车淘汰工作通报第{i}期", at=beijing(2016, 4, i, 9, 0))
        for i in range(1, 8)
    ]
    index_all()
    first = client.get("/api/v1/documents", {"q": "黄标车", "limit": 3}).json()
    assert [i["title"] for i in first["items"]] == [f"黄标车淘汰工作通报第{i}期" for i in (7, 6, 5)]
    publish(title="黄标车淘汰工作通报（最新）")
    actions.withdraw_item(items[0], actor=world.reviewer_finance, reason="重复发布。")
    index_all()
    rest = _walk(client, first["next"], {})
    assert rest == [f"黄标车淘汰工作通报第{i}期" for i in (4, 3, 2)]


def test_search_pages_go_on_past_the_search_candidate_cap(world, client, publish, settings):
    settings.SEARCH_CANDIDATES = 3  # fewer than the matches: the search reports a capped total
    for i in range(1, 8):
        publish(title=f"黄标车淘汰工作通报第{i}期", at=beijing(2016, 4, i, 9, 0))
    index_all()
    titles = _walk(client, "/api/v1/documents", {"q": "黄标车", "limit": 2})
    assert titles == [f"黄标车淘汰工作通报第{i}期" for i in range(7, 0, -1)]


def test_a_tampered_cursor_is_refused(world, client, five):
    next_url = client.get("/api/v1/documents", {"limit": 2}).json()["next"]
    cursor = parse_qs(urlsplit(next_url).query)["cursor"][0]
    flipped = cursor[:-3] + ("A" if cursor[-3] != "A" else "B") + cursor[-2:]
    for bad in (flipped, cursor + "x", "eyJ2IjoxfQ:abc:def", "not-a-cursor"):
        response = client.get("/api/v1/documents", {"limit": 2, "cursor": bad})
        assert response.status_code == 400, bad
        assert list(field_errors(response)) == ["cursor"]
        assert "游标" in problem_of(response)["detail"]
    other_filters = client.get("/api/v1/documents", {"limit": 2, "year": 2016, "cursor": cursor})
    assert other_filters.status_code == 400 and "筛选条件" in problem_of(other_filters)["detail"]


HOSTILE = [
    ("foo=1", "foo"),
    ("page=2", "page"),
    ("department=abc", "department"),
    ("department=99999999999999999999999", "department"),
    ("department=2147483647", "department"),
    ("department=-1", "department"),
    ("subject=1e9", "subject"),
    ("subject=0", "subject"),
    ("genre=%EF%BC%91", "genre"),
    ("type=nonsense", "type"),
    ("year=20x6", "year"),
    ("year=99999999999999999999", "year"),
    ("year=1800", "year"),
    ("validity=maybe", "validity"),
    ("key_area=../../etc", "key_area"),
    ("key_area=no-such-area", "key_area"),
    ("limit=0", "limit"),
    ("limit=101", "limit"),
    ("limit=-5", "limit"),
    ("limit=1e3", "limit"),
    ("limit=1&limit=2", "limit"),
    ("order=random", "order"),
    ("order=oldest&q=%E9%BB%84%E6%A0%87%E8%BD%A6", "order"),
    ("q=" + "长" * 201, "q"),
    ("q=a%00b", "q"),
    ("q=x&q=y", "q"),
    ("cursor=%00", "cursor"),
    ("cursor=" + "A" * 5000, "cursor"),
    ("cursor=" + "%" * 10, "cursor"),
    ("year=2016-01-01", "year"),
    ("subject=1%20OR%201=1", "subject"),
]


@pytest.mark.parametrize(("query", "parameter"), HOSTILE)
def test_bad_input_is_a_400_naming_the_parameter(world, client, query, parameter):
    response = client.get(f"/api/v1/documents?{query}")
    assert response.status_code == 400, (query, response.status_code, response.content[:300])
    body = problem_of(response)
    assert [e["field"] for e in body["errors"]] == [parameter]
    assert parameter in body["detail"] or "游标" in body["detail"] or "检索" in body["detail"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"])


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/documents/%00",
        "/api/v1/documents/" + "9" * 500,
        "/api/v1/documents/attachments/abc",
        "/api/v1/documents/attachments/99999999999999999999999",
        "/api/v1/documents/../../etc/passwd",
    ],
)
def test_hostile_paths_are_not_found_never_500(world, client, path):
    assert client.get(path).status_code in (404, 400)
