"""The public API of 意见征集: list and detail, comments with their refusals, OpenAPI."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from gongkai.consultations.models import Comment, Kind
from gongkai.testing.problems import field_errors, problem_of

from .helpers import close_now, live

pytestmark = pytest.mark.django_db
LIST = "/api/v1/consultations"


@pytest.fixture(autouse=True)
def _clean():
    cache.clear()
    yield
    cache.clear()


def post(client, pk, body, **headers):
    return client.post(
        f"{LIST}/{pk}/comments",
        data=json.dumps(body) if not isinstance(body, str) else body,
        content_type="application/json",
        headers=headers,
    )


def comment(**overrides) -> dict:
    body = {
        "clause": 4,
        "text": "建议提高补贴标准，三千元太低。",
        "name": "王小明",
        "phone": "13800001234",
        "public": True,
    }
    body.update(overrides)
    return body


def test_list_filters_and_refuses_unknown_parameters(client, world):
    draft = live(world)
    call = live(world, Kind.CALL, title="伏羲庙标识设计方案征集")
    close_now(call)
    data = client.get(LIST).json()
    assert data["count"] == 2 and {r["id"] for r in data["results"]} == {draft.pk, call.pk}
    open_only = client.get(LIST, {"phase": "open"}).json()
    assert [r["id"] for r in open_only["results"]] == [draft.pk]
    assert open_only["results"][0]["phase_label"] == "征集中"
    closed = client.get(LIST, {"phase": "closed", "kind": "call"}).json()
    assert [r["id"] for r in closed["results"]] == [call.pk]
    bad = client.get(LIST, {"status": "open"})
    assert bad.status_code == 400 and list(field_errors(bad)) == ["status"]
    assert client.get(LIST, {"phase": "draft"}).status_code == 400
    assert client.get(LIST, {"page_size": "500"}).status_code == 400


def test_detail_lists_clauses(client, world):
    draft = live(world)
    data = client.get(f"{LIST}/{draft.pk}").json()
    assert [c["label"] for c in data["clauses"]][:3] == ["", "第一条", "第二条"]
    assert data["clauses"][3]["position"] == 4 and data["feedback_url"] is None
    assert client.get(f"{LIST}/999999").status_code == 404


def test_comment_created_then_repeated(client, world):
    draft = live(world)
    first = post(client, draft.pk, comment(), **{"Idempotency-Key": "abc-1"})
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["clause"] == 4 and body["moderation"] == "pending" and body["created"]
    again = post(client, draft.pk, comment(), **{"Idempotency-Key": "abc-1"})
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Comment.objects.count() == 1


def test_a_key_reused_for_other_content_is_422_and_the_same_content_again_409(client, world):
    draft = live(world)
    first = post(client, draft.pk, comment(), **{"Idempotency-Key": "abc-1"}).json()
    reused = post(client, draft.pk, comment(text="另一条内容"), **{"Idempotency-Key": "abc-1"})
    assert reused.status_code == 422 and "Idempotency-Key" in field_errors(reused)
    repeated = post(client, draft.pk, comment(name="赵六"), **{"Idempotency-Key": "abc-2"})
    assert repeated.status_code == 409 and "未重复受理" in problem_of(repeated)["detail"]
    for response in (reused, repeated):
        assert "id" not in response.json() and "moderation" not in response.json()
    assert Comment.objects.get().pk == first["id"]
    assert Comment.objects.count() == 1


def test_invalid_comment_gets_field_errors_and_stores_nothing(client, world):
    draft = live(world)
    response = post(client, draft.pk, comment(phone="12", clause=99, color="red"))
    assert response.status_code == 422
    errors = field_errors(response)
    assert set(errors) >= {"phone", "clause", "color"}
    assert post(client, draft.pk, "not json").status_code == 400
    assert post(client, draft.pk, comment(clause="第三条")).status_code == 422
    assert Comment.objects.count() == 0


def test_closed_period_is_409(client, world):
    draft = live(world)
    close_now(draft)
    response = post(client, draft.pk, comment())
    assert response.status_code == 409 and "不再接受意见" in problem_of(response)["detail"]
    assert Comment.objects.count() == 0


def test_call_refuses_comments(client, world):
    call = live(world, Kind.CALL, title="吉祥物设计方案征集")
    assert post(client, call.pk, comment(clause=None)).status_code == 409


def test_rate_limit_is_429(client, world, settings):
    settings.CONSULTATION_SUBMIT_LIMIT_PER_ADDRESS = 1
    draft = live(world)
    assert post(client, draft.pk, comment()).status_code == 201
    refused = post(client, draft.pk, comment(text="第二条意见，请研究。", phone="13800005678"))
    assert refused.status_code == 429 and refused["Retry-After"]


def test_openapi_describes_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/consultations" in paths
    assert "post" in paths["/api/v1/consultations/{consultation_id}/comments"]
