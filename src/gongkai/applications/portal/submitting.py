"""One submission path for the web form and the API."""

from __future__ import annotations

from django.db import transaction

from .. import services
from ..services import Submission
from . import uploads


def submit(data, files, *, idempotency_key: str, ip: str | None) -> Submission:
    """``services.submit_online`` plus the attachments, all or nothing.

    A double submission returns the first application and ignores the files
    sent the second time (they were sent with the first).
    """
    with transaction.atomic():
        submission = services.submit_online(data, idempotency_key=idempotency_key, ip=ip)
        if submission.created:
            for purpose, upload in files:
                uploads.attach(submission.application, purpose, [upload])
    return submission
