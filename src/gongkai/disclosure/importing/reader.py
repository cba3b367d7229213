"""Reading an import file (XLSX or CSV) into rows keyed by heading.

XLSX goes through the attachment checks of ``gongkai.files`` first (content
sniffing, size limit, ZIP-bomb and macro guards), then openpyxl in read-only
mode. CSV is read as UTF-8 (with or without BOM, as Excel writes it) or, if
that fails, GB18030 — a superset of GBK, which Chinese Excel writes by
default. Row numbers are those a person sees in Excel: the heading row is 1.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings

from gongkai.files.kinds import FileKind
from gongkai.files.models import format_size
from gongkai.files.services import FileRejected, inspect_upload

from .columns import BY_HEADING, REQUIRED

MAX_ROWS = 10_000
INSTRUCTIONS_SHEET = "填写说明"


class FileProblem(Exception):
    """The file as a whole cannot be imported; ``str()`` says why, in Chinese."""


@dataclass
class Row:
    number: int  # as shown in Excel (the heading row is 1)
    values: dict[str, Any]


@dataclass
class Table:
    headings: list[str]
    rows: list[Row] = field(default_factory=list)


def _heading(value: Any) -> str:
    text = str(value or "").strip().replace(" ", "").replace("\u3000", "")
    for mark in ("（必填）", "(必填)", "*", "＊"):
        text = text.replace(mark, "")
    return text


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace("\x00", "").strip()
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, datetime | date | int | float) or value is None:
        return value
    return str(value).strip()


def _table(records, *, first_number: int = 1) -> Table:
    iterator = iter(records)
    try:
        header = next(iterator)
    except StopIteration:
        raise FileProblem(
            "文件是空的：第一行应为列标题（如 标题、发布日期、主题分类 …）。"
        ) from None
    headings = [_heading(h) for h in header]
    while headings and not headings[-1]:
        headings.pop()
    unknown = [h for h in headings if h and h not in BY_HEADING]
    if unknown:
        raise FileProblem(
            f"第 1 行有无法识别的列标题“{unknown[0]}”。列标题须与导入模板一致："
            + "、".join(BY_HEADING)
            + "。"
        )
    duplicated = sorted({h for h in headings if h and headings.count(h) > 1})
    if duplicated:
        raise FileProblem(f"第 1 行的列标题“{duplicated[0]}”出现了不止一次。")
    missing = [h for h in REQUIRED if h not in headings]
    if missing:
        raise FileProblem("缺少必填的列：" + "、".join(missing) + "。请使用导入模板。")
    table = Table(headings=[h for h in headings if h])
    for offset, record in enumerate(iterator, start=1):
        values = {
            heading: _cell(record[i]) if i < len(record) else None
            for i, heading in enumerate(headings)
            if heading
        }
        if all(v is None or v == "" for v in values.values()):
            continue
        if len(table.rows) >= MAX_ROWS:
            raise FileProblem(f"一次最多导入 {MAX_ROWS} 行，请拆分文件后分批导入。")
        table.rows.append(Row(number=first_number + offset, values=values))
    if not table.rows:
        raise FileProblem("文件中除列标题外没有数据行。")
    return table


def _read_xlsx(uploaded) -> Table:
    from openpyxl import load_workbook

    uploaded.seek(0)
    try:
        workbook = load_workbook(io.BytesIO(uploaded.read()), read_only=True, data_only=True)
    except Exception as error:
        raise FileProblem(
            f"无法读取该 Excel 文件（{type(error).__name__}），请用 Excel 另存为 .xlsx 后重试。"
        ) from None
    try:
        sheets = [ws for ws in workbook.worksheets if ws.title != INSTRUCTIONS_SHEET]
        if not sheets:
            raise FileProblem("文件中没有可导入的工作表。")
        return _table(sheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileProblem("无法识别 CSV 文件的编码：请另存为“CSV UTF-8”或 GBK 编码的 CSV 后重试。")


def _read_csv(uploaded) -> Table:
    uploaded.seek(0)
    data = uploaded.read()
    if b"\x00" in data:
        raise FileProblem("该文件不是文本格式的 CSV（含有二进制内容），请检查后重试。")
    text = _decode(data)
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise FileProblem(f"CSV 格式有误：{error}。") from None
    return _table(records)


def read_table(uploaded) -> Table:
    """The rows of an uploaded XLSX or CSV; ``FileProblem`` when it cannot be used."""
    name = getattr(uploaded, "name", "") or ""
    extension = os.path.splitext(name)[1].lower()
    size = getattr(uploaded, "size", None)
    if size is not None and size > settings.UPLOAD_MAX_BYTES:
        raise FileProblem(
            f"文件大小为 {format_size(size)}，超过了 {format_size(settings.UPLOAD_MAX_BYTES)} 的上限，请拆分后导入。"
        )
    if extension == ".csv":
        return _read_csv(uploaded)
    try:
        inspect_upload(uploaded, allowed_kinds=(FileKind.XLSX,))
    except FileRejected as rejected:
        raise FileProblem(f"{rejected.message}（可导入 .xlsx 或 .csv 文件。）") from None
    return _read_xlsx(uploaded)
