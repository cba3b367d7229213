"""任务分解 (task decomposition): the year's 政务公开工作要点 split into tasks, each with
its lead and co-operating departments, 公开范围, 公开主体, 公开形式, 公开时限 and
the evidence that proves it done; the departments' progress reports (落实情况)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class WorkPlan(models.Model):
    government = models.ForeignKey(
        "orgs.Government", verbose_name="政府", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("名称", max_length=200, help_text="如 2016年天水市政务公开工作要点")
    source_url = models.CharField(
        "文件链接", max_length=300, blank=True, help_text="公开目录中工作要点原文的地址"
    )
    published = models.BooleanField("公开落实情况", default=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "工作要点"
        verbose_name_plural = "工作要点"
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["government", "title"], name="work_plan_title_once")
        ]

    def __str__(self) -> str:
        return self.title


class TaskState(models.TextChoices):
    OPEN = "open", "落实中"
    REPORTED = "reported", "已报送完成，待确认"
    DONE = "done", "已完成"


class Task(models.Model):
    plan = models.ForeignKey(
        WorkPlan, verbose_name="工作要点", on_delete=models.CASCADE, related_name="tasks"
    )
    number = models.PositiveSmallIntegerField("序号")
    title = models.CharField("任务", max_length=300)
    content = models.TextField("具体要求", blank=True)
    lead = models.ForeignKey(
        "orgs.Department", verbose_name="牵头部门", on_delete=models.PROTECT, related_name="+"
    )
    co_departments = models.ManyToManyField(
        "orgs.Department", verbose_name="配合部门", blank=True, related_name="+"
    )
    scope = models.CharField("公开范围", max_length=200, blank=True)
    publisher = models.CharField("公开主体", max_length=200, blank=True)
    form = models.CharField("公开形式", max_length=200, blank=True)
    due_on = models.DateField("公开时限")
    evidence_required = models.CharField("完成佐证", max_length=300, blank=True)
    state = models.CharField(
        "状态", max_length=16, choices=TaskState.choices, default=TaskState.OPEN, db_index=True
    )
    done_on = models.DateField("完成日期", null=True, blank=True)

    class Meta:
        verbose_name = "分解任务"
        verbose_name_plural = "分解任务"
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="task_number_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def access_departments(self) -> list:
        """The lead department and every co-operating one (``gongkai.access``)."""
        return [self.lead, *self.co_departments.all()]

    def overdue_on(self, today) -> bool:
        return self.state != TaskState.DONE and today > self.due_on


class TaskReport(models.Model):
    """A department's report of progress (落实情况), with links to its evidence."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="reports"
    )
    department = models.ForeignKey(
        "orgs.Department", verbose_name="报送部门", on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField("落实情况")
    evidence = models.JSONField("佐证链接", default=list, blank=True)
    completed = models.BooleanField("报告完成", default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报送人", on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField("报送时间", auto_now_add=True)

    class Meta:
        verbose_name = "落实情况"
        verbose_name_plural = "落实情况"
        ordering = ["reported_at", "id"]

    def __str__(self) -> str:
        return f"{self.task} · {self.department}"
