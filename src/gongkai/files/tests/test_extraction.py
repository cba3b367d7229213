"""Text for search: what each kind yields, bounded, and broken files never crash."""

import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.files.extraction import extract_text
from gongkai.files.kinds import ALL_KINDS
from gongkai.files.services import store_upload

from . import samples


def stored(name, content):
    return store_upload(SimpleUploadedFile(name, content), allowed_kinds=ALL_KINDS)


def test_pdf_text_contains_its_chinese_text(db):
    text = extract_text(stored("通告.pdf", samples.pdf(samples.SLOGAN, "秦州区、麦积区同步实施")))
    assert samples.SLOGAN in text
    assert "秦州区、麦积区同步实施" in text


def test_docx_text_contains_paragraphs_and_table_cells(db):
    content = samples.docx(
        samples.SLOGAN,
        table=[["县区", "淘汰数量"], ["秦州区", "1203"], ["麦积区", "987"]],
    )
    text = extract_text(stored("通告.docx", content))
    assert "关于淘汰黄标车的通告" in text
    assert samples.SLOGAN in text
    assert "秦州区\t1203" in text


def test_xlsx_text_contains_sheet_titles_and_cell_values(db):
    text = extract_text(stored("统计表.xlsx", samples.xlsx()))
    assert "黄标车淘汰" in text
    assert "秦州区\t1203" in text


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("照片.png", samples.png),
        ("照片.jpg", samples.jpeg),
        ("通告.ofd", samples.ofd),
        ("通告.doc", samples.doc),
        ("统计表.xls", samples.xls),
    ],
)
def test_kinds_without_an_extractor_yield_nothing(db, name, build):
    assert extract_text(stored(name, build())) == ""


def test_text_is_cut_at_the_limit(db):
    lines = [f"第{n}条 {samples.SLOGAN}" for n in range(200)]
    text = extract_text(stored("长文.docx", samples.docx(*lines)), limit=1000)
    assert len(text) == 1000
    assert text.startswith("关于淘汰黄标车的通告")


def test_a_corrupt_pdf_yields_empty_text_and_a_log_line(db, caplog):
    broken = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nthis is not a pdf\n"
    file = stored("损坏.pdf", broken)
    with caplog.at_level(logging.WARNING, logger="gongkai.files"):
        assert extract_text(file) == ""
    assert any(
        record.name == "gongkai.files" and "Text extraction failed" in record.getMessage()
        for record in caplog.records
    )


def test_a_docx_with_a_broken_document_part_yields_empty_text(db, caplog):
    content = samples.replace_in_zip(samples.docx(), "word/document.xml", "<w:document")
    with caplog.at_level(logging.WARNING, logger="gongkai.files"):
        assert extract_text(stored("损坏.docx", content)) == ""
    assert "Text extraction failed" in caplog.text


def test_extracted_text_holds_no_nul_characters(db):
    # PostgreSQL text cannot hold NUL; some PDFs map glyphs to U+0000.
    text = extract_text(stored("通告.pdf", samples.pdf("天水\x00市")))
    assert "\x00" not in text
    assert "天水市" in text
