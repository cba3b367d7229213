import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def totp_device(world):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=world.handler_finance, name="身份验证器", confirmed=True)


def code_for(device, steps_ahead: int = 0) -> str:
    """The device's current 6-digit code (or the code ``steps_ahead`` periods later)."""
    from django_otp.oath import totp

    value = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0 - steps_ahead * device.step,
        digits=device.digits,
        drift=device.drift,
    )
    return f"{value:0{device.digits}d}"
