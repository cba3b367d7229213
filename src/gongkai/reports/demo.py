"""Demo data of 年度报告: Tianshui's 2016 annual reports, played through the real actions.

``load_reports(ctx)`` (a loader for ``gongkai.demo.loaders``; it needs the city,
its departments and their demo staff, and runs after the applications demo so
that Tables 三 and 四 hold the year's applications) takes the 2016 report of every
city agency (市直部门) from writing to the catalogue, on the dates Art. 49 sets:

* in January 2017 each agency's handler writes sections 一 (the computed draft
  plus a sentence of its own), 五 and 六; its leader (审核人) submits it; the
  disclosure office (公开办) approves it — one report is returned once with a
  comment and submitted again — which freezes its figures; the handler puts it
  into the agency's catalogue as a 年度报告 item, which passes 保密审查 and
  领导审批 and is published before 31 January;
* in March 2017 the general office writes the government's report — the sum of
  the agencies' frozen reports — which the office approves and the general
  office publishes before 31 March.

Table 二's entered cells (行政许可, 处罚, 强制, 收费) must hold a figure before a
report is submitted (0 is a figure, 未填报 is not). The seed gives no such
figures, so ``ENTERED`` holds generated ones of a plausible size for each agency
(0 where it holds no such power: the general office, 扶贫办, the service centre,
the hospital …); the city's cells are their sum.

Idempotent: an agency whose 2016 report exists is left as it is.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from gongkai.accounts.models import User
from gongkai.disclosure import reviewing
from gongkai.orgs.models import Department
from gongkai.workdays import add_working_days

from . import services
from .models import AnnualReport

YEAR = 2016
BEIJING = ZoneInfo("Asia/Shanghai")
# Working days of 9–20 January 2017 on which the agencies submit.
SUBMISSION_DAYS = [date(2017, 1, d) for d in (9, 10, 11, 12, 13, 16, 17, 18, 19, 20)]
RETURNED_ONCE = "天水市环境保护局"
RETURN_COMMENT = "“存在的主要问题及改进情况”过于笼统，请结合本单位实际写明具体问题和改进措施。"
PROBLEMS = (
    "一是主动公开信息的及时性和完整性还有差距，部分信息更新不够及时；"
    "二是政策解读形式较为单一，图解、视频等解读方式运用不多；"
    "三是依申请公开答复的规范化水平有待提高。"
    "下一步，{name}将进一步健全信息发布、审核和更新机制，丰富解读形式，规范答复文书。"
)
PROBLEMS_SPECIFIC = (
    "一是黄标车淘汰、大气污染防治等重点工作信息的公开还不够系统；"
    "二是环境影响评价审批结果公开时间不够及时。"
    "下一步，{name}将建立重点环境信息按月公开清单，审批结果在作出决定后7个工作日内公开。"
)
OWN_WORDS = "{name}按照全市政务公开工作要点，明确分管领导和专门工作人员，落实信息发布保密审查制度。"
GOVERNMENT_WORDS = (
    "{year}年，天水市人民政府深入贯彻《中华人民共和国政府信息公开条例》，"
    "围绕重点领域信息公开、政策解读和回应关切、公众参与和平台建设推进政务公开工作。"
    "本报告汇总市人民政府办公室和市直{count}个部门{year}年度报告的数据。"
)


# Generated figures of Table 二's entered cells for 2016 (not the real ones):
# (行政许可 decisions, 行政处罚 decisions, 行政强制 decisions, 行政事业性收费 in 万元).
# An agency not listed holds none of these powers: 0 in each cell.
ENTERED = {
    "天水市发展和改革委员会": (86, 3, 0, "0"),
    "天水市教育局": (42, 0, 0, "35.6"),
    "天水市公安局": (48620, 21356, 1842, "2815.4"),
    "天水市民政局": (23, 2, 0, "0"),
    "天水市司法局": (15, 1, 0, "0"),
    "天水市财政局": (6, 4, 0, "0"),
    "天水市人力资源和社会保障局": (37, 12, 0, "46.8"),
    "天水市国土资源局": (316, 58, 9, "415.3"),
    "天水市环境保护局": (128, 87, 14, "1235.6"),
    "天水市住房和城乡建设局": (412, 36, 3, "1268.5"),
    "天水市交通运输局": (2350, 1467, 212, "96.3"),
    "天水市水务局": (64, 11, 2, "382.7"),
    "天水市农业局": (218, 27, 4, "12.4"),
    "天水市林业局": (156, 73, 0, "88.5"),
    "天水市商务局": (31, 2, 0, "0"),
    "天水市文化广电新闻出版局": (94, 41, 6, "0"),
    "天水市卫生和计划生育委员会": (1276, 96, 5, "213.6"),
    "天水市审计局": (0, 3, 0, "0"),
    "天水市安全生产监督管理局": (87, 64, 11, "0"),
    "天水市工商行政管理局": (9680, 412, 37, "0"),
    "天水市质量技术监督局": (53, 78, 19, "27.4"),
    "天水市食品药品监督管理局": (2140, 186, 23, "0"),
    "天水市统计局": (0, 5, 0, "0"),
}
NO_POWERS = (0, 0, 0, "0")


def entered_for(department: Department) -> dict:
    """The agency's generated Table 二 figures as the report form takes them."""
    figures = ENTERED.get(department.name, NO_POWERS)
    return dict(
        zip(("licensing", "penalties", "enforcement", "fees"), map(str, figures), strict=True)
    )


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=BEIJING)


def _staff(department: Department) -> tuple[User, User, User]:
    """The agency's demo handler, confidentiality reviewer and leader (审核人)."""
    from gongkai.orgs.models import Membership, Role

    members = {
        m.role: m.user
        for m in Membership.objects.filter(department=department, active=True).select_related(
            "user"
        )
    }
    return members[Role.HANDLER], members[Role.CONFIDENTIALITY], members[Role.REVIEWER]


def _office(city) -> User:
    from gongkai.orgs.models import Membership, Role

    return (
        Membership.objects.filter(
            department__government=city, role=Role.DISCLOSURE_OFFICE, active=True
        )
        .select_related("user")
        .order_by("pk")
        .first()
        .user
    )


def _write(report: AnnualReport, handler: User, *, overview_extra: str, problems: str) -> None:
    report.refresh_from_db()
    draft = services.content(report)["sections"]["一、总体情况"]["draft"]
    services.save_inputs(
        report,
        expected_version=report.version,
        actor=handler,
        overview=f"{draft}{overview_extra}",
        problems=problems,
        other="无。",
        entered=entered_for(report.department) if report.department_id else None,
    )


def _to_catalogue(report, handler, secrecy, reviewer, day: date) -> None:
    item = services.publish_to_catalogue(report, actor=handler)
    reviewing.pass_confidentiality_review(item, actor=secrecy)
    reviewing.approve_item(item, actor=reviewer, now=_at(day, 16, 30))


def _agency(department: Department, office: User, day: date) -> None:
    handler, secrecy, reviewer = _staff(department)
    report = services.report_for(department, YEAR)
    specific = department.name == RETURNED_ONCE
    _write(
        report,
        handler,
        overview_extra=OWN_WORDS.format(name=department.short_name),
        problems=PROBLEMS.format(name=department.short_name),
    )
    services.submit(report, actor=reviewer, now=_at(day, 10))
    if specific:
        services.return_report(report, comment=RETURN_COMMENT, actor=office)
        _write(
            report,
            handler,
            overview_extra=OWN_WORDS.format(name=department.short_name),
            problems=PROBLEMS_SPECIFIC.format(name=department.short_name),
        )
        day = add_working_days(day, 2)
        services.submit(report, actor=reviewer, now=_at(day, 9))
    services.approve(report, actor=office, now=_at(add_working_days(day, 1), 15))
    report.refresh_from_db()
    _to_catalogue(report, handler, secrecy, reviewer, add_working_days(day, 2))


def _government(city, departments, office: User) -> None:
    general_office = Department.objects.get(government=city, kind="general_office")
    handler, secrecy, reviewer = _staff(general_office)
    report = services.report_for(city, YEAR)
    _write(
        report,
        handler,
        overview_extra=GOVERNMENT_WORDS.format(year=YEAR, count=len(departments) - 1),
        problems=PROBLEMS.format(name="市政府"),
    )
    services.submit(report, actor=office, now=_at(date(2017, 3, 20), 10))
    services.approve(report, actor=office, now=_at(date(2017, 3, 22), 15))
    report.refresh_from_db()
    _to_catalogue(report, handler, secrecy, reviewer, date(2017, 3, 24))


def load_reports(ctx) -> None:
    city = ctx.city
    departments = list(Department.objects.filter(government=city).order_by("sort_order", "pk"))
    done = set(
        AnnualReport.objects.filter(department__in=departments, year=YEAR).values_list(
            "department_id", flat=True
        )
    )
    office = _office(city)
    for n, department in enumerate(departments):
        if department.pk in done:
            continue
        day = SUBMISSION_DAYS[min(n // 3, len(SUBMISSION_DAYS) - 1)]  # three agencies a day
        _agency(department, office, day)
    if not AnnualReport.objects.filter(government=city, year=YEAR).exists():
        _government(city, departments, office)
    published = AnnualReport.objects.filter(year=YEAR, item__state="published").count()
    ctx.out(f"  年度报告：{YEAR}年度 {published} 份已公开（{len(departments)} 个部门和市政府）")
