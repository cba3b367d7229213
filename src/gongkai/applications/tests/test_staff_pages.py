"""The staff pages of 依申请公开 render for each persona and show only what each may do."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from .helpers import received, submitted

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"workbench:applications_staff:{name}", args=args)


@pytest.fixture
def apps_(world):
    waiting = submitted(world.finance, date(2026, 11, 20), name="李四")
    handling = received(world.finance, date(2026, 11, 2), world.handler_finance, name="王五")
    other = received(world.environment, date(2026, 11, 2), world.handler_environment)
    return waiting, handling, other


PERSONAS = ["handler_finance", "reviewer_finance", "secrecy_finance", "office"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_queue_and_detail_render_for_each_persona(client, world, apps_, persona):
    waiting, handling, _other = apps_
    client.force_login(getattr(world, persona))
    response = client.get(url("queue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert waiting.tracking_number in html
    assert handling.tracking_number in html
    for application in (waiting, handling):
        response = client.get(url("detail", application.pk))
        assert response.status_code == 200, persona
    response = client.get(url("supervision"))
    assert response.status_code == 200
