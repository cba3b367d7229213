"""The files of formal notices (告知书): DOCX and PDF in the official layout, agency
layouts as data (department → government → built-in), the job, the reviewer's preview."""

from __future__ import annotations

import base64
import hashlib
import io
import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import include, path
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from pypdf import PdfReader

from gongkai.applications import documents, documents_views, jobs, services
from gongkai.applications.models import FormalNotice, NoticeLayout, Outcome
from gongkai.applications.models.layouts import layout_for
from gongkai.core.errors import DomainError
from gongkai.files.models import StoredFile

from .helpers import received, secrecy_passed

pytestmark = pytest.mark.django_db

# The preview views mounted as the staff pages will mount them, beside the project's URLs.
urlpatterns = [
    path("workbench/applications/", include(documents_views.urlpatterns)),
    path("", include("gongkai.urls")),
]
with_preview_urls = pytest.mark.urls(__name__)

REPLY_TEXT = (
    "现向您提供2016年天水市黄标车淘汰补贴资金发放汇总表（已删除涉及个人隐私的内容），共3页。"
)
BASIS = "《中华人民共和国政府信息公开条例》第十五条、第三十七条。"


def in_review(world, department=None, handler=None):
    department = department or world.finance
    application = received(department, date(2026, 9, 22), handler or world.handler_finance)
    services.submit_reply(
        application,
        outcome=Outcome.PARTIAL,
        legal_basis=BASIS,
        reply_text=REPLY_TEXT,
        actor=handler or world.handler_finance,
        expected_version=application.version,
    )
    return secrecy_passed(application)  # 部分公开: the 保密审查员 has passed it


def issued_reply(world, department=None, handler=None, reviewer=None) -> FormalNotice:
    application = in_review(world, department, handler)
    services.approve_reply(
        application, actor=reviewer or world.reviewer_finance, on=date(2026, 10, 9)
    )
    return FormalNotice.objects.get(application=application, kind="reply")


def rendered(notice: FormalNotice) -> FormalNotice:
    jobs.render_notice_files.call(notice.pk)
    notice.refresh_from_db()
    return notice


def docx_of(notice: FormalNotice):
    with notice.docx.blob.open("rb") as handle:
        return Document(io.BytesIO(handle.read()))


def docx_texts(doc) -> list[str]:
    texts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for cell in table._cells:
            texts.extend(p.text for p in cell.paragraphs)
    return texts


def pdf_reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def pdf_text(data: bytes) -> str:
    """All text of the PDF with whitespace removed (lines wrap anywhere in Chinese)."""
    text = "".join(page.extract_text() for page in pdf_reader(data).pages)
    return re.sub(r"\s+", "", text)


def stored_pdf(notice: FormalNotice) -> bytes:
    with notice.pdf.blob.open("rb") as handle:
        return handle.read()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def finance_contact(world):
    world.finance.address = "甘肃省天水市秦州区民主西路8号"
    world.finance.phone = "0938-8212345"
    world.finance.postcode = "741000"
    world.finance.save()
    return world.finance


# -- the issued reply -------------------------------------------------------------------


def test_the_reply_notice_as_docx_in_the_official_layout(world, finance_contact):
    notice = rendered(issued_reply(world))
    assert notice.docx is not None and notice.docx.kind == "docx"
    assert notice.docx.original_name == f"{notice.number} 政府信息公开申请答复书.docx"
    doc = docx_of(notice)
    paragraphs = [p for p in doc.paragraphs if p.text]
    letterhead, number, title, addressee = paragraphs[:4]
    assert letterhead.text == "天水市财政局"
    assert letterhead.runs[0].font.color.rgb == RGBColor(*documents.RED)
    assert letterhead.alignment == 1  # centred
    assert number.text == "市财政局依申〔2026〕1号" == notice.number
    assert number.alignment == 1
    # the red rule right below the 文号
    rule = number._p.getnext()
    border = rule.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert border is not None and border.get(qn("w:color")) == "D40000"
    assert title.text == "政府信息公开申请答复书" and title.runs[0].font.size == Pt(22)
    assert addressee.text == "张三：" and not addressee.paragraph_format.first_line_indent
    body = {p.text: p for p in paragraphs[4:]}
    assert "办理结果：部分公开。" in body
    assert REPLY_TEXT in body
    assert f"依据和理由：{BASIS}" in body
    assert body["办理结果：部分公开。"].paragraph_format.first_line_indent == Pt(32)
    assert body["特此告知。"].paragraph_format.first_line_indent == Pt(32)
    assert any(t.startswith("如对本答复不服") for t in body)
    assert (
        "（联系机构：天水市财政局政府信息公开工作机构；地址：甘肃省天水市秦州区民主西路8号；"
        "邮政编码：741000；联系电话：0938-8212345）"
    ) in body
    # the signature and date under the outlined seal area
    (seal,) = doc.tables
    cell = seal.cell(0, 0)
    assert [p.text for p in cell.paragraphs if p.text] == [
        "（印章）",
        "天水市财政局",
        "2026年10月9日",
    ]
    edges = cell._tc.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}")
    assert {edge.get(qn("w:val")) for edge in edges} == {"dashed"}
    assert seal.alignment == 2  # right
    # page numbers "— N —" in the footers: odd pages right, even pages left
    odd = doc.sections[0].footer.paragraphs[0]
    even = doc.sections[0].even_page_footer.paragraphs[0]
    for footer in (odd, even):
        field = footer._p.find(qn("w:fldSimple"))
        assert field is not None and field.get(qn("w:instr")) == "PAGE"
        assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert (odd.alignment, even.alignment) == (2, 0)
    assert doc.settings.odd_and_even_pages_header_footer
    assert doc.core_properties.title == "政府信息公开申请答复书"
    assert doc.core_properties.author == "天水市财政局"


def test_the_reply_notice_as_pdf_with_embedded_chinese_fonts(world, finance_contact):
    notice = rendered(issued_reply(world))
    assert notice.pdf is not None and notice.pdf.kind == "pdf"
    data = stored_pdf(notice)
    reader = pdf_reader(data)
    text = pdf_text(data)
    for expected in [
        "天水市财政局",
        "市财政局依申〔2026〕1号",
        "政府信息公开申请答复书",
        "张三：",
        "本机关于2026年9月22日收到您提出的政府信息公开申请",
        "办理结果：部分公开。",
        REPLY_TEXT,
        f"依据和理由：{BASIS}",
        "如对本答复不服，可以自收到本答复之日起六十日内向天水市人民政府申请行政复议",
        "特此告知。",
        "（印章）",
        "2026年10月9日",
        "联系电话：0938-8212345",
    ]:
        assert squeeze(expected) in text, expected
    # the text is the notice's own: every body line of the issued notice is there
    for line in notice.body.splitlines():
        assert squeeze(line) in text
    # page numbers on every page, "— 1 —" style
    pages = [page.extract_text() for page in reader.pages]
    for number, page in enumerate(pages, start=1):
        assert f"— {number} —" in page
    # A4, and the CJK fonts embedded (Chinese extracted above, so their ToUnicode maps work)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            assert "/FontFile3" in descendant["/FontDescriptor"] or (
                "/FontFile2" in descendant["/FontDescriptor"]
            )
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    # the shipped font (gongkai.core.pdf), whatever the system has; bold from the same file
    assert fonts == {"Noto-Sans-SC", "Noto-Sans-SC-Bold"}
    assert reader.metadata.title == "政府信息公开申请答复书"


def test_the_job_is_idempotent(world):
    notice = rendered(issued_reply(world))
    files_before = StoredFile.objects.count()
    first = (notice.docx_id, notice.pdf_id)
    assert jobs.render_notice_files.call(notice.pk) is None  # nothing left to make
    assert documents.render_notice_files(notice.pk) == {}
    notice.refresh_from_db()
    assert (notice.docx_id, notice.pdf_id) == first
    assert StoredFile.objects.count() == files_before


def test_a_failing_format_does_not_lose_the_other_and_a_rerun_completes(world, monkeypatch):
    notice = issued_reply(world)

    def broken(notice):
        raise OSError("字体库不可用")

    # fault injection: the real renderer cannot be made to fail on demand
    monkeypatch.setattr(documents, "notice_pdf", broken)
    with pytest.raises(OSError, match="字体库不可用"):
        documents.render_notice_files(notice.pk)
    notice.refresh_from_db()
    assert notice.docx_id is not None and notice.pdf_id is None
    docx_id = notice.docx_id
    monkeypatch.undo()
    assert documents.render_notice_files(notice.pk) == {"pdf": True}
    notice.refresh_from_db()
    assert notice.docx_id == docx_id and notice.pdf_id is not None


def test_every_notice_kind_renders(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    services.request_correction(
        application,
        what="请写明所需信息的年份。",
        actor=world.handler_finance,
        on=date(2026, 9, 24),
    )
    notice = rendered(FormalNotice.objects.get(application=application, kind="correction"))
    text = pdf_text(stored_pdf(notice))
    assert "补正申请告知书" in text and "请写明所需信息的年份。" in text
    assert "特此告知。" in text
    doc = docx_of(notice)
    assert "请写明所需信息的年份。" in docx_texts(doc)


# -- layouts: department → government → built-in ----------------------------------------


def test_the_department_layout_overrides_the_government_default(world):
    NoticeLayout.objects.create(
        government=world.tianshui,
        letterhead="{机关名称}",
        contact_office="{政府名称}政务公开办公室",
        contact_phone="0938-8888888",
        closing_reply="特此告知。\n复议机关：天水市人民政府。",
        copy_to="天水市人民政府办公室",
    )
    NoticeLayout.objects.create(
        government=world.tianshui,
        department=world.finance,
        letterhead="天水市财政局办公室",
        seal_caption="政府信息公开专用章",
        contact_phone="0938-8212345",
    )
    finance = layout_for(world.finance)
    assert finance.letterhead == "天水市财政局办公室"
    assert finance.sources["letterhead"] == "department"
    assert finance.contact_office == "天水市人民政府政务公开办公室"
    assert finance.sources["contact_office"] == "government"
    assert finance.issuer_name == "天水市财政局" and finance.sources["issuer_name"] == "built_in"

    notice = rendered(issued_reply(world))
    text = pdf_text(stored_pdf(notice))
    assert text.startswith("天水市财政局办公室")
    assert "政府信息公开专用章" in text and "（印章）" not in text
    assert "联系电话：0938-8212345" in text and "0938-8888888" not in text
    assert "复议机关：天水市人民政府。" in text
    assert "抄送：天水市人民政府办公室。" in text
    texts = docx_texts(docx_of(notice))
    assert texts[0] == "天水市财政局办公室"
    assert "政府信息公开专用章" in texts
    assert "抄送：天水市人民政府办公室。" in texts

    # another department of the same government gets the government default
    world.environment.address = "甘肃省天水市秦州区环城西路2号"
    world.environment.save()
    environment = layout_for(world.environment)
    assert environment.letterhead == "天水市环境保护局"
    assert environment.seal_caption == "（印章）"
    assert environment.contact_phone == "0938-8888888"
    assert environment.contact_address == "甘肃省天水市秦州区环城西路2号"
    assert environment.sources["contact_address"] == "department_record"
    assert environment.closing_for("reply") == "特此告知。\n复议机关：天水市人民政府。"


def test_an_agency_without_layout_rows_gets_the_built_in_defaults(world):
    from gongkai.orgs.roles import Role
    from gongkai.testing.factories import staff

    assert not NoticeLayout.objects.exists()
    department = world.longnan_finance
    handler = staff("handler_longnan", (department, Role.HANDLER))
    reviewer = staff("reviewer_longnan", (department, Role.REVIEWER))
    notice = rendered(issued_reply(world, department, handler, reviewer))
    text = pdf_text(stored_pdf(notice))
    assert text.startswith("陇南市财政局")
    assert notice.number in text
    assert "陇南市财政局政府信息公开工作机构" in text
    assert "（印章）" in text and "特此告知。" in text
    assert "抄送" not in text
    layout = layout_for(department)
    # nothing from a layout row: the remedies are computed (复议机关) or missing (法院)
    assert set(layout.sources.values()) <= {"built_in", "department_record", "computed", "missing"}
    doc = docx_of(notice)
    assert doc.paragraphs[0].text == "陇南市财政局"


def test_a_closing_the_body_already_ends_with_is_not_printed_twice(world):
    NoticeLayout.objects.create(
        government=world.tianshui,
        closing_reply=(
            "如对本答复不服，可以自收到本答复之日起六十日内向天水市人民政府申请行政复议，"
            "或者自收到本答复之日起六个月内向有管辖权的人民法院提起行政诉讼。"
        ),
    )
    notice = issued_reply(world)
    doc = documents.document_for(notice)
    assert doc.closing == []
    assert doc.paragraphs[-1].startswith("如对本答复不服")


def test_layout_validation_messages(world):
    bad = NoticeLayout(government=world.tianshui, letterhead="{单位名称}", contact_postcode="7410")
    with pytest.raises(ValidationError) as caught:
        bad.full_clean()
    errors = caught.value.message_dict
    assert "不认识的占位符 {单位名称}" in errors["letterhead"][0]
    assert errors["contact_postcode"] == ["邮政编码应为6位数字。"]
    elsewhere = NoticeLayout(government=world.longnan, department=world.finance)
    with pytest.raises(ValidationError) as caught:
        elsewhere.full_clean()
    assert "天水市财政局不属于陇南市" in caught.value.message_dict["department"][0]
    NoticeLayout.objects.create(government=world.tianshui)
    with pytest.raises(IntegrityError), transaction.atomic():
        NoticeLayout.objects.create(government=world.tianshui)
    NoticeLayout.objects.create(department=world.finance)  # government taken from the department
    with pytest.raises(IntegrityError), transaction.atomic():
        NoticeLayout.objects.create(government=world.tianshui, department=world.finance)


def test_a_long_letterhead_is_set_smaller_to_stay_on_one_line():
    assert documents.letterhead_size("天水市财政局") == 40.0
    long = documents.letterhead_size("天水市秦州区人民政府办公室政务公开科")
    assert 20 <= long < 25


def test_layouts_are_edited_in_the_admin(client, world):
    world.admin.is_staff = True
    world.admin.save(update_fields=["is_staff"])
    client.force_login(world.admin)
    url = "/admin/applications/noticelayout/add/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"government": world.tianshui.pk, "letterhead": "{单位}"})
    assert refused.status_code == 200
    assert "不认识的占位符" in refused.content.decode()
    assert not NoticeLayout.objects.exists()
    saved = client.post(
        url,
        {
            "government": world.tianshui.pk,
            "department": world.finance.pk,
            "letterhead": "天水市财政局",
            "copy_to": "天水市人民政府办公室",
        },
    )
    assert saved.status_code == 302, saved.content.decode()
    assert NoticeLayout.objects.get().department == world.finance


# -- the reviewer's preview -------------------------------------------------------------


def test_the_preview_shows_the_reply_unnumbered_and_takes_no_number(world, finance_contact):
    application = in_review(world)
    html = documents.preview_reply_html(application)
    assert "（文号待出具时生成）" in html and "预览稿" in html
    assert "天水市财政局" in html and "办理结果：部分公开。" in html
    pdf = documents.preview_reply_pdf(application)
    text = pdf_text(pdf)
    assert "（文号待出具时生成）" in text and "政府信息公开申请答复书" in text
    assert "预览稿" in text and squeeze(REPLY_TEXT) in text and "—1—" in text
    assert "请勿作为正式文书送达" not in text  # the screen banner stays off the paper
    assert not FormalNotice.objects.filter(application=application).exists()
    # the preview took no number: the issued reply is still No. 1
    services.approve_reply(application, actor=world.reviewer_finance, on=date(2026, 10, 9))
    notice = FormalNotice.objects.get(application=application)
    assert notice.number == "市财政局依申〔2026〕1号"
    # once issued, the notice is downloaded, not previewed
    application.refresh_from_db()
    with pytest.raises(DomainError, match="答复待审核"):
        documents.preview_reply_html(application)


def test_no_preview_before_a_reply_is_submitted(world):
    application = received(world.finance, date(2026, 9, 22), world.handler_finance)
    with pytest.raises(DomainError, match="答复待审核"):
        documents.preview_reply_pdf(application)


@with_preview_urls
def test_the_preview_pages(client, world):
    application = in_review(world)
    url = f"/workbench/applications/{application.pk}/reply-preview/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]

    client.force_login(world.handler_environment)  # another department: not even a hint
    assert client.get(url).status_code == 404
    assert client.get(url.replace("/reply-preview/", "/reply-preview.pdf")).status_code == 404

    client.force_login(world.reviewer_finance)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "（文号待出具时生成）" in html
    style = re.search(r"<style>(.*)</style>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
    csp = page["Content-Security-Policy"]
    assert f"style-src 'sha256-{digest}'" in csp and "frame-ancestors 'self'" in csp
    assert page["X-Frame-Options"] == "SAMEORIGIN"
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]

    pdf = client.get(f"/workbench/applications/{application.pk}/reply-preview.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].startswith("inline")
    assert "（文号待出具时生成）" in pdf_text(pdf.content)

    services.approve_reply(application, actor=world.reviewer_finance, on=date(2026, 10, 9))
    refused = client.get(url)
    assert refused.status_code == 409
    assert "答复待审核" in refused.content.decode()


def test_the_addressee_line_is_taken_from_the_body_only_when_it_names_the_addressee():
    assert documents.split_body("张三：\n第一段。\n\n第二段。", "张三") == (
        "张三",
        ["第一段。", "第二段。"],
    )
    # a first line that merely ends with a colon is a paragraph, not the addressee
    assert documents.split_body("经审查，现答复如下：\n予以公开。", "李四") == (
        "李四",
        ["经审查，现答复如下：", "予以公开。"],
    )


def test_a_notice_the_font_cannot_draw_is_not_stored_and_the_job_says_why(world):
    # An applicant whose name has a character outside the PDF font (𠮷, Extension B):
    # an unreadable PDF is never stored; the DOCX is, and the job is retried with the
    # reason recorded where administrators see failed jobs.
    from django_tasks_db.models import DBTaskResult

    from gongkai.core.pdf import MissingGlyphs
    from gongkai.jobs.testing import run_jobs

    application = in_review(world)
    application.name = "吉\U00020bb7"
    application.save(update_fields=["name"])
    services.approve_reply(application, actor=world.reviewer_finance, on=date(2026, 10, 9))
    notice = FormalNotice.objects.get(application=application, kind="reply")
    with pytest.raises(MissingGlyphs):
        documents.render_notice_files(notice.pk)
    notice.refresh_from_db()
    assert notice.docx_id is not None and notice.pdf_id is None

    jobs.render_notice_files.enqueue(notice.pk)
    run_jobs()
    notice.refresh_from_db()
    assert notice.pdf_id is None
    attempts = DBTaskResult.objects.filter(task_path__endswith="render_notice_files")
    done = attempts.get(status="SUCCESSFUL")  # the failed attempt, which scheduled a retry
    retry = done.return_value["retry_scheduled"]
    assert attempts.filter(status="READY").count() == 1
    assert "U+20BB7" in retry["error"] and "MissingGlyphs" in retry["error"]
