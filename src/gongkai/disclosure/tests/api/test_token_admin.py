"""Administrators create tokens (shown once) and revoke them in the admin."""

from __future__ import annotations

import re

from gongkai.audit.models import AuditEvent
from gongkai.disclosure.api_tokens import ApiToken, find_active_token


def test_an_administrator_creates_a_token_shown_once_and_revokes_it(world, client):
    client.force_login(world.admin)
    response = client.post(
        "/admin/disclosure/apitoken/add/",
        {
            "name": "市财政局公文系统",
            "department": world.finance.pk,
            "user": world.handler_finance.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    shown = [str(m) for m in response.context["messages"]]
    raw = re.search(r"(gk_[A-Za-z0-9_-]+)", " ".join(shown)).group(1)
    token = ApiToken.objects.get()
    assert find_active_token(raw) == token and raw not in token.key_hash
    assert token.created_by == world.admin
    assert AuditEvent.objects.filter(action="disclosure.api_token.create").count() == 1
    listing = client.get("/admin/disclosure/apitoken/").content.decode()
    assert raw not in listing and token.key_prefix in listing

    client.post(
        "/admin/disclosure/apitoken/",
        {"action": "revoke_selected", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None and find_active_token(raw) is None


def test_the_acting_person_must_be_a_drafter_of_the_department(world, client):
    client.force_login(world.admin)
    response = client.post(
        "/admin/disclosure/apitoken/add/",
        {
            "name": "错误的代表人员",
            "department": world.finance.pk,
            "user": world.handler_environment.pk,
        },
    )
    assert response.status_code == 200 and ApiToken.objects.count() == 0
    assert "不是天水市财政局的经办人或审核人" in response.content.decode()


def test_only_administrators_reach_the_token_admin(world, client):
    client.force_login(world.reviewer_finance)
    assert client.get("/admin/disclosure/apitoken/").status_code in (302, 403)
