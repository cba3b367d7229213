"""The import template (XLSX), generated with openpyxl from ``COLUMNS``.

Sheet 1 “目录” holds the headings (required ones marked “（必填）”, which the
reader ignores) and one example row; sheet “填写说明” explains each column and
lists the values the reference data allows today (主题分类, 体裁, 重点领域 …).
"""

from __future__ import annotations

import io

from ..models import (
    DisclosureAttribute,
    ExemptionReason,
    Genre,
    ItemType,
    KeyArea,
    SubjectCategory,
    Validity,
)
from .columns import COLUMNS
from .reader import INSTRUCTIONS_SHEET

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FILENAME = "政府信息目录导入模板.xlsx"


def template_bytes() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "目录"
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FDE9D9")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(
            row=1, column=index, value=column.heading + ("（必填）" if column.required else "")
        )
        cell.font = bold
        if column.required:
            cell.fill = required_fill
        sheet.cell(row=2, column=index, value=column.example or None)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"

    notes = workbook.create_sheet(INSTRUCTIONS_SHEET)
    notes.append(["列标题", "是否必填", "填写说明"])
    for cell in notes[1]:
        cell.font = bold
    for column in COLUMNS:
        notes.append([column.heading, "必填" if column.required else "选填", column.help])
    notes.append([])
    notes.append(
        [
            "说明",
            "",
            "第 2 行为示例，导入前请删除或改为实际内容。日期单元格可以是 Excel 日期，也可以是 2016-05-20 形式的文字。",
        ]
    )
    notes.append(
        [
            "说明",
            "",
            "导入的信息按原发布日期记为已发布，并在版本记录中注明“早于本平台启用，由批量导入补录”。",
        ]
    )
    lists = [
        ("主题分类", [s.name for s in SubjectCategory.objects.filter(active=True)]),
        ("体裁", [g.name for g in Genre.objects.filter(active=True)]),
        ("重点领域", [a.name for a in KeyArea.objects.filter(active=True)]),
        ("公开属性", list(DisclosureAttribute.labels)),
        ("不公开理由", list(ExemptionReason.labels)),
        ("信息类型", list(ItemType.labels)),
        ("有效性", list(Validity.labels)),
    ]
    notes.append([])
    notes.append(["可选值"])
    notes[notes.max_row][0].font = bold
    for heading, values in lists:
        notes.append([heading, "", "、".join(values)])
    notes.column_dimensions["A"].width = 14
    notes.column_dimensions["B"].width = 10
    notes.column_dimensions["C"].width = 100
    for row in notes.iter_rows(min_row=2):
        row[2].alignment = Alignment(wrap_text=True, vertical="top")

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
