"""Accepting uploads: the checks, and storing what passed them.

``store_upload(uploaded_file, allowed_kinds=DOCUMENT_KINDS)`` is the one way a
module keeps a file a person sent. It refuses with ``FileRejected`` (a
``DomainError`` with a Chinese message) when the file is empty, larger than
the limit, or its content is not one of the allowed kinds or contradicts its
extension; otherwise it hashes the content in chunks, writes the blob once per
distinct content, writes the row and an audit event, and schedules text
extraction after commit. Forms use the same checks through
``forms.AttachmentField`` (``inspect_upload`` without storing).

The kind is decided by content alone (``sniffing``); the extension must then
be one that kind may carry, and the browser's MIME type is ignored.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from gongkai.audit import services as audit
from gongkai.core.errors import DomainError

from .kinds import ALL_KINDS, DOCUMENT_KINDS, IMAGE_KINDS, KIND_INFO, FileKind, describe
from .models import StoredFile, blob_path, format_size
from .sniffing import sniff

logger = logging.getLogger("gongkai.files")

__all__ = [
    "ALL_KINDS",
    "DOCUMENT_KINDS",
    "EXTRACTABLE_KINDS",
    "IMAGE_KINDS",
    "FileRejected",
    "Inspection",
    "inspect_upload",
    "sanitize_filename",
    "store_upload",
]

CHUNK_SIZE = 64 * 1024
NAME_MAX = 255
# Kinds whose text ``extraction.extract_text`` can read; the others get "" at once.
EXTRACTABLE_KINDS = frozenset({FileKind.PDF, FileKind.DOCX, FileKind.XLSX})


class FileRejected(DomainError):
    """An upload refused; ``message`` says why, in Chinese, naming the file."""

    def __init__(self, message: str, *, code: str = "file_rejected"):
        super().__init__(message, code=code)

    def as_validation_error(self) -> ValidationError:
        """The same refusal for a Django form field."""
        return ValidationError(self.message, code=self.code)


# -- filenames ------------------------------------------------------------------

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')


def sanitize_filename(name: str) -> str:
    """A filename fit for display and for ``Content-Disposition``; never a path.

    Directories are dropped (``../../etc/x.pdf`` → ``x.pdf``), control and
    reserved characters become ``_``, whitespace runs become one space, leading
    dots go, and long names are shortened keeping the extension.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(
        "_" if _UNSAFE.match(ch) or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
        for ch in name
    )
    name = re.sub(r"\s+", " ", name).strip().lstrip(".").strip()
    if len(name) > NAME_MAX:
        stem, ext = os.path.splitext(name)
        ext = ext[:16]
        name = stem[: NAME_MAX - len(ext)].rstrip() + ext
    return name


def _extension(name: str) -> str:
    return os.path.splitext(name)[1].lower()


# -- the checks -------------------------------------------------------------------


@dataclass(frozen=True)
class Inspection:
    """An upload that passed every check."""

    kind: str
    mime_type: str
    size: int
    display_name: str


def _size_of(uploaded_file) -> int:
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, os.SEEK_END)
        size = uploaded_file.tell()
        uploaded_file.seek(0)
    return int(size)


def inspect_upload(uploaded_file, *, allowed_kinds=DOCUMENT_KINDS, max_bytes=None) -> Inspection:
    """Check an upload without storing it; raise ``FileRejected`` with the reason.

    ``uploaded_file`` is a Django ``File`` (an ``UploadedFile`` from
    ``request.FILES``, or ``File``/``ContentFile`` with a ``name``).
    ``max_bytes`` defaults to ``settings.UPLOAD_MAX_BYTES``.
    """
    allowed = tuple(allowed_kinds)
    unknown = [kind for kind in allowed if kind not in KIND_INFO]
    if not allowed or unknown:
        raise ValueError(f"allowed_kinds must be kinds from gongkai.files.kinds, not {unknown}")
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else int(max_bytes)
    name = sanitize_filename(getattr(uploaded_file, "name", "") or "")
    shown = f"“{name}”" if name else ""

    size = _size_of(uploaded_file)
    if size == 0:
        raise FileRejected(f"文件{shown}是空文件（0 字节），请检查后重新上传。", code="file_empty")
    if size > max_bytes:
        raise FileRejected(
            f"文件{shown}大小为 {format_size(size)}，超过了 {format_size(max_bytes)} 的上限，"
            "请压缩或拆分后重新上传。",
            code="file_too_large",
        )

    sniffed = sniff(uploaded_file)
    if sniffed.problem:
        raise FileRejected(f"文件{shown}未被接收：{sniffed.problem}", code=sniffed.problem_code)
    accepted = describe(allowed)
    if sniffed.kind is None:
        raise FileRejected(
            f"文件{shown}的内容是{sniffed.description}，不是允许上传的类型。此处只接受 {accepted} 文件。",
            code="file_type",
        )
    if sniffed.kind not in allowed:
        raise FileRejected(
            f"文件{shown}是{sniffed.description}，此处只接受 {accepted} 文件。",
            code="file_type",
        )
    info = KIND_INFO[sniffed.kind]
    extension = _extension(name)
    if extension and extension not in info.extensions:
        raise FileRejected(
            f"文件{shown}的扩展名是 {extension}，但内容是{sniffed.description}，二者不符，"
            f"未被接收。请确认文件无误，并使用正确的扩展名（{info.extensions[0]}）重新上传。",
            code="file_mismatch",
        )
    if not extension:
        name = f"{name or '附件'}{info.extensions[0]}"
    return Inspection(kind=sniffed.kind, mime_type=info.mime_type, size=size, display_name=name)


# -- storing ----------------------------------------------------------------------


def _hash(uploaded_file, max_bytes: int) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    for chunk in uploaded_file.chunks(CHUNK_SIZE):
        size += len(chunk)
        if size > max_bytes:
            # The declared size was wrong (a File whose content grew): refuse all the same.
            raise FileRejected(
                f"文件大小超过了 {format_size(max_bytes)} 的上限，请压缩或拆分后重新上传。",
                code="file_too_large",
            )
        digest.update(chunk)
    return digest.hexdigest(), size


def _save_blob(path: str, uploaded_file, size: int) -> None:
    """Write the content under its content-addressed name, unless it is there already."""
    storage = default_storage
    if storage.exists(path):
        if storage.size(path) == size:
            return
        # A blob cut short (a crash while writing): replace it.
        logger.warning(
            "Replacing blob %s: stored %d bytes, expected %d", path, storage.size(path), size
        )
        storage.delete(path)
    uploaded_file.seek(0)
    saved = storage.save(path, uploaded_file)
    if saved != path:
        # A concurrent upload of the same content wrote ``path`` first; the
        # content is identical, so keep theirs and drop our copy.
        storage.delete(saved)


def _enqueue_extraction(file_id: int) -> None:
    from .jobs import extract_text_job

    extract_text_job.enqueue(file_id)


def store_upload(uploaded_file, *, allowed_kinds, max_bytes=None, uploaded_by=None) -> StoredFile:
    """Check, hash and store an upload; return its new ``StoredFile`` row.

    Identical content is stored once (one blob) however often it is uploaded;
    each upload still gets its own row with its own name and uploader. Text
    extraction (PDF, DOCX, XLSX) runs as a job after the caller's transaction
    commits, or is copied at once from an earlier upload of the same content.
    """
    max_bytes = settings.UPLOAD_MAX_BYTES if max_bytes is None else int(max_bytes)
    checked = inspect_upload(uploaded_file, allowed_kinds=allowed_kinds, max_bytes=max_bytes)
    sha256, size = _hash(uploaded_file, max_bytes)
    path = blob_path(sha256)
    _save_blob(path, uploaded_file, size)
    user = uploaded_by if getattr(uploaded_by, "is_authenticated", False) else None

    with transaction.atomic():
        stored = StoredFile(
            original_name=checked.display_name,
            kind=checked.kind,
            mime_type=checked.mime_type,
            size=size,
            sha256=sha256,
            uploaded_by=user,
        )
        stored.blob.name = path
        twin = (
            StoredFile.objects.filter(sha256=sha256, text_extracted_at__isnull=False)
            .only("extracted_text", "text_extracted_at", "text_problem")
            .first()
        )
        if twin is not None:
            stored.extracted_text = twin.extracted_text
            stored.text_problem = twin.text_problem
            stored.text_extracted_at = twin.text_extracted_at
        elif checked.kind not in EXTRACTABLE_KINDS:
            stored.text_extracted_at = timezone.now()
        stored.save()
        audit.record(
            "files.store",
            actor=user,
            obj=stored,
            after={
                "name": stored.original_name,
                "kind": stored.kind,
                "size": size,
                "sha256": sha256,
            },
        )
        if stored.text_extracted_at is None:
            transaction.on_commit(partial(_enqueue_extraction, stored.pk), robust=True)
    return stored
