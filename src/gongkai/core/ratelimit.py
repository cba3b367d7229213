"""Counting attempts per key in fixed time windows, in the Django cache.

::

    result = ratelimit.hit("applications.submit", client_ip, limit=10, window_seconds=3600)
    if not result.allowed:
        return HttpResponse(result.message, status=429)  # "…请约 12 分钟后再试。"

``hit`` counts one attempt and says whether it is still within the limit;
``peek`` says the same without counting (to refuse before even checking a
password, and to count only the failures). Both are one or two cache calls:
``add`` (creates the window's counter only if absent) and ``incr`` — atomic
on Redis, and on the local-memory cache within one process.

The cache decides how far a limit reaches: with ``GONGKAI_CACHE_URL=redis://…``
every web process shares the counters; with the default ``locmem://`` each
process counts on its own, so N processes allow up to N × ``limit`` attempts
per window. That is enough for a trial on one machine, not for production.

Windows are fixed (the counter of 10:00–11:00 starts again at 11:00): an
attacker can spend one window's allowance at its end and the next one's at
the start, so the worst case over any one window length is 2 × ``limit``.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.core.cache import cache

KEY_PREFIX = "ratelimit"


@dataclass(frozen=True)
class RateLimitResult:
    allowed: bool
    count: int  # attempts counted in the current window, including this one
    limit: int
    retry_after: int  # seconds until the window ends (0 while allowed)
    resets_in: int = 0  # seconds until the window ends, allowed or not

    @property
    def remaining(self) -> int:
        return max(self.limit - self.count, 0)

    @property
    def wait_text(self) -> str:
        return wait_text(self.retry_after or self.resets_in)

    @property
    def message(self) -> str:
        """A Chinese sentence for the person who was refused."""
        return f"操作过于频繁，请{self.wait_text}后再试。"


def wait_text(seconds: int) -> str:
    """约 N 分钟 / N 秒, rounded up, for a message."""
    seconds = max(int(seconds), 1)
    if seconds < 60:
        return f"{seconds} 秒"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"约 {minutes} 分钟"
    hours, rest = divmod(minutes, 60)
    return f"约 {hours} 小时" + (f" {rest} 分钟" if rest else "")


def _window(window_seconds: int, now: float | None = None) -> tuple[int, int]:
    """(index of the current window, seconds until it ends)."""
    now = time.time() if now is None else now
    index = int(now // window_seconds)
    ends = (index + 1) * window_seconds
    return index, max(math.ceil(ends - now), 1)


def _cache_key(scope: str, key: str, index: int) -> str:
    # Hash the key: it may be an address or a tracking number typed by anyone,
    # and memcached-style backends refuse long keys or spaces.
    digest = hashlib.sha256(f"{scope}\x00{key}".encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{scope}:{index}:{digest}"


def _check(limit: int, window_seconds: int) -> None:
    if limit < 1 or window_seconds < 1:
        raise ValueError("limit and window_seconds must be positive")


def hit(
    scope: str, key: str, limit: int, window_seconds: int, *, now: float | None = None
) -> RateLimitResult:
    """Count one attempt of ``key`` in ``scope``; allowed while at most ``limit`` per window.

    ``now`` (seconds since the epoch) places the attempt in its window; default: the clock.
    """
    _check(limit, window_seconds)
    index, left = _window(window_seconds, now)
    name = _cache_key(scope, str(key), index)
    # Keep the counter a little longer than the window so it cannot vanish mid-window.
    cache.add(name, 0, timeout=window_seconds + 60)
    try:
        count = cache.incr(name)
    except ValueError:  # evicted between add and incr: start again from this attempt
        cache.set(name, 1, timeout=window_seconds + 60)
        count = 1
    allowed = count <= limit
    return RateLimitResult(allowed, count, limit, 0 if allowed else left, left)


def peek(
    scope: str, key: str, limit: int, window_seconds: int, *, now: float | None = None
) -> RateLimitResult:
    """Whether one more attempt would be allowed, without counting it.

    ``allowed`` is False once ``limit`` attempts have been counted in the window.
    """
    _check(limit, window_seconds)
    index, left = _window(window_seconds, now)
    count = int(cache.get(_cache_key(scope, str(key), index)) or 0)
    allowed = count < limit
    return RateLimitResult(allowed, count, limit, 0 if allowed else left, left)


def reset(scope: str, key: str, window_seconds: int, *, now: float | None = None) -> None:
    """Forget the attempts of ``key`` in the current window."""
    index, _ = _window(window_seconds, now)
    cache.delete(_cache_key(scope, str(key), index))
