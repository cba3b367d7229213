"""Wrong guesses in the citizens' lookups (查询): lock what was guessed, not the way in.

A citizen looks up their record (an application's 受理编号, a message's 查询码)
with its query password, or with the phone given when submitting. Someone
guessing tries one code with many passwords; a whole office behind one NAT
address looks up many codes with the right passwords. So:

* wrong passwords are counted per code: ``APPLICATION_LOOKUP_FAILURE_LIMIT``
  of them within ``APPLICATION_LOOKUP_FAILURE_WINDOW`` seconds (default 5 in
  15 minutes) lock *that code's password lookup* for the window's length from
  the last failure; even the right password is not checked until then, so
  guessing gains nothing. Wrong phones are counted and locked the same way,
  separately: the applicant who forgot the password can still use the phone;
* other codes are not touched, from the same address or any other;
* per address there is only an anti-flood limit (``flood_limit`` failures of
  one route per window, default 500): many hundreds of guesses across codes,
  far above what an office mistypes. It locks that address's lookups of that
  route in that portal only, never the other portals' lookups.

Counters and locks live in the Django cache (``gongkai.core.ratelimit``; see
there for locmem vs Redis). A lock holds the instant it ends, so the time can
be passed explicitly (``now``) and the message says until when, in Beijing time.

::

    outcome = LOCKOUT.look_up(ip, code, password=..., phone=..., find=find_for_lookup)
    if outcome.refused:   # 429, LOCKOUT.message(outcome.refused), Retry-After
    elif outcome.found is None:   # "不匹配" + outcome.warning
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from . import ratelimit

PASSWORD, PHONE = "password", "phone"
ROUTES = (PASSWORD, PHONE)
ROUTE_WORDS = {PASSWORD: "查询密码", PHONE: "联系电话"}
ADDRESS = "address"  # what a flood lock locks


#: Seconds since the epoch; tests replace it to let time pass.
clock = time.time


def _now(now: float | None) -> float:
    return clock() if now is None else now


def _limits() -> tuple[int, int]:
    return settings.APPLICATION_LOOKUP_FAILURE_LIMIT, settings.APPLICATION_LOOKUP_FAILURE_WINDOW


def normal_code(code: str) -> str:
    return (code or "").strip().upper()[:64]


def until_text(until: float, now: float) -> str:
    """When a lock ends, in Beijing time: ``10:47``, or ``12月8日 00:05`` on another day."""
    end = timezone.localtime(datetime.fromtimestamp(until, UTC))
    if end.date() == timezone.localtime(datetime.fromtimestamp(now, UTC)).date():
        return f"{end:%H:%M}"
    return f"{end.month}月{end.day}日 {end:%H:%M}"


@dataclass(frozen=True)
class Lock:
    """One lookup route locked: of one code (``what`` = the route), or of an address."""

    what: str  # PASSWORD, PHONE, "both" (a code closed both ways) or ADDRESS
    routes: tuple[str, ...]  # the routes it closes
    code: str
    until: float
    now: float

    @property
    def retry_after(self) -> int:
        return max(math.ceil(self.until - self.now), 1)

    @property
    def until_text(self) -> str:
        return until_text(self.until, self.now)


@dataclass(frozen=True)
class Attempt:
    """What may be checked now: the password and the phone, each blank when its route is
    locked (``skipped`` names those); ``refused`` when nothing given may be checked."""

    password: str
    phone: str
    skipped: tuple[Lock, ...]
    refused: Lock | None


@dataclass(frozen=True)
class LookupOutcome:
    found: Any | None
    refused: Lock | None  # answer 429 with ``message(refused)``
    warning: str = ""  # not found: how many tries remain, in Chinese


@dataclass(frozen=True)
class LookupLockout:
    """The lock-out of one portal's lookups, with the words of its messages."""

    scope: str  # "applications.lookup"
    code_word: str  # 受理编号, 查询码
    person: str  # 申请人, 留言人
    phone_hint: str  # 申请时填写的联系电话
    contact: str = ""  # "，或联系受理机关"
    flood_limit: int = 500

    # -- keys ------------------------------------------------------------------------------
    def _count_scope(self, route: str) -> str:
        return f"{self.scope}.{route}"

    def _flood_scope(self, route: str) -> str:
        return f"{self.scope}.ip.{route}"

    def _lock_key(self, route: str, code: str) -> str:
        digest = hashlib.sha256(f"{self.scope}\x00{route}\x00{code}".encode()).hexdigest()[:32]
        return f"{ratelimit.KEY_PREFIX}:lock:{self.scope}.{route}:{digest}"

    # -- reading ---------------------------------------------------------------------------
    def lock_of(self, ip: str, code: str, route: str, *, now: float | None = None) -> Lock | None:
        """The lock closing ``route`` for this code from this address, if any."""
        now, code = _now(now), normal_code(code)
        until = cache.get(self._lock_key(route, code)) if code else None
        if until is not None and until > now:
            return Lock(route, (route,), code, until, now)
        _limit, window = _limits()
        flood = ratelimit.peek(self._flood_scope(route), ip, self.flood_limit, window, now=now)
        if not flood.allowed:
            return Lock(ADDRESS, (route,), code, now + flood.retry_after, now)
        return None

    def check(
        self, ip: str, code: str, *, password: str = "", phone: str = "", now: float | None = None
    ) -> Attempt:
        """Which of the password and the phone may be checked now."""
        now = _now(now)
        given = {PASSWORD: password or "", PHONE: phone or ""}
        usable, skipped = {}, []
        for route in ROUTES:
            lock = self.lock_of(ip, code, route, now=now) if given[route].strip() else None
            if lock is not None:
                skipped.append(lock)
            usable[route] = "" if lock is not None or not given[route].strip() else given[route]
        refused = None
        if skipped and not any(usable.values()):
            refused = self._merged(skipped)
        return Attempt(usable[PASSWORD], usable[PHONE], tuple(skipped), refused)

    @staticmethod
    def _merged(locks: list[Lock]) -> Lock:
        """One lock for the routes closed together: both of a code's, or an address's."""
        if len(locks) == 1:
            return locks[0]
        last = max(locks, key=lambda lock: lock.until)
        what = "both" if all(lock.what != ADDRESS for lock in locks) else ADDRESS
        routes = tuple(route for lock in locks for route in lock.routes)
        return Lock(what, routes, last.code, last.until, last.now)

    # -- counting --------------------------------------------------------------------------
    def count_failure(
        self, ip: str, code: str, attempt: Attempt, *, now: float | None = None
    ) -> tuple[Lock | None, int, tuple[str, ...]]:
        """Count a failure of each route tried; (the lock it caused, tries left, routes)."""
        now, code = _now(now), normal_code(code)
        limit, window = _limits()
        tried = tuple(r for r in ROUTES if (attempt.password if r == PASSWORD else attempt.phone))
        locks, remaining = [], limit
        for route in tried:
            flood = ratelimit.hit(self._flood_scope(route), ip, self.flood_limit, window, now=now)
            if code:
                counted = ratelimit.hit(self._count_scope(route), code, limit, window, now=now)
                remaining = min(remaining, counted.remaining)
                if not counted.allowed or counted.remaining == 0:
                    until = now + window
                    cache.set(self._lock_key(route, code), until, timeout=window + 60)
                    ratelimit.reset(self._count_scope(route), code, window, now=now)
                    locks.append(Lock(route, (route,), code, until, now))
                    continue
            if not flood.allowed or flood.remaining == 0:
                locks.append(Lock(ADDRESS, (route,), code, now + flood.resets_in, now))
        return (self._merged(locks) if locks else None), remaining, tried

    def look_up(
        self,
        ip: str,
        code: str,
        *,
        password: str = "",
        phone: str = "",
        find: Callable[..., Any],
        now: float | None = None,
    ) -> LookupOutcome:
        """Check what may be checked with ``find(code, password=, phone=)``; count a failure."""
        now = _now(now)
        attempt = self.check(ip, code, password=password, phone=phone, now=now)
        if attempt.refused is not None:
            return LookupOutcome(None, attempt.refused)
        found = find(code, password=attempt.password, phone=attempt.phone)
        if found is not None:
            return LookupOutcome(found, None)
        lock, remaining, tried = self.count_failure(ip, code, attempt, now=now)
        if lock is not None:
            return LookupOutcome(None, lock)
        return LookupOutcome(None, None, self.warning(remaining, tried, attempt.skipped))

    # -- words -----------------------------------------------------------------------------
    def warning(self, remaining: int, tried: tuple[str, ...], skipped: tuple[Lock, ...]) -> str:
        """After a wrong password or phone: how many tries remain (and what was not checked)."""
        _limit, window = _limits()
        routes = "或".join(ROUTE_WORDS[r] for r in tried)
        text = (
            f"再错{remaining}次，这个{self.code_word}凭{routes}的查询将暂停"
            f"{ratelimit.wait_text(window).replace('约 ', '')}。"
        )
        for lock in skipped:
            text += (
                f"（{ROUTE_WORDS[lock.routes[0]]}的查询暂停到{lock.until_text}，这次没有核对。）"
            )
        return text

    def message(self, lock: Lock) -> str:
        """Why the lookup is refused: what is locked, and until when."""
        when = f"暂停到{lock.until_text}（{ratelimit.wait_text(lock.retry_after)}后）"
        if lock.what == ADDRESS:
            routes = "和".join(ROUTE_WORDS[r] for r in lock.routes)
            return (
                f"这个网络地址查询失败的次数过多，从这个地址凭{routes}查询已{when}。"
                f"请到时再试{self.contact}。"
            )
        if lock.what == PHONE:
            return (
                f"{self.code_word} {lock.code} 的联系电话错误次数过多，为保护{self.person}信息，"
                f"凭联系电话查询这个{self.code_word}已{when}。"
                f"请凭查询密码查询{self.contact}；其他{self.code_word}的查询不受影响。"
            )
        if lock.what == PASSWORD:
            return (
                f"{self.code_word} {lock.code} 的查询密码错误次数过多，为保护{self.person}信息，"
                f"凭查询密码查询这个{self.code_word}已{when}。"
                f"忘记查询密码的，可以凭{self.code_word}和{self.phone_hint}查询{self.contact}；"
                f"其他{self.code_word}的查询不受影响。"
            )
        return (
            f"{self.code_word} {lock.code} 的查询密码和联系电话错误次数过多，"
            f"为保护{self.person}信息，查询这个{self.code_word}已{when}。"
            f"请到时再试{self.contact}；其他{self.code_word}的查询不受影响。"
        )
