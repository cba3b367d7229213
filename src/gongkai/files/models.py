"""Stored files: one row per upload, one blob per distinct content.

The blob lives in Django's default storage under a content-addressed name
(``files/ab/cd/<sha256>``): identical content is stored once, however many
rows (uploads) point at it. The original filename is kept for display and for
the download's ``Content-Disposition`` only; it is never part of a path.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .kinds import KIND_INFO, FileKind


def blob_path(sha256: str) -> str:
    """The storage name of the content with this SHA-256 (lower-case hex)."""
    return f"files/{sha256[:2]}/{sha256[2:4]}/{sha256}"


class TextProblem(models.TextChoices):
    """Why the text of a file is missing or partial (``extraction``)."""

    NONE = "", "无"
    TOO_LARGE = "too_large", "内容超过提取上限，只提取了前面部分"
    UNREADABLE = "unreadable", "文件无法读取（损坏或加密）"
    MEMORY = "memory", "提取超出内存上限"
    TIMEOUT = "timeout", "提取超时"
    CRASHED = "crashed", "提取进程异常退出"


class StoredFile(models.Model):
    blob = models.FileField("文件", max_length=255)
    original_name = models.CharField("文件名", max_length=255)
    kind = models.CharField("类型", max_length=8, choices=FileKind.choices)
    mime_type = models.CharField("MIME 类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    created_at = models.DateTimeField("上传时间", default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="uploaded_files",
    )
    extracted_text = models.TextField("提取的文本", blank=True)
    text_extracted_at = models.DateTimeField("文本提取时间", null=True, blank=True)
    # Set with text_extracted_at when extraction failed or stopped at a limit; never retried.
    text_problem = models.CharField(
        "文本提取问题", max_length=16, choices=TextProblem.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def extension(self) -> str:
        return KIND_INFO[self.kind].extensions[0]

    @property
    def size_display(self) -> str:
        return format_size(self.size)


def format_size(size: int) -> str:
    """``532 字节``, ``12.5 KB``, ``3 MB`` (binary units, as upload limits are stated)."""
    if size < 1024:
        return f"{size} 字节"
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2)):
        if size >= scale:
            return f"{round(size / scale, 1):g} {unit}"
    return f"{round(size / 1024, 1):g} KB"
