"""The rate limits of the applicant's side, shared by the pages and the API.

* submissions: ``APPLICATION_SUBMIT_LIMIT`` valid submissions per address per
  ``APPLICATION_SUBMIT_WINDOW`` seconds (default 10 an hour);
* lookups: ``APPLICATION_LOOKUP_FAILURE_LIMIT`` failed attempts per address
  and, separately, per tracking number per ``APPLICATION_LOOKUP_FAILURE_WINDOW``
  seconds (default 5 in 15 minutes). Once reached, even the right password is
  not checked until the window ends, so guessing gains nothing.

Counted with ``gongkai.core.ratelimit`` in the cache (see there for locmem vs Redis).
"""

from __future__ import annotations

from django.conf import settings

from gongkai.audit.services import client_ip
from gongkai.core import ratelimit
from gongkai.core.ratelimit import RateLimitResult

SUBMIT = "applications.submit"
LOOKUP_IP = "applications.lookup.ip"
LOOKUP_NUMBER = "applications.lookup.number"


def ip_of(request) -> str:
    try:
        return client_ip(request) or request.META.get("REMOTE_ADDR") or "unknown"
    except Exception:  # a malformed forwarded header: fall back to the socket address
        return request.META.get("REMOTE_ADDR") or "unknown"


def _submit_args():
    return settings.APPLICATION_SUBMIT_LIMIT, settings.APPLICATION_SUBMIT_WINDOW


def _lookup_args():
    return settings.APPLICATION_LOOKUP_FAILURE_LIMIT, settings.APPLICATION_LOOKUP_FAILURE_WINDOW


def submit_blocked(request) -> RateLimitResult | None:
    """The refusal if this address has used up its submissions, else None (nothing counted)."""
    result = ratelimit.peek(SUBMIT, ip_of(request), *_submit_args())
    return None if result.allowed else result


def count_submission(request) -> RateLimitResult | None:
    """Count one submission; the refusal if it goes over the limit."""
    result = ratelimit.hit(SUBMIT, ip_of(request), *_submit_args())
    return None if result.allowed else result


def submit_message(result: RateLimitResult) -> str:
    limit, window = _submit_args()
    return (
        f"同一网络地址在{ratelimit.wait_text(window).replace('约 ', '')}内最多提交{limit}件申请，"
        f"已达到上限。请{result.wait_text}后再提交；确需大量申请的，可以联系受理机关当面提交。"
    )


def normal_number(tracking_number: str) -> str:
    return (tracking_number or "").strip().upper()[:40]


def lookup_blocked(request, tracking_number: str) -> RateLimitResult | None:
    """The refusal if this address or this tracking number has too many failures."""
    limit, window = _lookup_args()
    for scope, key in (
        (LOOKUP_IP, ip_of(request)),
        (LOOKUP_NUMBER, normal_number(tracking_number)),
    ):
        if scope == LOOKUP_NUMBER and not key:
            continue
        result = ratelimit.peek(scope, key, limit, window)
        if not result.allowed:
            return result
    return None


def count_lookup_failure(request, tracking_number: str) -> RateLimitResult:
    """Count a failed lookup for the address and the number; the tighter of the two."""
    limit, window = _lookup_args()
    results = [ratelimit.hit(LOOKUP_IP, ip_of(request), limit, window)]
    number = normal_number(tracking_number)
    if number:
        results.append(ratelimit.hit(LOOKUP_NUMBER, number, limit, window))
    return max(results, key=lambda r: (not r.allowed, r.count))


def lookup_message(result: RateLimitResult) -> str:
    return (
        f"查询密码（或联系电话）错误次数过多，为保护申请人信息，已暂停查询。请{result.wait_text}后再试。"
        "忘记查询密码的，可以凭受理编号和申请时填写的联系电话查询，或联系受理机关。"
    )
