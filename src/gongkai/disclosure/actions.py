"""Every change to an item, as verb-named functions taking the acting person.

Views, API routes, commands and jobs parse input, ask ``gongkai.access``, and
call one of these; nothing else changes an item's state. The functions live
in modules by use case and are gathered here:

* drafting — ``create_draft``, ``update_draft``; attaching — ``add_attachment``,
  ``remove_attachment``
* reviewing — ``submit_item``, ``pass_confidentiality_review``, ``return_item``,
  ``approve_item`` (publishes, or schedules when ``scheduled_publish_at`` is
  ahead), ``unschedule_item``
* publishing — ``publish_now``, ``publish_due_items`` (the scheduled job),
  ``withdraw_item``
* corrections — ``correct_item``, ``change_validity``, ``expire_lapsed_documents``

Refusals raise ``DomainError`` subclasses (``ItemInvalid`` carries per-field
messages, ``StaleEdit`` a concurrent edit, ``TransitionRefused`` a wrong state
or missing comment) or ``PermissionDenied``.
"""

from .attaching import add_attachment, remove_attachment
from .corrections import change_validity, correct_item, expire_lapsed_documents
from .drafting import create_draft, update_draft
from .publishing import publish_due_items, publish_now, withdraw_item
from .reviewing import (
    approve_item,
    pass_confidentiality_review,
    return_item,
    submit_item,
    unschedule_item,
)
from .validation import ItemInvalid

__all__ = [
    "ItemInvalid",
    "add_attachment",
    "approve_item",
    "change_validity",
    "correct_item",
    "create_draft",
    "expire_lapsed_documents",
    "pass_confidentiality_review",
    "publish_due_items",
    "publish_now",
    "remove_attachment",
    "return_item",
    "submit_item",
    "unschedule_item",
    "update_draft",
    "withdraw_item",
]
