"""Storing the applicant's uploads with an action, in the action's transaction.

The services take ``files`` themselves, but at the time of writing they
compute the allowed kinds as ``DOCUMENT_KINDS | IMAGE_KINDS`` — two tuples,
which raises TypeError as soon as a file is passed. Until that is fixed in
``services`` (use ``ALL_KINDS``), the portal calls each service without
files and adds them here, inside the same ``transaction.atomic()`` as the
service call, so either both happen or neither does.
"""

from __future__ import annotations

from gongkai.files.kinds import ALL_KINDS
from gongkai.files.services import store_upload

from ..models import ApplicationFile


def attach(application, purpose: str, uploads) -> list[ApplicationFile]:
    return [
        ApplicationFile.objects.create(
            application=application,
            file=store_upload(upload, allowed_kinds=ALL_KINDS),
            purpose=purpose,
            from_applicant=True,
        )
        for upload in uploads
    ]
