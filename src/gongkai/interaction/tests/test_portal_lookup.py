"""Looking up one's own message (/hudong/lookup/ → /hudong/status/) and rating the reply:
password or phone, the failure limit, the steps and the reply deadline, the rating
with and without a reason, the reopened message, leaving."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.urls import reverse

from gongkai.core import lockout, passwords
from gongkai.interaction.models import Message, MessageState, Satisfaction

from .helpers import assigned
from .test_indexing import replied

pytestmark = pytest.mark.django_db
LOOKUP = reverse("interaction_portal:lookup")
STATUS = reverse("interaction_portal:status")
RATE = reverse("interaction_portal:rate")
LEAVE = reverse("interaction_portal:leave")
PASSWORD = "Ab3dEf7h"


TODAY = date(2026, 11, 30)  # a Monday: every test here runs on it, unless it moves


@pytest.fixture(autouse=True)
def _clean(today_is):
    today_is(TODAY)
    cache.clear()
    yield
    cache.clear()


def with_password(message: Message) -> Message:
    Message.objects.filter(pk=message.pk).update(password_hash=passwords.hash_password(PASSWORD))
    return message


def ratable(message: Message) -> Message:
    Message.objects.filter(pk=message.pk).update(rating_due=TODAY + timedelta(days=5))
    message.refresh_from_db()
    return message


def look_up(client, message, **fields):
    data = {"query_code": message.query_code.lower(), "password": "", "phone": ""}
    data.update(fields)
    return client.post(LOOKUP, data)


def test_lookup_by_password_shows_the_state_steps_and_the_unmasked_reply(client, world):
    message = with_password(replied(world))
    response = look_up(client, message, password=PASSWORD)
    assert response.status_code == 302 and response["Location"] == STATUS
    page = client.get(STATUS)
    html = page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert message.query_code in html and "已回复" in html
    # the writer sees the original reply to their own message
    assert "王小明您好：黄标车淘汰补贴已列入第三批发放名单" in html
    # the public steps, with dates
    for kind in ("留言", "交办", "签收", "答复", "公开"):
        assert f"<strong>{kind}</strong>" in html
    assert "2026-09-24" in html and "2026-10-08" in html


def test_lookup_by_the_phone_given_when_writing(client, world):
    message = assigned(world, date(2026, 11, 23))
    response = look_up(client, message, phone="13800001234")
    assert response["Location"] == STATUS
    html = client.get(STATUS).content.decode()
    # being handled: the current reply deadline
    clock = message.reply_clock()
    assert clock is not None and clock.due_date is not None
    assert (
        "答复期限" in html
        and f"{clock.due_date.year}年{clock.due_date.month}月{clock.due_date.day}日" in html
    )
    assert "已交办" in html


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client, world):
    message = with_password(replied(world))
    response = look_up(client, message, password="wrong-one")
    assert response.status_code == 400
    html = response.content.decode()
    assert "不匹配" in html and "再错4次" in html
    assert client.get(STATUS)["Location"] == LOOKUP
    response = client.post(LOOKUP, {"query_code": "", "password": ""})
    assert response.status_code == 400 and "请填写查询码" in response.content.decode()


def test_wrong_guesses_are_limited_per_query_code_and_address_then_the_right_password_waits(
    client, world, settings
):
    settings.APPLICATION_LOOKUP_FAILURE_LIMIT = 2
    message = with_password(replied(world))
    assert look_up(client, message, password="guess-1").status_code == 400
    response = look_up(client, message, password="guess-2")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "错误次数过多" in response.content.decode()
    from django.test import Client

    assert look_up(client, message, password=PASSWORD).status_code == 429
    # the writer, at another address, is not locked out by the guesser
    other = Client(REMOTE_ADDR="10.9.9.9")
    assert look_up(other, message, password=PASSWORD).status_code == 302


def test_wrong_passwords_lock_the_code_not_the_address_nor_the_lookup_by_phone(
    client, world, monkeypatch
):
    now = [datetime(2026, 12, 7, 10, 32, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()]
    monkeypatch.setattr(lockout, "clock", lambda: now[0])
    message = with_password(replied(world))
    statuses = [
        client.post(LOOKUP, {"query_code": "LY20260101-0001", "password": f"x{n}"}).status_code
        for n in range(5)
    ]
    assert statuses == [400, 400, 400, 400, 429]
    # the same address looks up another code with its password, and by phone
    assert look_up(client, message, password=PASSWORD).status_code == 302
    assert look_up(client, message, phone="13800001234").status_code == 302
    # guessed in turn, its password lookup is locked until the lock ends; its phone is not
    for n in range(5):
        look_up(client, message, password=f"guess-{n}")
    refused = look_up(client, message, password=PASSWORD)
    assert refused.status_code == 429 and refused["Retry-After"] == "900"
    html = refused.content.decode()
    assert f"查询码 {message.query_code} 的查询密码错误次数过多" in html
    assert "暂停到10:47（约 15 分钟后）" in html and "留言时填写的联系电话" in html
    assert look_up(client, message, phone="13800001234").status_code == 302
    now[0] += 900
    assert look_up(client, message, password=PASSWORD).status_code == 302


def test_rating_satisfied_closes_the_message(client, world):
    message = with_password(ratable(replied(world)))
    look_up(client, message, password=PASSWORD)
    html = client.get(STATUS).content.decode()
    assert "评价答复" in html and 'value="satisfied"' in html
    response = client.post(RATE, {"satisfaction": "satisfied"})
    assert response.status_code == 302 and response["Location"] == STATUS
    message.refresh_from_db()
    assert (message.state, message.satisfaction) == (MessageState.CLOSED, Satisfaction.SATISFIED)
    html = client.get(STATUS).content.decode()
    assert "感谢您的评价" in html and "您的评价" in html and 'value="satisfied"' not in html


def test_not_satisfied_needs_a_reason_and_then_reopens_the_message(client, world):
    message = with_password(ratable(replied(world)))
    look_up(client, message, password=PASSWORD)
    response = client.post(RATE, {"satisfaction": "unsatisfied", "reason": "  "})
    assert response.status_code == 400
    assert "请说明原因" in " ".join(response.context["rating_form"].errors["reason"])
    message.refresh_from_db()
    assert message.state == MessageState.REPLIED
    response = client.post(RATE, {"satisfaction": "unsatisfied", "reason": "补贴至今仍未到账"})
    assert response["Location"] == STATUS
    message.refresh_from_db()
    assert (message.state, message.round) == (MessageState.HANDLING, 2)
    html = client.get(STATUS).content.decode()
    assert "已重新交办" in html and "原答复" in html and "答复期限" in html
    assert 'value="unsatisfied"' not in html  # nothing more to rate until the new reply
    # the board shows it as being handled again
    public = client.get(message.get_public_url()).content.decode()
    assert "办理中" in public


def test_no_rating_after_the_rating_period(client, world):
    message = with_password(replied(world))  # replied 2026-10-08: the period has passed
    look_up(client, message, password=PASSWORD)
    assert 'value="satisfied"' not in client.get(STATUS).content.decode()
    response = client.post(RATE, {"satisfaction": "satisfied"})
    assert response["Location"] == STATUS
    message.refresh_from_db()
    assert message.state == MessageState.REPLIED and not message.satisfaction


def test_rating_and_status_need_a_verified_session_and_leaving_ends_it(client, world):
    message = with_password(ratable(replied(world)))
    assert client.post(RATE, {"satisfaction": "satisfied"})["Location"] == LOOKUP
    look_up(client, message, password=PASSWORD)
    assert client.get(STATUS).status_code == 200
    assert "退出查询" in client.get(STATUS).content.decode()
    assert client.post(LEAVE)["Location"] == LOOKUP
    assert client.get(STATUS)["Location"] == LOOKUP
    message.refresh_from_db()
    assert message.state == MessageState.REPLIED


def test_a_reply_deadline_in_a_year_not_yet_loaded_is_shown_as_provisional(client, world, today_is):
    # assigned on 28 December 2026: the reply is due in 2027, whose official holiday
    # arrangement is not loaded; the writer is told the date is an estimate
    today_is(date(2026, 12, 29))
    message = assigned(world, date(2026, 12, 28))
    clock = message.reply_clock()
    assert clock.due_date.year == 2027 and clock.provisional
    look_up(client, message, phone="13800001234")
    html = client.get(STATUS).content.decode()
    due = f"{clock.due_date.year}年{clock.due_date.month}月{clock.due_date.day}日"
    assert f'{due}</strong><span class="provisional"' in html
    assert "（预估）" in html and "正式安排导入后将自动重算" in html


def test_a_reply_deadline_in_a_loaded_year_is_not_marked(client, world):
    message = assigned(world, date(2026, 11, 23))
    look_up(client, message, phone="13800001234")
    assert "（预估）" not in client.get(STATUS).content.decode()
