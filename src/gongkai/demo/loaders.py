"""``gongkai demo``: load the Tianshui world, idempotently.

Every loader finds rows by their natural key (division code, department name,
username) and creates what is missing, so the command can run on every start.
The world (governments, departments, staff, the calendar) is loaded here
(``LOADERS``); each module registers its own loader in its ``AppConfig.ready()``
(``register_loader``), so this file names no module.

The loaders play 2016 through the real actions, so the notices those actions
send would go to fictional people about events long past: they run inside
``withhold_notices()`` (a loader may keep the in-app notices of what is still
open at the end). The jobs the actions enqueue that the site needs before
anyone opens it (search index, formal notices' files) are run before
``load_all`` returns, through the real worker (``gongkai.jobs.worker.run_now``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.module_loading import import_string

from gongkai.core.validators import org_code_check_char, uscc_check_char
from gongkai.jobs.worker import run_now
from gongkai.notices.models import NoticeChannel
from gongkai.notices.services import withhold_notices
from gongkai.orgs.models import Department, Government, GovernmentLevel, Membership
from gongkai.orgs.roles import Role

from . import tianshui as data
from .registry import module_loaders, register_loader  # noqa: F401  (register_loader: re-exported)


@dataclass
class DemoContext:
    out: callable = print
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (username, who, role)
    city: Government | None = None
    counties: list[Government] = field(default_factory=list)


def demo_uscc(division_code: str, serial: int) -> str:
    """A well-formed social credit code for a 机关 (government body): 1 1 + division + org code."""
    body = f"{int(division_code) % 1000:03d}{serial:05d}"
    org = body + org_code_check_char(body)
    first17 = "11" + division_code + org
    return first17 + uscc_check_char(first17)


def _phone(division_code: str, serial: int) -> str:
    return f"0938-8{int(division_code) % 100:02d}{serial:04d}"


def load_governments(ctx: DemoContext) -> None:
    province, _ = Government.objects.get_or_create(
        code=data.PROVINCE[0],
        defaults={"name": data.PROVINCE[1], "full_name": data.PROVINCE[2], "level": "province"},
    )
    ctx.city, _ = Government.objects.get_or_create(
        code=data.CITY[0],
        defaults={
            "name": data.CITY[1],
            "full_name": data.CITY[2],
            "level": GovernmentLevel.CITY,
            "parent": province,
        },
    )
    ctx.counties = []
    for code, name, full_name, _slug in data.COUNTIES:
        county, _ = Government.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "full_name": full_name,
                "level": GovernmentLevel.COUNTY,
                "parent": ctx.city,
            },
        )
        ctx.counties.append(county)
    ctx.out(f"  政府：{data.CITY[1]}及所辖 {len(ctx.counties)} 个县区")


def _department(gov, serial, name, short_name, kind, address) -> Department:
    dept = Department.objects.filter(government=gov, name=name).first()
    if dept:
        return dept
    return Department.objects.create(
        government=gov,
        name=name,
        short_name=short_name,
        kind=kind,
        uscc=demo_uscc(gov.code, serial),
        address=f"甘肃省天水市{address}",
        postcode="741000",
        phone=_phone(gov.code, serial),
        office_hours=data.OFFICE_HOURS,
        sort_order=serial,
    )


class _Names:
    """Deterministic, varied Chinese names for demo staff."""

    def __init__(self):
        self.i = 0

    def next(self) -> str:
        surname = data.SURNAMES[self.i % len(data.SURNAMES)]
        given = data.GIVEN_NAMES[(self.i * 7) % len(data.GIVEN_NAMES)]
        self.i += 1
        return surname + given


def _user(username, full_name, password_hash, *, staff=False, superuser=False):
    from gongkai.accounts.models import User

    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "full_name": full_name,
            "password": password_hash,
            "is_staff": staff,
            "is_superuser": superuser,
        },
    )
    return user


DEPT_ROLES = [
    (Role.HANDLER, "handler", "经办人"),
    (Role.REVIEWER, "reviewer", "审核人"),
    (Role.CONFIDENTIALITY, "secrecy", "保密审查员"),
]


def load_departments_and_staff(ctx: DemoContext) -> None:
    password_hash = make_password(data.DEMO_PASSWORD)
    names = _Names()
    dept_count = 0
    people = 0

    def staff_for(dept: Department, prefix: str, office_role: bool) -> None:
        nonlocal people
        for role, suffix, label in DEPT_ROLES:
            username = f"{prefix}_{suffix}"
            user = _user(username, names.next(), password_hash)
            Membership.objects.get_or_create(user=user, department=dept, role=role)
            ctx.logins.append((username, dept.short_name, label))
            people += 1
        if office_role:
            username = f"{prefix}_gkb"
            user = _user(username, names.next(), password_hash)
            Membership.objects.get_or_create(
                user=user, department=dept, role=Role.DISCLOSURE_OFFICE
            )
            ctx.logins.append((username, f"{dept.government.name}政务公开办", "公开办"))
            people += 1

    for serial, (slug, name, short, kind, address) in enumerate(data.CITY_DEPARTMENTS, 1):
        dept = _department(ctx.city, serial, name, short, kind, address)
        staff_for(dept, f"ts_{slug}", office_role=(slug == "szfb"))
        dept_count += 1
    for county, (_code, county_name, _full, county_slug) in zip(
        ctx.counties, data.COUNTIES, strict=True
    ):
        for serial, (slug, suffix, short, kind) in enumerate(data.COUNTY_DEPARTMENTS, 1):
            dept = _department(
                county,
                serial,
                f"{county_name}{suffix}",
                f"{county_name.removesuffix('回族自治县').removesuffix('县').removesuffix('区')}{short}",
                kind,
                f"{county_name}人民路{serial}号",
            )
            staff_for(dept, f"{county_slug}_{slug}", office_role=(slug == "zfb"))
            dept_count += 1

    admin = _user("admin", "系统管理员", password_hash, staff=True, superuser=True)
    general_office = Department.objects.get(government=ctx.city, name="天水市人民政府办公室")
    Membership.objects.get_or_create(user=admin, department=general_office, role=Role.SYSADMIN)
    ctx.logins.insert(0, ("admin", "市政府办", "系统管理员"))
    people += 1
    # 监察: the supervision office stationed at the city's service centre (电子监察).
    supervisor = _user("ts_zwzx_supervisor", names.next(), password_hash)
    centre = Department.objects.get(government=ctx.city, name="天水市政务服务中心")
    Membership.objects.get_or_create(user=supervisor, department=centre, role=Role.SUPERVISOR)
    ctx.logins.append(("ts_zwzx_supervisor", "市监察局驻政务大厅", "监察"))
    people += 1
    # A reviewer of 市财政局 who also handles for 市扶贫办: shows the department switch.
    both = _user("ts_czj_reviewer", "", password_hash)
    Membership.objects.get_or_create(
        user=both,
        department=Department.objects.get(government=ctx.city, name="天水市扶贫开发办公室"),
        role=Role.HANDLER,
    )
    ctx.out(f"  部门：{dept_count} 个；人员：{people} 人")


def load_site_profile(ctx: DemoContext) -> None:
    from gongkai.portal.models import NewMediaAccount, SiteProfile

    profile, _ = SiteProfile.objects.get_or_create(
        id=1, defaults={"government": ctx.city, **data.SITE_PROFILE}
    )
    for order, (name, platform, url) in enumerate(data.NEW_MEDIA, 1):
        NewMediaAccount.objects.get_or_create(
            profile=profile,
            name=name,
            platform=platform,
            defaults={"url": url, "sort_order": order},
        )
    ctx.out(f"  网站信息：{profile.site_name}，政务新媒体 {len(data.NEW_MEDIA)} 个")


def load_calendar(ctx: DemoContext) -> None:
    from django.core.management import call_command

    call_command("calendar", "seed", verbosity=0)
    ctx.out("  节假日日历：已从 chinese-calendar 载入")


# The world every module builds on, loaded first, in this order.
LOADERS = [
    load_governments,
    load_departments_and_staff,
    load_site_profile,
    load_calendar,
]

# The kernel's jobs whose results the demo's pages show (task path, what they make),
# run before ``gongkai demo`` returns: otherwise the search misses demo items until
# the worker has caught up. Modules add theirs with ``register_loader(jobs=...)``.
JOBS_BEFORE_SERVING = [
    ("gongkai.files.jobs.extract_text_job", "附件文字"),
    ("gongkai.search.jobs.reindex_object_job", "检索索引"),
]


def all_loaders() -> list:
    """The world's loaders, then every registered module's, in order."""
    return [*LOADERS, *(import_string(m.path) for m in module_loaders())]


def jobs_before_serving() -> list[tuple[str, str]]:
    jobs = [*JOBS_BEFORE_SERVING]
    for module in module_loaders():
        jobs += [job for job in module.jobs if job not in jobs]
    return jobs


def load_all(out=print) -> DemoContext:
    ctx = DemoContext(out=out)
    with withhold_notices() as withheld:
        for loader in all_loaders():
            with transaction.atomic():
                loader(ctx)
    if withheld.total:
        counts = withheld.counts
        ctx.out(
            f"  通知：演示的历史事件不发通知（未发短信 {counts[NoticeChannel.SMS]} 条、"
            f"邮件 {counts[NoticeChannel.EMAIL]} 封，未写站内通知 {counts[NoticeChannel.INAPP]} 条）"
        )
    run_jobs_before_serving(ctx)
    return ctx


def run_jobs_before_serving(ctx: DemoContext) -> None:
    """Run the queued jobs of ``jobs_before_serving()`` now; one line says what they did."""
    started = time.monotonic()
    jobs = jobs_before_serving()
    done = run_now([import_string(path) for path, _label in jobs])
    made = "、".join(
        f"{label} {done.ran[path] - len(done.failed.get(path, []))} 项"
        for path, label in jobs
        if done.ran[path]
    )
    line = f"  后台任务：已完成 {made or '0 项'}，用时 {time.monotonic() - started:.0f} 秒"
    for path, label in jobs:
        errors = done.failed.get(path)
        if errors:
            line += (
                f"；{label}失败 {len(errors)} 项（{errors[0]}），"
                "后台任务进程将稍后重试，详见管理后台的失败任务"
            )
    ctx.out(line)
