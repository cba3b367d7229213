"""Public reply letters in the site-wide search: source ``proposals.item``.

An item is found by the words of its sent, public reply letters once the
letter is signed (the reindex job the action schedules), never by a letter that
is not public or not yet signed, and ``gongkai search reindex`` rebuilds them.
"""

import io
from datetime import date

import pytest
from django.core.management import call_command

from gongkai import search
from gongkai.jobs.testing import run_jobs
from gongkai.proposals import services
from gongkai.proposals.indexing import SEARCH_SOURCE, get_entry
from gongkai.search.models import SearchEntry

from .helpers import REPLY, congress_session, imported, replied

pytestmark = pytest.mark.django_db

SECRET = REPLY.replace("1.2亿元", "尚未决策的内部测算数字")


def found(q: str) -> list[str]:
    return [h.object_id for h in search.search(q, filters={"source": [SEARCH_SOURCE]}).hits]


def test_signing_a_public_reply_makes_the_site_search_find_it(
    client, world, django_capture_on_commit_callbacks
):
    session = congress_session(world)
    (item,) = imported(world, session)
    with django_capture_on_commit_callbacks(execute=True):
        replied(world, item, on=date(2026, 3, 2), grade="B")
    run_jobs()
    assert found("老旧小区 改造计划") == [str(item.pk)]
    entry = SearchEntry.objects.get(source=SEARCH_SOURCE, object_id=str(item.pk))
    assert entry.url == f"/jianyi/{item.pk}/"
    assert entry.title == item.title
    assert "市六届人大五次会议第1号建议" in entry.summary and "天水市财政局" in entry.summary
    assert entry.facets["department"] == world.finance.pk and entry.facets["year"] == 2026

    page = client.get("/xxgk/search/", {"q": "老旧小区 改造计划"}).content.decode()
    assert f'href="/jianyi/{item.pk}/"' in page
    assert "建议提案答复" in page


def test_items_without_a_public_signed_reply_are_not_found(
    world, django_capture_on_commit_callbacks
):
    session = congress_session(world)
    private, awaiting, pending = imported(world, session, count=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.assign(private, lead=world.finance, actor=world.office, on=date(2026, 3, 2))
        services.submit_reply(
            private,
            text=SECRET,
            grade="C",
            public=False,
            not_public_reason="含有尚未决策的内部测算。",
            actor=world.handler_finance,
            on=date(2026, 3, 3),
        )
        services.approve_reply(private, actor=world.reviewer_finance, on=date(2026, 3, 5))
        services.assign(awaiting, lead=world.finance, actor=world.office, on=date(2026, 3, 2))
        services.submit_reply(
            awaiting, text=REPLY, grade="A", actor=world.handler_finance, on=date(2026, 3, 3)
        )
    run_jobs()
    assert found("内部测算数字") == []
    assert found("老旧小区 改造计划") == []
    assert not SearchEntry.objects.filter(source=SEARCH_SOURCE).exists()
    for item in (private, awaiting, pending):
        assert get_entry(str(item.pk)) is None
    assert get_entry("abc") is None and get_entry("99999999") is None


def test_a_second_round_reply_is_added_and_a_reassignment_moves_the_unit(
    world, django_capture_on_commit_callbacks
):
    session = congress_session(world)
    (item,) = imported(world, session)
    replied(world, item, on=date(2026, 3, 2))
    services.record_satisfaction(
        item,
        satisfaction="unsatisfied",
        actor=world.office,
        on=date(2026, 4, 1),
        comment="进度太慢",
    )
    item.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.reassign(
            item, lead=world.environment, actor=world.office, reason="职责不符", on=date(2026, 4, 2)
        )
    run_jobs()
    entry = SearchEntry.objects.get(source=SEARCH_SOURCE, object_id=str(item.pk))
    assert "天水市环境保护局" in entry.summary
    assert entry.facets["department"] == world.environment.pk


def test_reindex_rebuilds_the_replies_from_the_records(world):
    session = congress_session(world)
    (item,) = imported(world, session)
    replied(world, item, on=date(2026, 3, 2))  # no job ran: the index does not know it
    assert found("老旧小区 改造计划") == []
    call_command("search", "reindex", "--source", SEARCH_SOURCE, stdout=io.StringIO())
    assert found("老旧小区 改造计划") == [str(item.pk)]
