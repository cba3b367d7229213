import pytest

from gongkai.notices.tests.providers import FlakySmsProvider


@pytest.fixture
def flaky_sms(settings):
    settings.SMS_PROVIDER = "gongkai.notices.tests.providers.FlakySmsProvider"
    FlakySmsProvider.reset()
    yield FlakySmsProvider
    FlakySmsProvider.reset()
