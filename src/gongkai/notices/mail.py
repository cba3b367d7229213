"""E-mail without an SMTP server: each mail kept whole in a file, one log line each.

The backend when ``GONGKAI_EMAIL_HOST`` is empty (development, a trial):
Django's file backend appends every message to ``EMAIL_FILE_PATH`` (var/mail/,
one file a day), and the logger ``gongkai.mail`` says in one line that a mail
was written, to whom (masked) and where, instead of printing the whole mail
on the console. Its record (``accepted.jsonl`` beside the mail files, one
line per message with its Message-ID) lets an interrupted delivery ask
whether a notice's mail was already written (``accepted``), as the log SMS
provider's record does.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileEmailBackend
from django.utils import timezone

from .sms import JsonLinesRecord

logger = logging.getLogger("gongkai.mail")


def masked(address: str) -> str:
    """zhang.san@example.cn → z***@example.cn"""
    local, at, domain = address.rpartition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


class FileAndLogEmailBackend(FileEmailBackend):
    def _get_filename(self) -> str:
        if self._fname is None:
            self._fname = os.path.join(self.file_path, f"mail-{timezone.localdate():%Y%m%d}.log")
        return self._fname

    def record(self) -> JsonLinesRecord:
        return JsonLinesRecord(Path(self.file_path) / "accepted.jsonl")

    def accepted(self, message_id: str) -> str | None:
        """``message_id`` if a mail with this Message-ID was written, else None."""
        entry = self.record().find("message_id", message_id)
        return entry["message_id"] if entry else None

    def write_message(self, message) -> None:
        super().write_message(message)
        self.stream.flush()
        self.record().append(
            {
                "message_id": message.extra_headers.get("Message-ID", ""),
                "to": [masked(a) for a in message.recipients()],
                "subject": message.subject,
                "written_at": timezone.now().isoformat(),
            }
        )
        logger.info(
            "Mail to %s: %s (not sent; saved in %s)",
            ", ".join(masked(a) for a in message.recipients()),
            message.subject,
            self._get_filename(),
        )
