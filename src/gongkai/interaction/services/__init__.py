"""Every change to a message, as verb-named functions (views, API and jobs call these).

* intake — ``submit_message``, ``record_call``, ``find_for_lookup``, ``hold_reason``
* triage — ``release``, ``refuse``, ``merge``, ``assign``
* handling — ``sign``, ``return_misrouted``, ``give_co_opinion``, ``request_extension``,
  ``decide_extension``, ``submit_reply``
* review — ``masked_versions``, ``return_reply``, ``approve_reply``
* rating — ``rate``, ``record_callback``, ``close_unrated``
"""

from .handling import (
    decide_extension,
    give_co_opinion,
    request_extension,
    return_misrouted,
    sign,
    submit_reply,
)
from .intake import Submission, find_for_lookup, hold_reason, record_call, submit_message
from .rating import close_unrated, rate, record_callback
from .review import approve_reply, masked_versions, return_reply
from .triage import assign, merge, refuse, release, set_identity_visibility, writer_identity

__all__ = [
    "Submission",
    "approve_reply",
    "assign",
    "close_unrated",
    "decide_extension",
    "find_for_lookup",
    "give_co_opinion",
    "hold_reason",
    "masked_versions",
    "merge",
    "rate",
    "record_call",
    "record_callback",
    "refuse",
    "release",
    "request_extension",
    "return_misrouted",
    "return_reply",
    "set_identity_visibility",
    "sign",
    "submit_message",
    "submit_reply",
    "writer_identity",
]
