"""Double submissions of an application (issue 15): an idempotency key replays only the
same request, with the same working password; anything else is refused and tells
nothing about the first application, whose password never changes; concurrent twins
make one application and every client is shown a password that works; no plaintext
password stays in the session store once the receipt has been shown."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.applications import services
from gongkai.applications.models import Application
from gongkai.applications.services.intake import password_matches
from gongkai.testing.problems import field_errors, problem_of

from .helpers import applicant_data

pytestmark = pytest.mark.django_db
SUBMIT = "/api/v1/applications"
APPLY = reverse("applications_portal:apply")
RECEIPT = reverse("applications_portal:receipt")
KEY = "3f7d9c1e-owner-key"
# what someone else sends: the owner's agency, ID number and request, their own contact data
TAKER = {
    "name": "李四",
    "phone": "13999999999",
    "email": "lisi@example.com",
    "address": "甘肃省天水市麦积区1号",
}


@pytest.fixture(autouse=True)
def _clean(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.APPLICATION_SUBMIT_LIMIT = 1000
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def later():
    """Move the clock ``minutes`` on from now (relative: the suite runs on several days)."""
    travels = []

    def move(minutes: float):
        travel = time_machine.travel(timezone.now() + timedelta(minutes=minutes), tick=True)
        travel.start()
        travels.append(travel)

    yield move
    for travel in reversed(travels):
        travel.stop()


def post(client, body, **headers):
    raw = json.dumps(body, ensure_ascii=False).encode()
    return client.post(SUBMIT, raw, content_type="application/json", headers=headers)


def owner_submits(client, world, key=KEY):
    response = post(client, applicant_data(world.finance), **{"Idempotency-Key": key})
    assert response.status_code == 201, response.content
    return response.json()


def assert_untouched(first: dict):
    application = Application.objects.get()
    assert application.name == "张三" and application.phone == "13800000000"
    assert password_matches(application, first["password"])
    assert not application.timeline.filter(text__contains="密码").exists()
    # the owner still finds it with their password
    assert services.find_for_lookup(first["tracking_number"], password=first["password"])


def assert_tells_nothing(response, first: dict):
    text = response.content.decode()
    for secret in (first["tracking_number"], first["password"], "张三", "13800000000"):
        assert secret not in text
    assert "password" not in response.json() and "tracking_number" not in response.json()


def test_reusing_someone_elses_key_with_other_content_is_422_even_much_later(client, world, later):
    first = owner_submits(client, world)
    for minutes in (0, 35):
        later(minutes)
        response = post(
            Client(), applicant_data(world.finance, **TAKER), **{"Idempotency-Key": KEY}
        )
        assert response.status_code == 422
        assert "Idempotency-Key" in field_errors(response)
        assert "未被受理" in problem_of(response)["detail"]
        assert_tells_nothing(response, first)
    assert_untouched(first)


def test_the_same_content_under_another_name_is_409_and_tells_nothing(client, world):
    first = owner_submits(client, world)
    for key in ("", "attacker-key-1"):
        headers = {"Idempotency-Key": key} if key else {}
        response = post(Client(), applicant_data(world.finance, **TAKER), **headers)
        assert response.status_code == 409
        detail = problem_of(response)["detail"]
        assert "相同内容的申请已于" in detail and "未重复受理" in detail
        assert "请使用首次提交后获得的受理编号和查询密码查询" in detail
        assert_tells_nothing(response, first)
    assert Application.objects.count() == 1
    assert_untouched(first)


def test_the_same_content_after_the_window_is_a_new_application(client, world, later):
    owner_submits(client, world)
    later(11)  # duplicate_window_minutes: 10
    response = post(client, applicant_data(world.finance), **{"Idempotency-Key": "next-key"})
    assert response.status_code == 201
    assert Application.objects.count() == 2


def test_a_replay_gives_the_same_working_password_from_any_process(client, world, later):
    first = owner_submits(client, world)
    cache.clear()  # another process: nothing shared but the database
    later(35)
    again = post(Client(), applicant_data(world.finance), **{"Idempotency-Key": KEY})
    assert again.status_code == 200
    body = again.json()
    assert body["created"] is False and body["tracking_number"] == first["tracking_number"]
    assert body["password"] == first["password"]
    assert_untouched(first)


def test_a_key_expires_after_its_lifetime_and_is_not_reused(client, world, later, settings):
    settings.IDEMPOTENCY_HOURS = 2
    first = owner_submits(client, world)
    later(60)
    assert (
        post(client, applicant_data(world.finance), **{"Idempotency-Key": KEY}).status_code == 200
    )
    later(61 + 60)
    for body in (applicant_data(world.finance), applicant_data(world.finance, **TAKER)):
        response = post(Client(), body, **{"Idempotency-Key": KEY})
        assert response.status_code == 422
        assert "已经失效" in problem_of(response)["detail"]
        assert_tells_nothing(response, first)
    assert Application.objects.count() == 1
    assert_untouched(first)
    # a new key is a new application
    fresh = post(client, applicant_data(world.finance), **{"Idempotency-Key": "fresh-key"})
    assert fresh.status_code == 201


def test_an_attachment_is_part_of_the_request(client, world):
    import base64

    from gongkai.files.tests import samples

    def with_file(text):
        pdf = base64.b64encode(samples.pdf(text)).decode()
        return {
            **applicant_data(world.finance),
            "attachments": [
                {"purpose": "authorisation", "filename": "委托书.pdf", "content_base64": pdf}
            ],
        }

    first = post(client, with_file("委托书"), **{"Idempotency-Key": KEY})
    assert first.status_code == 201, first.content
    assert post(client, with_file("委托书"), **{"Idempotency-Key": KEY}).status_code == 200
    assert post(client, with_file("另一份"), **{"Idempotency-Key": KEY}).status_code == 422


def test_no_plaintext_password_is_left_in_the_session_store(client, world):
    response = client.post(APPLY, applicant_data(world.finance, idempotency_key="form-1"))
    assert response.status_code == 302
    html = client.get(RECEIPT).content.decode()
    application = Application.objects.get()
    import re

    password = re.search(r'id="query-password">(\w+)<', html).group(1)
    assert password_matches(application, password)
    sessions = list(Session.objects.all())
    assert sessions
    for row in sessions:
        assert password not in row.session_data
        assert password not in json.dumps(row.get_decoded(), ensure_ascii=False)
    # a reload (or anyone with this session) sees the receipt without the password
    reload = client.get(RECEIPT).content.decode()
    assert application.tracking_number in reload and password not in reload


@pytest.mark.django_db(transaction=True)
def test_twenty_identical_concurrent_submissions_make_one_application_one_password(world):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(
        ("file:memorydb", ":memory:")
    ):
        pytest.skip("in-memory SQLite shares one connection between threads")
    data = applicant_data(world.finance)
    results, errors = [], []
    start = threading.Barrier(20)

    def submit():
        try:
            start.wait()
            results.append(services.submit_online(dict(data), idempotency_key=KEY))
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
    assert Application.objects.count() == 1
    application = Application.objects.get()
    assert len(results) == 20 and sum(r.created for r in results) == 1
    assert {r.application.pk for r in results} == {application.pk}
    assert len({r.password for r in results}) == 1
    assert password_matches(application, results[0].password)
