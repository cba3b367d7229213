"""Sending SMS: a provider interface, and the default that only logs.

A provider is a class with ``send(mobile, text) -> str`` returning the
provider's message id and raising ``SmsError`` when the message was not
accepted. ``settings.SMS_PROVIDER`` (``GONGKAI_SMS_PROVIDER``) names the class
by dotted path; it is instantiated without arguments for each message, so a
provider reads its own credentials from settings.
"""

from __future__ import annotations

import logging
import uuid
from abc import ABC, abstractmethod

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger("gongkai.sms")


class SmsError(Exception):
    """The provider did not accept the message; ``str(error)`` says why."""


class SmsProvider(ABC):
    @abstractmethod
    def send(self, mobile: str, text: str) -> str:
        """Send ``text`` to an 11-digit ``mobile``; return the provider's message id."""


def masked(mobile: str) -> str:
    return f"{mobile[:3]}****{mobile[-4:]}" if len(mobile) == 11 else "****"


class LogSmsProvider(SmsProvider):
    """Writes each message to the logger ``gongkai.sms`` instead of sending it."""

    def send(self, mobile: str, text: str) -> str:
        message_id = f"log-{uuid.uuid4().hex}"
        logger.info("SMS %s to %s: %s", message_id, masked(mobile), text)
        return message_id


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
