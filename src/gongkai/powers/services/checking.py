"""Checking the rows of a 权责清单 workbook against a government, row by row.

Each bad row gets Chinese reasons a person can act on; a child row whose power
row is bad is bad too (it would have nowhere to go). Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai import access
from gongkai.orgs.models import Department

from ..models import BodyCode, Level, Power, PowerListRules, PowerType
from .workbook import ACCOUNTABILITIES, BASES, POWERS, RESPONSIBILITIES, SheetRow, Workbook

LEVELS = {
    "市": Level.CITY,
    "市级": Level.CITY,
    "县": Level.COUNTY,
    "县级": Level.COUNTY,
    "县区": Level.COUNTY,
    "乡": Level.TOWNSHIP,
    "乡级": Level.TOWNSHIP,
    "乡镇": Level.TOWNSHIP,
    "乡镇级": Level.TOWNSHIP,
}
LIMITS = {"code": 40, "name": 300, "time_limit": 200, "phone": 40, "law": 200, "article": 100}


@dataclass
class RowProblem:
    sheet: str
    row: int
    reasons: list[str]

    def __str__(self) -> str:
        return f"“{self.sheet}”第{self.row}行：" + "；".join(self.reasons)


@dataclass
class CheckedPower:
    row: SheetRow
    power_type: PowerType
    department: Department
    level: str
    bases: list[SheetRow] = field(default_factory=list)
    responsibilities: list[SheetRow] = field(default_factory=list)
    accountabilities: dict[int, list[SheetRow]] = field(default_factory=dict)


@dataclass
class Checked:
    good: dict[str, CheckedPower] = field(default_factory=dict)  # by code, in file order
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0

    @property
    def valid(self) -> bool:
        return not self.problems


class ListChecker:
    def __init__(self, government, *, actor=None):
        self.government = government
        self.actor = actor
        self.allowed: dict[int, bool] = {}
        self.rules = PowerListRules.for_government(government)
        self.types: dict[str, PowerType] = {}
        for power_type in PowerType.table_for(government):
            self.types.setdefault(power_type.name, power_type)
            self.types.setdefault(power_type.abbreviation, power_type)
        self.departments: dict[str, Department] = {}
        for department in Department.objects.filter(government=government, active=True):
            self.departments.setdefault(department.name, department)
            self.departments.setdefault(department.short_name, department)
        self.body_codes = dict(
            BodyCode.objects.filter(department__government=government).values_list(
                "department_id", "code"
            )
        )
        self.in_force = set(
            Power.objects.current().filter(government=government).values_list("code", flat=True)
        )

    def check(self, workbook: Workbook) -> Checked:
        checked = Checked()
        first_row: dict[str, int] = {}
        bad_codes: dict[str, int] = {}
        for row in workbook.rows(POWERS):
            checked.rows += 1
            reasons, power = self._power(row, first_row)
            code = row.values.get("code", "")
            if reasons:
                checked.problems.append(RowProblem(POWERS, row.number, reasons))
                bad_codes.setdefault(code, row.number)
            else:
                checked.good[code] = power
            first_row.setdefault(code, row.number)
        self._children(workbook, checked, bad_codes)
        return checked

    def _power(self, row: SheetRow, first_row: dict[str, int]):
        values = row.values
        reasons = []
        code = values.get("code", "")
        power_type = self.types.get(values.get("type", ""))
        if not values.get("type"):
            reasons.append("缺少职权类型")
        elif power_type is None:
            reasons.append(f"职权类型“{values['type']}”不在{self.government.name}的职权类型表中")
        if not code:
            reasons.append("缺少职权编码")
        elif code in first_row:
            reasons.append(f"职权编码“{code}”与第{first_row[code]}行重复")
        elif code in self.in_force:
            reasons.append(f"职权编码“{code}”已在现行清单中")
        elif power_type is not None:
            match = self.rules.regex(power_type.abbreviation).match(code)
            if match is None:
                example = self.rules.format(
                    "0" * self.rules.body_length, power_type.abbreviation, 1
                )
                reasons.append(
                    f"职权编码“{code}”不符合编码规则 {self.rules.code_pattern}（如 {example}）"
                )
        if not values.get("name"):
            reasons.append("缺少职权名称")
        department = self.departments.get(values.get("department", ""))
        if not values.get("department"):
            reasons.append("缺少实施主体")
        elif department is None:
            reasons.append(f"实施主体“{values['department']}”不是{self.government.name}的部门")
        elif not self._may_import(department):
            reasons.append(f"无权导入{department.name}的职权（只能导入本部门的职权）")
        elif code and power_type is not None and department.pk in self.body_codes:
            body = self.body_codes[department.pk]
            match = self.rules.regex(power_type.abbreviation).match(code)
            if match and match.groupdict().get("body", body) != body:
                reasons.append(f"职权编码“{code}”的办理主体编码应为 {body}（{department.name}）")
        level = LEVELS.get(values.get("level", ""))
        if level is None:
            reasons.append(
                "行使层级应为 市级、县级 或 乡级"
                if values.get("level")
                else "缺少行使层级（市级、县级 或 乡级）"
            )
        reasons += _too_long(values)
        if reasons:
            return reasons, None
        return [], CheckedPower(row, power_type, department, level)

    def _may_import(self, department) -> bool:
        if self.actor is None:
            return True
        if department.pk not in self.allowed:
            self.allowed[department.pk] = access.can(self.actor, "powers.import", department)
        return self.allowed[department.pk]

    def _children(self, workbook: Workbook, checked: Checked, bad_codes: dict[str, int]):
        positions: dict[str, set[int]] = {}
        for sheet in (BASES, RESPONSIBILITIES, ACCOUNTABILITIES):
            seen: set[tuple[str, int]] = set()
            for row in workbook.rows(sheet):
                checked.rows += 1
                reasons = []
                code = row.values.get("code", "")
                power = checked.good.get(code)
                if not code:
                    reasons.append("缺少职权编码")
                elif power is None and code in bad_codes:
                    reasons.append(f"所属职权（“{POWERS}”第{bad_codes[code]}行）有误")
                elif power is None:
                    reasons.append(f"职权编码“{code}”不在“{POWERS}”表中")
                key = "responsibility" if sheet == ACCOUNTABILITIES else "position"
                number = _number(row.values.get(key, ""))
                label = "责任事项序号" if sheet == ACCOUNTABILITIES else "序号"
                if number is None:
                    reasons.append(f"{label}应为正整数")
                elif sheet != ACCOUNTABILITIES and (code, number) in seen:
                    reasons.append(f"序号{number}在该职权下重复")
                elif (
                    sheet == ACCOUNTABILITIES
                    and power is not None
                    and number not in positions.get(code, ())
                ):
                    reasons.append(f"该职权没有序号为{number}的责任事项")
                for required, heading in (("law", "法律法规名称"), ("name", "责任事项")):
                    if required in row.values and not row.values[required]:
                        reasons.append(f"缺少{heading}")
                if sheet == ACCOUNTABILITIES and not row.values.get("text"):
                    reasons.append("缺少追责情形")
                reasons += _too_long(row.values)
                if reasons:
                    checked.problems.append(RowProblem(sheet, row.number, reasons))
                    continue
                seen.add((code, number))
                if sheet == BASES:
                    power.bases.append(row)
                elif sheet == RESPONSIBILITIES:
                    power.responsibilities.append(row)
                    positions.setdefault(code, set()).add(number)
                else:
                    power.accountabilities.setdefault(number, []).append(row)


def _number(value: str) -> int | None:
    return int(value) if value.isdigit() and 0 < int(value) < 32768 else None


def _too_long(values: dict[str, str]) -> list[str]:
    headings = {"code": "职权编码", "name": "名称", "time_limit": "办理期限", "phone": "监督电话"}
    headings |= {"law": "法律法规名称", "article": "条款"}
    return [
        f"{headings[key]}超过{limit}个字"
        for key, limit in LIMITS.items()
        if len(values.get(key, "")) > limit
    ]
