"""POST /api/v1/services/cases/lookup: number + password, the stage and the due dates
with how they were computed; a wrong password tells nothing about which part was wrong."""

import json
from datetime import date

import pytest

from gongkai.services.services import cases

from .case_helpers import apply, published_item

pytestmark = pytest.mark.django_db

LOOKUP = "/api/v1/services/cases/lookup"


def post(client, body):
    return client.post(LOOKUP, data=json.dumps(body), content_type="application/json")


def test_lookup_answers_stage_dates_and_due_dates(client, world, today_is):
    today_is(date(2026, 2, 12))
    submitted = apply(published_item(world))
    case = submitted.case
    cases.request_correction(case, actor=world.handler_finance, missing="申请书未签字")
    response = post(client, {"number": case.number, "password": submitted.password})
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "correction" and body["state_label"] == "待补正"
    assert body["received_on"] == "2026-02-12"
    assert body["correction"] == {"issued_on": "2026-02-12", "missing": ["申请书未签字"]}
    notice = body["dues"][0]
    assert notice["stage"] == "correction_notice" and notice["due_date"] == "2026-02-26"
    assert "收到申请之日2026年2月12日起（当日不计）5个工作日" in notice["explanation"]
    assert body["documents"][0]["title"] == "补正材料通知书"


def test_a_wrong_password_is_404_then_locked(client, world, settings):
    settings.APPLICATION_LOOKUP_FAILURE_LIMIT = 2
    submitted = apply(published_item(world))
    body = {"number": submitted.case.number, "password": "WRONG123"}
    first = post(client, body)
    assert first.status_code == 404
    assert "办件编号与查询密码不匹配" in first.json()["detail"]
    unknown = post(client, {"number": "2026620599999999", "password": "WRONG123"})
    assert unknown.status_code == 404  # the same answer for an unknown number
    assert post(client, body).status_code == 429
    blocked = post(client, {**body, "password": submitted.password})
    assert blocked.status_code == 429 and "Retry-After" in blocked.headers


def test_an_empty_password_is_422(client, world):
    assert post(client, {"number": "X", "password": " "}).status_code == 422


def test_the_endpoint_is_in_the_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/services/cases/lookup"]["post"]
    assert operation["operationId"] == "lookUpServiceCase"
    assert {"200", "404", "429"} <= set(operation["responses"])
