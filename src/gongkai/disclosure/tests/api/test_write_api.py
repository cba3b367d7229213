"""The write API: a department's system submits items into review, never to publication."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.disclosure.api_tokens import ApiToken, TokenRefused, create_api_token, revoke_api_token
from gongkai.disclosure.models import InformationItem, ItemState
from gongkai.files.tests import samples
from gongkai.orgs.models import Membership
from gongkai.testing.problems import field_errors, problem_of

URL = "/api/v1/documents/submissions"


@pytest.fixture
def token(world):
    token, raw = create_api_token(
        actor=world.admin,
        department=world.finance,
        user=world.handler_finance,
        name="市财政局公文系统",
    )
    token.raw = raw
    return token


def post(client, raw, payload, **headers):
    return client.post(
        URL,
        data=json.dumps(payload, ensure_ascii=False),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
        **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()},
    )


PAYLOAD = {
    "title": "天水市财政局关于2016年市级预算公开的通知",
    "document_number": "天财发〔2016〕12号",
    "written_on": "2016-02-18",
    "subject": "财政、金融、审计",
    "genre": "通知",
    "keywords": ["预算", "公开"],
    "summary": "公开2016年市级部门预算。",
    "body": "<p>现将2016年市级预算公开。</p><script>alert(1)</script>",
    "formed_or_changed_on": "2016-02-20",
    "key_areas": ["budget"],
}


def test_a_submission_is_drafted_and_submitted_in_the_acting_persons_name(world, client, token):
    response = post(client, token.raw, PAYLOAD)
    assert response.status_code == 201, response.content.decode()
    body = response.json()
    item = InformationItem.objects.get(pk=body["id"])
    assert item.state == ItemState.SUBMITTED and body["state_label"] == "待保密审查"
    assert item.index_number is None and item.published_at is None and not item.is_public
    assert item.created_by == world.handler_finance and item.department == world.finance
    assert "<script>" not in item.body and item.keywords == "预算 公开"
    assert [a.slug for a in item.key_areas.all()] == ["budget"]
    assert [h["action"] for h in body["history"]] == ["submit"]
    assert AuditEvent.objects.filter(
        action="disclosure.api.submission", object_id=str(item.pk)
    ).exists()
    token.refresh_from_db()
    assert token.last_used_at is not None
    status = client.get(body["status_url"], HTTP_AUTHORIZATION=f"Bearer {token.raw}")
    assert status.status_code == 200 and status.json()["state"] == "submitted"


def test_only_a_hash_of_the_token_is_stored(world, token):
    stored = ApiToken.objects.get(pk=token.pk)
    assert token.raw not in (stored.key_hash, stored.key_prefix) and len(stored.key_hash) == 64


@pytest.mark.parametrize(
    "header",
    [None, "Bearer", "Bearer gk_not-a-real-token", "Basic dXNlcjpwYXNz", "Token gk_x"],
)
def test_no_valid_token_is_a_401_in_chinese(world, client, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.post(URL, data="{}", content_type="application/json", **extra)
    assert response.status_code == 401
    assert "令牌" in problem_of(response)["detail"]
    assert InformationItem.objects.count() == 0


def test_a_revoked_token_is_refused_at_once(world, client, token):
    revoke_api_token(token, actor=world.admin)
    response = post(client, token.raw, PAYLOAD)
    assert response.status_code == 401 and "撤销" in problem_of(response)["detail"]
    assert AuditEvent.objects.filter(action="disclosure.api_token.revoke").exists()


def test_a_token_cannot_see_or_touch_another_departments_items(world, client, token, draft):
    _other, raw = create_api_token(
        actor=world.admin,
        department=world.environment,
        user=world.handler_environment,
        name="环保局系统",
    )
    item = draft()  # 市财政局's
    for response in (
        client.get(f"{URL}/{item.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}"),
        client.post(f"{URL}/{item.pk}/submit", HTTP_AUTHORIZATION=f"Bearer {raw}"),
    ):
        assert response.status_code == 403 and "不属于" in problem_of(response)["detail"]
    assert (
        client.get(f"{URL}/{item.pk}", HTTP_AUTHORIZATION=f"Bearer {token.raw}").status_code == 200
    )
    assert client.get(f"{URL}/abc", HTTP_AUTHORIZATION=f"Bearer {token.raw}").status_code == 404


def test_the_acting_person_must_still_belong_to_the_department(world, client, token):
    Membership.objects.filter(user=world.handler_finance).update(active=False)
    response = post(client, token.raw, PAYLOAD)
    assert response.status_code == 403 and "无权" in problem_of(response)["detail"]
    with pytest.raises(TokenRefused):
        create_api_token(
            actor=world.admin, department=world.finance, user=world.handler_environment, name="x"
        )


def test_the_same_idempotency_key_returns_the_first_item(world, client, token):
    first = post(client, token.raw, PAYLOAD, **{"Idempotency-Key": "f3b1c2d4-0001"})
    again = post(client, token.raw, PAYLOAD, **{"Idempotency-Key": "f3b1c2d4-0001"})
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"] and again["Idempotent-Replayed"] == "true"
    assert InformationItem.objects.count() == 1
    changed = post(
        client, token.raw, {**PAYLOAD, "title": "另一份"}, **{"Idempotency-Key": "f3b1c2d4-0001"}
    )
    assert changed.status_code == 409 and InformationItem.objects.count() == 1
    other_key = post(client, token.raw, PAYLOAD, **{"Idempotency-Key": "f3b1c2d4-0002"})
    assert other_key.status_code == 201 and InformationItem.objects.count() == 2
    bad_key = post(client, token.raw, PAYLOAD, **{"Idempotency-Key": "含中文"})
    assert bad_key.status_code == 400


def test_a_refused_request_does_not_use_up_its_idempotency_key(world, client, token):
    refused = post(client, token.raw, {**PAYLOAD, "title": ""}, **{"Idempotency-Key": "k-1"})
    assert refused.status_code == 422
    fixed = post(client, token.raw, PAYLOAD, **{"Idempotency-Key": "k-1"})
    assert fixed.status_code == 201


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"title": None}, "title", "标题"),
        ({"written_on": "2016-02-30"}, "written_on", "日期格式"),
        ({"subject": "不存在的分类"}, "subject", "未找到"),
        ({"genre": 99999}, "genre", "未找到"),
        ({"colour": "red"}, "colour", "不是可提交的字段"),
        ({"key_areas": ["nowhere"]}, "key_areas", "重点领域"),
        ({"item_type": "annual_report"}, "item_type", "取值无效"),
        ({"disclosure_attribute": "on_request"}, "exemption_reason", "法定理由"),
        (
            {"item_type": "normative", "effective_on": "2016-05-01", "expires_on": "2016-04-01"},
            "expires_on",
            "有效期至",
        ),
        ({"formed_or_changed_on": None}, "formed_or_changed_on", "第二十六条"),
        ({"interprets": ["no/such-1"]}, "interprets", "未找到"),
        ({"publishing_departments": [99999999999]}, "publishing_departments", "发布机构"),
        ({"title": "长" * 301}, "title", "300"),
        ({"body": "a\u0000b"}, "__all__", "NUL"),
    ],
)
def test_invalid_fields_are_422_with_chinese_messages(world, client, token, change, field, words):
    payload = {**PAYLOAD, **change}
    payload = {k: v for k, v in payload.items() if v is not None}
    response = post(client, token.raw, payload)
    assert response.status_code == 422, response.content.decode()
    errors = field_errors(response)
    assert field in errors and any(words in m for m in errors[field]), errors
    assert InformationItem.objects.count() == 0


@pytest.mark.parametrize("raw_body", [b"not json", b"[1, 2]", b"\xff\xfe", b""])
def test_a_body_that_is_not_a_json_object_is_422(world, client, token, raw_body):
    response = client.post(
        URL,
        data=raw_body,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token.raw}",
    )
    assert response.status_code == 422 and "__all__" in field_errors(response)


def test_attachments_go_on_a_draft_then_it_is_submitted(world, client, token):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token.raw}"}
    draft = post(client, token.raw, {**PAYLOAD, "submit": False}).json()
    assert draft["state"] == "draft"
    url = f"{URL}/{draft['id']}/attachments"
    ok = client.post(
        url,
        {"file": SimpleUploadedFile("预算表.pdf", samples.pdf("预算")), "title": "预算表"},
        **auth,
    )
    assert ok.status_code == 201, ok.content.decode()
    assert ok.json()["name"] == "预算表" and ok.json()["kind"] == "pdf"
    program = client.post(url, {"file": SimpleUploadedFile("预算表.pdf", samples.exe())}, **auth)
    assert program.status_code == 422
    assert any("未被接收" in m or "不是允许上传" in m for m in field_errors(program)["file"])
    mismatch = client.post(url, {"file": SimpleUploadedFile("图片.pdf", samples.png())}, **auth)
    assert mismatch.status_code == 422 and "扩展名" in problem_of(mismatch)["detail"]
    assert client.post(url, {}, **auth).status_code == 422
    submitted = client.post(f"{URL}/{draft['id']}/submit", **auth)
    assert submitted.status_code == 200 and submitted.json()["state"] == "submitted"
    assert len(submitted.json()["attachments"]) == 1
    late = client.post(url, {"file": SimpleUploadedFile("补充.pdf", samples.pdf("补充"))}, **auth)
    assert late.status_code == 409 and "草稿" in problem_of(late)["detail"]


def test_the_api_never_publishes(world, client, token):
    later = f"{timezone.localdate().year + 1}-01-01T09:00:00"  # a scheduled time to come
    body = post(client, token.raw, {**PAYLOAD, "scheduled_publish_at": later}).json()
    item = InformationItem.objects.get(pk=body["id"])
    assert item.state == ItemState.SUBMITTED and item.scheduled_publish_at is not None
    assert InformationItem.objects.public().count() == 0
