"""An upload of the officers' export waiting for its preview to be confirmed.

The file is kept (in the database, at most 30 MB) between the preview and the
confirmation so that what is applied is what was shown, on any worker; it is
emptied once applied or cancelled."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OfficerImport(models.Model):
    government = models.ForeignKey(
        "orgs.Government", verbose_name="地区", on_delete=models.CASCADE, related_name="+"
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name="导入部门", on_delete=models.CASCADE, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", on_delete=models.PROTECT, related_name="+"
    )
    filename = models.CharField("文件名", max_length=200)
    content = models.BinaryField("文件内容", editable=False)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    applied_at = models.DateTimeField("导入时间", null=True, blank=True)
    result = models.JSONField("导入结果", default=dict, blank=True)

    class Meta:
        verbose_name = "执法人员名录导入"
        verbose_name_plural = "执法人员名录导入"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.filename

    @property
    def access_department(self):
        return self.department
