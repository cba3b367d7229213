"""A government's annual report (政府年度报告) as the sum of its agencies' reports.

Art. 49 makes every agency publish its own report by 31 January and every
government its report by 31 March; the government's figures are those of its
own agencies (本级: the departments whose government it is — each government
below publishes its own report, so counting them again would count their
applications twice across published reports).

The sum is taken over the agencies' *reports* rather than over today's
records, so that the published government report adds up to the published
agency reports a reader can lay beside it:

* an agency whose report is approved (定稿) contributes its frozen tables;
* every other agency contributes its tables computed from today's records (one
  aggregate query over all of them together, not one per agency);
* Table 二's entered cells (行政许可, 处罚, 强制, 收费) are the sum of what the
  agencies entered; a cell no agency entered stays 未填报 (None), never 0.

``parts_of`` lists every agency with the state of its report; a government's
report cannot be submitted or approved while an agency in use (``active``)
has no approved report, or left an entered cell empty (``left_empty``; see
``services.problems_of``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q

from gongkai.applications.stats import Table, table_four, table_three, year_range
from gongkai.orgs.models import Department

from .table_two import COMPUTED, DOCUMENT_ROWS, ENTERED_CELLS, Cell, document_counts

AGGREGATED = "aggregated"
TWO, THREE, FOUR = (
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
)


@dataclass(frozen=True)
class Part:
    """One agency of the government and its report for the year (None if not started)."""

    department: Department
    report: object | None  # AnnualReport

    @property
    def frozen(self) -> dict | None:
        return self.report.snapshot if self.report is not None else None

    @property
    def state(self) -> str:
        if self.report is None:
            return "未编写"
        if self.report.published:
            return "已公开"
        return self.report.get_state_display()

    def entered(self) -> dict:
        """Table 二's entered figures this agency contributes (key → value or None): frozen
        once approved, as typed before, none without a report."""
        if self.frozen is not None:
            block = self.frozen["sections"][TWO]
            return {
                key: block[b][r][c]["value"] if r in block[b] else None
                for key, b, r, c in ENTERED_CELLS
            }
        if self.report is not None:
            return self.report.entered()
        return {key: None for key, *_ in ENTERED_CELLS}

    @property
    def required(self) -> bool:
        """An agency in use must have an approved report before the government's is."""
        return self.department.active and self.frozen is None

    def as_dict(self) -> dict:
        return {
            "id": self.department.pk,
            "name": self.department.name,
            "state": self.state,
            "source": "定稿报告" if self.frozen is not None else "业务数据",
        }


def parts_of(government, year: int) -> list[Part]:
    """Every agency of ``government`` (in use, or with a report or records for ``year``) and
    its report."""
    from gongkai.applications.models import Application
    from gongkai.disclosure.models import InformationItem

    from .models import AnnualReport

    start, end = year_range(year)
    mine = OuterRef("pk")
    departments = list(
        Department.objects.filter(government=government)
        .filter(
            # an agency no longer in use still counts while it has records for the year
            Q(active=True)
            | Exists(AnnualReport.objects.filter(department=mine, year=year))
            | Exists(
                Application.objects.filter(department=mine, received_on__lte=end).filter(
                    Q(concluded_on__isnull=True) | Q(concluded_on__gte=start)
                )
            )
            | Exists(
                InformationItem.objects.filter(
                    department=mine, item_type__in=[t for t, _ in DOCUMENT_ROWS]
                )
            )
        )
        .select_related("government")
        .order_by("sort_order", "pk")
    )
    reports = {
        r.department_id: r
        for r in AnnualReport.objects.filter(department__in=departments, year=year).select_related(
            "item"
        )
    }
    return [Part(d, reports.get(d.pk)) for d in departments]


@dataclass
class Sum:
    two: dict
    three: Table
    four: Table
    parts: list[Part]


def _two(parts: list[Part], live: list[Department], year: int) -> dict:
    first: dict = {}
    for row, columns in document_counts(live, year).items():
        first[row] = {column: Cell(n, COMPUTED).as_dict() for column, n in columns.items()}
    entered: dict[str, Decimal | int | None] = {key: None for key, *_ in ENTERED_CELLS}
    for part in parts:
        if part.frozen is not None:
            block = part.frozen["sections"][TWO]
            for row, columns in block["第二十条第（一）项"].items():
                for column, cell in columns.items():
                    first[row][column]["value"] += cell["value"] or 0
        for key, value in part.entered().items():
            if value is not None:
                value = Decimal(str(value)) if key == "fees" else int(value)
                entered[key] = value if entered[key] is None else entered[key] + value
    table: dict = {"第二十条第（一）项": first}
    for key, block, row, column in ENTERED_CELLS:
        table.setdefault(block, {})[row] = {column: Cell(entered[key], AGGREGATED).as_dict()}
    return table


def left_empty(parts: list[Part]) -> dict[tuple[str, ...], list[str]]:
    """Agencies in use that left Table 二 entered cells empty, grouped by the cells they left
    (keys of ``ENTERED_CELLS``, in the table's order) → their names. A government's cell is
    the sum of its agencies': one agency's 未填报 makes the sum incomplete. An agency no
    longer in use counts with what it entered, without blocking (as in ``Part.required``)."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for part in parts:
        if not part.department.active:
            continue
        values = part.entered()
        empty = tuple(key for key, *_ in ENTERED_CELLS if values.get(key) is None)
        if empty:
            groups.setdefault(empty, []).append(part.department.name)
    return groups


def government_sum(government, year: int, parts: list[Part] | None = None) -> Sum:
    """Tables 二, 三 and 四 of ``government`` for ``year``, summed over its agencies' reports."""
    parts = parts_of(government, year) if parts is None else parts
    live = [p.department for p in parts if p.frozen is None]
    start, end = year_range(year)
    three = table_three(live, start, end)
    four = table_four(live, start, end)
    for part in parts:
        if part.frozen is not None:
            three.add(part.frozen["sections"][THREE])
            four.add(part.frozen["sections"][FOUR])
    return Sum(two=_two(parts, live, year), three=three, four=four, parts=parts)
