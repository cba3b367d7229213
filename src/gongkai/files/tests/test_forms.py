"""The form field refuses what store_upload refuses, with the same Chinese message."""

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.files.forms import AttachmentField
from gongkai.files.kinds import DOCUMENT_KINDS, IMAGE_KINDS

from . import samples


class ApplicationForm(forms.Form):
    attachment = AttachmentField(label="附件", allowed_kinds=DOCUMENT_KINDS)
    photo = AttachmentField(label="照片", allowed_kinds=IMAGE_KINDS, required=False, max_bytes=1024)


def bound(**files):
    return ApplicationForm(data={}, files=files)


def test_a_valid_document_passes():
    form = bound(attachment=SimpleUploadedFile("申请.docx", samples.docx()))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["attachment"].name == "申请.docx"


def test_a_renamed_executable_is_a_field_error_in_chinese():
    form = bound(attachment=SimpleUploadedFile("申请.pdf", samples.exe()))
    assert not form.is_valid()
    [message] = form.errors["attachment"]
    assert "Windows 可执行程序" in message
    assert "不是允许上传的类型" in message


def test_an_empty_file_is_a_field_error_naming_the_file():
    form = bound(attachment=SimpleUploadedFile("申请.pdf", b""))
    assert not form.is_valid()
    assert form.errors["attachment"] == ["文件“申请.pdf”是空文件（0 字节），请检查后重新上传。"]


def test_the_field_limit_is_stated_in_the_error():
    form = bound(
        attachment=SimpleUploadedFile("申请.pdf", samples.pdf()),
        photo=SimpleUploadedFile("照片.png", samples.png() + b"\0" * 2048),
    )
    assert not form.is_valid()
    assert "超过了 1 KB 的上限" in form.errors["photo"][0]


def test_the_widget_accepts_only_the_allowed_extensions():
    html = str(ApplicationForm()["attachment"])
    assert 'accept=".pdf,.ofd,.doc,.docx,.xls,.xlsx"' in html
    assert 'accept=".jpg,.jpeg,.jpe,.png"' in str(ApplicationForm()["photo"])


def test_the_help_text_names_the_formats_and_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    field = AttachmentField(allowed_kinds=IMAGE_KINDS)
    assert field.help_text == "支持 JPG、PNG 格式，单个文件不超过 20 MB。"
