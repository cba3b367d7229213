"""POST /api/v1/messages, POST /api/v1/messages/lookup, GET /api/v1/messages: the board's
validation in JSON with Chinese field messages, idempotency, held messages, the rate
limits, the neutral lookup, and a public list that only ever holds masked versions."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from gongkai.core import passwords
from gongkai.interaction import services
from gongkai.interaction.models import Channel, ChannelKind, Message, MessageType
from gongkai.jobs.testing import run_jobs
from gongkai.testing.problems import field_errors, problem_of

from .helpers import TZ, mayor_board

pytestmark = pytest.mark.django_db
SUBMIT = LIST = "/api/v1/messages"
LOOKUP = "/api/v1/messages/lookup"
PHONE, NAME = "13800001234", "王小明"
WRITTEN_ON = date(2026, 9, 24)
REOPENED_ON = date(2026, 10, 12)  # rated within the rating period (calendar data ends 2026)
ORIGINAL = "我家的黄标车去年已经报废注销，补贴至今没有到账，请问什么时候发放？联系电话13800001234。"


@pytest.fixture(autouse=True)
def _clean():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def board(world) -> Channel:
    return mayor_board(world)


def post(client, url, body, remote="127.0.0.1", **headers):
    raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    return client.post(
        url, raw, content_type="application/json", headers=headers, REMOTE_ADDR=remote
    )


def fields(**overrides) -> dict:
    data = {
        "channel": "mayor-board",
        "message_type": "consult",
        "subject": "黄标车淘汰补贴什么时候发放",
        "text": ORIGINAL,
        "writer_name": NAME,
        "writer_phone": PHONE,
        "public": True,
    }
    data.update(overrides)
    return data


def published(
    world, channel=None, *, type_code="consult", lead=None, publish=True, reply=None, **data
):
    """A message written, assigned, signed for, answered and approved (published by default).
    The text names the subject, so messages with different subjects are not duplicates."""
    channel = channel or mayor_board(world)
    lead = lead or world.finance
    handler = world.handler_environment if lead == world.environment else world.handler_finance
    values = {
        "channel": channel.pk,
        "message_type": MessageType.objects.get(code=type_code).pk,
        "subject": "黄标车淘汰补贴什么时候发放",
        "writer_name": NAME,
        "writer_phone": PHONE,
        "wants_public": True,
        **data,
    }
    values.setdefault("text", f"{ORIGINAL}（{values['subject']}）")
    submission = services.submit_message(values)
    message = backdated(submission.message)
    services.assign(message, lead=lead, actor=world.office, on=WRITTEN_ON)
    message.refresh_from_db()
    services.sign(message, actor=handler, on=date(2026, 9, 25))
    message.refresh_from_db()
    services.submit_reply(
        message,
        text=reply or f"{NAME}您好：黄标车淘汰补贴已列入第三批发放名单，10月底前发放到账。",
        actor=handler,
        expected_version=message.version,
    )
    message.refresh_from_db()
    services.approve_reply(message, actor=world.office, publish=publish, on=date(2026, 10, 8))
    message.refresh_from_db()
    message.query_password = submission.password
    return message


def backdated(message: Message) -> Message:
    """Written on 24 September 2026 at 08:00, Beijing time (before its assignment)."""
    Message.objects.filter(pk=message.pk).update(
        submitted_at=datetime.combine(WRITTEN_ON, time(8, 0), tzinfo=TZ)
    )
    message.refresh_from_db()
    return message


# -- POST /api/v1/messages ----------------------------------------------------------------------


def test_writing_returns_the_query_code_and_a_password_that_works(client, board):
    response = post(client, SUBMIT, fields())
    assert response.status_code == 201, response.content
    body = response.json()
    message = Message.objects.get()
    assert body["query_code"] == message.query_code
    assert passwords.password_matches(message.password_hash, body["password"])
    assert body["created"] is True
    assert body["state"] == "triage" and body["state_label"] == "待受理"
    assert body["channel"] == {"code": "mayor-board", "name": "市长留言板"}
    assert body["lookup_url"].endswith("/hudong/lookup/")
    assert message.wants_public and message.writer_phone == PHONE
    assert message.source_ip == "127.0.0.1"


def test_the_place_is_given_by_division_code(client, world, board):
    response = post(client, SUBMIT, fields(place=world.qinzhou.code))
    assert response.status_code == 201
    assert Message.objects.get().place == world.qinzhou


def test_public_defaults_to_no(client, board):
    data = fields()
    del data["public"]
    assert post(client, SUBMIT, data).status_code == 201
    assert Message.objects.get().wants_public is False


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"subject": ""}, "subject", "请填写留言标题"),
        ({"subject": None}, "subject", "请填写留言标题"),
        ({"text": "太短了"}, "text", "至少10个字"),
        ({"text": "补贴发放问题" * 600}, "text", "不能超过3000字"),
        ({"writer_phone": "12345"}, "writer_phone", "电话号码格式不正确"),
        ({"writer_name": ""}, "writer_name", "请填写您的姓名"),
        ({"channel": "no-such-board"}, "channel", "未找到代码为“no-such-board”的留言渠道"),
        ({"channel": ""}, "channel", "请选择留言渠道"),
        ({"message_type": "praise"}, "message_type", "留言类型“praise”不正确，可选：consult"),
        ({"place": "999999"}, "place", "未找到行政区划代码为“999999”的地区"),
        ({"place": "621200"}, "place", "陇南市不在天水市辖区内"),
        ({"public": "yes"}, "public", "应为 true 或 false"),
        ({"text": 12345678901}, "text", "应为文本"),
        ({"nickname": "小王"}, "nickname", "不是可提交的字段"),
    ],
)
def test_invalid_input_is_422_naming_the_field_in_chinese(
    client, world, board, overrides, field, message
):
    response = post(client, SUBMIT, fields(**overrides))
    assert response.status_code == 422, response.content
    assert problem_of(response)["detail"].startswith("留言未提交")
    errors = field_errors(response)
    assert field in errors
    assert message in " ".join(errors[field])
    assert Message.objects.count() == 0


def test_missing_fields_are_all_named_at_once(client, board):
    response = post(client, SUBMIT, {"channel": "mayor-board", "nickname": "x"})
    assert response.status_code == 422
    errors = field_errors(response)
    assert {"message_type", "subject", "text", "writer_name", "writer_phone", "nickname"} <= set(
        errors
    )
    assert "channel" not in errors


def test_an_inactive_channel_is_refused(client, board):
    Channel.objects.filter(pk=board.pk).update(active=False)
    response = post(client, SUBMIT, fields())
    assert response.status_code == 422
    assert "已停用" in field_errors(response)["channel"][0]


def test_the_hotline_is_refused_because_operators_record_calls(client, world):
    Channel.objects.create(
        government=world.tianshui,
        code="mayor-hotline",
        name="市长热线",
        kind=ChannelKind.HOTLINE,
        office=world.general_office,
        staff_recorded=True,
    )
    response = post(client, SUBMIT, fields(channel="mayor-hotline"))
    assert response.status_code == 422
    assert "话务员登记" in field_errors(response)["channel"][0]
    assert Message.objects.count() == 0


def test_a_body_that_is_not_a_json_object_is_400(client, board):
    response = post(client, SUBMIT, b"subject=%E9%BB%84")
    assert response.status_code == 400
    assert "JSON" in problem_of(response)["detail"]
    assert post(client, SUBMIT, ["subject"]).status_code == 400
    assert Message.objects.count() == 0


def test_the_same_idempotency_key_gives_one_message_and_the_same_password(client, board):
    first = post(client, SUBMIT, fields(), **{"Idempotency-Key": "c0ffee-1"})
    second = post(client, SUBMIT, fields(), **{"Idempotency-Key": "c0ffee-1"})
    assert first.status_code == 201 and second.status_code == 200
    assert second.json()["created"] is False
    assert second.json()["query_code"] == first.json()["query_code"]
    assert second.json()["password"] == first.json()["password"]
    message = Message.objects.get()
    assert passwords.password_matches(message.password_hash, first.json()["password"])


def test_the_same_idempotency_key_with_other_content_is_422(client, board):
    first = post(client, SUBMIT, fields(), **{"Idempotency-Key": "c0ffee-1"})
    second = post(
        client,
        SUBMIT,
        fields(
            text="同一个幂等键，第二次提交的内容有所不同，请以第一次为准。",
            writer_name="赵六",
            writer_phone="13900000000",
        ),
        **{"Idempotency-Key": "c0ffee-1"},
    )
    assert second.status_code == 422
    assert "Idempotency-Key" in field_errors(second)
    for secret in (first.json()["query_code"], first.json()["password"], NAME, PHONE):
        assert secret not in second.content.decode()
    message = Message.objects.get()
    assert message.text == ORIGINAL
    assert passwords.password_matches(message.password_hash, first.json()["password"])


def test_the_same_phone_and_text_again_is_409_and_tells_nothing(client, board):
    first = post(client, SUBMIT, fields())
    second = post(client, SUBMIT, fields(writer_name="赵六"))
    assert second.status_code == 409
    assert "相同内容的留言已于" in problem_of(second)["detail"]
    assert first.json()["query_code"] not in second.content.decode()
    assert "password" not in second.json()
    message = Message.objects.get()
    assert passwords.password_matches(message.password_hash, first.json()["password"])


def test_a_bad_idempotency_key_is_400(client, board):
    response = post(client, SUBMIT, fields(), **{"Idempotency-Key": "x" * 65})
    assert response.status_code == 400
    assert "Idempotency-Key" in problem_of(response)["detail"]
    assert Message.objects.count() == 0


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("https://example.com/a https://example.com/b https://example.com/c", "网址链接"),
        ("补贴补贴补贴补贴补贴补贴补贴补贴补贴补贴补贴补贴", "重复的文字"),
    ],
)
def test_links_only_or_repeated_text_is_accepted_and_held_for_a_person(client, board, text, reason):
    response = post(client, SUBMIT, fields(text=text))
    assert response.status_code == 201
    assert response.json()["state"] == "held"
    assert response.json()["state_label"] == "待人工核查"
    assert reason in Message.objects.get().hold_reason


@override_settings(MESSAGE_SUBMIT_LIMIT_PER_PHONE=2, MESSAGE_SUBMIT_LIMIT_PER_ADDRESS=10)
def test_the_phone_limit_is_429_with_retry_after_from_any_address(client, board):
    for n, remote in enumerate(["10.0.0.1", "10.0.0.2"]):
        text = f"第{n + 1}次反映补贴发放问题，至今仍未到账，请尽快处理。"
        assert post(client, SUBMIT, fields(text=text), remote=remote).status_code == 201
    response = post(
        client, SUBMIT, fields(text="第三次反映补贴发放问题，仍未到账。"), remote="10.0.0.3"
    )
    assert response.status_code == 429
    body = problem_of(response)
    assert body["type"] == "/api/v1/problems/rate-limited"
    assert "上限（2条）" in body["detail"]
    assert int(response["Retry-After"]) == body["retry_after"] > 0
    assert Message.objects.count() == 2
    other = post(
        client,
        SUBMIT,
        fields(text="另一位市民反映补贴发放问题。", writer_phone="13900005678"),
        remote="10.0.0.3",
    )
    assert other.status_code == 201


@override_settings(MESSAGE_SUBMIT_LIMIT_PER_PHONE=10, MESSAGE_SUBMIT_LIMIT_PER_ADDRESS=2)
def test_the_address_limit_is_429_across_phones(client, board):
    for n in range(2):
        data = fields(text=f"第{n + 1}位市民反映补贴发放问题。", writer_phone=f"1390000000{n}")
        assert post(client, SUBMIT, data).status_code == 201
    response = post(client, SUBMIT, fields(writer_phone="13900000009"))
    assert response.status_code == 429
    assert response["Retry-After"]
    assert Message.objects.count() == 2
    assert post(client, SUBMIT, fields(), remote="10.0.0.9").status_code == 201


@override_settings(MESSAGE_SUBMIT_LIMIT_PER_PHONE=1, MESSAGE_SUBMIT_LIMIT_PER_ADDRESS=10)
def test_invalid_attempts_do_not_use_up_the_limit(client, board):
    assert post(client, SUBMIT, fields(text="短")).status_code == 422
    assert post(client, SUBMIT, fields()).status_code == 201


# -- POST /api/v1/messages/lookup ---------------------------------------------------------------


def test_lookup_by_password_shows_the_reply_and_the_rating_form(client, world):
    message = published(world)
    Message.objects.filter(pk=message.pk).update(
        rating_due=timezone.localdate() + timedelta(days=3)
    )
    response = post(
        client,
        LOOKUP,
        {"query_code": message.query_code.lower(), "password": message.query_password},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "replied" and body["state_label"] == "已回复"
    assert body["reply"].startswith(f"{NAME}您好")  # the writer gets the original reply
    assert body["department"] == {"id": world.finance.pk, "name": world.finance.name}
    assert body["type"] == {"code": "consult", "name": "咨询"}
    labels = [s["label"] for s in body["steps"]]
    assert labels[0] == "留言" and "交办" in labels and "答复" in labels
    assert body["replied_at"] and body["reply_due"] is None
    assert body["can_rate"] is True and body["rating"] is None
    assert body["public_url"].endswith(f"/hudong/{message.pk}/")


def test_lookup_by_phone_while_handling_shows_the_reply_deadline(client, world, board):
    message = services.submit_message(
        {
            "channel": board.pk,
            "message_type": MessageType.objects.get(code="consult").pk,
            "subject": "黄标车淘汰补贴什么时候发放",
            "text": ORIGINAL,
            "writer_name": NAME,
            "writer_phone": PHONE,
            "wants_public": False,
        }
    ).message
    backdated(message)
    services.assign(message, lead=world.finance, actor=world.office, on=WRITTEN_ON)
    response = post(client, LOOKUP, {"query_code": message.query_code, "phone": PHONE})
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "assigned"
    # 咨询: 5 working days from 24 September, past the National Day holiday (1–8 October)
    assert body["reply_due"] == "2026-10-09"
    assert body["reply"] is None and body["can_rate"] is False and body["public_url"] is None


def test_lookup_shows_the_rating_once_rated(client, world):
    message = published(world)
    services.rate(message, satisfaction="basically", reason="希望早点到账", on=REOPENED_ON)
    response = post(client, LOOKUP, {"query_code": message.query_code, "phone": PHONE})
    body = response.json()
    assert body["state"] == "closed"
    assert body["rating"]["label"] == "基本满意" and body["rating"]["by_callback"] is False
    assert body["can_rate"] is False


def test_a_wrong_code_and_a_wrong_password_get_the_same_answer(client, world, board):
    code = post(client, SUBMIT, fields()).json()["query_code"]
    cache.clear()
    wrong_password = post(client, LOOKUP, {"query_code": code, "password": "WRONG234"})
    cache.clear()
    wrong_code = post(client, LOOKUP, {"query_code": "LY20990101-0001", "password": "WRONG234"})
    cache.clear()
    wrong_phone = post(client, LOOKUP, {"query_code": code, "phone": "13900009999"})
    cache.clear()
    wrong_code_phone = post(client, LOOKUP, {"query_code": "LY20990101-0001", "phone": "139"})
    assert wrong_password.status_code == wrong_code.status_code == wrong_phone.status_code == 404
    assert wrong_password.json() == wrong_code.json()
    assert wrong_phone.json() == wrong_code_phone.json()  # the warning names the route tried
    assert "不匹配" in problem_of(wrong_code)["detail"]


@override_settings(APPLICATION_LOOKUP_FAILURE_LIMIT=2)
def test_repeated_failures_are_429_even_with_the_right_password(client, board):
    created = post(client, SUBMIT, fields()).json()
    body = {"query_code": created["query_code"], "password": "WRONG234"}
    assert post(client, LOOKUP, body).status_code == 404
    assert post(client, LOOKUP, body).status_code == 429
    blocked = post(client, LOOKUP, {**body, "password": created["password"]})
    assert blocked.status_code == 429
    assert "的查询密码错误次数过多" in problem_of(blocked)["detail"]
    assert "暂停到" in problem_of(blocked)["detail"]
    assert int(blocked["Retry-After"]) == problem_of(blocked)["retry_after"] > 0


def test_lookup_without_password_or_phone_is_422(client):
    response = post(client, LOOKUP, {"query_code": "LY20261127-0001"})
    assert response.status_code == 422
    assert "查询密码" in field_errors(response)["password"][0]
    response = post(client, LOOKUP, {"password": "ABCD2345", "query_code": 5})
    assert "应为文本" in field_errors(response)["query_code"][0]
    assert post(client, LOOKUP, b"{").status_code == 400


# -- GET /api/v1/messages -----------------------------------------------------------------------


def test_the_list_shows_masked_versions_and_never_the_writer(client, world):
    message = published(world, place=world.qinzhou.pk)
    response = client.get(LIST)
    assert response.status_code == 200
    raw = response.content.decode()
    assert PHONE not in raw and NAME not in raw and ORIGINAL not in raw
    assert message.reply_text not in raw
    (item,) = response.json()["items"]
    assert item["id"] == message.pk
    assert item["url"].endswith(f"/hudong/{message.pk}/")
    assert "第三批发放名单" in item["reply"] and "黄标车" in item["text"]
    assert item["channel"] == {"code": "mayor-board", "name": "市长留言板"}
    assert item["type"] == {"code": "consult", "name": "咨询"}
    assert item["department"] == {"id": world.finance.pk, "name": world.finance.name}
    assert item["place"] == {"code": "620502", "name": "秦州区"}
    assert item["status"] == "replied" and item["status_label"] == "已回复"
    assert item["satisfaction"] is None and item["published_at"]


def test_private_reported_and_unanswered_messages_are_never_listed(client, world, board):
    published(world, publish=False, subject="补贴发放进度咨询")
    published(world, type_code="report", publish=False, subject="举报补贴发放中的违规行为")
    post(client, SUBMIT, fields(subject="尚未答复的留言标题"))
    assert client.get(LIST).json()["items"] == []
    assert client.get(f"{LIST}?status=handling").json()["items"] == []


def test_filters_by_channel_type_department_status_and_year(client, world):
    county = Channel.objects.create(
        government=world.qinzhou,
        code="qinzhou-board",
        name="秦州区长留言板",
        kind=ChannelKind.BOARD,
        office=world.general_office,
    )
    city = published(world)
    suggestion = published(
        world,
        county,
        type_code="suggest",
        lead=world.environment,
        subject="建议增设垃圾分类点",
        place=world.qinzhou.pk,
    )
    services.rate(
        city, satisfaction="unsatisfied", reason="补贴至今仍未到账", on=REOPENED_ON
    )  # reopened

    def ids(query: str) -> list[int]:
        response = client.get(f"{LIST}?{query}")
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["items"]]

    year = timezone.localtime(city.published_at).year
    assert ids("") == [suggestion.pk, city.pk]
    assert ids("channel=qinzhou-board") == [suggestion.pk]
    assert ids("channel=qinzhou-board&channel=mayor-board") == [suggestion.pk, city.pk]
    assert ids("type=consult") == [city.pk]
    assert ids(f"department={world.environment.pk}") == [suggestion.pk]
    assert ids("status=handling") == [city.pk]
    assert ids(f"place={world.qinzhou.code}") == [suggestion.pk]
    assert ids("status=replied") == [suggestion.pk]
    assert ids(f"year={year}") == [suggestion.pk, city.pk]
    assert ids(f"year={year - 1}") == []
    item = client.get(f"{LIST}?status=handling").json()["items"][0]
    assert item["status_label"] == "办理中" and item["satisfaction_label"] == "不满意"


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("colour=red", "colour", "未知的查询参数"),
        ("channel=nowhere", "channel", "未找到"),
        ("type=praise", "type", "未找到"),
        ("department=99999", "department", "未找到"),
        ("department=abc", "department", "无效"),
        ("status=done", "status", "replied"),
        ("year=1800", "year", "无效"),
        ("limit=0", "limit", "无效"),
        ("status=replied&status=handling", "status", "只能出现一次"),
        ("cursor=forged", "cursor", "cursor"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client, world, query, parameter, message):
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 400
    assert list(field_errors(response)) == [parameter]
    assert message in problem_of(response)["detail"]


def test_pages_follow_the_cursor_and_give_each_message_once(client, world):
    messages = [published(world, subject=f"补贴发放问题第{n}次咨询") for n in range(3)]
    first = client.get(f"{LIST}?limit=2").json()
    assert [i["id"] for i in first["items"]] == [messages[2].pk, messages[1].pk]
    second = client.get(first["next"]).json()
    assert [i["id"] for i in second["items"]] == [messages[0].pk]
    assert second["next"] is None
    cursor = first["next"].split("cursor=")[1]
    other = client.get(f"{LIST}?limit=2&type=help&cursor={cursor}")
    assert other.status_code == 400 and list(field_errors(other)) == ["cursor"]


def test_the_list_makes_the_same_few_queries_however_long(
    client, world, django_assert_max_num_queries
):
    county = Channel.objects.create(
        government=world.qinzhou,
        code="qinzhou-board",
        name="秦州区长留言板",
        kind=ChannelKind.BOARD,
        office=world.general_office,
    )
    for n in range(2):
        published(world, subject=f"补贴发放问题第{n}次咨询", place=world.qinzhou.pk)
        published(world, county, lead=world.environment, subject=f"垃圾分类点建议第{n}条")
    with django_assert_max_num_queries(1):
        assert len(client.get(LIST).json()["items"]) == 4
    with django_assert_max_num_queries(2):
        assert len(client.get(f"{LIST}?channel=qinzhou-board").json()["items"]) == 2


def test_full_text_search_finds_the_masked_text_with_filters_and_pages(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        found = [published(world, subject=f"黄标车补贴第{n}次咨询") for n in range(3)]
        other = published(
            world,
            type_code="suggest",
            lead=world.environment,
            subject="建议增设垃圾分类点",
            text="小区门口缺少垃圾分类投放点，建议增设并定期清运。",
            reply=f"{NAME}您好：已安排在小区门口增设垃圾分类投放点。",
        )
    run_jobs()
    response = client.get(f"{LIST}?q=黄标车")
    assert response.status_code == 200, response.content
    assert [i["id"] for i in response.json()["items"]] == [m.pk for m in reversed(found)]
    assert [i["id"] for i in client.get(f"{LIST}?q=垃圾分类").json()["items"]] == [other.pk]
    assert client.get(f"{LIST}?q=垃圾分类&type=consult").json()["items"] == []
    assert client.get(f"{LIST}?q={PHONE}").json()["items"] == []  # masked: the phone is not indexed
    seen, url = [], f"{LIST}?q=黄标车&limit=2"
    while url:
        page = client.get(url).json()
        seen += [i["id"] for i in page["items"]]
        url = page["next"]
    assert seen == [m.pk for m in reversed(found)]
    services.rate(found[0], satisfaction="unsatisfied", reason="补贴至今仍未到账", on=REOPENED_ON)
    assert [i["id"] for i in client.get(f"{LIST}?q=黄标车&status=handling").json()["items"]] == [
        found[0].pk
    ]


def test_one_published_message_by_id(client, world):
    message = published(world)
    response = client.get(f"{LIST}/{message.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["assigned_on"] == "2026-09-24" and body["id"] == message.pk
    assert PHONE not in response.content.decode()
    hidden = published(world, publish=False, subject="补贴发放进度咨询")
    for path in (f"{LIST}/{hidden.pk}", f"{LIST}/abc", f"{LIST}/99999999"):
        missing = client.get(path)
        assert missing.status_code == 404
        assert problem_of(missing)["detail"] == "未找到该留言，或该留言未公开。"


def test_the_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    submit = paths["/api/v1/messages"]["post"]
    body = submit["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["channel"]["description"].startswith("留言渠道代码")
    assert {"channel", "message_type", "subject", "text", "writer_phone"} <= set(body["required"])
    assert any(p["name"] == "Idempotency-Key" for p in submit["parameters"])
    assert {"200", "201", "400", "422", "429"} <= set(submit["responses"])
    assert {"200", "404", "422", "429"} <= set(
        paths["/api/v1/messages/lookup"]["post"]["responses"]
    )
    listing = paths["/api/v1/messages"]["get"]
    assert {p["name"] for p in listing["parameters"]} >= {"channel", "q", "cursor", "status"}
    assert "举报" in listing["description"]
    assert "/api/v1/messages/{message_id}" in paths
