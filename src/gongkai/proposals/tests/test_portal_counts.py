"""/jianyi/: item numbers in numeric order, and counts that say what they count."""

import re
from datetime import date

import pytest
from django.urls import reverse

from gongkai.proposals import services

from .helpers import congress_session, imported, replied

pytestmark = pytest.mark.django_db


def listed_numbers(html: str) -> list[str]:
    return re.findall(r'<tr><td>([^<]+)</td><td><a href="/jianyi/\d+/">', html)


def assign_all(world, items):
    for item in items:
        services.assign(item, lead=world.finance, actor=world.office, on=date(2026, 3, 2))


def test_item_numbers_sort_as_numbers_not_as_text(client, world):
    session = congress_session(world)
    items = [imported(world, session, start=n)[0] for n in (100, 11, 2, 10, 1)]
    assign_all(world, items)
    html = client.get(reverse("proposals_portal:session", args=[session.pk])).content.decode()
    assert listed_numbers(html) == ["1", "2", "10", "11", "100"]


def test_numbers_with_letters_follow_the_plain_numbers(client, world):
    session = congress_session(world)
    rows = [
        (n, {"number": number, "title": f"关于第{number}号事项的建议", "authors": "王建国",
             "content": "建议内容" * 10, "suggested_units": ""})
        for n, number in enumerate(["12", "B3", "9", "A1", "0010"], start=2)
    ]  # fmt: skip
    services.import_items(session, actor=world.office, rows=rows)
    assign_all(world, session.items.all())
    html = client.get(reverse("proposals_portal:session", args=[session.pk])).content.decode()
    assert listed_numbers(html) == ["9", "0010", "12", "A1", "B3"]


@pytest.fixture
def partly_assigned(world):
    """Five suggestions: three assigned (one of them replied), two still 待交办."""
    session = congress_session(world)
    items = imported(world, session, count=5)
    replied(world, items[0], on=date(2026, 3, 2))
    assign_all(world, items[1:3])
    return session


def test_the_index_says_how_many_of_the_session_s_items_are_assigned(client, partly_assigned):
    html = client.get(reverse("proposals_portal:index")).content.decode()
    assert "承办代表建议5件，已办结1件" in html  # the government's sentence counts every item
    assert "市六届人大五次会议</a>：代表建议5件，其中已交办3件、待交办2件；已办结1件" in html


def test_the_session_page_labels_the_assigned_list_and_the_rest(client, partly_assigned):
    url = reverse("proposals_portal:session", args=[partly_assigned.pk])
    html = client.get(url).content.decode()
    assert "承办代表建议5件，已办结1件" in html
    assert "已交办的代表建议（共 3 件）" in html
    assert "另有 2 件待交办，交办后在此公开。" in html
    assert "共 5 件" not in html and "（共 3 件）" in html


def test_when_every_item_is_assigned_nothing_is_said_about_pending_ones(client, world):
    session = congress_session(world)
    assign_all(world, imported(world, session, count=2))
    index = client.get(reverse("proposals_portal:index")).content.decode()
    assert "市六届人大五次会议</a>：代表建议2件，其中已交办2件；已办结0件" in index
    page = client.get(reverse("proposals_portal:session", args=[session.pk])).content.decode()
    assert "待交办" not in page and "已交办的代表建议（共 2 件）" in page
