"""The XLSX layout of a 权责清单 (power and responsibility list), read and written.

Four sheets, each with a heading row (row 1); children refer to their power by
职权编码::

    权力事项  职权编码 | 职权名称 | 职权类型 | 实施主体 | 行使层级 | 运行流程 | 办理期限 | 收费依据和标准 | 监督电话
    设定依据  职权编码 | 序号 | 法律法规名称 | 条款 | 条文内容
    责任事项  职权编码 | 序号 | 责任事项 | 责任内容
    追责情形  职权编码 | 责任事项序号 | 追责情形

Only 权力事项 is required. Uploads pass the attachment checks of
``gongkai.files`` (content sniffing, size, ZIP-bomb and macro guards) before
openpyxl reads them in read-only mode. Row numbers are those Excel shows.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from gongkai.core.errors import DomainError
from gongkai.files.kinds import FileKind
from gongkai.files.services import FileRejected, inspect_upload

POWERS = "权力事项"
BASES = "设定依据"
RESPONSIBILITIES = "责任事项"
ACCOUNTABILITIES = "追责情形"

# sheet → ((key, heading, required column), ...)
SHEETS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    POWERS: (
        ("code", "职权编码", True),
        ("name", "职权名称", True),
        ("type", "职权类型", True),
        ("department", "实施主体", True),
        ("level", "行使层级", True),
        ("process", "运行流程", False),
        ("time_limit", "办理期限", False),
        ("fees", "收费依据和标准", False),
        ("phone", "监督电话", False),
    ),
    BASES: (
        ("code", "职权编码", True),
        ("position", "序号", True),
        ("law", "法律法规名称", True),
        ("article", "条款", False),
        ("text", "条文内容", False),
    ),
    RESPONSIBILITIES: (
        ("code", "职权编码", True),
        ("position", "序号", True),
        ("name", "责任事项", True),
        ("content", "责任内容", False),
    ),
    ACCOUNTABILITIES: (
        ("code", "职权编码", True),
        ("responsibility", "责任事项序号", True),
        ("text", "追责情形", True),
    ),
}
# The other two lists (负面清单, 财政专项资金管理清单): one sheet of changes.
LIST_CHANGES = "清单事项"
LIST_SHEETS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    LIST_CHANGES: (
        ("change", "变化方式", True),
        ("code", "编号", True),
        ("name", "事项名称", False),
        ("category", "类别", False),
        ("department", "主管部门", False),
        ("content", "管理措施或资金用途", False),
        ("basis", "设立依据", False),
        ("amount", "资金规模（万元）", False),
        ("rules", "管理办法或核准机关", False),
    )
}
# 工程建设领域信用信息: companies, practitioners and the records about them.
COMPANIES, PRACTITIONERS, RECORDS = "企业", "从业人员", "信用记录"
CREDIT_SHEETS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    COMPANIES: (
        ("uscc", "统一社会信用代码", True),
        ("name", "企业名称", True),
        ("kind", "企业类型", True),
        ("legal_representative", "法定代表人", False),
        ("address", "注册地址", False),
        ("established_on", "成立日期", False),
        ("registered_capital", "注册资本（万元）", False),
    ),
    PRACTITIONERS: (
        ("certificate_number", "执业证书编号", True),
        ("name", "姓名", True),
        ("qualification", "执业资格", True),
        ("company", "注册单位统一社会信用代码", False),
    ),
    RECORDS: (
        ("subject", "统一社会信用代码或执业证书编号", True),
        ("category", "类别", True),
        ("title", "标题", True),
        ("content", "内容", False),
        ("recorded_on", "认定日期", True),
        ("valid_until", "有效期至", False),
        ("decision", "处罚决定书文号", False),
    ),
}
UPLOAD_MAX_BYTES = 50 * 1024 * 1024  # the city's full list is ~5 MB


class WorkbookProblem(DomainError):
    """The file as a whole cannot be read; the message says why, in Chinese."""


@dataclass
class SheetRow:
    sheet: str
    number: int  # as Excel shows it; the heading row is 1
    values: dict[str, str]


@dataclass
class Workbook:
    sheets: dict[str, list[SheetRow]] = field(default_factory=dict)

    def rows(self, sheet: str) -> list[SheetRow]:
        return self.sheets.get(sheet, [])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\x00", "").strip()


def _heading(value: Any) -> str:
    return _text(value).replace(" ", "").replace("\u3000", "").replace("（必填）", "")


def _columns(sheet_name: str, header, sheets=SHEETS) -> dict[str, int]:
    headings = [_heading(h) for h in header or ()]
    found = {}
    for key, heading, _required in sheets[sheet_name]:
        if _heading(heading) in headings:
            found[key] = headings.index(_heading(heading))
    missing = [h for key, h, required in sheets[sheet_name] if required and key not in found]
    if missing:
        raise WorkbookProblem(
            f"工作表“{sheet_name}”缺少以下列：{'、'.join(missing)}。请使用导入模板。",
            code="header",
        )
    return found


def read_workbook(uploaded, sheets=SHEETS, required=POWERS) -> Workbook:
    """The non-empty rows of each known sheet of an uploaded XLSX (the power list's
    layout by default; ``LIST_SHEETS`` and ``LIST_CHANGES`` for the other lists)."""
    from openpyxl import load_workbook

    try:
        inspect_upload(uploaded, allowed_kinds=(FileKind.XLSX,), max_bytes=UPLOAD_MAX_BYTES)
    except FileRejected as rejected:
        raise WorkbookProblem(f"{rejected.message}（请导入 .xlsx 文件。）", code="file") from None
    uploaded.seek(0)
    try:
        book = load_workbook(uploaded, read_only=True, data_only=True)
    except Exception:
        raise WorkbookProblem(
            "无法读取该 Excel 文件，请确认文件完整后重新导入。", code="file"
        ) from None
    if required not in book.sheetnames:
        book.close()
        raise WorkbookProblem(f"文件中没有名为“{required}”的工作表。请使用导入模板。", code="sheet")
    workbook = Workbook()
    for sheet_name in sheets:
        if sheet_name not in book.sheetnames:
            continue
        records = book[sheet_name].iter_rows(values_only=True)
        columns = _columns(sheet_name, next(records, None), sheets)
        rows = []
        for number, record in enumerate(records, start=2):
            values = {
                key: _text(record[index]) if index < len(record) else ""
                for key, index in columns.items()
            }
            if any(values.values()):
                rows.append(SheetRow(sheet_name, number, values))
        workbook.sheets[sheet_name] = rows
    book.close()
    if not workbook.rows(required):
        raise WorkbookProblem(f"工作表“{required}”中没有数据行。", code="empty")
    return workbook


def write_workbook(rows: dict[str, list[tuple]], sheets=SHEETS) -> bytes:
    """An XLSX of the sheets from tuples in the column order of ``sheets``
    (the demo's generated files, exports and the empty templates)."""
    from openpyxl import Workbook as OpenpyxlWorkbook

    book = OpenpyxlWorkbook(write_only=True)
    for sheet_name, columns in sheets.items():
        sheet = book.create_sheet(sheet_name)
        sheet.append([heading for _key, heading, _required in columns])
        for row in rows.get(sheet_name, ()):
            sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
