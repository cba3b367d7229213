"""Pieces of the official document layout (GB/T 9704) shared by every DOCX the
platform writes: formal notices (告知书) and annual reports."""

from __future__ import annotations

FONT_BODY = "仿宋"  # 仿宋_GB2312 in GB/T 9704; a font every Chinese Windows has
FONT_TITLE = "宋体"  # 小标宋 in GB/T 9704


def set_font(run, name: str, size: float, *, bold: bool = False, color=None) -> None:
    """``run`` in ``name`` at ``size`` points, for Chinese and Latin text alike."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = RGBColor(*color)
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:hAnsi"), name)


def page_number(paragraph) -> None:
    """ "— N —" with N a PAGE field (Word fills it in on each page)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    set_font(paragraph.add_run("— "), FONT_TITLE, 14)
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)
    set_font(paragraph.add_run(" —"), FONT_TITLE, 14)
