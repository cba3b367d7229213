"""Inspecting the platform's own site from its records, exactly and at any moment.

The columns and messages come from the modules' registrations
(``gongkai.portal.columns``); the rules are the same as for a site outside the
platform (``gongkai.supervision.rules``). The disclosure office sees its own site's
score live and is warned before each single-veto line is reached: the home page
10 days without a new item (the veto is at 14), 3 stale or empty columns (the veto
at 5), a message unanswered for more than 2 months (the veto at 3). Calendar days
throughout, as the indicators count them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from gongkai.portal.columns import message_facts, site_columns
from gongkai.portal.models import NewMediaAccount

from . import rules
from .inspecting import Column, Deduction, Finding
from .models import LinkCheck, MediaUpdate
from .rules import Table


@dataclass
class PlatformReport:
    date: date
    vetoes: list[Finding]
    warnings: list[Finding]
    columns: list[Column]
    homepage_newest: date | None
    unanswered: list[dict] = field(default_factory=list)
    media: list[dict] = field(default_factory=list)
    deductions: list = field(default_factory=list)
    score: Decimal = Decimal(100)
    passed: bool = True


def _columns(table: Table, government, today: date) -> list[Column]:
    return [
        Column(
            url=c.url,
            name=c.label,
            kind=c.kind,
            newest=c.newest.isoformat() if c.newest else None,
            empty=c.count == 0,
            stale=rules.column_stale(table, c.kind, c.newest, today),
            long_stale=rules.column_long_stale(table, c.newest, today),
            status=None,
        )
        for c in site_columns(government)
    ]


def inspect_platform(government, today: date, table: Table | None = None) -> PlatformReport:
    table = table or Table.load()
    columns = _columns(table, government, today)
    dated = [date.fromisoformat(c.newest) for c in columns if c.newest]
    newest = max(dated) if dated else None
    vetoes: list[Finding] = []
    warnings: list[Finding] = []
    age = rules.days_since(newest, today)
    if rules.homepage_stale(table, newest, today):
        detail = (
            f"首页最新信息日期为{newest}，已{age}天未更新" if newest else "网站没有公开任何信息"
        )
        vetoes.append(Finding("homepage_stale", table["homepage_stale"].label, detail))
    elif age is not None and age >= table.number("warn_homepage_days"):
        left = int(table.number("homepage_stale")) - age
        warnings.append(
            Finding(
                "homepage_stale", "首页即将超期", f"已{age}天没有新信息，再过{left}天即单项否决"
            )
        )
    stale = [c for c in columns if c.stale]
    empty = [c for c in columns if c.empty]
    long_stale = [c for c in columns if c.long_stale]
    for code, found, veto_code, label in (
        ("columns_stale", stale, "columns_stale", "超期未更新"),
        ("columns_empty", empty, "columns_empty", "空白"),
        ("columns_long_stale", long_stale, "columns_stale", "长期未更新"),
    ):
        evidence = [{"url": c.url, "name": c.name, "newest": c.newest} for c in found]
        if len(found) >= table.number(code):
            vetoes.append(
                Finding(veto_code, table[code].label, f"{len(found)}个栏目{label}", evidence)
            )
        elif len(found) >= table.number("warn_columns"):
            warnings.append(
                Finding(
                    veto_code,
                    f"栏目{label}预警",
                    f"{len(found)}个栏目{label}，达到{table.number(code):g}个即单项否决",
                    evidence,
                )
            )
    since = today - relativedelta(years=1)
    unanswered, waiting = [], []
    warn = int(table.number("warn_message_months"))
    for fact in message_facts(government, since):
        if fact.answered is not None:
            continue
        row = {"name": fact.label, "url": fact.url, "received": fact.received.isoformat()}
        if rules.message_unanswered(table, fact.received, today):
            unanswered.append(row)
        elif today > fact.received + relativedelta(months=warn):
            waiting.append(row)
    if unanswered:
        vetoes.append(
            Finding(
                "message_unanswered",
                table["message_unanswered"].label,
                f"{len(unanswered)}条有效留言超过{table.number('message_unanswered'):g}个月未答复",
                unanswered,
            )
        )
    if waiting:
        warnings.append(
            Finding(
                "message_unanswered",
                "留言答复预警",
                f"{len(waiting)}条有效留言超过{warn}个月未答复",
                waiting,
            )
        )
    deductions: list[Deduction] = []
    broken = [
        {"url": c.url, "name": c.label, "on": c.on, "status": c.status}
        for c in LinkCheck.objects.filter(broken=True)
    ]
    if broken:
        points = rules.deduction(table, "broken_link", len(broken))
        deductions.append(
            Deduction("broken_link", table["broken_link"].label, len(broken), float(points), broken)
        )
    total = sum((Decimal(str(d.points)) for d in deductions), Decimal(0))
    result = rules.score(table, deductions=total, vetoed=bool(vetoes))
    return PlatformReport(
        date=today,
        vetoes=vetoes,
        warnings=warnings,
        columns=columns,
        homepage_newest=newest,
        unanswered=unanswered,
        media=_media(table, today),
        deductions=deductions,
        score=result.total,
        passed=result.passed,
    )


def _media(table: Table, today: date) -> list[dict]:
    """The site's new-media accounts (政务新媒体), each inspected on its own (they have
    their own indicators, not the site's): two weeks without a post is its veto, as
    for a home page, and an account whose last post was never entered is one."""
    rows = []
    for account in NewMediaAccount.objects.filter(active=True).order_by("sort_order", "id"):
        latest = MediaUpdate.objects.filter(account=account).order_by("-entered_at", "-id").first()
        posted = latest.posted_on if latest else None
        age = rules.days_since(posted, today)
        vetoed = age is None or age >= table.number("media_stale")
        rows.append(
            {
                "pk": account.pk,
                "name": str(account),
                "url": account.url,
                "newest": posted,
                "age": age,
                "vetoed": vetoed,
                "warned": not vetoed and age >= table.number("warn_media_days"),
            }
        )
    return rows
