"""Writing, reviewing and freezing an annual report; every step checks ``gongkai.access``
and writes the audit trail.

* ``report_for(scope, year)`` — the agency's or government's report, created on first use;
* ``save_inputs`` — sections 一, 五, 六 and the entered Table 二 figures (version-checked);
* ``submit`` — to the disclosure office, refused while any cross-check fails, a text
  section is empty or a statutory Table 二 cell is 未填报 (0 is a figure);
* ``return_report`` / ``approve`` — the office's review; approval freezes the content
  (``snapshot``);
* ``publish_to_catalogue`` — the department puts the approved report into its catalogue
  as a 年度报告 item and submits it to its own review (保密审查, 领导审批); refused while
  a statutory cell of the frozen content is empty;
* ``content`` — what the report says: the snapshot once frozen, else computed now;
* ``differences`` — where today's records differ from the frozen figures.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from gongkai import access
from gongkai.audit.services import record
from gongkai.core.concurrency import claim_version
from gongkai.core.errors import DomainError
from gongkai.orgs.models import Department
from gongkai.workflow import timeline

from .aggregation import left_empty, parts_of
from .annual import CARRY_OVER, SECTION_HEADINGS, Inputs, annual_report
from .flow import FLOW
from .models import EDITABLE, AnnualReport
from .table_two import ENTERED_CELLS

TEXT_FIELDS = {
    "overview": "一、总体情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}
TEXT_MAX = 20_000


class ReportBlocked(DomainError):
    """Refused because of what the report says; ``problems`` lists each in words."""

    def __init__(self, what: str, problems: list[str]):
        self.problems = problems
        super().__init__(f"{what}：" + "；".join(problems), code="report_blocked")


def _audit(report, action: str, *, actor, before=None, after=None) -> None:
    record(f"reports.{action}", actor=actor, obj=report, before=before, after=after)


def report_for(scope, year: int) -> AnnualReport:
    """The report of an agency (Department) or a government for ``year``; made if missing."""
    if not 2000 <= year <= 2100:
        raise DomainError(f"年度“{year}”不正确。", code="year")
    key = {"department": scope} if isinstance(scope, Department) else {"government": scope}
    found = AnnualReport.objects.filter(**key, year=year).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return AnnualReport.objects.create(**key, year=year)
    except IntegrityError:  # made by a colleague a moment ago
        return AnnualReport.objects.get(**key, year=year)


def inputs_of(report: AnnualReport) -> Inputs:
    return Inputs(
        overview=report.overview,
        problems=report.problems,
        other=report.other,
        entered=report.entered(),
        carry_over_note=report.carry_over_note,
    )


def content(report: AnnualReport) -> dict:
    """What the report says: frozen at approval, computed from today's records before."""
    if report.snapshot is not None:
        return report.snapshot
    return annual_report(report.scope, report.year, inputs_of(report))


def _number(key: str, label: str, value) -> int | Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise DomainError(f"{label}应为数字。", code="entered") from None
    if number < 0:
        raise DomainError(f"{label}不能为负数。", code="entered")
    if key != "fees":
        if number != number.to_integral_value():
            raise DomainError(f"{label}应为整数。", code="entered")
        return int(number)
    if number.as_tuple().exponent < -4:
        raise DomainError(f"{label}最多保留四位小数（万元）。", code="entered")
    return number


def save_inputs(
    report: AnnualReport,
    *,
    expected_version: int,
    actor,
    overview: str = "",
    problems: str = "",
    other: str = "",
    entered: dict | None = None,
    carry_over_note: str = "",
) -> AnnualReport:
    """Save what staff write and enter; a colleague's save in between is refused (StaleEdit)."""
    access.require(actor, "reports.edit", report)
    texts = {
        "overview": overview,
        "problems": problems,
        "other": other,
        "carry_over_note": carry_over_note,
    }
    for name, text in texts.items():
        if len(text or "") > TEXT_MAX:
            label = TEXT_FIELDS.get(name, "结转差异说明")
            raise DomainError(f"“{label}”不能超过{TEXT_MAX}字。", code="too_long")
    if report.government_id is not None:
        entered = {}  # a government's figures are the sum of its agencies' (aggregation)
    numbers = {
        key: _number(key, f"{row}{column}", (entered or {}).get(key))
        for key, _block, row, column in ENTERED_CELLS
    }
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
        if locked.state not in EDITABLE:
            raise DomainError(
                f"年度报告当前为“{locked.get_state_display()}”，不能修改。", code="not_editable"
            )
        claim_version(report, expected_version)
        before = {**{n: getattr(locked, n) for n in texts}, **_plain(locked.entered())}
        for name, text in texts.items():
            setattr(report, name, (text or "").strip())
        for key, value in numbers.items():
            setattr(report, key, value)
        report.save()
        _audit(report, "save", actor=actor, before=before, after={**texts, **_plain(numbers)})
    return report


def _plain(values: dict) -> dict:
    return {k: (str(v) if isinstance(v, Decimal) else v) for k, v in values.items()}


def problems_of(report: AnnualReport, data: dict | None = None) -> list[str]:
    """What stands in the way of submitting or approving: failed cross-checks, empty sections,
    Table 二's statutory cells left empty (for a government: the agencies that left them)."""
    data = data or content(report)
    explained = bool(report.carry_over_note.strip())
    found = [c for c in data["checks"] if not (explained and c.startswith(CARRY_OVER))]
    if any(c.startswith(CARRY_OVER) for c in found):
        found.append("上下年度结转数不一致的，请核对或在“结转差异说明”中说明原因")
    for name, heading in TEXT_FIELDS.items():
        if not getattr(report, name).strip():
            found.append(f"“{heading}”尚未填写（没有需要报告的事项的，请写“无”）")
    if report.government_id is not None and report.snapshot is None:
        parts = parts_of(report.government, report.year)
        missing = [p.department.name for p in parts if p.required]
        if missing:
            found.append("以下部门的年度报告尚未审核通过：" + "、".join(missing))
        groups = left_empty(parts)
        for keys, names in groups.items():
            found.append(
                f"表二{_cell_names(keys)}为本级各部门填报数之和，以下部门尚未填报："
                + "、".join(names)
            )
        if not groups:
            found += empty_cells(data)
    else:
        found += empty_cells(data)
    return found


CELL_NAMES = {key: f"“{row}{column}”" for key, _block, row, column in ENTERED_CELLS}


def _cell_names(keys) -> str:
    return "、".join(CELL_NAMES[key] for key in keys)


def empty_cells(data: dict) -> list[str]:
    """Table 二's statutory entered cells (条例第二十条第（五）（六）（八）项) left empty in
    ``data``, in words; 0 is a figure, 未填报 is not."""
    two = data["sections"][SECTION_HEADINGS[1]]
    empty = [
        key
        for key, block, row, column in ENTERED_CELLS
        if two.get(block, {}).get(row, {}).get(column, {}).get("value") is None
    ]
    if not empty:
        return []
    return [f"表二{_cell_names(empty)}尚未填报（本年没有的，请填0）"]


def submit(report: AnnualReport, *, actor, now=None) -> AnnualReport:
    access.require(actor, "reports.submit", report)
    found = problems_of(report)
    if found:
        raise ReportBlocked("年度报告暂不能报送", found)
    now = now or timezone.now()
    FLOW.apply(
        report,
        "submit",
        actor=actor,
        at=now,
        changes={"submitted_at": now, "return_comment": ""},
    )
    return report


def return_report(report: AnnualReport, *, comment: str, actor) -> AnnualReport:
    access.require(actor, "reports.review", report)
    comment = (comment or "").strip()
    if not comment:
        raise DomainError("退回修改须写明修改意见。", code="comment_required")
    FLOW.apply(report, "return", actor=actor, comment=comment, changes={"return_comment": comment})
    return report


def approve(report: AnnualReport, *, actor, now=None) -> AnnualReport:
    """The office approves: the cross-checks are run again and the content is frozen."""
    access.require(actor, "reports.review", report)
    data = annual_report(report.scope, report.year, inputs_of(report))
    found = problems_of(report, data)
    if found:
        raise ReportBlocked("年度报告暂不能审核通过", found)
    now = now or timezone.now()
    frozen = {**data, "frozen_at": timezone.localtime(now).isoformat()}
    with transaction.atomic():
        FLOW.apply(
            report,
            "approve",
            actor=actor,
            at=now,
            changes={"approved_at": now, "approved_by_id": actor.pk},
        )
        # The frozen content goes beside the transition, not into its audit event.
        report.snapshot_json = AnnualReport.freeze(frozen)
        report.save(update_fields=["snapshot_json"])
    return report


def publish_to_catalogue(report: AnnualReport, *, actor):
    """The approved report as a 年度报告 draft in the department's catalogue, submitted to review."""
    from gongkai.disclosure.drafting import create_draft
    from gongkai.disclosure.models import Genre, ItemType, SubjectCategory
    from gongkai.disclosure.reviewing import submit_item

    access.require(actor, "reports.publish", report)
    if report.item_id is not None:
        raise DomainError("年度报告已经提交公开目录。", code="in_catalogue")
    department = report.access_department
    data = report.snapshot
    found = empty_cells(data)
    if found:  # approved before the rule, or a government none of whose agencies entered it
        raise ReportBlocked("年度报告暂不能提交公开目录", found)
    body = render_to_string("reports/report_body.html", {"report": report, "data": data})
    on = timezone.localdate(report.approved_at)
    with transaction.atomic():
        item = create_draft(
            actor=actor,
            department=department,
            data={
                "title": data["title"],
                "written_on": on,
                "subject": SubjectCategory.objects.get(name="综合政务"),
                "genre": Genre.objects.get(name="报告"),
                "keywords": "政府信息公开 年度报告",
                "summary": f"{report.scope.name}{report.year}年政府信息公开工作情况。",
                "body": body,
                "source": department.name,
                "disclosure_attribute": "proactive",
                "item_type": ItemType.ANNUAL_REPORT,
                "formed_or_changed_on": on,
            },
        )
        AnnualReport.objects.filter(pk=report.pk).update(item=item)
        report.item = item
        submit_item(item, actor=actor)
        _audit(report, "to_catalogue", actor=actor, after={"item": item.pk})
        timeline.add(
            report,
            "to_catalogue",
            "提交公开目录",
            workflow=FLOW.name,
            text=f"作为年度报告类信息提交本机关公开审核（{item.title}）",
            actor=actor,
            department=department,
        )
    return item


def differences(report: AnnualReport) -> list[str]:
    """Cells of the frozen report whose figure today's records give differently, in words."""
    if report.snapshot is None:
        return []
    now = annual_report(report.scope, report.year, inputs_of(report))
    out: list[str] = []

    def walk(frozen, current, path):
        if isinstance(frozen, dict) and "value" in frozen and "source" in frozen:
            frozen, current = frozen["value"], (current or {}).get("value")
        if isinstance(frozen, dict):
            for key, value in frozen.items():
                walk(
                    value,
                    (current or {}).get(key) if isinstance(current, dict) else None,
                    [*path, key],
                )
        elif isinstance(frozen, int | float) and frozen != current:
            out.append(f"{' › '.join(path)}：定稿 {frozen}，现在 {current}")

    for heading in list(now["sections"])[1:4]:
        walk(report.snapshot["sections"][heading], now["sections"][heading], [heading])
    return out
