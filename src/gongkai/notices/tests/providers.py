"""SMS providers and mail backends the tests configure through settings."""

from __future__ import annotations

import os
import time

from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemEmailBackend

from gongkai.notices.sms import LogSmsProvider, SmsError, SmsProvider


class FlakySmsProvider(SmsProvider):
    """A gateway that refuses the next ``failures`` messages, then accepts; it keeps
    what it accepted by reference, so it can answer ``accepted``."""

    failures = 0
    accepted_messages: list[tuple[str, str]] = []
    by_reference: dict[str, str] = {}

    @classmethod
    def reset(cls, failures: int = 0) -> None:
        cls.failures = failures
        cls.accepted_messages = []
        cls.by_reference = {}

    def send(self, mobile: str, text: str, *, reference: str = "") -> str:
        cls = type(self)
        if cls.failures > 0:
            cls.failures -= 1
            raise SmsError("短信网关繁忙（错误码 isv.BUSINESS_LIMIT_CONTROL）")
        cls.accepted_messages.append((mobile, text))
        message_id = f"gw-{len(cls.accepted_messages):06d}"
        cls.by_reference[reference] = message_id
        return message_id

    def accepted(self, reference: str) -> str | None:
        return type(self).by_reference.get(reference)


class ForgetfulSmsProvider(FlakySmsProvider):
    """A gateway that keeps no record it can be asked about."""

    def accepted(self, reference: str) -> str | None:
        return SmsProvider.accepted(self, reference)


class DedupingSmsProvider(ForgetfulSmsProvider):
    """A gateway that drops a second message with the same reference."""

    idempotent = True

    def send(self, mobile: str, text: str, *, reference: str = "") -> str:
        if reference in type(self).by_reference:
            return type(self).by_reference[reference]
        return super().send(mobile, text, reference=reference)


class OldStyleSmsProvider(SmsProvider):
    """A provider written before references: ``send(mobile, text)`` only."""

    sent: list[str] = []

    def send(self, mobile: str, text: str) -> str:  # type: ignore[override]
        type(self).sent.append(text)
        return "old-1"


class DownSmsProvider(SmsProvider):
    """A gateway that refuses every message."""

    def send(self, mobile: str, text: str, *, reference: str = "") -> str:
        raise SmsError("短信网关拒绝：签名未审核通过")


class SlowLogSmsProvider(LogSmsProvider):
    """The log provider, pausing after it accepted (recorded) the first message and
    before it answers: the fault test kills the worker in that pause. The first
    send writes the worker's pid to ``GONGKAI_TEST_SMS_PAUSE_FILE`` and sleeps
    ``GONGKAI_TEST_SMS_PAUSE`` seconds; later sends do not pause. Used only
    through ``GONGKAI_SMS_PROVIDER`` in that test."""

    def send(self, mobile: str, text: str, *, reference: str = "") -> str:
        message_id = super().send(mobile, text, reference=reference)
        marker = os.environ.get("GONGKAI_TEST_SMS_PAUSE_FILE")
        if marker and not os.path.exists(marker):
            with open(marker, "w") as file:
                file.write(str(os.getpid()))
            time.sleep(float(os.environ.get("GONGKAI_TEST_SMS_PAUSE", "0")))
        return message_id


class LookupLocmemEmailBackend(LocmemEmailBackend):
    """Django's test mail outbox, answering ``accepted`` from it by Message-ID."""

    def accepted(self, message_id: str) -> str | None:
        for message in mail.outbox:
            if message.extra_headers.get("Message-ID") == message_id:
                return message_id
        return None
