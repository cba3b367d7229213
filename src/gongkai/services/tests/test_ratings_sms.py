"""The SMS link: a signed token naming one case, refused when tampered with or expired."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from gongkai.services.services import ratings

from .rating_helpers import completed_case

pytestmark = pytest.mark.django_db


def test_the_token_names_its_case(world):
    case, _ = completed_case(world)
    assert ratings.case_from_token(ratings.sms_token(case)) == case


def test_a_tampered_token_is_refused(world):
    case, _ = completed_case(world)
    token = ratings.sms_token(case)
    assert ratings.case_from_token(token[:-2] + ("AA" if token[-2:] != "AA" else "BB")) is None
    assert ratings.case_from_token("not-a-token") is None


def test_a_token_expires_after_30_days(world):
    case, _ = completed_case(world)
    token = ratings.sms_token(case)
    with time_machine.travel(timezone.now() + timedelta(days=29), tick=False):
        assert ratings.case_from_token(token) == case
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        assert ratings.case_from_token(token) is None


def test_the_sms_text_carries_the_link(world):
    case, _ = completed_case(world)
    text = ratings.sms_text(case, "https://www.example.gov.cn/")
    assert case.number in text and "https://www.example.gov.cn/banshi/case/rate/" in text
