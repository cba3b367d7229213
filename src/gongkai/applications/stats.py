"""Statistics of 依申请公开 (disclosure on application) for the annual report (年度报告).

Tables 三 and 四 of the national annual-report format (国办公开办函〔2021〕30号),
for one agency (受理机关) or one government (政府) with every government under
it, over any date range ``[start, end]`` (both days included; a report year is
1 January – 31 December).

Table 三 — 收到和处理政府信息公开申请情况
-------------------------------------------

Columns: the applicant's Table 三 column (``Application.report_column``):
自然人 (natural), and for 法人或其他组织 the five subtypes 商业企业 · 科研机构 ·
社会公益组织 · 法律服务机构 · 其他 (an organisation without a subtype counts as
其他), then 总计 = the sum of the six.

Which applications count: only applications that were received (收到申请之日,
``received_on`` set, Art. 31). Online submissions never confirmed, and
discarded ones (已作废), never count; an application withdrawn before receipt
does not count either.

Rows (25 numeric rows, in the national order):

* 一、本年新收 — ``received_on`` within ``[start, end]``.
* 二、上年结转 — received before ``start`` and not concluded before ``start``
  (``concluded_on`` empty or on/after ``start``).
* 三、本年度办理结果 — concluded (办结, ``concluded_on``: the reply date, or the
  day an application was closed as abandoned or withdrawn) within
  ``[start, end]``, one row per national outcome (``taxonomy.OUTCOME_GROUPS``):
  （一）予以公开, （二）部分公开, （三）不予公开 1–8, （四）无法提供 1–3,
  （五）不予处理 1–5, （六）其他处理 1–3. The group headings （三）–（六） have no
  figures of their own, as in the national table.
* （七）总计 — every application concluded within the range, whatever its
  outcome. It equals the sum of the outcome rows unless a concluded
  application lacks a national outcome; ``checks()`` reports that.
* 四、结转下年度继续办理 — received on or before ``end`` and not concluded by
  ``end`` (``concluded_on`` empty or after ``end``).

With these definitions 一 + 二 = （七） + 四 holds in every column by
construction (each application received by ``end`` and not concluded before
``start`` is in exactly one of （七） and 四); ``checks()`` verifies it anyway,
with the other cross-checks (勾稽关系) the layout implies.

Table 四 — 政府信息公开行政复议、行政诉讼情况
----------------------------------------------

Rows: 行政复议 (reconsideration), 行政诉讼 — 未经复议直接起诉 and 复议后起诉;
columns: 结果维持 · 结果纠正 · 其他结果 · 尚未审结 · 总计 (15 cells).

Which cases count: every ``Challenge`` about an application of the agency or
government whose 复议 was applied for / 诉讼 filed (``filed_on``) within
``[start, end]`` — national practice counts the year's new cases — with its
result as known when the report is made: the result recorded now, or, with
``as_of=``, the result decided on or before that date (a case decided later
counts as 尚未审结). 总计 is the sum of the four results.

Both tables are computed by aggregate queries: Table 三 is one query
(conditional ``COUNT(...) FILTER``, grouped by applicant kind and subtype),
Table 四 one more (grouped by kind and result).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q

from gongkai.core.errors import DomainError

from .models import (
    OUTCOME_GROUPS,
    REPORT_COLUMNS,
    ApplicantKind,
    Application,
    Challenge,
    ChallengeKind,
    ChallengeResult,
    OrgSubtype,
)

APPLICANT_COLUMNS = tuple(key for key, _ in REPORT_COLUMNS if key != "total")
CHINESE_DIGITS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Row:
    """One row of a national table: ``numeric`` rows carry figures, the others are headings."""

    key: str
    heading: str
    level: int
    numeric: bool = True
    parent: str = ""


def _table_three_rows() -> tuple[Row, ...]:
    rows = [
        Row("new", "一、本年新收政府信息公开申请数量", 0),
        Row("carried_in", "二、上年结转政府信息公开申请数量", 0),
        Row("results", "三、本年度办理结果", 0, numeric=False),
    ]
    for group, heading, outcomes in OUTCOME_GROUPS:
        if len(outcomes) == 1:
            rows.append(Row(outcomes[0].value, heading, 1, parent="results"))
            continue
        rows.append(Row(group, heading, 1, numeric=False, parent="results"))
        rows.extend(
            Row(outcome.value, f"{i}．{outcome.label}", 2, parent=group)
            for i, outcome in enumerate(outcomes, 1)
        )
    rows.append(Row("concluded", "（七）总计", 1, parent="results"))
    rows.append(Row("carried_out", "四、结转下年度继续办理", 0))
    return tuple(rows)


TABLE_THREE_ROWS = _table_three_rows()
OUTCOME_ROWS = tuple(o.value for _, _, outcomes in OUTCOME_GROUPS for o in outcomes)

TABLE_FOUR_COLUMNS: tuple[tuple[str, str], ...] = (
    (ChallengeResult.UPHELD.value, "结果维持"),
    (ChallengeResult.CORRECTED.value, "结果纠正"),
    (ChallengeResult.OTHER.value, "其他结果"),
    (ChallengeResult.PENDING.value, "尚未审结"),
    ("total", "总计"),
)
TABLE_FOUR_ROWS: tuple[Row, ...] = (
    Row(ChallengeKind.RECONSIDERATION.value, "行政复议", 0),
    Row("litigation", "行政诉讼", 0, numeric=False),
    Row(ChallengeKind.LITIGATION_DIRECT.value, "未经复议直接起诉", 1, parent="litigation"),
    Row(ChallengeKind.LITIGATION_AFTER.value, "复议后起诉", 1, parent="litigation"),
)


@dataclass
class Table:
    """A national table: ``rows`` (headings included) × ``columns`` of ints in ``cells``."""

    kind: str  # "three" or "four"
    title: str
    rows: tuple[Row, ...]
    columns: tuple[tuple[str, str], ...]
    cells: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def numeric_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.numeric)

    def value(self, row: str, column: str) -> int:
        return self.cells[row][column]

    def row_heading(self, key: str) -> str:
        return next(r.heading for r in self.rows if r.key == key)

    def as_dict(self) -> dict:
        """Nested by the national headings: {row heading: {column heading: n} or {sub-row …}}."""

        def children(parent: str) -> dict:
            out: dict = {}
            for row in self.rows:
                if row.parent != parent:
                    continue
                if row.numeric:
                    out[row.heading] = {
                        heading: self.cells[row.key][key] for key, heading in self.columns
                    }
                else:
                    out[row.heading] = children(row.key)
            return out

        return children("")

    def add(self, nested: dict) -> None:
        """Add a table of the same kind given as ``as_dict`` gives it (a frozen report's)."""

        def walk(parent: str, level: dict) -> None:
            for row in self.rows:
                if row.parent != parent or row.heading not in level:
                    continue
                if row.numeric:
                    for key, heading in self.columns:
                        self.cells[row.key][key] += level[row.heading].get(heading) or 0
                else:
                    walk(row.key, level[row.heading])

        walk("", nested)

    def checks(self) -> list[str]:
        """The cross-checks (勾稽关系) that fail, as Chinese sentences; empty when all hold."""
        if self.kind == "three":
            return self._checks_three()
        return self._checks_four()

    def _column_sums(self) -> list[str]:
        failed = []
        parts = [key for key, _ in self.columns if key != "total"]
        for row in self.numeric_rows:
            values = self.cells[row.key]
            total = sum(values[key] for key in parts)
            if values["total"] != total:
                failed.append(f"“{row.heading}”行：总计 {values['total']} 不等于各项之和 {total}。")
        return failed

    def _checks_three(self) -> list[str]:
        failed = self._column_sums()
        for key, heading in self.columns:
            v = {
                row: self.cells[row][key]
                for row in ("new", "carried_in", "concluded", "carried_out")
            }
            if v["new"] + v["carried_in"] != v["concluded"] + v["carried_out"]:
                failed.append(
                    f"“{heading}”列：一（本年新收）{v['new']} + 二（上年结转）{v['carried_in']}"
                    f" = {v['new'] + v['carried_in']}，不等于（七）总计 {v['concluded']}"
                    f" + 四（结转下年度）{v['carried_out']} = {v['concluded'] + v['carried_out']}。"
                )
            outcomes = sum(self.cells[row][key] for row in OUTCOME_ROWS)
            if outcomes != v["concluded"]:
                failed.append(
                    f"“{heading}”列：（七）总计 {v['concluded']} 不等于各项办理结果之和"
                    f" {outcomes}（有办结的申请缺少全国统一的办理结果分类）。"
                )
        return failed

    def _checks_four(self) -> list[str]:
        return self._column_sums()


def _scope(agency_or_government, prefix: str = ""):
    """Applications of one agency (a Department), of several (a list of them), or of a
    government and all under it."""
    from gongkai.orgs.models import Department, Government

    if isinstance(agency_or_government, Department):
        return Q(**{f"{prefix}department": agency_or_government})
    if isinstance(agency_or_government, Government):
        return Q(**{f"{prefix}department__government__path__startswith": agency_or_government.path})
    if isinstance(agency_or_government, list | tuple):
        return Q(**{f"{prefix}department__in": [d.pk for d in agency_or_government]})
    raise TypeError("agency_or_government must be a Department, a list of them or a Government")


def applications_of(agency_or_government):
    """The applications of an agency, of several agencies (a list), or of a government and
    every government under it."""
    return Application.objects.filter(_scope(agency_or_government))


def _check_range(start: date, end: date) -> None:
    if end < start:
        raise DomainError(f"结束日期 {end:%Y-%m-%d} 早于开始日期 {start:%Y-%m-%d}。")


def _column_of(kind: str, subtype: str) -> str:
    """The Table 三 column of an (applicant_kind, org_subtype) group (as ``report_column``)."""
    if kind == ApplicantKind.NATURAL:
        return "natural"
    return subtype if subtype in OrgSubtype.values else "other"


def table_three_aggregates(start: date, end: date) -> dict[str, Count]:
    """The conditional counts of Table 三 (row key → ``Count``), for ``.values(...).annotate``."""
    received = Q(received_on__gte=start, received_on__lte=end)
    concluded = Q(concluded_on__gte=start, concluded_on__lte=end)
    aggregates = {
        "new": Count("pk", filter=received),
        "carried_in": Count(
            "pk",
            filter=Q(received_on__lt=start)
            & (Q(concluded_on__isnull=True) | Q(concluded_on__gte=start)),
        ),
        "concluded": Count("pk", filter=concluded),
        "carried_out": Count(
            "pk",
            filter=Q(received_on__lte=end)
            & (Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)),
        ),
    }
    for i, outcome in enumerate(OUTCOME_ROWS):
        aggregates[f"o{i}"] = Count("pk", filter=concluded & Q(outcome=outcome))
    return aggregates


def table_three(agency_or_government, start: date, end: date) -> Table:
    """Table 三 for a Department or a Government (with everything under it) over [start, end]."""
    _check_range(start, end)
    table = Table("three", "收到和处理政府信息公开申请情况", TABLE_THREE_ROWS, REPORT_COLUMNS)
    table.cells = {
        row.key: {key: 0 for key, _ in REPORT_COLUMNS} for row in TABLE_THREE_ROWS if row.numeric
    }
    grouped = (
        applications_of(agency_or_government)
        .received()
        .values("applicant_kind", "org_subtype")
        .order_by()
        .annotate(**table_three_aggregates(start, end))
    )
    for group in grouped:
        column = _column_of(group["applicant_kind"], group["org_subtype"])
        for row in ("new", "carried_in", "concluded", "carried_out"):
            table.cells[row][column] += group[row]
        for i, outcome in enumerate(OUTCOME_ROWS):
            table.cells[outcome][column] += group[f"o{i}"]
    for values in table.cells.values():
        values["total"] = sum(values[key] for key in APPLICANT_COLUMNS)
    return table


def table_four(agency_or_government, start: date, end: date, *, as_of: date | None = None) -> Table:
    """Table 四: reconsideration and litigation cases filed within [start, end].

    Results are those recorded now, or with ``as_of`` those decided by that day.
    """
    _check_range(start, end)
    table = Table("four", "政府信息公开行政复议、行政诉讼情况", TABLE_FOUR_ROWS, TABLE_FOUR_COLUMNS)
    table.cells = {
        row.key: {key: 0 for key, _ in TABLE_FOUR_COLUMNS} for row in TABLE_FOUR_ROWS if row.numeric
    }
    cases = Challenge.objects.filter(
        _scope(agency_or_government, "application__"),
        filed_on__gte=start,
        filed_on__lte=end,
    )
    if as_of is None:
        grouped = cases.values("kind", "result").order_by().annotate(n=Count("pk"))
        counts = [(g["kind"], g["result"], g["n"]) for g in grouped]
    else:
        decided = Q(decided_on__isnull=False, decided_on__lte=as_of)
        grouped = (
            cases.values("kind", "result")
            .order_by()
            .annotate(known=Count("pk", filter=decided), later=Count("pk", filter=~decided))
        )
        counts = []
        for g in grouped:
            counts.append((g["kind"], g["result"], g["known"]))
            counts.append((g["kind"], ChallengeResult.PENDING.value, g["later"]))
    for kind, result, n in counts:
        if kind in table.cells and result in table.cells[kind]:
            table.cells[kind][result] += n
    for values in table.cells.values():
        values["total"] = sum(v for k, v in values.items() if k != "total")
    return table


def year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)
