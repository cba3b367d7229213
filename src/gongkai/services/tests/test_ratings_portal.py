"""The applicant rates on the status page after the lookup and by the SMS link."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from gongkai.services.models import Rating, RatingFollowUp
from gongkai.services.services import ratings

from .case_helpers import apply, published_item
from .rating_helpers import completed_case

pytestmark = pytest.mark.django_db

LOOKUP = "/banshi/case/lookup/"
STATUS = "/banshi/case/status/"
RATE = "/banshi/case/status/rate/"


def look_up(client, case, password):
    response = client.post(LOOKUP, {"number": case.number, "password": password})
    assert response.status_code == 302


def test_the_status_page_of_a_completed_case_offers_the_five_grades(client, world):
    case, password = completed_case(world)
    look_up(client, case, password)
    page = client.get(STATUS).content.decode()
    assert 'id="rating"' in page and "<fieldset" in page
    for label in ("非常满意", "满意", "基本满意", "不满意", "非常不满意"):
        assert f"<span>{label}</span>" in page


def test_an_open_case_has_no_rating_form(client, world):
    submission = apply(published_item(world))
    look_up(client, submission.case, submission.password)
    assert 'id="rating"' not in client.get(STATUS).content.decode()


def test_rating_dissatisfied_with_a_comment_opens_the_follow_up_once(client, world):
    case, password = completed_case(world)
    look_up(client, case, password)
    data = {"grade": "2", "comment": "等候时间太长"}
    assert client.post(RATE, data).status_code == 302
    assert client.post(RATE, data).status_code == 302  # double submission
    rating = Rating.objects.get(case=case)
    assert rating.grade == 2 and rating.comment == "等候时间太长" and rating.channel == "online"
    assert RatingFollowUp.objects.filter(rating__case=case).count() == 1
    page = client.get(STATUS).content.decode()
    assert "您已于" in page and "不满意" in page


def test_no_grade_keeps_the_form_with_the_error(client, world):
    case, password = completed_case(world)
    look_up(client, case, password)
    response = client.post(RATE, {"comment": "x"})
    assert response.status_code == 400 and "请选择评价" in response.content.decode()
    assert not Rating.objects.filter(case=case).exists()


def test_rating_without_the_lookup_goes_to_the_lookup(client, world):
    completed_case(world)
    assert client.post(RATE, {"grade": "5"}).url == LOOKUP
    assert not Rating.objects.exists()


def test_the_sms_link_opens_the_form_for_its_case_without_the_password(client, world):
    case, _ = completed_case(world)
    url = f"/banshi/case/rate/{ratings.sms_token(case)}/"
    page = client.get(url)
    assert page.status_code == 200 and case.number in page.content.decode()
    assert client.post(url, {"grade": "5"}).status_code == 302
    assert client.post(url, {"grade": "1"}).status_code == 200  # already rated: shown
    rating = Rating.objects.get(case=case)
    assert rating.grade == 5 and rating.channel == "sms"


def test_a_tampered_or_expired_link_is_refused(client, world):
    case, _ = completed_case(world)
    token = ratings.sms_token(case)
    tampered = token[:-3] + ("xyz" if not token.endswith("xyz") else "abc")
    assert client.get(f"/banshi/case/rate/{tampered}/").status_code == 404
    assert client.post(f"/banshi/case/rate/{tampered}/", {"grade": "5"}).status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        assert client.get(f"/banshi/case/rate/{token}/").status_code == 404
    assert not Rating.objects.exists()


def test_the_rerating_after_the_rectification(client, world):
    case, password = completed_case(world)
    follow_up = ratings.rate(case, grade=1).follow_up
    ratings.record_call(follow_up, actor=world.handler_finance, notes="回访")
    ratings.rectify(follow_up, actor=world.handler_finance, answer="已整改窗口流程")
    look_up(client, case, password)
    assert "已整改窗口流程" in client.get(STATUS).content.decode()
    assert client.post("/banshi/case/status/rerate/", {"grade": "4"}).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.state == "rerated" and follow_up.rerating.grade == 4
