"""Wrong guesses in the citizens' lookups (查询): guessing is bounded, the owner gets in.

A citizen looks up their record (an application's 受理编号, a message's 查询码)
with its query password, or with the phone given when submitting. Numbers are
sequential, so anyone can name anyone's number: a lock on the number alone
would let anyone lock any citizen out. So each route (password, phone) of a
lookup is guarded by three ``gongkai.core.ratelimit.FailureLimit``s, all within
``APPLICATION_LOOKUP_FAILURE_WINDOW`` seconds (default 15 minutes):

* per number *and address*: ``APPLICATION_LOOKUP_FAILURE_LIMIT`` (default 5)
  wrong passwords lock that number's password lookup *from that address* for
  a window from the last failure; even the right password is not checked from
  there until then. Other addresses, the owner's included, are not touched;
* per address over all numbers (anti-flood): ``LOOKUP_ADDRESS_FAILURE_LIMIT``
  (default 100) failures lock that address's lookups of that route in that
  portal. A whole office behind one NAT address mistyping now and then is far
  below it; right answers are not counted;
* per number over all addresses: ``LOOKUP_CODE_FAILURE_LIMIT`` (default 200),
  a cap so high that only guessing from at least 40 addresses reaches it; it
  bounds distributed guessing (docs/configuration.md has the arithmetic).

Each attempt is counted *before* the password is checked (atomically, in the
store shared by every web process), and a right answer is given back: of a
burst of 40 wrong passwords and 1 right one from one address at most 5 are
checked. Wrong phones are counted the same way, separately: the applicant who
forgot the password can still use the phone.

A lock holds the instant it ends, so the time can be passed explicitly (``now``)
and the message says until when, in Beijing time.

::

    outcome = LOCKOUT.look_up(ip, code, password=..., phone=..., find=find_for_lookup)
    if outcome.refused:   # 429, LOCKOUT.message(outcome.refused), Retry-After
    elif outcome.found is None:   # "不匹配" + outcome.warning
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from . import ratelimit
from .ratelimit import Begun, FailureLimit

PASSWORD, PHONE = "password", "phone"
ROUTES = (PASSWORD, PHONE)
ROUTE_WORDS = {PASSWORD: "查询密码", PHONE: "联系电话"}
ADDRESS = "address"  # what a flood lock locks
EVERYWHERE = "everywhere"  # a number locked from every address (the per-number cap)
HERE = "here"  # a number locked from one address


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
    reach: str = HERE  # a code's lock: from this address (HERE) or from all (EVERYWHERE)

    @property
    def retry_after(self) -> int:
        return max(math.ceil(self.until - self.now), 1)

    @property
    def until_text(self) -> str:
        return until_text(self.until, self.now)


@dataclass(frozen=True)
class LookupOutcome:
    found: Any | None
    refused: Lock | None  # answer 429 with ``message(refused)``
    warning: str = ""  # not found: how many tries remain, in Chinese


@dataclass
class _Route:
    """One route of one attempt: what ``begin`` counted against each limit."""

    route: str
    begun: list[tuple[FailureLimit, Begun, str]] = field(
        default_factory=list
    )  # (limit, begun, kind)


@dataclass(frozen=True)
class LookupLockout:
    """The lock-out of one portal's lookups, with the words of its messages."""

    scope: str  # "applications.lookup"
    code_word: str  # 受理编号, 查询码
    person: str  # 申请人, 留言人
    phone_hint: str  # 申请时填写的联系电话
    contact: str = ""  # "，或联系受理机关"
    flood_limit: int | None = None  # default: settings.LOOKUP_ADDRESS_FAILURE_LIMIT
    code_limit: int | None = None  # default: settings.LOOKUP_CODE_FAILURE_LIMIT

    # -- the limits ------------------------------------------------------------------------
    def _guards(self, route: str) -> tuple[tuple[str, FailureLimit], ...]:
        """(kind, limit) in the order they are counted: code and address, address, code."""
        limit, window = _limits()
        flood = self.flood_limit or getattr(settings, "LOOKUP_ADDRESS_FAILURE_LIMIT", 100)
        cap = self.code_limit or getattr(settings, "LOOKUP_CODE_FAILURE_LIMIT", 200)
        return (
            (HERE, FailureLimit(f"{self.scope}.{route}", limit, window)),
            (ADDRESS, FailureLimit(f"{self.scope}.ip.{route}", flood, window)),
            (EVERYWHERE, FailureLimit(f"{self.scope}.code.{route}", cap, window)),
        )

    @staticmethod
    def _key(kind: str, ip: str, code: str) -> str:
        if kind == HERE:
            return f"{code}\x00{ip}"
        return ip if kind == ADDRESS else code

    def _lock(self, kind: str, route: str, code: str, until: float, now: float) -> Lock:
        if kind == ADDRESS:
            return Lock(ADDRESS, (route,), code, until, now)
        return Lock(route, (route,), code, until, now, reach=kind)

    # -- reading ---------------------------------------------------------------------------
    def lock_of(self, ip: str, code: str, route: str, *, now: float | None = None) -> Lock | None:
        """The lock closing ``route`` for this code from this address, if any (nothing counted)."""
        now, code = _now(now), normal_code(code)
        for kind, guard in self._guards(route):
            if kind != ADDRESS and not code:
                continue
            until = ratelimit.locked_until(guard.scope, self._key(kind, ip, code), now=now)
            if until is not None:
                return self._lock(kind, route, code, until, now)
        return None

    @staticmethod
    def _merged(locks: list[Lock]) -> Lock:
        """One lock for the routes closed together: both of a code's, or an address's."""
        if len(locks) == 1:
            return locks[0]
        last = max(locks, key=lambda lock: lock.until)
        what = "both" if all(lock.what != ADDRESS for lock in locks) else ADDRESS
        reach = EVERYWHERE if all(lock.reach == EVERYWHERE for lock in locks) else HERE
        routes = tuple(route for lock in locks for route in lock.routes)
        return Lock(what, routes, last.code, last.until, last.now, reach)

    # -- counting --------------------------------------------------------------------------
    def _begin(self, ip: str, code: str, route: str, now: float) -> _Route | Lock:
        """Count this attempt of ``route`` against every limit, or the lock refusing it."""
        counted = _Route(route)
        for kind, guard in self._guards(route):
            if kind != ADDRESS and not code:
                continue
            begun = guard.begin(self._key(kind, ip, code), now=now)
            if begun.refused:
                for earlier_guard, earlier, _kind in counted.begun:
                    earlier_guard.give_back(earlier)
                return self._lock(kind, route, code, begun.refused_until, now)
            counted.begun.append((guard, begun, kind))
        return counted

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
        """Count the attempt, check what may be checked with ``find(code, password=, phone=)``,
        give the attempt back if it was right, lock what the failure used up."""
        now = _now(now)
        code_key = normal_code(code)
        given = {PASSWORD: password or "", PHONE: phone or ""}
        counted: list[_Route] = []
        skipped: list[Lock] = []
        for route in ROUTES:
            if not given[route].strip():
                continue
            result = self._begin(ip, code_key, route, now)
            if isinstance(result, Lock):
                skipped.append(result)
            else:
                counted.append(result)
        if not counted:
            return LookupOutcome(None, self._merged(skipped) if skipped else None)
        usable = {r.route: given[r.route] for r in counted}
        found = find(code, password=usable.get(PASSWORD, ""), phone=usable.get(PHONE, ""))
        if found is not None:
            for r in counted:
                for guard, begun, kind in r.begun:
                    guard.succeeded(begun, reset_count=kind == HERE)
            return LookupOutcome(found, None)
        locks, remaining = [], None
        for r in counted:
            for guard, begun, kind in r.begun:
                until = guard.failed(begun, now=now)
                if until is not None:
                    locks.append(self._lock(kind, r.route, code_key, until, now))
                if kind == HERE:
                    left = guard.remaining(begun)
                    remaining = left if remaining is None else min(remaining, left)
        if locks:
            return LookupOutcome(None, self._merged(_one_per_route(locks)))
        tried = tuple(r.route for r in counted)
        limit, _window = _limits()
        return LookupOutcome(
            None, None, self.warning(limit if remaining is None else remaining, tried, skipped)
        )

    # -- words -----------------------------------------------------------------------------
    def warning(self, remaining: int, tried: tuple[str, ...], skipped: list[Lock]) -> str:
        """After a wrong password or phone: how many tries remain (and what was not checked)."""
        _limit, window = _limits()
        routes = "或".join(ROUTE_WORDS[r] for r in tried)
        text = (
            f"再错{remaining}次，从这个网络地址凭{routes}查询这个{self.code_word}将暂停"
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
        where = "" if lock.reach == EVERYWHERE else "从这个网络地址"
        others = f"其他{self.code_word}的查询不受影响"
        if lock.what == ADDRESS:
            routes = "和".join(ROUTE_WORDS[r] for r in lock.routes)
            return (
                f"这个网络地址查询失败的次数过多，从这个地址凭{routes}查询已{when}。"
                f"请到时再试{self.contact}。"
            )
        if lock.reach == EVERYWHERE:
            words = "和".join(ROUTE_WORDS[r] for r in lock.routes)
            head = (
                f"{self.code_word} {lock.code} 近期被多个网络地址凭{words}反复查询失败，"
                f"为保护{self.person}信息，凭{words}查询这个{self.code_word}已{when}。"
            )
            if lock.what == PASSWORD:
                return (
                    f"{head}{self.person}本人可以凭{self.code_word}和{self.phone_hint}查询"
                    f"{self.contact}；{others}。"
                )
            return f"{head}请到时再试{self.contact}；{others}。"
        if lock.what == PHONE:
            return (
                f"{self.code_word} {lock.code} 的联系电话错误次数过多，为保护{self.person}信息，"
                f"{where}凭联系电话查询这个{self.code_word}已{when}。"
                f"请凭查询密码查询{self.contact}；{others}。"
            )
        if lock.what == PASSWORD:
            return (
                f"{self.code_word} {lock.code} 的查询密码错误次数过多，为保护{self.person}信息，"
                f"{where}凭查询密码查询这个{self.code_word}已{when}。"
                f"忘记查询密码的，可以凭{self.code_word}和{self.phone_hint}查询{self.contact}；"
                f"{others}。"
            )
        return (
            f"{self.code_word} {lock.code} 的查询密码和联系电话错误次数过多，"
            f"为保护{self.person}信息，{where}查询这个{self.code_word}已{when}。"
            f"请到时再试{self.contact}；{others}。"
        )


def _one_per_route(locks: list[Lock]) -> list[Lock]:
    """The lock that says most for each route: the code's from here, else the others."""
    order = {HERE: 0, ADDRESS: 1, EVERYWHERE: 2}
    best: dict[str, Lock] = {}
    for lock in locks:
        route = lock.routes[0]
        rank = order[ADDRESS if lock.what == ADDRESS else lock.reach]
        current = best.get(route)
        if current is None or rank < order[ADDRESS if current.what == ADDRESS else current.reach]:
            best[route] = lock
    return list(best.values())
