"""Factories and named personas shared by every module's tests.

The world: 天水市 (620500) with 秦州区 (620502) under it, and 陇南市 (621200)
as an unrelated government. Personas are staff in named departments with one
role each, e.g. ``handler_finance`` is an 经办人 in 天水市财政局.
"""

from __future__ import annotations

import itertools

from gongkai.core.validators import org_code_check_char, uscc_check_char
from gongkai.orgs.models import Department, DepartmentType, Government, GovernmentLevel, Membership
from gongkai.orgs.roles import Role

_serial = itertools.count(1)


def make_uscc(division_code: str, serial: int) -> str:
    """A well-formed 统一社会信用代码 for a government body (11 = 机关)."""
    body = f"{serial:08d}"
    org = body + org_code_check_char(body)
    first17 = "11" + division_code + org
    return first17 + uscc_check_char(first17)


def government(code: str, name: str, *, level=GovernmentLevel.CITY, parent=None) -> Government:
    gov, _ = Government.objects.get_or_create(
        code=code,
        defaults={"name": name, "full_name": f"{name}人民政府", "level": level, "parent": parent},
    )
    return gov


def department(gov: Government, name: str, *, short_name: str | None = None, **fields):
    existing = Department.objects.filter(government=gov, name=name).first()
    if existing:
        return existing
    fields.setdefault("kind", DepartmentType.CONSTITUENT)
    return Department.objects.create(
        government=gov,
        name=name,
        short_name=short_name or name.removeprefix(gov.name),
        uscc=make_uscc(gov.code, 90000000 + next(_serial)),
        **fields,
    )


def staff(username: str, *memberships: tuple[Department, str], password: str = "Gongkai-Test-2026"):
    from gongkai.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username=username, password=password, full_name=username)
    for dept, role in memberships:
        Membership.objects.get_or_create(user=user, department=dept, role=role)
    return user


class World:
    """The standard test world, built on demand inside a test's database."""

    def __init__(self):
        self.tianshui = government("620500", "天水市")
        self.qinzhou = government(
            "620502", "秦州区", level=GovernmentLevel.COUNTY, parent=self.tianshui
        )
        self.longnan = government("621200", "陇南市")
        self.general_office = department(
            self.tianshui,
            "天水市人民政府办公室",
            short_name="市政府办",
            kind=DepartmentType.GENERAL_OFFICE,
        )
        self.finance = department(self.tianshui, "天水市财政局", short_name="市财政局")
        self.environment = department(self.tianshui, "天水市环境保护局", short_name="市环保局")
        self.qinzhou_finance = department(self.qinzhou, "秦州区财政局", short_name="区财政局")
        self.longnan_finance = department(self.longnan, "陇南市财政局", short_name="陇南财政局")
        self.handler_finance = staff("handler_finance", (self.finance, Role.HANDLER))
        self.reviewer_finance = staff("reviewer_finance", (self.finance, Role.REVIEWER))
        self.secrecy_finance = staff("secrecy_finance", (self.finance, Role.CONFIDENTIALITY))
        self.handler_environment = staff("handler_environment", (self.environment, Role.HANDLER))
        self.office = staff("office_tianshui", (self.general_office, Role.DISCLOSURE_OFFICE))
        self.admin = staff("sysadmin", (self.general_office, Role.SYSADMIN))
        self.both = staff(
            "handler_two_depts", (self.finance, Role.HANDLER), (self.environment, Role.HANDLER)
        )


def site_profile(gov: Government):
    """The portal's site profile for ``gov``, with its two new-media accounts (天水发布)."""
    from gongkai.portal.models import NewMediaAccount, Platform, SiteProfile

    profile = SiteProfile.objects.create(
        government=gov,
        site_name=f"{gov.name}人民政府",
        site_code="6205000001",
        icp_record="陇ICP备00000001号",
        police_record="甘公网安备 62050202000001号",
        police_record_code="62050202000001",
        sponsor=f"{gov.name}人民政府办公室",
        operator=f"{gov.name}政务公开办公室",
        phone="0938-1234567",
        email="gongkai@example.gov.cn",
        address="甘肃省天水市秦州区",
    )
    for order, platform, url in [
        (1, Platform.WECHAT, "https://mp.weixin.qq.com/tianshuifabu"),
        (2, Platform.WEIBO, "https://weibo.com/tianshuifabu"),
    ]:
        NewMediaAccount.objects.create(
            name="天水发布", platform=platform, url=url, sort_order=order
        )
    return profile
