"""Files of an application and the formal notices (告知书) the agency issues."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .applications import Application


class FilePurpose(models.TextChoices):
    ID_COPY = "id_copy", "身份证明复印件"
    AUTHORISATION = "authorisation", "授权委托书"
    SUPPORTING = "supporting", "其他申请材料"
    CORRECTION = "correction", "补正材料"
    PAYMENT = "payment", "缴费凭证"
    DISCLOSED = "disclosed", "公开的政府信息"


APPLICANT_PURPOSES = frozenset(
    {
        FilePurpose.ID_COPY,
        FilePurpose.AUTHORISATION,
        FilePurpose.SUPPORTING,
        FilePurpose.CORRECTION,
        FilePurpose.PAYMENT,
    }
)


class ApplicationFile(models.Model):
    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="files"
    )
    file = models.ForeignKey(
        "files.StoredFile", verbose_name="文件", on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField("用途", max_length=16, choices=FilePurpose.choices)
    from_applicant = models.BooleanField("申请人提交", default=False)
    added_at = models.DateTimeField("添加时间", default=timezone.now)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="添加人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}：{self.file}"


class NoticeKind(models.TextChoices):
    CORRECTION = "correction", "补正申请告知书"
    EXTENSION = "extension", "延长答复期限告知书"
    FEE = "fee", "收取信息处理费通知书"
    CONSULTATION = "consultation", "征求第三方意见书"
    ART35 = "art35", "说明理由告知书"
    REPLY = "reply", "政府信息公开申请答复书"


class FormalNoticeState(models.TextChoices):
    ISSUED = "issued", "已出具"
    VOID = "void", "已作废"


class FormalNotice(models.Model):
    """A formal written notice to the applicant (or a third party), with its 文号.

    The text is fixed when issued; ``docx`` and ``pdf`` are generated from it
    (``gongkai.applications.documents``) and kept as stored files so the
    applicant downloads exactly what was issued.
    """

    application = models.ForeignKey(
        Application, verbose_name="申请", on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField("文书类型", max_length=16, choices=NoticeKind.choices)
    number = models.CharField("文号", max_length=60, unique=True)
    title = models.CharField("标题", max_length=100)
    addressee = models.CharField("送达对象", max_length=100)
    body = models.TextField("正文")
    issued_on = models.DateField("日期")
    state = models.CharField(
        "状态",
        max_length=16,
        choices=FormalNoticeState.choices,
        default=FormalNoticeState.ISSUED,
    )
    public = models.BooleanField("申请人可下载", default=True)
    docx = models.ForeignKey(
        "files.StoredFile",
        verbose_name="DOCX",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pdf = models.ForeignKey(
        "files.StoredFile",
        verbose_name="PDF",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="出具人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "告知书"
        verbose_name_plural = "告知书"
        ordering = ["issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def access_department(self):
        return self.application.department
