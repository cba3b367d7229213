"""The kinds of file the platform accepts, and what each is called.

A kind is decided by a file's content (see ``sniffing``); the extensions here
only say which names a file of that kind may carry, and the MIME type is the
one it is served with.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF 文档"
    OFD = "ofd", "OFD 版式文档"
    DOC = "doc", "Word 文档（DOC）"
    DOCX = "docx", "Word 文档（DOCX）"
    XLS = "xls", "Excel 表格（XLS）"
    XLSX = "xlsx", "Excel 表格（XLSX）"
    JPEG = "jpeg", "JPEG 图片"
    PNG = "png", "PNG 图片"


@dataclass(frozen=True)
class KindInfo:
    extensions: tuple[str, ...]  # lower case with the dot; the first is canonical
    mime_type: str


KIND_INFO: dict[str, KindInfo] = {
    FileKind.PDF: KindInfo((".pdf",), "application/pdf"),
    # GB/T 33190-2016; "application/ofd" is what OFD readers register.
    FileKind.OFD: KindInfo((".ofd",), "application/ofd"),
    FileKind.DOC: KindInfo((".doc",), "application/msword"),
    FileKind.DOCX: KindInfo(
        (".docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    FileKind.XLS: KindInfo((".xls",), "application/vnd.ms-excel"),
    FileKind.XLSX: KindInfo(
        (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    FileKind.JPEG: KindInfo((".jpg", ".jpeg", ".jpe"), "image/jpeg"),
    FileKind.PNG: KindInfo((".png",), "image/png"),
}

DOCUMENT_KINDS: tuple[str, ...] = (
    FileKind.PDF,
    FileKind.OFD,
    FileKind.DOC,
    FileKind.DOCX,
    FileKind.XLS,
    FileKind.XLSX,
)
IMAGE_KINDS: tuple[str, ...] = (FileKind.JPEG, FileKind.PNG)
ALL_KINDS: tuple[str, ...] = DOCUMENT_KINDS + IMAGE_KINDS


def label(kind: str) -> str:
    return FileKind(kind).label


def extensions(kinds) -> list[str]:
    """Every extension a file of one of ``kinds`` may carry, in order."""
    return [ext for kind in kinds for ext in KIND_INFO[kind].extensions]


def accept_attribute(kinds) -> str:
    """The value of an ``<input type=file accept=…>`` for these kinds."""
    return ",".join(extensions(kinds))


def describe(kinds) -> str:
    """The kinds for a sentence, e.g. ``PDF、DOCX、PNG``."""
    return "、".join(KIND_INFO[kind].extensions[0].lstrip(".").upper() for kind in kinds)
