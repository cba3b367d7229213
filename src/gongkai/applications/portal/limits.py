"""The rate limits of the applicant's side, shared by the pages and the API.

* submissions: ``APPLICATION_SUBMIT_LIMIT`` valid submissions per address per
  ``APPLICATION_SUBMIT_WINDOW`` seconds (default 10 an hour);
* lookups: ``LOOKUP_LOCKOUT`` (``gongkai.core.lockout``): wrong passwords lock
  the tracking number guessed from the address guessing (default 5 in 15
  minutes), not from other addresses and not the lookup by phone; per address
  an anti-flood limit over all numbers, per number a high cap over all addresses.

Counted with ``gongkai.core.ratelimit`` (Redis or the database, shared by every process);
the address is ``gongkai.core.net.client_address``.
"""

from __future__ import annotations

from django.conf import settings

from gongkai.core import ratelimit
from gongkai.core.lockout import LookupLockout
from gongkai.core.net import client_key
from gongkai.core.ratelimit import RateLimitResult

SUBMIT = "applications.submit"


def _submit_args():
    return settings.APPLICATION_SUBMIT_LIMIT, settings.APPLICATION_SUBMIT_WINDOW


def submit_blocked(request) -> RateLimitResult | None:
    """The refusal if this address has used up its submissions, else None (nothing counted)."""
    result = ratelimit.peek(SUBMIT, client_key(request), *_submit_args())
    return None if result.allowed else result


def count_submission(request) -> RateLimitResult | None:
    """Count one submission; the refusal if it goes over the limit."""
    result = ratelimit.hit(SUBMIT, client_key(request), *_submit_args())
    return None if result.allowed else result


def submit_message(result: RateLimitResult) -> str:
    limit, window = _submit_args()
    return (
        f"同一网络地址在{ratelimit.wait_text(window).replace('约 ', '')}内最多提交{limit}件申请，"
        f"已达到上限。请{result.wait_text}后再提交；确需大量申请的，可以联系受理机关当面提交。"
    )


LOOKUP_LOCKOUT = LookupLockout(
    scope="applications.lookup",
    code_word="受理编号",
    person="申请人",
    phone_hint="申请时填写的联系电话",
    contact="，或联系受理机关",
)
