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


class WorkerHeartbeat(models.Model):
    """A running job worker's lease: refreshed every few seconds while it lives.

    Times are the database's clock. A RUNNING job whose worker's row is
    missing or stale is returned to the queue (``gongkai.jobs.lease``).
    """

    worker_id = models.CharField("任务进程编号", max_length=64, primary_key=True)
    hostname = models.CharField("主机名", max_length=255)
    pid = models.PositiveIntegerField("进程号")
    started_at = models.DateTimeField("启动时间")
    last_seen = models.DateTimeField("最近心跳", db_index=True)

    class Meta:
        verbose_name = "后台任务进程"
        verbose_name_plural = "后台任务进程"
        ordering = ["hostname", "pid"]

    def __str__(self) -> str:
        return f"{self.hostname} pid {self.pid}"
