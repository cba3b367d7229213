"""Rate limits per address and per phone number (one counter per phone, however it is written)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import override_settings

from gongkai.interaction import limits

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@override_settings(MESSAGE_SUBMIT_LIMIT_PER_PHONE=2, MESSAGE_SUBMIT_LIMIT_PER_ADDRESS=10)
def test_the_phone_limit_applies_across_addresses_and_spellings():
    assert limits.count_submission("10.0.0.1", "13800001234") is None
    assert limits.count_submission("10.0.0.2", "+86 138-0000-1234") is None
    assert limits.submit_blocked("10.0.0.3", "008613800001234") is not None
    assert limits.submit_blocked("10.0.0.3", "13900001234") is None
    refusal = limits.count_submission("10.0.0.4", "13800001234")
    assert refusal is not None and refusal.retry_after > 0
    assert "2条" in limits.submit_message(refusal)


@override_settings(MESSAGE_SUBMIT_LIMIT_PER_PHONE=10, MESSAGE_SUBMIT_LIMIT_PER_ADDRESS=2)
def test_the_address_limit_applies_across_phones():
    assert limits.count_submission("10.0.0.1", "13800000001") is None
    assert limits.count_submission("10.0.0.1", "13800000002") is None
    assert limits.submit_blocked("10.0.0.1", "13800000003") is not None
    assert limits.submit_blocked("10.0.0.9", "13800000003") is None


@override_settings(APPLICATION_LOOKUP_FAILURE_LIMIT=2)
def test_lookup_failures_lock_the_code_from_that_address_however_it_is_written():
    lockout, now = limits.LOOKUP_LOCKOUT, 1_796_000_000.0

    def nothing(code, **kwargs):
        return None

    lockout.look_up("10.0.0.1", "ly20261127-0001", password="x", find=nothing, now=now)
    lockout.look_up("10.0.0.1", "LY20261127-0001 ", password="y", find=nothing, now=now)
    lock = lockout.lock_of("10.0.0.1", "LY20261127-0001", "password", now=now + 1)
    assert lock is not None
    assert lockout.lock_of("10.0.0.3", "LY20261127-0001", "password", now=now + 1) is None
    assert lockout.lock_of("10.0.0.1", "LY20261127-0002", "password", now=now + 1) is None
    assert lockout.lock_of("10.0.0.1", "LY20261127-0001", "phone", now=now + 1) is None
    assert "查询码 LY20261127-0001 的查询密码错误次数过多" in lockout.message(lock)


def test_lookup_by_phone_accepts_the_phone_however_it_is_written(world):
    from datetime import date

    from gongkai.interaction.services import find_for_lookup

    from .helpers import submitted

    message = submitted(world, date(2026, 11, 23))
    for spelling in ("13800001234", "+86 138-0000-1234", "0086 13800001234"):
        assert find_for_lookup(message.query_code, phone=spelling) == message
    assert find_for_lookup(message.query_code, phone="13800001235") is None
