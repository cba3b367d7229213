"""The public side of 互动交流: the section home, the board (filters, status, search) and
a message's page. Only published messages, only their masked versions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.core.dates import today
from gongkai.interaction import services
from gongkai.interaction.models import Channel, ChannelKind, Message, MessageState, MessageType
from gongkai.jobs.testing import run_jobs

from .helpers import mayor_board
from .test_indexing import replied

pytestmark = pytest.mark.django_db
INDEX = reverse("interaction_portal:index")
BOARD = reverse("interaction_portal:board")
NAME, PHONE = "王小明", "13800001234"


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def rows_of(response) -> list[str]:
    return [row.masked_subject for row in response.context["rows"]]


def reopened(world, **overrides) -> Message:
    message = replied(world, **overrides)
    Message.objects.filter(pk=message.pk).update(rating_due=today() + timedelta(days=5))
    message.refresh_from_db()
    services.rate(message, satisfaction="unsatisfied", reason="补贴仍未到账")
    message.refresh_from_db()
    assert message.state == MessageState.HANDLING
    return message


def other_channels(world):
    mailbox = Channel.objects.create(
        government=world.tianshui,
        code="mayor-mailbox",
        name="市长信箱",
        kind=ChannelKind.MAILBOX,
        office=world.general_office,
        private_by_nature=True,
        description="来信只由市政府办公室和承办部门阅处。",
        sort_order=20,
    )
    hotline = Channel.objects.create(
        government=world.tianshui,
        code="mayor-hotline",
        name="市长热线",
        kind=ChannelKind.HOTLINE,
        office=world.general_office,
        staff_recorded=True,
        description="拨打 0938-12345，工作日 8:00-18:00 有话务员接听。",
        sort_order=30,
    )
    county = Channel.objects.create(
        government=world.qinzhou,
        code="qinzhou-board",
        name="秦州区区长留言板",
        kind=ChannelKind.BOARD,
        office=world.qinzhou_finance,
        description="受理秦州区范围内的咨询、求助、建议和投诉。",
    )
    return mailbox, hotline, county


def test_the_section_home_groups_channels_by_government_with_their_scope(client, world):
    board = mayor_board(world)
    board.description = "受理涉及天水市的咨询、求助、建议、投诉和举报。"
    board.save()
    mailbox, hotline, county = other_channels(world)
    Channel.objects.create(
        government=world.tianshui,
        code="retired-board",
        name="已停用留言板",
        kind=ChannelKind.BOARD,
        office=world.general_office,
        active=False,
    )
    message = replied(world)
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("天水市") < html.index("秦州区区长留言板")
    assert "受理涉及天水市的咨询、求助、建议、投诉和举报。" in html
    for channel in (board, mailbox, county):
        assert reverse("interaction_portal:write", args=[channel.code]) in html
    # the hotline: its number and that operators record calls, no form
    assert "拨打 0938-12345" in html and "话务员登记" in html
    assert reverse("interaction_portal:write", args=[hotline.code]) not in html
    assert "已停用留言板" not in html
    # the lookup box and the latest answered messages
    assert f'action="{reverse("interaction_portal:lookup")}"' in html
    assert message.masked_subject in html and message.get_public_url() in html
    assert NAME not in html and PHONE not in html


def test_the_board_lists_published_messages_only_with_their_public_status(client, world):
    answered = replied(world)
    private = replied(
        world, publish=False, subject="补贴发放进度咨询", text="补贴发放进度如何，请答复为谢。"
    )
    again = reopened(
        world, subject="供暖补贴发放时间咨询", text="今年的供暖补贴什么时候发放？请答复。"
    )
    response = client.get(BOARD)
    assert response.status_code == 200
    assert set(rows_of(response)) == {answered.masked_subject, again.masked_subject}
    assert private.subject not in response.content.decode()
    status = {row.masked_subject: row.public_status for row in response.context["rows"]}
    assert status == {answered.masked_subject: "已回复", again.masked_subject: "办理中"}
    assert rows_of(client.get(BOARD, {"status": "replied"})) == [answered.masked_subject]
    assert rows_of(client.get(BOARD, {"status": "handling"})) == [again.masked_subject]


def test_the_board_filters_by_channel_type_and_replying_department(client, world):
    consult = replied(world)
    suggestion = replied(
        world,
        type_code="suggest",
        subject="建议增设公交站点",
        text="建议在秦州区民主西路增设公交站点，方便居民出行。",
    )
    _mailbox, _hotline, county = other_channels(world)
    Message.objects.filter(pk=suggestion.pk).update(
        channel=county, replied_by_department=world.environment
    )
    suggest_type = MessageType.objects.get(code="suggest")
    assert rows_of(client.get(BOARD, {"channel": county.pk})) == [suggestion.masked_subject]
    assert rows_of(client.get(BOARD, {"message_type": suggest_type.pk})) == [
        suggestion.masked_subject
    ]
    assert rows_of(client.get(BOARD, {"department": world.finance.pk})) == [consult.masked_subject]
    html = client.get(BOARD).content.decode()
    # the filters are a plain GET form; private channels and 举报 are not offered
    assert f'<form class="hd-filters" method="get" action="{BOARD}"' in html
    assert "市长信箱" not in html and ">举报<" not in html
    # a value that does not exist is explained, not a server error
    response = client.get(BOARD, {"channel": "999999"})
    assert response.status_code == 400
    assert "所选条件不存在" in response.content.decode()


def test_searching_the_board_uses_the_index(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subsidy = replied(world)
        heating = replied(
            world,
            subject="供暖不热问题反映",
            text="秦州区某小区今冬供暖温度不达标，室内只有十二度。",
        )
    run_jobs()
    response = client.get(BOARD, {"q": "报废注销"})  # only in the first message's text
    assert rows_of(response) == [subsidy.masked_subject]
    html = response.content.decode()
    assert "<mark>" in html  # the matched words are highlighted in the snippet
    assert NAME not in html and PHONE not in html
    assert rows_of(client.get(BOARD, {"q": "供暖"})) == [heating.masked_subject]
    assert rows_of(client.get(BOARD, {"q": "报废注销", "status": "handling"})) == []
    assert rows_of(client.get(BOARD, {"q": "并不存在的词语"})) == []
    # the header's site search box is not filled with the board's query
    assert 'name="q" value=""' in client.get(BOARD, {"q": "黄标车"}).content.decode()


def test_a_search_lists_at_most_its_best_matches_and_says_so(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    from gongkai.interaction.portal import views_board

    monkeypatch.setattr(views_board, "SEARCH_CAP", 2)
    monkeypatch.setattr(views_board, "SEARCH_BATCH", 1)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):  # every reply speaks of 黄标车
            replied(
                world, subject=f"第{n + 1}批补贴发放咨询", text=f"第{n + 1}批补贴什么时候发放？"
            )
    run_jobs()
    response = client.get(BOARD, {"q": "黄标车"})
    assert len(response.context["rows"]) == 2
    assert "找到超过 2 条，列出最相关的 2 条" in response.content.decode()


def test_the_board_page_runs_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_ENABLED = False  # the uncached path is the one measured
    for n in range(3):
        replied(
            world, subject=f"第{n + 1}批补贴发放咨询", text=f"第{n + 1}批补贴什么时候发放？请答复。"
        )
    ids = list(Message.objects.values_list("pk", flat=True))
    # more rows (more channels, types and departments would not add queries either)
    for n in range(22):
        source = Message.objects.get(pk=ids[n % 3])
        source.pk = None
        source.query_code = f"LY-COPY-{n}"
        source.idempotency_key = ""
        source.save()
    with django_assert_max_num_queries(7):
        response = client.get(BOARD)
    assert len(response.context["rows"]) == 20
    assert response.context["page_obj"].paginator.num_pages == 2
    with django_assert_max_num_queries(7):
        client.get(BOARD, {"page": 2, "status": "replied", "department": world.finance.pk})


def test_a_message_page_shows_the_dates_department_status_and_rating(client, world):
    message = replied(world)
    Message.objects.filter(pk=message.pk).update(rating_due=today() + timedelta(days=5))
    message.refresh_from_db()
    services.rate(message, satisfaction="basically", reason="希望尽快发放")
    html = client.get(message.get_public_url()).content.decode()
    assert "2026年9月24日" in html  # written and assigned
    assert "交办时间" in html
    assert "2026年" in html and "答复时间" in html
    assert "天水市财政局" in html and "已回复" in html
    assert "基本满意" in html and "希望尽快发放" not in html  # the rating, not its reason
    assert "第三批发放名单" in html
    assert NAME not in html and PHONE not in html


def test_unpublished_private_and_report_messages_are_not_found(client, world):
    unpublished = replied(
        world, publish=False, subject="补贴发放进度咨询", text="补贴发放进度如何，请答复为谢。"
    )
    assert client.get(f"/hudong/{unpublished.pk}/").status_code == 404
    # even if one were marked published by mistake, 举报 and private messages stay hidden
    report = replied(
        world,
        publish=False,
        type_code="report",
        subject="举报某单位违规发放补贴",
        text="某单位违规发放黄标车补贴，请调查处理。",
    )
    private = replied(
        world,
        publish=False,
        wants_public=False,
        subject="个人补贴问题咨询",
        text="我个人的补贴问题想咨询一下，请答复。",
    )
    for hidden in (report, private):
        Message.objects.filter(pk=hidden.pk).update(
            published_at=unpublished.replied_at,
            masked_subject=hidden.subject,
            masked_text=hidden.text,
            masked_reply="答复",
        )
        assert client.get(f"/hudong/{hidden.pk}/").status_code == 404
        assert hidden.subject not in client.get(BOARD).content.decode()
    assert client.get("/hudong/999999/").status_code == 404


def test_the_portal_card_leads_to_the_section(client, world):
    response = client.get(reverse("portal:module", args=["interaction"]))
    assert response.status_code == 302 and response["Location"] == INDEX
    assert INDEX in client.get(reverse("portal:home")).content.decode()


def test_the_board_filters_by_the_year_a_message_was_written(client, world):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    this_year = replied(world)
    last_year = replied(
        world, subject="去年的供暖咨询", text="去年的供暖补贴什么时候发放？请答复。"
    )
    beijing = ZoneInfo("Asia/Shanghai")
    # 23:30 on 31 December 2025 and 00:30 on 1 January 2026 in Beijing — both still
    # 31 December 2025 in UTC: the year is Beijing's.
    Message.objects.filter(pk=last_year.pk).update(
        submitted_at=datetime(2025, 12, 31, 23, 30, tzinfo=beijing)
    )
    Message.objects.filter(pk=this_year.pk).update(
        submitted_at=datetime(2026, 1, 1, 0, 30, tzinfo=beijing)
    )
    assert rows_of(client.get(BOARD, {"year": 2025})) == [last_year.masked_subject]
    assert rows_of(client.get(BOARD, {"year": 2026})) == [this_year.masked_subject]
    html = client.get(BOARD).content.decode()
    assert '<option value="2025">2025年</option>' in html
    assert client.get(BOARD, {"year": 1999}).status_code == 400  # not a year with messages


def test_a_reply_published_shows_on_the_stored_board_at_once(client, world):
    answered = replied(world)
    assert client.get(BOARD)["X-Page-Cache"] == "miss"
    assert client.get(BOARD)["X-Page-Cache"] == "hit"
    private = replied(
        world, publish=False, subject="补贴发放进度咨询", text="补贴发放进度如何，请答复为谢。"
    )
    assert client.get(BOARD)["X-Page-Cache"] == "hit"  # handled out of sight: nothing changes
    second = replied(
        world, subject="供暖补贴发放时间咨询", text="今年的供暖补贴什么时候发放？请答复。"
    )
    response = client.get(BOARD)
    assert response["X-Page-Cache"] == "miss"
    assert set(rows_of(response)) == {answered.masked_subject, second.masked_subject}
    assert private.masked_subject not in rows_of(response)
