"""The rate limits of the writer's side, shared by the board's pages and the API.

* submissions: ``MESSAGE_SUBMIT_LIMIT_PER_ADDRESS`` messages per address and
  ``MESSAGE_SUBMIT_LIMIT_PER_PHONE`` per phone number within
  ``MESSAGE_SUBMIT_WINDOW`` seconds (defaults 10 and 5 a day). ``submit_blocked``
  refuses before anything is validated or stored once either is used up;
  ``count_submission`` counts a valid submission against both;
* lookups: ``LOOKUP_LOCKOUT`` (``gongkai.core.lockout``) with the applications'
  failure limits (``APPLICATION_LOOKUP_FAILURE_*``, ``LOOKUP_*_FAILURE_LIMIT``) on
  scopes of their own: wrong passwords lock the query code guessed from the address
  guessing, not from other addresses, and not the lookup by phone.

Counted with ``gongkai.core.ratelimit`` (Redis or the database, shared by every process).
"""

from __future__ import annotations

from django.conf import settings

from gongkai.core import ratelimit
from gongkai.core.lockout import LookupLockout
from gongkai.core.ratelimit import RateLimitResult
from gongkai.core.validators import normal_phone

SUBMIT_IP = "messages.submit.ip"
SUBMIT_PHONE = "messages.submit.phone"
LOOKUP_LOCKOUT = LookupLockout(
    scope="messages.lookup",
    code_word="查询码",
    person="留言人",
    phone_hint="留言时填写的联系电话",
)

__all__ = [
    "LOOKUP_LOCKOUT",
    "count_submission",
    "normal_phone",
    "submit_blocked",
    "submit_message",
]


def _submit_keys(ip: str, phone: str):
    window = settings.MESSAGE_SUBMIT_WINDOW
    yield SUBMIT_IP, ip, settings.MESSAGE_SUBMIT_LIMIT_PER_ADDRESS, window
    phone = normal_phone(phone)
    if phone:
        yield SUBMIT_PHONE, phone, settings.MESSAGE_SUBMIT_LIMIT_PER_PHONE, window


def submit_blocked(ip: str, phone: str) -> RateLimitResult | None:
    """The refusal if this address or this phone has used up its messages (nothing counted)."""
    for scope, key, limit, window in _submit_keys(ip, phone):
        result = ratelimit.peek(scope, key, limit, window)
        if not result.allowed:
            return result
    return None


def count_submission(ip: str, phone: str) -> RateLimitResult | None:
    """Count one message against the address and the phone; the refusal if over either limit."""
    refusals = [
        result
        for scope, key, limit, window in _submit_keys(ip, phone)
        if not (result := ratelimit.hit(scope, key, limit, window)).allowed
    ]
    return refusals[0] if refusals else None


def submit_message(result: RateLimitResult) -> str:
    window = ratelimit.wait_text(settings.MESSAGE_SUBMIT_WINDOW).replace("约 ", "")
    return (
        f"同一联系电话或网络地址在{window}内的留言已达到上限（{result.limit}条）。"
        f"请{result.wait_text}后再留言；情况紧急的，请拨打市长热线。"
    )
