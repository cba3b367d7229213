"""Published messages in the site-wide search: masked text only, removed when unpublished."""

from __future__ import annotations

from datetime import date

from gongkai import search
from gongkai.interaction import services
from gongkai.interaction.indexing import SEARCH_SOURCE, get_entry
from gongkai.interaction.models import Message
from gongkai.jobs.testing import run_jobs
from gongkai.search.models import SearchEntry

from .helpers import assigned


def replied(world, *, publish=True, **overrides) -> Message:
    message = assigned(world, date(2026, 9, 24), **overrides)
    services.sign(message, actor=world.handler_finance, on=date(2026, 9, 25))
    message.refresh_from_db()
    services.submit_reply(
        message,
        text="王小明您好：黄标车淘汰补贴已列入第三批发放名单，10月底前发放到账。",
        actor=world.handler_finance,
        expected_version=message.version,
    )
    message.refresh_from_db()
    services.approve_reply(message, actor=world.office, publish=publish, on=date(2026, 10, 8))
    message.refresh_from_db()
    return message


def test_only_published_messages_have_entries_and_they_hold_masked_text(world):
    message = replied(world)
    entry = get_entry(str(message.pk))
    assert entry["url"] == f"/hudong/{message.pk}/"
    assert "13800001234" not in entry["body"] and "王小明" not in entry["body"]
    assert "第三批发放名单" in entry["body"]
    assert entry["facets"]["department"] == world.finance.pk
    assert entry["facets"]["channel"] == message.channel_id

    private = replied(
        world, publish=False, subject="补贴发放进度咨询", text="补贴发放进度如何，请答复为谢。"
    )
    assert get_entry(str(private.pk)) is None
    assert get_entry("not-a-number") is None


def test_approval_indexes_the_message_through_the_job(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = replied(world)
    run_jobs()
    stored = SearchEntry.objects.get(source=SEARCH_SOURCE, object_id=str(message.pk))
    assert "13800001234" not in stored.body
    results = search.search("黄标车", filters={"source": [SEARCH_SOURCE]})
    assert [hit.object_id for hit in results.hits] == [str(message.pk)]
    assert results.hits[0].source_label == "留言"


def test_the_public_page_shows_the_masked_version_only(world, client):
    message = replied(world)
    page = client.get(message.get_public_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert "第三批发放名单" in body and "13800001234" not in body and "王小明" not in body
    unpublished = replied(
        world, publish=False, subject="补贴发放进度咨询", text="补贴发放进度如何，请答复为谢。"
    )
    assert client.get(f"/hudong/{unpublished.pk}/").status_code == 404
