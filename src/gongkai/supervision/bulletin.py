"""The office's 通报 (circular) of a period's website inspections: every registered site
with its latest inspection in the period, ranked by score, and the problems of the
sites that failed, as DOCX (GB/T 9704 layout) and PDF."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.template.loader import render_to_string

from gongkai.core.dates import cn_date
from gongkai.core.docx import FONT_BODY, FONT_TITLE, page_number, paragraph, set_font
from gongkai.core.pdf import render_pdf

from .models import Inspection

RECTIFY_WORKING_WEEKS = 2  # the circular asks for rectification within two weeks


@dataclass
class Row:
    rank: int
    site: str
    inspected_on: date
    score: float
    passed: bool
    problems: list[str] = field(default_factory=list)


@dataclass
class Bulletin:
    title: str
    issuer: str
    start: date
    end: date
    rows: list[Row]
    rectify_by: date

    @property
    def failed(self) -> list[Row]:
        return [row for row in self.rows if not row.passed]

    @property
    def summary(self) -> str:
        total, failed = len(self.rows), len(self.failed)
        return (
            f"{cn_date(self.start)}至{cn_date(self.end)}，共检查网站{total}个，"
            f"合格{total - failed}个，不合格{failed}个。"
        )


def _problems(report: dict) -> list[str]:
    found = [f"单项否决：{v['label']}（{v['detail']}）" for v in report.get("vetoes", [])]
    found += [
        f"扣分：{d['label']}{d['findings']}处，扣{d['points']:g}分"
        for d in report.get("deductions", [])
    ]
    return found


def bulletin(start: date, end: date, *, issuer: str) -> Bulletin:
    """The latest inspection of each site in [start, end], best score first."""
    latest: dict[int, Inspection] = {}
    inspections = Inspection.objects.filter(inspected_on__range=(start, end)).select_related("site")
    for found in inspections.order_by("inspected_on", "id"):
        latest[found.site_id] = found
    ordered = sorted(latest.values(), key=lambda i: (-i.score, i.site.name))
    rows = [
        Row(n, i.site.name, i.inspected_on, float(i.score), i.passed, _problems(i.report))
        for n, i in enumerate(ordered, start=1)
    ]
    return Bulletin(
        title=f"关于{cn_date(start)}至{cn_date(end)}政府网站检查情况的通报",
        issuer=issuer,
        start=start,
        end=end,
        rows=rows,
        rectify_by=end + timedelta(weeks=RECTIFY_WORKING_WEEKS),
    )


def pdf_bytes(doc: Bulletin) -> bytes:
    html = render_to_string("supervision/bulletin.html", {"doc": doc})
    return render_pdf(html, what="网站检查通报")


def docx_bytes(doc: Bulletin) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    out = Document()
    section = out.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    paragraph(
        out, doc.title, align=WD_ALIGN_PARAGRAPH.CENTER, size=22, font=FONT_TITLE, line_pt=None
    )
    paragraph(out, "各县区人民政府，市政府各部门：", before=14)
    paragraph(out, doc.summary + "现将检查结果通报如下。", indent=True)
    paragraph(out, "一、检查结果", font=FONT_TITLE)
    table = out.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("名次", "网站", "得分", "结果"), strict=True):
        set_font(cell.paragraphs[0].add_run(text), FONT_BODY, 12, bold=True)
    for row in doc.rows:
        cells = table.add_row().cells
        values = (str(row.rank), row.site, f"{row.score:g}", "合格" if row.passed else "不合格")
        for cell, text in zip(cells, values, strict=True):
            set_font(cell.paragraphs[0].add_run(text), FONT_BODY, 12)
    paragraph(out, "二、存在的问题", font=FONT_TITLE, before=14)
    if not doc.failed:
        paragraph(out, "本次检查的网站均合格。", indent=True)
    for row in doc.failed:
        paragraph(out, f"{row.site}：" + "；".join(row.problems) + "。", indent=True)
    paragraph(out, "三、整改要求", font=FONT_TITLE, before=14)
    paragraph(
        out,
        f"请不合格网站的主办单位于{cn_date(doc.rectify_by)}前完成整改，"
        "并将整改情况报送政务公开办公室。",
        indent=True,
    )
    paragraph(out, doc.issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, before=28)
    paragraph(out, f"{cn_date(doc.end)}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    page_number(section.footer.paragraphs[0])
    section.footer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
