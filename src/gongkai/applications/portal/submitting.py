"""One submission path for the web form and the API."""

from __future__ import annotations

from .. import services
from ..services import Submission


def submit(data, files, *, idempotency_key: str, ip: str | None) -> Submission:
    """``services.submit_online`` with the attachments, all or nothing.

    A double submission returns the first application and ignores the files
    sent the second time (they were sent with the first).
    """
    return services.submit_online(data, files=list(files), idempotency_key=idempotency_key, ip=ip)
