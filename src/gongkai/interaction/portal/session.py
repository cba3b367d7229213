"""What the writer's browser session remembers (never in the URL).

The same pattern as the applications' portal (``gongkai.core.lookup.SessionTicket``):
the receipt (the new message's id, its query password and whether it repeated
an earlier submission, shown again on a reload for ``lookup.RECEIPT_SECONDS``)
and the lookup (the message whose password or phone was just verified, for
``APPLICATION_LOOKUP_SESSION_SECONDS``, the same setting as applications).
"""

from __future__ import annotations

from gongkai.core.lookup import SessionTicket

from ..models import Message

ticket = SessionTicket(
    "interaction",
    receipts=Message.objects.select_related("channel", "message_type", "place"),
    lookups=Message.objects.select_related(
        "channel", "message_type", "place", "lead_department", "replied_by_department"
    ),
)

remember_receipt = ticket.remember_receipt
receipt = ticket.receipt
verify = ticket.verify
verified = ticket.verified
forget = ticket.forget
