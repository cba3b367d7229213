"""The annual report (年度报告) as files: DOCX, PDF and XLSX in the national layout.

Everything works on the report's content — the nested dicts of
``annual.annual_report`` or a report's frozen ``snapshot`` — so a published
report's files come from what was approved, never from today's records.

The tables are laid out once (``grids``) as the national format
(国办公开办函〔2021〕30号) prints them, and every format draws the same grids:

* Table 二 (主动公开政府信息情况): its four blocks, each with 信息内容 and its
  columns;
* Table 三 (收到和处理政府信息公开申请情况): 申请人情况 over 自然人, the five
  subtypes under a merged 法人或其他组织 header, and 总计; row headings indented
  by level, group rows (三、本年度办理结果, （三）不予公开 …) without figures;
* Table 四 (政府信息公开行政复议、行政诉讼情况): 行政复议 and 行政诉讼
  （未经复议直接起诉 / 复议后起诉）as merged headers over the 15 cells of one row.

A cell nobody entered (未填报) is printed as 未填报 in DOCX and PDF; in XLSX it
is an empty cell with a comment, so the sheet's numbers stay numbers.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from gongkai.core.docx import FONT_BODY, FONT_TITLE, page_number, set_font
from gongkai.core.pdf import render_pdf

from .annual import SECTION_HEADINGS

log = logging.getLogger(__name__)

NOT_ENTERED = "未填报"
TWO, THREE, FOUR = SECTION_HEADINGS[1], SECTION_HEADINGS[2], SECTION_HEADINGS[3]
TEXT_HEADINGS = (SECTION_HEADINGS[0], SECTION_HEADINGS[4], SECTION_HEADINGS[5])
FONT_HEADING = "黑体"
PDF_TEMPLATE = "reports/pdf/report.html"
PDF_STYLESHEET = "reports/pdf/report.css"

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"
CONTENT_TYPES = {"docx": DOCX_TYPE, "pdf": PDF_TYPE, "xlsx": XLSX_TYPE}


# -- the tables, laid out once ---------------------------------------------------------


@dataclass(frozen=True)
class Head:
    """A header cell; ``colspan``/``rowspan`` merge it over its neighbours."""

    text: str
    colspan: int = 1
    rowspan: int = 1


@dataclass
class Line:
    """A body row: its heading (indented by ``level``) and its figures.

    ``values`` is None for a group row that has no figures of its own; a value
    None inside the list is a cell nobody entered (未填报)."""

    heading: str
    level: int = 0
    values: list | None = None


@dataclass
class Grid:
    caption: str
    head: list[list[Head]]
    lines: list[Line]
    stub: bool = True  # the first column holds the row headings
    columns: int = 0  # figure columns

    @property
    def width(self) -> int:
        return self.columns + (1 if self.stub else 0)


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)


def value_of(cell):
    """The figure of a cell: a Table 二 cell is ``{"value", "source"}``; the others are ints."""
    if isinstance(cell, dict) and "value" in cell:
        cell = cell["value"]
    return cell


def figure_text(value) -> str:
    if value is None:
        return NOT_ENTERED
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _is_leaf(value) -> bool:
    """A row of figures: {column: int or {value, source}}, not a group of rows."""
    if not isinstance(value, dict) or not value:
        return False
    first = next(iter(value.values()))
    return not isinstance(first, dict) or "value" in first


def _lines(rows: dict, columns: list[str], level: int = 0) -> list[Line]:
    out: list[Line] = []
    for heading, value in rows.items():
        if _is_leaf(value):
            out.append(Line(heading, level, [value_of(value.get(c)) for c in columns]))
        else:
            out.append(Line(heading, level))
            out.extend(_lines(value, columns, level + 1))
    return out


def _leaf_columns(rows: dict) -> list[str]:
    for value in rows.values():
        if _is_leaf(value):
            return list(value)
        if isinstance(value, dict):
            found = _leaf_columns(value)
            if found:
                return found
    return []


def two_grids(section: dict) -> list[Grid]:
    grids = []
    for block, rows in section.items():
        columns = _leaf_columns(rows)
        grids.append(
            Grid(
                caption=block,
                head=[[Head("信息内容"), *(Head(c) for c in columns)]],
                lines=_lines(rows, columns),
                columns=len(columns),
            )
        )
    return grids


def three_grid(section: dict) -> Grid:
    columns = _leaf_columns(section)  # 自然人, the five subtypes, 总计
    natural, subtypes, total = columns[0], columns[1:-1], columns[-1]
    head = [
        [Head("", rowspan=3), Head("申请人情况", colspan=len(columns))],
        [
            Head(natural, rowspan=2),
            Head("法人或其他组织", colspan=len(subtypes)),
            Head(total, rowspan=2),
        ],
        [Head(s) for s in subtypes],
    ]
    return Grid(THREE, head, _lines(section, columns), columns=len(columns))


def four_grid(section: dict) -> Grid:
    recon_heading, recon = next(iter(section.items()))
    lit_heading, litigation = list(section.items())[1]
    columns = list(recon)
    n = len(columns)
    head = [
        [Head(recon_heading, colspan=n), Head(lit_heading, colspan=n * len(litigation))],
        [*(Head(c, rowspan=2) for c in columns), *(Head(k, colspan=n) for k in litigation)],
        [Head(c) for _ in litigation for c in columns],
    ]
    values = [recon[c] for c in columns]
    for rows in litigation.values():
        values.extend(rows[c] for c in columns)
    return Grid(FOUR, head, [Line("", 0, values)], stub=False, columns=len(values))


def sections(data: dict) -> list[Section]:
    """The report's six sections: paragraphs for the texts, grids for the tables."""
    out = []
    for heading, section in data["sections"].items():
        if heading == TWO:
            out.append(Section(heading, grids=two_grids(section)))
        elif heading == THREE:
            note = (data.get("carry_over_note") or "").strip()
            paragraphs = [f"结转差异说明：{note}"] if note else []
            out.append(Section(heading, paragraphs=paragraphs, grids=[three_grid(section)]))
        elif heading == FOUR:
            out.append(Section(heading, grids=[four_grid(section)]))
        else:
            text = (section.get("text") or "").strip()
            paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
            out.append(Section(heading, paragraphs=paragraphs or ["无"]))
    return out


def file_name(data: dict, extension: str) -> str:
    return f"{data['title']}.{extension}"


# -- HTML (the portal page and the PDF) ---------------------------------------------------


def grid_html(grid: Grid, *, heading: str = "") -> str:
    """An accessible table: caption, column headers with scope, row headers with scope.

    A caption that only repeats the section's ``heading`` is marked ``repeat`` (the
    stylesheets hide it from the eye; screen readers still announce it)."""
    from django.utils.html import escape

    rows = []
    for r, head_row in enumerate(grid.head):
        cells = []
        for c, cell in enumerate(head_row):
            span = ' class="stub"' if grid.stub and r == 0 and c == 0 else ""
            if cell.colspan > 1:
                span += f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                span += f' rowspan="{cell.rowspan}"'
            if not cell.text:
                cells.append(f"<td{span}></td>")
                continue
            scope = "colgroup" if cell.colspan > 1 else "col"
            cells.append(f'<th scope="{scope}"{span}>{escape(cell.text)}</th>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    body = []
    for line in grid.lines:
        stub = ""
        if grid.stub:
            css = f' class="level-{line.level}"' if line.level else ""
            if line.values is None:
                body.append(
                    f'<tr><th scope="rowgroup" colspan="{grid.width}"{css}>'
                    f"{escape(line.heading)}</th></tr>"
                )
                continue
            stub = f'<th scope="row"{css}>{escape(line.heading)}</th>'
        cells = "".join(
            f'<td class="{"empty" if v is None else "figure"}">{escape(figure_text(v))}</td>'
            for v in line.values or []
        )
        body.append(f"<tr>{stub}{cells}</tr>")
    caption_class = ' class="repeat"' if grid.caption == heading else ""
    return mark_safe(  # noqa: S308 (every text above is escaped)
        f'<table class="report-table"><caption{caption_class}>{escape(grid.caption)}</caption>'
        f"<thead>{''.join(rows)}</thead><tbody>{''.join(body)}</tbody></table>"
    )


def pdf_html(data: dict) -> str:
    css = mark_safe(render_to_string(PDF_STYLESHEET))  # noqa: S308 (our own file)
    parts = [
        {"section": s, "tables": [grid_html(g, heading=s.heading) for g in s.grids]}
        for s in sections(data)
    ]
    return render_to_string(PDF_TEMPLATE, {"data": data, "parts": parts, "css": css})


def report_pdf(data: dict) -> bytes:
    """PDF in the shipped font (``gongkai.core.pdf``); refused if a character would be lost."""
    return render_pdf(pdf_html(data), what="年度报告")


# -- DOCX -----------------------------------------------------------------------------------


def _cell_text(cell, text: str, *, align=None, indent: int = 0, bold: bool = False) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.shared import Pt

    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.left_indent = Pt(10.5 * indent)
    if text:
        set_font(p.add_run(text), FONT_BODY, 10.5, bold=bold)


TEXT_WIDTH_MM = 160  # A4 less the 25 mm margins


def _column_widths(grid: Grid) -> list:
    """The row headings' column wide (Table 三's headings are long), the figures even."""
    from docx.shared import Mm

    stub = (62 if grid.columns > 3 else 56) if grid.stub else 0
    figure = (TEXT_WIDTH_MM - stub) / max(grid.columns, 1)
    return ([Mm(stub)] if grid.stub else []) + [Mm(figure)] * grid.columns


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _docx_grid(doc, grid: Grid) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    center = WD_ALIGN_PARAGRAPH.CENTER
    caption = doc.add_paragraph()
    caption.alignment = center
    set_font(caption.add_run(grid.caption), FONT_HEADING, 12)

    header_rows = len(grid.head)
    table = doc.add_table(rows=header_rows + len(grid.lines), cols=grid.width)
    table.style = "Table Grid"  # single borders on every cell
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(grid)
    for c, width in enumerate(widths):
        table.columns[c].width = width  # the grid (LibreOffice reads this one)
        for row in table.rows:
            row.cells[c].width = width  # the cells (Word reads these)
    for r in range(header_rows):  # repeated at the top of each page the table runs onto
        _repeat_header(table.rows[r])
    # Header rows: place each cell at the first free column, merging over its spans.
    taken: set[tuple[int, int]] = set()
    for r, head_row in enumerate(grid.head):
        c = 0
        for head in head_row:
            while (r, c) in taken:
                c += 1
            first = table.cell(r, c)
            last = table.cell(r + head.rowspan - 1, c + head.colspan - 1)
            if (head.rowspan, head.colspan) != (1, 1):
                first = first.merge(last)
            for dr in range(head.rowspan):
                for dc in range(head.colspan):
                    taken.add((r + dr, c + dc))
            _cell_text(first, head.text, align=center, bold=True)
            c += head.colspan
    for i, line in enumerate(grid.lines):
        r = header_rows + i
        offset = 1 if grid.stub else 0
        if grid.stub:
            if line.values is None:
                merged = table.cell(r, 0).merge(table.cell(r, grid.width - 1))
                _cell_text(merged, line.heading, indent=line.level)
                continue
            _cell_text(table.cell(r, 0), line.heading, indent=line.level)
        for j, value in enumerate(line.values or []):
            _cell_text(table.cell(r, offset + j), figure_text(value), align=center)
    doc.add_paragraph()


def report_docx(data: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(30), Mm(28)
    side = (210 - TEXT_WIDTH_MM) / 2
    section.left_margin, section.right_margin = Mm(side), Mm(side)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_number(footer)

    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = FONT_BODY
    props = doc.core_properties
    props.title = data["title"]
    props.author = data.get("scope", {}).get("name", "")
    props.comments = f"定稿时间：{data['frozen_at']}" if data.get("frozen_at") else ""

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(16)
    set_font(title.add_run(data["title"]), FONT_TITLE, 22, bold=True)
    for part in sections(data):
        heading = doc.add_paragraph()
        heading.paragraph_format.first_line_indent = Pt(32)
        heading.paragraph_format.space_before = Pt(8)
        set_font(heading.add_run(part.heading), FONT_HEADING, 16)
        for text in part.paragraphs:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            p.paragraph_format.first_line_indent = Pt(32)
            set_font(p.add_run(text), FONT_BODY, 16)
        for grid in part.grids:
            _docx_grid(doc, grid)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# -- any format -------------------------------------------------------------------------------


def render(data: dict, fmt: str) -> bytes:
    """The report's content as ``fmt`` (docx, pdf or xlsx)."""
    from .xlsx import report_xlsx

    makers = {"docx": report_docx, "pdf": report_pdf, "xlsx": report_xlsx}
    return makers[fmt](data)
