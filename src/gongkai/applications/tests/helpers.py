"""Building applications at a given past date for the tests."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from gongkai.applications import services
from gongkai.applications.models import Application

TZ = ZoneInfo("Asia/Shanghai")
RESIDENT_ID = "11010519491231002X"  # a valid check digit
USCC = "91350100M000100Y43"


def applicant_data(department, **overrides) -> dict:
    data = {
        "department": department.pk,
        "applicant_kind": "natural",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": RESIDENT_ID,
        "phone": "13800000000",
        "email": "zhangsan@example.com",
        "address": "甘肃省天水市秦州区民主西路1号",
        "postcode": "741000",
        "description": "2016年天水市黄标车淘汰补贴资金的发放明细",
        "preferred_form": "electronic",
        "delivery_method": "online",
    }
    data.update(overrides)
    return data


def submitted(department, on: date, **overrides) -> Application:
    """An online application submitted on ``on`` (not yet confirmed)."""
    sub = services.submit_online(applicant_data(department, **overrides))
    Application.objects.filter(pk=sub.application.pk).update(
        submitted_at=datetime.combine(on, time(9, 30), tzinfo=TZ)
    )
    sub.application.refresh_from_db()
    return sub.application


def received(department, on: date, actor, **overrides) -> Application:
    """An online application submitted and confirmed received on ``on``."""
    application = submitted(department, on, **overrides)
    services.confirm_receipt(application, actor=actor, on=on)
    application.refresh_from_db()
    return application
