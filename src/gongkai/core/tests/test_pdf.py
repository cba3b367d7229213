"""Every PDF in the shipped font, and none that would lose a character (gongkai.core.pdf)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from pypdf import PdfReader

from gongkai.core import pdf

RARE = "\U00020bb7"  # 𠮷, CJK Extension B: not in Noto Sans SC

PAGE = """<html><head><style>
@page {{ size: A4; @bottom-center {{ content: "第 " counter(page) " 页"; font-family: "Noto Sans SC"; }} }}
html {{ font-family: "Noto Sans SC"; }}
</style></head><body><h1>政府信息公开申请答复书</h1><p>{text}</p><p><b>特此告知。</b></p></body></html>"""


def fonts_of(data: bytes) -> set[str]:
    reader = PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def text_of(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_chinese_is_drawn_in_the_shipped_font_regular_and_bold():
    data = pdf.render_pdf(PAGE.format(text="您于2016年3月5日申请获取的信息，现答复如下。"))
    # The font comes with the platform: the same names on a machine with or without
    # CJK system fonts, and the text layer is the text.
    assert fonts_of(data) == {"Noto-Sans-SC", "Noto-Sans-SC-Bold"}
    text = text_of(data).replace(" ", "").replace("\n", "")
    assert "政府信息公开申请答复书" in text
    assert "您于2016年3月5日申请获取的信息" in text
    assert "第1页" in text


def test_a_character_the_font_cannot_draw_refuses_the_render_and_names_it():
    with pytest.raises(pdf.MissingGlyphs) as refused:
        pdf.render_pdf(PAGE.format(text=f"申请人：吉{RARE}"), what="告知书")
    assert refused.value.characters == [RARE]
    message = str(refused.value)
    assert message.startswith("告知书含有字体 Noto Sans SC 无法显示的字符")
    assert "U+20BB7" in message


def test_weasyprints_own_notdef_warning_refuses_too(monkeypatch):
    # Second line of defence, for what the character check might not see: the
    # check is switched off so that only WeasyPrint's warning can refuse.
    monkeypatch.setattr(pdf, "missing_characters", lambda text: [])
    with pytest.raises(pdf.MissingGlyphs) as refused:
        pdf.render_pdf(PAGE.format(text=f"申请人：吉{RARE}"))
    assert refused.value.characters == [RARE]


def test_invisible_characters_need_no_glyph():
    # a zero-width space and a BOM pasted from a word processor, a no-break space
    assert pdf.missing_characters("答复\u200b书\ufeff\u00a0第1页") == []
    assert pdf.missing_characters(f"吉{RARE}吉{RARE}") == [RARE]


def test_nothing_outside_the_document_is_fetched():
    html = '<html><body><img src="http://example.invalid/x.png" alt="图"><p>正文</p></body></html>'
    data = pdf.render_pdf(html)
    assert "正文" in text_of(data)


def test_the_variable_font_is_used_through_static_instances_made_once():
    files = pdf.font_files()
    assert [weight for weight, _ in files] == [400, 700]
    for _, file in files:
        assert file.is_file()
    assert pdf.font_files() == files


@pytest.mark.parametrize("setting", ["/nonexistent/NotoSansSC.ttf"])
def test_gongkai_check_reports_a_missing_font(setting):
    pdf._static_fonts.cache_clear()
    pdf._codepoints.cache_clear()
    with override_settings(PDF_FONT_FILE=setting):
        assert pdf.check_font() == [
            f"PDF 字体文件不存在：{setting}。请重新安装依赖（make venv）或检查 GONGKAI_PDF_FONT_FILE。"
        ]
        with pytest.raises(SystemCheckError, match=r"gongkai\.E001"):
            call_command("check")
        with pytest.raises(pdf.MissingFont):
            pdf.render_pdf(PAGE.format(text="正文"))
    assert pdf.check_font() == []
