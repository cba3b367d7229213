"""A form field for attachments, with the same checks as ``store_upload``.

::

    class ApplicationForm(forms.Form):
        attachment = AttachmentField(label="附件", allowed_kinds=DOCUMENT_KINDS, required=False)

    # in the view, after form.is_valid():
    stored = store_upload(form.cleaned_data["attachment"], allowed_kinds=DOCUMENT_KINDS,
                          uploaded_by=request.user)

The field refuses what ``store_upload`` would refuse, with the same Chinese
message as its error, and renders ``accept=".pdf,.ofd,…"`` so the browser's
file picker offers the right files (a convenience only; the content decides).
"""

from __future__ import annotations

from django import forms
from django.conf import settings

from .kinds import DOCUMENT_KINDS, accept_attribute, describe
from .models import format_size
from .services import FileRejected, inspect_upload


class AttachmentField(forms.FileField):
    def __init__(self, *, allowed_kinds=DOCUMENT_KINDS, max_bytes=None, **kwargs):
        self.allowed_kinds = tuple(allowed_kinds)
        self.max_bytes = max_bytes
        # Empty files get our own message, naming the file.
        kwargs.setdefault("allow_empty_file", True)
        if "help_text" not in kwargs:
            kwargs["help_text"] = self.default_help_text()
        super().__init__(**kwargs)

    def limit(self) -> int:
        return settings.UPLOAD_MAX_BYTES if self.max_bytes is None else int(self.max_bytes)

    def default_help_text(self) -> str:
        return f"支持 {describe(self.allowed_kinds)} 格式，单个文件不超过 {format_size(self.limit())}。"

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if not widget.is_hidden:
            attrs["accept"] = accept_attribute(self.allowed_kinds)
        return attrs

    def to_python(self, data):
        uploaded = super().to_python(data)
        if uploaded:
            try:
                inspect_upload(uploaded, allowed_kinds=self.allowed_kinds, max_bytes=self.limit())
            except FileRejected as refused:
                raise refused.as_validation_error() from None
        return uploaded


class MultipleFileInput(forms.ClearableFileInput):
    """``<input type=file multiple>``."""

    allow_multiple_selected = True


class MultipleFilesField(forms.FileField):
    """Several uploads in one input; the form checks them with ``checked_uploads``."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        return data


def checked_uploads(uploads, *, allowed_kinds, max_files: int, too_many: str) -> list:
    """Each upload sniffed and size-checked as ``store_upload`` would; every
    refusal named at once. ``too_many`` is the message for more than ``max_files``."""
    uploads = list(uploads)
    if len(uploads) > max_files:
        raise forms.ValidationError(too_many)
    errors = []
    for upload in uploads:
        try:
            inspect_upload(upload, allowed_kinds=allowed_kinds)
        except FileRejected as refused:
            errors.append(refused.message)
        upload.seek(0)
    if errors:
        raise forms.ValidationError(errors)
    return uploads
