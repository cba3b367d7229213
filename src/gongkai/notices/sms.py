"""Sending SMS: a provider interface, and the default that only logs.

A provider is a class with

- ``send(mobile, text, *, reference) -> str``: returns the provider's message
  id; raises ``SmsError`` when the message was not accepted. Any exception
  counts as "not accepted" and the notice is tried again later, except
  ``MaybeAccepted`` (a timeout after the request went out, say): then the
  next attempt first asks ``accepted``. ``reference`` is the notice's
  delivery reference, the same on every attempt: a provider with a client
  reference (an "out id", a ``SessionContext``) should pass it on.
- ``accepted(reference) -> str | None``: after an interrupted send, the
  message id if the provider accepted a message with this reference, ``None``
  if it certainly did not; raises ``CannotTell`` (the default) when the
  provider keeps no such record. Then the notice is left for a person
  (``待人工核实``) rather than sent twice.
- ``idempotent = True`` when the provider itself drops a second message with
  the same reference: a resend is then safe without asking.

``settings.SMS_PROVIDER`` (``GONGKAI_SMS_PROVIDER``) names the class by dotted
path; it is instantiated without arguments for each message, so a provider
reads its own credentials from settings. A provider written before references
existed (``send(mobile, text)``) still works; it is never asked.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import uuid
from abc import ABC, abstractmethod
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("gongkai.sms")


class SmsError(Exception):
    """The provider did not accept the message; ``str(error)`` says why."""


class MaybeAccepted(Exception):
    """Sending failed in a way that leaves open whether the provider accepted the message."""


class CannotTell(Exception):
    """The provider cannot say whether it accepted a message with a given reference."""


class SmsProvider(ABC):
    #: The provider drops a second message with the same reference.
    idempotent = False

    @abstractmethod
    def send(self, mobile: str, text: str, *, reference: str = "") -> str:
        """Send ``text`` to an 11-digit ``mobile``; return the provider's message id."""

    def accepted(self, reference: str) -> str | None:
        """The message id the provider gave ``reference``, or None if it accepted none."""
        raise CannotTell(f"{type(self).__name__} 不保存发送记录，无法确认")


def masked(mobile: str) -> str:
    return f"{mobile[:3]}****{mobile[-4:]}" if len(mobile) == 11 else "****"


def takes_reference(provider: SmsProvider) -> bool:
    parameters = inspect.signature(provider.send).parameters.values()
    return any(p.name == "reference" or p.kind is p.VAR_KEYWORD for p in parameters)


class JsonLinesRecord:
    """An append-only file of JSON lines, one per accepted message, synced to disk.

    Each line is written with a single ``write`` to a file opened for
    appending, so lines from several processes do not interleave.
    """

    def __init__(self, path: Path):
        self.path = Path(path)

    def append(self, entry: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = (json.dumps(entry, ensure_ascii=False) + "\n").encode()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)

    def entries(self) -> list[dict]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        entries = []
        for line in text.splitlines():
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue  # a line cut short by a crash while it was written
        return entries

    def find(self, key: str, value: str) -> dict | None:
        return next((e for e in self.entries() if e.get(key) == value), None)


def log_provider_record() -> JsonLinesRecord:
    """The log provider's record: ``SMS_LOG_FILE``, or var/sms/sent.jsonl."""
    path = getattr(settings, "SMS_LOG_FILE", None) or Path(settings.VAR_DIR) / "sms" / "sent.jsonl"
    return JsonLinesRecord(path)


class LogSmsProvider(SmsProvider):
    """Writes each message to the logger ``gongkai.sms`` and to its record, instead of sending.

    The record (``log_provider_record()``) is what a real gateway's send log
    is: one line per accepted message with its reference, so an interrupted
    delivery can ask whether it was accepted, and a trial can count what its
    citizens would have received.
    """

    def send(self, mobile: str, text: str, *, reference: str = "") -> str:
        message_id = f"log-{uuid.uuid4().hex}"
        log_provider_record().append(
            {
                "reference": reference,
                "message_id": message_id,
                "mobile": masked(mobile),
                "text": text,
                "accepted_at": timezone.now().isoformat(),
            }
        )
        logger.info("SMS %s to %s: %s", message_id, masked(mobile), text)
        return message_id

    def accepted(self, reference: str) -> str | None:
        entry = log_provider_record().find("reference", reference) if reference else None
        return entry["message_id"] if entry else None


def get_sms_provider() -> SmsProvider:
    path = settings.SMS_PROVIDER
    try:
        provider_class = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"GONGKAI_SMS_PROVIDER: cannot import {path!r}: {exc}") from exc
    if not (isinstance(provider_class, type) and issubclass(provider_class, SmsProvider)):
        raise ImproperlyConfigured(
            f"GONGKAI_SMS_PROVIDER: {path!r} is not a subclass of gongkai.notices.sms.SmsProvider"
        )
    return provider_class()
