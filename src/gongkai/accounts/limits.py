"""Limits on staff login beyond django-axes' lock per account and address.

django-axes locks an account *from one address* after ``AXES_FAILURE_LIMIT``
failures (default 5 in 30 minutes): the owner, at another address, is not
locked out by someone guessing elsewhere. Two limits here close what that
leaves open (``gongkai.core.ratelimit.FailureLimit``: each attempt counted
before the password is checked, a successful login given back):

* per address over all accounts, ``LOGIN_ADDRESS_FAILURE_LIMIT`` failures
  within ``LOGIN_ADDRESS_WINDOW`` seconds (default 30 an hour) stop every login
  from that address for a window: password spraying (a few passwords tried on
  many accounts, never 5 on one) is stopped there;
* per account over all addresses, ``LOGIN_ACCOUNT_FAILURE_LIMIT`` failures
  within ``LOGIN_ACCOUNT_WINDOW`` seconds (default 20 in 15 minutes) pause
  that account's login for a window: guessing one account from many addresses
  is bounded. It is a throttle, not a lock: it ends by itself, and it never
  applies in a browser that has logged in to that account before (a signed
  cookie, ``KNOWN_COOKIE``), so a stranger cannot lock a known person out.

Addresses come from ``gongkai.core.net.client_address``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from gongkai.core import ratelimit
from gongkai.core.lockout import until_text
from gongkai.core.ratelimit import Begun, FailureLimit

KNOWN_COOKIE = "gk_known_login"
KNOWN_SALT = "gongkai.accounts.known-login"
KNOWN_DAYS = 180
KNOWN_MAX = 5  # accounts remembered per browser (a shared office computer)
ADDRESS, ACCOUNT = "address", "account"


def address_limit() -> FailureLimit:
    limit = getattr(settings, "LOGIN_ADDRESS_FAILURE_LIMIT", 30)
    return FailureLimit("accounts.login.ip", limit, getattr(settings, "LOGIN_ADDRESS_WINDOW", 3600))


def account_limit() -> FailureLimit:
    limit = getattr(settings, "LOGIN_ACCOUNT_FAILURE_LIMIT", 20)
    return FailureLimit(
        "accounts.login.user", limit, getattr(settings, "LOGIN_ACCOUNT_WINDOW", 900)
    )


def normal_username(username: str) -> str:
    return (username or "").strip()[:150]


def _account_key(username: str) -> str:
    return normal_username(username).casefold()


def _mark(username: str) -> str:
    digest = hashlib.sha256(f"{KNOWN_SALT}\x00{_account_key(username)}".encode()).hexdigest()
    return digest[:20]


def known_marks(request) -> list[str]:
    if request is None:
        return []
    try:
        marks = request.get_signed_cookie(
            KNOWN_COOKIE, default=None, salt=KNOWN_SALT, max_age=KNOWN_DAYS * 86400
        )
    except (signing.BadSignature, ValueError):
        return []
    return [mark for mark in (marks or "").split(".") if mark][:KNOWN_MAX]


def is_known(request, username: str) -> bool:
    """Whether this browser has logged in to ``username`` before (within KNOWN_DAYS)."""
    return bool(username) and _mark(username) in known_marks(request)


def remember(request, response, username: str) -> None:
    """After a successful login: remember this browser for ``username``."""
    marks = [_mark(username), *(m for m in known_marks(request) if m != _mark(username))]
    response.set_signed_cookie(
        KNOWN_COOKIE,
        ".".join(marks[:KNOWN_MAX]),
        salt=KNOWN_SALT,
        max_age=KNOWN_DAYS * 86400,
        path="/accounts/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


@dataclass(frozen=True)
class LoginAttempt:
    """One login attempt as counted; ``refused`` names the limit that refused it."""

    counted: tuple[tuple[FailureLimit, Begun], ...]
    refused: str = ""  # ADDRESS, ACCOUNT or ""
    until: float = 0.0
    now: float = 0.0

    @property
    def retry_after(self) -> int:
        return max(int(self.until - self.now + 0.999), 1)

    @property
    def message(self) -> str:
        when = (
            f"暂停到{until_text(self.until, self.now)}（{ratelimit.wait_text(self.retry_after)}后）"
        )
        if self.refused == ADDRESS:
            return (
                f"这个网络地址近期登录失败的次数过多，为防止密码被猜测，从这个地址登录已{when}。"
                "请到时再试；确有急事的，请联系本单位的系统管理员。"
            )
        return (
            f"这个账号近期在多处登录失败的次数过多，为防止密码被猜测，这个账号的登录已{when}。"
            "在您曾经登录过这个账号的浏览器上登录不受影响；"
            "如果认为有人在尝试登录您的账号，请联系本单位的系统管理员。"
        )


def begin(request, ip: str, username: str, *, now: float | None = None) -> LoginAttempt:
    """Count this attempt against the address and, unless this browser knows it, the account."""
    guards = [(ADDRESS, address_limit(), ip)]
    if username and not is_known(request, username):
        guards.append((ACCOUNT, account_limit(), _account_key(username)))
    counted: list[tuple[FailureLimit, Begun]] = []
    for kind, guard, key in guards:
        begun = guard.begin(key, now=now)
        if begun.refused:
            for earlier_guard, earlier in counted:
                earlier_guard.give_back(earlier)
            return LoginAttempt((), kind, begun.refused_until or begun.now, begun.now)
        counted.append((guard, begun))
    return LoginAttempt(tuple(counted))


def failed(attempt: LoginAttempt) -> None:
    for guard, begun in attempt.counted:
        guard.failed(begun)


def succeeded(attempt: LoginAttempt) -> None:
    for guard, begun in attempt.counted:
        guard.succeeded(begun)
