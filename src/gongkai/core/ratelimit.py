"""Counting attempts per key in fixed time windows, shared by every web process.

::

    result = ratelimit.hit("applications.submit", address, limit=10, window_seconds=3600)
    if not result.allowed:
        return HttpResponse(result.message, status=429)  # "…请约 12 分钟后再试。"

``hit`` counts one attempt and says whether it is still within the limit, in
one atomic step: of N concurrent attempts exactly ``limit`` are allowed.
``peek`` says the same without counting; ``undo`` gives one attempt back (a
lookup that turned out right); ``lock``/``locked_until`` keep a lock until an
instant. ``FailureLimit`` puts these together for failures counted *before*
the check they guard (login, lookups), so a burst cannot overtake the count.

Where the counters live (``settings.RATELIMIT_STORE``, by default decided by
the cache):

* ``cache`` with ``GONGKAI_CACHE_URL=redis://…``: ``add`` then ``incr``,
  atomic in Redis and shared by every process;
* ``database`` otherwise (the default ``locmem://`` cache is per process, so
  ``gongkai serve``'s two web processes would each count on their own): a row
  per key and window in ``core_ratecounter``, incremented with one
  ``INSERT … ON CONFLICT (name) DO UPDATE SET count = count + 1 RETURNING count``
  (SQLite ≥ 3.35 and PostgreSQL), outside any transaction of the caller's
  when there is none. Expired rows are deleted as new windows start.

Windows are fixed (the counter of 10:00–11:00 starts again at 11:00): an
attacker can spend one window's allowance at its end and the next one's at
the start, so the worst case over any one window length is 2 × ``limit``.
``FailureLimit`` closes that gap with a lock lasting a whole window.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F

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


def _cache_key(scope: str, key: str, index: int | str) -> str:
    # Hash the key: it may be an address or a tracking number typed by anyone,
    # and memcached-style backends refuse long keys or spaces.
    digest = hashlib.sha256(f"{scope}\x00{key}".encode()).hexdigest()[:32]
    return f"{KEY_PREFIX}:{scope[:100]}:{index}:{digest}"


def _check(limit: int, window_seconds: int) -> None:
    if limit < 1 or window_seconds < 1:
        raise ValueError("limit and window_seconds must be positive")


# -- the stores ------------------------------------------------------------------------------
CACHE, DATABASE = "cache", "database"


def store() -> str:
    """Where counters live: ``settings.RATELIMIT_STORE``, else by the cache (see above)."""
    chosen = getattr(settings, "RATELIMIT_STORE", "") or ""
    if chosen:
        if chosen not in (CACHE, DATABASE):
            raise ValueError(f"RATELIMIT_STORE must be {CACHE!r} or {DATABASE!r}")
        return chosen
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return CACHE if "redis" in backend.lower() else DATABASE


def _counters():
    from .models import RateCounter

    return RateCounter.objects


def _db_add(name: str, expires: float, now: float) -> int:
    """Add one to the row ``name`` (created at 1); the new count. One atomic statement."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_ratecounter (name, count, expires) VALUES (%s, 1, %s) "
            "ON CONFLICT (name) DO UPDATE SET count = core_ratecounter.count + 1 "
            "RETURNING count",
            [name, expires],
        )
        count = int(cursor.fetchone()[0])
    if count == 1:  # a new window: forget the windows that have ended
        _counters().filter(expires__lt=now).delete()
    return count


def _add(name: str, window_seconds: int, now: float) -> int:
    if store() == DATABASE:
        return _db_add(name, now + window_seconds + 60, now)
    # Keep the counter a little longer than the window so it cannot vanish mid-window.
    cache.add(name, 0, timeout=window_seconds + 60)
    try:
        return int(cache.incr(name))
    except ValueError:  # evicted between add and incr: start again from this attempt
        cache.set(name, 1, timeout=window_seconds + 60)
        return 1


def _get(name: str, now: float) -> int:
    if store() == DATABASE:
        row = _counters().filter(name=name, expires__gte=now).values_list("count").first()
        return int(row[0]) if row else 0
    return int(cache.get(name) or 0)


def _subtract(name: str) -> None:
    if store() == DATABASE:
        _counters().filter(name=name, count__gt=0).update(count=F("count") - 1)
        return
    try:
        if int(cache.decr(name)) < 0:
            cache.incr(name)
    except ValueError:
        pass


def _delete(name: str) -> None:
    if store() == DATABASE:
        _counters().filter(name=name).delete()
        return
    cache.delete(name)


# -- counting ----------------------------------------------------------------------------------
def hit(
    scope: str, key: str, limit: int, window_seconds: int, *, now: float | None = None
) -> RateLimitResult:
    """Count one attempt of ``key`` in ``scope``; allowed while at most ``limit`` per window.

    ``now`` (seconds since the epoch) places the attempt in its window; default: the clock.
    """
    _check(limit, window_seconds)
    now = time.time() if now is None else now
    index, left = _window(window_seconds, now)
    count = _add(_cache_key(scope, str(key), index), window_seconds, now)
    allowed = count <= limit
    return RateLimitResult(allowed, count, limit, 0 if allowed else left, left)


def peek(
    scope: str, key: str, limit: int, window_seconds: int, *, now: float | None = None
) -> RateLimitResult:
    """Whether one more attempt would be allowed, without counting it.

    ``allowed`` is False once ``limit`` attempts have been counted in the window.
    """
    _check(limit, window_seconds)
    now = time.time() if now is None else now
    index, left = _window(window_seconds, now)
    count = _get(_cache_key(scope, str(key), index), now)
    allowed = count < limit
    return RateLimitResult(allowed, count, limit, 0 if allowed else left, left)


def undo(scope: str, key: str, window_seconds: int, *, now: float | None = None) -> None:
    """Give back one attempt counted in the current window (never below zero)."""
    index, _ = _window(window_seconds, now)
    _subtract(_cache_key(scope, str(key), index))


def reset(scope: str, key: str, window_seconds: int, *, now: float | None = None) -> None:
    """Forget the attempts of ``key`` in the current window."""
    index, _ = _window(window_seconds, now)
    _delete(_cache_key(scope, str(key), index))


# -- locks -------------------------------------------------------------------------------------
def _lock_name(scope: str, key: str) -> str:
    return _cache_key(f"{scope}.lock", str(key), "lock")


def lock(scope: str, key: str, until: float, *, now: float | None = None) -> None:
    """Lock ``key`` in ``scope`` until the instant ``until`` (a later lock is kept)."""
    now = time.time() if now is None else now
    name = _lock_name(scope, key)
    if store() == DATABASE:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO core_ratecounter (name, count, expires) VALUES (%s, 0, %s) "
                "ON CONFLICT (name) DO UPDATE SET expires = CASE "
                "WHEN core_ratecounter.expires > excluded.expires "
                "THEN core_ratecounter.expires ELSE excluded.expires END",
                [name, until],
            )
        return
    current = cache.get(name)
    if current is None or current < until:
        cache.set(name, until, timeout=max(math.ceil(until - now), 1) + 60)


def locked_until(scope: str, key: str, *, now: float | None = None) -> float | None:
    """The instant the lock of ``key`` ends, if it is locked at ``now``."""
    now = time.time() if now is None else now
    name = _lock_name(scope, key)
    if store() == DATABASE:
        row = _counters().filter(name=name).values_list("expires").first()
        until = float(row[0]) if row else None
    else:
        until = cache.get(name)
    return until if until is not None and until > now else None


def unlock(scope: str, key: str) -> None:
    _delete(_lock_name(scope, key))


# -- failures counted before the check they guard ----------------------------------------------
@dataclass(frozen=True)
class Begun:
    """One attempt counted by ``FailureLimit.begin``: its count, or until when it is refused."""

    key: str
    count: int = 0
    refused_until: float | None = None
    now: float = 0.0

    @property
    def refused(self) -> bool:
        return self.refused_until is not None

    @property
    def retry_after(self) -> int:
        return max(math.ceil((self.refused_until or self.now) - self.now), 1)


@dataclass(frozen=True)
class FailureLimit:
    """``limit`` failures of one key within ``window`` seconds lock it for ``window`` seconds.

    ``begin`` counts the attempt *before* the password (or whatever) is checked:
    refused if the key is locked or the attempt is over the limit, so of a burst
    of concurrent attempts at most ``limit`` are ever checked. Then the caller
    says how it went: ``failed`` (the ``limit``-th failure locks the key from
    now for a whole window, so two windows' allowances cannot be spent back to
    back) or ``succeeded`` (the attempt is given back, or the count reset).
    """

    scope: str
    limit: int
    window: int

    def begin(self, key: str, *, now: float | None = None) -> Begun:
        now = time.time() if now is None else now
        until = locked_until(self.scope, key, now=now)
        if until is not None:
            return Begun(key, 0, until, now)
        result = hit(self.scope, key, self.limit, self.window, now=now)
        if not result.allowed:  # a burst overtook the lock: lock now
            until = now + self.window
            lock(self.scope, key, until, now=now)
            return Begun(key, result.count, until, now)
        return Begun(key, result.count, None, now)

    def remaining(self, begun: Begun) -> int:
        return max(self.limit - begun.count, 0)

    def failed(self, begun: Begun, *, now: float | None = None) -> float | None:
        """After a failure: the instant the key is locked until, if this one locked it."""
        if begun.refused or begun.count < self.limit:
            return None
        now = time.time() if now is None else now
        until = now + self.window
        lock(self.scope, begun.key, until, now=now)
        return until

    def succeeded(self, begun: Begun, *, reset_count: bool = False) -> None:
        """After a success: give the attempt back (``reset_count``: forget the window's)."""
        if begun.refused:
            return
        if reset_count:
            reset(self.scope, begun.key, self.window, now=begun.now)
        else:
            undo(self.scope, begun.key, self.window, now=begun.now)

    def give_back(self, begun: Begun) -> None:
        """An attempt counted but never checked (another limit refused it)."""
        if not begun.refused:
            undo(self.scope, begun.key, self.window, now=begun.now)
