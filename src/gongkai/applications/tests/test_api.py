"""POST /api/v1/applications and /api/v1/applications/lookup: the form's
validation in JSON, Chinese field messages, idempotency, attachments by
content, the rate limits, and the OpenAPI schema."""

from __future__ import annotations

import base64
import json
from datetime import date

import pytest
from django.core.cache import cache

from gongkai.applications import services
from gongkai.applications.models import Application, ApplicationFile
from gongkai.applications.services.intake import password_matches
from gongkai.files.tests import samples
from gongkai.testing.problems import field_errors, problem_of

from .helpers import USCC, applicant_data, received

pytestmark = pytest.mark.django_db
SUBMIT = "/api/v1/applications"
LOOKUP = "/api/v1/applications/lookup"


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


def post(client, url, body, **headers):
    raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    return client.post(url, raw, content_type="application/json", headers=headers)


def test_submitting_returns_number_and_password(client, world):
    response = post(client, SUBMIT, applicant_data(world.finance))
    assert response.status_code == 201, response.content
    body = response.json()
    application = Application.objects.get()
    assert body["tracking_number"] == application.tracking_number
    assert password_matches(application, body["password"])
    assert body["state"] == "awaiting_confirmation" and body["state_label"] == "待确认收到"
    assert body["created"] is True
    assert body["lookup_url"].endswith("/ysqgk/lookup/")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"id_number": "110105194912310021"}, "id_number", "校验"),
        (
            {
                "applicant_kind": "organisation",
                "org_subtype": "legal",
                "contact_person": "李四",
                "id_type": "uscc",
                "id_number": USCC[:-1] + ("0" if USCC[-1] != "0" else "1"),
            },
            "id_number",
            "",
        ),
        ({"description": ""}, "description", "请描述您需要的政府信息"),
        ({"name": None}, "name", "请填写申请人姓名"),
        ({"email": "not-an-email", "delivery_method": "email"}, "email", "格式不正确"),
        ({"department": 999999}, "department", "不存在"),
        ({"nickname": "x"}, "nickname", "不是可提交的字段"),
        ({"phone": ["1"]}, "phone", "应为文本"),
    ],
)
def test_invalid_input_is_422_with_chinese_field_messages(client, world, overrides, field, message):
    data = applicant_data(world.finance)
    data.update(overrides)
    response = post(client, SUBMIT, data)
    assert response.status_code == 422
    errors = field_errors(response)
    assert field in errors
    assert message in " ".join(errors[field])
    assert Application.objects.count() == 0


def test_missing_required_fields_are_all_named(client, world):
    response = post(client, SUBMIT, {"department": world.finance.pk})
    assert response.status_code == 422
    errors = field_errors(response)
    assert {"applicant_kind", "name", "id_type", "id_number", "phone", "description"} <= set(errors)


def test_a_body_that_is_not_json_is_400(client, world):
    response = post(client, SUBMIT, b"name=%E5%BC%A0")
    assert response.status_code == 400
    assert "JSON" in problem_of(response)["detail"]
    assert post(client, SUBMIT, [1, 2]).status_code == 400


def test_attachments_in_base64_are_checked_by_content(client, world):
    data = applicant_data(world.finance)
    data["attachments"] = [
        {
            "purpose": "authorisation",
            "filename": "委托书.pdf",
            "content_base64": base64.b64encode(samples.exe()).decode(),
        }
    ]
    response = post(client, SUBMIT, data)
    assert response.status_code == 422
    assert "第1个附件" in field_errors(response)["attachments"][0]
    assert Application.objects.count() == 0

    data["attachments"][0]["content_base64"] = base64.b64encode(samples.pdf("委托书")).decode()
    response = post(client, SUBMIT, data)
    assert response.status_code == 201
    assert ApplicationFile.objects.get().purpose == "authorisation"


def test_the_same_idempotency_key_gives_the_same_application(client, world):
    data = applicant_data(world.finance)
    first = post(client, SUBMIT, data, **{"Idempotency-Key": "9b2f0c4e-key"})
    second = post(client, SUBMIT, data, **{"Idempotency-Key": "9b2f0c4e-key"})
    assert first.status_code == 201 and second.status_code == 200
    assert second.json()["created"] is False
    assert first.json()["tracking_number"] == second.json()["tracking_number"]
    assert Application.objects.count() == 1
    # the second answer carries the first password, which still works
    assert second.json()["password"] == first.json()["password"]
    assert password_matches(Application.objects.get(), first.json()["password"])


def test_the_same_content_within_minutes_is_409_and_tells_nothing(client, world):
    data = applicant_data(world.finance)
    first = post(client, SUBMIT, data)
    second = post(client, SUBMIT, data)
    assert second.status_code == 409
    body = problem_of(second)
    assert "未重复受理" in body["detail"] and "受理编号和查询密码" in body["detail"]
    assert first.json()["tracking_number"] not in second.content.decode()
    assert "password" not in body
    assert Application.objects.count() == 1
    assert password_matches(Application.objects.get(), first.json()["password"])


def test_a_bad_idempotency_key_is_400(client, world):
    response = post(client, SUBMIT, applicant_data(world.finance), **{"Idempotency-Key": "x" * 65})
    assert response.status_code == 400


def test_html_is_stored_as_text(client, world):
    post(
        client,
        SUBMIT,
        applicant_data(world.finance, description="<img src=x onerror=alert(1)>明细"),
    )
    assert Application.objects.get().description == "<img src=x onerror=alert(1)>明细"


def test_a_flood_of_submissions_is_429(client, world, settings):
    settings.APPLICATION_SUBMIT_LIMIT = 2
    for n in range(2):
        assert (
            post(
                client, SUBMIT, applicant_data(world.finance, description=f"第{n}份明细材料")
            ).status_code
            == 201
        )
    response = post(client, SUBMIT, applicant_data(world.finance, description="第3份明细材料"))
    assert response.status_code == 429
    assert "最多提交2件申请" in problem_of(response)["detail"]
    assert int(response["Retry-After"]) == problem_of(response)["retry_after"] > 0
    assert Application.objects.count() == 2


def test_lookup_returns_status_steps_due_date_and_notices(client, world):
    application = received(world.finance, date(2026, 2, 11), world.handler_finance)
    services.request_correction(
        application, what="请写明文号。", actor=world.handler_finance, on=date(2026, 2, 26)
    )
    services.assign(application, assignee=world.handler_finance, actor=world.handler_finance)
    response = post(
        client, LOOKUP, {"tracking_number": application.tracking_number, "phone": application.phone}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "awaiting_correction"
    assert body["due"]["state"] == "paused" and body["due"]["due_date"] is None
    assert "暂停计算（等待申请人补正）" in body["due"]["explanation"]
    labels = [s["label"] for s in body["steps"]]
    assert "告知补正" in labels
    assert "指定经办人" not in labels  # internal steps stay internal
    assert body["requests"][0]["kind"] == "correction"
    assert body["requests"][0]["deadline"] == "2026-03-18"
    assert body["notices"][0]["title"] == "补正申请告知书"


def test_lookup_with_a_wrong_password_is_404_then_429(client, world, settings):
    settings.APPLICATION_LOOKUP_FAILURE_LIMIT = 2
    sub = services.submit_online(applicant_data(world.finance))
    body = {"tracking_number": sub.application.tracking_number, "password": "WRONG123"}
    first = post(client, LOOKUP, body)
    assert first.status_code == 404 and "不匹配" in problem_of(first)["detail"]
    assert post(client, LOOKUP, body).status_code == 429
    blocked = post(client, LOOKUP, {**body, "password": sub.password})
    assert blocked.status_code == 429
    assert "错误次数过多" in problem_of(blocked)["detail"]


def test_lookup_without_password_or_phone_is_422(client, world):
    response = post(client, LOOKUP, {"tracking_number": "YSQ2026-0001-00001"})
    assert response.status_code == 422
    assert "password" in field_errors(response)


def test_both_endpoints_are_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    submit = schema["paths"]["/api/v1/applications"]["post"]
    body = submit["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["description"]["description"].startswith("所需政府信息")
    assert "id_number" in body["required"]
    assert any(p["name"] == "Idempotency-Key" for p in submit["parameters"])
    assert {"201", "422", "429"} <= set(submit["responses"])
    assert "/api/v1/applications/lookup" in schema["paths"]
