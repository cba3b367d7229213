"""What the applicant's browser session remembers (never in the URL).

* the receipt: the new application's id and its query password, so a reload
  of the receipt page still shows them (``lookup.RECEIPT_SECONDS``);
* the lookup: the id of the application whose password (or phone) was just
  verified, so the applicant can act on it (``APPLICATION_LOOKUP_SESSION_SECONDS``).

The pattern is shared with the messages' portal: ``gongkai.core.lookup.SessionTicket``.
"""

from __future__ import annotations

from gongkai.core.lookup import SessionTicket

from ..models import Application

ticket = SessionTicket(
    "applications",
    receipts=Application.objects.select_related("department"),
    lookups=Application.objects.select_related("department__government"),
)

remember_receipt = ticket.remember_receipt
receipt = ticket.receipt
verify = ticket.verify
verified = ticket.verified
forget = ticket.forget
