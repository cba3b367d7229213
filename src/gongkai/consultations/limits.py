"""Rate limits of the participants' side, shared by the pages and the API.

* comments and entries: ``CONSULTATION_SUBMIT_LIMIT_PER_ADDRESS`` per address
  and ``CONSULTATION_SUBMIT_LIMIT_PER_PHONE`` per phone within
  ``CONSULTATION_SUBMIT_WINDOW`` (defaults 20 and 10 a day), over all
  consultations; ``submit_blocked`` refuses before anything is validated,
  ``count_submission`` counts a stored one;
* vote codes (SMS): ``VOTE_CODE_LIMIT_PER_PHONE`` and
  ``VOTE_CODE_LIMIT_PER_ADDRESS`` codes within ``VOTE_CODE_WINDOW``; wrong
  codes are limited per code (``codes.MAX_ATTEMPTS``).

Counted with ``gongkai.core.ratelimit`` (Redis or the database, shared by every process).
"""

from __future__ import annotations

from django.conf import settings

from gongkai.core import ratelimit
from gongkai.core.ratelimit import RateLimitResult
from gongkai.core.validators import normal_phone

SUBMIT_IP = "consultations.submit.ip"
SUBMIT_PHONE = "consultations.submit.phone"
CODE_IP = "consultations.code.ip"
CODE_PHONE = "consultations.code.phone"


def _keys(ip: str, phone: str, *, codes: bool):
    if codes:
        window = settings.VOTE_CODE_WINDOW
        per_ip, per_phone = settings.VOTE_CODE_LIMIT_PER_ADDRESS, settings.VOTE_CODE_LIMIT_PER_PHONE
        scopes = CODE_IP, CODE_PHONE
    else:
        window = settings.CONSULTATION_SUBMIT_WINDOW
        per_ip = settings.CONSULTATION_SUBMIT_LIMIT_PER_ADDRESS
        per_phone = settings.CONSULTATION_SUBMIT_LIMIT_PER_PHONE
        scopes = SUBMIT_IP, SUBMIT_PHONE
    if ip:
        yield scopes[0], ip, per_ip, window
    phone = normal_phone(phone)
    if phone:
        yield scopes[1], phone, per_phone, window


def blocked(ip: str, phone: str, *, codes: bool = False) -> RateLimitResult | None:
    """The refusal if this address or phone has used up its allowance (nothing counted)."""
    for scope, key, limit, window in _keys(ip, phone, codes=codes):
        result = ratelimit.peek(scope, key, limit, window)
        if not result.allowed:
            return result
    return None


def count(ip: str, phone: str, *, codes: bool = False) -> None:
    for scope, key, limit, window in _keys(ip, phone, codes=codes):
        ratelimit.hit(scope, key, limit, window)


def refusal_text(result: RateLimitResult, *, codes: bool = False) -> str:
    window = settings.VOTE_CODE_WINDOW if codes else settings.CONSULTATION_SUBMIT_WINDOW
    span = ratelimit.wait_text(window).replace("约 ", "")
    what = "获取验证码" if codes else "提交意见"
    return (
        f"同一联系电话或网络地址在{span}内{what}的次数已达到上限（{result.limit}次）。"
        f"请{result.wait_text}后再试。"
    )
