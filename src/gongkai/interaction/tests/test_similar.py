"""相似留言: answered public messages suggested while a new one is written."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from gongkai import search
from gongkai.interaction import services
from gongkai.interaction.indexing import SEARCH_SOURCE
from gongkai.interaction.models import Channel, ChannelKind, Message
from gongkai.interaction.similar import SimilarMessage, similar_messages
from gongkai.search.models import SearchEntry

from .helpers import TZ, mayor_board, message_data

YELLOW = (
    "黄标车淘汰补贴什么时候发放",
    "我家的黄标车去年已经报废注销，淘汰补贴至今没有到账，请问什么时候发放？联系电话13800001234。",
    "王小明您好：黄标车淘汰补贴已列入第三批发放名单，10月底前发放到账。",
)
SHANTY = (
    "棚户区改造安置房什么时候交房",
    "我家在东关棚户区改造范围内，签了拆迁协议两年了，安置房一直没有交房，过渡费也停发了。",
    "您好：东关片区棚户区改造安置房主体已完工，预计明年6月交房，过渡费按月发放。",
)
NEW_CITY = (
    "成纪新城道路何时通车",
    "成纪新城规划的几条道路修了很久，什么时候能通车？周边居民出行很不方便。",
    "您好：成纪新城内三条主干道路面工程已完工，交通标志安装后于年底通车。",
)
HEATING = (
    "小区冬季供暖温度不达标",
    "今年冬季供暖以来家里室温只有十四度，多次找供热公司没有解决，请相关部门督促。",
    "您好：经查该小区供热管网老化，供热公司已更换换热机组，室温已达到十八度以上。",
)


def answered(world, subject, text, reply, *, channel=None, publish=True, **overrides) -> Message:
    """A message taken through the whole path: submitted, assigned, signed, replied, approved."""
    data = message_data(channel or mayor_board(world), subject=subject, text=text, **overrides)
    message = services.submit_message(data).message
    Message.objects.filter(pk=message.pk).update(
        submitted_at=datetime.combine(date(2026, 9, 24), time(8, 0), tzinfo=TZ)
    )
    message.refresh_from_db()
    services.assign(message, lead=world.finance, actor=world.office, on=date(2026, 9, 24))
    message.refresh_from_db()
    services.sign(message, actor=world.handler_finance, on=date(2026, 9, 25))
    message.refresh_from_db()
    services.submit_reply(
        message, text=reply, actor=world.handler_finance, expected_version=message.version
    )
    message.refresh_from_db()
    services.approve_reply(message, actor=world.office, publish=publish, on=date(2026, 10, 8))
    message.refresh_from_db()
    return message


def index_all() -> None:
    search.reindex(SEARCH_SOURCE)


@pytest.fixture
def board(world):
    """Four answered public messages on 天水市's mayor's board, indexed."""
    messages = {
        name: answered(world, *content, writer_phone=f"1380000{i:04d}")
        for i, (name, content) in enumerate(
            [("yellow", YELLOW), ("shanty", SHANTY), ("new_city", NEW_CITY), ("heating", HEATING)]
        )
    }
    index_all()
    return messages


def test_a_message_about_yellow_label_car_subsidies_finds_the_answered_one(world, board):
    found = similar_messages("黄标车补贴问题", "我的黄标车报废了，补贴怎么申请？")
    assert [s.pk for s in found] == [board["yellow"].pk]
    suggestion = found[0]
    assert isinstance(suggestion, SimilarMessage)
    assert suggestion.url == f"/hudong/{board['yellow'].pk}/"
    assert suggestion.subject == "黄标车淘汰补贴什么时候发放"
    assert suggestion.excerpt.startswith("某某您好：黄标车淘汰补贴已列入第三批发放名单")
    assert "王小明" not in suggestion.excerpt
    assert suggestion.department == world.finance.name
    assert suggestion.replied_on == timezone.localdate(board["yellow"].replied_at)
    assert 0 < suggestion.score <= 1


def test_unrelated_messages_are_not_suggested(world, board):
    found = similar_messages("棚户区改造补贴", "棚户区改造的拆迁补贴标准是多少？")
    assert board["yellow"].pk not in [s.pk for s in found]
    assert [s.pk for s in found][:1] == [board["shanty"].pk]
    # Sharing only common words (时候, 发放, 问题) is not similarity.
    assert similar_messages("工资什么时候发放", "请问工资什么时候发放？") == []


def test_a_name_written_inside_a_longer_phrase_is_still_found(world, board):
    found = similar_messages("新城道路", "成纪新城区的道路修好了没有，何时通车")
    assert [s.pk for s in found][:1] == [board["new_city"].pk]


def test_subject_words_count_more_than_words_of_the_text(world, board):
    found = similar_messages(
        "冬季供暖温度", "去年说的棚户区改造和成纪新城的事不说了，今年供暖室温太低。"
    )
    assert [s.pk for s in found][:1] == [board["heating"].pk]


@pytest.mark.parametrize(
    ("subject", "text"),
    [("", ""), ("   ", "\n"), ("？！……", "，。、；：“”"), ("您好", "请问，谢谢！"), ("a", "的")],
)
def test_empty_short_or_punctuation_only_text_suggests_nothing(world, board, subject, text):
    assert similar_messages(subject, text) == []


def test_masked_placeholders_are_no_similarity(world, board):
    # Every masked message has 某某 and ××××; they must not make messages alike.
    assert similar_messages("某某的事", "某某××××，电话138****1234") == []


def test_unpublished_and_withdrawn_messages_are_never_suggested(world, board):
    private = answered(
        world,
        "黄标车淘汰补贴发放",
        "黄标车淘汰补贴发放到哪一批了",
        "您好：您的黄标车淘汰补贴已于本月发放到账，请查收银行卡到账信息。",
        publish=False,
        writer_phone="13900000001",
    )
    index_all()
    assert private.pk not in [s.pk for s in similar_messages("黄标车淘汰补贴", "")]
    # A message withdrawn after indexing (the index not yet in step) is not shown either.
    Message.objects.filter(pk=board["yellow"].pk).update(published_at=None)
    assert similar_messages("黄标车淘汰补贴", "黄标车补贴什么时候发") == []


def test_confidential_messages_are_never_suggested_even_if_indexed(world, board):
    # 举报 is never published; should one reach the index, it still stays hidden.
    report = answered(
        world,
        "举报黄标车淘汰补贴被冒领",
        "有人冒领黄标车淘汰补贴",
        "经查举报属实，已追回被冒领的黄标车淘汰补贴，并移交有关部门处理。",
        type_code="report",
        publish=False,
        writer_phone="13900000002",
    )
    Message.objects.filter(pk=report.pk).update(
        published_at=timezone.now(),
        masked_subject=report.subject,
        masked_text=report.text,
        masked_reply=report.reply_text,
    )
    index_all()
    assert search.search("冒领", filters={"source": [SEARCH_SOURCE]}).total == 1
    found = similar_messages("黄标车淘汰补贴被冒领", "冒领黄标车淘汰补贴")
    assert report.pk not in [s.pk for s in found]
    assert board["yellow"].pk in [s.pk for s in found]


def test_suggestions_can_be_limited_to_a_government_and_those_under_it(world, board):
    county_board = Channel.objects.create(
        code="qinzhou-board",
        government=world.qinzhou,
        name="秦州区区长留言板",
        kind=ChannelKind.BOARD,
        office=world.general_office,
    )
    county = answered(
        world,
        "黄标车淘汰补贴秦州区何时发放",
        "秦州区的黄标车淘汰补贴何时发放",
        "您好：秦州区黄标车淘汰补贴已列入第四批发放名单，将于11月底前发放到账。",
        channel=county_board,
        writer_phone="13900000003",
    )
    index_all()
    question = ("黄标车淘汰补贴", "黄标车淘汰补贴什么时候发放")
    assert {s.pk for s in similar_messages(*question)} == {board["yellow"].pk, county.pk}
    assert [s.pk for s in similar_messages(*question, government=world.qinzhou)] == [county.pk]
    assert {s.pk for s in similar_messages(*question, government=world.tianshui)} == {
        board["yellow"].pk,
        county.pk,
    }
    assert similar_messages(*question, government=world.longnan) == []


def test_limit_caps_the_suggestions(world, board):
    for i in range(3):
        answered(
            world,
            f"黄标车淘汰补贴第{i + 2}批",
            "黄标车淘汰补贴按批次发放吗，我的排在第几批",
            "您好：黄标车淘汰补贴按报废注销的先后分批次发放，请留意公示名单。",
            writer_phone=f"1390000001{i}",
        )
    index_all()
    assert len(similar_messages("黄标车淘汰补贴", "", limit=2)) == 2
    assert len(similar_messages("黄标车淘汰补贴", "", limit=5)) == 4
    assert similar_messages("黄标车淘汰补贴", "", limit=0) == []


def test_the_benchmark_runs_at_a_tiny_size(db, capsys):
    from benchmarks.messages import run

    figures = run(200, 3)
    assert set(figures) == {"similar", "search", "raw"}
    assert all(p50 > 0 and p95 >= p50 for p50, p95 in figures.values())
    out = capsys.readouterr().out
    assert "200 published messages" in out and "similar/search ratio" in out
    assert Message.objects.published().count() == 200
    assert SearchEntry.objects.filter(source=SEARCH_SOURCE).count() == 200
