"""Reading the provincial certificate system's export of 行政执法人员 (officers):
XLSX (first sheet) or CSV (UTF-8 or GB18030), a heading row then one officer a row.

Columns (by heading; order free, extra columns ignored)::

    姓名 | 执法证号 | 执法主体 | 执法领域 | 发证日期 | 有效期至 | 证件状态 | 状态变更日期 | 身份证号

证件状态 is 在岗 (default when empty), 暂扣, 注销 or 吊销. 身份证号 is optional and is
never stored: only its salted digest is kept (``privacy.id_digest``). Row numbers are
those Excel shows (the heading row is 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from gongkai.core.errors import DomainError
from gongkai.files.kinds import FileKind
from gongkai.files.services import FileRejected, inspect_upload

MAX_BYTES = 30 * 1024 * 1024
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("name", "姓名", True),
    ("certificate_number", "执法证号", True),
    ("body", "执法主体", True),
    ("field", "执法领域", True),
    ("issued_on", "发证日期", True),
    ("expires_on", "有效期至", True),
    ("status", "证件状态", False),
    ("status_since", "状态变更日期", False),
    ("id_number", "身份证号", False),
)
HEADINGS = tuple(heading for _key, heading, _required in COLUMNS)


class OfficerFileProblem(DomainError):
    """The file as a whole cannot be read (the message says why, in Chinese)."""


@dataclass
class FileRow:
    number: int
    values: dict[str, object]


def _heading(value) -> str:
    return str(value or "").replace(" ", "").replace("\u3000", "").replace("*", "").strip()


HINT = "请使用省行政执法证件管理系统导出的文件。"


def _columns(header, columns=COLUMNS, hint=HINT) -> dict[str, int]:
    headings = [_heading(h) for h in header or ()]
    found = {key: headings.index(h) for key, h, _r in columns if h in headings}
    missing = [h for key, h, required in columns if required and key not in found]
    if missing:
        raise OfficerFileProblem(f"文件缺少以下列：{'、'.join(missing)}。{hint}", code="header")
    return found


def _rows(records, columns=COLUMNS, hint=HINT) -> list[FileRow]:
    records = iter(records)
    columns = _columns(next(records, None), columns, hint)
    rows = []
    for number, record in enumerate(records, start=2):
        values = {k: (record[i] if i < len(record) else None) for k, i in columns.items()}
        if any(v not in (None, "") for v in values.values()):
            rows.append(FileRow(number, values))
    return rows


def read_officers_file(uploaded, columns=COLUMNS, hint=HINT) -> list[FileRow]:
    """The non-empty rows of an XLSX (first sheet) or CSV upload with ``columns``
    (key, heading, required) found by heading (also used for the decisions' file)."""
    name = (getattr(uploaded, "name", "") or "").lower()
    if name.endswith(".csv"):
        return _read_csv(uploaded, columns, hint)
    from openpyxl import load_workbook

    try:
        inspect_upload(uploaded, allowed_kinds=(FileKind.XLSX,), max_bytes=MAX_BYTES)
    except FileRejected as rejected:
        raise OfficerFileProblem(
            f"{rejected.message}（请导入 .xlsx 或 .csv 文件。）", code="file"
        ) from None
    uploaded.seek(0)
    try:
        book = load_workbook(uploaded, read_only=True, data_only=True)
    except Exception:
        raise OfficerFileProblem(
            "无法读取该 Excel 文件，请确认文件完整后重新导入。", code="file"
        ) from None
    try:
        return _rows(book.worksheets[0].iter_rows(values_only=True), columns, hint)
    finally:
        book.close()


def _read_csv(uploaded, columns=COLUMNS, hint=HINT) -> list[FileRow]:
    uploaded.seek(0)
    raw = uploaded.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise OfficerFileProblem("文件过大（最大30MB）。", code="file")
    if b"\x00" in raw:
        raise OfficerFileProblem("该文件不是文本格式的CSV文件。", code="file")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise OfficerFileProblem("无法识别CSV文件的编码（应为UTF-8或GB18030）。", code="file")
    return _rows(csv.reader(io.StringIO(text)), columns, hint)


def write_officers_xlsx(rows: list[tuple]) -> bytes:
    """An export in the layout above from tuples in ``COLUMNS`` order (demo, tests)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("执法人员")
    sheet.append(list(HEADINGS))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_officers_csv(rows: list[tuple]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def parse_day(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().replace("年", "-").replace("月", "-").replace("日", "")
    text = text.replace("/", "-").replace(".", "-")
    try:
        y, m, d = (int(p) for p in text.split("-")[:3])
        return date(y, m, d)
    except (TypeError, ValueError):
        raise ValueError(str(value)) from None
