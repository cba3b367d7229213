"""The annual report's tables (年度报告表格) as an XLSX workbook: one sheet per table.

Each sheet starts with the report's title and the table's heading, then the
national row and column headings with the merged header cells of the
printed format (Table 二's four blocks one under the other). Figures are
numbers; a cell nobody entered (未填报) is empty and carries a comment saying so.
"""

from __future__ import annotations

import io

from .documents import NOT_ENTERED, Grid, sections

SHEET_NAMES = {"二": "表二 主动公开", "三": "表三 依申请公开", "四": "表四 复议诉讼"}


def _write_grid(ws, grid: Grid, top: int) -> int:
    """Write ``grid`` from row ``top``; return the next free row."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bold = Font(bold=True)

    ws.cell(row=top, column=1, value=grid.caption).font = bold
    row = top + 1
    first_header = row
    taken: set[tuple[int, int]] = set()
    for r, head_row in enumerate(grid.head):
        c = 0
        for head in head_row:
            while (r, c) in taken:
                c += 1
            cell = ws.cell(row=row + r, column=c + 1, value=head.text or None)
            cell.alignment, cell.font = center, bold
            if (head.rowspan, head.colspan) != (1, 1):
                ws.merge_cells(
                    start_row=row + r,
                    start_column=c + 1,
                    end_row=row + r + head.rowspan - 1,
                    end_column=c + head.colspan,
                )
            for dr in range(head.rowspan):
                for dc in range(head.colspan):
                    taken.add((r + dr, c + dc))
            c += head.colspan
    row += len(grid.head)
    for line in grid.lines:
        offset = 1 if grid.stub else 0
        if grid.stub:
            heading = ws.cell(row=row, column=1, value=line.heading)
            heading.alignment = Alignment(indent=line.level * 2, wrap_text=True, vertical="center")
            if line.values is None:
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=grid.width)
        for j, value in enumerate(line.values or []):
            cell = ws.cell(row=row, column=offset + j + 1, value=value)
            cell.alignment = Alignment(horizontal="center", vertical="center")
            if value is None:
                cell.comment = Comment(f"{NOT_ENTERED}：本项数据尚未填报。", "政务公开平台")
        row += 1
    for r in range(first_header, row):
        for c in range(1, grid.width + 1):
            ws.cell(row=r, column=c).border = border
    return row + 1


def report_xlsx(data: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = data["title"]
    for part in sections(data):
        if not part.grids:
            continue
        ws = wb.create_sheet(SHEET_NAMES.get(part.heading[0], part.heading[:31]))
        ws.cell(row=1, column=1, value=data["title"]).font = Font(bold=True, size=14)
        ws.cell(row=2, column=1, value=part.heading).font = Font(bold=True)
        row = 4
        width = 0
        for grid in part.grids:
            row = _write_grid(ws, grid, row)
            width = max(width, grid.width)
        if part.grids[0].stub:
            ws.column_dimensions["A"].width = 44
        for c in range(2 if part.grids[0].stub else 1, width + 1):
            ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = 12
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
