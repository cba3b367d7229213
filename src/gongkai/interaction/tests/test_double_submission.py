"""Double submissions of a message (issue 15): a key replays only the same request with
the same working password, expires, and concurrent twins make one message with one
password; the hotline's confirmation keeps no plaintext password in the session."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from gongkai.core import idempotency, passwords
from gongkai.interaction import services
from gongkai.interaction.models import Channel, ChannelKind, Message

from .helpers import mayor_board, message_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clean():
    cache.clear()
    yield
    cache.clear()


def test_a_replay_a_day_later_is_refused_when_the_key_has_expired(world, settings):
    settings.IDEMPOTENCY_HOURS = 24
    channel = mayor_board(world)
    first = services.submit_message(message_data(channel), idempotency_key="k1")
    cache.clear()  # another process
    with time_machine.travel(timezone.now() + timedelta(hours=23), tick=True):
        again = services.submit_message(message_data(channel), idempotency_key="k1")
        assert not again.created and again.password == first.password
    with (
        time_machine.travel(timezone.now() + timedelta(hours=25), tick=True),
        pytest.raises(idempotency.KeyExpired) as refused,
    ):
        services.submit_message(message_data(channel), idempotency_key="k1")
    assert first.message.query_code not in refused.value.message
    assert Message.objects.count() == 1
    message = Message.objects.get()
    assert passwords.password_matches(message.password_hash, first.password)


@pytest.mark.django_db(transaction=True)
def test_twenty_identical_concurrent_messages_make_one_message_one_password(world):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("in-memory SQLite shares one connection between threads")
    data = message_data(mayor_board(world))
    results, errors = [], []
    start = threading.Barrier(20)

    def submit():
        try:
            start.wait()
            results.append(services.submit_message(dict(data), idempotency_key="same-key"))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    message = Message.objects.get()
    assert len(results) == 20 and sum(r.created for r in results) == 1
    assert {r.message.pk for r in results} == {message.pk}
    assert len({r.password for r in results}) == 1
    assert passwords.password_matches(message.password_hash, results[0].password)


def test_the_hotline_confirmation_keeps_no_password_in_the_session(client, world):
    hotline = Channel.objects.create(
        code="mayor-hotline",
        government=world.tianshui,
        name="市长热线",
        kind=ChannelKind.HOTLINE,
        office=world.general_office,
        staff_recorded=True,
    )
    client.force_login(world.office)
    url = reverse("workbench:interaction_staff:hotline")
    form = client.get(url).content.decode()
    token = form.split('name="token" value="')[1].split('"')[0]
    data = {**message_data(hotline), "token": token}
    shown = client.post(url, data, follow=True).content.decode()
    message = Message.objects.get()
    password = shown.split('<dt>查询密码</dt><dd><strong class="secret">')[1].split("<")[0]
    assert passwords.password_matches(message.password_hash, password)
    for row in Session.objects.all():
        assert password not in row.session_data
        assert password not in json.dumps(row.get_decoded(), ensure_ascii=False)
    again = client.post(url, data, follow=True).content.decode()
    assert "未重复登记" in again and message.query_code in again and password not in again
    assert Message.objects.count() == 1
