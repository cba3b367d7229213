"""System checks of the files app: stored uploads must not be world-readable."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=False)
def check_upload_permissions(app_configs=None, **kwargs):
    problems = []
    mode = settings.FILE_UPLOAD_PERMISSIONS
    if mode is None or mode & 0o007:
        problems.append(
            checks.Warning(
                "Uploaded files would be readable by every user of the machine.",
                hint="Set FILE_UPLOAD_PERMISSIONS = 0o640 (see docs/files.md).",
                id="gongkai.files.W001",
            )
        )
    directory_mode = settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS
    if directory_mode is None or directory_mode & 0o007:
        problems.append(
            checks.Warning(
                "Folders of uploaded files would be open to every user of the machine.",
                hint="Set FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750 (see docs/files.md).",
                id="gongkai.files.W002",
            )
        )
    return problems
