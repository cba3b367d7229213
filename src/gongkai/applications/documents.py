"""The files of a formal notice (告知书): DOCX and PDF in the official layout.

The layout follows GB/T 9704-2012 (党政机关公文格式), simplified: the red
letterhead of the issuing agency (发文机关标志), the 文号 centred below it and a
red rule (分隔线), the title in 2号 type, the addressee (主送) flush left, body
paragraphs indented two characters, the signature (发文机关署名) and date at
the bottom right under an outlined seal area, the contact note (附注), an
optional copy-to line (抄送, in the 版记) and page numbers "— 1 —" (odd pages
right, even pages left). What differs between agencies — letterhead, signature,
seal caption, contact block, closing paragraphs, copy-to — is data:
``models.layouts.NoticeLayout``, looked up department → government → built-in.

``render_notice_files(notice_id)`` is run by a job after a notice is issued.
It is idempotent: a notice with both files is left alone, a format already
stored is not made again, and a failure of one format does not lose the other
(the job fails after storing what it could, and its retry makes the rest).

``preview_reply_html`` / ``preview_reply_pdf`` show the reviewer the reply
(答复书) as it would be issued, before it is numbered.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from gongkai.core.docx import FONT_BODY, FONT_TITLE, border, page_number, paragraph, set_font
from gongkai.core.errors import DomainError
from gongkai.core.pdf import render_pdf
from gongkai.files.kinds import FileKind

from .models import Application, ApplicationState, FormalNotice, NoticeKind
from .models.layouts import ResolvedLayout, layout_for

log = logging.getLogger(__name__)

PREVIEW_NUMBER = "（文号待出具时生成）"
TEMPLATE = "applications/documents/notice.html"
STYLESHEET = "applications/documents/notice.css"
SCREEN_STYLESHEET = "applications/documents/notice-screen.css"  # the browser preview only

# DOCX fonts: those every Chinese Windows has (the PDF uses Noto CJK, see notice.css).
RED = (0xD4, 0x00, 0x00)
TEXT_WIDTH_PT = 156 / 25.4 * 72  # the 156 mm text area


@dataclass(frozen=True)
class NoticeDocument:
    """Everything printed on a notice, decided once for both formats."""

    letterhead: str
    number: str
    title: str
    addressee: str
    paragraphs: list[str]
    closing: list[str]
    issuer: str
    date_text: str
    seal_caption: str
    remark: str
    copy_to: str
    preview: bool = False
    sources: dict = field(default_factory=dict)

    @property
    def letterhead_pt(self) -> float:
        return letterhead_size(self.letterhead)


def letterhead_size(text: str) -> float:
    """Font size (pt) of the letterhead: large, but one line across the text area if it can."""
    n = max(len(text), 1)
    fitting = TEXT_WIDTH_PT * 0.95 / (n * 1.08)  # letter-spacing 0.08em
    return round(max(20.0, min(40.0, fitting)), 1)


def chinese_date(on: date) -> str:
    """成文日期 with Arabic numerals and no leading zeros (GB/T 9704-2012 7.3.5.1)."""
    return f"{on.year}年{on.month}月{on.day}日"


def split_body(body: str, addressee: str) -> tuple[str, list[str]]:
    """The addressee line and the paragraphs of a notice body.

    The services write the addressee as the body's first line ("张三："); that
    line becomes the 主送 line. A body without it gets ``addressee`` printed
    above its first paragraph.
    """
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if lines and lines[0].rstrip("：:").strip() == addressee.strip():
        return addressee.strip(), lines[1:]
    return addressee.strip(), lines


def contact_remark(layout: ResolvedLayout) -> str:
    parts = []
    if layout.contact_office:
        parts.append(f"联系机构：{layout.contact_office}")
    if layout.contact_address:
        parts.append(f"地址：{layout.contact_address}")
    if layout.contact_postcode:
        parts.append(f"邮政编码：{layout.contact_postcode}")
    if layout.contact_phone:
        parts.append(f"联系电话：{layout.contact_phone}")
    return f"（{'；'.join(parts)}）" if parts else ""


def compose(
    *,
    department,
    kind: str,
    number: str,
    title: str,
    addressee: str,
    body: str,
    on: date,
    preview: bool = False,
) -> NoticeDocument:
    layout = layout_for(department)
    addressee, paragraphs = split_body(body, addressee)
    closing = [line.strip() for line in layout.closing_for(kind).splitlines() if line.strip()]
    # A closing the body already ends with is not printed twice.
    if closing and paragraphs and paragraphs[-len(closing) :] == closing:
        closing = []
    copy_to = layout.copy_to.strip().rstrip("。.")
    return NoticeDocument(
        letterhead=layout.letterhead,
        number=number,
        title=title,
        addressee=addressee,
        paragraphs=paragraphs,
        closing=closing,
        issuer=layout.issuer_name,
        date_text=chinese_date(on),
        seal_caption=layout.seal_caption,
        remark=contact_remark(layout),
        copy_to=f"{copy_to}。" if copy_to else "",
        preview=preview,
        sources=layout.sources,
    )


def document_for(notice: FormalNotice) -> NoticeDocument:
    return compose(
        department=notice.application.department,
        kind=notice.kind,
        number=notice.number,
        title=notice.title,
        addressee=notice.addressee,
        body=notice.body,
        on=notice.issued_on,
    )


# -- HTML and PDF -------------------------------------------------------------------


def stylesheet(doc: NoticeDocument, *, screen: bool = False) -> str:
    """The page's CSS: the letterhead size (a number), the template's rules, and for
    a browser the screen rules (WeasyPrint is not given those: it has no use for them)."""
    css = [f".letterhead {{ font-size: {doc.letterhead_pt}pt; }}", render_to_string(STYLESHEET)]
    if screen:
        css.append(render_to_string(SCREEN_STYLESHEET))
    # Our own files and a float, no user input: safe to put into <style> unescaped.
    return mark_safe("\n".join(css))  # noqa: S308


def notice_html(doc: NoticeDocument, *, screen: bool = False) -> str:
    return render_to_string(TEMPLATE, {"doc": doc, "css": stylesheet(doc, screen=screen)})


def style_hash(doc: NoticeDocument) -> str:
    """The CSP source of the browser page's one <style> element."""
    import base64

    digest = hashlib.sha256(stylesheet(doc, screen=True).encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def notice_pdf(notice: FormalNotice) -> bytes:
    """PDF in the shipped font (``gongkai.core.pdf``); refused if a character would be lost."""
    return render_pdf(notice_html(document_for(notice)), what="告知书")


# -- DOCX ---------------------------------------------------------------------------


def docx_bytes(doc_data: NoticeDocument) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(21)
    doc.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    odd.paragraph_format.right_indent = Pt(14)
    page_number(odd)
    even = section.even_page_footer.paragraphs[0]
    even.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(14)
    page_number(even)

    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = FONT_BODY

    props = doc.core_properties
    props.title = doc_data.title
    props.subject = doc_data.number
    props.author = doc_data.issuer
    props.last_modified_by = doc_data.issuer
    props.comments = "预览稿，未出具" if doc_data.preview else ""
    props.revision = 1

    center = WD_ALIGN_PARAGRAPH.CENTER
    size = doc_data.letterhead_pt
    paragraph(
        doc,
        doc_data.letterhead,
        align=center,
        size=size,
        font=FONT_TITLE,
        bold=True,
        color=RED,
        line_pt=size * 1.3,
    )
    paragraph(doc, doc_data.number, align=center, before=14)
    rule = paragraph(doc, line_pt=8)
    border(rule._p, "bottom", size=18, color="D40000", space=1)
    paragraph(doc)
    paragraph(doc, doc_data.title, align=center, size=22, font=FONT_TITLE, bold=True, line_pt=34)
    paragraph(doc)
    paragraph(doc, f"{doc_data.addressee}：")
    for text in doc_data.paragraphs:
        paragraph(doc, text, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for text in doc_data.closing:
        paragraph(doc, text, indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph(doc)
    paragraph(doc)

    # The seal area: an outlined box at the bottom right around the signature and date.
    table = doc.add_table(rows=1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.RIGHT
    table.autofit = False
    table.columns[0].width = Mm(62)  # the grid column (LibreOffice reads this one)
    cell = table.cell(0, 0)
    cell.width = Mm(62)  # the cell (Word reads this one)
    for side in ("top", "left", "bottom", "right"):
        border(cell._tc, side, val="dashed", size=8, color="D40000", space=0)
    caption = cell.paragraphs[0]
    caption.alignment = center
    set_font(caption.add_run(doc_data.seal_caption), FONT_BODY, 10.5, color=(0xB0, 0x60, 0x60))
    for text, before in ((doc_data.issuer, 18), (doc_data.date_text, 0)):
        p = cell.add_paragraph()
        p.alignment = center
        p.paragraph_format.space_before = Pt(before)
        set_font(p.add_run(text), FONT_BODY, 16)
    cell.add_paragraph()

    if doc_data.remark:
        paragraph(doc, before=14)
        paragraph(doc, doc_data.remark, indent=True)
    if doc_data.copy_to:
        paragraph(doc)
        record = paragraph(doc, f"抄送：{doc_data.copy_to}", size=14, line_pt=None)
        record.paragraph_format.left_indent = Pt(14)
        record.paragraph_format.right_indent = Pt(14)
        border(record._p, "top", size=8, space=4)
        border(record._p, "bottom", size=8, space=4)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def notice_docx(notice: FormalNotice) -> bytes:
    return docx_bytes(document_for(notice))


# -- the job ------------------------------------------------------------------------


def _file_name(notice: FormalNotice, extension: str) -> str:
    return f"{notice.number} {notice.title}.{extension}"


def _store(notice: FormalNotice, field_name: str, content: bytes, kind: FileKind) -> bool:
    """Store one file and attach it unless another run attached one meanwhile."""
    from gongkai.files.services import store_upload

    with transaction.atomic():
        stored = store_upload(
            ContentFile(content, name=_file_name(notice, field_name)),
            allowed_kinds=frozenset({kind}),
        )
        attached = FormalNotice.objects.filter(
            pk=notice.pk, **{f"{field_name}__isnull": True}
        ).update(**{field_name: stored})
        if not attached:
            # Another run won the race: undo this copy (the row and its audit event).
            transaction.set_rollback(True)
    return bool(attached)


def render_notice_files(notice_id: int) -> dict:
    """Make and store whatever of DOCX and PDF the notice lacks; return what was made.

    Each format is stored in its own transaction: if the PDF fails the DOCX is
    kept, the exception propagates (the job fails and is retried) and the
    retry makes only the PDF.
    """
    notice = FormalNotice.objects.select_related("application__department__government").get(
        pk=notice_id
    )
    made: dict[str, bool] = {}
    failure: Exception | None = None
    makers = (
        ("docx", FileKind.DOCX, notice_docx),
        ("pdf", FileKind.PDF, notice_pdf),
    )
    for field_name, kind, make in makers:
        if getattr(notice, f"{field_name}_id"):
            continue
        try:
            made[field_name] = _store(notice, field_name, make(notice), kind)
        except Exception as exc:  # keep going: the other format must not be lost
            log.exception("告知书 %s 的 %s 文件生成失败", notice.number, field_name)
            failure = failure or exc
    if failure is not None:
        raise failure
    return made


# -- the reviewer's preview ---------------------------------------------------------


def preview_reply_document(application: Application, on: date | None = None) -> NoticeDocument:
    """The reply (答复书) as it would be issued today, without a 文号."""
    from .services.replying import reply_body

    if application.state != ApplicationState.REPLY_REVIEW or not application.outcome:
        raise DomainError(
            "只有已提交审核（答复待审核）的申请才能预览答复书。", code="not_in_review"
        )
    return compose(
        department=application.department,
        kind=NoticeKind.REPLY,
        number=PREVIEW_NUMBER,
        title=NoticeKind.REPLY.label,
        addressee=application.name,
        body=reply_body(application),
        on=on or timezone.localdate(),
        preview=True,
    )


def preview_reply_html(application: Application) -> str:
    """The preview as a web page (with the screen styles)."""
    return notice_html(preview_reply_document(application), screen=True)


def preview_reply_pdf(application: Application) -> bytes:
    return render_pdf(notice_html(preview_reply_document(application)), what="告知书")
