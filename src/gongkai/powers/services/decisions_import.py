"""Import of a body's decisions (行政执法决定) from XLSX or CSV, one decision a row
after a heading row; each row is entered through ``decisions.record_decision``
(publication clock, checks of the party, audit), not yet published.

Columns (by heading)::

    执法主体 | 职权编码 | 案件名称 | 决定书文号 | 当事人类别 | 当事人名称 | 统一社会信用代码
    | 法定代表人 | 身份证号 | 违法事实 | 决定依据 | 决定内容 | 罚款金额 | 决定日期 | 情节 | 执法领域

当事人类别 is 自然人, 法人及非法人组织 or 个体工商户; 情节 一般 (default) or 严重. Every
row is checked first; a bad row is reported by its row number and nothing is entered,
unless valid rows only is chosen. 身份证号 is never stored (a salted digest only).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction

from gongkai import access
from gongkai.core.errors import DomainError

from ..models import EnforcementBody, PartyType, Severity
from . import officers_file
from .decisions import record_decision

COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("body", "执法主体", True),
    ("power_code", "职权编码", True),
    ("case_name", "案件名称", True),
    ("document_number", "决定书文号", True),
    ("party_type", "当事人类别", True),
    ("party_name", "当事人名称", True),
    ("party_uscc", "统一社会信用代码", False),
    ("legal_representative", "法定代表人", False),
    ("party_id_number", "身份证号", False),
    ("facts", "违法事实", True),
    ("basis", "决定依据", True),
    ("content", "决定内容", True),
    ("amount", "罚款金额", False),
    ("decided_on", "决定日期", True),
    ("severity", "情节", False),
    ("field", "执法领域", False),
)
PARTY_TYPES = {label: value for value, label in PartyType.choices}
SEVERITIES = {label: value for value, label in Severity.choices}


@dataclass
class DecisionsImport:
    entered: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)

    def problem_lines(self) -> list[str]:
        return [f"第{number}行：{message}" for number, message in self.problems]


def _rows(uploaded):
    return officers_file.read_officers_file(uploaded, COLUMNS, "请使用行政执法决定导入模板。")


def write_decisions_xlsx(rows: list[tuple]) -> bytes:
    """A file in the layout above from tuples in ``COLUMNS`` order (template, tests)."""
    import io

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("行政执法决定")
    sheet.append([heading for _key, heading, _required in COLUMNS])
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _check(row, bodies: dict[str, EnforcementBody]) -> dict:
    v = {k: (x if k == "decided_on" else _text(x)) for k, x in row.values.items()}
    for key, heading, required in COLUMNS:
        if required and v.get(key) in (None, ""):
            raise ValueError(f"“{heading}”不能为空。")
    body = bodies.get(v["body"])
    if body is None:
        raise ValueError(f"执法主体“{v['body'][:60]}”不是您维护的执法主体。")
    power = body.powers.current().filter(code=v["power_code"]).first()
    if power is None:
        raise ValueError(f"{body.name}行使的现行行政权力中没有职权编码“{v['power_code'][:40]}”。")
    if v["party_type"] not in PARTY_TYPES:
        raise ValueError("当事人类别应为自然人、法人及非法人组织或个体工商户。")
    severity = v.get("severity") or "一般"
    if severity not in SEVERITIES:
        raise ValueError("情节应为一般或严重。")
    try:
        decided_on = officers_file.parse_day(v["decided_on"])
    except ValueError:
        raise ValueError(f"“决定日期”不是有效日期：{_text(v['decided_on'])[:20]}。") from None
    amount = None
    if v.get("amount"):
        try:
            amount = Decimal(v["amount"].replace(",", ""))
        except InvalidOperation:
            raise ValueError(f"“罚款金额”不是数字：{v['amount'][:20]}。") from None
    return {
        "body": body,
        "power": power,
        "case_name": v["case_name"],
        "document_number": v["document_number"],
        "party_type": PARTY_TYPES[v["party_type"]],
        "party_name": v["party_name"],
        "party_uscc": v.get("party_uscc", ""),
        "legal_representative": v.get("legal_representative", ""),
        "party_id_number": v.get("party_id_number", ""),
        "facts": v["facts"],
        "basis": v["basis"],
        "content": v["content"],
        "amount": amount,
        "decided_on": decided_on,
        "severity": SEVERITIES[severity],
        "field": v.get("field", ""),
    }


def import_decisions(uploaded, actor, *, valid_only: bool = False) -> DecisionsImport:
    """Check every row, then enter them all in one transaction (or the valid ones)."""
    rows = _rows(uploaded)
    if not rows:
        raise DomainError("文件中没有数据行。", code="empty")
    bodies = {
        b.name: b
        for b in access.scope(
            actor, "enforcement.record_decision", EnforcementBody.objects.all()
        ).select_related("department")
    }
    report = DecisionsImport()
    checked = []
    for row in rows:
        try:
            checked.append((row.number, _check(row, bodies)))
        except ValueError as bad:
            report.problems.append((row.number, str(bad)))
    with transaction.atomic():  # every row is tried, so that all problems are reported at once
        for number, values in checked:
            try:
                with transaction.atomic():
                    record_decision(values.pop("body"), actor=actor, **values)
            except DomainError as bad:
                report.problems.append((number, bad.message))
                continue
            report.entered += 1
        report.problems.sort()
        if report.problems and not valid_only:
            transaction.set_rollback(True)
            report.entered = 0
    return report
