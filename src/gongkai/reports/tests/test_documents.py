"""The annual report as DOCX, PDF and XLSX: the national headings, the figures where the
national layout puts them, numbers as numbers, 未填报 kept apart from 0; the command
writing each format."""

import io
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from gongkai.applications.models import Outcome
from gongkai.applications.tests.helpers import received
from gongkai.applications.tests.test_stats import conclude
from gongkai.reports import documents, services
from gongkai.reports.annual import annual_report
from gongkai.reports.models import AnnualReport, ReportState
from gongkai.reports.xlsx import report_xlsx

pytestmark = pytest.mark.django_db
TITLE = "天水市财政局2016年政府信息公开工作年度报告"
NEW = "一、本年新收政府信息公开申请数量"
THREE = "三、收到和处理政府信息公开申请情况"


def approved_report(world, *, year=2016, penalties=""):
    """天水市财政局's 2016 report, written and approved (frozen), with one application
    received and disclosed. 行政处罚 is left 未填报 unless ``penalties`` is given: such a
    report is frozen as one approved before an empty statutory cell blocked approval
    (the documents must still print 未填报, never 0); a complete one goes through
    submission and approval."""
    h, r = world.handler_finance, world.reviewer_finance
    application = received(world.finance, date(year, 3, 1), h)
    conclude(application, Outcome.DISCLOSED, date(year, 3, 10), h, r)
    report = services.report_for(world.finance, year)
    services.save_inputs(
        report,
        expected_version=report.version,
        actor=h,
        overview="2016年，市财政局认真贯彻落实条例。\n全年新收申请1件。",
        problems="一是主动公开的及时性有待提高。",
        other="无",
        entered={"licensing": "1520", "penalties": penalties, "enforcement": "3", "fees": "12.5"},
    )
    if penalties:
        services.submit(report, actor=r)
        return services.approve(report, actor=world.office)
    data = annual_report(world.finance, year, services.inputs_of(report))
    now = timezone.now()
    frozen = {**data, "frozen_at": timezone.localtime(now).isoformat()}
    AnnualReport.objects.filter(pk=report.pk).update(
        state=ReportState.APPROVED,
        snapshot_json=AnnualReport.freeze(frozen),
        approved_at=now,
        approved_by=world.office,
    )
    report.refresh_from_db()
    return report


@pytest.fixture
def report(world):
    return approved_report(world)


def test_the_grids_follow_the_national_layout(report):
    parts = documents.sections(services.content(report))
    assert [p.heading for p in parts] == list(documents.SECTION_HEADINGS)
    two = parts[1].grids
    assert [g.caption for g in two] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert [h.text for h in two[0].head[0]] == [
        "信息内容",
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
    ]
    penalties = next(line for line in two[2].lines if line.heading == "行政处罚")
    assert penalties.values == [None]  # 未填报, not 0

    three = parts[2].grids[0]
    assert [(h.text, h.colspan) for h in three.head[1]] == [
        ("自然人", 1),
        ("法人或其他组织", 5),
        ("总计", 1),
    ]
    assert [h.text for h in three.head[2]] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    new = next(line for line in three.lines if line.heading == NEW)
    assert new.values[-1] == 1 and new.level == 0
    disclosed = next(line for line in three.lines if line.heading == "（一）予以公开")
    assert disclosed.level == 1 and disclosed.values[-1] == 1
    group = next(line for line in three.lines if line.heading == "三、本年度办理结果")
    assert group.values is None

    four = parts[3].grids[0]
    assert [(h.text, h.colspan) for h in four.head[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    assert [h.text for h in four.head[1]][-2:] == ["未经复议直接起诉", "复议后起诉"]
    assert len(four.lines) == 1 and len(four.lines[0].values) == 15


def test_the_docx_has_the_title_headings_texts_and_figures(report):
    from docx import Document

    data = services.content(report)
    doc = Document(io.BytesIO(documents.report_docx(data)))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == TITLE
    assert doc.paragraphs[0].alignment == 1  # centred
    for heading in documents.SECTION_HEADINGS:
        assert heading in paragraphs
    assert "全年新收申请1件。" in paragraphs and "一是主动公开的及时性有待提高。" in paragraphs

    tables = doc.tables
    assert len(tables) == 4 + 1 + 1  # Table 二's four blocks, 三, 四
    assert tables[0].style.name == "Table Grid"
    licensing = tables[1]
    assert [c.text for c in licensing.rows[1].cells] == ["行政许可", "1520"]
    six = tables[2]
    assert [c.text for c in six.rows[1].cells] == ["行政处罚", "未填报"]
    assert [c.text for c in tables[3].rows[1].cells] == ["行政事业性收费", "12.5"]

    three = tables[4]
    assert three.rows[0].cells[1].text == "申请人情况"
    assert round(three.columns[0].width.mm) == 62  # the long row headings' column
    # 法人或其他组织 is one merged cell over the five subtypes.
    org = [c for c in three.rows[1].cells if c.text == "法人或其他组织"]
    assert len(org) == 5 and len({id(c._tc) for c in org}) == 1
    assert [c.text for c in three.rows[2].cells][2:7] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    new_row = next(r for r in three.rows if r.cells[0].text == NEW)
    assert [c.text for c in new_row.cells][1:] == ["1", "0", "0", "0", "0", "0", "1"]

    four = tables[5]
    heads = [c.text for c in four.rows[0].cells]
    assert heads.count("行政复议") == 5 and heads.count("行政诉讼") == 10
    assert [c.text for c in four.rows[1].cells][5:] == ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    assert len(four.rows[3].cells) == 15
    assert all("w:tblHeader" in three.rows[r]._tr.xml for r in range(3))
    assert "w:tblHeader" not in new_row._tr.xml
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer


def test_the_pdf_has_the_national_headings(report):
    from pypdf import PdfReader

    pdf = documents.report_pdf(services.content(report))
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    squeezed = "".join(text.split())
    for words in (
        TITLE,
        *documents.SECTION_HEADINGS,
        "本年制发件数",
        "本年新收政府信息公开申请数量",
        "法人或其他组织",
        "未经复议直接起诉",
        "行政复议",
        "未填报",
        "—1—",
    ):
        assert words in squeezed, words


def test_the_xlsx_has_numbers_as_numbers_and_merged_headers(report):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(report_xlsx(services.content(report))))
    assert wb.sheetnames == ["表二 主动公开", "表三 依申请公开", "表四 复议诉讼"]
    two = wb["表二 主动公开"]
    assert two["A1"].value == TITLE
    cells = {c.value: c for row in two.iter_rows() for c in row if c.value is not None}
    licensing = cells["行政许可"]
    assert two.cell(row=licensing.row, column=2).value == 1520
    fees = two.cell(row=cells["行政事业性收费"].row, column=2)
    assert fees.value == 12.5 and isinstance(fees.value, float)
    penalties = two.cell(row=cells["行政处罚"].row, column=2)
    assert penalties.value is None and "未填报" in penalties.comment.text

    three = wb["表三 依申请公开"]
    merged = {str(r) for r in three.merged_cells.ranges}
    org = next(c for row in three.iter_rows() for c in row if c.value == "法人或其他组织")
    assert f"C{org.row}:G{org.row}" in merged
    new = next(c for row in three.iter_rows() for c in row if c.value == NEW)
    figures = [three.cell(row=new.row, column=c).value for c in range(2, 9)]
    assert figures == [1, 0, 0, 0, 0, 0, 1] and all(type(v) is int for v in figures)

    four = wb["表四 复议诉讼"]
    heads = [c.value for row in four.iter_rows() for c in row if c.value]
    assert "行政复议" in heads and "未经复议直接起诉" in heads and "复议后起诉" in heads
    merged = {str(r) for r in four.merged_cells.ranges}
    recon = next(c for row in four.iter_rows() for c in row if c.value == "行政复议")
    assert f"A{recon.row}:E{recon.row}" in merged


def test_the_files_come_from_the_frozen_content(world, report):
    from docx import Document

    received(world.finance, date(2016, 5, 4), world.handler_finance, description="2016年预算")
    doc = Document(io.BytesIO(documents.report_docx(services.content(report))))
    new_row = next(r for r in doc.tables[4].rows if r.cells[0].text == NEW)
    assert new_row.cells[-1].text == "1"  # not today's 2


@pytest.mark.parametrize("fmt", ["docx", "pdf", "xlsx"])
def test_the_command_writes_each_format(world, report, fmt, tmp_path):
    target = tmp_path / f"report.{fmt}"
    out = StringIO()
    call_command(
        "report",
        "annual",
        "--agency",
        str(world.finance.pk),
        "--year",
        "2016",
        "--format",
        fmt,
        "--output",
        str(target),
        stdout=out,
    )
    content = target.read_bytes()
    assert content[:4] == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04")
    assert str(target) in out.getvalue()


def test_the_command_needs_an_output_file_for_binary_formats(world):
    with pytest.raises(CommandError) as refused:
        call_command(
            "report",
            "annual",
            "--agency",
            str(world.finance.pk),
            "--year",
            "2016",
            "--format",
            "docx",
        )
    assert "--output" in str(refused.value)


def test_the_command_makes_an_unstored_scope_from_the_records(world, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "tianshui.xlsx"
    call_command(
        "report",
        "annual",
        "--government",
        world.tianshui.code,
        "--year",
        "2016",
        "--format",
        "xlsx",
        "--output",
        str(target),
        stdout=StringIO(),
    )
    wb = load_workbook(target)
    assert wb["表二 主动公开"]["A1"].value == f"{world.tianshui.name}2016年政府信息公开工作年度报告"


def test_the_command_writes_json_to_a_file_when_asked(world, report, tmp_path):
    import json

    target = tmp_path / "report.json"
    out = StringIO()
    call_command(
        "report",
        "annual",
        "--agency",
        str(world.finance.pk),
        "--year",
        "2016",
        "--output",
        str(target),
        stdout=out,
    )
    assert json.loads(target.read_text())["sections"][THREE][NEW]["总计"] == 1
    assert "{" not in out.getvalue()


def test_the_command_says_when_it_cannot_write(world, tmp_path):
    with pytest.raises(CommandError) as refused:
        call_command(
            "report",
            "annual",
            "--agency",
            str(world.finance.pk),
            "--year",
            "2016",
            "--format",
            "pdf",
            "--output",
            str(tmp_path / "missing" / "x.pdf"),
            stdout=StringIO(),
        )
    assert "无法写入输出文件" in str(refused.value)


def test_the_pdf_and_the_docx_keep_the_national_order_of_the_sections(report):
    from docx import Document
    from pypdf import PdfReader

    data = services.content(report)
    pdf = documents.report_pdf(data)
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    at = [text.index(heading) for heading in documents.SECTION_HEADINGS]
    assert at == sorted(at)
    doc = Document(io.BytesIO(documents.report_docx(data)))
    paragraphs = [p.text for p in doc.paragraphs]
    at = [paragraphs.index(heading) for heading in documents.SECTION_HEADINGS]
    assert at == sorted(at)
