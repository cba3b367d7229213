"""Importing a session's items from the XLSX the congress or CPPCC office sends.

Columns (the header row names them; the order may differ): 编号, 标题,
领衔人及附议人 (or 提出人 / 代表 / 委员), 内容, 建议承办单位. Every row is checked
first and the report lists each row with its problems: a missing number, a
number repeated in the file (both rows named) or already imported, and missing
title, authors or content. Nothing is imported unless every row is valid, so
importing the same file twice imports nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from gongkai import access
from gongkai.core.errors import DomainError
from gongkai.files.kinds import FileKind
from gongkai.files.services import FileRejected, inspect_upload
from gongkai.workflow import timeline

from ..flow import FLOW
from ..models import Proposal, Session
from .common import audit

COLUMNS = {
    "number": ("编号", "建议编号", "提案编号", "案号", "序号"),
    "title": ("标题", "案由", "题目"),
    "authors": ("领衔人及附议人", "提出人", "领衔人", "代表", "委员", "提案人"),
    "content": ("内容", "正文", "建议内容", "提案内容"),
    "suggested_units": ("建议承办单位", "承办单位", "建议办理单位"),
}
REQUIRED = ("number", "title", "authors", "content")
LIMITS = {"number": 20, "title": 200, "authors": 300, "suggested_units": 300}
LABELS = {
    "number": "编号",
    "title": "标题",
    "authors": "领衔人及附议人",
    "content": "内容",
    "suggested_units": "建议承办单位",
}


class ImportProblem(DomainError):
    """The file itself cannot be read (not XLSX, no header, no rows)."""


@dataclass
class RowCheck:
    row: int  # the spreadsheet's row number (the header is row 1)
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportReport:
    rows: list[RowCheck]
    imported: int = 0

    @property
    def valid(self) -> bool:
        return bool(self.rows) and all(r.ok for r in self.rows)

    @property
    def invalid_rows(self) -> list[RowCheck]:
        return [r for r in self.rows if not r.ok]

    def summary(self) -> str:
        if self.imported:
            return f"已导入{self.imported}件。"
        bad = self.invalid_rows
        if bad:
            return f"共{len(self.rows)}行，其中{len(bad)}行有误，未导入任何一行；请修改后重新导入。"
        return f"共{len(self.rows)}行，检查无误。"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _header_map(header: list[str]) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(header):
        name = _text(cell).replace(" ", "")
        for key, aliases in COLUMNS.items():
            if name in aliases and key not in found:
                found[key] = index
    missing = [COLUMNS[k][0] for k in REQUIRED if k not in found]
    if missing:
        raise ImportProblem(
            f"表头缺少以下列：{'、'.join(missing)}。第一行应为：编号、标题、领衔人及附议人、内容、建议承办单位。",
            code="header",
        )
    return found


def read_rows(uploaded) -> list[tuple[int, dict[str, str]]]:
    """The non-empty rows of an uploaded XLSX as (row number, values)."""
    import openpyxl

    try:
        inspect_upload(uploaded, allowed_kinds=(FileKind.XLSX,))
    except FileRejected as rejected:
        raise ImportProblem(f"{rejected.message}（请导入 .xlsx 文件。）", code="file") from None
    uploaded.seek(0)
    try:
        book = openpyxl.load_workbook(uploaded, read_only=True, data_only=True)
    except Exception:
        raise ImportProblem(
            "无法读取该 Excel 文件，请确认文件完整后重新导入。", code="file"
        ) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None:
        raise ImportProblem("文件是空的。", code="empty")
    columns = _header_map(list(header))
    found = []
    for number, row in enumerate(rows, start=2):
        values = {
            key: _text(row[index]) if index < len(row) else "" for key, index in columns.items()
        }
        if any(values.values()):
            found.append((number, values))
    book.close()
    if not found:
        raise ImportProblem("文件中没有数据行。", code="empty")
    return found


def check_rows(session: Session, rows: list[tuple[int, dict[str, str]]]) -> ImportReport:
    existing = set(session.items.values_list("number", flat=True))
    first_row: dict[str, int] = {}
    checks = []
    for row, values in rows:
        check = RowCheck(row, values)
        number = values.get("number", "")
        if not number:
            check.errors.append("缺少编号")
        elif number in first_row:
            check.errors.append(f"编号“{number}”与第{first_row[number]}行重复")
        elif number in existing:
            check.errors.append(f"编号“{number}”已经导入过")
        else:
            first_row[number] = row
        for key in ("title", "authors", "content"):
            if not values.get(key):
                check.errors.append(f"缺少{LABELS[key]}")
        for key, limit in LIMITS.items():
            if len(values.get(key, "")) > limit:
                check.errors.append(f"{LABELS[key]}超过{limit}个字")
        checks.append(check)
    return ImportReport(checks)


def read_items(session: Session, uploaded) -> ImportReport:
    """Check an upload against ``session`` without importing anything."""
    return check_rows(session, read_rows(uploaded))


def import_items(session: Session, uploaded=None, *, actor, rows=None) -> ImportReport:
    """Import every row, or none when any row is invalid (the report says which)."""
    access.require(actor, "proposals.import", session)
    report = check_rows(session, rows if rows is not None else read_rows(uploaded))
    if not report.valid:
        return report
    with transaction.atomic():
        Session.objects.select_for_update().filter(pk=session.pk).get()
        again = check_rows(session, [(c.row, c.values) for c in report.rows])
        if not again.valid:  # someone imported the same numbers meanwhile
            return again
        created = Proposal.objects.bulk_create(
            [
                Proposal(
                    session=session,
                    number=c.values["number"],
                    title=c.values["title"],
                    authors=c.values["authors"],
                    content=c.values["content"],
                    suggested_units=c.values.get("suggested_units", ""),
                )
                for c in report.rows
            ]
        )
        report.imported = len(report.rows)
        timeline.add_each(
            created,
            "imported",
            "导入",
            workflow=FLOW.name,
            text=f"从{session.name}交办清单导入",
            actor=actor,
        )
        audit(
            session,
            "import",
            actor=actor,
            after={
                "imported": report.imported,
                "numbers": [c.values["number"] for c in report.rows],
            },
        )
    return report
