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


def secrecy_passed(application: Application, on: date | None = None) -> Application:
    """What the agency's 保密审查员 does before a reply releasing information is approved
    (条例 Art. 17): nothing when the reply needs no 保密审查 there."""
    from gongkai.orgs.models import Membership
    from gongkai.orgs.roles import Role

    application.refresh_from_db()
    if services.secrecy_review_pending(application):
        member = Membership.objects.filter(
            department=application.department, role=Role.CONFIDENTIALITY, active=True
        ).first()
        services.pass_secrecy_review(application, actor=member.user, on=on)
        application.refresh_from_db()
    return application
