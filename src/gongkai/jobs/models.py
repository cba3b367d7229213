"""The log of scheduled runs.

Schedules themselves exist only in code (``gongkai.jobs.registry``); this table
records which slot of which schedule has been enqueued. The unique constraint
on (name, slot) is what makes several workers enqueue each slot exactly once.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class ScheduleRun(models.Model):
    name = models.CharField("计划任务", max_length=200)
    slot = models.DateTimeField("计划时间")
    enqueued_at = models.DateTimeField("排队时间", default=timezone.now)
    task_result_id = models.CharField("任务编号", max_length=64, blank=True)

    class Meta:
        verbose_name = "计划任务运行记录"
        verbose_name_plural = "计划任务运行记录"
        ordering = ["-slot", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "slot"], name="jobs_schedulerun_once_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.name} @ {timezone.localtime(self.slot):%Y-%m-%d %H:%M}"
