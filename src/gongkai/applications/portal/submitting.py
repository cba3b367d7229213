"""One submission path for the web form and the API."""

from __future__ import annotations

from .. import services
from ..services import Submission


def submit(data, files, *, idempotency_key: str, ip: str | None) -> Submission:
    """``services.submit_online`` with the attachments, all or nothing.

    The same request sent again under the same token or key (the same fields and
    the same files) returns the first application and its password; anything
    else that repeats it raises ``gongkai.core.idempotency.Refused``.
    """
    return services.submit_online(data, files=list(files), idempotency_key=idempotency_key, ip=ip)
