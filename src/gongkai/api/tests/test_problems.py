"""Every error of the API is a problem (RFC 9457, ``gongkai.api.errors``): the content
type ``application/problem+json``, ``status`` equal to the HTTP status, a ``type``
per kind of problem, and field errors as a list of ``{field, message}``."""

from __future__ import annotations

import json

import pytest
from django.test import Client, RequestFactory

from gongkai.api import errors
from gongkai.api.errors import PROBLEM_KINDS, Refused, field_errors, problem, too_many
from gongkai.api.helpers import idempotency_refusal
from gongkai.core import idempotency
from gongkai.testing.problems import PROBLEM_CONTENT_TYPE, problem_of

pytestmark = pytest.mark.django_db

PROBLEMS = "/api/v1/problems/"


def post_json(client, url, body, **headers):
    raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    return client.post(url, raw, content_type="application/json", headers=headers)


# -- the kernel function --------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(PROBLEM_KINDS))
def test_each_kind_is_a_problem_of_its_status_with_its_own_type(kind):
    status, title = PROBLEM_KINDS[kind]
    request = RequestFactory().get("/api/v1/somewhere")
    response = problem(request, status, kind, "说明。")
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    assert json.loads(response.content) == {
        "type": PROBLEMS + kind,
        "title": title,
        "status": status,
        "detail": "说明。",
        "instance": "/api/v1/somewhere",
    }


def test_field_errors_become_a_list_with_one_entry_per_message():
    request = RequestFactory().post("/api/v1/messages")
    response = problem(
        request,
        422,
        None,
        "留言未提交。",
        {"phone": ["请填写联系电话。", "格式不正确。"], "text": "请填写内容。"},
    )
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "invalid-fields"
    assert body["errors"] == [
        {"field": "phone", "message": "请填写联系电话。"},
        {"field": "phone", "message": "格式不正确。"},
        {"field": "text", "message": "请填写内容。"},
    ]
    listed = [{"field": "a.0.b", "message": "应为文本。"}]
    assert field_errors(listed) == listed
    assert field_errors(None) == [] and field_errors({}) == []


def test_a_status_without_a_kind_is_about_blank_with_its_reason_phrase():
    body = json.loads(problem(None, 418, None, "不煮咖啡。").content)
    assert body == {
        "type": "about:blank",
        "title": "I'm a Teapot",
        "status": 418,
        "detail": "不煮咖啡。",
    }


def test_429_keeps_retry_after_as_header_and_member():
    response = too_many(RequestFactory().post("/api/v1/messages"), "提交过于频繁。", 120)
    assert response.status_code == 429 and response["Retry-After"] == "120"
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "rate-limited" and body["retry_after"] == 120


def test_idempotency_refusals_are_problems_naming_the_header():
    request = RequestFactory().post("/api/v1/applications")
    reused = idempotency_refusal(request, idempotency.KeyReused("该键已用于其他内容。"))
    body = problem_of(reused)
    assert reused.status_code == 422 and body["type"] == PROBLEMS + "idempotency-key-unusable"
    assert body["errors"] == [{"field": "Idempotency-Key", "message": "该键已用于其他内容。"}]
    again = idempotency_refusal(request, idempotency.AlreadySubmitted("相同内容已提交。"))
    assert again.status_code == 409
    assert problem_of(again)["type"] == PROBLEMS + "duplicate-submission"
    assert "errors" not in problem_of(again)


def test_refused_answers_through_the_kernel():
    refused = Refused(403, "无权访问该稿件。", headers={"X-Test": "1"})
    response = refused.response(RequestFactory().get("/api/v1/x"))
    assert response["X-Test"] == "1"
    assert problem_of(response)["type"] == PROBLEMS + "forbidden"


# -- over HTTP: each status class -----------------------------------------------------------


def test_400_a_body_that_is_not_json(client):
    response = post_json(client, "/api/v1/messages/lookup", b"not json")
    assert response.status_code == 400
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "invalid-body"
    assert body["instance"] == "/api/v1/messages/lookup"
    assert "JSON" in body["detail"]


def test_400_a_bad_query_parameter_is_named_in_errors(client):
    response = client.get("/api/v1/documents", {"limit": "1000"})
    assert response.status_code == 400
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "invalid-parameter"
    assert body["errors"] == [{"field": "limit", "message": body["detail"]}]


def test_400_a_bad_idempotency_key_is_named_in_errors(client):
    response = post_json(client, "/api/v1/messages", {}, **{"Idempotency-Key": "x" * 65})
    assert response.status_code == 400
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "invalid-header"
    assert [e["field"] for e in body["errors"]] == ["Idempotency-Key"]


def test_401_without_a_token_says_how_to_send_one(client):
    response = post_json(client, "/api/v1/documents/submissions", {})
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "unauthorized" and "Authorization" in body["detail"]


def test_401_with_an_unknown_token(client):
    response = post_json(
        client, "/api/v1/documents/submissions", {}, Authorization="Bearer gk_nonsense"
    )
    assert response.status_code == 401
    assert problem_of(response)["type"] == PROBLEMS + "unauthorized"


def test_404_an_object_that_does_not_exist(client):
    response = client.get("/api/v1/governments/999999/departments")
    assert response.status_code == 404
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "not-found" and body["detail"] == errors.NOT_FOUND


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/no-such-thing"),
        ("get", "/api/v1/workdays/2026-03-02/extra"),
        ("post", "/api/v1/nothing/here"),
        ("get", "/api/v1/governments/"),
    ],
)
def test_404_a_path_the_api_does_not_have(method, path):
    response = getattr(Client(enforce_csrf_checks=True), method)(path)
    assert response.status_code == 404
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "not-found"
    assert body["detail"] == errors.NO_SUCH_PATH and body["instance"] == path


def test_405_a_method_the_path_does_not_take(client):
    response = client.delete("/api/v1/documents")
    assert response.status_code == 405
    assert response["Allow"] == "GET"
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "method-not-allowed"
    assert "DELETE" in body["detail"] and "GET" in body["detail"]
    posted = client.get("/api/v1/messages/lookup")
    assert posted.status_code == 405 and posted["Allow"] == "POST"
    assert problem_of(posted)["status"] == 405


def test_413_a_body_over_the_limit(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = post_json(client, "/api/v1/messages/lookup", {"query_code": "字" * 2000})
    assert response.status_code == 413
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "body-too-large" and "过大" in body["detail"]


def test_422_ninja_validation_lists_each_field(client):
    response = post_json(client, "/api/v1/applications/lookup", {"password": 5})
    assert response.status_code == 422
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "invalid-fields"
    assert body["detail"] == errors.REQUEST_INVALID
    assert {"field": "tracking_number", "message": "请填写此项。"} in body["errors"]
    assert {"field": "password", "message": "应为文本。"} in body["errors"]


def test_422_a_query_parameter_of_the_wrong_type(client):
    response = client.get("/api/v1/workdays/add", {"start": "2026-02-30", "days": "x"})
    assert response.status_code == 422
    fields = [e["field"] for e in problem_of(response)["errors"]]
    assert fields == ["start", "days"]


def test_422_a_year_before_the_calendar(client):
    response = client.get("/api/v1/workdays/add", {"start": "2003-12-20", "days": 5})
    assert response.status_code == 422
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "calendar-missing"
    assert body["errors"] == [{"field": "non_field", "message": body["detail"]}]


def test_500_an_unexpected_error_is_a_problem_and_is_reported(monkeypatch, settings, caplog):
    from gongkai.api import workdays as workdays_api

    def broken(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(workdays_api.workdays, "is_working_day", broken)
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/api/v1/workdays/2026-03-02")
    assert response.status_code == 500
    body = problem_of(response)
    assert body["type"] == PROBLEMS + "server-error" and "boom" not in response.content.decode()
    assert any(r.levelname == "ERROR" and r.exc_info for r in caplog.records)
    with pytest.raises(RuntimeError):  # the test client still sees the exception
        Client().get("/api/v1/workdays/2026-03-02")


def test_successful_answers_stay_plain_json(client):
    response = client.get("/api/v1/workdays/add", {"start": "2026-09-30", "days": 20})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_every_kind_the_code_names_exists_with_the_status_it_is_used_with():
    """A misspelt kind would quietly become ``about:blank``: each literal one in the
    API code is a kind of ``PROBLEM_KINDS``, used with that kind's status."""
    import re
    from pathlib import Path

    root = Path(errors.__file__).resolve().parents[1]
    with_status = re.compile(r'(?:problem\(\s*request|Refused\()\s*,?\s*(\d{3}),\s*"([a-z-]+)"')
    keyword = re.compile(r'Refused\(\s*(\d{3}),(?:[^()]|\([^()]*\))*?kind="([a-z-]+)"', re.S)
    found = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        found += [(path.name, int(s), k) for s, k in with_status.findall(text)]
        found += [(path.name, int(s), k) for s, k in keyword.findall(text)]
    assert len(found) > 15
    for name, status, kind in found:
        assert kind in PROBLEM_KINDS, (name, kind)
        assert PROBLEM_KINDS[kind][0] == status, (name, status, kind)
