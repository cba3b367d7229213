"""Inspecting one site outside the platform now: what ``gongkai inspect URL`` prints.

The home page is probed ``probes`` times; its newest dated item, its columns (the
links of its navigation) and each column's newest item and emptiness are read; the
site's own links on those pages are checked (404 and 403 are certain broken links,
other failures are listed to check again, not counted); the text is searched for
the serious wording errors of the list. The rules are ``gongkai.supervision.rules``.

Availability (``unreachable``) is judged on a week of probes (at least 20 a day):
an inspection of a moment reports its probes but does not judge the week, and says
so. ``message_unanswered`` and ``guide_incomplete`` are judged from the platform's
own records, for sites on the platform, not by reading a page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal

from . import rules
from .crawler import Fetcher
from .reading import Page, column_kind, columns_of, read, same_site
from .rules import Table

CERTAINLY_BROKEN = (404, 403)
WEEK_DAYS = 7


@dataclass
class Finding:
    code: str
    label: str
    detail: str
    evidence: list[dict] = field(default_factory=list)


@dataclass
class Deduction:
    code: str
    label: str
    findings: int
    points: float
    evidence: list[dict] = field(default_factory=list)


@dataclass
class Column:
    url: str
    name: str
    kind: str
    newest: str | None
    empty: bool
    stale: bool
    long_stale: bool
    status: int | None


@dataclass
class Report:
    url: str
    date: str
    vetoes: list[Finding]
    deductions: list[Deduction]
    score: float
    passed: bool
    homepage_newest: str | None
    columns: list[Column]
    probes: dict
    recheck: list[dict]
    notes: list[str]

    def as_dict(self) -> dict:
        return asdict(self)


def _probe(fetcher: Fetcher, table: Table, url: str, count: int) -> tuple[list, Page | None]:
    results, page = [], None
    for _ in range(max(1, count)):
        got = fetcher.get(url)
        failed = rules.probe_failed(table, seconds=got.seconds, status=got.status)
        results.append({"status": got.status, "seconds": round(got.seconds, 3), "failed": failed})
        if page is None and got.status == 200:
            page = read(got.url, got.text)
    return results, page


def _columns(
    fetcher, table, home: Page, today: date, registered: list[tuple[str, str, str]] | None
) -> tuple[list[Column], list[Page]]:
    """The registered columns (name, URL, kind), or else the home page's navigation."""
    if registered is None:
        registered = [(link.text, link.url, column_kind(link.text)) for link in columns_of(home)]
    columns, pages = [], []
    for name, url, kind in registered:
        got = fetcher.get(url)
        page = read(got.url, got.text) if got.status == 200 else None
        newest = page.newest(today) if page else None
        columns.append(
            Column(
                url=url,
                name=name,
                kind=kind,
                newest=newest.isoformat() if newest else None,
                empty=page is not None and not page.dates,
                stale=rules.column_stale(table, kind, newest, today),
                long_stale=rules.column_long_stale(table, newest, today),
                status=got.status,
            )
        )
        if page is not None:
            pages.append(page)
    return columns, pages


def _links(fetcher, site: str, pages: list[Page], checked: set[str], limit: int):
    """The site's own links on ``pages``: certain broken ones, and ones to check again."""
    broken, recheck = [], []
    for page in pages:
        for link in page.links:
            if link.url in checked or not same_site(link.url, site) or len(checked) >= limit:
                continue
            checked.add(link.url)
            got = fetcher.get(link.url)
            if not got.allowed or got.status == 200:
                continue
            found = {"url": link.url, "text": link.text, "on": page.url, "status": got.status}
            if got.status in CERTAINLY_BROKEN:
                broken.append(found)
            elif got.status is None or got.status >= 400:
                recheck.append({**found, "error": got.error})
    return broken, recheck


def _wordings(pages: list[Page], wordings: list[tuple[str, str]]) -> list[dict]:
    return [
        {"url": page.url, "wrong": wrong, "right": right}
        for page in pages
        for wrong, right in wordings
        if wrong in page.text
    ]


def inspect_site(
    url: str,
    *,
    today: date,
    fetcher: Fetcher,
    table: Table | None = None,
    wordings: list[tuple[str, str]] | None = None,
    probes: int = 3,
    max_links: int = 200,
    with_services: bool = True,
    columns: list[tuple[str, str, str]] | None = None,
    week: tuple[int, int] | None = None,
) -> Report:
    """``columns``: the site's registered columns (name, URL, kind); ``week``: the
    past week's stored probes (count, failures) of a registered site."""
    table = table or Table()
    wordings = wordings or []
    notes: list[str] = []
    probe_results, home = _probe(fetcher, table, url, probes)
    failures = sum(1 for p in probe_results if p["failed"])
    vetoes: list[Finding] = []
    needed = int(table.number("probes_per_day")) * WEEK_DAYS
    if week is not None and week[0] >= needed:
        count, failed = week
        share = f"{failed / count:.1%}"
        if rules.unreachable(table, count, failed):
            vetoes.append(
                Finding(
                    "unreachable",
                    table["unreachable"].label,
                    f"近一周监测{count}次，失败{failed}次（{share}）",
                )
            )
        notes.append(f"可用性：近一周监测{count}次，失败{failed}次（{share}）。")
    else:
        stored = f"近一周已监测{week[0]}次；" if week is not None else ""
        notes.append(
            f"可用性：本次检查访问首页{len(probe_results)}次，失败{failures}次；{stored}"
            f"是否“站点无法访问”按一周至少{needed}次监测判定，本次不作判定。"
        )
    deductions: list[Deduction] = []
    found_columns: list[Column] = []
    recheck: list[dict] = []
    homepage_newest = None
    if home is None:
        notes.append("首页无法打开，未能检查更新、栏目和链接。")
    else:
        newest = home.newest(today)
        homepage_newest = newest.isoformat() if newest else None
        if home.future_dates(today):
            notes.append(
                "首页有晚于检查日的日期（已忽略）："
                + "、".join(d.isoformat() for d in home.future_dates(today))
            )
        if rules.homepage_stale(table, newest, today):
            age = rules.days_since(newest, today)
            detail = (
                f"首页最新信息日期为{newest}，已{age}天未更新" if newest else "首页没有带日期的信息"
            )
            vetoes.append(Finding("homepage_stale", table["homepage_stale"].label, detail))
        found_columns, pages = _columns(fetcher, table, home, today, columns)
        stale = [c for c in found_columns if c.stale]
        long_stale = [c for c in found_columns if c.long_stale]
        empty = [c for c in found_columns if c.empty]
        evidence = [{"url": c.url, "name": c.name, "newest": c.newest} for c in stale]
        if len(stale) >= table.number("columns_stale"):
            vetoes.append(
                Finding(
                    "columns_stale",
                    table["columns_stale"].label,
                    f"{len(stale)}个栏目超期未更新",
                    evidence,
                )
            )
        elif len(long_stale) >= table.number("columns_long_stale"):
            vetoes.append(
                Finding(
                    "columns_stale",
                    table["columns_long_stale"].label,
                    f"{len(long_stale)}个栏目长期未更新",
                    [{"url": c.url, "name": c.name, "newest": c.newest} for c in long_stale],
                )
            )
        if len(empty) >= table.number("columns_empty"):
            vetoes.append(
                Finding(
                    "columns_empty",
                    table["columns_empty"].label,
                    f"{len(empty)}个空白栏目",
                    [{"url": c.url, "name": c.name} for c in empty],
                )
            )
        checked = {url, *(c.url for c in found_columns)}
        broken, recheck = _links(fetcher, url, [home, *pages], checked, max_links)
        broken += [
            {"url": c.url, "text": c.name, "on": url, "status": c.status}
            for c in found_columns
            if c.status in CERTAINLY_BROKEN
        ]
        if broken:
            points = rules.deduction(table, "broken_link", len(broken))
            deductions.append(
                Deduction(
                    "broken_link", table["broken_link"].label, len(broken), float(points), broken
                )
            )
        wrong = _wordings([home, *pages], wordings)
        if wrong:
            rule = table["serious_wording"]
            if rule.kind == "veto":
                vetoes.append(Finding("serious_wording", rule.label, f"{len(wrong)}处", wrong))
            else:
                points = rules.deduction(table, "serious_wording", len(wrong))
                deductions.append(
                    Deduction("serious_wording", rule.label, len(wrong), float(points), wrong)
                )
    total = sum((Decimal(str(d.points)) for d in deductions), Decimal(0))
    result = rules.score(table, deductions=total, vetoed=bool(vetoes), with_services=with_services)
    if home is None:
        result = rules.Score(result.base, result.bonus, Decimal(0), False)
    return Report(
        url=url,
        date=today.isoformat(),
        vetoes=vetoes,
        deductions=deductions,
        score=float(result.total),
        passed=result.passed,
        homepage_newest=homepage_newest,
        columns=found_columns,
        probes={"count": len(probe_results), "failures": failures, "results": probe_results},
        recheck=recheck,
        notes=notes,
    )
