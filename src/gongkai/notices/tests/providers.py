"""SMS providers the tests configure through settings.SMS_PROVIDER."""

from __future__ import annotations

from gongkai.notices.sms import SmsError, SmsProvider


class FlakySmsProvider(SmsProvider):
    """A gateway that refuses the next ``failures`` messages, then accepts."""

    failures = 0
    accepted: list[tuple[str, str]] = []

    @classmethod
    def reset(cls, failures: int = 0) -> None:
        cls.failures = failures
        cls.accepted = []

    def send(self, mobile: str, text: str) -> str:
        cls = type(self)
        if cls.failures > 0:
            cls.failures -= 1
            raise SmsError("短信网关繁忙（错误码 isv.BUSINESS_LIMIT_CONTROL）")
        cls.accepted.append((mobile, text))
        return f"gw-{len(cls.accepted):06d}"


class DownSmsProvider(SmsProvider):
    """A gateway that refuses every message."""

    def send(self, mobile: str, text: str) -> str:
        raise SmsError("短信网关拒绝：签名未审核通过")
