"""gongkai.core.ratelimit: counting in fixed windows in the cache."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from gongkai.core import ratelimit


@pytest.fixture(autouse=True)
def _clear():
    cache.clear()
    yield
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


def test_an_evicted_counter_starts_again(monkeypatch):
    def incr(*args, **kwargs):
        raise ValueError("gone")

    monkeypatch.setattr(ratelimit.cache, "incr", incr)
    assert ratelimit.hit("e", "k", 1, 60).count == 1


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
