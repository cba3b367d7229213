"""Serving a stored file: safe headers, the right type, the exact bytes."""

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.files.downloads import content_disposition, file_response
from gongkai.files.kinds import ALL_KINDS
from gongkai.files.services import store_upload

from . import samples


def test_a_chinese_filename_is_sent_rfc5987_encoded_with_an_ascii_fallback(db):
    content = samples.pdf()
    stored = store_upload(
        SimpleUploadedFile("天水市2016年政府信息公开年度报告.pdf", content), allowed_kinds=ALL_KINDS
    )
    response = file_response(stored)
    try:
        assert response["Content-Disposition"] == (
            'attachment; filename="2016.pdf"; '
            "filename*=UTF-8''%E5%A4%A9%E6%B0%B4%E5%B8%822016%E5%B9%B4%E6%94%BF%E5%BA%9C"
            "%E4%BF%A1%E6%81%AF%E5%85%AC%E5%BC%80%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.pdf"
        )
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Length"] == str(len(content))
        assert response["ETag"] == f'"{stored.sha256}"'
        assert b"".join(response.streaming_content) == content
    finally:
        response.close()


def test_an_image_can_be_shown_inline(db):
    stored = store_upload(SimpleUploadedFile("照片.png", samples.png()), allowed_kinds=ALL_KINDS)
    response = file_response(stored, as_attachment=False)
    response.close()
    assert response["Content-Disposition"].startswith('inline; filename="download.png"')
    assert response["Content-Type"] == "image/png"


def test_header_injection_and_quotes_cannot_escape_the_header():
    value = content_disposition('报告"; filename="evil.exe\r\nSet-Cookie: a=b.pdf')
    assert "\r" not in value and "\n" not in value
    disposition, fallback, encoded = value.split("; ")
    assert disposition == "attachment"
    assert fallback == 'filename="filename__evil.exe__Set-Cookie__a_b.pdf"'
    assert encoded.startswith("filename*=UTF-8''")
    assert not set(encoded.removeprefix("filename*=UTF-8''")) & set(' ";\r\n')


def test_a_plain_ascii_name_is_kept_in_both_forms():
    assert content_disposition("report-2016.xlsx") == (
        "attachment; filename=\"report-2016.xlsx\"; filename*=UTF-8''report-2016.xlsx"
    )
