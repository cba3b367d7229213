"""What is accepted, decided by content: each kind, and what pretends to be one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.files import kinds
from gongkai.files.kinds import ALL_KINDS, DOCUMENT_KINDS, IMAGE_KINDS, FileKind
from gongkai.files.services import FileRejected, inspect_upload, sanitize_filename
from gongkai.files.sniffing import sniff

from . import samples

EVERY_KIND = [
    ("通告.pdf", samples.pdf, FileKind.PDF),
    ("通告.ofd", samples.ofd, FileKind.OFD),
    ("通告.doc", samples.doc, FileKind.DOC),
    ("通告.docx", samples.docx, FileKind.DOCX),
    ("统计表.xls", samples.xls, FileKind.XLS),
    ("统计表.xlsx", samples.xlsx, FileKind.XLSX),
    ("现场照片.jpg", samples.jpeg, FileKind.JPEG),
    ("现场照片.png", samples.png, FileKind.PNG),
]


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(name, content, allowed=ALL_KINDS, **options) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        inspect_upload(upload(name, content), allowed_kinds=allowed, **options)
    return caught.value


def test_kind_sets_are_documents_images_and_both():
    assert set(DOCUMENT_KINDS) == {"pdf", "ofd", "doc", "docx", "xls", "xlsx"}
    assert set(IMAGE_KINDS) == {"jpeg", "png"}
    assert set(ALL_KINDS) == set(DOCUMENT_KINDS) | set(IMAGE_KINDS)


@pytest.mark.parametrize(("name", "build", "kind"), EVERY_KIND, ids=[k for _, _, k in EVERY_KIND])
def test_each_allowed_kind_is_accepted_by_its_content(name, build, kind):
    checked = inspect_upload(upload(name, build()), allowed_kinds=ALL_KINDS)
    assert checked.kind == kind
    assert checked.mime_type == kinds.KIND_INFO[kind].mime_type
    assert checked.display_name == name


def test_the_browsers_mime_type_is_ignored():
    checked = inspect_upload(
        upload("通告.pdf", samples.pdf(), content_type="text/html"), allowed_kinds=DOCUMENT_KINDS
    )
    assert checked.mime_type == "application/pdf"


def test_extension_case_does_not_matter():
    assert (
        inspect_upload(upload("通告.PDF", samples.pdf()), allowed_kinds=DOCUMENT_KINDS).kind
        == "pdf"
    )
    assert (
        inspect_upload(upload("照片.JPEG", samples.jpeg()), allowed_kinds=IMAGE_KINDS).kind
        == "jpeg"
    )


def test_a_file_without_extension_is_named_after_its_content():
    checked = inspect_upload(upload("通告", samples.pdf()), allowed_kinds=DOCUMENT_KINDS)
    assert checked.display_name == "通告.pdf"


def test_an_executable_renamed_pdf_is_refused():
    error = refusal("年度报告.pdf", samples.exe())
    assert error.code == "file_type"
    assert "“年度报告.pdf”的内容是Windows 可执行程序" in error.message
    assert "不是允许上传的类型" in error.message


def test_an_html_page_renamed_docx_is_refused():
    error = refusal("申请表.docx", samples.html())
    assert "HTML 网页" in error.message
    assert "不是允许上传的类型" in error.message


def test_a_plain_zip_renamed_docx_is_refused():
    error = refusal("申请表.docx", samples.zip_of({"说明.txt": "压缩包"}))
    assert "ZIP 压缩包" in error.message


def test_a_docx_renamed_pdf_is_refused_because_name_and_content_disagree():
    error = refusal("报告.pdf", samples.docx())
    assert error.code == "file_mismatch"
    assert "扩展名是 .pdf" in error.message
    assert "Word 文档（DOCX）" in error.message
    assert ".docx" in error.message


def test_a_png_renamed_jpg_is_refused():
    assert refusal("照片.jpg", samples.png()).code == "file_mismatch"


def test_an_xls_renamed_doc_is_refused_because_its_streams_say_excel():
    error = refusal("通告.doc", samples.xls())
    assert error.code == "file_mismatch"
    assert "Excel 表格（XLS）" in error.message


def test_an_image_is_refused_where_only_documents_are_allowed():
    error = refusal("照片.png", samples.png(), allowed=DOCUMENT_KINDS)
    assert "PNG 图片" in error.message
    assert "只接受 PDF、OFD、DOC、DOCX、XLS、XLSX 文件" in error.message


def test_an_empty_file_is_refused():
    error = refusal("空白.pdf", b"")
    assert error.code == "file_empty"
    assert error.message == "文件“空白.pdf”是空文件（0 字节），请检查后重新上传。"


def test_a_file_over_the_limit_is_refused_stating_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    error = refusal("大文件.pdf", samples.pdf(pad_to=1536 * 1024))
    assert error.code == "file_too_large"
    assert "1.5 MB" in error.message
    assert "超过了 1 MB 的上限" in error.message


def test_an_explicit_limit_overrides_the_setting():
    error = refusal("通告.pdf", samples.pdf(pad_to=3 * 1024 * 1024), max_bytes=2 * 1024 * 1024)
    assert "2 MB 的上限" in error.message


def test_a_zip_bomb_is_refused_before_inflating():
    error = refusal("炸弹.docx", samples.zip_bomb())
    assert error.code == "zip_bomb"
    assert "疑似压缩炸弹" in error.message


def test_a_zip_declaring_more_than_the_total_limit_is_refused():
    error = refusal("炸弹.docx", samples.zip_declaring(300 * 1024 * 1024))
    assert error.code == "zip_bomb"
    assert "解压后的总大小异常" in error.message


def test_a_macro_enabled_document_renamed_docx_is_refused():
    docm = samples.replace_in_zip(
        samples.docx(),
        "[Content_Types].xml",
        samples.DOCX_CONTENT_TYPES.replace(
            "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "vnd.ms-word.document.macroEnabled.main+xml",
        ),
        extra={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"},
    )
    error = refusal("通告.docx", docm)
    assert error.code == "macros"
    assert "宏" in error.message


def test_an_xlsx_with_an_embedded_word_document_below_the_root_is_still_excel():
    workbook = samples.compound_file(["Workbook"], storages={"MBD0001": ["WordDocument", "1Table"]})
    assert sniff(upload("表.xls", workbook)).kind == FileKind.XLS


def test_a_powerpoint_file_is_not_a_word_document():
    error = refusal("汇报.doc", samples.compound_file(["PowerPoint Document", "Current User"]))
    assert "PowerPoint" in error.message


def test_a_truncated_compound_file_is_refused_not_crashed():
    error = refusal("通告.doc", samples.doc()[:700])
    assert "损坏的 Office 复合文档" in error.message


def test_a_truncated_zip_is_refused_not_crashed():
    error = refusal("通告.docx", samples.docx()[:500])
    assert error.code == "file_type"


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\张三\\Desktop\\申请.pdf", "申请.pdf"),
        ("报告\r\nSet-Cookie: x.pdf", "报告__Set-Cookie_ x.pdf"),
        ('a"b<c>.pdf', "a_b_c_.pdf"),
        ("..hidden.pdf", "hidden.pdf"),
        ("  天水市   2016 年报告.pdf ", "天水市 2016 年报告.pdf"),
        ("\u202egnp.pdf", "_gnp.pdf"),
    ],
)
def test_filenames_are_sanitised_for_display(given, shown):
    assert sanitize_filename(given) == shown


def test_a_very_long_filename_keeps_its_extension():
    name = sanitize_filename("天" * 400 + ".docx")
    assert len(name) == 255
    assert name.endswith(".docx")


def test_a_large_compound_file_is_read_through_its_difat():
    big = samples.large_compound_file(["WordDocument", "1Table"])
    assert len(big) > 109 * 128 * 512  # beyond what the header's 109 FAT sectors describe
    assert sniff(upload("大文档.doc", big)).kind == FileKind.DOC
