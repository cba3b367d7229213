"""gongkai.core.ratelimit: counting in fixed windows, in the database or the cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from gongkai.core import ratelimit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=[ratelimit.DATABASE, ratelimit.CACHE])
def store(request, settings):
    settings.RATELIMIT_STORE = request.param
    cache.clear()
    yield request.param
    cache.clear()


def test_hits_are_allowed_up_to_the_limit_then_refused_with_a_wait():
    results = [ratelimit.hit("t", "1.2.3.4", 3, 600) for _ in range(4)]
    assert [r.allowed for r in results] == [True, True, True, False]
    assert [r.count for r in results] == [1, 2, 3, 4]
    assert results[2].remaining == 0
    refused = results[3]
    assert 0 < refused.retry_after <= 600
    assert refused.message.startswith("操作过于频繁，请") and refused.message.endswith("后再试。")


def test_keys_and_scopes_are_counted_separately():
    for _ in range(2):
        ratelimit.hit("a", "k", 2, 60)
    assert not ratelimit.hit("a", "k", 2, 60).allowed
    assert ratelimit.hit("a", "other", 2, 60).allowed
    assert ratelimit.hit("b", "k", 2, 60).allowed


def test_peek_does_not_count():
    for _ in range(5):
        assert ratelimit.peek("p", "k", 2, 60).allowed
    ratelimit.hit("p", "k", 2, 60)
    assert ratelimit.peek("p", "k", 2, 60).allowed
    ratelimit.hit("p", "k", 2, 60)
    blocked = ratelimit.peek("p", "k", 2, 60)
    assert not blocked.allowed and blocked.retry_after > 0


def test_a_new_window_starts_afresh(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    assert ratelimit.hit("w", "k", 1, 60).allowed
    refused = ratelimit.hit("w", "k", 1, 60)
    assert not refused.allowed
    now[0] += refused.retry_after
    assert ratelimit.hit("w", "k", 1, 60).allowed


def test_reset_forgets_the_attempts():
    ratelimit.hit("r", "k", 1, 60)
    ratelimit.reset("r", "k", 60)
    assert ratelimit.hit("r", "k", 1, 60).allowed


def test_an_evicted_counter_starts_again(monkeypatch, settings):
    settings.RATELIMIT_STORE = ratelimit.CACHE  # database rows are not evicted

    def incr(*args, **kwargs):
        raise ValueError("gone")

    monkeypatch.setattr(ratelimit.cache, "incr", incr)
    assert ratelimit.hit("e", "k", 1, 60).count == 1


def test_undo_gives_one_attempt_back_never_below_zero():
    ratelimit.hit("u", "k", 2, 60)
    ratelimit.hit("u", "k", 2, 60)
    ratelimit.undo("u", "k", 60)
    assert ratelimit.peek("u", "k", 2, 60).count == 1
    for _ in range(3):
        ratelimit.undo("u", "k", 60)
    assert ratelimit.hit("u", "k", 2, 60).count == 1


def test_a_lock_holds_until_its_instant_and_a_later_lock_wins():
    now = 1_796_000_000.0
    assert ratelimit.locked_until("l", "k", now=now) is None
    ratelimit.lock("l", "k", now + 100, now=now)
    ratelimit.lock("l", "k", now + 50, now=now)
    assert ratelimit.locked_until("l", "k", now=now + 99) == now + 100
    assert ratelimit.locked_until("l", "k", now=now + 100) is None
    assert ratelimit.locked_until("l", "other", now=now) is None


def test_a_failure_limit_counts_before_checking_and_locks_for_a_whole_window():
    limit, now = ratelimit.FailureLimit("f", 3, 600), 1_796_000_000.0
    begun = [limit.begin("k", now=now + n) for n in range(5)]  # five arrive before any check
    assert [b.refused for b in begun] == [False, False, False, True, True]
    assert begun[3].refused_until == now + 3 + 600
    # a success gives its attempt back; the third failure locks from its own instant
    limit.succeeded(begun[0])
    assert limit.failed(begun[1], now=now + 10) is None
    assert limit.failed(begun[2], now=now + 10) == now + 10 + 600
    assert limit.begin("k", now=now + 609).refused
    assert not limit.begin("k", now=now + 10 + 600).refused
    assert not limit.begin("other", now=now).refused


def test_the_database_store_is_chosen_unless_the_cache_is_redis(settings):
    settings.RATELIMIT_STORE = ""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert ratelimit.store() == ratelimit.DATABASE
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert ratelimit.store() == ratelimit.CACHE


def test_expired_windows_are_deleted_as_new_ones_start(settings):
    settings.RATELIMIT_STORE = ratelimit.DATABASE  # the cache expires its own keys
    from gongkai.core.models import RateCounter

    now = 1_796_000_000.0
    ratelimit.hit("x", "old", 5, 60, now=now)
    assert RateCounter.objects.count() == 1
    ratelimit.hit("x", "new", 5, 60, now=now + 3600)
    assert list(RateCounter.objects.values_list("count", flat=True)) == [1]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (1, "1 秒"),
        (59, "59 秒"),
        (61, "约 2 分钟"),
        (900, "约 15 分钟"),
        (3600, "约 1 小时"),
        (5400, "约 1 小时 30 分钟"),
    ],
)
def test_wait_text(seconds, text):
    assert ratelimit.wait_text(seconds) == text


def test_nonsense_limits_are_refused():
    with pytest.raises(ValueError):
        ratelimit.hit("x", "k", 0, 60)
