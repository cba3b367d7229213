"""Pieces of the official document layout (GB/T 9704) shared by every DOCX the
platform writes: formal notices (告知书), annual reports, inspection 通报."""

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


def paragraph(
    doc,
    text: str = "",
    *,
    align=None,
    indent: bool = False,
    size: float = 16,
    font: str = FONT_BODY,
    bold: bool = False,
    color=None,
    line_pt: float | None = 28.9,
    before: float = 0,
):
    """A paragraph of ``doc`` in the official layout: 三号 (16 pt) 仿宋 on a fixed
    28.9 pt line (22 lines a page, GB/T 9704), ``indent`` two characters."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    p = doc.add_paragraph()
    fmt = p.paragraph_format
    if align is not None:
        p.alignment = align
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(0)
    if line_pt is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(line_pt)
    if text:
        set_font(p.add_run(text), font, size, bold=bold, color=color)
    return p


def border(element, side: str, *, val="single", size=8, color="000000", space=1) -> None:
    """Add a border (w:pBdr for a paragraph, w:tcBorders for a cell) on ``side``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    is_cell = element.tag == qn("w:tc")
    props = element.get_or_add_tcPr() if is_cell else element.get_or_add_pPr()
    container_tag = "w:tcBorders" if is_cell else "w:pBdr"
    container = props.find(qn(container_tag))
    if container is None:
        container = OxmlElement(container_tag)
        props.append(container)
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), val)
    edge.set(qn("w:sz"), str(size))
    edge.set(qn("w:space"), str(space))
    edge.set(qn("w:color"), color)
    container.append(edge)
