"""Schedules declared in code.

Apply ``scheduled`` on top of a django-tasks ``@task``::

    @scheduled("5 0 * * *", name="workdays.mark_overdue")
    @task()
    def mark_overdue_clocks() -> int: ...

Modules named ``jobs`` in every installed gongkai app are imported by the
worker so their schedules are known. Times are Asia/Shanghai. A scheduled task
takes no arguments and must be safe to run twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from croniter import croniter

SCHEDULES: dict[str, Schedule] = {}


@dataclass(frozen=True)
class Schedule:
    name: str
    cron: str
    task: Any  # a django_tasks Task


def scheduled(cron: str, *, name: str | None = None):
    if not croniter.is_valid(cron):
        raise ValueError(f"Invalid cron expression for a schedule: {cron!r}")

    def decorate(task_obj):
        key = name or task_obj.module_path
        SCHEDULES[key] = Schedule(name=key, cron=cron, task=task_obj)
        return task_obj

    return decorate
