"""Hostile files: ZIP bombs refused at upload, extraction in a limited child, polyglots.

The large files are written to ``tmp_path`` 1 MiB at a time while the test
runs (no binary fixtures): a 200 MiB ``document.xml`` of text deflates to
about 3 MB, as the DOCX of issue 15 did (3.4 MB, 200 MiB inside).
"""

import io
import logging
import os
import stat
import time
import zipfile

import pytest
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from gongkai.files import sandbox
from gongkai.files.downloads import file_response
from gongkai.files.extraction import TEXT_LIMIT, extract, store_extracted_text
from gongkai.files.kinds import ALL_KINDS, FileKind
from gongkai.files.models import StoredFile
from gongkai.files.services import FileRejected, inspect_upload, store_upload

from . import samples

MiB = 1024 * 1024


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def upload_path(path, name="申请材料.docx"):
    return File(open(path, "rb"), name=name)


def refusal(name, content, allowed=ALL_KINDS) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        inspect_upload(SimpleUploadedFile(name, content), allowed_kinds=allowed)
    return caught.value


# -- ZIP bombs at upload ----------------------------------------------------------------


def test_the_200_mib_docx_of_issue_15_is_refused_at_upload_quickly(db, tmp_path, _media_root):
    path = samples.big_docx(tmp_path / "bomb.docx", 200)
    assert os.path.getsize(path) < 5 * MiB  # small enough for the 20 MB upload limit
    upload = upload_path(path)
    started = time.monotonic()
    with upload, pytest.raises(FileRejected) as caught:
        store_upload(upload, allowed_kinds=ALL_KINDS)
    assert time.monotonic() - started < 1
    assert caught.value.code == "zip_bomb"
    assert "解压后的总大小异常（200 MB，超过 100 MB 的上限）" in caught.value.message
    assert not StoredFile.objects.exists()
    assert not (_media_root / "files").exists()


def test_the_total_limit_is_a_setting(settings, tmp_path):
    path = samples.big_docx(tmp_path / "ten.docx", 10)
    with upload_path(path) as upload:
        assert inspect_upload(upload, allowed_kinds=ALL_KINDS).kind == FileKind.DOCX
    settings.UPLOAD_ZIP_MAX_TOTAL_BYTES = 5 * MiB
    with upload_path(path) as upload, pytest.raises(FileRejected) as caught:
        inspect_upload(upload, allowed_kinds=ALL_KINDS)
    assert "超过 5 MB 的上限" in caught.value.message


def test_too_many_members_are_refused(settings):
    settings.UPLOAD_ZIP_MAX_MEMBERS = 10
    files = {f"word/media/image{n}.png": samples.png() for n in range(11)}
    content = samples.replace_in_zip(samples.docx(), "word/media/image0.png", b"", extra=files)
    error = refusal("通告.docx", content)
    assert error.code == "zip_bomb"
    assert "文件数量异常" in error.message


def test_an_ofd_is_held_to_the_same_limits():
    content = samples.replace_in_zip(samples.ofd(), "Doc_0/Pages/Page_0/Content.xml", b"")
    bomb = io.BytesIO(content)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Doc_0/Res/big.xml", b"\0" * (20 * MiB))
    error = refusal("通告.ofd", bomb.getvalue())
    assert error.code == "zip_bomb"
    assert "压缩比异常" in error.message


def test_an_encrypted_member_is_refused():
    data = bytearray(samples.docx())
    at = data.rfind(b"PK\x01\x02")
    data[at + 8] |= 0x1  # general purpose flag: encrypted
    error = refusal("通告.docx", bytes(data))
    assert error.code == "encrypted"


def test_a_compression_method_other_than_deflate_is_refused():
    source = zipfile.ZipFile(io.BytesIO(samples.docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info))
    error = refusal("通告.docx", out.getvalue())
    assert error.code == "zip_unsupported"


def test_an_archive_inside_the_archive_is_refused():
    content = samples.replace_in_zip(
        samples.docx(), "word/embeddings/payload.zip", samples.zip_of({"a.txt": "x"})
    )
    error = refusal("通告.docx", content)
    assert error.code == "nested_archive"


def test_an_embedded_workbook_in_a_docx_is_accepted():
    # Charts in a DOCX keep their data as an embedded XLSX: not a nested archive.
    content = samples.replace_in_zip(
        samples.docx(), "word/embeddings/Microsoft_Excel_Worksheet.xlsx", samples.xlsx()
    )
    assert inspect_upload(SimpleUploadedFile("通告.docx", content), allowed_kinds=ALL_KINDS)


def test_two_members_of_one_name_are_refused():
    out = io.BytesIO(samples.docx())
    with pytest.warns(UserWarning), zipfile.ZipFile(out, "a") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    error = refusal("通告.docx", out.getvalue())
    assert "损坏的 ZIP 压缩包" in error.message


# -- extraction in a limited child ---------------------------------------------------------


def test_a_docx_just_under_the_limits_is_read_in_a_child_without_growing_this_process(db, tmp_path):
    path = samples.big_docx(tmp_path / "ninety.docx", 90)
    with upload_path(path) as upload:
        stored = store_upload(upload, allowed_kinds=ALL_KINDS)
    before = rss_mib()
    started = time.monotonic()
    outcome = extract(stored)
    elapsed = time.monotonic() - started
    grown = rss_mib() - before
    assert outcome.problem == ""
    assert len(outcome.text) == TEXT_LIMIT
    assert outcome.text.startswith(samples.SLOGAN)
    assert elapsed < 5
    assert grown < 50


def test_a_document_part_past_the_xml_limit_stops_there_keeping_the_text_before(
    db, tmp_path, settings, caplog
):
    settings.EXTRACTION_XML_MAX_BYTES = 2 * MiB
    path = samples.big_docx(tmp_path / "empty.docx", 8, text=False)
    with upload_path(path) as upload:
        stored = store_upload(upload, allowed_kinds=ALL_KINDS)
    with caplog.at_level(logging.WARNING, logger="gongkai.files"):
        outcome = extract(stored)
    assert outcome.problem == "too_large"
    assert outcome.text == samples.SLOGAN
    assert "Text extraction failed" in caplog.text


def test_a_docx_lying_about_its_size_is_read_only_as_far_as_it_declares(db, tmp_path):
    # The central directory says 256 KiB; the member inflates to 200 MiB.
    path = samples.big_docx(tmp_path / "liar.docx", 200, declare=256 * 1024)
    with upload_path(path) as upload:
        stored = store_upload(upload, allowed_kinds=ALL_KINDS)  # nothing to see without inflating
    started = time.monotonic()
    outcome = extract(stored)
    assert time.monotonic() - started < 3
    assert outcome.problem == "unreadable"
    assert "CRC" in outcome.detail
    assert outcome.text == ""


def slow_pdf() -> bytes:
    """A page of a million text operators: 43 KB, tens of seconds for pypdf."""
    return samples.pdf(
        content=b"BT /F1 12 Tf 72 760 Td\n" + b"<5929> Tj 1 0 Td\n" * 1_000_000 + b"ET"
    )


def test_an_extraction_past_the_time_limit_is_killed_and_recorded_never_retried(
    db, settings, caplog
):
    settings.EXTRACTION_TIMEOUT_SECONDS = 1
    stored = store_upload(SimpleUploadedFile("慢.pdf", slow_pdf()), allowed_kinds=ALL_KINDS)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="gongkai.files"):
        result = store_extracted_text(stored.pk)
    assert time.monotonic() - started < 3
    assert "(timeout)" in result
    stored.refresh_from_db()
    assert stored.text_problem == "timeout"
    assert stored.get_text_problem_display() == "提取超时"
    assert stored.extracted_text == ""
    assert stored.text_extracted_at is not None
    assert "timeout" in caplog.text
    assert store_extracted_text(stored.pk) == f"file {stored.pk} already extracted"


def test_an_extraction_past_the_memory_limit_is_recorded(db, settings):
    settings.EXTRACTION_MEMORY_BYTES = 128 * MiB
    # One content stream that inflates to 70 MB (under pypdf's own 75 MB limit).
    hog = samples.pdf(content=b"BT " + b" " * 70_000_000 + b" ET")
    stored = store_upload(SimpleUploadedFile("大.pdf", hog), allowed_kinds=ALL_KINDS)
    assert extract(stored).problem == "memory"


def test_an_identical_upload_inherits_the_recorded_problem(db, settings):
    broken = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nthis is not a pdf\n"
    first = store_upload(SimpleUploadedFile("损坏.pdf", broken), allowed_kinds=ALL_KINDS)
    store_extracted_text(first.pk)
    second = store_upload(SimpleUploadedFile("又一份.pdf", broken), allowed_kinds=ALL_KINDS)
    assert second.text_problem == "unreadable"
    assert second.text_extracted_at is not None


def test_content_without_a_local_path_is_copied_for_the_child_and_removed(monkeypatch):
    copies = []
    real = sandbox.tempfile.NamedTemporaryFile

    def spy(*args, **kwargs):
        copy = real(*args, **kwargs)
        copies.append(copy.name)
        return copy

    monkeypatch.setattr(sandbox.tempfile, "NamedTemporaryFile", spy)
    outcome = sandbox.run(
        io.BytesIO(samples.docx()),
        "docx",
        limit=1000,
        memory_bytes=512 * MiB,
        timeout=30,
        xml_max_bytes=MiB,
        zip_max_total_bytes=100 * MiB,
    )
    assert samples.SLOGAN in outcome.text
    assert len(copies) == 1
    assert not os.path.exists(copies[0])


def test_many_files_cost_little_each(db):
    # Children are forked from a server that has imported the readers already.
    files = [
        store_upload(
            SimpleUploadedFile(f"通告{n}.docx", samples.docx(f"第{n}号")), allowed_kinds=ALL_KINDS
        )
        for n in range(10)
    ]
    extract(files[0])  # the server starts once per process
    started = time.monotonic()
    for n, stored in enumerate(files):
        assert extract(stored).text.endswith(f"第{n}号")
    assert time.monotonic() - started < 1.5


def test_a_dead_extraction_server_is_replaced(db):
    stored = store_upload(SimpleUploadedFile("通告.docx", samples.docx()), allowed_kinds=ALL_KINDS)
    extract(stored)
    sandbox._server.process.kill()
    sandbox._server.process.wait()
    assert samples.SLOGAN in extract(stored).text


def test_time_machine_does_not_stop_the_monotonic_clock():
    # Child timeouts are measured on time.monotonic, which the test run's frozen
    # instant (gongkai.testing.env) leaves running.
    first = time.monotonic()
    time.sleep(0.01)
    assert time.monotonic() > first


# -- polyglots -----------------------------------------------------------------------------

PAGE = b"<html><body><script>alert(document.cookie)</script></body></html>"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("通告.pdf", samples.pdf(head=b"%" + PAGE + b"\n")),
        ("通告.pdf", samples.pdf(head=b"%<SVG onload=alert(1)>\n")),
        ("照片.jpg", samples.jpeg(comment=PAGE)),
        ("照片.png", samples.png(text=b"<!DOCTYPE html><iframe src=//evil>")),
    ],
    ids=["pdf-html", "pdf-svg", "jpeg-comment", "png-text"],
)
def test_a_file_with_html_in_its_first_bytes_is_refused_whatever_its_kind(name, content):
    error = refusal(name, content)
    assert error.code == "polyglot"
    assert "网页代码" in error.message


def test_a_zip_starting_with_a_stored_html_member_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("[Content_Types].xml", samples.DOCX_CONTENT_TYPES)
        archive.writestr("word/document.xml", PAGE)
    error = refusal("通告.docx", out.getvalue())
    assert error.code == "polyglot"


def test_html_before_the_pdf_header_is_not_a_pdf():
    error = refusal("通告.pdf", PAGE + b"\n" + samples.pdf())
    assert error.code == "file_type"
    assert "HTML 网页" in error.message


def test_markup_past_the_scanned_bytes_is_left_alone():
    # Deep inside a file, markers are content; browsers sniff only the start.
    content = samples.pdf(head=b"%" + b"0" * 5000 + b"\n%" + PAGE + b"\n")
    assert inspect_upload(SimpleUploadedFile("通告.pdf", content), allowed_kinds=ALL_KINDS)


# -- serving and storing -------------------------------------------------------------------


def test_a_document_is_always_a_download_with_its_exact_type(db):
    stored = store_upload(SimpleUploadedFile("通告.docx", samples.docx()), allowed_kinds=ALL_KINDS)
    response = file_response(stored, as_attachment=False)
    response.close()
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_may_still_be_shown_inline(db):
    stored = store_upload(SimpleUploadedFile("通告.pdf", samples.pdf()), allowed_kinds=ALL_KINDS)
    response = file_response(stored, as_attachment=False)
    response.close()
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("spooled", [False, True], ids=["in-memory", "spooled-to-disk"])
def test_stored_blobs_and_their_folders_are_not_world_readable(db, _media_root, settings, spooled):
    # The project's settings, not the test's: FILE_UPLOAD_PERMISSIONS 0o640, folders 0o750.
    assert settings.FILE_UPLOAD_PERMISSIONS == 0o640
    assert settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS == 0o750
    content = samples.pdf(pad_to=3 * MiB if spooled else 0)
    if spooled:  # Django moves the temporary file into place instead of writing it
        upload = TemporaryUploadedFile("通告.pdf", "application/pdf", len(content), None)
        upload.write(content)
        upload.seek(0)
    else:
        upload = SimpleUploadedFile("通告.pdf", content)
    with upload:
        stored = store_upload(upload, allowed_kinds=ALL_KINDS)
    blob = _media_root / stored.blob.name
    assert stat.S_IMODE(blob.stat().st_mode) == 0o640
    for folder in (blob.parent, blob.parent.parent, blob.parent.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o750


def test_the_system_check_warns_when_uploads_would_be_world_readable(settings):
    from gongkai.files.checks import check_upload_permissions

    assert check_upload_permissions() == []
    settings.FILE_UPLOAD_PERMISSIONS = None
    settings.FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o755
    assert [problem.id for problem in check_upload_permissions()] == [
        "gongkai.files.W001",
        "gongkai.files.W002",
    ]
