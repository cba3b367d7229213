"""好差评 on the staff case page: the counter device's rating, the call and the
rectification of a named 差评, through the Desk."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.services.models import Rating
from gongkai.services.services import ratings

from .rating_helpers import completed_case

pytestmark = pytest.mark.django_db


def url(case, action=""):
    return f"/workbench/services/cases/{case.pk}/{action}"


def test_the_clerk_records_the_counter_rating(client, world):
    case, _ = completed_case(world)
    client.force_login(world.handler_finance)
    page = client.get(url(case)).content.decode()
    assert 'id="counter-rating"' in page
    response = client.post(url(case, "rating/"), {"counter-grade": "4", "counter-comment": ""})
    assert response.status_code == 302
    rating = Rating.objects.get(case=case)
    assert rating.channel == "counter" and rating.recorded_by == world.handler_finance
    assert 'id="counter-rating"' not in client.get(url(case)).content.decode()


def test_the_clerk_records_the_call_and_the_answer(client, world, today_is):
    today_is(date(2026, 2, 13))
    case, _ = completed_case(world)
    follow_up = ratings.rate(case, grade=1, comment="态度差").follow_up
    client.force_login(world.handler_finance)
    page = client.get(url(case)).content.decode()
    assert 'id="rating-call"' in page and "待回访" in page and "2026年2月27日" in page
    response = client.post(url(case, "rating/call/"), {"call-notes": "", "call-on": "2026-02-13"})
    assert response.status_code == 400
    response = client.post(
        url(case, "rating/call/"), {"call-notes": "申请人反映等候过久", "call-on": "2026-02-13"}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.state == "rectifying" and follow_up.call_notes == "申请人反映等候过久"
    response = client.post(
        url(case, "rating/rectify/"), {"rectify-answer": "增设取号窗口", "rectify-on": "2026-02-13"}
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.state == "rectified" and follow_up.answer == "增设取号窗口"


def test_the_office_reads_but_does_not_follow_up(client, world):
    case, _ = completed_case(world)
    ratings.rate(case, grade=1)
    client.force_login(world.office)
    page = client.get(url(case)).content.decode()
    assert "待回访" in page and 'id="rating-call"' not in page
    response = client.post(url(case, "rating/call/"), {"call-notes": "x", "call-on": "2026-12-07"})
    assert response.status_code == 403


def test_a_named_bad_rating_waits_in_the_department_s_to_dos(world):
    from django.utils import timezone

    from gongkai.workbench.todos import todos_for

    case, _ = completed_case(world)
    ratings.rate(case, grade=1)

    def mine(user, department):
        found = todos_for(user, department, now=timezone.now())
        return [t for t in found if t.module == "好差评"]

    (todo,) = mine(world.handler_finance, world.finance)
    assert todo.action == "差评回访" and case.number in todo.subject
    assert mine(world.office, world.general_office) == []
