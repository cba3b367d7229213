"""Writing a message on a board (/hudong/write/<channel>/): the form, errors that keep
what was typed, attachments, the honeypot, the limits per phone and per address,
the hotline, double submissions, and the similar answered messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.core import passwords
from gongkai.files.models import StoredFile
from gongkai.files.tests import samples
from gongkai.interaction.models import Channel, ChannelKind, Message, MessageFile, MessageType
from gongkai.interaction.portal import views_write
from gongkai.jobs.testing import run_jobs

from .helpers import mayor_board
from .test_indexing import replied

pytestmark = pytest.mark.django_db
RECEIPT = reverse("interaction_portal:receipt")
SIMILAR = reverse("interaction_portal:similar")


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def write_url(channel) -> str:
    return reverse("interaction_portal:write", args=[channel.code])


def form_data(**overrides) -> dict:
    data = {
        "message_type": MessageType.objects.get(code="help").pk,
        "subject": "小区门前路灯损坏多日",
        "text": "秦州区民主西路某小区门前的路灯损坏已经一个多月，晚上出行很不安全，请尽快维修。",
        "writer_name": "李四",
        "writer_phone": "13912345678",
        "wants_public": "public",
        "idempotency_key": "form-token-1",
        "website": "",
        "action": "submit",
    }
    data.update(overrides)
    return data


def password_on(html: str) -> str:
    return re.search(r'id="query-password">(\w+)<', html).group(1)


def test_the_form_offers_the_channels_places_and_a_hidden_honeypot(client, world):
    board = mayor_board(world)
    html = client.get(write_url(board)).content.decode()
    assert re.search(r'<input type="hidden" name="idempotency_key" value="[\w-]{20,}"', html)
    # places: the channel's government and the ones under it only
    assert ">天水市</option>" in html and ">秦州区</option>" in html
    assert ">陇南市</option>" not in html
    # every type, and the note that 举报 is never public, next to the choice
    for name in ("咨询", "求助", "建议", "投诉", "举报"):
        assert f"<span>{name}</span>" in html
    assert "举报类留言一律不公开" in html
    # the honeypot: hidden from eyes, keyboard and screen readers, labelled
    trap = re.search(r'<div class="hd-hp" aria-hidden="true">(.*?)</div>', html, re.S).group(1)
    assert "请勿填写" in trap
    assert 'tabindex="-1"' in trap and 'autocomplete="off"' in trap and 'name="website"' in trap
    assert "先查看类似留言" in html
    assert "style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_a_valid_message_gives_a_receipt_with_code_and_password(client, world):
    board = mayor_board(world)
    response = client.post(write_url(board), form_data(place=world.qinzhou.pk))
    assert response.status_code == 302 and response["Location"] == RECEIPT
    message = Message.objects.get()
    assert (message.channel, message.place, message.wants_public) == (board, world.qinzhou, True)
    assert message.writer_phone == "13912345678" and message.idempotency_key == "form-token-1"
    receipt = client.get(RECEIPT)
    html = receipt.content.decode()
    assert message.query_code in html
    assert passwords.password_matches(message.password_hash, password_on(html))
    assert "no-store" in receipt["Cache-Control"]
    assert password_on(html) not in response["Location"]
    # another browser does not see it
    from django.test import Client

    assert Client().get(RECEIPT).status_code == 404


def test_errors_are_shown_per_field_in_chinese_and_nothing_typed_is_lost(client, world):
    board = mayor_board(world)
    data = form_data(
        text="太短",
        writer_phone="12345",
        files=SimpleUploadedFile("照片.png", samples.png(), "image/png"),
    )
    response = client.post(write_url(board), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "至少10个字" in errors["text"][0]
    assert "电话号码格式不正确" in errors["writer_phone"][0]
    html = response.content.decode()
    assert 'value="小区门前路灯损坏多日"' in html and "太短</textarea>" in html
    assert 'value="李四"' in html and 'value="12345"' in html
    assert 'value="public" checked' in html or re.search(r'value="public"[^>]*checked', html)
    assert "请重新选择附件" in html
    assert 'value="form-token-1"' in html  # the same token: a retry stays one message
    assert Message.objects.count() == 0


def test_a_place_outside_the_channels_government_is_refused(client, world):
    response = client.post(write_url(mayor_board(world)), form_data(place=world.longnan.pk))
    assert response.status_code == 400
    assert "所选地区不正确" in response.context["form"].errors["place"][0]


def test_attachments_are_checked_by_content_and_stored_with_the_message(client, world):
    board = mayor_board(world)
    disguised = SimpleUploadedFile("现场照片.pdf", samples.exe(), "application/pdf")
    response = client.post(write_url(board), form_data(files=disguised))
    assert response.status_code == 400
    assert response.context["form"].errors["files"]
    assert Message.objects.count() == 0 and StoredFile.objects.count() == 0
    photo = SimpleUploadedFile("现场照片.png", samples.png(), "image/png")
    assert client.post(write_url(board), form_data(files=photo)).status_code == 302
    assert MessageFile.objects.filter(message=Message.objects.get(), from_writer=True).count() == 1


def test_a_filled_honeypot_is_answered_as_accepted_but_nothing_is_stored_or_counted(
    client, world, settings
):
    settings.MESSAGE_SUBMIT_LIMIT_PER_ADDRESS = 1
    board = mayor_board(world)
    response = client.post(write_url(board), form_data(website="http://spam.example"))
    assert response.status_code == 200
    assert "留言已提交" in response.content.decode()
    assert Message.objects.count() == 0
    # nothing was counted: the one message this address may leave still goes through
    assert client.post(write_url(board), form_data()).status_code == 302
    assert Message.objects.count() == 1


def test_messages_per_phone_are_limited_whatever_the_address(client, world, settings):
    settings.MESSAGE_SUBMIT_LIMIT_PER_PHONE = 2
    board = mayor_board(world)
    for n in range(2):
        data = form_data(
            idempotency_key=f"t{n}", text=f"第{n + 1}次反映：小区门前的路灯损坏多日，请维修。"
        )
        response = client.post(write_url(board), data, REMOTE_ADDR=f"10.0.0.{n + 1}")
        assert response.status_code == 302
    data = form_data(idempotency_key="t9", text="第三次反映：小区门前的路灯损坏多日，请维修。")
    response = client.post(write_url(board), data, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "留言已达到上限（2条）" in response.content.decode()
    # the same phone written differently is the same phone
    response = client.post(
        write_url(board),
        {**data, "writer_phone": "+86 139 1234 5678"},
        REMOTE_ADDR="10.0.0.10",
    )
    assert response.status_code == 429
    assert Message.objects.count() == 2


def test_messages_per_address_are_limited(client, world, settings):
    settings.MESSAGE_SUBMIT_LIMIT_PER_ADDRESS = 2
    board = mayor_board(world)
    for n in range(2):
        data = form_data(idempotency_key=f"a{n}", writer_phone=f"1391234567{n}")
        assert client.post(write_url(board), data).status_code == 302
    response = client.post(
        write_url(board), form_data(idempotency_key="a9", writer_phone="13700000000")
    )
    assert response.status_code == 429
    assert Message.objects.count() == 2
    # refused before validation: even an empty form is refused the same way
    assert client.post(write_url(board), {"action": "submit"}).status_code == 429


def test_the_hotline_cannot_be_written_to_and_says_how_to_call(client, world):
    hotline = Channel.objects.create(
        government=world.tianshui,
        code="mayor-hotline",
        name="市长热线",
        kind=ChannelKind.HOTLINE,
        office=world.general_office,
        staff_recorded=True,
        description="拨打 0938-12345 反映问题。",
    )
    page = client.get(write_url(hotline))
    html = page.content.decode()
    assert page.status_code == 200
    assert "不接受网上留言" in html and "0938-12345" in html and "<textarea" not in html
    assert client.post(write_url(hotline), form_data()).status_code == 403
    assert Message.objects.count() == 0
    assert client.get("/hudong/write/no-such-board/").status_code == 404


def test_a_mailbox_offers_no_public_choice_and_stores_the_letter_private(client, world):
    mailbox = Channel.objects.create(
        government=world.tianshui,
        code="mayor-mailbox",
        name="市长信箱",
        kind=ChannelKind.MAILBOX,
        office=world.general_office,
        private_by_nature=True,
    )
    html = client.get(write_url(mailbox)).content.decode()
    assert 'name="wants_public"' not in html and "一律不公开" in html
    data = form_data()
    data.pop("wants_public")
    assert client.post(write_url(mailbox), data).status_code == 302
    assert Message.objects.get().wants_public is False


def test_submitting_twice_creates_one_message_and_shows_its_password_again(client, world):
    board = mayor_board(world)
    client.post(write_url(board), form_data())
    first = password_on(client.get(RECEIPT).content.decode())
    response = client.post(write_url(board), form_data())
    assert response.status_code == 302
    html = client.get(RECEIPT).content.decode()
    second = password_on(html)
    message = Message.objects.get()
    assert "已经提交过" in html and message.query_code in html
    assert second == first and passwords.password_matches(message.password_hash, first)


def test_the_same_text_from_another_form_is_refused_and_tells_nothing(client, world):
    from django.test import Client

    board = mayor_board(world)
    client.post(write_url(board), form_data())
    first = password_on(client.get(RECEIPT).content.decode())
    other = Client()
    response = other.post(
        write_url(board), form_data(idempotency_key="form-token-2", writer_name="赵六")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "相同内容的留言已于" in html and "未重复受理" in html
    message = Message.objects.get()
    assert message.query_code not in html and first not in html
    assert other.get(RECEIPT).status_code == 404
    assert passwords.password_matches(message.password_hash, first)


def test_the_same_form_token_with_other_text_is_refused(client, world):
    board = mayor_board(world)
    client.post(write_url(board), form_data())
    first = password_on(client.get(RECEIPT).content.decode())
    changed = form_data(text="秦州区民主西路某小区门前的路灯又坏了，已经两个月，请尽快派人维修。")
    response = client.post(write_url(board), changed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "这份表单此前已经提交过" in html and 'value="form-token-1"' not in html
    message = Message.objects.get()
    assert message.query_code not in html
    assert passwords.password_matches(message.password_hash, first)


def test_no_plaintext_password_is_left_in_the_session_store(client, world):
    import json

    from django.contrib.sessions.models import Session

    board = mayor_board(world)
    assert client.post(write_url(board), form_data()).status_code == 302
    html = client.get(RECEIPT).content.decode()
    password = password_on(html)
    for row in Session.objects.all():
        assert password not in row.session_data
        assert password not in json.dumps(row.get_decoded(), ensure_ascii=False)
    reload = client.get(RECEIPT).content.decode()
    assert Message.objects.get().query_code in reload and password not in reload
    assert "查询密码已在首次打开本页时显示" in reload


def test_the_similar_panel_lists_an_answered_message_like_the_one_being_written(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answered = replied(world)
    run_jobs()
    response = client.post(
        SIMILAR,
        {
            "subject": "黄标车淘汰补贴什么时候发放",
            "text": "黄标车报废后补贴何时到账",
            "channel": "mayor-board",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="hd-similar-body" aria-live="polite"' in html
    assert answered.get_public_url() in html and answered.masked_subject in html
    assert "王小明" not in html and "13800001234" not in html
    assert "<html" not in html  # a fragment
    nothing = client.post(SIMILAR, {"subject": "路灯", "text": ""}).content.decode()
    assert answered.get_public_url() not in nothing


def test_the_similar_button_works_without_script_and_keeps_everything(
    client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answered = replied(world)
    run_jobs()
    board = mayor_board(world)
    data = form_data(
        action="similar",
        subject="黄标车淘汰补贴什么时候发放",
        text="我的黄标车已经报废，补贴什么时候发放到账？",
        place=world.qinzhou.pk,
    )
    response = client.post(write_url(board), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert answered.get_public_url() in html
    assert html.index("类似的已答复留言") < html.index('<form class="hd-form hd-write"')
    assert 'value="黄标车淘汰补贴什么时候发放"' in html
    assert "我的黄标车已经报废，补贴什么时候发放到账？</textarea>" in html
    assert 'value="13912345678"' in html and 'value="李四"' in html
    assert re.search(rf'<option value="{world.qinzhou.pk}" selected>', html)
    assert 'value="form-token-1"' in html
    assert "errorlist" not in html  # not validated: nothing to correct yet
    assert Message.objects.filter(writer_phone="13912345678").count() == 0


def test_the_similar_endpoint_is_rate_limited_per_address(client, world, monkeypatch):
    monkeypatch.setattr(views_write, "SIMILAR_LIMIT", 2)
    for _ in range(2):
        assert client.post(SIMILAR, {"subject": "路灯损坏"}).status_code == 200
    response = client.post(SIMILAR, {"subject": "路灯损坏"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert client.post(SIMILAR, {"subject": "路灯损坏"}, REMOTE_ADDR="10.1.1.1").status_code == 200


TEXT_WITH_A_PHONE = "我家住秦州区藏家庄社区，电话13912345678，路灯坏了一个月"


def test_the_similar_panel_refuses_a_get_so_the_text_never_is_in_a_url(client, world):
    response = client.get(SIMILAR, {"subject": "路灯损坏", "text": TEXT_WITH_A_PHONE})
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "13912345678" not in response.content.decode()


def test_the_similar_panel_needs_the_forms_csrf_token(world):
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(write_url(mayor_board(world))).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = {"subject": "路灯损坏", "text": TEXT_WITH_A_PHONE, "channel": "mayor-board"}
    assert browser.post(SIMILAR, data).status_code == 403
    assert browser.post(SIMILAR, data, headers={"X-CSRFToken": token}).status_code == 200
    # a page of another site cannot ask with the visitor's token
    foreign = browser.post(
        SIMILAR, data, headers={"X-CSRFToken": token, "Origin": "https://evil.example"}
    )
    assert foreign.status_code == 403


def test_the_writing_page_and_its_script_send_the_text_in_a_post_body_only(client, world):
    html = client.get(write_url(mayor_board(world))).content.decode()
    assert f'data-similar-url="{SIMILAR}"' in html  # no query string
    assert re.search(r'<form class="hd-form hd-write" method="post"', html)
    script = (
        Path(views_write.__file__).parent.parent / "static/interaction/portal/hudong.js"
    ).read_text()
    ask = script[script.index("fetch(") : script.index(".then(")]
    assert 'method: "POST"' in ask and 'mode: "same-origin"' in ask and "X-CSRFToken" in ask
    assert "?" not in ask and "text" not in ask  # the URL is the bare data-similar-url
