"""办理结果公开 at /jianyi/ and GET /api/v1/proposals: public replies only."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.proposals import services
from gongkai.testing.problems import field_errors, problem_of

from .helpers import REPLY, congress_session, imported, replied

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(world):
    session = congress_session(world)
    public, private, handling, pending = imported(world, session, count=4)
    replied(world, public, on=date(2026, 3, 2), grade="B")
    services.assign(private, lead=world.finance, actor=world.office, on=date(2026, 3, 2))
    services.submit_reply(
        private,
        text=REPLY.replace("1.2亿元", "内部测算数字"),
        grade="C",
        public=False,
        not_public_reason="含有尚未决策的内部测算。",
        actor=world.handler_finance,
    )
    services.approve_reply(private, actor=world.reviewer_finance)
    services.assign(handling, lead=world.environment, actor=world.office, on=date(2026, 3, 2))
    return session, public, private, handling, pending


def test_the_results_column_shows_assigned_items_units_grades_and_public_replies(client, results):
    session, public, private, handling, pending = results
    html = client.get(reverse("proposals_portal:session", args=[session.pk])).content.decode()
    assert public.title in html and private.title in html and handling.title in html
    assert pending.title not in html  # not yet assigned
    assert "天水市环境保护局" in html and "B类" in html
    assert "承办代表建议4件，已办结2件" in html

    page = client.get(reverse("proposals_portal:item", args=[public.pk])).content.decode()
    assert "1.2亿元" in page and "B类（所提问题正在解决或已列入计划逐步解决）" in page
    secret = client.get(reverse("proposals_portal:item", args=[private.pk])).content.decode()
    assert "内部测算数字" not in secret and "该答复函不予公开：含有尚未决策的内部测算。" in secret
    assert client.get(reverse("proposals_portal:item", args=[pending.pk])).status_code == 404

    index = client.get(reverse("proposals_portal:index")).content.decode()
    assert "承办代表建议4件，已办结2件" in index and public.title in index


def test_the_api_lists_public_replies_only_and_refuses_bad_parameters_in_chinese(client, results):
    _session, public, _private, _handling, _pending = results
    body = client.get("/api/v1/proposals").json()
    assert body["count"] == 1
    assert body["items"][0]["item_id"] == public.pk
    assert body["items"][0]["grade"] == "B" and "1.2亿元" in body["items"][0]["text"]
    assert client.get("/api/v1/proposals", {"grade": "C"}).json()["count"] == 0

    bad = client.get("/api/v1/proposals", {"limit": "1000"})
    assert bad.status_code == 400
    message = "参数 limit 的值“1000”无效：应为 1–100 的整数。"
    assert problem_of(bad) == {
        "type": "/api/v1/problems/invalid-parameter",
        "title": "查询参数无效",
        "status": 400,
        "detail": message,
        "instance": "/api/v1/proposals",
        "errors": [{"field": "limit", "message": message}],
    }
    assert list(field_errors(client.get("/api/v1/proposals", {"sort": "x"}))) == ["sort"]
    assert "/api/v1/proposals" in client.get("/api/v1/openapi.json").json()["paths"]
