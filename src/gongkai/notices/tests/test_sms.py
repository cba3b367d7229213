import logging

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.notices.sms import LogSmsProvider, get_sms_provider


def test_the_default_provider_logs_the_message_with_the_number_masked(caplog):
    with caplog.at_level(logging.INFO, logger="gongkai.sms"):
        message_id = LogSmsProvider().send("13893812345", "您的申请已受理。")
    assert message_id.startswith("log-")
    (record,) = caplog.records
    assert "138****2345" in record.getMessage()
    assert "您的申请已受理。" in record.getMessage()
    assert "13893812345" not in record.getMessage()


def test_the_provider_class_comes_from_settings(settings):
    settings.SMS_PROVIDER = "gongkai.notices.tests.providers.DownSmsProvider"
    assert type(get_sms_provider()).__name__ == "DownSmsProvider"


def test_a_provider_that_is_not_an_sms_provider_is_refused_clearly(settings):
    settings.SMS_PROVIDER = "gongkai.notices.models.Notice"
    with pytest.raises(ImproperlyConfigured, match="not a subclass of"):
        get_sms_provider()
    settings.SMS_PROVIDER = "gongkai.notices.nowhere.Provider"
    with pytest.raises(ImproperlyConfigured, match="cannot import"):
        get_sms_provider()
