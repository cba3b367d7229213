"""Every change to an application, as verb-named functions (views, API, jobs call these).

* intake — ``submit_online``, ``register_offline`` (``registration_warnings``),
  ``confirm_receipt``, ``discard``, ``assign``, ``find_for_lookup``
* correction — ``request_correction``, ``receive_correction``, ``expire_corrections``
* consultation — ``start_consultation``, ``record_consultation_reply``
* extension — ``request_extension``, ``decide_extension``
* art35 — ``applicant_history``, ``request_reasons``, ``record_reasons``, ``decide_art35``
* charging — ``quote``, ``issue_fee``, ``declare_payment``, ``confirm_payment``, ``expire_fees``
* replying — ``submit_reply``, ``return_reply``, ``approve_reply``, ``record_delivery``,
  ``mark_downloaded``, ``withdraw``
* secrecy — ``pass_secrecy_review``, ``return_secrecy_review`` (保密审查, Art. 17);
  checks ``secrecy_review_needed``, ``secrecy_review_pending``
* challenges — ``record_challenge``, ``record_challenge_result``

Refusals raise ``DomainError`` (Chinese message), ``ApplicationInvalid`` /
``ReplyInvalid`` (per-field messages), ``TransitionRefused`` or ``PermissionDenied``.
"""

from .art35 import applicant_history, decide_art35, record_reasons, request_reasons
from .challenges import record_challenge, record_challenge_result
from .charging import confirm_payment, declare_payment, expire_fees, issue_fee, quote
from .consultation import record_consultation_reply, start_consultation
from .correction import expire_corrections, receive_correction, request_correction
from .extension import decide_extension, request_extension
from .intake import (
    Submission,
    assign,
    confirm_receipt,
    discard,
    find_for_lookup,
    register_offline,
    registration_warnings,
    submit_online,
)
from .replying import (
    ReplyInvalid,
    approve_reply,
    mark_downloaded,
    record_delivery,
    return_reply,
    submit_reply,
    withdraw,
)
from .secrecy import (
    pass_secrecy_review,
    return_secrecy_review,
    secrecy_review_needed,
    secrecy_review_pending,
)

__all__ = [
    "ReplyInvalid",
    "Submission",
    "applicant_history",
    "approve_reply",
    "assign",
    "confirm_payment",
    "confirm_receipt",
    "decide_art35",
    "decide_extension",
    "declare_payment",
    "discard",
    "expire_corrections",
    "expire_fees",
    "find_for_lookup",
    "issue_fee",
    "mark_downloaded",
    "pass_secrecy_review",
    "quote",
    "receive_correction",
    "record_challenge",
    "record_challenge_result",
    "record_consultation_reply",
    "record_delivery",
    "record_reasons",
    "register_offline",
    "registration_warnings",
    "request_correction",
    "request_extension",
    "request_reasons",
    "return_reply",
    "return_secrecy_review",
    "secrecy_review_needed",
    "secrecy_review_pending",
    "start_consultation",
    "submit_online",
    "submit_reply",
    "withdraw",
]
